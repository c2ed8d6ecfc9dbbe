// The evaluations a QA command was given, read, checked against the rubric version each is
// scored under, and scored: what `score`, `report` and `calibrate` share.
#pragma once

#include "qa/evaluation.hpp"
#include "qa/evaluation_score.hpp"
#include "support/diagnostics.hpp"

#include <coachkit/model.hpp>

#include <optional>
#include <string>
#include <vector>

namespace coachkit {

struct ScoredEvaluation {
  Evaluation evaluation;
  const Rubric* version = nullptr;  // into the rubric given to load_evaluations
  EvaluationScore score;
};

// Every evaluation file among `paths` (files, or folders searched for *.toml), read, checked
// and scored under `as_version`, or the version each names, or the current one. Evaluations with
// a problem are left out and their problems added to `diagnostics`, all of them. The result
// points into `rubric`, which must outlive it.
std::vector<ScoredEvaluation> load_evaluations(const Rubric& rubric,
                                               const std::vector<std::string>& paths,
                                               std::optional<int> as_version,
                                               Diagnostics& diagnostics);

}  // namespace coachkit
