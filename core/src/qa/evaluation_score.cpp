#include "qa/evaluation_score.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace coachkit {

double answer_fraction(const Rubric& rubric, const Criterion& criterion, double value) {
  const Scale& scale = criterion.scale;
  switch (scale.kind) {
    case Scale::Kind::YesNo:
      return value > 0 ? 1.0 : 0.0;
    case Scale::Kind::Points:
      return scale.max > 0 ? value / scale.max : 0.0;
    case Scale::Kind::Levels:
      if (rubric.level_mapping == Rubric::LevelMapping::Maximum) {
        return scale.max > 0 ? value / scale.max : 0.0;
      }
      return scale.max > scale.min ? (value - scale.min) / (scale.max - scale.min) : 0.0;
  }
  return 0.0;
}

double round_to_tenth(double score) { return std::round(score * 10.0) / 10.0; }

const PerformanceBand* band_of(const Rubric& rubric, double score) {
  double s = round_to_tenth(score);
  for (const PerformanceBand& band : rubric.bands) {
    if (s >= band.from && (s < band.to || (band.to >= 100 && s <= band.to))) return &band;
  }
  return nullptr;
}

std::string format_score(double score) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", round_to_tenth(score) + 0.0);
  return buffer;
}

std::string method_name(Rubric::Method method) {
  switch (method) {
    case Rubric::Method::WeightedSections:
      return "weighted sections";
    case Rubric::Method::TotalPoints:
      return "total points";
    case Rubric::Method::WeightedPoints:
      return "weighted points";
  }
  return {};
}

namespace {

std::string quoted(const Criterion& c) { return "'" + c.id + "'"; }

// Whether an answer can be scored on the criterion's scale (always, once checked against the
// same version).
bool fits(const Criterion& c, const Answer& a) {
  switch (a.kind) {
    case Answer::Kind::NotApplicable:
      return c.not_applicable != Criterion::NotApplicable::NotAllowed;
    case Answer::Kind::Yes:
    case Answer::Kind::No:
      return c.scale.kind == Scale::Kind::YesNo;
    case Answer::Kind::Number:
      return c.scale.kind != Scale::Kind::YesNo && a.value >= c.scale.min && a.value <= c.scale.max;
  }
  return false;
}

double percent(double earned, double possible) {
  return std::min(100.0, 100.0 * earned / possible);
}

}  // namespace

EvaluationScore score_evaluation(const Rubric& rubric, const Evaluation& evaluation) {
  EvaluationScore result;
  result.version = rubric.version;
  double critical_earned = 0, critical_possible = 0;
  bool capped = false;
  for (std::size_t si = 0; si < rubric.sections.size(); ++si) {
    const RubricSection& section = rubric.sections[si];
    SectionResult sr;
    sr.section = &section;
    for (const Criterion& c : section.criteria) {
      CriterionResult cr;
      cr.criterion = &c;
      cr.section = si;
      for (const auto& note : evaluation.notes) {
        if (note.first == c.id) cr.note = note.second;
      }
      const Answer* a = evaluation.find_answer(c.id);
      if (a && !fits(c, *a)) a = nullptr;
      if (!a) {
        // Only a bonus may go unanswered in a checked evaluation; anything else is a what-if
        // under a version the evaluation was not made under.
        if (!c.bonus) {
          result.rules.push_back({AppliedRule::Kind::Unanswered, c.id,
                                  "version " + std::to_string(rubric.version) + ": " + quoted(c) +
                                      " has no usable answer and is left out"});
        }
        result.criteria.push_back(std::move(cr));
        continue;
      }
      if (a->kind == Answer::Kind::NotApplicable) {
        cr.not_applicable = true;
        if (c.not_applicable == Criterion::NotApplicable::Pass) {
          cr.fraction = 1.0;
          result.rules.push_back({AppliedRule::Kind::NotApplicableAsPass, c.id,
                                  "N/A: " + quoted(c) + " counted as met"});
        } else {
          result.rules.push_back({AppliedRule::Kind::NotApplicableExcluded, c.id,
                                  "N/A: " + quoted(c) + " left out of the score"});
        }
      } else {
        cr.fraction = answer_fraction(rubric, c, a->value);
      }
      if (cr.fraction) {
        cr.earned = *cr.fraction * c.weight;
        cr.possible = c.bonus ? 0 : c.weight;
        if (c.bonus && cr.earned > 0) {
          char points[32];
          std::snprintf(points, sizeof points, "%g", cr.earned);
          result.rules.push_back({AppliedRule::Kind::Bonus, c.id,
                                  "bonus: " + quoted(c) + " added " + points +
                                      (cr.earned == 1 ? " point" : " points")});
        }
        if (c.critical) {
          critical_earned += cr.earned;
          critical_possible += c.weight;
          if (*cr.fraction * 100 < rubric.critical_below) {
            cr.critical_failed = true;
            if (c.gate == Criterion::Gate::Form) {
              result.form_failed = true;
              result.rules.push_back({AppliedRule::Kind::CriticalForm, c.id,
                                      "critical: " + quoted(c) + " failed the whole form"});
            } else {
              sr.zeroed = true;
              result.rules.push_back(
                  {AppliedRule::Kind::CriticalSection, c.id,
                   "critical: " + quoted(c) + " zeroed section '" +
                       (section.title.empty() ? section.principle : section.title) + "'"});
            }
          }
        }
        sr.earned += cr.earned;
        sr.possible += cr.possible;
      }
      result.criteria.push_back(std::move(cr));
    }
    if (sr.possible > 0) {
      if (sr.earned > sr.possible) capped = true;
      sr.raw = percent(sr.earned, sr.possible);
      sr.gated = sr.zeroed ? 0.0 : *sr.raw;
    }
    result.sections.push_back(sr);
  }

  // The total, once from the raw and once from the gated sections.
  auto total = [&](bool gated) -> std::optional<double> {
    double numerator = 0, denominator = 0;
    for (const SectionResult& s : result.sections) {
      if (s.possible <= 0) continue;
      double earned = gated && s.zeroed ? 0.0 : s.earned;
      double score = gated ? *s.gated : *s.raw;
      switch (rubric.method) {
        case Rubric::Method::TotalPoints:
          numerator += earned;
          denominator += s.possible;
          break;
        case Rubric::Method::WeightedSections:
          numerator += s.section->weight * score;
          denominator += s.section->weight * 100;
          break;
        case Rubric::Method::WeightedPoints:
          numerator += s.section->weight * earned;
          denominator += s.section->weight * s.possible;
          break;
      }
    }
    if (denominator <= 0) return std::nullopt;
    if (numerator > denominator) capped = true;
    return percent(numerator, denominator);
  };
  result.raw = total(false);
  result.gated = total(true);
  if (result.form_failed) result.gated = 0.0;
  if (capped) {
    result.rules.push_back(
        {AppliedRule::Kind::CappedAt100, "", "bonus: a score above 100 was kept at 100"});
  }
  if (critical_possible > 0) result.compliance = percent(critical_earned, critical_possible);
  if (result.gated) result.band = band_of(rubric, *result.gated);
  return result;
}

}  // namespace coachkit
