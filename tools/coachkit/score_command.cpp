// coachkit score RUBRIC EVALUATION… [--json | --csv] [--as-version V]
#include "commands.hpp"
#include "qa/evaluation_set.hpp"
#include "qa/rubric_source.hpp"
#include "qa/score_output.hpp"

#include <iostream>
#include <memory>

namespace coachkit::cli {

namespace {

struct ScoreRequest {
  enum class Format { Text, Json, Csv };
  std::string rubric;                    // see rubric_source.hpp
  std::vector<std::string> evaluations;  // files or folders
  std::optional<int> as_version;
  Format format = Format::Text;
};

// 0 when every evaluation was scored; 1 when any had a problem (the others are still printed).
int run_score(const ScoreRequest& request, Workspace& workspace, ProblemReport& report) {
  Diagnostics diagnostics;
  std::optional<RubricSource> source = resolve_rubric(request.rubric, workspace, diagnostics);
  if (!source) {
    report.add(diagnostics);
    return report.finish();
  }
  const Rubric& rubric = source->rubric();
  std::vector<ScoredEvaluation> scored =
      load_evaluations(rubric, request.evaluations, request.as_version, diagnostics);
  switch (request.format) {
    case ScoreRequest::Format::Text:
      write_score_text(source->pack, rubric, scored, std::cout);
      break;
    case ScoreRequest::Format::Json:
      write_score_json(source->pack, rubric, scored, std::cout);
      break;
    case ScoreRequest::Format::Csv:
      write_score_csv(source->pack, rubric, scored, std::cout);
      break;
  }
  report.add(diagnostics);
  if (!diagnostics.empty()) {
    report.add(note(std::to_string(diagnostics.size()) +
                    (diagnostics.size() == 1 ? " problem" : " problems")));
  }
  return report.finish();
}

}  // namespace

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
    Workspace workspace(cli.layout, cli.plugin_dirs);
    ProblemReport report(cli.json_problems);
    cli.status = run_score(*request, workspace, report);
  });
}

}  // namespace coachkit::cli
