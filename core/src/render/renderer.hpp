// Renders Documents into files through pandoc (and WeasyPrint for PDF), each written to a
// temporary file and renamed into place, so a failure never leaves a half-written output.
#pragma once

#include "render/pandoc_ast.hpp"
#include "support/problem.hpp"
#include "support/process.hpp"

#include <coachkit/artifact.hpp>
#include <coachkit/document.hpp>
#include <coachkit/format.hpp>
#include <coachkit/paper.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace coachkit {

class BatchOutputs;
class PandocBatch;
class PdfWorkers;
struct BatchDocument;

// The look of the outputs, kept apart from the words: CSS for the formats styled by CSS, and
// the reference documents the format table names (reference.docx, …) when the theme has them.
struct Theme {
  std::string name;
  std::string directory;
  std::string css;
  std::map<Format, std::string> reference_documents;  // paths; a format absent: pandoc's own

  // The reference document for `format`, or "" for pandoc's default.
  std::string reference_document(Format format) const {
    auto found = reference_documents.find(format);
    return found == reference_documents.end() ? std::string() : found->second;
  }
};

// coachkit's layout stylesheet (core/css/layout.css, embedded): what worksheets, scorecards, cards
// and posters need on paper whatever the theme. HTML and PDF carry it before the theme's CSS.
const std::string& layout_css();

// The CSS for a page set-up: the @page rule (size, margin, bleed, crop marks), and sections of
// class "page" as pages of their own.
std::string page_css(const PageSetup& page);
// An EPUB's package identifier for the pandoc input `input`: a uuid URN made from its digest,
// so the same document is the same book (and its bytes do not change from run to run).
std::string content_identifier(const std::string& input);
// The CSS for a flowing document printed on the build's paper: the theme's @page rule, at
// that size.
std::string paper_css(const PaperSize& paper);

// Reads THEME_DIR/style.css (and the reference documents of the format table when present); a
// problem (origin Usage: the theme is chosen on the command line or in the project) when the
// theme cannot serve.
std::optional<Problem> load_theme(const std::string& directory, Theme* theme);

class Renderer {
 public:
  explicit Renderer(ProcessRunner& runner, double timeout_seconds = 120);
  ~Renderer();

  // Finds pandoc (COACHKIT_PANDOC or PATH) and reads its version and AST API version.
  std::optional<Problem> detect_pandoc();
  // Finds WeasyPrint (COACHKIT_WEASYPRINT or PATH); needed for PDF only. PDFs go through
  // `worker_script` (coachkit-pdf-worker.py) run by WeasyPrint's own Python, whose URL fetcher
  // keeps a theme to its own files: long-lived workers, or with COACHKIT_PDF_WORKERS=0 (or
  // when they cannot start) one process per PDF. The weasyprint command itself, which cannot
  // be confined, is never used to render.
  std::optional<Problem> detect_weasyprint(const std::string& worker_script = {});

  const std::string& pandoc_version() const { return pandoc_version_; }
  const PandocApiVersion& api_version() const { return api_; }
  const std::string& weasyprint_version() const { return weasyprint_version_; }

  // The date written into the outputs that carry one (DOCX and ODT properties and their zip
  // entries, the PDF's creation and modification dates, the dates in its embedded fonts), in
  // seconds since 1970 UTC. Set it and every byte of every output is a function of the
  // document, the theme, the tools' versions and this date; unset, those dates come from the
  // clock (or from SOURCE_DATE_EPOCH in coachkit's own environment). Set before rendering.
  void set_source_date(std::int64_t epoch_seconds) { source_date_ = epoch_seconds; }
  const std::optional<std::int64_t>& source_date() const { return source_date_; }

  // The exact bytes pandoc will read for this document and format; a page set-up becomes the
  // @page rule of HTML and PDF; without one, `paper` is the size of the theme's page.
  // `source_date`, when given, is this document's date instead of the renderer's (a coaching
  // report carries its latest evaluation's); render_input must then be given the same.
  std::string pandoc_input(const Document& document, Format format, const Theme& theme,
                           const PageSetup* page = nullptr, const PaperSize* paper = nullptr,
                           std::optional<std::int64_t> source_date = std::nullopt) const;

  // Each of these returns nothing when the file was written, else the problem (origin Tool:
  // a tool failed or could not be found).
  std::optional<Problem> render(const Document& document, Format format, const Theme& theme,
                                const std::string& destination);
  // The same, from pandoc_input() already computed (the build fingerprints it first).
  // `fit_to_one_page` (PDF only) scales the text until the document fills exactly one page.
  // With `smallest_font_pt`, text that would fit only below it is refused: a problem of origin
  // Content saying how much to cut. `office_page` (DOCX and ODT) is the paper, orientation and
  // margins written into the file.
  std::optional<Problem> render_input(const std::string& input, Format format, const Theme& theme,
                                      const std::string& destination, bool fit_to_one_page = false,
                                      double smallest_font_pt = 0,
                                      const PageSetup* office_page = nullptr,
                                      std::optional<std::int64_t> source_date = std::nullopt);
  // Many documents per pandoc process (render/pandoc_batch.hpp) through `script`
  // (coachkit-pandoc-batch.lua); without it, with COACHKIT_PANDOC_BATCH=0 or with a pandoc older
  // than 2.17, every document is rendered alone. After detect_pandoc.
  void enable_batches(const std::string& script);
  bool batches_enabled() const { return !batch_script_.empty(); }
  // Runs pandoc once for `documents`, all in `format` and `theme`; while the batch lives, each
  // output it made waits for render_input of the same input and destination, which then skips
  // pandoc. Its `problems` say which documents it did not make (render_input renders those alone).
  // `source_date` as for render_input.
  std::unique_ptr<PandocBatch> render_batch(const std::vector<BatchDocument>& documents,
                                            Format format, const Theme& theme,
                                            std::optional<std::int64_t> source_date = std::nullopt);
  // A PNG picture of a PDF's first page (pdftoppm), written atomically.
  std::optional<Problem> preview(const std::string& pdf, const std::string& png);

 private:
  // SOURCE_DATE_EPOCH for pandoc and WeasyPrint, when a date is set.
  Environment tool_environment(const std::optional<std::int64_t>& date) const;
  // The document's own date, else the renderer's.
  std::optional<std::int64_t> date_of(const std::optional<std::int64_t>& own) const {
    return own ? own : source_date_;
  }
  // pandoc's command line for a document in `format` and `theme`, up to its own options.
  std::vector<std::string> pandoc_arguments(Format format, const Theme& theme) const;

  ProcessRunner& runner_;
  double timeout_seconds_;
  std::string pandoc_ = "pandoc";
  std::string weasyprint_ = "weasyprint";
  std::string python_;         // WeasyPrint's own Python, "" when it is not a Python script
  std::string worker_script_;  // coachkit-pdf-worker.py
  std::string pandoc_version_;
  std::string weasyprint_version_;
  PandocApiVersion api_;
  std::optional<std::int64_t> source_date_;
  std::unique_ptr<PdfWorkers> pdf_workers_;
  std::once_flag workers_started_;
  bool workers_ready_ = false;
  std::string batch_script_;  // coachkit-pandoc-batch.lua, "" when batches are off
  std::unique_ptr<BatchOutputs> batch_outputs_;
};

}  // namespace coachkit
