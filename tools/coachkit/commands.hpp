// The coachkit command line: one file per command, each adding its subcommand to the app. The
// work itself is in the core; these files only read arguments and print.
#pragma once

#include "support/install_layout.hpp"

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace coachkit::cli {

constexpr int kOk = 0;
constexpr int kContentError = 1;
constexpr int kToolError = 2;

// What every command shares; the chosen command's callback sets `status`.
struct CommandLine {
  std::vector<std::string> plugin_dirs;
  InstallLayout layout = InstallLayout::of_this_program();
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
