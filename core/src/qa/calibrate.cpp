#include "qa/calibrate.hpp"

#include "diagnostics.hpp"
#include "qa/calibration.hpp"
#include "qa/calibration_input.hpp"
#include "qa/evaluation_reader.hpp"
#include "qa/rubric_source.hpp"
#include "qa/scoring.hpp"

#include <ostream>

namespace coachkit {

namespace {

// Reads, checks and scores every evaluation; every problem goes to `diagnostics`.
bool read_scored_evaluations(const Rubric& rubric, const std::vector<std::string>& paths,
                             std::vector<Evaluation>* evaluations, std::vector<double>* scores,
                             std::vector<bool>* scored, Diagnostics& diagnostics) {
  const std::size_t problems = diagnostics.size();
  for (const std::string& file : evaluation_files(paths, diagnostics)) {
    std::optional<Evaluation> evaluation = read_evaluation_file(file, diagnostics);
    if (!evaluation) continue;
    const Rubric* version = rubric_for(rubric, *evaluation, std::nullopt, diagnostics);
    if (!version || !check_evaluation(*evaluation, *version, diagnostics)) continue;
    EvaluationScore score = score_evaluation(*version, *evaluation);
    scores->push_back(score.gated.value_or(0));
    scored->push_back(score.gated.has_value());
    evaluations->push_back(std::move(*evaluation));
  }
  return diagnostics.size() == problems;
}

}  // namespace

int run_calibrate(const CalibrateSettings& settings, const InstallLayout& layout, std::ostream& out,
                  std::ostream& err) {
  Diagnostics diagnostics;
  std::optional<RubricSource> resolved =
      resolve_rubric(settings.rubric, settings.plugin_dirs, layout, diagnostics);
  if (!resolved) {
    err << diagnostics.to_string();
    return 1;
  }
  const Rubric& rubric = resolved->rubric();
  std::vector<Evaluation> evaluations;
  std::vector<double> scores;
  std::vector<bool> scored;
  if (!read_scored_evaluations(rubric, settings.evaluations, &evaluations, &scores, &scored,
                               diagnostics)) {
    err << diagnostics.to_string();
    return 1;
  }
  if (evaluations.empty()) {
    err << "coachkit: no evaluation files among the paths given\n";
    return 1;
  }
  CalibrationInput input = calibration_input(rubric, evaluations, scores);
  for (std::size_t i = 0; i < input.evaluations.size(); ++i) {
    if (!scored[i]) input.evaluations[i].score.reset();
  }
  Calibration calibration;
  std::string error;
  if (!calibrate(input, settings.expert, &calibration, &error)) {
    err << "coachkit: " << error << "\n";
    return 1;
  }
  if (settings.json) {
    out << calibration_json(calibration);
  } else {
    write_calibration_report(calibration, out);
  }
  return 0;
}

}  // namespace coachkit
