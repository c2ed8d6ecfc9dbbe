// The neutral view calibration works on (calibration.hpp), built from a rubric and its scored
// evaluations: each criterion's level of measurement, categories and maximum, and each answer
// as a value on the criterion's scale and as the share of the maximum it earns.
#pragma once

#include "qa/calibration.hpp"
#include "qa/evaluation.hpp"

#include <coachkit/model.hpp>

#include <vector>

namespace coachkit {

// `scores[i]` is the total score of `evaluations[i]`, 0 to 100. The criteria are the rubric's
// (this version's), section by section.
CalibrationInput calibration_input(const Rubric& rubric, const std::vector<Evaluation>& evaluations,
                                   const std::vector<double>& scores);

}  // namespace coachkit
