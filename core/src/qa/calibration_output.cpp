#include "qa/calibration_output.hpp"

#include "support/diagnostics.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <ostream>

namespace coachkit {
namespace {

nlohmann::json statistic_json(const Statistic& statistic) {
  nlohmann::json json;
  if (statistic.defined()) {
    json["value"] = *statistic.value;
    json["units"] = statistic.units;
  } else {
    json["value"] = nullptr;
    json["undefined"] = statistic.undefined_because;
  }
  return json;
}

nlohmann::json optional_json(const std::optional<double>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json agreement_json(const CriterionAgreement& agreement) {
  nlohmann::json json;
  json["id"] = agreement.id;
  json["text"] = agreement.text;
  json["measurement"] = measurement_name(agreement.measurement);
  json["critical"] = agreement.critical;
  json["interactions"] = agreement.interactions;
  json["percent_agreement"] = statistic_json(agreement.percent_agreement);
  json["kappa_name"] = agreement.kappa_name;
  json["kappa"] = statistic_json(agreement.kappa);
  json["krippendorff_alpha"] = statistic_json(agreement.alpha);
  json["gwet_ac1"] = statistic_json(agreement.ac1);
  return json;
}

std::string fixed(const std::optional<double>& value, int decimals) {
  if (!value) return "-";
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, *value);
  return text;
}

// "1 evaluation", "4 evaluations".
std::string count_of(std::size_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

std::string shown(const Statistic& statistic) {
  return statistic.defined() ? fixed(statistic.value, 3) : "undefined";
}

}  // namespace

std::string calibration_json(const Calibration& calibration) {
  nlohmann::json out;
  out["rubric"] = calibration.rubric;
  out["evaluations"] = calibration.evaluations;
  out["interactions"] = calibration.interactions;
  out["evaluators"] = calibration.evaluators;
  nlohmann::json criteria = nlohmann::json::array();
  for (const CriterionAgreement& criterion : calibration.criteria) {
    criteria.push_back(agreement_json(criterion));
  }
  out["criteria"] = criteria;
  nlohmann::json overall = agreement_json(calibration.overall);
  overall.erase("measurement");
  overall.erase("critical");
  overall.erase("text");
  out["overall"] = overall;
  nlohmann::json scores;
  scores["krippendorff_alpha_interval"] = statistic_json(calibration.score_alpha);
  scores["icc_1_1"] = statistic_json(calibration.score_icc.one_way);
  scores["icc_2_1"] = statistic_json(calibration.score_icc.two_way);
  scores["icc_3_1"] = statistic_json(calibration.score_icc.two_way_mixed);
  out["total_scores"] = scores;
  nlohmann::json deviations = nlohmann::json::array();
  for (const EvaluatorDeviation& deviation : calibration.deviations) {
    deviations.push_back(
        {{"evaluator", deviation.evaluator},
         {"evaluations", deviation.evaluations},
         {"mean_deviation", optional_json(deviation.mean_deviation)},
         {"mean_absolute_deviation", optional_json(deviation.mean_absolute_deviation)},
         {"answers_off_consensus", deviation.answers_off_consensus},
         {"answers_in_a_tie", deviation.answers_in_a_tie},
         {"answers_compared", deviation.answers_compared}});
  }
  out["consensus"] = deviations;
  if (!calibration.expert.empty()) {
    nlohmann::json expert;
    expert["name"] = calibration.expert;
    nlohmann::json evaluators = nlohmann::json::array();
    for (const ExpertAlignment& alignment : calibration.alignments) {
      evaluators.push_back(
          {{"evaluator", alignment.evaluator},
           {"interactions", alignment.interactions},
           {"mean_deviation", optional_json(alignment.mean_deviation)},
           {"mean_absolute_deviation", optional_json(alignment.mean_absolute_deviation)},
           {"alignment", optional_json(alignment.alignment)},
           {"critical_disagreements", alignment.critical_disagreements},
           {"other_disagreements", alignment.other_disagreements}});
    }
    expert["evaluators"] = evaluators;
    out["expert"] = expert;
  }
  out["answers_on_another_scale"] = calibration.answers_on_another_scale;
  out["warnings"] = calibration.warnings;
  return out.dump(2) + "\n";
}

// Names come from content: shown with control characters escaped, as diagnostics show them.
void write_calibration_report(const Calibration& calibration, std::ostream& out) {
  out << "Calibration of rubric " << escape_control_characters(calibration.rubric) << ": "
      << count_of(calibration.evaluations, "evaluation") << ", "
      << count_of(calibration.interactions, "interaction")
      << " evaluated by two evaluators or more, "
      << count_of(calibration.evaluators.size(), "evaluator") << "\n";
  for (const std::string& warning : calibration.warnings)
    out << "warning: " << escape_control_characters(warning) << "\n";
  const CriterionAgreement& overall = calibration.overall;
  out << "\nOverall: agreement " << shown(overall.percent_agreement) << ", mean "
      << overall.kappa_name << " " << shown(overall.kappa) << ", mean Krippendorff's alpha "
      << shown(overall.alpha) << ", mean Gwet's AC1 " << shown(overall.ac1) << "\n";
  out << "Total scores: Krippendorff's alpha (interval) " << shown(calibration.score_alpha)
      << ", ICC(1,1) " << shown(calibration.score_icc.one_way) << ", ICC(2,1) "
      << shown(calibration.score_icc.two_way) << ", ICC(3,1) "
      << shown(calibration.score_icc.two_way_mixed) << "\n";

  out << "\nCriteria, most disagreement first (agreement, " << overall.kappa_name
      << ", alpha, AC1):\n";
  for (const CriterionAgreement& criterion : calibration.criteria) {
    out << "  " << escape_control_characters(criterion.id)
        << (criterion.critical ? " (critical)" : "") << ": " << shown(criterion.percent_agreement)
        << ", " << shown(criterion.kappa) << ", " << shown(criterion.alpha) << " "
        << measurement_name(criterion.measurement) << ", " << shown(criterion.ac1) << "\n";
  }
  // Every reason once, so "undefined" is never left unexplained.
  std::vector<std::string> reasons;
  auto note = [&reasons](const Statistic& statistic) {
    if (!statistic.defined() &&
        std::find(reasons.begin(), reasons.end(), statistic.undefined_because) == reasons.end()) {
      reasons.push_back(statistic.undefined_because);
    }
  };
  for (const CriterionAgreement& criterion : calibration.criteria) {
    for (const Statistic* statistic :
         {&criterion.percent_agreement, &criterion.kappa, &criterion.alpha, &criterion.ac1}) {
      note(*statistic);
    }
  }
  for (const Statistic* statistic :
       {&calibration.score_alpha, &calibration.score_icc.one_way, &calibration.score_icc.two_way,
        &calibration.score_icc.two_way_mixed}) {
    note(*statistic);
  }
  for (const std::string& reason : reasons) out << "  undefined: " << reason << "\n";

  out << "\nEvaluators against the consensus (mean total score of each interaction):\n";
  for (const EvaluatorDeviation& deviation : calibration.deviations) {
    out << "  " << escape_control_characters(deviation.evaluator) << ": "
        << count_of(deviation.evaluations, "evaluation") << ", mean deviation "
        << fixed(deviation.mean_deviation, 1) << ", mean absolute deviation "
        << fixed(deviation.mean_absolute_deviation, 1) << ", ";
    if (calibration.evaluators.size() == 2) {
      // Two evaluators have no majority: what differs is one from the other.
      out << deviation.answers_in_a_tie << " of " << deviation.answers_compared
          << " answers differ from the other evaluator's\n";
    } else {
      out << deviation.answers_off_consensus << " of " << deviation.answers_compared
          << " answers off the most common answer, " << deviation.answers_in_a_tie
          << " where no answer was most common\n";
    }
  }
  if (!calibration.expert.empty()) {
    out << "\nEvaluators against the expert " << escape_control_characters(calibration.expert)
        << ":\n";
    for (const ExpertAlignment& alignment : calibration.alignments) {
      out << "  " << escape_control_characters(alignment.evaluator) << ": "
          << count_of(alignment.interactions, "interaction") << ", alignment "
          << fixed(alignment.alignment, 1) << "%, mean deviation "
          << fixed(alignment.mean_deviation, 1) << ", mean absolute deviation "
          << fixed(alignment.mean_absolute_deviation, 1) << ", " << alignment.critical_disagreements
          << " critical and " << count_of(alignment.other_disagreements, "other disagreement")
          << "\n";
    }
  }
}

}  // namespace coachkit
