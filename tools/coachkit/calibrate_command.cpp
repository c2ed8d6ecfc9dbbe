// coachkit calibrate RUBRIC EVALUATION… [--expert NAME] [--json]
#include "commands.hpp"
#include "qa/calibration_answers.hpp"
#include "qa/calibration_output.hpp"
#include "qa/evaluation_set.hpp"
#include "qa/rubric_source.hpp"

#include <iostream>
#include <memory>

namespace coachkit::cli {

namespace {

struct CalibrateSettings {
  std::string rubric;                    // a rubric file, PACK_DIR:rubric-id or pack-id:rubric-id
  std::vector<std::string> evaluations;  // files or folders
  std::string expert;                    // "" for none
  bool json = false;
};

// 0: reported; 1: a problem with the rubric, an evaluation or the expert, every one reported as
// FILE:LINE:COL: message. No report then: agreement over the evaluations that happened to be
// readable would mislead.
int run_calibrate(const CalibrateSettings& settings, Workspace& workspace, ProblemReport& report) {
  Diagnostics diagnostics;
  std::optional<RubricSource> resolved = resolve_rubric(settings.rubric, workspace, diagnostics);
  if (!resolved) {
    report.add(diagnostics);
    return report.finish();
  }
  const Rubric& rubric = resolved->rubric();
  const std::size_t problems = diagnostics.size();
  std::vector<ScoredEvaluation> scored =
      load_evaluations(rubric, settings.evaluations, std::nullopt, diagnostics);
  if (diagnostics.size() > problems) {
    report.add(diagnostics);
    return report.stop(note(std::to_string(diagnostics.size()) +
                            (diagnostics.size() == 1 ? " problem" : " problems") +
                            "; nothing calibrated"));
  }
  if (scored.empty()) return report.stop(usage_error("no evaluation files among the paths given"));
  std::vector<Evaluation> evaluations;
  std::vector<double> scores;
  std::vector<const Rubric*> versions;
  evaluations.reserve(scored.size());
  for (ScoredEvaluation& one : scored) {
    scores.push_back(one.score.gated.value_or(0));
    versions.push_back(one.version);
    evaluations.push_back(std::move(one.evaluation));
  }
  CalibrationInput input = calibration_input(rubric, evaluations, scores, versions);
  for (std::size_t i = 0; i < scored.size(); ++i) {
    // Everything N/A: no score to compare.
    if (!scored[i].score.gated) input.evaluations[i].score.reset();
  }
  Calibration calibration;
  if (auto problem = calibrate(input, settings.expert, &calibration)) {
    return report.stop(*problem);
  }
  if (settings.json) {
    std::cout << calibration_json(calibration);
  } else {
    write_calibration_report(calibration, std::cout);
  }
  return report.finish();
}

}  // namespace

void add_calibrate_command(CLI::App& app, CommandLine& cli) {
  auto settings = std::make_shared<CalibrateSettings>();
  CLI::App* calibrate = app.add_subcommand(
      "calibrate",
      "how far evaluators agree on the same interactions: per criterion and overall, chance "
      "corrected, and each evaluator against the consensus or an expert");
  calibrate
      ->add_option("rubric", settings->rubric,
                   "the rubric: a rubric file, PACK_DIR:rubric-id or pack-id:rubric-id")
      ->required()
      ->type_name("RUBRIC");
  calibrate->add_option("evaluations", settings->evaluations, "evaluation files or folders")
      ->required()
      ->type_name("EVALUATION");
  calibrate
      ->add_option("--expert", settings->expert,
                   "also compare every evaluator with this one: deviation, alignment score, "
                   "critical disagreements")
      ->type_name("NAME");
  calibrate->add_flag("--json", settings->json, "print the report as JSON");
  calibrate->callback([&cli, settings] {
    Workspace workspace(cli.layout, cli.plugin_dirs);
    ProblemReport report(cli.json_problems);
    cli.status = run_calibrate(*settings, workspace, report);
  });
}

}  // namespace coachkit::cli
