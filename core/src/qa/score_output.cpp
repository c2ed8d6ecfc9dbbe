#include "qa/score_output.hpp"

#include "qa/rubric_source.hpp"
#include "support/diagnostics.hpp"

#include <coachkit/escape.hpp>

#include <nlohmann/json.hpp>

#include <ostream>

namespace coachkit {

namespace {

// A CSV field from content: formula-safe (escape::csv, as `sample` writes it), and with control
// characters shown escaped, so neither a spreadsheet nor a terminal is driven by the file.
std::string csv_field(const std::string& text) {
  return escape::csv(escape_control_characters(text));
}

std::string optional_score(const std::optional<double>& score) {
  return score ? format_score(*score) : "n/a";
}

// A score as a JSON number with one decimal, or null.
nlohmann::json json_score(const std::optional<double>& score) {
  if (!score) return nullptr;
  return std::stod(format_score(*score));
}

std::string rule_kind(AppliedRule::Kind kind) {
  switch (kind) {
    case AppliedRule::Kind::NotApplicableExcluded:
      return "na-excluded";
    case AppliedRule::Kind::NotApplicableAsPass:
      return "na-pass";
    case AppliedRule::Kind::CriticalSection:
      return "critical-section";
    case AppliedRule::Kind::CriticalForm:
      return "critical-form";
    case AppliedRule::Kind::Bonus:
      return "bonus";
    case AppliedRule::Kind::CappedAt100:
      return "capped";
    case AppliedRule::Kind::Unanswered:
      return "unanswered";
  }
  return {};
}

}  // namespace

void write_score_text(const Pack& pack, const Rubric& rubric,
                      const std::vector<ScoredEvaluation>& scored, std::ostream& out) {
  std::size_t width = 8;
  for (const RubricSection& s : rubric.sections)
    width = std::max(width, escape_control_characters(pack.section_name(s)).size());
  for (const ScoredEvaluation& s : scored) {
    const Evaluation& e = s.evaluation;
    const EvaluationScore& r = s.score;
    out << escape_control_characters(e.file) << ": " << escape_control_characters(e.interaction)
        << ", agent " << escape_control_characters(e.agent) << ", evaluator "
        << escape_control_characters(e.evaluator) << ", " << escape_control_characters(e.date)
        << ", rubric " << escape_control_characters(rubric.id) << " version " << r.version << "\n";
    out << "  score " << optional_score(r.gated);
    if (r.raw != r.gated) out << " (raw " << optional_score(r.raw) << ")";
    if (r.band) out << ", " << escape_control_characters(r.band->label);
    if (r.compliance) out << ", compliance " << format_score(*r.compliance);
    out << "\n";
    for (const SectionResult& sr : r.sections) {
      std::string name = escape_control_characters(pack.section_name(*sr.section));
      std::string value = optional_score(sr.gated);
      out << "    " << name
          << std::string(width - name.size() + 2 + (value.size() < 5 ? 5 - value.size() : 0), ' ')
          << value;
      if (sr.zeroed) out << " (raw " << optional_score(sr.raw) << ")";
      out << "\n";
    }
    for (const AppliedRule& rule : r.rules)
      out << "  " << escape_control_characters(rule.text) << "\n";
  }
}

void write_score_json(const Pack& pack, const Rubric& rubric,
                      const std::vector<ScoredEvaluation>& scored, std::ostream& out) {
  // One evaluation at a time, so ten thousand evaluations never stand in memory as one tree.
  out << "[";
  bool first = true;
  for (const ScoredEvaluation& s : scored) {
    const Evaluation& e = s.evaluation;
    const EvaluationScore& r = s.score;
    nlohmann::json sections = nlohmann::json::array();
    for (const SectionResult& sr : r.sections) {
      sections.push_back({{"title", pack.section_name(*sr.section)},
                          {"principle", sr.section->principle},
                          {"weight", sr.section->weight},
                          {"earned", sr.earned},
                          {"possible", sr.possible},
                          {"score", json_score(sr.gated)},
                          {"raw", json_score(sr.raw)},
                          {"zeroed", sr.zeroed}});
    }
    nlohmann::json criteria = nlohmann::json::array();
    for (const CriterionResult& cr : r.criteria) {
      nlohmann::json c = {{"id", cr.criterion->id},
                          {"section", pack.section_name(s.version->sections[cr.section])},
                          {"earned", cr.earned},
                          {"possible", cr.possible},
                          {"na", cr.not_applicable},
                          {"critical_failed", cr.critical_failed}};
      c["fraction"] = cr.fraction ? nlohmann::json(*cr.fraction) : nlohmann::json(nullptr);
      criteria.push_back(std::move(c));
    }
    nlohmann::json rules = nlohmann::json::array();
    for (const AppliedRule& rule : r.rules) {
      rules.push_back(
          {{"kind", rule_kind(rule.kind)}, {"criterion", rule.criterion}, {"text", rule.text}});
    }
    nlohmann::json evaluation = {
        {"file", e.file},
        {"rubric", rubric.id},
        {"version", r.version},
        {"interaction", e.interaction},
        {"agent", e.agent},
        {"evaluator", e.evaluator},
        {"date", e.date},
        {"score", json_score(r.gated)},
        {"raw", json_score(r.raw)},
        {"compliance", json_score(r.compliance)},
        {"form_failed", r.form_failed},
        {"band", r.band ? nlohmann::json(r.band->label) : nlohmann::json(nullptr)},
        {"sections", std::move(sections)},
        {"criteria", std::move(criteria)},
        {"rules", std::move(rules)}};
    out << (first ? "\n" : ",\n") << evaluation.dump(2);
    first = false;
  }
  out << (first ? "]\n" : "\n]\n");
}

void write_score_csv(const Pack& pack, const Rubric& rubric,
                     const std::vector<ScoredEvaluation>& scored, std::ostream& out) {
  out << "file,interaction,agent,evaluator,date,version,score,raw,compliance,band";
  for (const RubricSection& s : rubric.sections) out << "," << csv_field(pack.section_name(s));
  out << ",rules\r\n";
  for (const ScoredEvaluation& s : scored) {
    const Evaluation& e = s.evaluation;
    const EvaluationScore& r = s.score;
    out << csv_field(e.file) << "," << csv_field(e.interaction) << "," << csv_field(e.agent) << ","
        << csv_field(e.evaluator) << "," << csv_field(e.date) << "," << r.version << ","
        << (r.gated ? format_score(*r.gated) : "") << "," << (r.raw ? format_score(*r.raw) : "")
        << "," << (r.compliance ? format_score(*r.compliance) : "") << ","
        << (r.band ? csv_field(r.band->label) : "");
    // Columns follow the current version's sections; a version with other sections leaves
    // a column empty rather than shifting the others.
    for (const RubricSection& section : rubric.sections) {
      std::string cell;
      for (const SectionResult& sr : r.sections) {
        if (pack.section_name(*sr.section) == pack.section_name(section) && sr.gated) {
          cell = format_score(*sr.gated);
        }
      }
      out << "," << cell;
    }
    std::string rules;
    for (const AppliedRule& rule : r.rules) rules += (rules.empty() ? "" : "; ") + rule.text;
    out << "," << csv_field(rules) << "\r\n";
  }
}

}  // namespace coachkit
