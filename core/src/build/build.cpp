#include "build/build.hpp"

#include "build/derived_outputs.hpp"
#include "build/fingerprint.hpp"
#include "build/output_log.hpp"
#include "build/work_plan.hpp"
#include "render/office_page.hpp"
#include "render/pandoc_batch.hpp"
#include "support/atomic_file.hpp"
#include "support/file_names.hpp"
#include "support/utf8.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <thread>
#include <tuple>

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
  SourcePosition where;
  PageSetup office_page;                    // DOCX and ODT: the paper, orientation and margins
  std::optional<std::int64_t> source_date;  // the document's own date, else the build's
  std::string key;                          // fingerprint of everything the output depends on
};

// How an output of this build ended, so that what is derived from it fails the same way.
enum class Ending { Pending, Made, ContentFailed, ToolFailed };

struct PlannedOutput {
  Ending ending = Ending::Pending;
  std::string key;
  SourcePosition where;  // the artifact's, for a content problem of what it is used by
};

// An artifact and the generator it came from.
struct Made {
  Artifact artifact;
  std::string generator;  // "plugin 'poster' 0.1.0 (file), generator 'poster'", for messages
  std::string plugin;     // "'poster' 0.1.0", for fingerprints
};

// A derived artifact waiting for what it uses, with the theme it is rendered in.
struct Derived {
  const Made* made;
  const Theme* theme;
  std::vector<std::string> outputs;  // what it plans, claimed with the others
};

bool read_whole_file(const std::string& path, std::string* bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream text;
  text << in.rdbuf();
  *bytes = text.str();
  return !in.bad();
}

// Collects what a generator reports; positions come from the model, so they name the author's
// file, line and column. While generating, an error is the pack's (nothing is written); while
// making a derived artifact, it is that artifact's alone.
// What a build found, by kind, until it is told in the report's order: warnings, the
// generators' content errors (sorted; with them nothing is written), the plugins' and the
// tools' failures, the content found wanting while rendering (sorted).
struct Findings {
  std::vector<Problem> warnings;
  Diagnostics content_errors;
  std::vector<Problem> failures;  // plugins', then tools', in the order found
  Diagnostics rendered_content_errors;

  void plugin_failed(std::string message) {
    failures.push_back(
        Problem(SourcePosition{}, std::move(message), Severity::Error, Origin::Plugin));
  }
  bool clean() const {
    return content_errors.empty() && failures.empty() && rendered_content_errors.empty();
  }
};

// Collects what a generator reports; positions come from the model, so they name the author's
// file, line and column. While generating, an error is the pack's (nothing is written); while
// making a derived artifact, it is that artifact's alone.
class CollectingReporter : public Reporter {
 public:
  CollectingReporter(Findings& findings, std::string generator, bool deriving = false)
      : findings_(findings), generator_(std::move(generator)), deriving_(deriving) {}
  void report(const Problem& problem) override {
    const SourcePosition& where = problem.where;
    const std::string& message = problem.message;
    std::string file = where.file.empty() ? generator_ : where.file;
    if (problem.origin == Origin::Plugin) {
      findings_.plugin_failed(generator_ + " failed: " + message);
      failed = true;
    } else if (!problem.is_error()) {
      findings_.warnings.push_back(
          Problem(file, where.line, where.column, message, Severity::Warning));
    } else {
      Diagnostics& errors =
          deriving_ ? findings_.rendered_content_errors : findings_.content_errors;
      errors.add(file, where.line, where.column, message);
      erred = true;
    }
  }
  bool erred = false;
  bool failed = false;

 private:
  Findings& findings_;
  std::string generator_;
  bool deriving_;
};

bool wanted(const std::vector<std::string>& only, const std::string& kind) {
  return only.empty() || std::find(only.begin(), only.end(), kind) != only.end();
}

// Whether a document is made in `format`: a slide deck or an e-book is a document of its own,
// so only documents that ask for such a format become one.
bool made_in(const Artifact& artifact, Format format) {
  if (artifact.formats.empty()) return !format_info(format).on_request_only;
  return std::find(artifact.formats.begin(), artifact.formats.end(), format) !=
         artifact.formats.end();
}

bool previewed(const Artifact& artifact, Format format) {
  return artifact.page && artifact.page->preview && format_info(format).through_weasyprint;
}

