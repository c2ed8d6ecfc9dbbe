// Calibration: how far evaluators who scored the same interactions agree, per criterion and
// overall, and how far each one sits from the consensus and from a named expert.
//
// Works on a neutral view of a rubric and its evaluations (CalibrationInput), so the statistics
// do not depend on how evaluation files are read or scored; calibration_input() in
// calibration_answers.hpp builds it from a Rubric and its evaluation files. Every order in the
// result is fixed (criteria by disagreement then rubric order, evaluators by name), so the same
// files give the same report.
#pragma once

#include "qa/agreement.hpp"
#include "support/problem.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace coachkit {

struct CalibrationCriterion {
  std::string id;
  std::string text;
  Measurement measurement = Measurement::nominal;
  std::vector<double> categories;  // every value the scale offers (N/A included if allowed)
  double maximum = 1;              // the points the criterion is worth (alignment weight)
  bool critical = false;
};

// One evaluator's answer to one criterion.
struct CalibrationAnswer {
  bool answered = false;
  bool not_applicable = false;
  double value = 0;     // on the criterion's scale; N/A as kNotApplicableCategory
  double fraction = 0;  // of the criterion's maximum earned (0 to 1); unused for N/A
};

// The value an N/A answer takes among a nominal criterion's categories.
constexpr double kNotApplicableCategory = -1;

struct CalibrationEvaluation {
  std::string file;
  std::string interaction;
  std::string evaluator;
  std::vector<CalibrationAnswer> answers;  // one per criterion, in the criteria's order
  std::optional<double> score;  // the total score, 0 to 100; none when everything was N/A
};

struct CalibrationInput {
  std::string rubric;
  std::vector<CalibrationCriterion> criteria;
  std::vector<CalibrationEvaluation> evaluations;
  // Answers left out (unanswered above) because their rubric version put the criterion on
  // another scale: a version-1 "yes" is not a version-2 level 1.
  std::size_t answers_on_another_scale = 0;
};

// Chance-corrected agreement on one criterion, or on all answers pooled.
struct CriterionAgreement {
  std::string id;
  std::string text;
  Measurement measurement = Measurement::nominal;
  bool critical = false;
  std::size_t interactions = 0;  // rated by two evaluators or more
  Statistic percent_agreement;
  std::string kappa_name;  // "Cohen's kappa" for two evaluators, else "Fleiss' kappa"
  Statistic kappa;
  Statistic alpha;
  Statistic ac1;
};

struct EvaluatorDeviation {
  std::string evaluator;
  std::size_t evaluations = 0;  // of interactions someone else evaluated too
  // Total score minus the consensus (the mean total of the interaction's evaluations).
  std::optional<double> mean_deviation;
  std::optional<double> mean_absolute_deviation;
  // Of the answers given where another evaluator answered too (`answers_compared`): those that
  // differ from the interaction's most common answer, and those given where no answer was more
  // common than every other (a tie; with two evaluators, every disagreement).
  std::size_t answers_off_consensus = 0;
  std::size_t answers_in_a_tie = 0;
  std::size_t answers_compared = 0;
};

// An evaluator against the expert, over the interactions both evaluated.
struct ExpertAlignment {
  std::string evaluator;
  std::size_t interactions = 0;
  std::optional<double> mean_deviation;           // total score minus the expert's
  std::optional<double> mean_absolute_deviation;  //
  // MaestroQA's alignment score in percent: per criterion 1 - |evaluator - expert| / maximum,
  // weighted by the criteria's maxima, averaged over the shared interactions.
  std::optional<double> alignment;
  std::size_t critical_disagreements = 0;
  std::size_t other_disagreements = 0;
};

struct Calibration {
  std::string rubric;
  std::vector<std::string> evaluators;       // sorted
  std::size_t interactions = 0;              // evaluated by two evaluators or more
  std::size_t evaluations = 0;               // read
  std::vector<CriterionAgreement> criteria;  // most disagreement first
  CriterionAgreement overall;                // every criterion's answers pooled
  Statistic score_alpha;                     // Krippendorff's alpha (interval) on total scores
  IntraclassCorrelations score_icc;          // on the interactions every evaluator scored
  std::vector<EvaluatorDeviation> deviations;
  std::string expert;  // "" without --expert
  std::vector<ExpertAlignment> alignments;
  std::vector<std::string> warnings;         // e.g. an interaction evaluated twice by one evaluator
  std::size_t answers_on_another_scale = 0;  // see CalibrationInput
};

// `expert` "" for none. An expert who evaluated nothing is a usage problem.
std::optional<Problem> calibrate(const CalibrationInput& input, const std::string& expert,
                                 Calibration* result);

}  // namespace coachkit
