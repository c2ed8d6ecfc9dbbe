#include "build/build.hpp"

#include "build/fingerprint.hpp"
#include "build/output_log.hpp"
#include "render/office_page.hpp"
#include "support/atomic_file.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;

namespace coachkit {

namespace {

// What one output needs: a document to render in one format, or a file's bytes to write.
struct Task {
  bool is_file = false;
  Format format = Format::Html;
  std::string relative;  // e.g. handouts/respect.pdf
  std::string input;     // what pandoc reads, or the file's bytes
  bool fit_to_one_page = false;
  double smallest_font_pt = 0;
  const Theme* theme = nullptr;
  std::string preview;  // a PNG of the PDF to make beside it, e.g. posters/respect.png
  std::string title;    // the document's title, for a contact sheet
  SourcePosition where;
  PageSetup office_page;  // DOCX and ODT: the paper, orientation and margins
  std::string key;        // fingerprint of everything the output depends on
};

std::string folder_of(const std::string& name) {
  std::size_t slash = name.rfind('/');
  return slash == std::string::npos ? "" : name.substr(0, slash);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Collects what a generator reports; positions come from the model, so they name the author's
// file, line and column.
class CollectingReporter : public Reporter {
 public:
  CollectingReporter(BuildReport& report, std::string generator)
      : report_(report), generator_(std::move(generator)) {}
  void report(const Problem& problem) override {
    const SourcePosition& where = problem.where;
    const std::string& message = problem.message;
    if (problem.origin == Origin::Plugin) {
      report_.plugin_errors.push_back(generator_ + " failed: " + message);
      failed = true;
    } else if (!problem.is_error()) {
      Problem d(where.file.empty() ? generator_ : where.file, where.line, where.column, message,
                Severity::Warning);
      report_.warnings.push_back(problem_text(d));
    } else {
      report_.content_errors.add(where.file.empty() ? generator_ : where.file, where.line,
                                 where.column, message);
    }
  }
  bool failed = false;

 private:
  BuildReport& report_;
  std::string generator_;
};

bool wanted(const std::vector<std::string>& only, const std::string& kind) {
  return only.empty() || std::find(only.begin(), only.end(), kind) != only.end();
}

}  // namespace

std::string check_artifact_name(const std::string& name) {
  if (name.empty()) return "the name is empty";
  if (name.front() == '/' || name.find('\\') != std::string::npos)
    return "it is not a relative path";
  if (name.size() > 1024) return "it is longer than 1024 characters";
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t end = name.find('/', start);
    if (end == std::string::npos) end = name.size();
    std::string part = name.substr(start, end - start);
    if (part.empty() || part == "." || part == ".." || part.front() == '.') {
      return "it has an empty, hidden or parent ('..') part";
    }
    for (char c : part) {
      bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
      if (!ok) return "it may hold only letters, digits, '-', '_', '.' and '/'";
    }
    start = end + 1;
  }
  return "";
}

std::string rendered_output_key(const Renderer& renderer, Format format, const std::string& input,
                                std::int64_t source_date, const std::string& reference_document,
                                const PageSetup& office_page, bool fit_to_one_page,
                                double smallest_font_pt) {
  const FormatInfo& info = format_info(format);
  Fingerprint key;
  key.add(kVersion).add(renderer.pandoc_version()).add(info.name).add(input);
  // Only the formats that carry the date are rebuilt when it moves.
  if (info.carries_date) key.add(std::to_string(source_date));
  key.add(fit_to_one_page ? "fit" : "flow");
  if (info.through_weasyprint) key.add(renderer.weasyprint_version());
  if (smallest_font_pt > 0) key.add(std::to_string(smallest_font_pt));
  if (info.office_page) {
    const PageSetup& o = office_page;
    key.add(std::to_string(o.width_mm) + "x" + std::to_string(o.height_mm) +
            (o.landscape ? "L" : "P") + std::to_string(o.margin_mm));
  }
  if (*info.reference_document) key.add(reference_document);
  return key.hex();
}

BuildReport Builder::build(const Pack& pack) {
  BuildReport report;
  fs::path pack_out = fs::path(options_.out_directory) / pack.id;

  // 1. Every generator makes its artifacts; one failing plugin does not stop the others. Only a
  //    complete run may decide that an earlier output is no longer made: with a plugin refused,
  //    missing, failing or not selected, its outputs stay.
  std::vector<Artifact> artifacts;
  // One paper for every document of the build: the project's, else the pack's, else A4.
  PaperSize paper = document_paper(!options_.paper.empty() ? options_.paper : pack.paper)
                        .value_or(PaperSize{210, 297});
  std::vector<GeneratorInfo> generators = host_.generators();
  bool every_generator_ran = !generators.empty() && host_.complete();
  for (const GeneratorInfo& generator : generators) {
    if (!wanted(options_.only_kinds, generator.kind)) {
      every_generator_ran = false;
      continue;
    }
    GeneratorRequest request;
    request.formats = options_.formats;
    auto options = options_.generator_options.find(generator.kind);
    if (options != options_.generator_options.end()) request.options = options->second;
    request.seed = options_.seed;
    request.theme = theme_.name;
    request.edition = options_.edition;
    request.source_date = options_.source_date;
    request.paper = paper;
    CollectingReporter reporter(
        report, "plugin " + generator.plugin + ", generator '" + generator.kind + "'");
    std::vector<Artifact> made;
    std::string error;
    if (!succeeded(host_.generate(generator.kind, pack, request, reporter, &made), &error)) {
      report.plugin_errors.push_back(error);
      every_generator_ran = false;
      continue;
    }
    if (reporter.failed) {
      every_generator_ran = false;
      continue;
    }
    for (Artifact& artifact : made) {
      std::string problem = check_artifact_name(artifact.name);
      if (!problem.empty()) {
        report.plugin_errors.push_back("plugin " + generator.plugin + " made an output named \"" +
                                       artifact.name + "\", which is refused: " + problem);
        every_generator_ran = false;
        continue;
      }
      artifacts.push_back(std::move(artifact));
    }
  }
  // A content problem found by a generator is the author's to fix: nothing is written.
  if (!report.content_errors.empty()) return report;

  // 2. One task per output, each with a fingerprint of everything it depends on.
  std::vector<Task> tasks;
  std::set<std::string> destinations;
  // The reference documents' bytes, read once per theme: an edited reference.docx rebuilds
  // every DOCX.
  std::map<std::string, std::string> reference_bytes;
  auto reference_of = [&](const Theme& theme, Format format) -> const std::string& {
    std::string path = theme.reference_document(format);
    auto found = reference_bytes.find(path);
    if (found == reference_bytes.end()) {
      found = reference_bytes.emplace(path, path.empty() ? "" : read_file(path)).first;
    }
    return found->second;
  };
  std::string date = std::to_string(options_.source_date);
  auto claim = [&](const std::string& relative) {
    if (destinations.insert(relative).second) return true;
    report.plugin_errors.push_back("two artifacts are both named " + relative +
                                   "; only the first is written");
    return false;
  };
  for (const Artifact& artifact : artifacts) {
    const Theme* theme = &theme_;
    if (!artifact.theme.empty() && artifact.theme != theme_.name) {
      auto found = other_themes_.find(artifact.theme);
      if (found == other_themes_.end()) {
        report.plugin_errors.push_back(artifact.name + " asks for the theme '" + artifact.theme +
                                       "', which this build did not load");
        continue;
      }
      theme = &found->second;
    }
    if (artifact.kind == Artifact::Kind::File) {
      if (!claim(artifact.name)) continue;
      Task task;
      task.is_file = true;
      task.relative = artifact.name;
      task.input = artifact.bytes;
      task.key = Fingerprint().add(kVersion).add("file").add(task.input).hex();
      tasks.push_back(std::move(task));
      continue;
    }
    for (Format format : options_.formats) {
      // A slide deck or an e-book is a document of its own: only documents that ask for the
      // format become one.
      const FormatInfo& info = format_info(format);
      bool wanted = artifact.formats.empty()
                        ? !info.on_request_only
                        : std::find(artifact.formats.begin(), artifact.formats.end(), format) !=
                              artifact.formats.end();
      if (!wanted) continue;
      Task task;
      task.format = format;
      task.relative = artifact.name + "." + format_name(format);
      if (!claim(task.relative)) continue;
      const PageSetup* page = artifact.page ? &*artifact.page : nullptr;
      task.input = renderer_.pandoc_input(artifact.document, format, *theme, page, &paper);
      if (page) {
        task.office_page = *page;
      } else {
        task.office_page.width_mm = paper.width_mm;
        task.office_page.height_mm = paper.height_mm;
      }
      task.fit_to_one_page = page && page->fit_to_one_page && info.through_weasyprint;
      task.smallest_font_pt = task.fit_to_one_page ? page->smallest_font_pt : 0;
      task.theme = theme;
      task.title = artifact.document.title;
      task.where = artifact.where;
      if (page && page->preview && info.through_weasyprint && claim(artifact.name + ".png")) {
        task.preview = artifact.name + ".png";
      }
      task.key = rendered_output_key(renderer_, format, task.input, options_.source_date,
                                     reference_of(*theme, format), task.office_page,
                                     task.fit_to_one_page, task.smallest_font_pt);
      tasks.push_back(std::move(task));
    }
  }

  // 3. Render what changed, on `jobs` threads; each output is written whole or not at all, and
  //    recorded in the log the moment it is in place.
  remove_stale_temporaries(pack_out.string());
  OutputLog log(pack_out.string());
  std::mutex mutex;
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  // How each task ended, so that what depends on it (a contact sheet) fails the same way.
  enum class Outcome { Ok, ContentFailed, ToolFailed };
  std::vector<Outcome> outcomes(tasks.size(), Outcome::Ok);
  auto worker = [&] {
    for (std::size_t i = next++; i < tasks.size(); i = next++) {
      const Task& task = tasks[i];
      fs::path destination = pack_out / task.relative;
      bool unchanged = log.up_to_date(task.relative, task.key);
      std::string error;
      bool ok = unchanged;
      bool content_problem = false;
      if (!ok && task.is_file) {
        ok = succeeded(write_file_atomically(destination.string(), task.input), &error);
      } else if (!ok && format_info(task.format).through_weasyprint &&
                 !options_.pdf_unavailable.empty()) {
        error = options_.pdf_unavailable;
      } else if (!ok) {
        ok = renderer_.render_input(task.input, task.format, *task.theme, destination.string(),
                                    &error, task.fit_to_one_page, task.smallest_font_pt,
                                    &content_problem, &task.office_page);
      }
      if (ok && !unchanged) ok = log.record(task.relative, task.key, &error);
      // The preview follows its PDF: remade whenever the PDF was, or when it is missing. It is an
      // output of its own, counted once: written, unchanged, or failed with (or after) its PDF.
      enum class Preview { None, Written, Unchanged, Failed } preview = Preview::None;
      std::string preview_error;
      if (!task.preview.empty()) {
        if (!ok) {
          preview = Preview::Failed;
          preview_error = "not made, since " + task.relative + " failed";
        } else if (!unchanged || !log.up_to_date(task.preview, task.key)) {
          fs::path png = pack_out / task.preview;
          bool made = renderer_.preview(destination.string(), png.string(), &preview_error) &&
                      log.record(task.preview, task.key, &preview_error);
          preview = made ? Preview::Written : Preview::Failed;
        } else {
          preview = Preview::Unchanged;
        }
      }
      std::lock_guard<std::mutex> lock(mutex);
      if (ok) {
        unchanged ? ++report.unchanged : ++report.written;
        outcomes[i] = Outcome::Ok;
      } else if (content_problem) {
        report.rendered_content_errors.add(
            task.where.file.empty() ? destination.string() : task.where.file, task.where.line,
            task.where.column, task.relative + ": " + error);
        outcomes[i] = Outcome::ContentFailed;
      } else {
        // The previous output, if any, stays as it was, and so does its record.
        report.render_errors.push_back(destination.string() + ": " + error);
        outcomes[i] = Outcome::ToolFailed;
      }
      if (preview == Preview::Written) ++report.written;
      if (preview == Preview::Unchanged) ++report.unchanged;
      if (preview == Preview::Failed) {
        if (content_problem) {
          report.rendered_content_errors.add(
              task.where.file.empty() ? destination.string() : task.where.file, task.where.line,
              task.where.column, task.preview + ": " + preview_error);
          outcomes[i] = Outcome::ContentFailed;
        } else {
          report.render_errors.push_back((pack_out / task.preview).string() + ": " + preview_error);
          outcomes[i] = Outcome::ToolFailed;
        }
      }
      ++done;
      if (options_.progress) {
        std::fprintf(stderr, "\r\033[K[%zu/%zu] %s", done.load(), tasks.size(),
                     escape_control_characters(task.relative).c_str());
        std::fflush(stderr);
      }
    }
  };
  std::vector<std::thread> threads;
  int jobs = std::max(1, std::min<int>(options_.jobs, static_cast<int>(tasks.size())));
  for (int j = 0; j < jobs; ++j) threads.emplace_back(worker);
  for (std::thread& t : threads) t.join();
  if (options_.progress && !tasks.empty()) std::fprintf(stderr, "\r\033[K");

  // 3b. One contact sheet per folder of previews, once every preview in it is in place.
  std::map<std::string, std::vector<std::size_t>> previews;
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    if (!tasks[i].preview.empty()) previews[folder_of(tasks[i].preview)].push_back(i);
  }
  for (const auto& [folder, shown] : previews) {
    std::string sheet = (folder.empty() ? "" : folder + "/") + "contact-sheet";
    if (!claim(sheet + ".pdf") || !claim(sheet + ".png")) continue;
    fs::path pdf = pack_out / (sheet + ".pdf");
    fs::path png = pack_out / (sheet + ".png");
    Fingerprint key;
    key.add(kVersion).add("contact sheet").add(pack.title).add(renderer_.weasyprint_version());
    key.add(date);
    std::vector<std::pair<std::string, std::string>> pictures;
    const Task* missing = nullptr;  // the first preview that is not in place
    bool content_only = true;       // every preview missing failed for its content
    for (std::size_t i : shown) {
      const Task& task = tasks[i];
      key.add(task.key);
      std::error_code ec;
      fs::path picture = pack_out / task.preview;
      bool in_place = log.up_to_date(task.preview, task.key) && fs::is_regular_file(picture, ec);
      if (!in_place) {
        if (!missing) missing = &task;
        content_only = content_only && outcomes[i] == Outcome::ContentFailed;
      }
      pictures.emplace_back(picture.string(), task.title);
    }
    // Both outputs of a sheet that could not be made are failed, the way their poster failed;
    // the previous sheet stays.
    auto fail = [&](const fs::path& output, const std::string& why) {
      if (missing && content_only) {
        report.rendered_content_errors.add(
            missing->where.file.empty() ? output.string() : missing->where.file,
            missing->where.line, missing->where.column,
            output.lexically_relative(pack_out).generic_string() + ": " + why);
      } else {
        report.render_errors.push_back(output.string() + ": " + why);
      }
    };
    if (missing) {
      std::string why = "not made, since " + missing->preview + " failed";
      fail(pdf, why);
      fail(png, why);
      continue;
    }
    std::string sheet_key = key.hex();
    if (log.up_to_date(sheet + ".pdf", sheet_key) && log.up_to_date(sheet + ".png", sheet_key)) {
      report.unchanged += 2;
      continue;
    }
    std::string error;
    if (!renderer_.contact_sheet(pictures, pack.title, pdf.string(), &error) ||
        !log.record(sheet + ".pdf", sheet_key, &error)) {
      fail(pdf, error);
      fail(png, "not made, since " + sheet + ".pdf failed");
      continue;
    }
    ++report.written;
    if (renderer_.preview(pdf.string(), png.string(), &error) &&
        log.record(sheet + ".png", sheet_key, &error)) {
      ++report.written;
    } else {
      fail(png, error);
    }
  }

