// The neutral view calibration works on (calibration_statistics.hpp), built from a rubric and its
// scored evaluations: each criterion's level of measurement, categories and maximum, and each
// answer as a value on the criterion's scale and as the share of the maximum it earns.
#pragma once

#include "qa/calibration_statistics.hpp"
#include "qa/evaluation.hpp"

#include <coachkit/model.hpp>

#include <vector>

namespace coachkit {

// `scores[i]` is the total score of `evaluations[i]`, 0 to 100. The criteria are the rubric's
// (this version's), section by section.
// `versions[i]`, when given, is the rubric version `evaluations[i]` was made under: an answer to
// a criterion whose scale that version defines otherwise (yes/no there, levels now) is not on
// the scale the others are compared on, and is left out and counted in
// `answers_on_another_scale`; no version says how to map one scale onto another.
CalibrationInput calibration_input(const Rubric& rubric, const std::vector<Evaluation>& evaluations,
                                   const std::vector<double>& scores,
                                   const std::vector<const Rubric*>& versions = {});

}  // namespace coachkit
