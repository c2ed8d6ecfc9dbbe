// coachkit score RUBRIC EVALUATION… [--json | --csv] [--as-version V]
#include "commands.hpp"
#include "qa/score_run.hpp"

#include <iostream>
#include <memory>

namespace coachkit::cli {

void add_score_command(CLI::App& app, CommandLine& cli) {
  auto request = std::make_shared<ScoreRequest>();
  auto json = std::make_shared<bool>(false);
  auto csv = std::make_shared<bool>(false);
  auto as_version = std::make_shared<int>(0);
  CLI::App* score = app.add_subcommand(
      "score", "QA scores of evaluation files: score, sections, band, rules applied");
  score
      ->add_option("rubric", request->rubric,
                   "a rubric file, PACK_DIR:RUBRIC_ID or PACK_ID:RUBRIC_ID (see docs/rubrics.md)")
      ->required()
      ->type_name("RUBRIC");
  score->add_option("evaluations", request->evaluations, "evaluation files or folders of them")
      ->required()
      ->type_name("EVALUATION");
  CLI::Option* json_flag = score->add_flag("--json", *json, "print JSON");
  score->add_flag("--csv", *csv, "print CSV")->excludes(json_flag);
  CLI::Option* version = score->add_option(
      "--as-version", *as_version, "score every evaluation under this version of the rubric");
  version->type_name("V")->check(CLI::PositiveNumber);
  score->callback([&cli, request, json, csv, as_version, version] {
    request->format = *json  ? ScoreRequest::Format::Json
                      : *csv ? ScoreRequest::Format::Csv
                             : ScoreRequest::Format::Text;
    if (version->count()) request->as_version = *as_version;
    request->plugin_dirs = cli.plugin_dirs;
    cli.status = run_score(*request, cli.layout, std::cout, std::cerr);
  });
}

}  // namespace coachkit::cli