  // 4. Outputs from earlier builds that nothing makes any more go, but only when every
  //    generator ran, so a failing plugin never costs the user its previous outputs. The log is
  //    a file on disk, not to be trusted with paths: only names a generator could have made are
  //    ever removed, and a rendered format only when this build made that format.
  bool complete =
      every_generator_ran && report.plugin_errors.empty() && report.rendered_content_errors.empty();
  std::vector<std::string> stale;
  for (const auto& [name, record] : log.records()) {
    if (!destinations.count(name) && complete && check_artifact_name(name).empty()) {
      std::size_t dot = name.rfind('.');
      std::optional<Format> format =
          dot == std::string::npos ? std::nullopt : parse_format(name.substr(dot + 1));
      bool format_built = !format || (format_name(*format) == name.substr(dot + 1) &&
                                      std::find(options_.formats.begin(), options_.formats.end(),
                                                *format) != options_.formats.end());
      if (format_built) stale.push_back(name);
    }
  }
  for (const std::string& name : stale) {
    std::error_code ec;
    std::string error;
    if (fs::remove(pack_out / name, ec) || !fs::exists(pack_out / name, ec)) {
      if (log.forget(name, &error)) ++report.removed;
    }
  }
  std::string error;
  if (!log.records().empty() && !log.compact(&error)) report.render_errors.push_back(error);
  // The manifest of earlier versions is replaced by the log.
  std::error_code ec;
  fs::remove(pack_out / ".coachkit-manifest.json", ec);
  return report;
}

}  // namespace coachkit