// One pack's build, step by step (see Builder::build).
class PackBuild {
 public:
  PackBuild(const GeneratorHost& host, Renderer& renderer, const Theme& theme,
            const std::map<std::string, Theme>& other_themes, const BuildOptions& options,
            const Pack& pack)
      : host_(host),
        renderer_(renderer),
        theme_(theme),
        other_themes_(other_themes),
        options_(options),
        pack_(pack),
        pack_out_(options.in_out_directory ? fs::path(options.out_directory)
                                           : fs::path(options.out_directory) / pack.id),
        // One paper for every document of the build: the project's, else the pack's, else A4.
        paper_(document_paper(!options.paper.empty() ? options.paper : pack.paper)
                   .value_or(PaperSize{210, 297})) {}

  BuildReport run() {
    generate();
    // A content problem found by a generator is the author's to fix: nothing is written.
    if (!found_.content_errors.empty()) {
      report_.stopped = true;
      return finish();
    }
    plan();
    remove_stale_temporaries(pack_out_.string());
    log_ = std::make_unique<OutputLog>(pack_out_.string());
    render(0);
    std::size_t first_derived = tasks_.size();
    for (const Derived& derived : derived_) derive(derived);
    render(first_derived);
    if (options_.progress && total_ > 0) std::fprintf(stderr, "\r\033[K");
    remove_what_is_no_longer_made();
    return finish();
  }

