// coachkit build [PACK_OR_PROJECT] [--pack ID] [--out DIR] [--format LIST] [--only KIND] …
#include "build/build_session.hpp"
#include "commands.hpp"
#include "hosting/generator_options.hpp"
#include "hosting/plugin_host.hpp"

#include <coachkit/format.hpp>

#include <unistd.h>
#include <cmath>
#include <cstdint>
#include <iostream>
#include <memory>
#include <ostream>

namespace coachkit {

namespace {

class StreamBuildStatus : public BuildStatus {
 public:
  explicit StreamBuildStatus(std::ostream& err) : err_(err) {}
  void waiting(const std::string& out_directory, long pid) override {
    err_ << "coachkit: waiting for the build"
         << (pid > 0 ? " (process " + std::to_string(pid) + ")" : "") << " that is writing to "
         << escape_control_characters(out_directory) << "\n";
  }

 private:
  std::ostream& err_;
};

void print_built(const PackBuilt& built, std::ostream& out) {
  out << escape_control_characters(built.id) << ": " << built.written << " written, "
      << built.unchanged << " unchanged";
  if (built.removed) out << ", " << built.removed << " removed";
  if (built.failed) out << ", " << built.failed << " failed";
  out << " in " << escape_control_characters(built.folder) << "\n";
}

// The problems on `err` (or as JSON), then each pack's line on `out`; the exit status.
int print_build(const BuildOutcome& outcome, bool json, std::ostream& out, std::ostream& err) {
  if (json) {
    err << problems_json(outcome.problems);
  } else {
    for (const Problem& p : outcome.problems) err << problem_text(p) << "\n";
  }
  for (const PackBuilt& built : outcome.packs) print_built(built, out);
  return cli::exit_status_of(outcome);
}

}  // namespace

}  // namespace coachkit

