// coachkit import RUBRIC FILE.csv [--map MAP.toml] [--out DIR] [--force]
#include "commands.hpp"
#include "qa/evaluation_import.hpp"
#include "qa/rubric_source.hpp"

#include <filesystem>
#include <iostream>
#include <memory>

namespace fs = std::filesystem;

namespace coachkit::cli {

namespace {

// 0 when every row was imported (all files written); 1 when anything was wrong, including a
// file of the same name already there without --force (nothing written); 2 when a file could
// not be written (nothing written either, see write_all_or_none).
int run_import(const ImportRequest& request, Workspace& workspace, ProblemReport& report) {
  Diagnostics diagnostics;
  std::optional<RubricSource> source = resolve_rubric(request.rubric, workspace, diagnostics);
  std::optional<std::vector<ImportedFile>> files =
      import_files(request, source ? &source->rubric() : nullptr, diagnostics);
  report.add(diagnostics);
  if (!files) return report.finish();
  if (!diagnostics.empty()) {
    report.add(note(std::to_string(diagnostics.size()) +
                    (diagnostics.size() == 1 ? " problem" : " problems") +
                    "; nothing was written"));
    return report.finish();
  }
  std::error_code ec;
  bool made_folder = !fs::exists(request.out, ec);
  fs::create_directories(request.out, ec);
  if (ec) {
    return report.stop(
        tool_error("cannot create " + request.out + ": " + ec.message() + "; nothing was written"));
  }
  if (auto problem = write_all_or_none(*files, request.force)) {
    if (made_folder) fs::remove(request.out, ec);  // only when empty: the folder this run made
    return report.stop(std::move(*problem));
  }
  std::cout << files->size() << " evaluation" << (files->size() == 1 ? "" : "s") << " written to "
            << escape_control_characters(request.out) << "\n";
  return report.finish();
}

}  // namespace

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
    Workspace workspace(cli.layout, cli.plugin_dirs);
  ProblemReport report(cli.json_problems);
  cli.status = run_import(*request, workspace, report);
});
}  // namespace coachkit::cli

}  // namespace coachkit::cli