 private:
  // 1. Every generator makes its artifacts; one failing plugin does not stop the others. Only a
  //    complete run may decide that an earlier output is no longer made: with a plugin refused,
  //    missing, failing or not selected, its outputs stay.
  void generate() {
    std::vector<GeneratorInfo> generators = host_.generators();
    every_generator_ran_ = !generators.empty() && host_.complete();
    for (const GeneratorInfo& generator : generators) {
      if (!wanted(options_.only_kinds, generator.kind)) {
        every_generator_ran_ = false;
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
      request.paper = paper_;
      std::string label = "plugin " + generator.plugin + ", generator '" + generator.kind + "'";
      CollectingReporter reporter(found_, label);
      std::vector<Artifact> made;
      if (auto problem = host_.generate(generator.kind, pack_, request, reporter, &made)) {
        found_.plugin_failed(problem->message);
        every_generator_ran_ = false;
        continue;
      }
      if (reporter.failed) {
        every_generator_ran_ = false;
        continue;
      }
      // The plugin as its name and version, without where its file is.
      std::string plugin = generator.plugin.substr(0, generator.plugin.rfind(" ("));
      for (Artifact& artifact : made) {
        std::string problem = check_artifact_name(artifact.name);
        if (!problem.empty()) {
          found_.plugin_failed("plugin " + generator.plugin + " made an output named \"" +
                               artifact.name + "\", which is refused: " + problem);
          every_generator_ran_ = false;
          continue;
        }
        made_.push_back(Made{std::move(artifact), label, plugin});
      }
    }
  }

  bool claim(const std::string& relative) {
    if (destinations_.insert(relative).second) return true;
    found_.plugin_failed("two artifacts are both named " + relative +
                         "; only the first is written");
    return false;
  }

  // The reference documents' bytes, read once per theme: an edited reference.docx rebuilds
  // every DOCX.
  const std::string& reference_of(const Theme& theme, Format format) {
    std::string path = theme.reference_document(format);
    auto found = reference_bytes_.find(path);
    if (found == reference_bytes_.end()) {
      std::string bytes;
      if (!path.empty()) read_whole_file(path, &bytes);
      found = reference_bytes_.emplace(path, std::move(bytes)).first;
    }
    return found->second;
  }

  // 2. One task per output, each with a fingerprint of everything it depends on; a derived
  //    artifact's outputs are claimed now and become tasks once what it uses is in place.
  void plan() {
    for (const Made& made : made_) {
      const Artifact& artifact = made.artifact;
      const Theme* theme = &theme_;
      if (!artifact.theme.empty() && artifact.theme != theme_.name) {
        auto found = other_themes_.find(artifact.theme);
        if (found == other_themes_.end()) {
          found_.plugin_failed(artifact.name + " asks for the theme '" + artifact.theme +
                               "', which this build did not load");
          continue;
        }
        theme = &found->second;
      }
      if (!artifact.is_derived()) {
        add_tasks(artifact, *theme);
        continue;
      }
      Derived derived{&made, theme, {}};
      for (const std::string& output : outputs_of(artifact)) {
        if (claim(output)) derived.outputs.push_back(output);
      }
      total_ += derived.outputs.size();
      derived_.push_back(std::move(derived));
    }
  }

  // What an artifact plans, by name: its file, or its document in each format (and previews).
  std::vector<std::string> outputs_of(const Artifact& artifact) const {
    if (artifact.kind == Artifact::Kind::File) return {artifact.name};
    std::vector<std::string> outputs;
    for (Format format : options_.formats) {
      if (!made_in(artifact, format)) continue;
      outputs.push_back(artifact.name + "." + format_name(format));
      if (previewed(artifact, format)) outputs.push_back(artifact.name + ".png");
    }
    return outputs;
  }

  // The tasks of one artifact, each output claimed; a derived artifact's outputs were claimed
  // when it was planned (`claimed`), and `salt` (what it was made from) goes into their keys.
  void add_tasks(const Artifact& artifact, const Theme& theme, const std::string& salt = "",
                 const std::vector<std::string>* claimed = nullptr) {
    auto salted = [&salt](std::string key) {
      return salt.empty() ? key : Fingerprint().add(key).add(salt).hex();
    };
    auto take = [&](const std::string& relative) {
      if (!claimed) return claim(relative);
      return std::find(claimed->begin(), claimed->end(), relative) != claimed->end();
    };
    if (artifact.kind == Artifact::Kind::File) {
      if (!take(artifact.name)) return;
      Task task;
      task.is_file = true;
      task.relative = artifact.name;
      task.input = artifact.bytes;
      task.key = salted(Fingerprint().add(kVersion).add("file").add(task.input).hex());
      add_task(std::move(task), artifact.is_derived());
      return;
    }
    for (Format format : options_.formats) {
      if (!made_in(artifact, format)) continue;
      const FormatInfo& info = format_info(format);
      Task task;
      task.format = format;
      task.relative = artifact.name + "." + format_name(format);
      if (!take(task.relative)) continue;
      const PageSetup* page = artifact.page ? &*artifact.page : nullptr;
      if (artifact.source_date != 0) task.source_date = artifact.source_date;
      task.input =
          renderer_.pandoc_input(artifact.document, format, theme, page, &paper_, task.source_date);
      if (page) {
        task.office_page = *page;
      } else {
        task.office_page.width_mm = paper_.width_mm;
        task.office_page.height_mm = paper_.height_mm;
      }
      task.fit_to_one_page = page && page->fit_to_one_page && info.through_weasyprint;
      task.smallest_font_pt = task.fit_to_one_page ? page->smallest_font_pt : 0;
      task.theme = &theme;
      task.where = artifact.where;
      if (previewed(artifact, format) && take(artifact.name + ".png")) {
        task.preview = artifact.name + ".png";
      }
      task.key = salted(rendered_output_key(renderer_, format, task.input,
                                            task.source_date.value_or(options_.source_date),
                                            reference_of(theme, format), task.office_page,
                                            task.fit_to_one_page, task.smallest_font_pt));
      add_task(std::move(task), artifact.is_derived());
    }
  }

  void add_task(Task task, bool derived) {
    // A derived artifact's outputs were counted when it was planned.
    if (!derived) {
      PlannedOutput planned{Ending::Pending, task.key, task.where};
      planned_[task.relative] = planned;
      if (!task.preview.empty()) planned_[task.preview] = planned;
      total_ += task.preview.empty() ? 1 : 2;
    }
    tasks_.push_back(std::move(task));
  }

  // 3. Render what changed, on `jobs` threads; each output is written whole or not at all, and
  //    recorded in the log the moment it is in place.
  void render(std::size_t first) {
    in_place_.resize(tasks_.size());
    if (first >= tasks_.size()) return;
    std::vector<std::vector<std::size_t>> work = plan_work(first);
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
      for (std::size_t i = next++; i < work.size(); i = next++) run_work(work[i]);
    };
    std::vector<std::thread> threads;
    int jobs = std::max(1, std::min<int>(options_.jobs, static_cast<int>(work.size())));
    for (int j = 0; j < jobs; ++j) threads.emplace_back(worker);
    for (std::thread& t : threads) t.join();
  }

