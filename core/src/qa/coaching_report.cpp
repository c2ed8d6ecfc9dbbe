#include "qa/coaching_report.hpp"

#include "build/build.hpp"
#include "build/fingerprint.hpp"
#include "hosting/generator_host.hpp"
#include "qa/rubric_source.hpp"
#include "qa/score_trend_chart.hpp"
#include "render/renderer.hpp"
#include "render/theme_lookup.hpp"
#include "support/diagnostics.hpp"
#include "support/file_names.hpp"
#include "support/utf8.hpp"

#include <coachkit/document.hpp>

#include <locale.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <cwctype>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

namespace fs = std::filesystem;

namespace coachkit {

namespace {

using namespace doc;

Blocks cell(const std::string& text) { return {paragraph(text)}; }

std::string mean_text(double sum, int count) { return count ? format_score(sum / count) : "n/a"; }

struct Tally {
  double sum = 0;
  int count = 0;
  double mean() const { return count ? sum / count : 0; }
};

// ASCII letters and digits, and beyond ASCII what any file name may hold.
bool kept_in_file_name(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  return non_ascii_kept_in_file_name(c);
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// Lower case by the C library's Unicode tables (C.UTF-8), whatever the user's locale; ASCII
// alone when that locale is missing.
char32_t lower_case(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c - 'A' + 'a';
  if (c < 0x80) return c;
  static locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
  if (!utf8 || c > 0x10FFFF) return c;
  return static_cast<char32_t>(towlower_l(static_cast<wint_t>(c), utf8));
}

// The readable part of a report's file name: the agent's name in lower case, letters of every
// script kept, every run of anything else one '-', at most 80 bytes.
std::string readable_stem(const std::string& agent) {
  std::string out;
  for (std::size_t i = 0; i < agent.size();) {
    std::size_t length = utf8_sequence_length(agent, i);
    char32_t c = length ? lower_case(utf8_code_point(agent, i, length)) : U'?';
    i += length ? length : 1;
    std::string piece;
    if (kept_in_file_name(c)) append_utf8(piece, c);
    if (piece.empty()) {
      if (!out.empty() && out.back() != '-') out += '-';
      continue;
    }
    if (out.size() + piece.size() > 80) break;
    out += piece;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "agent" : out;
}

// The day number of an evaluation's date (YYYY-MM-DD, any number of year digits), so that
// dates sort and print the same whatever their spelling.
std::optional<std::int64_t> evaluation_day(const std::string& date) {
  long long y = 0;
  unsigned m = 0, d = 0;
  int used = 0;
  if (std::sscanf(date.c_str(), "%lld-%u-%u%n", &y, &m, &d, &used) != 3 ||
      static_cast<std::size_t>(used) != date.size() || m < 1 || m > 12 || d < 1 || d > 31) {
    return std::nullopt;
  }
  return day_number(y, m, d);
}

// YYYY-MM-DD with a 4-digit year, as every date in the report is printed.
std::string printed_date(const std::string& date) {
  std::optional<std::int64_t> day = evaluation_day(date);
  return day ? chart_date(*day) : date;
}

std::int64_t sort_day(const ScoredEvaluation* s) {
  return evaluation_day(s->evaluation.date).value_or(INT64_MIN);
}

// Tables as wide as the page, in every format (pandoc makes a DOCX table with relative widths
// as wide as the text).
std::vector<double> widths(std::initializer_list<double> parts) {
  double sum = 0;
  for (double p : parts) sum += p;
  std::vector<double> out;
  for (double p : parts) out.push_back(p / sum);
  return out;
}

Block scores_table(const std::vector<const ScoredEvaluation*>& evaluations, std::size_t from) {
  Table scores;
  scores.classes = {"scores"};
  scores.widths = widths({12, 18, 16, 10, 9, 19, 16});
  scores.header = {cell("Date"), cell("Interaction"), cell("Evaluator"),    cell("Score"),
                   cell("Raw"),  cell("Band"),        cell("Rules applied")};
  for (std::size_t i = from; i < evaluations.size(); ++i) {
    const ScoredEvaluation* s = evaluations[i];
    std::string rules;
    for (const AppliedRule& r : s->score.rules) rules += (rules.empty() ? "" : "; ") + r.text;
    scores.rows.push_back({cell(printed_date(s->evaluation.date)), cell(s->evaluation.interaction),
                           cell(s->evaluation.evaluator),
                           cell(s->score.gated ? format_score(*s->score.gated) : "n/a"),
                           cell(s->score.raw ? format_score(*s->score.raw) : "n/a"),
                           cell(s->score.band ? s->score.band->label : ""), cell(rules)});
  }
  return table(std::move(scores));
}

// How many evaluations a report lists one by one; past that, a table by calendar period and
// the latest ones, so that the document (and pandoc's time and memory) stays the same size
// however many evaluations there are.
constexpr std::size_t kListedEvaluations = 40;
constexpr std::size_t kLatestEvaluations = 20;
constexpr std::size_t kLatestNotes = 20;
constexpr std::size_t kMostPeriods = 24;

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - (a % b < 0 ? 1 : 0); }

// The scores by month, or by quarter, year, decade, …: the shortest period that gives at most
// kMostPeriods rows.
void period_table(const std::vector<const ScoredEvaluation*>& evaluations, Blocks& blocks) {
  struct Period {
    std::int64_t months;
    const char* name;
  };
  const Period periods[] = {{1, "month"},    {3, "quarter"},    {12, "year"},
                            {120, "decade"}, {1200, "century"}, {12000, "millennium"}};
  for (const Period& period : periods) {
    std::map<std::int64_t, std::vector<double>> scores;
    for (const ScoredEvaluation* s : evaluations) {
      std::optional<std::int64_t> day = evaluation_day(s->evaluation.date);
      if (!day || !s->score.gated) continue;
      std::string date = chart_date(*day);
      std::int64_t month = std::stoll(date.substr(0, date.size() - 6)) * 12 +
                           std::stoi(date.substr(date.size() - 5, 2)) - 1;
      scores[floor_div(month, period.months)].push_back(*s->score.gated);
    }
    if (scores.size() > kMostPeriods && period.months != 12000) continue;
    blocks.push_back(heading(2, std::string("Scores by ") + period.name));
    Table t;
    t.classes = {"scores"};
    t.widths = widths({28, 18, 18, 18, 18});
    t.header = {cell(period.months == 1 ? "Month" : "Period"), cell("Evaluations"), cell("Mean"),
                cell("Lowest"), cell("Highest")};
    for (const auto& [key, list] : scores) {
      std::int64_t first_month = key * period.months;
      std::int64_t year = floor_div(first_month, 12);
      std::string start =
          chart_date(day_number(year, static_cast<unsigned>(first_month - 12 * year + 1), 1));
      std::string label = start.substr(0, start.size() - 3);  // YYYY-MM
      if (period.months == 3) {
        label = start.substr(0, start.size() - 6) + " Q" +
                std::to_string((first_month - 12 * year) / 3 + 1);
      } else if (period.months >= 12) {
        label = start.substr(0, start.size() - 6);
        if (period.months > 12) {
          std::string end = chart_date(day_number(year + period.months / 12 - 1, 1, 1));
          label += "\xE2\x80\x93" + end.substr(0, end.size() - 6);
        }
      }
      double sum = 0;
      for (double v : list) sum += v;
      t.rows.push_back({cell(label), cell(std::to_string(list.size())),
                        cell(format_score(sum / static_cast<double>(list.size()))),
                        cell(format_score(*std::min_element(list.begin(), list.end()))),
                        cell(format_score(*std::max_element(list.begin(), list.end())))});
    }
    blocks.push_back(table(std::move(t)));
    return;
  }
}

std::string count_text(std::size_t n, const std::string& one, const std::string& many) {
  std::string digits = std::to_string(n);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(i, ",");
  return digits + " " + (n == 1 ? one : many);
}

}  // namespace

Document coaching_report(const Pack& pack, const Rubric& rubric,
                         const std::vector<const ScoredEvaluation*>& evaluations,
                         const std::string& agent, Block chart) {
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
  Text summary{
      plain(std::to_string(evaluations.size()) + " evaluation" +
            (evaluations.size() == 1 ? "" : "s") + " from " + printed_date(first.evaluation.date) +
            " to " + printed_date(last.evaluation.date) + "; mean score "),
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
  d.blocks.push_back(std::move(chart));
  if (evaluations.size() <= kListedEvaluations) {
    d.blocks.push_back(scores_table(evaluations, 0));
  } else {
    period_table(evaluations, d.blocks);
    d.blocks.push_back(
        heading(2, "The latest " + std::to_string(kLatestEvaluations) + " evaluations"));
    d.blocks.push_back(scores_table(evaluations, evaluations.size() - kLatestEvaluations));
  }

  // Sections and criteria, averaged over the evaluations, by name and id (an evaluation under
  // an earlier version counts where its sections and criteria still exist).
  std::map<std::string, Tally> sections;
  std::map<std::string, Tally> criteria;
  for (const ScoredEvaluation* s : evaluations) {
    for (const SectionResult& sr : s->score.sections) {
      if (sr.gated) {
        Tally& t = sections[pack.section_name(*sr.section)];
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
  st.widths = widths({60, 20, 20});
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
  // The latest kLatestNotes evaluations with notes, oldest first; the count of earlier ones.
  std::vector<const ScoredEvaluation*> with_notes;
  for (const ScoredEvaluation* s : evaluations) {
    if (!s->evaluation.notes.empty() || !s->evaluation.comment.empty()) with_notes.push_back(s);
  }
  bool any = !with_notes.empty();
  std::size_t skipped = with_notes.size() > kLatestNotes ? with_notes.size() - kLatestNotes : 0;
  if (skipped) {
    d.blocks.push_back(paragraph(
        "The notes of the latest " + std::to_string(kLatestNotes) + " evaluations that have any; " +
        count_text(skipped, "earlier evaluation has", "earlier evaluations have") +
        " notes too, in their files."));
  }
  for (std::size_t i = skipped; i < with_notes.size(); ++i) {
    const ScoredEvaluation* s = with_notes[i];
    d.blocks.push_back(heading(2, printed_date(s->evaluation.date) + ", " +
                                      s->evaluation.interaction + ", " + s->evaluation.evaluator));
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

std::map<std::string, std::string> report_file_stems(const std::vector<std::string>& agents) {
  std::map<std::string, std::vector<std::string>> by_stem;
  for (const std::string& agent : agents) {
    std::vector<std::string>& group = by_stem[readable_stem(agent)];
    if (std::find(group.begin(), group.end(), agent) == group.end()) group.push_back(agent);
  }
  std::map<std::string, std::string> stems;
  for (const auto& [stem, group] : by_stem) {
    if (group.size() == 1) {
      stems[group.front()] = stem;
      continue;
    }
    // '_' never appears in a readable stem, so a suffixed name cannot be another's plain one.
    // 8 hex digits, or all 16 in the unlikely case that 8 collide within the group.
    std::set<std::string> short_hashes;
    std::size_t digits = 8;
    for (const std::string& agent : group) {
      if (!short_hashes.insert(Fingerprint().add(agent).hex().substr(0, 8)).second) digits = 16;
    }
    for (const std::string& agent : group) {
      stems[agent] = stem + "_" + Fingerprint().add(agent).hex().substr(0, digits);
    }
  }
  return stems;
}

std::string chart_alt_text(const std::string& agent, const std::vector<ChartPoint>& points) {
  if (points.empty()) return "No scores of " + agent + " to chart";
  auto [low, high] = std::minmax_element(
      points.begin(), points.end(), [](const auto& a, const auto& b) { return a.score < b.score; });
  if (points.front().day == points.back().day && points.size() == 1) {
    return "Score of " + agent + " on " + chart_date(points.front().day) + ": " +
           format_score(points.front().score);
  }
  return "Scores of " + agent + " from " + chart_date(points.front().day) + " to " +
         chart_date(points.back().day) + ", between " + format_score(low->score) + " and " +
         format_score(high->score);
}

namespace {

// The evaluation files a report came from, for a problem's message (which problem_text escapes):
// the first three and how many more.
std::string files_of(const std::vector<const ScoredEvaluation*>& list) {
  std::string text;
  for (std::size_t i = 0; i < list.size() && i < 3; ++i) {
    text += (i ? ", " : "") + list[i]->evaluation.file;
  }
  if (list.size() > 3) text += " and " + std::to_string(list.size() - 3) + " more";
  return text;
}

// The date the outputs carry: the latest evaluation's, kept within what a zip entry (DOCX)
// and pandoc can hold, 1980 to 2107.
std::int64_t output_date(const std::vector<const ScoredEvaluation*>& list) {
  std::int64_t day = sort_day(list.back());
  if (day == INT64_MIN) day = 0;
  return std::clamp<std::int64_t>(day * 86400, 315532800, 4354819199);
}

// The reports as the artifacts of one generator, so that the build plans, renders and records
// them as it does a pack's.
class ReportGenerator : public GeneratorHost {
 public:
  explicit ReportGenerator(std::vector<Artifact> reports) : reports_(std::move(reports)) {}
  std::vector<GeneratorInfo> generators() const override {
    return {{"coaching-report",
             "a coaching report per agent",
             "'coachkit' " + std::string(kVersion),
             {}}};
  }
  // Never the whole set: the reports of agents not asked for this time stay in place.
  bool complete() const override { return false; }
  std::optional<Problem> generate(const std::string&, const Pack&, const GeneratorRequest&,
                                  Reporter&, std::vector<Artifact>* artifacts) const override {
    *artifacts = reports_;
    return std::nullopt;
  }

 private:
  std::vector<Artifact> reports_;
};

}  // namespace

CoachingReports make_coaching_reports(const ReportRequest& request, Workspace& workspace) {
  const InstallLayout& layout = workspace.layout();
  CoachingReports made;
  auto stop = [&made](Problem problem) {
    made.stop(std::move(problem));
    return made;
  };
  auto stop_for = [&made](const Diagnostics& diagnostics) {
    made.add(diagnostics.sorted());
    made.stopped_by = Origin::Content;
    return made;
  };
  Diagnostics diagnostics;
  std::optional<RubricSource> source = resolve_rubric(request.rubric, workspace, diagnostics);
  if (!source) return stop_for(diagnostics);
  const Rubric& rubric = source->rubric();
  std::vector<ScoredEvaluation> scored =
      load_evaluations(rubric, request.evaluations, std::nullopt, diagnostics);
  if (!diagnostics.empty()) return stop_for(diagnostics);
  // Grouped in one pass (a map per agent); file names decided over every agent given, so that
  // --agent writes the file the whole run would.
  std::map<std::string, std::vector<const ScoredEvaluation*>> by_agent;
  std::vector<std::string> agents;
  for (const ScoredEvaluation& s : scored) {
    agents.push_back(s.evaluation.agent);
    if (request.agent.empty() || s.evaluation.agent == request.agent) {
      by_agent[s.evaluation.agent].push_back(&s);
    }
  }
  if (by_agent.empty()) {
    return stop(usage_error("no evaluations" +
                            (request.agent.empty() ? "" : " of agent '" + request.agent + "'")));
  }
  made.agents = by_agent.size();
  std::map<std::string, std::string> stems = report_file_stems(agents);
  SystemProcessRunner runner;
  Renderer renderer(runner);
  bool pdf = std::find(request.formats.begin(), request.formats.end(), Format::Pdf) !=
             request.formats.end();
  // A PNG of each chart for the formats that do not show SVG.
  bool png = std::any_of(request.formats.begin(), request.formats.end(),
                         [](Format format) { return !format_info(format).shows_svg; });
  std::optional<Problem> missing = renderer.detect_pandoc();
  if (!missing && pdf) missing = renderer.detect_weasyprint(layout.pdf_worker());
  if (missing) return stop(std::move(*missing));
  // The theme as `build` finds it, by name or folder.
  std::string theme_directory = find_theme(request.theme, "", layout);
  if (theme_directory.empty()) {
    return stop(usage_error("no theme '" + request.theme + "' (" + theme_names("", layout) + ")"));
  }
  Theme theme;
  if (auto problem = workspace.theme(theme_directory, &theme)) return stop(*problem);
  std::vector<ChartLine> bands;
  for (const PerformanceBand& band : rubric.bands) bands.push_back({band.from, band.label});
  std::vector<ChartRequest> requests;
  for (auto& [agent, list] : by_agent) {
    std::stable_sort(list.begin(), list.end(), [](const auto* a, const auto* b) {
      std::int64_t da = sort_day(a), db = sort_day(b);
      return da != db ? da < db : a->evaluation.interaction < b->evaluation.interaction;
    });
    ChartRequest chart{{}, bands};
    for (const ScoredEvaluation* s : list) {
      std::optional<std::int64_t> day = evaluation_day(s->evaluation.date);
      if (s->score.gated && day) chart.points.push_back({*day, *s->score.gated});
    }
    requests.push_back(std::move(chart));
  }
  // Every chart from one gnuplot process; when that fails, each alone, to name whose failed.
  std::vector<Chart> charts;
  if (auto undrawn = score_charts(requests, png, runner, &charts)) {
    std::size_t i = 0;
    for (const auto& [agent, list] : by_agent) {
      std::vector<Chart> one;
      if (auto problem = score_charts({requests[i++]}, png, runner, &one)) {
        return stop(tool_error("the report of agent '" + agent + "' (from " + files_of(list) +
                               "): " + problem->message));
      }
    }
    return stop(std::move(*undrawn));
  }
  // Each report is an artifact of the build, rendered, fingerprinted and recorded in the output
  // folder's log as a pack's outputs are (one whose inputs have not changed is not rendered
  // again), dated by its latest evaluation, never by the clock.
  std::vector<Artifact> reports;
  std::map<std::string, std::string> agent_of;  // by the path of each file
  std::size_t i = 0;
  for (const auto& [agent, list] : by_agent) {
    const Chart& drawn = charts[i];
    std::string alt = chart_alt_text(agent, requests[i++].points);
    // Without a picture (no evaluation had a score), the sentence alone.
    Block chart = drawn.svg.empty() ? doc::paragraph(alt + ".")
                                    : doc::drawing(drawn.svg, drawn.png, 160, {doc::plain(alt)});
    Artifact report = Artifact::rendered(
        "coaching-" + stems.at(agent),
        coaching_report(source->pack, rubric, list, agent, std::move(chart)), request.formats);
    report.source_date = output_date(list);
    report.where = SourcePosition{list.back()->evaluation.file, 0, 0};
    for (Format format : request.formats) {
      std::string file = report.name + "." + format_name(format);
      agent_of[(fs::path(request.out) / file).string()] = agent;
    }
    reports.push_back(std::move(report));
  }
  ReportGenerator host(std::move(reports));
  BuildOptions options;
  options.out_directory = request.out;
  options.in_out_directory = true;
  options.formats = request.formats;
  Builder builder(host, renderer, theme, options);
  BuildReport built = builder.build(source->pack);
  for (const BuiltOutput& output : built.outputs) {
    made.files.push_back({output.path, agent_of[output.path], output.unchanged});
  }
  made.add(built.problems);
  if (!built.ok()) made.stopped_by = Origin::Tool;
  return made;
}

}  // namespace coachkit
