// coachkit: author coaching content once, in TOML; get handouts and more.
//
// Exit codes: 0 success, 1 content or usage error, 2 a tool or plugin failed.

#include "build.hpp"
#include "diagnostics.hpp"
#include "interruption.hpp"
#include "pack_loader.hpp"
#include "plugin_host.hpp"
#include "process.hpp"
#include "project.hpp"
#include "renderer.hpp"

#include <coachkit/version.hpp>

#include <CLI/CLI.hpp>

#include <unistd.h>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <thread>

namespace fs = std::filesystem;
using namespace coachkit;

namespace {

constexpr int kOk = 0;
constexpr int kContentError = 1;
constexpr int kToolError = 2;

fs::path program_directory() {
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::current_path() : self.parent_path();
}

std::string builtin_plugin_directory() {
  return (program_directory() / ".." / "lib" / "coachkit" / "plugins").lexically_normal().string();
}

void load_plugins(PluginHost& host, const std::vector<std::string>& plugin_dirs) {
  for (const std::string& dir : plugin_search_path(plugin_dirs, builtin_plugin_directory())) {
    host.load_directory(dir);
  }
}

void print_refused(const PluginHost& host) {
  for (const RefusedPlugin& r : host.refused()) {
    std::cerr << r.path << ": plugin refused: " << r.reason << "\n";
  }
}

// A theme is a folder, given as a path (with a slash) or by name: installed themes
// (share/coachkit/themes/NAME) come first, then those beside the pack (content/themes/NAME).
std::string find_theme(const std::string& theme, const std::string& pack_directory) {
  std::error_code ec;
  if (theme.find('/') != std::string::npos) return fs::is_directory(theme, ec) ? theme : "";
  for (const fs::path& candidate :
       {program_directory() / ".." / "share" / "coachkit" / "themes" / theme,
        fs::path(pack_directory) / ".." / "themes" / theme}) {
    if (fs::is_directory(candidate, ec)) return candidate.lexically_normal().string();
  }
  return "";
}

int lint(const std::vector<std::string>& paths) {
  int status = kOk;
  for (const std::string& path : paths) {
    Diagnostics diagnostics;
    std::optional<Project> project = resolve_project(path, diagnostics);
    if (project) {
      for (const std::string& pack_dir : project->packs) {
        std::optional<Pack> pack = load_pack(pack_dir, diagnostics);
        if (pack) {
          std::cout << pack_dir << ": ok (" << pack->principles.size() << " principles, "
                    << pack->activities.size() << " activities, " << pack->quotes.size()
                    << " quotes, " << pack->questions.size() << " questions, "
                    << pack->rubrics.size() << " rubrics, " << pack->posters.size()
                    << " posters)\n";
        }
      }
    }
    if (!diagnostics.empty()) {
      std::cerr << diagnostics.to_string();
      std::cerr << diagnostics.size() << (diagnostics.size() == 1 ? " problem" : " problems")
                << " in " << path << "\n";
      status = kContentError;
    }
  }
  return status;
}

struct BuildArguments {
  std::string path = ".";
  std::string out;
  std::vector<std::string> formats;
  std::vector<std::string> only;
  std::string theme;
  int jobs = 0;
  double timeout = 120;
};

int build(const BuildArguments& args, const std::vector<std::string>& plugin_dirs) {
  Diagnostics diagnostics;
  std::optional<Project> project = resolve_project(args.path, diagnostics);
  std::vector<Pack> packs;
  if (project) {
    for (const std::string& dir : project->packs) {
      if (std::optional<Pack> pack = load_pack(dir, diagnostics)) packs.push_back(std::move(*pack));
    }
  }
  for (std::size_t i = 0; i < packs.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (packs[i].id == packs[j].id) {
        diagnostics.add(packs[i].directory + "/pack.toml", 0, 0,
                        "pack id '" + packs[i].id + "' is also the id of " + packs[j].directory +
                            ": both would write to the same output folder");
      }
    }
  }
  if (!diagnostics.empty()) {
    std::cerr << diagnostics.to_string() << "nothing was built: fix the problems above\n";
    return kContentError;
  }

