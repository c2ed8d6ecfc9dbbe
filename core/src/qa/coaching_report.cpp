#include "qa/coaching_report.hpp"

#include "qa/rubric_source.hpp"
#include "qa/score_chart.hpp"
#include "renderer.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <ostream>
#include <set>

namespace fs = std::filesystem;

namespace coachkit {

const char* const kChartPlaceholder = "coachkit-score-chart-placeholder";

namespace {

using namespace doc;

std::string section_name(const Pack& pack, const RubricSection& s) {
  if (!s.title.empty()) return s.title;
  const Principle* p = pack.find_principle(s.principle);
  return p ? p->title : s.principle;
}

Blocks cell(const std::string& text) { return {paragraph(text)}; }

std::string mean_text(double sum, int count) { return count ? format_score(sum / count) : "n/a"; }

struct Tally {
  double sum = 0;
  int count = 0;
  double mean() const { return count ? sum / count : 0; }
};

std::string base64(const std::string& bytes) {
  static const char* digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) |
                 (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                 static_cast<unsigned char>(bytes[i + 2]);
    out += {digits[v >> 18], digits[(v >> 12) & 63], digits[(v >> 6) & 63], digits[v & 63]};
  }
  if (i + 1 == bytes.size()) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    out += {digits[v >> 18], digits[(v >> 12) & 63], '=', '='};
  } else if (i + 2 == bytes.size()) {
    unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) |
                 (static_cast<unsigned char>(bytes[i + 1]) << 8);
    out += {digits[v >> 18], digits[(v >> 12) & 63], digits[(v >> 6) & 63], '='};
  }
  return out;
}

// Replaces the placeholder paragraph of a pandoc JSON document with the chart, as an image
// whose source is a data: URI (no file to find, in any format).
bool insert_chart(std::string& json_text, const std::string& svg) {
  nlohmann::json ast = nlohmann::json::parse(json_text, nullptr, false);
  if (ast.is_discarded()) return false;
  bool done = false;
  std::function<void(nlohmann::json&)> visit = [&](nlohmann::json& node) {
    if (done) return;
    if (node.is_object() && node.value("t", "") == "Para" && node["c"].is_array() &&
        node["c"].size() == 1 && node["c"][0].value("t", "") == "Str" &&
        node["c"][0]["c"] == kChartPlaceholder) {
      nlohmann::json image = {{"t", "Image"},
                              {"c",
                               {{"", nlohmann::json::array(), nlohmann::json::array()},
                                {{{"t", "Str"}, {"c", "Scores over time"}}},
                                {"data:image/svg+xml;base64," + base64(svg), ""}}}};
      node["c"] = nlohmann::json::array({image});
      done = true;
      return;
    }
    if (node.is_array() || node.is_object()) {
      for (auto& child : node) visit(child);
    }
  };
  visit(ast["blocks"]);
  if (done) json_text = ast.dump();
  return done;
}

std::string safe_name(const std::string& agent) {
  std::string out;
  for (char ch : agent) {
    char c = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += c;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  if (out.size() > 60) out.resize(60);
  return out.empty() ? "agent" : out;
}

std::int64_t epoch_of(const std::string& date) {
  int y = 0, m = 0, d = 0;
  if (std::sscanf(date.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3) return 0;
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era * 146097 + doe - 719468) * 86400;
}

}  // namespace

