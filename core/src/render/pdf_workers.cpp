#include "render/pdf_workers.hpp"

#include "support/process.hpp"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fstream>

namespace coachkit {

std::string script_interpreter(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string line;
  if (!std::getline(in, line) || line.rfind("#!", 0) != 0) return "";
  std::size_t start = line.find_first_not_of(" \t", 2);
  if (start == std::string::npos) return "";
  std::size_t end = line.find_first_of(" \t\r", start);
  return line.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

PdfWorkers::Worker::~Worker() {
  if (to_worker >= 0) close(to_worker);  // end of input: the worker exits by itself
  if (from_worker >= 0) close(from_worker);
  if (pid > 0) {
    int status = 0;
    for (int i = 0; i < 100 && waitpid(pid, &status, WNOHANG) == 0; ++i) usleep(10000);
    if (waitpid(pid, &status, WNOHANG) == 0) {
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
    }
  }
}

PdfWorkers::PdfWorkers(std::string python, std::string script, double timeout_seconds)
    : python_(std::move(python)), script_(std::move(script)), timeout_seconds_(timeout_seconds) {}

PdfWorkers::~PdfWorkers() = default;

std::unique_ptr<PdfWorkers::Worker> PdfWorkers::spawn(std::string* first_line,
                                                      std::optional<Problem>* problem) {
  int to[2], from[2];
  if (pipe2(to, O_CLOEXEC) != 0) {
    *problem = tool_error(std::string("cannot create a pipe: ") + std::strerror(errno));
    return nullptr;
  }
  if (pipe2(from, O_CLOEXEC) != 0) {
    *problem = tool_error(std::string("cannot create a pipe: ") + std::strerror(errno));
    close(to[0]);
    close(to[1]);
    return nullptr;
  }
  auto worker = std::make_unique<Worker>();
  int rc =
      spawn_process(python_, {python_, script_}, to[0], from[1], -1, &worker->pid, &worker->guard);
  close(to[0]);
  close(from[1]);
  worker->to_worker = to[1];
  worker->from_worker = from[0];
  if (rc != 0) {
    worker->pid = -1;
    *problem = tool_error("cannot start " + python_ + ": " + std::strerror(rc));
    return nullptr;
  }
  if ((*problem = read_line(*worker, first_line))) return nullptr;
  return worker;
}

std::optional<Problem> PdfWorkers::read_line(Worker& worker, std::string* line) {
  auto deadline = std::chrono::steady_clock::now() +
                  std::chrono::milliseconds(static_cast<long>(timeout_seconds_ * 1000));
  char buffer[4096];
  for (;;) {
    std::size_t newline = worker.pending.find('\n');
    if (newline != std::string::npos) {
      *line = worker.pending.substr(0, newline);
      worker.pending.erase(0, newline + 1);
      return std::nullopt;
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now())
                    .count();
    if (left <= 0) {
      kill(-worker.pid, SIGKILL);
      return tool_error("the PDF worker did not answer within " + std::to_string(timeout_seconds_) +
                        " s and was stopped");
    }
    pollfd fd{worker.from_worker, POLLIN, 0};
    int ready = poll(&fd, 1, static_cast<int>(std::min<long long>(left, 1000)));
    if (ready < 0 && errno != EINTR) {
      return tool_error(std::string("cannot wait for the PDF worker: ") + std::strerror(errno));
    }
    if (ready <= 0) continue;
    ssize_t n = read(worker.from_worker, buffer, sizeof buffer);
    if (n > 0) {
      worker.pending.append(buffer, static_cast<std::size_t>(n));
    } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
      return tool_error("the PDF worker ended unexpectedly");
    }
  }
}

std::optional<Problem> PdfWorkers::start(std::string* version) {
  std::string hello;
  std::optional<Problem> problem;
  std::unique_ptr<Worker> worker = spawn(&hello, &problem);
  if (!worker) return problem;
  auto json = nlohmann::json::parse(hello, nullptr, false);
  if (!json.is_object() || !json.value("ready", false)) {
    return tool_error("the PDF worker cannot use WeasyPrint (" + hello + ")");
  }
  *version = json.value("version", "");
  std::lock_guard<std::mutex> lock(mutex_);
  idle_.push_back(std::move(worker));
  return std::nullopt;
}

namespace {

std::string render_request(const std::string& html, const std::string& pdf,
                           const std::string& base_url, bool fit_to_one_page,
                           double smallest_font_pt) {
  nlohmann::json request{
      {"html", html}, {"pdf", pdf}, {"base_url", base_url}, {"fit_to_one_page", fit_to_one_page}};
  if (smallest_font_pt > 0) request["smallest_font_pt"] = smallest_font_pt;
  return request.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The request with the environment it is made in, as one line.
std::string request_line(const std::string& request_json, const Environment& env) {
  auto request_object = nlohmann::json::parse(request_json);
  nlohmann::json environment = nlohmann::json::object();
  for (const auto& [name, value] : env) environment[name] = value;
  request_object["environment"] = environment;
  return request_object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

// A worker's answer: nothing when it rendered; otherwise why, of origin Content when the
// content is at fault (text that cannot fit) and Tool when WeasyPrint is.
std::optional<Problem> read_answer(const std::string& answer) {
  auto json = nlohmann::json::parse(answer, nullptr, false);
  bool ok = json.is_object() && json.value("ok", false);
  if (ok) return std::nullopt;
  bool content = json.is_object() && json.value("content", false);
  std::string said = json.is_object() ? json.value("error", answer) : answer;
  if (content) return Problem(SourcePosition{}, said, Severity::Error, Origin::Content);
  return tool_error("WeasyPrint failed: " + said);
}

std::optional<Problem> run_once(const OnePdfProcess& process, const std::string& request_json,
                                const Environment& env) {
  Command once{{process.python, process.script, "--once"},
               request_line(request_json, env),
               process.timeout_seconds};
  CommandResult result = process.runner.run(once);
  if (!result.ok()) {
    return tool_error("the PDF process " + result.describe(once) + ": " +
                      result.errors.substr(0, 2000));
  }
  // The first line says whether WeasyPrint could be imported, the last answers the request.
  std::string output = result.output;
  while (!output.empty() && output.back() == '\n') output.pop_back();
  return read_answer(output.substr(output.rfind('\n') + 1));
}

}  // namespace

std::optional<Problem> render_pdf_once(const OnePdfProcess& process, const std::string& html,
                                       const std::string& pdf, const std::string& base_url,
                                       bool fit_to_one_page, const Environment& env,
                                       double smallest_font_pt) {
  return run_once(process, render_request(html, pdf, base_url, fit_to_one_page, smallest_font_pt),
                  env);
}

std::optional<Problem> PdfWorkers::render(const std::string& html, const std::string& pdf,
                                          const std::string& base_url, bool fit_to_one_page,
                                          const Environment& env, double smallest_font_pt) {
  return exchange(render_request(html, pdf, base_url, fit_to_one_page, smallest_font_pt), env);
}

std::optional<Problem> PdfWorkers::exchange(const std::string& request_json,
                                            const Environment& env) {
  std::unique_ptr<Worker> worker;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      worker = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (!worker) {
    std::string hello;
    std::optional<Problem> problem;
    worker = spawn(&hello, &problem);
    if (!worker) return problem;
  }
  // A worker lives for many requests (and may start before the date is set), so the
  // environment travels with each request rather than with the worker's start.
  std::string request = request_line(request_json, env);
  std::size_t written = 0;
  while (written < request.size()) {
    ssize_t n = write(worker->to_worker, request.data() + written, request.size() - written);
    if (n < 0 && errno == EINTR) continue;
    // The worker is dropped, and ended by its destructor.
    if (n <= 0) return tool_error("the PDF worker stopped taking requests");
    written += static_cast<std::size_t>(n);
  }
  std::string answer;
  if (auto problem = read_line(*worker, &answer)) return problem;
  std::optional<Problem> problem = read_answer(answer);
  std::lock_guard<std::mutex> lock(mutex_);
  idle_.push_back(std::move(worker));
  return problem;
}

}  // namespace coachkit
