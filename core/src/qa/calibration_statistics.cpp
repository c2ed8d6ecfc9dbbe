#include "qa/calibration_statistics.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace coachkit {

namespace {

// Evaluations grouped by interaction: for each interaction (by name), one slot per evaluator
// holding the index of their evaluation.
using Slots = std::vector<std::optional<std::size_t>>;

struct Groups {
  std::vector<std::string> interactions;  // sorted
  std::vector<Slots> slots;               // one per interaction above
};

std::size_t evaluated(const Slots& slots) {
  return static_cast<std::size_t>(
      std::count_if(slots.begin(), slots.end(), [](const auto& s) { return s.has_value(); }));
}

Groups group_by_interaction(const CalibrationInput& input,
                            const std::vector<std::string>& evaluators,
                            std::vector<std::string>* warnings) {
  std::map<std::string, Slots> by_interaction;
  for (std::size_t i = 0; i < input.evaluations.size(); ++i) {
    const CalibrationEvaluation& evaluation = input.evaluations[i];
    const std::size_t rater = static_cast<std::size_t>(
        std::lower_bound(evaluators.begin(), evaluators.end(), evaluation.evaluator) -
        evaluators.begin());
    Slots& slots = by_interaction[evaluation.interaction];
    slots.resize(evaluators.size());
    if (slots[rater]) {
      warnings->push_back(evaluation.file + ": " + evaluation.evaluator + " evaluated " +
                          evaluation.interaction + " already in " +
                          input.evaluations[*slots[rater]].file + "; that first one is used");
      continue;
    }
    slots[rater] = i;
  }
  Groups groups;
  for (auto& [interaction, slots] : by_interaction) {
    groups.interactions.push_back(interaction);
    groups.slots.push_back(std::move(slots));
  }
  return groups;
}

// The answers to one criterion as ratings: interactions × evaluators. N/A is a category of its
// own on a nominal scale and missing on a scale of numbers, where it has no place.
Ratings criterion_ratings(const CalibrationInput& input, const Groups& groups,
                          std::size_t criterion) {
  const Measurement measurement = input.criteria[criterion].measurement;
  Ratings ratings;
  ratings.values.reserve(groups.slots.size());
  for (const Slots& slots : groups.slots) {
    std::vector<std::optional<double>> row(slots.size());
    for (std::size_t rater = 0; rater < slots.size(); ++rater) {
      if (!slots[rater]) continue;
      const CalibrationAnswer& answer = input.evaluations[*slots[rater]].answers[criterion];
      if (!answer.answered) continue;
      if (answer.not_applicable && measurement != Measurement::nominal) continue;
      row[rater] = answer.not_applicable ? kNotApplicableCategory : answer.value;
    }
    ratings.values.push_back(std::move(row));
  }
  return ratings;
}

CriterionAgreement agreement_on(const CalibrationCriterion& criterion, const Ratings& ratings) {
  CriterionAgreement agreement;
  agreement.id = criterion.id;
  agreement.text = criterion.text;
  agreement.measurement = criterion.measurement;
  agreement.critical = criterion.critical;
  agreement.percent_agreement = percent_agreement(ratings);
  agreement.interactions = agreement.percent_agreement.units;
  if (ratings.rater_count() == 2) {
    agreement.kappa_name = "Cohen's kappa";
    agreement.kappa = cohens_kappa(ratings);
  } else {
    agreement.kappa_name = "Fleiss' kappa";
    agreement.kappa = fleiss_kappa(ratings);
  }
  agreement.alpha = krippendorffs_alpha(ratings, criterion.measurement);
  std::vector<double> categories;
  for (double category : criterion.categories) {
    if (category != kNotApplicableCategory || criterion.measurement == Measurement::nominal) {
      categories.push_back(category);
    }
  }
  agreement.ac1 = gwets_ac1(ratings, categories);
  return agreement;
}

// The mean of the criteria's defined values, or why there is none.
Statistic mean_over_criteria(const std::vector<CriterionAgreement>& criteria,
                             Statistic CriterionAgreement::*member) {
  double sum = 0;
  std::size_t count = 0;
  for (const CriterionAgreement& criterion : criteria) {
    const Statistic& statistic = criterion.*member;
    if (statistic.defined()) {
      sum += *statistic.value;
      ++count;
    }
  }
  if (count == 0) return Statistic::undefined("undefined for every criterion");
  return Statistic::of(sum / static_cast<double>(count), count);
}

std::optional<double> mean(double sum, std::size_t count) {
  if (count == 0) return std::nullopt;
  return sum / static_cast<double>(count);
}

// The value an answer stands for when answers are compared: N/A apart from every number.
std::optional<double> comparable(const CalibrationAnswer& answer) {
  if (!answer.answered) return std::nullopt;
  return answer.not_applicable ? kNotApplicableCategory : answer.value;
}

void deviations_from_consensus(const CalibrationInput& input, const Groups& groups,
                               Calibration* result) {
  const std::size_t raters = result->evaluators.size();
  std::vector<double> sum(raters, 0.0);
  std::vector<double> absolute(raters, 0.0);
  result->deviations.assign(raters, {});
  for (std::size_t r = 0; r < raters; ++r) result->deviations[r].evaluator = result->evaluators[r];
  for (const Slots& slots : groups.slots) {
    if (evaluated(slots) < 2) continue;  // one evaluation is its own consensus
    double total = 0;
    std::size_t count = 0;
    for (const auto& slot : slots) {
      if (slot && input.evaluations[*slot].score) {
        total += *input.evaluations[*slot].score;
        ++count;
      }
    }
    const double consensus = count > 0 ? total / static_cast<double>(count) : 0;
    for (std::size_t r = 0; r < raters; ++r) {
      if (!slots[r] || count < 2 || !input.evaluations[*slots[r]].score) continue;
      const double deviation = *input.evaluations[*slots[r]].score - consensus;
      sum[r] += deviation;
      absolute[r] += std::fabs(deviation);
      ++result->deviations[r].evaluations;
    }
    // The most common answer to each criterion, when one answer is more common than the rest.
    for (std::size_t c = 0; c < input.criteria.size(); ++c) {
      std::map<double, std::size_t> counts;
      for (const auto& slot : slots) {
        if (!slot) continue;
        if (auto value = comparable(input.evaluations[*slot].answers[c])) ++counts[*value];
      }
      std::optional<double> mode;
      std::size_t best = 0;
      bool tie = false;
      for (const auto& [value, n] : counts) {
        if (n > best) {
          best = n;
          mode = value;
          tie = false;
        } else if (n == best) {
          tie = true;
        }
      }
      std::size_t answers = 0;
      for (const auto& entry : counts) answers += entry.second;
      if (answers < 2) continue;  // nobody to compare the one answer with
      for (std::size_t r = 0; r < raters; ++r) {
        if (!slots[r]) continue;
        auto value = comparable(input.evaluations[*slots[r]].answers[c]);
        if (!value) continue;
        ++result->deviations[r].answers_compared;
        // A tie has no most common answer (two evaluators who differ always tie).
        if (tie) {
          ++result->deviations[r].answers_in_a_tie;
        } else if (*value != *mode) {
          ++result->deviations[r].answers_off_consensus;
        }
      }
    }
  }
  for (std::size_t r = 0; r < raters; ++r) {
    EvaluatorDeviation& deviation = result->deviations[r];
    deviation.mean_deviation = mean(sum[r], deviation.evaluations);
    deviation.mean_absolute_deviation = mean(absolute[r], deviation.evaluations);
  }
}

void alignments_with_expert(const CalibrationInput& input, const Groups& groups, std::size_t expert,
                            Calibration* result) {
  const std::size_t raters = result->evaluators.size();
  for (std::size_t r = 0; r < raters; ++r) {
    if (r == expert) continue;
    ExpertAlignment alignment;
    alignment.evaluator = result->evaluators[r];
    double deviation_sum = 0;
    double absolute_sum = 0;
    double alignment_sum = 0;
    std::size_t aligned = 0;
    std::size_t scored = 0;
    for (const Slots& slots : groups.slots) {
      if (!slots[r] || !slots[expert]) continue;
      const CalibrationEvaluation& mine = input.evaluations[*slots[r]];
      const CalibrationEvaluation& theirs = input.evaluations[*slots[expert]];
      ++alignment.interactions;
      if (mine.score && theirs.score) {
        deviation_sum += *mine.score - *theirs.score;
        absolute_sum += std::fabs(*mine.score - *theirs.score);
        ++scored;
      }
      double earned = 0;
      double possible = 0;
      for (std::size_t c = 0; c < input.criteria.size(); ++c) {
        const CalibrationAnswer& a = mine.answers[c];
        const CalibrationAnswer& b = theirs.answers[c];
        if (!a.answered || !b.answered) continue;
        double agreement = 0;
        if (a.not_applicable || b.not_applicable) {
          agreement = a.not_applicable && b.not_applicable ? 1.0 : 0.0;
        } else {
          agreement = 1.0 - std::fabs(a.fraction - b.fraction);
        }
        const double maximum = input.criteria[c].maximum;
        earned += maximum * agreement;
        possible += maximum;
        if (comparable(a) != comparable(b)) {
          if (input.criteria[c].critical) {
            ++alignment.critical_disagreements;
          } else {
            ++alignment.other_disagreements;
          }
        }
      }
      if (possible > 0) {
        alignment_sum += 100.0 * earned / possible;
        ++aligned;
      }
    }
    alignment.mean_deviation = mean(deviation_sum, scored);
    alignment.mean_absolute_deviation = mean(absolute_sum, scored);
    alignment.alignment = mean(alignment_sum, aligned);
    result->alignments.push_back(alignment);
  }
}

// Most disagreement first: lowest percent agreement, then lowest alpha; undefined last.
bool more_disagreement(const CriterionAgreement& a, const CriterionAgreement& b) {
  auto key = [](const Statistic& s) { return s.defined() ? *s.value : 2.0; };
  if (key(a.percent_agreement) != key(b.percent_agreement)) {
    return key(a.percent_agreement) < key(b.percent_agreement);
  }
  return key(a.alpha) < key(b.alpha);
}

}  // namespace