Document coaching_report(const Pack& pack, const Rubric& rubric,
                         const std::vector<const ScoredEvaluation*>& evaluations,
                         const std::string& agent) {
  Document d;
  d.title = "Coaching report: " + agent;
  d.subtitle = rubric.title + " (rubric " + rubric.id + ")";
  d.language = pack.language.empty() ? "en" : pack.language;
  if (evaluations.empty()) return d;

  const ScoredEvaluation& first = *evaluations.front();
  const ScoredEvaluation& last = *evaluations.back();
  Tally overall;
  for (const ScoredEvaluation* s : evaluations) {
    if (s->score.gated) overall.sum += *s->score.gated, ++overall.count;
  }
  Text summary{plain(std::to_string(evaluations.size()) + " evaluation" +
                     (evaluations.size() == 1 ? "" : "s") + " from " + first.evaluation.date +
                     " to " + last.evaluation.date + "; mean score "),
               strong(mean_text(overall.sum, overall.count))};
  if (last.score.gated) {
    summary.push_back(plain(", latest "));
    summary.push_back(strong(format_score(*last.score.gated)));
    if (last.score.band) summary.push_back(plain(" (" + last.score.band->label + ")"));
  }
  if (evaluations.size() > 1 && first.score.gated && last.score.gated) {
    summary.push_back(plain(", first " + format_score(*first.score.gated)));
  }
  summary.push_back(plain("."));
  d.blocks.push_back(paragraph(summary));

  d.blocks.push_back(heading(1, "Scores over time", "scores"));
  d.blocks.push_back(paragraph(kChartPlaceholder));
  Table scores;
  scores.classes = {"scores"};
  scores.header = {cell("Date"), cell("Interaction"), cell("Evaluator"),    cell("Score"),
                   cell("Raw"),  cell("Band"),        cell("Rules applied")};
  for (const ScoredEvaluation* s : evaluations) {
    std::string rules;
    for (const AppliedRule& r : s->score.rules) rules += (rules.empty() ? "" : "; ") + r.text;
    scores.rows.push_back({cell(s->evaluation.date), cell(s->evaluation.interaction),
                           cell(s->evaluation.evaluator),
                           cell(s->score.gated ? format_score(*s->score.gated) : "n/a"),
                           cell(s->score.raw ? format_score(*s->score.raw) : "n/a"),
                           cell(s->score.band ? s->score.band->label : ""), cell(rules)});
  }
  d.blocks.push_back(table(std::move(scores)));

  // Sections and criteria, averaged over the evaluations, by name and id (an evaluation under
  // an earlier version counts where its sections and criteria still exist).
  std::map<std::string, Tally> sections;
  std::map<std::string, Tally> criteria;
  for (const ScoredEvaluation* s : evaluations) {
    for (const SectionResult& sr : s->score.sections) {
      if (sr.gated) {
        Tally& t = sections[section_name(pack, *sr.section)];
        t.sum += *sr.gated;
        ++t.count;
      }
    }
    for (const CriterionResult& cr : s->score.criteria) {
      if (cr.fraction && !cr.criterion->bonus) {
        Tally& t = criteria[cr.criterion->id];
        t.sum += 100 * *cr.fraction;
        ++t.count;
      }
    }
  }
  std::vector<std::pair<std::string, Tally>> section_list(sections.begin(), sections.end());
  std::stable_sort(section_list.begin(), section_list.end(),
                   [](const auto& a, const auto& b) { return a.second.mean() > b.second.mean(); });
  d.blocks.push_back(heading(1, "Sections, strongest first", "sections"));
  Table st;
  st.header = {cell("Section"), cell("Mean score"), cell("")};
  for (std::size_t i = 0; i < section_list.size(); ++i) {
    std::string mark = i == 0 ? "strongest" : i + 1 == section_list.size() ? "weakest" : "";
    st.rows.push_back({cell(section_list[i].first),
                       cell(format_score(section_list[i].second.mean())), cell(mark)});
  }
  d.blocks.push_back(table(std::move(st)));

  // Criteria of the current version, weakest first.
  struct Found {
    const RubricSection* section;
    const Criterion* criterion;
    double mean;
  };
  std::vector<Found> ranked;
  for (const RubricSection& s : rubric.sections) {
    for (const Criterion& c : s.criteria) {
      auto it = criteria.find(c.id);
      if (it != criteria.end() && !c.bonus) ranked.push_back({&s, &c, it->second.mean()});
    }
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const Found& a, const Found& b) { return a.mean < b.mean; });
  std::size_t shown = std::min<std::size_t>(3, ranked.size());
  d.blocks.push_back(heading(1, "Criteria to work on", "weakest"));
  int weak = 0;
  for (std::size_t i = 0; i < shown; ++i) {
    const Found& f = ranked[i];
    if (f.mean >= 100) break;
    ++weak;
    d.blocks.push_back(
        heading(2, Text{plain(f.criterion->text + " \xE2\x80\x94 " + format_score(f.mean) + "%")}));
    const Principle* p = pack.find_principle(f.section->principle);
    if (!p) continue;
    d.blocks.push_back(
        paragraph(Text{strong("The principle: " + p->title + ". "), plain(p->summary)}));
    for (const Behavior& b : p->dos) {
      if (b.id == f.criterion->behavior && !b.why.empty()) {
        d.blocks.push_back(paragraph(Text{emphasis("Why it matters: "), plain(b.why)}));
      }
    }
    for (const Behavior& b : p->donts) {
      if (b.id == f.criterion->behavior && !b.why.empty()) {
        d.blocks.push_back(paragraph(Text{emphasis("Why it matters: "), plain(b.why)}));
      }
    }
    std::vector<Blocks> dos, donts;
    for (const Behavior& b : p->dos) dos.push_back({paragraph(b.text)});
    for (const Behavior& b : p->donts) donts.push_back({paragraph(b.text)});
    if (!dos.empty()) {
      d.blocks.push_back(paragraph(Text{strong("Do:")}));
      d.blocks.push_back(bullet_list(std::move(dos)));
    }
    if (!donts.empty()) {
      d.blocks.push_back(paragraph(Text{strong("Don't:")}));
      d.blocks.push_back(bullet_list(std::move(donts)));
    }
  }
  if (weak == 0) d.blocks.push_back(paragraph("Every criterion was fully met."));
  d.blocks.push_back(heading(1, "Strongest criteria", "strongest"));
  std::vector<Blocks> strong_items;
  for (std::size_t i = 0; i < std::min<std::size_t>(3, ranked.size()); ++i) {
    const Found& f = ranked[ranked.size() - 1 - i];
    strong_items.push_back({paragraph(
        Text{plain(f.criterion->text + " \xE2\x80\x94 "), strong(format_score(f.mean) + "%")})});
  }
  d.blocks.push_back(bullet_list(std::move(strong_items)));

  d.blocks.push_back(heading(1, "Evaluators' notes", "notes"));
  bool any = false;
  for (const ScoredEvaluation* s : evaluations) {
    if (s->evaluation.notes.empty() && s->evaluation.comment.empty()) continue;
    any = true;
    d.blocks.push_back(heading(
        2, s->evaluation.date + ", " + s->evaluation.interaction + ", " + s->evaluation.evaluator));
    if (!s->evaluation.comment.empty()) d.blocks.push_back(paragraph(s->evaluation.comment));
    std::vector<Blocks> items;
    for (const auto& note : s->evaluation.notes) {
      std::string about = note.first;
      for (const RubricSection& sec : s->version->sections) {
        for (const Criterion& c : sec.criteria) {
          if (c.id == note.first) about = c.text;
        }
      }
      items.push_back({paragraph(Text{strong(about + ": "), plain(note.second)})});
    }
    if (!items.empty()) d.blocks.push_back(bullet_list(std::move(items)));
  }
  if (!any) d.blocks.push_back(paragraph("No notes."));
  return d;
}