  // What the threads take, one item at a time (build/work_plan.hpp): batches of documents that
  // pandoc writes in one process (the same format, theme and date, so the same command line:
  // render/pandoc_batch.hpp), and every other task alone, the longest first.
  std::vector<std::vector<std::size_t>> plan_work(std::size_t first) {
    std::vector<Workload> loads;
    std::map<std::tuple<Format, const Theme*, std::optional<std::int64_t>>, int> groups;
    for (std::size_t i = first; i < tasks_.size(); ++i) {
      const Task& task = tasks_[i];
      const FormatInfo& info = format_info(task.format);
      Workload load{i, 0, -1, false};
      bool no_pdf = info.through_weasyprint && !options_.pdf_unavailable.empty();
      if (!task.is_file && !no_pdf && !log_->up_to_date(task.relative, task.key)) {
        // pandoc's and WeasyPrint's time grow with the document; a PDF costs about as much as
        // sixteen pandoc documents, a poster fitted to its page a few PDFs.
        load.cost =
            task.input.size() * (info.through_weasyprint ? 16 : 1) * (task.fit_to_one_page ? 3 : 1);
        if (renderer_.batches_enabled()) {
          auto key = std::make_tuple(task.format, task.theme, task.source_date);
          load.group = groups.emplace(key, static_cast<int>(groups.size())).first->second;
        }
        load.first =
            !options_.first.empty() && std::find(options_.first.begin(), options_.first.end(),
                                                 under_out(task.relative)) != options_.first.end();
      }
      loads.push_back(load);
    }
    return coachkit::plan_work(loads, options_.jobs);
  }

  // A batch runs pandoc for all its documents first; each task then finishes as it would alone
  // (a document the batch did not make is rendered alone).
  void run_work(const std::vector<std::size_t>& item) {
    std::unique_ptr<PandocBatch> batch;
    if (item.size() > 1) {
      std::vector<BatchDocument> documents;
      for (std::size_t i : item) {
        documents.push_back({&tasks_[i].input, (pack_out_ / tasks_[i].relative).string()});
      }
      const Task& task = tasks_[item.front()];
      batch = renderer_.render_batch(documents, task.format, *task.theme, task.source_date);
    }
    for (std::size_t i : item) run_task(tasks_[i]);
  }

  // Writes the task's file into place: as it is, or rendered.
  std::optional<Problem> write_output(const Task& task, const fs::path& destination) {
    if (task.is_file) return write_file_atomically(destination.string(), task.input);
    if (format_info(task.format).through_weasyprint && !options_.pdf_unavailable.empty()) {
      return tool_error(options_.pdf_unavailable);
    }
    return renderer_.render_input(task.input, task.format, *task.theme, destination.string(),
                                  task.fit_to_one_page, task.smallest_font_pt, &task.office_page,
                                  task.source_date);
  }

  void run_task(const Task& task) {
    const std::size_t index = static_cast<std::size_t>(&task - tasks_.data());
    OutputLog& log = *log_;
    fs::path destination = pack_out_ / task.relative;
    bool unchanged = log.up_to_date(task.relative, task.key);
    std::optional<Problem> problem;
    if (!unchanged) {
      problem = log.claim(task.relative);
      if (!problem) problem = write_output(task, destination);
      if (!problem) problem = log.record(task.relative, task.key);
    }
    bool ok = !problem;
    bool content_problem = problem && problem->origin == Origin::Content;
    std::string error = problem ? problem->message : "";
    // The preview follows its PDF: remade whenever the PDF was, or when it is missing. It is an
    // output of its own, counted once: written, unchanged, or failed with (or after) its PDF.
    enum class Preview { None, Written, Unchanged, Failed } preview = Preview::None;
    std::string preview_error;
    if (!task.preview.empty()) {
      if (!ok) {
        preview = Preview::Failed;
        preview_error = "not made, since " + task.relative + " failed";
      } else if (!unchanged || !log.up_to_date(task.preview, task.key)) {
        fs::path png = pack_out_ / task.preview;
        std::optional<Problem> unmade = log.claim(task.preview);
        if (!unmade) unmade = renderer_.preview(destination.string(), png.string());
        if (!unmade) unmade = log.record(task.preview, task.key);
        if (unmade) preview_error = unmade->message;
        preview = unmade ? Preview::Failed : Preview::Written;
      } else {
        preview = Preview::Unchanged;
      }
    }
    std::lock_guard<std::mutex> lock(mutex_);
    Ending ending = Ending::Made;
    if (ok) {
      unchanged ? ++report_.unchanged : ++report_.written;
      in_place_[index].push_back({destination.string(), unchanged});
    } else {
      ending = content_problem ? Ending::ContentFailed : Ending::ToolFailed;
      fail(task.relative, task.where, error, content_problem);
    }
    end(task.relative, ending);
    if (ok && !unchanged && options_.written) options_.written(under_out(task.relative));
    if (preview == Preview::Written) {
      ++report_.written;
      if (options_.written) options_.written(under_out(task.preview));
    }
    if (preview == Preview::Unchanged) ++report_.unchanged;
    if (preview == Preview::Written || preview == Preview::Unchanged) {
      in_place_[index].push_back(
          {(pack_out_ / task.preview).string(), preview == Preview::Unchanged});
    }
    if (preview == Preview::Failed) {
      fail(task.preview, task.where, preview_error, content_problem);
      ending = content_problem ? Ending::ContentFailed : Ending::ToolFailed;
    }
    if (!task.preview.empty()) end(task.preview, ending);
    progress(task.preview.empty() ? 1 : 2, task.relative);
  }

