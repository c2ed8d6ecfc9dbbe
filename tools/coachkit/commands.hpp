// The coachkit command line: one file per command, each adding its subcommand to the app. The
// work itself is in the core; these files read arguments, ask the core and print what it found
// (problems through problem_report.hpp, which alone chooses the exit status).
#pragma once

#include "problem_report.hpp"
#include "support/install_layout.hpp"

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace coachkit::cli {

// What every command shares; the chosen command's callback sets `status`.
struct CommandLine {
  std::vector<std::string> plugin_dirs;
  InstallLayout layout = InstallLayout::of_this_program();
  bool json_problems = false;  // --json: problems as one JSON array on stderr
  int status = kContentError;
};

void add_build_command(CLI::App& app, CommandLine& cli);
void add_lint_command(CLI::App& app, CommandLine& cli);
void add_plugins_command(CLI::App& app, CommandLine& cli);
void add_packs_command(CLI::App& app, CommandLine& cli);
void add_new_command(CLI::App& app, CommandLine& cli);
void add_schema_command(CLI::App& app, CommandLine& cli);
void add_score_command(CLI::App& app, CommandLine& cli);
void add_import_command(CLI::App& app, CommandLine& cli);
void add_sample_command(CLI::App& app, CommandLine& cli);
void add_report_command(CLI::App& app, CommandLine& cli);
void add_calibrate_command(CLI::App& app, CommandLine& cli);
void add_serve_command(CLI::App& app, CommandLine& cli);

}  // namespace coachkit::cli