int run_report(const ReportRequest& request, const InstallLayout& layout, std::ostream& out,
               std::ostream& err) {
  Diagnostics diagnostics;
  std::optional<RubricSource> source =
      resolve_rubric(request.rubric, request.plugin_dirs, layout, diagnostics);
  if (!source) {
    err << diagnostics.to_string();
    return 1;
  }
  const Rubric& rubric = source->rubric();
  std::vector<ScoredEvaluation> scored =
      load_evaluations(rubric, request.evaluations, std::nullopt, diagnostics);
  if (!diagnostics.empty()) {
    err << diagnostics.to_string();
    return 1;
  }
  std::map<std::string, std::vector<const ScoredEvaluation*>> by_agent;
  for (const ScoredEvaluation& s : scored) {
    if (request.agent.empty() || s.evaluation.agent == request.agent) {
      by_agent[s.evaluation.agent].push_back(&s);
    }
  }
  if (by_agent.empty()) {
    err << "coachkit: no evaluations"
        << (request.agent.empty() ? "" : " of agent '" + request.agent + "'") << "\n";
    return 1;
  }
  SystemProcessRunner runner;
  Renderer renderer(runner);
  std::string error;
  bool pdf = std::find(request.formats.begin(), request.formats.end(), Format::Pdf) !=
             request.formats.end();
  if (!renderer.detect_pandoc(&error) ||
      (pdf && !renderer.detect_weasyprint(&error, layout.pdf_worker()))) {
    err << "coachkit: " << error << "\n";
    return 2;
  }
  Theme theme;
  if (!load_theme(layout.themes() + "/default", &theme, &error)) {
    err << "coachkit: " << error << "\n";
    return 2;
  }
  for (auto& [agent, list] : by_agent) {
    std::stable_sort(list.begin(), list.end(), [](const auto* a, const auto* b) {
      return a->evaluation.date != b->evaluation.date
                 ? a->evaluation.date < b->evaluation.date
                 : a->evaluation.interaction < b->evaluation.interaction;
    });
    std::vector<ChartPoint> points;
    for (const ScoredEvaluation* s : list) {
      if (s->score.gated) points.push_back({s->evaluation.date, *s->score.gated});
    }
    std::string svg;
    if (!score_chart_svg(points, runner, &svg, &error)) {
      err << "coachkit: " << error << "\n";
      return 2;
    }
    Document document = coaching_report(source->pack, rubric, list, agent);
    // The outputs carry the latest evaluation's date, never the clock.
    renderer.set_source_date(epoch_of(list.back()->evaluation.date));
    for (Format format : request.formats) {
      std::string input = renderer.pandoc_input(document, format, theme);
      if (!insert_chart(input, svg)) {
        err << "coachkit: the chart could not be placed in the report\n";
        return 2;
      }
      std::string destination =
          (fs::path(request.out) / ("coaching-" + safe_name(agent) + "." + format_name(format)))
              .string();
      if (!renderer.render_input(input, format, theme, destination, &error)) {
        err << "coachkit: " << error << "\n";
        return 2;
      }
      out << destination << "\n";
    }
  }
  return 0;
}

}  // namespace coachkit