namespace coachkit::cli {

namespace {

// "formats: html (a web page), …; default: all but epub", from the format table.
std::string format_help() {
  std::string list, left_out;
  for (const FormatInfo& f : kFormats) {
    list += std::string(list.empty() ? "" : ", ") + f.name + " (" + f.summary + ")";
    if (!f.in_default_build) left_out += std::string(left_out.empty() ? "" : ", ") + f.name;
  }
  return "formats, comma-separated: " + list + "; default: all" +
         (left_out.empty() ? "" : " but " + left_out);
}

// Generator options the command line also takes as --KEY VALUE.
struct Shortcut {
  const char* key;
  const char* value_name;
};
constexpr Shortcut kShortcuts[] = {{"versions", "N"}, {"drawn", "CHOICE"}, {"size", "SIZE"}};

struct GivenShortcut {
  std::string key;
  CLI::Option* option;
  std::shared_ptr<std::string> value;
};

}  // namespace

void add_build_command(CLI::App& app, CommandLine& cli) {
  auto settings = std::make_shared<BuildSettings>();
  auto out = std::make_shared<std::string>();
  auto seed = std::make_shared<std::uint64_t>(0);
  CLI::App* build = app.add_subcommand("build", "render a pack or project into documents");
  build->add_option("path", settings->path, "a content pack folder or a project")
      ->type_name("PACK_OR_PROJECT");
  build
      ->add_option("--pack", settings->pack_id,
                   "build the installed or plugin-provided pack with this id (see coachkit packs)")
      ->type_name("ID");
  CLI::Option* out_option =
      build->add_option("--out", *out, "output folder (default: out)")->type_name("DIR");
  build->add_option("--format", settings->formats, format_help())
      ->delimiter(',')
      ->type_name("LIST");
  build->add_option("--only", settings->only, "only these kinds of output, e.g. handout")
      ->delimiter(',')
      ->type_name("KIND");
  build->add_option("--theme", settings->theme, "a theme name or folder (default: default)");
  build->add_option("--jobs,-j", settings->jobs, "renders at once (default: the cores)")
      ->check(CLI::Range(1, 64));
  build
      ->add_option("--timeout", settings->timeout,
                   "seconds one pandoc or WeasyPrint run may take (default: 120)")
      ->check(CLI::Validator(
          [](const std::string& text) -> std::string {
            double value = std::strtod(text.c_str(), nullptr);
            if (!std::isfinite(value) || value < 1 || value > 3600) {
              return "the time limit must be a number of seconds from 1 to 3600";
            }
            return "";
          },
          "SECONDS"));
  // The range a project file's `seed` allows, refused the same way rather than clamped.
  CLI::Option* seed_option =
      build->add_option("--seed", *seed, "seed for anything shuffled or drawn (default: 0)")
          ->check(CLI::Validator(
              [](const std::string& text) -> std::string {
                const std::string largest = std::to_string(INT64_MAX);
                bool digits = !text.empty() && text.size() <= largest.size() &&
                              text.find_first_not_of("0123456789") == std::string::npos;
                if (!digits || (text.size() == largest.size() && text > largest)) {
                  return "the seed must be an integer from 0 to " + largest + ", not '" + text +
                         "'";
                }
                return "";
              },
              "SEED"));
  build->add_option("--edition", settings->edition, "e.g. participant or trainer");
  auto sets = std::make_shared<std::vector<std::string>>();
  build
      ->add_option("--set", *sets,
                   "a generator option, wins over the project file: KIND.KEY=VALUE "
                   "(e.g. quiz.versions=3; a list is comma-separated)")
      ->type_name("KIND.KEY=VALUE");
  // The command line is read before any plugin is loaded, so the shortcuts' names are fixed
  // here; what each means (which generators, its type, its range or choices) is what the
  // loaded generators declare, checked as --set is, and listed below the options.
  auto shortcuts = std::make_shared<std::vector<GivenShortcut>>();
  for (const Shortcut& shortcut : kShortcuts) {
    auto value = std::make_shared<std::string>();
    CLI::Option* option =
        build
            ->add_option("--" + std::string(shortcut.key), *value,
                         std::string("the option '") + shortcut.key +
                             "' of every loaded generator that declares it (see below)")
            ->type_name(shortcut.value_name);
    shortcuts->push_back({shortcut.key, option, value});
  }
  build->footer([&cli] {
    PluginHost host;
    for (const std::string& dir : plugin_search_path(cli.plugin_dirs, cli.layout.plugins())) {
      host.load_directory(dir);
    }
    std::vector<std::string> keys;
    for (const Shortcut& shortcut : kShortcuts) keys.push_back(shortcut.key);
    std::string options = describe_generator_options(host.generators(), keys);
    return "Generator options, as the loaded plugins declare them (--set KIND.KEY=VALUE, or\n"
           "[generators.KIND] in a project file):\n" +
           (options.empty() ? std::string("  none: no loaded plugin declares any\n") : options);
  });
  build->add_flag("--no-wait", "fail instead of waiting when another build writes to the folder");
  build->callback([&cli, settings, out, seed, out_option, seed_option, build, sets, shortcuts] {
    if (out_option->count()) settings->out = *out;
    settings->option_settings.clear();
    for (const GivenShortcut& shortcut : *shortcuts) {
      if (shortcut.option->count()) {
        settings->option_settings.push_back(option_shortcut(shortcut.key, *shortcut.value));
      }
    }
    for (const std::string& s : *sets) settings->option_settings.push_back(s);
    if (seed_option->count()) settings->seed = *seed;
    settings->plugin_dirs = cli.plugin_dirs;
    settings->progress = isatty(STDERR_FILENO);
    settings->wait_for_lock = build->count("--no-wait") == 0;
    Workspace workspace(cli.layout, cli.plugin_dirs);
    StreamBuildStatus status(std::cerr);
    cli.status = print_build(build_project(workspace, *settings, status), cli.json_problems,
                             std::cout, std::cerr);
  });
}

}  // namespace coachkit::cli