  BuildOptions options;
  options.out_directory = !args.out.empty()       ? args.out
                          : !project->out.empty() ? project->out
                                                  : "out";
  std::vector<std::string> format_names = !args.formats.empty() ? args.formats : project->formats;
  if (!format_names.empty()) {
    options.formats.clear();
    for (const std::string& name : format_names) {
      std::optional<Format> format = parse_format(name);
      if (!format) {
        std::cerr << "unknown format '" << name << "' (expected html, docx, odt, md or pdf)\n";
        return kContentError;
      }
      if (std::find(options.formats.begin(), options.formats.end(), *format) ==
          options.formats.end()) {
        options.formats.push_back(*format);
      }
    }
  }
  options.only_kinds = args.only;
  unsigned cores = std::thread::hardware_concurrency();
  options.jobs = args.jobs > 0 ? args.jobs : static_cast<int>(cores ? cores : 2);
  options.progress = isatty(STDERR_FILENO);

  // Every pack's theme is found before anything is built, so a missing one costs nothing.
  std::string theme_name = !args.theme.empty()       ? args.theme
                           : !project->theme.empty() ? project->theme
                                                     : "default";
  std::vector<Theme> themes(packs.size());
  for (std::size_t i = 0; i < packs.size(); ++i) {
    std::string theme_dir = find_theme(theme_name, packs[i].directory);
    std::string error;
    if (theme_dir.empty() || !load_theme(theme_dir, &themes[i], &error)) {
      std::cerr << "coachkit: theme '" << theme_name << "' "
                << (theme_dir.empty() ? "not found (a folder, or a name under "
                                        "share/coachkit/themes or content/themes)"
                                      : "is unusable: " + error)
                << "\n";
      return kContentError;
    }
  }

  PluginHost host;
  load_plugins(host, plugin_dirs);
  print_refused(host);
  for (const std::string& kind : options.only_kinds) {
    if (!host.provides(kind)) {
      std::cerr << "no loaded plugin makes '" << kind << "' (see coachkit plugins)\n";
      return kContentError;
    }
  }
  if (host.plugins().empty()) {
    std::cerr << "coachkit: no plugin was loaded, so there is nothing to build (searched:";
    for (const std::string& dir : host.searched()) std::cerr << " " << dir;
    std::cerr << ")\n";
    return kToolError;
  }

  SystemProcessRunner runner;
  Renderer renderer(runner, args.timeout);
  std::string error;
  if (!renderer.detect_pandoc(&error)) {
    std::cerr << "coachkit: " << error << "\n";
    return kToolError;
  }
  bool pdf = std::find(options.formats.begin(), options.formats.end(), Format::Pdf) !=
             options.formats.end();
  std::string pdf_worker =
      (program_directory() / ".." / "share" / "coachkit" / "pdf" / "coachkit-pdf-worker.py")
          .lexically_normal()
          .string();
  if (pdf && !renderer.detect_weasyprint(&error, pdf_worker)) {
    std::cerr << "coachkit: " << error << "\n";
    return kToolError;
  }

  int status = host.refused().empty() ? kOk : kToolError;
  for (std::size_t i = 0; i < packs.size(); ++i) {
    const Pack& pack = packs[i];
    Builder builder(host, renderer, themes[i], options);
    BuildReport report = builder.build(pack);
    for (const std::string& e : report.plugin_errors) std::cerr << e << "\n";
    for (const std::string& e : report.render_errors) std::cerr << e << "\n";
    std::cout << pack.id << ": " << report.written << " written, " << report.unchanged
              << " unchanged";
    if (report.removed) std::cout << ", " << report.removed << " removed";
    if (!report.ok()) {
      std::cout << ", " << report.plugin_errors.size() + report.render_errors.size() << " failed";
    }
    std::cout << " in " << (fs::path(options.out_directory) / pack.id).string() << "\n";
    if (!report.ok()) status = kToolError;
  }
  return status;
}

