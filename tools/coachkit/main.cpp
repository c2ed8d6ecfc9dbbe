// coachkit: author coaching content once, in TOML; get handouts, posters, quizzes and rubrics.
//
// Exit codes: 0 success, 1 content or usage error, 2 a tool or plugin failed.

#include "commands.hpp"
#include "support/interruption.hpp"

#include <coachkit/version.hpp>

#include <iostream>

using namespace coachkit;

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
  cli::CommandLine cli;
  app.add_option("--plugin-dir", cli.plugin_dirs,
                 "also load plugins from DIR (repeatable; searched before COACHKIT_PLUGIN_PATH "
                 "and the built-in folder)")
      ->type_name("DIR");
  app.add_flag("--json", cli.json_problems,
               "problems as one JSON array on stderr (file, line, column, severity, origin, "
               "message); commands with their own --json print their results as JSON too");
  cli::add_build_command(app, cli);
  cli::add_lint_command(app, cli);
  cli::add_plugins_command(app, cli);
  cli::add_packs_command(app, cli);
  cli::add_new_command(app, cli);
  cli::add_schema_command(app, cli);
  cli::add_score_command(app, cli);
  cli::add_import_command(app, cli);
  cli::add_sample_command(app, cli);
  cli::add_report_command(app, cli);
  cli::add_calibrate_command(app, cli);
  cli::add_serve_command(app, cli);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? cli::kOk : cli::kContentError;
  } catch (const std::exception& e) {
    std::cerr << "coachkit: " << e.what() << "\n";
    return cli::kToolError;
  }
  return cli.status;
}