  // An output's path under the output folder, as BuildOptions::first and ::written name it.
  std::string under_out(const std::string& relative) const {
    return (pack_out_ / relative).lexically_relative(options_.out_directory).generic_string();
  }

  void end(const std::string& relative, Ending ending) {
    auto found = planned_.find(relative);
    if (found != planned_.end()) found->second.ending = ending;
  }

  // An output that was not made: its previous file, if any, stays as it was, and so does its
  // record. A content problem points at the author's file when the artifact names one.
  void fail(const std::string& relative, const SourcePosition& where, const std::string& why,
            bool content_problem) {
    fs::path destination = pack_out_ / relative;
    if (content_problem) {
      found_.rendered_content_errors.add(where.file.empty() ? destination.string() : where.file,
                                         where.line, where.column, relative + ": " + why);
    } else {
      found_.failures.push_back(
          Problem(destination.string(), 0, 0, why, Severity::Error, Origin::Tool));
    }
  }

  void progress(std::size_t outputs, const std::string& relative) {
    done_ += outputs;
    if (!options_.progress) return;
    std::fprintf(stderr, "\r\033[K[%zu/%zu] %s", done_, total_,
                 escape_control_characters(relative).c_str());
    std::fflush(stderr);
  }

  // 3b. A derived artifact, once every output it uses is in place: made by its plugin, then
  //     planned as its tasks; or failed as the first output it uses that failed.
  void derive(const Derived& derived) {
    const Made& made = *derived.made;
    const Artifact& artifact = made.artifact;
    if (derived.outputs.empty()) return;  // none of its formats is built
    std::vector<std::pair<const std::string*, const PlannedOutput*>> used;
    for (const auto& [name, planned] : planned_) {
      for (const std::string& pattern : artifact.uses) {
        if (output_pattern_matches(pattern, name)) {
          used.emplace_back(&name, &planned);
          break;
        }
      }
    }
    const std::string* missing = nullptr;  // the first used output that is not in place
    const PlannedOutput* missing_output = nullptr;
    bool content_only = true;  // every used output missing failed for its content
    std::vector<UsedOutput> inputs;
    Fingerprint salt;
    salt.add("derived").add(made.plugin);
    for (const auto& [name, planned] : used) {
      UsedOutput input{*name, ""};
      bool in_place = planned->ending == Ending::Made && log_->up_to_date(*name, planned->key) &&
                      read_whole_file((pack_out_ / *name).string(), &input.bytes);
      if (!in_place) {
        if (!missing) {
          missing = name;
          missing_output = planned;
        }
        content_only = content_only && planned->ending == Ending::ContentFailed;
        continue;
      }
      salt.add(*name).add(planned->key);
      inputs.push_back(std::move(input));
    }
    auto fail_all = [&](const std::string& why, bool content) {
      const SourcePosition& where =
          content && missing_output ? missing_output->where : artifact.where;
      for (const std::string& output : derived.outputs) fail(output, where, why, content);
      progress(derived.outputs.size(), artifact.name);
    };
    if (missing) {
      fail_all("not made, since " + *missing + " failed", content_only);
      return;
    }
    CollectingReporter reporter(found_, made.generator, true);
    Artifact result;
    if (auto problem = make_derived(artifact, inputs, &result, reporter)) {
      found_.plugin_failed(made.generator + " failed to make " + artifact.name + ": " +
                           problem->message);
      progress(derived.outputs.size(), artifact.name);
      return;
    }
    if (reporter.erred || reporter.failed) {
      progress(derived.outputs.size(), artifact.name);
      return;
    }
    add_tasks(result, *derived.theme, salt.hex(), &derived.outputs);
  }

