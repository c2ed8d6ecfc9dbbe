#include "qa/calibrate.hpp"

#include "support/diagnostics.hpp"
#include "qa/calibration.hpp"
#include "qa/calibration_input.hpp"
#include "qa/evaluation_set.hpp"
#include "qa/rubric_source.hpp"

#include <ostream>

namespace coachkit {

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
  const std::size_t problems = diagnostics.size();
  std::vector<ScoredEvaluation> scored =
      load_evaluations(rubric, settings.evaluations, std::nullopt, diagnostics);
  if (diagnostics.size() > problems) {
    err << diagnostics.to_string();
    err << diagnostics.size() << (diagnostics.size() == 1 ? " problem" : " problems")
        << "; nothing calibrated\n";
    return 1;
  }
  if (scored.empty()) {
    err << "coachkit: no evaluation files among the paths given\n";
    return 1;
  }
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
  std::string error;
  if (!calibrate(input, settings.expert, &calibration, &error)) {
    err << "coachkit: " << escape_control_characters(error) << "\n";
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
