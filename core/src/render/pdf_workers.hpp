// Long-lived WeasyPrint processes that turn HTML files into PDF. Each PDF through the
// weasyprint command pays about 0.6 s of start-up; a worker pays it once per build.
#pragma once

#include "support/interruption.hpp"
#include "support/problem.hpp"
#include "support/process.hpp"

#include <sys/types.h>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace coachkit {

class PdfWorkers {
 public:
  // `python` runs `script` (coachkit-pdf-worker.py); each request may take `timeout_seconds`.
  PdfWorkers(std::string python, std::string script, double timeout_seconds);
  ~PdfWorkers();
  PdfWorkers(const PdfWorkers&) = delete;
  PdfWorkers& operator=(const PdfWorkers&) = delete;

  // Starts a first worker to learn WeasyPrint's version; the problem when that fails.
  std::optional<Problem> start(std::string* version);

  // Renders `html` into `pdf`; safe to call from several threads at once (one worker each).
  // With `fit_to_one_page`, the root font size is searched so the text fills exactly one page.
  // `env` is set in the worker's environment for this request only (e.g. SOURCE_DATE_EPOCH).
  // With `smallest_font_pt` > 0, text that fits only below it is refused: a problem of origin
  // Content saying how much to cut (a failure of WeasyPrint or the worker is of origin Tool).
  std::optional<Problem> render(const std::string& html, const std::string& pdf,
                                const std::string& base_url, bool fit_to_one_page,
                                const Environment& env = {}, double smallest_font_pt = 0);

 private:
  struct Worker {
    pid_t pid = -1;
    int to_worker = -1;
    int from_worker = -1;
    std::string pending;  // read but not yet returned
    std::optional<ScopedChild> guard;
    ~Worker();
  };

  // Sends one request (a JSON object) and reads its answer.
  std::optional<Problem> exchange(const std::string& request_json, const Environment& env);
  // A started worker and its first line, or nullptr and the problem.
  std::unique_ptr<Worker> spawn(std::string* first_line, std::optional<Problem>* problem);
  // One line from the worker, or the problem when the deadline passes or it ends first.
  std::optional<Problem> read_line(Worker& worker, std::string* line);

  std::string python_;
  std::string script_;
  double timeout_seconds_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Worker>> idle_;
};

// One PDF in a process of its own (`python script --once`), for COACHKIT_PDF_WORKERS=0: the
// request, the answer and the URL fetcher that confines what a theme may read are a worker's.
struct OnePdfProcess {
  ProcessRunner& runner;
  std::string python;
  std::string script;
  double timeout_seconds;
};
// The arguments are PdfWorkers::render's.
std::optional<Problem> render_pdf_once(const OnePdfProcess& process, const std::string& html,
                                       const std::string& pdf, const std::string& base_url,
                                       bool fit_to_one_page, const Environment& env = {},
                                       double smallest_font_pt = 0);

// The interpreter named on a script's first line ("#!/usr/bin/python3"), or "".
std::string script_interpreter(const std::string& path);

}  // namespace coachkit