  // 4. Outputs from earlier builds that nothing makes any more go, but only when every
  //    generator ran, so a failing plugin never costs the user its previous outputs. The log is
  //    a file on disk, not to be trusted with paths: only names a generator could have made are
  //    ever removed, and a rendered format only when this build made that format.
  void remove_what_is_no_longer_made() {
    OutputLog& log = *log_;
    bool plugin_failed = std::any_of(found_.failures.begin(), found_.failures.end(),
                                     [](const Problem& p) { return p.origin == Origin::Plugin; });
    bool complete =
        every_generator_ran_ && !plugin_failed && found_.rendered_content_errors.empty();
    std::vector<std::string> stale;
    for (const auto& [name, record] : log.records()) {
      if (!destinations_.count(name) && complete && check_artifact_name(name).empty()) {
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
      if (fs::remove(pack_out_ / name, ec) || !fs::exists(pack_out_ / name, ec)) {
        if (!log.forget(name)) ++report_.removed;
      }
    }
    if (!log.records().empty()) {
      if (auto problem = log.compact()) found_.failures.push_back(std::move(*problem));
    }
    // The manifest of earlier versions is replaced by the log.
    std::error_code ec;
    fs::remove(pack_out_ / ".coachkit-manifest.json", ec);
  }

  const GeneratorHost& host_;
  Renderer& renderer_;
  const Theme& theme_;
  const std::map<std::string, Theme>& other_themes_;
  const BuildOptions& options_;
  const Pack& pack_;
  fs::path pack_out_;
  PaperSize paper_;

  // The report in the order the program prints it; `failed` counts what each problem names.
  BuildReport finish() {
    for (std::vector<BuiltOutput>& outputs : in_place_) {
      for (BuiltOutput& output : outputs) report_.outputs.push_back(std::move(output));
    }
    report_.problems = std::move(found_.warnings);
    auto add = [this](const std::vector<Problem>& more) {
      report_.problems.insert(report_.problems.end(), more.begin(), more.end());
    };
    add(found_.content_errors.sorted());
    add(found_.failures);
    add(found_.rendered_content_errors.sorted());
    if (!found_.clean()) {
      // Every output not made and every plugin's failure once; a content error while rendering
      // is counted with everything the rest of its kind lost (those past the kept ones too).
      report_.failed =
          static_cast<int>(found_.failures.size() + found_.rendered_content_errors.size());
    }
    return std::move(report_);
  }

  BuildReport report_;
  Findings found_;
  bool every_generator_ran_ = false;
  std::vector<Made> made_;
  std::vector<Derived> derived_;
  std::vector<Task> tasks_;
  std::vector<std::vector<BuiltOutput>> in_place_;  // by task: its output and its preview
  std::set<std::string> destinations_;
  std::map<std::string, PlannedOutput> planned_;  // every output of an artifact not derived
  std::map<std::string, std::string> reference_bytes_;
  std::unique_ptr<OutputLog> log_;
  std::mutex mutex_;
  std::size_t done_ = 0;
  std::size_t total_ = 0;
};

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
    for (std::size_t i = 0; i < part.size();) {
      unsigned char c = static_cast<unsigned char>(part[i]);
      std::size_t length = c < 0x80 ? 1 : utf8_sequence_length(part, i);
      bool ok = c < 0x80 ? std::isalnum(c) || c == '-' || c == '_' || c == '.'
                         : length && non_ascii_kept_in_file_name(utf8_code_point(part, i, length));
      if (!ok) return "it may hold only letters (of any script), digits, '-', '_', '.' and '/'";
      i += length;
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

bool BuildReport::ok() const {
  return std::none_of(problems.begin(), problems.end(),
                      [](const Problem& p) { return p.is_error(); });
}

BuildReport Builder::build(const Pack& pack) {
  return PackBuild(host_, renderer_, theme_, other_themes_, options_, pack).run();
}

}  // namespace coachkit
