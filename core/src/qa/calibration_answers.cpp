#include "qa/calibration_answers.hpp"
#include "qa/evaluation_score.hpp"

#include <algorithm>

namespace coachkit {

namespace {

// Past this many points a scale's categories are the answers given rather than every step.
constexpr int kMostListedCategories = 100;

CalibrationCriterion calibration_criterion(const Criterion& criterion) {
  CalibrationCriterion result;
  result.id = criterion.id;
  result.text = criterion.text;
  result.maximum = criterion.weight;
  result.critical = criterion.critical;
  const Scale& scale = criterion.scale;
  switch (scale.kind) {
    case Scale::Kind::YesNo:
      result.measurement = Measurement::nominal;
      result.categories = {0, 1};
      break;
    case Scale::Kind::Levels:
      result.measurement = Measurement::ordinal;
      break;
    case Scale::Kind::Points:
      result.measurement = Measurement::interval;
      break;
  }
  switch (criterion.measurement) {
    case Criterion::Measurement::FromScale:
      break;
    case Criterion::Measurement::Nominal:
      result.measurement = Measurement::nominal;
      break;
    case Criterion::Measurement::Ordinal:
      result.measurement = Measurement::ordinal;
      break;
    case Criterion::Measurement::Interval:
      result.measurement = Measurement::interval;
      break;
    case Criterion::Measurement::Ratio:
      result.measurement = Measurement::ratio;
      break;
  }
  if (scale.kind != Scale::Kind::YesNo && scale.max - scale.min <= kMostListedCategories) {
    for (int value = scale.min; value <= scale.max; ++value) result.categories.push_back(value);
  }
  if (criterion.not_applicable != Criterion::NotApplicable::NotAllowed) {
    result.categories.push_back(kNotApplicableCategory);
  }
  return result;
}

const Criterion* find_criterion(const Rubric& version, const std::string& id) {
  for (const RubricSection& section : version.sections) {
    for (const Criterion& criterion : section.criteria) {
      if (criterion.id == id) return &criterion;
    }
  }
  return nullptr;
}

bool same_scale(const Scale& a, const Scale& b) {
  return a.kind == b.kind && a.min == b.min && a.max == b.max;
}

}  // namespace

CalibrationInput calibration_input(const Rubric& rubric, const std::vector<Evaluation>& evaluations,
                                   const std::vector<double>& scores,
                                   const std::vector<const Rubric*>& versions) {
  CalibrationInput input;
  input.rubric = rubric.id;
  std::vector<const Criterion*> criteria;
  for (const RubricSection& section : rubric.sections) {
    for (const Criterion& criterion : section.criteria) {
      criteria.push_back(&criterion);
      input.criteria.push_back(calibration_criterion(criterion));
    }
  }
  input.evaluations.reserve(evaluations.size());
  for (std::size_t i = 0; i < evaluations.size(); ++i) {
    const Evaluation& evaluation = evaluations[i];
    CalibrationEvaluation calibration;
    calibration.file = evaluation.file;
    calibration.interaction = evaluation.interaction;
    calibration.evaluator = evaluation.evaluator;
    calibration.score = scores[i];
    calibration.answers.resize(criteria.size());
    for (std::size_t c = 0; c < criteria.size(); ++c) {
      const Answer* answer = evaluation.find_answer(criteria[c]->id);
      if (!answer) continue;
      if (i < versions.size() && versions[i] && versions[i] != &rubric) {
        const Criterion* then = find_criterion(*versions[i], criteria[c]->id);
        if (then && !same_scale(then->scale, criteria[c]->scale)) {
          ++input.answers_on_another_scale;
          continue;
        }
      }
      CalibrationAnswer& a = calibration.answers[c];
      a.answered = true;
      a.not_applicable = answer->kind == Answer::Kind::NotApplicable;
      a.value = a.not_applicable ? kNotApplicableCategory : answer->value;
      a.fraction = a.not_applicable ? 0 : answer_fraction(rubric, *criteria[c], answer->value);
    }
    input.evaluations.push_back(std::move(calibration));
  }
  return input;
}

}  // namespace coachkit
