// QA scores of one evaluation under one version of a rubric: pure functions, no I/O. The
// evaluation must have passed check_evaluation against that version.
//
// Each answer becomes a fraction of its criterion (yes 1, no 0; points / maximum; a level by the
// rubric's level mapping) and earns that fraction of the criterion's weight. The rubric's
// method turns the criteria into a score from 0 to 100; N/A, critical and bonus rules apply as
// docs/rubrics.md describes, and every rule that changed something is listed.
#pragma once

#include "qa/evaluation.hpp"

#include <coachkit/model.hpp>

#include <optional>
#include <string>
#include <vector>

namespace coachkit {

struct CriterionResult {
  const Criterion* criterion = nullptr;
  std::size_t section = 0;         // index into the rubric's sections
  std::optional<double> fraction;  // 0..1; none when unanswered (a bonus) or N/A left out
  double earned = 0;               // fraction times weight
  double possible = 0;             // the weight, or 0 when left out or a bonus
  bool not_applicable = false;     // answered "na"
  bool critical_failed = false;
  std::string note;  // the evaluator's note, or ""
};

struct SectionResult {
  const RubricSection* section = nullptr;
  double earned = 0;  // including bonus points
  double possible = 0;
  std::optional<double> raw;    // 0..100; none when every criterion was left out
  std::optional<double> gated;  // 0 when a critical criterion zeroed the section
  bool zeroed = false;
};

struct AppliedRule {
  enum class Kind {
    NotApplicableExcluded,
    NotApplicableAsPass,
    CriticalSection,
    CriticalForm,
    Bonus,
    CappedAt100,
    Unanswered
  };
  Kind kind = Kind::NotApplicableExcluded;
  std::string criterion;  // "" for a rule about the whole score
  std::string text;       // in plain words, e.g. "N/A: 'hold' left out of the score"
};

struct EvaluationScore {
  int version = 1;                   // the rubric version it was scored under
  std::optional<double> raw;         // 0..100 before critical rules; none when all was N/A
  std::optional<double> gated;       // after critical rules (auto-fail, zeroed sections)
  std::optional<double> compliance;  // 0..100 over critical criteria; none without any
  bool form_failed = false;
  const PerformanceBand* band = nullptr;  // of the gated score, or null
  std::vector<SectionResult> sections;    // in the rubric's order
  std::vector<CriterionResult> criteria;  // in the rubric's order, section by section
  std::vector<AppliedRule> rules;
};

// The fraction (0..1) an answer `value` is worth on the criterion's scale under `rubric`'s
// level mapping: yes 1, no 0; points value / max; levels (value - min) / (max - min) or
// value / max.
double answer_fraction(const Rubric& rubric, const Criterion& criterion, double value);

EvaluationScore score_evaluation(const Rubric& version, const Evaluation& evaluation);

// The band `score` falls in, compared at one decimal as it is printed; null when none does.
const PerformanceBand* band_of(const Rubric& rubric, double score);

// A score as printed: one decimal ("83.8").
std::string format_score(double score);

// "total points", "weighted sections", … as the scorecard and the docs say it.
std::string method_name(Rubric::Method method);

}  // namespace coachkit
