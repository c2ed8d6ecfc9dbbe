#include "render/renderer.hpp"

#include "render/docx_pictures.hpp"
#include "render/office_page.hpp"
#include "render/pandoc_batch.hpp"
#include "render/pdf_workers.hpp"
#include "render/table_rules.hpp"
#include "support/atomic_file.hpp"
#include "support/interruption.hpp"
#include "support/sha256.hpp"
#include "zip/zip_dates.hpp"
#include "zip/zip_entries.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace coachkit {

std::optional<Problem> load_theme(const std::string& directory, Theme* theme) {
  fs::path dir(directory);
  std::ifstream css(dir / "style.css", std::ios::binary);
  if (!css) return usage_error("theme " + directory + " has no readable style.css");
  std::ostringstream text;
  text << css.rdbuf();
  // The CSS is placed inside a <style> element: it must not be able to close it.
  std::string lower = text.str();
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower.find("</style") != std::string::npos) {
    return usage_error("theme " + directory +
                       ": style.css contains \"</style\", which would end the style "
                       "element it is placed in");
  }
  theme->name = dir.filename().string();
  theme->directory = directory;
  theme->css = text.str();
  std::error_code ec;
  auto reference = [&](const char* name) {
    fs::path path = dir / name;
    return fs::is_regular_file(path, ec) ? path.string() : std::string();
  };
  theme->reference_documents.clear();
  for (const FormatInfo& format : kFormats) {
    if (!*format.reference_document) continue;
    std::string path = reference(format.reference_document);
    if (!path.empty()) theme->reference_documents[format.format] = path;
  }
  return std::nullopt;
}

namespace {

std::string program_from_env(const char* variable, const char* fallback) {
  const char* value = std::getenv(variable);
  return value && *value ? value : fallback;
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

// The end of a tool's error output: what it said last is what explains the failure.
std::string tail(const std::string& text, std::size_t max_lines = 15) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  std::string out;
  std::size_t start = lines.size() > max_lines ? lines.size() - max_lines : 0;
  for (std::size_t i = start; i < lines.size(); ++i) out += "\n    " + lines[i];
  return out;
}

std::string failure(const Command& command, const CommandResult& result) {
  return result.describe(command) + tail(result.errors);
}

std::string millimetres(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3fmm", value);
  return buffer;
}

// "2024-03-01T09:30:00Z", as W3C dates are written.
std::string w3c_date(std::int64_t epoch_seconds) {
  std::time_t t = static_cast<std::time_t>(epoch_seconds);
  std::tm utc{};
  char text[32] = "";
  if (gmtime_r(&t, &utc)) std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

bool has_level_one(const Blocks& blocks) {
  for (const Block& b : blocks) {
    if (b.kind == Block::Kind::Heading && b.level == 1) return true;
    if (has_level_one(b.children)) return true;
    for (const Blocks& item : b.items) {
      if (has_level_one(item)) return true;
    }
  }
  return false;
}

void shift_headings(Blocks* blocks) {
  for (Block& b : *blocks) {
    if (b.kind == Block::Kind::Heading) b.level = std::min(6, b.level + 1);
    shift_headings(&b.children);
    for (Blocks& item : b.items) shift_headings(&item);
  }
}

// The language pandoc's JSON document carries in its metadata, or "".
std::string meta_language(const std::string& input) {
  auto json = nlohmann::json::parse(input, nullptr, false);
  if (json.is_discarded() || !json.contains("meta")) return "";
  const auto& meta = json["meta"];
  if (!meta.contains("lang") || !meta["lang"].contains("c") || !meta["lang"]["c"].is_string()) {
    return "";
  }
  return meta["lang"]["c"].get<std::string>();
}

std::optional<Problem> label_pptx_language(const std::string& input, const std::string& path) {
  std::string language = meta_language(input);
  bool usable = !language.empty() && std::all_of(language.begin(), language.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
  });
  if (!usable) return std::nullopt;
  // A slide for each heading at most, and the title slide.
  std::size_t slides = 2;
  for (std::size_t at = 0; (at = input.find("\"t\":\"Header\"", at)) != std::string::npos; ++at) {
    ++slides;
  }
  std::vector<std::string> parts{"docProps/core.xml"};
  for (std::size_t i = 1; i <= slides; ++i) {
    parts.push_back("ppt/slides/slide" + std::to_string(i) + ".xml");
  }
  auto edit = [&](const std::string& name, std::string* xml) {
    if (name == "docProps/core.xml") {
      std::string::size_type end = xml->find("</cp:coreProperties>");
      if (end == std::string::npos || xml->find("<dc:language>") != std::string::npos) {
        return false;
      }
      xml->insert(end, "<dc:language>" + language + "</dc:language>");
      return true;
    }
    bool changed = false;
    for (const char* tag : {"<a:rPr ", "<a:endParaRPr "}) {
      std::string open = tag;
      for (std::size_t at = 0; (at = xml->find(open, at)) != std::string::npos;) {
        std::string::size_type close = xml->find('>', at);
        if (xml->substr(at, close - at).find(" lang=") == std::string::npos) {
          xml->insert(at + open.size(), "lang=\"" + language + "\" ");
          changed = true;
        }
        at += open.size();
      }
    }
    return changed;
  };
  return edit_zip_entries(path, parts, edit);
}

}  // namespace