std::optional<Problem> calibrate(const CalibrationInput& input, const std::string& expert,
                                 Calibration* result) {
  *result = Calibration{};
  result->rubric = input.rubric;
  result->evaluations = input.evaluations.size();
  result->answers_on_another_scale = input.answers_on_another_scale;
  if (input.answers_on_another_scale > 0) {
    result->warnings.push_back(
        std::to_string(input.answers_on_another_scale) +
        (input.answers_on_another_scale == 1 ? " answer was" : " answers were") +
        " given under a rubric version whose scale for that criterion differs from the current "
        "one; left out of every comparison, since the rubric does not say how one scale maps "
        "onto the other");
  }
  for (const CalibrationEvaluation& evaluation : input.evaluations) {
    result->evaluators.push_back(evaluation.evaluator);
  }
  std::sort(result->evaluators.begin(), result->evaluators.end());
  result->evaluators.erase(std::unique(result->evaluators.begin(), result->evaluators.end()),
                           result->evaluators.end());
  std::optional<std::size_t> expert_index;
  if (!expert.empty()) {
    auto found = std::lower_bound(result->evaluators.begin(), result->evaluators.end(), expert);
    if (found == result->evaluators.end() || *found != expert) {
      std::string known;
      for (const std::string& name : result->evaluators)
        known += (known.empty() ? "" : ", ") + name;
      return usage_error("the expert '" + expert +
                         "' evaluated none of these interactions (evaluators: " +
                         (known.empty() ? "none" : known) + ")");
    }
    expert_index = static_cast<std::size_t>(found - result->evaluators.begin());
    result->expert = expert;
  }
  Groups groups = group_by_interaction(input, result->evaluators, &result->warnings);
  result->interactions = static_cast<std::size_t>(
      std::count_if(groups.slots.begin(), groups.slots.end(),
                    [](const Slots& slots) { return evaluated(slots) >= 2; }));

  for (std::size_t c = 0; c < input.criteria.size(); ++c) {
    Ratings ratings = criterion_ratings(input, groups, c);
    if (ratings.values.empty()) ratings.values.emplace_back(result->evaluators.size());
    result->criteria.push_back(agreement_on(input.criteria[c], ratings));
  }

  // Overall: agreement over every pairable answer; the chance-corrected statistics averaged
  // over the criteria, since chance differs from one scale to the next.
  CriterionAgreement& overall = result->overall;
  overall.id = "overall";
  overall.text = "all criteria";
  double agreement_sum = 0;
  std::size_t pairable = 0;
  for (const CriterionAgreement& criterion : result->criteria) {
    if (criterion.percent_agreement.defined()) {
      agreement_sum += *criterion.percent_agreement.value * criterion.percent_agreement.units;
      pairable += criterion.percent_agreement.units;
    }
  }
  overall.percent_agreement =
      pairable > 0 ? Statistic::of(agreement_sum / pairable, pairable)
                   : Statistic::undefined("no answer was given by two evaluators or more");
  overall.interactions = result->interactions;
  overall.kappa_name = result->evaluators.size() == 2 ? "Cohen's kappa" : "Fleiss' kappa";
  overall.kappa = mean_over_criteria(result->criteria, &CriterionAgreement::kappa);
  overall.alpha = mean_over_criteria(result->criteria, &CriterionAgreement::alpha);
  overall.ac1 = mean_over_criteria(result->criteria, &CriterionAgreement::ac1);
  std::stable_sort(result->criteria.begin(), result->criteria.end(), more_disagreement);

  Ratings scores;
  for (const Slots& slots : groups.slots) {
    std::vector<std::optional<double>> row(slots.size());
    for (std::size_t r = 0; r < slots.size(); ++r) {
      if (slots[r]) row[r] = input.evaluations[*slots[r]].score;  // none stays missing
    }
    scores.values.push_back(std::move(row));
  }
  if (scores.values.empty()) scores.values.emplace_back(result->evaluators.size());
  result->score_alpha = krippendorffs_alpha(scores, Measurement::interval);
  result->score_icc = intraclass_correlations(scores);

  deviations_from_consensus(input, groups, result);
  if (expert_index) alignments_with_expert(input, groups, *expert_index, result);
  return std::nullopt;
}

}  // namespace coachkit
