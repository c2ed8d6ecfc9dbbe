// coachkit import RUBRIC FILE.csv [--map MAP.toml] [--out DIR] [--force]
#include "commands.hpp"
#include "qa/evaluation_import.hpp"

#include <iostream>
#include <memory>

namespace coachkit::cli {

void add_import_command(CLI::App& app, CommandLine& cli) {
  auto request = std::make_shared<ImportRequest>();
  CLI::App* import = app.add_subcommand(
      "import", "turn a QA platform's CSV export into evaluation files (all rows or none)");
  import
      ->add_option("rubric", request->rubric,
                   "a rubric file, PACK_DIR:RUBRIC_ID or PACK_ID:RUBRIC_ID")
      ->required()
      ->type_name("RUBRIC");
  import->add_option("csv", request->csv, "the CSV export")->required()->type_name("FILE.csv");
  import->add_option("--map", request->map, "how columns, questions and answers map (TOML)")
      ->type_name("MAP.toml");
  import->add_option("--out", request->out, "where to write the evaluation files")
      ->type_name("DIR")
      ->capture_default_str();
  import->add_flag("--force", request->force,
                   "replace evaluation files of the same names that are already in --out");
  import->callback([&cli, request] {
    request->plugin_dirs = cli.plugin_dirs;
  cli.status = run_import(*request, cli.layout, std::cout, std::cerr);
});
}  // namespace coachkit::cli

}  // namespace coachkit::cli