// The CSS for a page set-up; it follows the theme's CSS, so it wins over the theme's. A document
// with a page of its own (a poster, a card) is laid out by its generator: the theme's running
// page number and title block do not apply (the title stays the HTML title and the PDF's), and
// each Section of class "page" after the first starts a new page (the back of a card). The
// root and body paint no background: the theme's @page rules give the page's, so it fills the
// whole page and its bleed rather than the area inside the margins.
std::string page_css(const PageSetup& page) {
  double width = page.landscape ? page.height_mm : page.width_mm;
  double height = page.landscape ? page.width_mm : page.height_mm;
  std::string css = "@page { size: " + millimetres(width) + " " + millimetres(height) + ";";
  if (page.margin_mm >= 0) css += " margin: " + millimetres(page.margin_mm) + ";";
  if (page.bleed_mm > 0) css += " bleed: " + millimetres(page.bleed_mm) + ";";
  if (page.crop_marks) css += " marks: crop;";
  css += " @bottom-right { content: none; } }\n";
  css += "header#title-block-header { display: none; }\n";
  // The page's own background (the theme's @page rules, into the bleed) shows through.
  css += "html, body { background: none; }\n";
  css += ".page ~ .page { break-before: page; }\n";
  return css;
}

std::string content_identifier(const std::string& input) {
  std::string hex = sha256_of(input);
  // A name-based uuid (version 5's layout, SHA-256 rather than SHA-1): xxxxxxxx-xxxx-5xxx-Yxxx-…
  hex[12] = '5';
  hex[16] = "89ab"[std::stoi(hex.substr(16, 1), nullptr, 16) & 3];
  return "urn:uuid:" + hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

std::string paper_css(const PaperSize& paper) {
  return "@page { size: " + millimetres(paper.width_mm) + " " + millimetres(paper.height_mm) +
         "; }\n";
}

Renderer::Renderer(ProcessRunner& runner, double timeout_seconds)
    : runner_(runner), timeout_seconds_(timeout_seconds) {}

Renderer::~Renderer() = default;

std::optional<Problem> Renderer::detect_pandoc() {
  pandoc_ = program_from_env("COACHKIT_PANDOC", "pandoc");
  Command version{{pandoc_, "--version"}, "", timeout_seconds_};
  CommandResult result = runner_.run(version);
  if (!result.started) {
    return tool_error("pandoc was not found (looked for '" + pandoc_ +
                      "'). Install it with: sudo apt-get install pandoc (or set COACHKIT_PANDOC)");
  }
  if (!result.ok()) return tool_error(failure(version, result));
  pandoc_version_ = first_line(result.output);
  Command probe{{pandoc_, "-f", "markdown", "-t", "json"}, "", timeout_seconds_};
  result = runner_.run(probe);
  if (!result.ok()) {
    return tool_error("cannot read pandoc's AST version: " + failure(probe, result));
  }
  auto json = nlohmann::json::parse(result.output, nullptr, false);
  if (json.is_discarded() || !json.contains("pandoc-api-version") ||
      !json["pandoc-api-version"].is_array()) {
    return tool_error("cannot read pandoc's AST version from '" + first_line(result.output) + "'");
  }
  api_.clear();
  for (const auto& part : json["pandoc-api-version"]) api_.push_back(part.get<int>());
  // Tables with captions, heads and foots arrived in pandoc-types 1.21 (pandoc 2.10).
  if (api_.size() < 2 || api_[0] != 1 || api_[1] < 21) {
    return tool_error(pandoc_version_ + " is too old: coachkit needs pandoc 2.10 or newer");
  }
  return std::nullopt;
}

std::optional<Problem> Renderer::detect_weasyprint(const std::string& worker_script) {
  weasyprint_ = program_from_env("COACHKIT_WEASYPRINT", "weasyprint");
  std::error_code ec;
  std::string program = find_program(weasyprint_);
  std::string python = program.empty() ? "" : script_interpreter(program);
  const char* workers_setting = std::getenv("COACHKIT_PDF_WORKERS");
  bool workers_allowed = !workers_setting || std::string(workers_setting) != "0";
  if (!python.empty() && !worker_script.empty() && fs::is_regular_file(worker_script, ec)) {
    python_ = python;
    worker_script_ = worker_script;
  }
  if (workers_allowed && !python_.empty()) {
    // The version from WeasyPrint's package metadata takes a tenth of a second; importing
    // WeasyPrint, as a worker does, most of a second, which a build with nothing to render
    // should not pay. Workers start with the first PDF to render.
    Command query{
        {python, "-c", "from importlib.metadata import version; print(version('weasyprint'))"},
        "",
        timeout_seconds_};
    CommandResult result = runner_.run(query);
    if (result.ok() && !first_line(result.output).empty()) {
      // The worker decides how a PDF is laid out (fitting, tightening, crop marks), so its
      // script is part of what a PDF is made with: a changed script remakes every PDF.
      std::string script;
      std::optional<Problem> unread = sha256_of_file(worker_script, &script);
      weasyprint_version_ = "WeasyPrint version " + first_line(result.output) + ", worker " +
                            (unread ? unread->message : script.substr(0, 16));
      pdf_workers_ = std::make_unique<PdfWorkers>(python, worker_script, timeout_seconds_);
      return std::nullopt;
    }
  }
  Command version{{weasyprint_, "--version"}, "", timeout_seconds_};
  CommandResult result = runner_.run(version);
  if (!result.started) {
    return tool_error("WeasyPrint was not found (looked for '" + weasyprint_ +
                      "'); PDF needs it. Install it with: sudo apt-get install weasyprint "
                      "(or set COACHKIT_WEASYPRINT)");
  }
  if (!result.ok()) return tool_error(failure(version, result));
  weasyprint_version_ = first_line(result.output);
  return std::nullopt;
}

Environment Renderer::tool_environment(const std::optional<std::int64_t>& date) const {
  if (!date) return {};
  return {{"SOURCE_DATE_EPOCH", std::to_string(*date)}};
}

std::vector<std::string> Renderer::pandoc_arguments(Format format, const Theme& theme) const {
  const FormatInfo& info = format_info(format);
  std::vector<std::string> argv{pandoc_, "--from", "json", "--standalone", "--to", info.writer};
  if (*info.writer_option) argv.push_back(info.writer_option);
  std::string reference = theme.reference_document(format);
  if (!reference.empty()) argv.push_back("--reference-doc=" + reference);
  return argv;
}

std::string Renderer::pandoc_input(const Document& document, Format format, const Theme& theme,
                                   const PageSetup* page, const PaperSize* paper,
                                   std::optional<std::int64_t> source_date) const {
  const FormatInfo& info = format_info(format);
  const std::optional<std::int64_t> dated = date_of(source_date);
  bool css = info.styled_by_css;
  std::string head;
  if (css) head = "<style>\n" + layout_css() + "</style>";
  if (css && !theme.css.empty()) head += "\n<style>\n" + theme.css + "\n</style>";
  if (info.paged && page) head += "\n<style>\n" + page_css(*page) + "</style>";
  if (info.paged && !page && paper) head += "\n<style>\n" + paper_css(*paper) + "</style>";
  // WeasyPrint takes the PDF's /CreationDate and /ModDate from these, and writes none without
  // them; the HTML output stays free of dates.
  if (info.through_weasyprint && dated) {
    std::string date = w3c_date(*dated);
    if (!head.empty()) head += "\n";
    head += "<meta name=\"dcterms.created\" content=\"" + date + "\">\n" +
            "<meta name=\"dcterms.modified\" content=\"" + date + "\">";
  }
  // A document laid out by its generator carries its own heading: DOCX and ODT, which print
  // the title block whatever the CSS says, leave it out as HTML and PDF do (a scorecard's
  // title was printed twice).
  if (page && info.office_page && !document.title.empty()) {
    Document laid_out = document;
    laid_out.title.clear();
    laid_out.subtitle.clear();
    return to_pandoc_json(laid_out, api_, head, false, info.shows_svg);
  }
  // A page shows its title as its one h1 (WCAG's headings and PDF/UA's H1): a document whose
  // own headings start at level 1 has them one level down on the page and in the PDF's tags.
  bool html = format == Format::Html || format == Format::Pdf;
  if (html && !page && !document.title.empty() && has_level_one(document.blocks)) {
    Document shifted = document;
    shift_headings(&shifted.blocks);
    return to_pandoc_json(shifted, api_, head, false, info.shows_svg);
  }
  return to_pandoc_json(document, api_, head, format == Format::Markdown, info.shows_svg);
}

std::optional<Problem> Renderer::render(const Document& document, Format format, const Theme& theme,
                                        const std::string& destination) {
  return render_input(pandoc_input(document, format, theme), format, theme, destination);
}

std::optional<Problem> Renderer::render_input(const std::string& input, Format format,
                                              const Theme& theme, const std::string& destination,
                                              bool fit_to_one_page, double smallest_font_pt,
                                              const PageSetup* office_page,
                                              std::optional<std::int64_t> source_date) {
  const std::optional<std::int64_t> date = date_of(source_date);
  const Environment environment = tool_environment(date);
  std::error_code ec;
  fs::path folder = fs::path(destination).parent_path();
  if (!folder.empty()) fs::create_directories(folder, ec);
  if (ec) return tool_error("cannot create the folder for " + destination + ": " + ec.message());
  std::string temporary = temporary_path_for(destination);
  ScopedTempFile guard(temporary);

  const FormatInfo& info = format_info(format);
  Command pandoc{pandoc_arguments(format, theme), input, timeout_seconds_, environment};
  // An EPUB's identifier is a random uuid unless one is given: the content's own makes the
  // same document the same book, byte for byte.
  if (info.content_identifier) {
    pandoc.argv.push_back("--metadata=identifier:" + content_identifier(input));
  }
  // PDF workers read the HTML from a file; the weasyprint command reads it from a pipe. Should
  // the workers fail to start, every PDF goes through the command.
  bool pdf = info.through_weasyprint;
  bool use_workers = false;
  if (pdf && pdf_workers_) {
    std::call_once(workers_started_, [this] {
      std::string version;
      workers_ready_ = !pdf_workers_->start(&version);
    });
    use_workers = workers_ready_;
  }
  std::string temporary_html = pdf ? temporary_path_for(destination + ".html") : "";
  ScopedTempFile html_guard(temporary_html);
  pandoc.argv.insert(pandoc.argv.end(), {"--output", pdf ? temporary_html : temporary});

  // A batch may have run pandoc for this document already (render/pandoc_batch.hpp).
  bool batched =
      batch_outputs_ && batch_outputs_->take(destination, input, pdf ? temporary_html : temporary);
  if (!batched) {
    CommandResult result = runner_.run(pandoc);
    if (!result.ok()) return tool_error(failure(pandoc, result));
  }
  std::string base_url = theme.directory.empty() ? "." : theme.directory + "/";
  // A PDF that cannot be made: the content's fault (text that fits only below the smallest
  // size, origin Content) or the tool's.
  if (pdf && use_workers) {
    if (auto problem = pdf_workers_->render(temporary_html, temporary, base_url, fit_to_one_page,
                                            environment, smallest_font_pt)) {
      return problem;
    }
  } else if (pdf) {
    // One process for this PDF, through the same URL fetcher: the weasyprint command would
    // let a theme's stylesheet read any file and reach the network.
    if (python_.empty()) {
      return tool_error(
          "PDF needs coachkit-pdf-worker.py run by WeasyPrint's own Python, which keeps a "
          "theme to its own files; '" +
          weasyprint_ + "' is not a Python script, or the worker script is missing");
    }
    if (auto problem =
            render_pdf_once({runner_, python_, worker_script_, timeout_seconds_}, temporary_html,
                            temporary, base_url, fit_to_one_page, environment, smallest_font_pt)) {
      return problem;
    }
  }
  if (fs::file_size(temporary, ec) == 0 || ec) {
    return tool_error("pandoc reported success but wrote nothing for " + destination);
  }
  // Tables print with their rules (worksheets, writing lines) in DOCX and ODT as in HTML, and
  // on the build's paper.
  // A DOCX's pictures are described by their words, not by their bytes.
  if (info.office_page) {
    std::vector<std::vector<std::string>> classes = table_classes(input);
    bool odt = format == Format::Odt;
    std::vector<std::string> pictures =
        odt ? std::vector<std::string>{} : embedded_image_descriptions(input);
    std::vector<std::string> parts;
    if (!classes.empty() || !pictures.empty()) {
      parts.push_back(odt ? "content.xml" : "word/document.xml");
    }
    if (office_page && odt) parts.push_back("styles.xml");
    if (office_page && !odt && parts.empty()) parts.push_back("word/document.xml");
    auto edit = [&](const std::string& name, std::string* xml) {
      bool changed = false;
      if (name == "styles.xml") return set_odt_page(*office_page, xml);
      if (!classes.empty()) {
        changed = odt ? rule_odt_tables(classes, xml) : rule_docx_tables(classes, xml);
      }
      if (!pictures.empty()) changed = describe_docx_pictures(pictures, xml) || changed;
      if (!odt && office_page) changed = set_docx_page(*office_page, xml) || changed;
      return changed;
    };
    if (!parts.empty()) {
      if (auto problem = edit_zip_entries(temporary, parts, edit)) return problem;
    }
  }
  // pandoc 2.17 gives a deck no language: its metadata and every run of text get the
  // document's, so a screen reader reads the slides in the right voice.
  if (format == Format::Pptx) {
    if (auto problem = label_pptx_language(input, temporary)) return problem;
  }
  // pandoc 2.17 dates an ODT's zip entries from the clock, whatever SOURCE_DATE_EPOCH says, and
  // keeps the dates of what it takes from a reference document: every entry gets the source date.
  // EPUB's entries are dated from the clock too.
  if (info.zip_package && date) {
    if (auto problem = set_zip_entry_dates(temporary, *date)) return problem;
  }
  if (auto problem = commit_file(temporary, destination)) return problem;
  guard.release();
  return std::nullopt;
}

std::optional<Problem> Renderer::preview(const std::string& pdf, const std::string& png) {
  std::string prefix = temporary_path_for(png);
  std::string picture = prefix + ".png";
  ScopedTempFile guard(picture);
  // The longer side 1200 pixels: enough to judge a poster, small enough to mail.
  Command pdftoppm{{program_from_env("COACHKIT_PDFTOPPM", "pdftoppm"), "-png", "-singlefile",
                    "-scale-to", "1200", "-f", "1", "-l", "1", pdf, prefix},
                   "",
                   timeout_seconds_,
                   tool_environment(source_date_)};
  CommandResult result = runner_.run(pdftoppm);
  if (!result.started) {
    return tool_error(
        "pdftoppm was not found; PNG previews need it. Install it with: sudo apt-get install "
        "poppler-utils (or set COACHKIT_PDFTOPPM)");
  }
  if (!result.ok()) return tool_error(failure(pdftoppm, result));
  std::error_code ec;
  if (!fs::is_regular_file(picture, ec)) {
    return tool_error("pdftoppm reported success but wrote no picture for " + pdf);
  }
  if (auto problem = commit_file(picture, png)) return problem;
  guard.release();
  return std::nullopt;
}

}  // namespace coachkit
