// coachkit lint PATH…
#include "commands.hpp"
#include "lint/lint.hpp"

#include <iostream>
#include <memory>

namespace coachkit::cli {

void add_lint_command(CLI::App& app, CommandLine& cli) {
  auto paths = std::make_shared<std::vector<std::string>>();
  CLI::App* lint = app.add_subcommand("lint", "check packs; problems as FILE:LINE:COL: message");
  lint->add_option("paths", *paths, "pack folders or projects")->required()->type_name("PATH");
  lint->callback([&cli, paths] {
    cli.status = run_lint(*paths, cli.plugin_dirs, cli.layout, std::cout, std::cerr);
  });
}

}  // namespace coachkit::cli