int plugins(bool json, const std::vector<std::string>& plugin_dirs) {
  PluginHost host;
  load_plugins(host, plugin_dirs);
  if (json) {
    std::cout << host.to_json() << "\n";
    return kOk;
  }
  for (const LoadedPlugin& p : host.plugins()) {
    std::cout << p.name << " " << p.version << " (ABI " << p.abi_major << "." << p.abi_minor << ", "
              << p.license << ") " << p.path << "\n";
    for (const LoadedGenerator& g : p.generators) {
      std::cout << "  generator " << g.kind << ": " << g.description << "\n";
    }
  }
  if (host.plugins().empty()) std::cout << "no plugins loaded\n";
  for (const RefusedPlugin& r : host.refused()) {
    std::cout << "refused " << r.path << ": " << r.reason << "\n";
  }
  std::cout << "searched: ";
  for (std::size_t i = 0; i < host.searched().size(); ++i) {
    std::cout << (i ? ", " : "") << host.searched()[i];
  }
  std::cout << "\n";
  return kOk;
}

}  // namespace

int main(int argc, char** argv) {
  install_interruption_handler();
  CLI::App app{
      "coachkit: author coaching content once, in TOML; get handouts, posters, quizzes "
      "and rubrics.\nExit codes: 0 success, 1 content or usage error, 2 a tool or "
      "plugin failed."};
  app.set_version_flag("--version", std::string("coachkit ") + kVersion + " (plugin ABI " +
                                        std::to_string(kAbiMajor) + "." +
                                        std::to_string(kAbiMinor) + ")");
  app.require_subcommand(1);
  app.fallthrough();
  std::vector<std::string> plugin_dirs;
  app.add_option("--plugin-dir", plugin_dirs,
                 "also load plugins from DIR (repeatable; searched before COACHKIT_PLUGIN_PATH "
                 "and the built-in folder)")
      ->type_name("DIR");

  BuildArguments build_args;
  CLI::App* build_cmd = app.add_subcommand("build", "render a pack or project into documents");
  build_cmd->add_option("path", build_args.path, "a content pack folder or a project")
      ->type_name("PACK_OR_PROJECT");
  build_cmd->add_option("--out", build_args.out, "output folder (default: out)")->type_name("DIR");
  build_cmd
      ->add_option("--format", build_args.formats, "formats: html,docx,odt,md,pdf (default: all)")
      ->delimiter(',')
      ->type_name("LIST");
  build_cmd->add_option("--only", build_args.only, "only these kinds of output, e.g. handout")
      ->delimiter(',')
      ->type_name("KIND");
  build_cmd->add_option("--theme", build_args.theme, "a theme name or folder (default: default)");
  build_cmd->add_option("--jobs,-j", build_args.jobs, "renders at once (default: the cores)")
      ->check(CLI::Range(1, 64));
  build_cmd
      ->add_option("--timeout", build_args.timeout,
                   "seconds one pandoc or WeasyPrint run may take (default: 120)")
      ->check(CLI::Range(1.0, 3600.0));

  std::vector<std::string> lint_paths;
  CLI::App* lint_cmd =
      app.add_subcommand("lint", "check packs; problems as FILE:LINE:COL: message");
  lint_cmd->add_option("paths", lint_paths, "pack folders or projects")
      ->required()
      ->type_name("PATH");

  bool json = false;
  CLI::App* plugins_cmd = app.add_subcommand("plugins", "list loaded and refused plugins");
  plugins_cmd->add_flag("--json", json, "print JSON");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kOk : kContentError;
  }
  try {
    if (*build_cmd) return build(build_args, plugin_dirs);
    if (*lint_cmd) return lint(lint_paths);
    if (*plugins_cmd) return plugins(json, plugin_dirs);
  } catch (const std::exception& e) {
    std::cerr << "coachkit: " << e.what() << "\n";
    return kToolError;
  }
  return kContentError;
}
