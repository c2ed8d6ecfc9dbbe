#include "build/build_session.hpp"

#include "build/build.hpp"
#include "build/build_lock.hpp"
#include "build/input_stamp.hpp"
#include "build/output_placement.hpp"
#include "build/source_date.hpp"
#include "hosting/generator_options.hpp"
#include "hosting/plugin_host.hpp"
#include "pack/pack_catalog.hpp"
#include "pack/pack_loader.hpp"
#include "pack/project.hpp"
#include "render/font_coverage.hpp"
#include "render/renderer.hpp"
#include "render/theme_lookup.hpp"
#include "support/diagnostics.hpp"
#include "support/process.hpp"

#include <coachkit/version.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <set>
#include <thread>
#include <utility>

namespace fs = std::filesystem;

namespace coachkit {

namespace {

// One pack to build, from a folder or provided by id.
struct PackJob {
  PackReference reference;
  std::string source;  // the stamp's key: the folder, or "pack:ID"
  std::string theme_directory;
  Theme theme;
  std::string stamp;
  bool unchanged = false;
  std::shared_ptr<const Pack> pack;     // shared with the workspace
  std::vector<std::string> date_files;  // where the fallback date comes from
  std::vector<std::pair<std::string, std::string>> poster_themes;  // name, folder
};

std::string program_or(const char* variable, const std::string& fallback) {
  const char* value = std::getenv(variable);
  return value && *value ? value : fallback;
}

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

// Everything the outputs of `job` may depend on, by name and by file identity only.
std::string stamp_for(const PackJob& job, const Project& project, const BuildSettings& settings,
                      const std::vector<std::string>& format_names,
                      const std::vector<std::string>& plugin_path) {
  InputStamp stamp;
  stamp.add_setting("coachkit", kVersion);
  stamp.add_setting("program", InstallLayout::program_path());
  stamp.add_file(InstallLayout::program_path());
  stamp.add_setting("formats", join(format_names, ","));
  stamp.add_setting("only", join(settings.only, ","));
  stamp.add_setting("seed", settings.seed ? std::to_string(*settings.seed) : "");
  stamp.add_setting("edition", settings.edition);
  stamp.add_setting("size", settings.size);
  stamp.add_setting("set", join(settings.option_settings, "\n"));
  for (const char* variable : {"SOURCE_DATE_EPOCH", "COACHKIT_PANDOC", "COACHKIT_WEASYPRINT",
                               "COACHKIT_PDF_WORKERS", "PATH"}) {
    const char* value = std::getenv(variable);
    stamp.add_setting(variable, value ? value : "");
  }
  std::string pandoc = find_program(program_or("COACHKIT_PANDOC", "pandoc"));
  stamp.add_file(pandoc);
  if (std::find(format_names.begin(), format_names.end(), "pdf") != format_names.end()) {
    stamp.add_file(find_program(program_or("COACHKIT_WEASYPRINT", "weasyprint")));
  }
  if (!project.file.empty()) stamp.add_file(project.file);
  if (!job.reference.folder.empty()) stamp.add_tree(job.reference.folder);
  stamp.add_tree(job.theme_directory);
  // A poster may choose any theme beside the build's.
  stamp.add_tree(fs::path(job.theme_directory).parent_path().string());
  for (const std::string& dir : plugin_path) stamp.add_tree(dir);
  return stamp.digest();
}

// What the pack holds that no loaded generator makes into output, as one warning (none when
// nothing is left out): the built-in plugin that makes each kind is named, so a user who built
// only some plugins knows which to add.
std::optional<Problem> unmade_content_warning(const Pack& pack, const PluginHost& host) {
  struct Made {
    bool held;
    const char* what;
    const char* kind;  // the generator kind, which is also the built-in plugin's name
  };
  const Made kinds[] = {{!pack.posters.empty(), "posters", "poster"},
                        {!pack.questions.empty(), "questions", "quiz"},
                        {!pack.rubrics.empty(), "rubrics", "rubric"}};
  std::vector<std::string> what;
  std::vector<std::string> plugins;
  for (const Made& made : kinds) {
    if (!made.held || host.provides(made.kind)) continue;
    what.push_back(made.what);
    plugins.push_back(made.kind);
  }
  if (what.empty()) return std::nullopt;
  auto list = [](std::vector<std::string> items) {
    std::string last = items.back();
    items.pop_back();
    return items.empty() ? last : join(items, ", ") + " and " + last;
  };
  return Problem(pack.id, 0, 0,
                 "the pack holds " + list(what) +
                     ", which no loaded plugin makes into output: build the " + list(plugins) +
                     " plugin" + (plugins.size() > 1 ? "s" : "") + " (see coachkit plugins)",
                 Severity::Warning);
}

}  // namespace

BuildOutcome build_project(Workspace& workspace, const BuildSettings& settings,
                           BuildStatus& status) {
  const InstallLayout& layout = workspace.layout();
  BuildOutcome outcome;
  auto stop = [&outcome](Problem problem) {
    outcome.stop(std::move(problem));
    return outcome;
  };
  const Problem nothing_built = note("nothing was built: fix the problems above");
  std::error_code ec;
  // 1. What to build, with what: every usage and content problem before anything is written.
  if (settings.out && settings.out->empty()) {
    return stop(usage_error("--out needs a folder (it was given as an empty string)"));
  }
  for (const std::string& dir : settings.plugin_dirs) {
    if (!fs::is_directory(dir, ec)) {
      return stop(usage_error("--plugin-dir " + dir + ": no such folder"));
    }
  }
  Diagnostics diagnostics;
  std::optional<Project> project;
  if (!settings.pack_id.empty()) {
    project.emplace();
    project->packs.push_back(PackReference{"", settings.pack_id, {}});
  } else {
    project = resolve_project(settings.path, diagnostics);
  }
  if (!project) {
    outcome.add(diagnostics.sorted());
    return stop(nothing_built);
  }
  std::string out_directory = settings.out            ? *settings.out
                              : !project->out.empty() ? project->out
                                                      : "out";
  std::vector<std::string> format_names =
      !settings.formats.empty() ? settings.formats : project->formats;
  BuildOptions options;
  options.out_directory = out_directory;
  if (!format_names.empty()) {
    options.formats.clear();
    for (const std::string& name : format_names) {
      std::optional<Format> format = parse_format(name);
      if (!format) {
        return stop(usage_error(unknown_format_message(name)));
      }
      if (std::find(options.formats.begin(), options.formats.end(), *format) ==
          options.formats.end()) {
        options.formats.push_back(*format);
      }
    }
  }
  format_names.clear();
  for (Format f : options.formats) format_names.push_back(format_name(f));
  options.only_kinds = settings.only;
  unsigned cores = std::thread::hardware_concurrency();
  options.jobs = settings.jobs > 0 ? settings.jobs : static_cast<int>(cores ? cores : 2);
  options.progress = settings.progress;
  options.first = settings.first;
  options.written = settings.written;
  BuildSettings effective = settings;
  effective.seed = settings.seed ? settings.seed : project->seed;
  effective.edition = !settings.edition.empty() ? settings.edition : project->edition;
  options.seed = effective.seed.value_or(0);
  options.edition = effective.edition;
  options.paper = project->paper;

  std::string theme_name = !settings.theme.empty()   ? settings.theme
                           : !project->theme.empty() ? project->theme
                                                     : "default";
  std::vector<PackJob> jobs;
  for (const PackReference& reference : project->packs) {
    PackJob job;
    job.reference = reference;
    job.source = reference.folder.empty()
                     ? "pack:" + reference.id
                     : fs::absolute(reference.folder, ec).lexically_normal().string();
    job.theme_directory = find_theme(theme_name, reference.folder, layout);
    if (job.theme_directory.empty()) {
      return stop(usage_error(
          "theme '" + theme_name +
          "' not found (a folder, or a name under share/coachkit/themes or content/themes)"));
    }
    jobs.push_back(std::move(job));
  }

  // 2. One build per output folder at a time. An existing folder is locked before its outputs
  //    are looked at; a new one only once everything is known to be buildable, so a refused
  //    build leaves no folder behind.
  BuildLock lock;
  auto take_lock = [&] {
    auto waiting = [&](long pid) { status.waiting(out_directory, pid); };
    std::optional<Problem> problem = lock.acquire(out_directory, settings.wait_for_lock, waiting);
    if (problem) outcome.stop(std::move(*problem));
    return !problem;
  };
  bool locked = fs::is_directory(out_directory, ec);
  if (locked && !take_lock()) return outcome;

  // 3. Packs whose inputs are exactly those of their last complete build are done.
  const std::vector<std::string>& plugin_path = workspace.plugin_path();
  StampFile stamps(out_directory);
  bool all_unchanged = true;
  for (PackJob& job : jobs) {
    job.stamp = stamp_for(job, *project, effective, format_names, plugin_path);
    std::string id;
    std::string warning;
    std::optional<int> outputs;
    if (locked) outputs = stamps.unchanged_outputs(job.source, job.stamp, &id, &warning);
    if (outputs) {
      job.unchanged = true;
      // Said in every build, the no-op ones too, while it holds.
      if (!warning.empty()) outcome.add(note(warning));
      PackBuilt built;
      built.id = id;
      built.folder = (fs::path(out_directory) / id).string();
      built.unchanged = *outputs;
      outcome.packs.push_back(std::move(built));
    } else {
      all_unchanged = false;
    }
  }
  if (all_unchanged) return outcome;

  // 4. Plugins, packs and generator options.
  PluginHost& host = workspace.plugins();
  outcome.add(workspace.refused_plugins());
  for (const std::string& kind : options.only_kinds) {
    if (!host.provides(kind)) {
      return stop(usage_error("no loaded plugin makes '" + kind + "' (see coachkit plugins)"));
    }
  }
  for (PackJob& job : jobs) {
    if (job.unchanged) continue;
    if (!job.reference.folder.empty()) {
      job.pack = workspace.pack(job.reference.folder, diagnostics);
      job.date_files = {job.reference.folder};
      continue;
    }
    if (const CatalogEntry* entry = workspace.find(job.reference, diagnostics)) {
      job.pack = std::make_shared<const Pack>(entry->pack);
      job.date_files = {entry->date_file()};
    }
  }
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (jobs[i].pack && jobs[j].pack && jobs[i].pack->id == jobs[j].pack->id) {
        const SourcePosition& at = jobs[i].reference.where;
        diagnostics.add(at.file.empty() ? jobs[i].source : at.file, at.line, at.column,
                        "pack id '" + jobs[i].pack->id + "' is also the id of " + jobs[j].source +
                            ": both would write to the same output folder");
      }
    }
  }
  options.generator_options =
      read_generator_options(project->root.get(), project->file, host.generators(), diagnostics);
  apply_option_settings(settings.option_settings, host.generators(), options.generator_options,
                        diagnostics);
  // A poster may name its own theme: it must exist.
  for (PackJob& job : jobs) {
    if (!job.pack) continue;
    if (auto problem = output_outside_pack(out_directory, job.reference.folder, job.pack->id)) {
      return stop(std::move(*problem));
    }
    job.poster_themes =
        poster_themes(*job.pack, job.reference.folder, theme_name, layout, diagnostics);
  }
  if (!diagnostics.empty()) {
    outcome.add(diagnostics.sorted());
    return stop(nothing_built);
  }
  if (host.plugins().empty()) {
    return stop(tool_error("no plugin was loaded, so there is nothing to build (searched: " +
                           join(host.searched(), ", ") + ")"));
  }
  for (PackJob& job : jobs) {
    if (job.unchanged) continue;
    if (auto problem = workspace.theme(job.theme_directory, &job.theme)) {
      return stop(usage_error("theme '" + theme_name + "' is unusable: " + problem->message));
    }
  }
  if (!locked && !take_lock()) return outcome;

  // 5. The tools. Without WeasyPrint, everything but PDF is still built.
  SystemProcessRunner runner;
  Renderer renderer(runner, settings.timeout);
  if (auto problem = renderer.detect_pandoc()) return stop(std::move(*problem));
  renderer.enable_batches(layout.pandoc_batch());
  bool pdf = std::find(options.formats.begin(), options.formats.end(), Format::Pdf) !=
             options.formats.end();
  std::optional<Problem> no_pdf =
      pdf ? renderer.detect_weasyprint(layout.pdf_worker()) : std::nullopt;
  if (no_pdf) {
    // Said, not failed: every PDF output fails with this reason, the rest is built.
    outcome.add(note("coachkit: " + no_pdf->message));
    options.pdf_unavailable = no_pdf->message;
  }

  // 6. Each pack that changed.
  for (PackJob& job : jobs) {
    if (job.unchanged) continue;
    std::optional<Pack> presented;
    if (!project->organisation.empty()) {
      presented = *job.pack;
      presented->authors = {project->organisation};
    }
    const Pack& pack = presented ? *presented : *job.pack;
    BuildOptions pack_options = options;
    if (auto problem = source_date_for(pack, job.date_files, &pack_options.source_date)) {
      return stop(std::move(*problem));
    }
    renderer.set_source_date(pack_options.source_date);
    // The stamp goes before anything is written, and comes back only with a complete build.
    if (auto problem = stamps.drop(job.source)) return stop(std::move(*problem));
    Builder builder(host, renderer, job.theme, pack_options);
    for (const auto& [name, directory] : job.poster_themes) {
      Theme theme;
      if (auto problem = workspace.theme(directory, &theme)) {
        return stop(usage_error("theme '" + name + "' is unusable: " + problem->message));
      }
      theme.name = name;
      builder.add_theme(theme);
    }
    // A character no installed font shows would print as an empty box: say so first.
    outcome.add(coverage_warnings(pack, job.theme.css));
    std::optional<Problem> unmade = unmade_content_warning(pack, host);
    if (unmade) outcome.add(*unmade);
    BuildReport report = builder.build(pack);
    outcome.add(report.problems);
    if (report.stopped) {
      outcome.add(note("nothing was built: fix the problems above", pack.id));
      continue;
    }
    PackBuilt built;
    built.id = pack.id;
    built.folder = (fs::path(out_directory) / pack.id).string();
    built.written = report.written;
    built.unchanged = report.unchanged;
    built.removed = report.removed;
    built.failed = report.failed;
    outcome.packs.push_back(std::move(built));
    if (!report.ok() || !host.complete()) continue;
    if (auto problem =
            stamps.save(job.source, job.stamp, pack.id, report.written + report.unchanged,
                        unmade ? problem_text(*unmade) : "")) {
      // Not a failure: the next build only builds again what it could have skipped.
      outcome.add(note("coachkit: " + problem->message));
    }
  }
  return outcome;
}

BuildOutcome rebuild(Workspace& workspace, const BuildSettings& settings, BuildStatus& status) {
  workspace.refresh();
  return build_project(workspace, settings, status);
}

}  // namespace coachkit
