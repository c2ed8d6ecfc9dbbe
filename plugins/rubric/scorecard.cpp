#include "scorecard.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace rubric_plugin {

using namespace coachkit;
using namespace coachkit::doc;

namespace {

std::string number(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", v);
  return buffer;
}

double total_weight(const Rubric& rubric) {
  double sum = 0;
  for (const RubricSection& s : rubric.sections) sum += s.weight;
  return sum;
}

// The answer columns of a scale: a heading and, for levels, the descriptor under it.
struct Column {
  std::string heading;
  std::string descriptor;
};

std::vector<Column> columns_of(const Scale& scale) {
  std::vector<Column> columns;
  switch (scale.kind) {
    case Scale::Kind::YesNo:
      columns = {{"Yes", ""}, {"No", ""}};
      break;
    case Scale::Kind::Points:
      for (int v = 0; v <= scale.max && columns.size() < 11; ++v) {
        columns.push_back({std::to_string(v), ""});
      }
      break;
    case Scale::Kind::Levels:
      for (int v = scale.min; v <= scale.max && columns.size() < 11; ++v) {
        Column c{std::to_string(v), ""};
        for (const ScaleLevel& level : scale.levels) {
          if (level.value != v) continue;
          if (!level.label.empty()) c.heading += " " + level.label;
          c.descriptor = level.descriptor;
        }
        columns.push_back(std::move(c));
      }
      break;
  }
  return columns;
}

bool same_scale(const Scale& a, const Scale& b) {
  return a.kind == b.kind && a.id == b.id && a.min == b.min && a.max == b.max;
}

Blocks cell(Text text) { return {paragraph(std::move(text))}; }
Blocks cell(const std::string& text) { return {paragraph(text)}; }

const char* kBox = "\xE2\x98\x90 ";  // ☐ and a space: the office writers enlarge the box

// Every table of the form has the same columns, so a pen moves down one grid from section to
// section: the criterion, its weight, the answer columns of the form's main scale (another
// scale's boxes are labelled and placed under them, lowest under lowest, highest under
// highest), N/A when any criterion allows it, and room for notes.
struct Layout {
  Scale main;
  std::vector<Column> columns;  // the main scale's
  std::size_t answers = 0;      // answer columns: as many as the widest scale needs
  bool na = false;
  std::vector<double> widths;
};

Layout layout_of(const Rubric& rubric) {
  Layout l;
  // The main scale is the one most criteria use (the rubric's default on a tie).
  std::vector<std::pair<const Scale*, int>> uses;
  for (const RubricSection& s : rubric.sections) {
    for (const Criterion& c : s.criteria) {
      auto it = std::find_if(uses.begin(), uses.end(),
                             [&](const auto& u) { return same_scale(*u.first, c.scale); });
      if (it == uses.end()) {
        uses.emplace_back(&c.scale, 1);
      } else {
        ++it->second;
      }
      l.answers = std::max(l.answers, columns_of(c.scale).size());
      l.na = l.na || c.not_applicable != Criterion::NotApplicable::NotAllowed;
    }
  }
  l.main = rubric.scale;
  int most = 0;
  for (const auto& [scale, count] : uses) {
    if (count > most || (count == most && same_scale(*scale, rubric.scale))) {
      most = count;
      l.main = *scale;
    }
  }
  l.columns = columns_of(l.main);
  l.answers = std::max(l.answers, l.columns.size());
  // Landscape: the level columns wide enough for their descriptors, the notes column wide
  // enough to write in.
  double na = l.na ? 0.07 : 0.0;
  double notes = 0.13;
  double answers = std::min(0.44, 0.11 * static_cast<double>(l.answers));
  double criterion = 1.0 - 0.065 - answers - na - notes;
  l.widths.push_back(criterion);
  l.widths.push_back(0.065);
  for (std::size_t i = 0; i < l.answers; ++i) {
    l.widths.push_back(answers / static_cast<double>(l.answers));
  }
  if (l.na) {
    l.widths.push_back(na);
  }
  l.widths.push_back(notes);
  return l;
}

// Where each of a scale's answers sits among the form's answer columns, lowest first.
std::vector<std::pair<std::size_t, std::string>> placed_answers(const Layout& l,
                                                                const Scale& scale) {
  std::vector<Column> columns = columns_of(scale);
  std::vector<std::pair<std::size_t, std::string>> out;
  if (same_scale(scale, l.main)) {
    for (std::size_t i = 0; i < columns.size(); ++i) out.emplace_back(i, "");
    return out;
  }
  if (scale.kind == Scale::Kind::YesNo) std::reverse(columns.begin(), columns.end());
  std::size_t n = columns.size();
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t at =
        n == 1 ? 0
               : static_cast<std::size_t>(std::lround(static_cast<double>(i * (l.answers - 1)) /
                                                      static_cast<double>(n - 1)));
    // A level's label alone, without its number, beside the box.
    out.emplace_back(at, columns[i].heading);
  }
  return out;
}

Table form_table(const Layout& l) {
  Table t;
  t.classes = {"scorecard"};
  t.widths = l.widths;
  return t;
}

// The key above the form: what each answer column means, in the columns it heads.
Block levels_key(const Layout& l) {
  Table t = form_table(l);
  t.classes.push_back("scorecard-key");
  t.header.push_back(cell(Text{strong(l.main.title.empty() ? "Answers" : l.main.title)}));
  t.header.push_back(cell(""));
  std::vector<Blocks> row;
  row.push_back(cell(Text{emphasis("Tick one box per row; write what you heard in the notes.")}));
  row.push_back(cell(""));
  for (std::size_t i = 0; i < l.answers; ++i) {
    if (i < l.columns.size()) {
      t.header.push_back(cell(Text{strong(l.columns[i].heading)}));
      row.push_back(cell(Text{emphasis(l.columns[i].descriptor)}));
    } else {
      t.header.push_back(cell(""));
      row.push_back(cell(""));
    }
  }
  if (l.na) {
    t.header.push_back(cell(Text{strong("N/A")}));
    row.push_back(cell(Text{emphasis("if the row allows")}));
  }
  t.header.push_back(cell(Text{strong("Notes")}));
  row.push_back(cell(""));
  t.rows.push_back(std::move(row));
  return table(std::move(t));
}

// One section: its title and weight head the table, so a heading never stands alone at the
// bottom of a page (each table is kept on one page).
Block section_table(const Pack& pack, const Rubric& rubric, const Layout& l,
                    const RubricSection& section, double total) {
  Table t = form_table(l);
  std::string title = pack.section_name(section);
  if (rubric.method != Rubric::Method::TotalPoints && total > 0) {
    title += " (weight " + number(section.weight) + " of " + number(total) + ")";
  }
  t.header.push_back(cell(Text{strong(title)}));
  t.header.push_back(cell(Text{strong("Weight")}));
  for (std::size_t i = 0; i < l.answers; ++i) {
    t.header.push_back(cell(Text{strong(i < l.columns.size() ? l.columns[i].heading : "")}));
  }
  if (l.na) t.header.push_back(cell(Text{strong("N/A")}));
  t.header.push_back(cell(Text{strong("Notes")}));
  for (const Criterion& c : section.criteria) {
    std::vector<Blocks> row;
    Text text{plain(criterion_text(pack, section, c))};
    if (c.critical) {
      text.push_back(strong(c.gate == Criterion::Gate::Form ? "  [Critical: fails the form]"
                                                            : "  [Critical: zeroes section]"));
    }
    if (c.bonus) text.push_back(strong("  [Bonus]"));
    text.push_back(emphasis("  " + c.id));
    row.push_back(cell(std::move(text)));
    row.push_back(cell(number(c.weight)));
    std::vector<Blocks> answers(l.answers);
    for (const auto& [at, label] : placed_answers(l, c.scale)) {
      Text box{plain(kBox)};
      if (!label.empty()) box.push_back(strong(label));
      answers[at] = cell(std::move(box));
    }
    for (Blocks& a : answers) row.push_back(std::move(a));
    if (l.na) {
      switch (c.not_applicable) {
        case Criterion::NotApplicable::NotAllowed:
          row.push_back(cell("\xE2\x80\x94"));  // —
          break;
        case Criterion::NotApplicable::Excluded:
          row.push_back(cell(Text{plain(kBox), emphasis("left out")}));
          break;
        case Criterion::NotApplicable::Pass:
          row.push_back(cell(Text{plain(kBox), emphasis("counts as met")}));
          break;
      }
    }
    row.push_back(cell(""));
    t.rows.push_back(std::move(row));
  }
  return table(std::move(t));
}

std::string method_words(const Rubric& rubric) {
  std::string levels =
      rubric.level_mapping == Rubric::LevelMapping::Range
          ? "a level counts as (level - lowest) / (highest - lowest) of its weight, so the "
            "lowest level earns nothing and the highest all of it"
          : "a level counts as level / highest of its weight";
  std::string common =
      "Each criterion earns its weight times its answer: yes earns all of it, "
      "no nothing; points earn their share of the maximum; " +
      levels + ". ";
  switch (rubric.method) {
    case Rubric::Method::TotalPoints:
      return common + "The score is the points earned over the points possible, as a percentage.";
    case Rubric::Method::WeightedSections:
      return common +
             "Each section scores the points earned over the points possible in it; the score "
             "is the mean of the section scores weighted by the section weights.";
    case Rubric::Method::WeightedPoints:
      return common +
             "Each section's points, earned and possible, are multiplied by its weight; the "
             "score is the weighted points earned over the weighted points possible.";
  }
  return common;
}

Block header_fields() {
  Table t;
  t.classes = {"scorecard-header"};
  t.widths = {0.12, 0.21, 0.12, 0.21, 0.12, 0.22};
  t.rows.push_back({cell(Text{strong("Agent")}), cell(""), cell(Text{strong("Evaluator")}),
                    cell(""), cell(Text{strong("Date")}), cell("")});
  t.rows.push_back({cell(Text{strong("Interaction")}), cell(""), cell(Text{strong("Score")}),
                    cell(""), cell(Text{strong("Band")}), cell("")});
  return table(std::move(t));
}

}  // namespace

std::string criterion_text(const Pack& pack, const RubricSection& section,
                           const Criterion& criterion) {
  if (criterion.origin == Criterion::Origin::Dont) {
    if (const Principle* p = pack.find_principle(section.principle)) {
      for (const Behavior& b : p->donts) {
        if (b.id == criterion.behavior && b.text == criterion.text) return "Avoids: " + b.text;
      }
    }
  }
  return criterion.text;
}

Document scorecard(const Pack& pack, const Rubric& rubric) {
  Document d;
  d.title = rubric.title;
  d.subtitle = "Scorecard, version " + std::to_string(rubric.version);
  d.language = pack.language;
  // Printed in landscape, laid out here: the title block is this heading.
  d.blocks.push_back(
      heading(1, Text{plain(rubric.title), plain(" \xE2\x80\x94 "), plain(d.subtitle)}));
  d.blocks.push_back(header_fields());
  if (!rubric.description.empty()) d.blocks.push_back(paragraph(rubric.description));
  double total = total_weight(rubric);
  Layout layout = layout_of(rubric);
  if (layout.answers > 0) d.blocks.push_back(levels_key(layout));
  for (const RubricSection& s : rubric.sections) {
    if (s.criteria.empty()) continue;
    d.blocks.push_back(section_table(pack, rubric, layout, s, total));
  }
  // How to read the form, how it is scored and the bands side by side: three columns of one
  // table take a few lines of a landscape page where three sections would take half of one.
  Blocks legend;
  legend.push_back(
      paragraph(Text{strong("N/A: "), plain("\xE2\x80\x94 means N/A is not allowed; \"left out\" "
                                            "removes the criterion from the score; \"counts as "
                                            "met\" scores it as fully met.")}));
  legend.push_back(paragraph(
      Text{strong("Critical: "),
           plain("an answer below " + number(rubric.critical_below) +
                 "% of the scale is a critical miss. [Critical: fails the form] makes the "
                 "whole score 0; [Critical: zeroes section] makes its section score 0. The "
                 "compliance score counts the critical criteria alone.")}));
  legend.push_back(
      paragraph(Text{strong("Bonus: "), plain("adds what it earns but never counts against the "
                                              "score; no score goes above 100.")}));
  Blocks bands;
  for (const PerformanceBand& b : rubric.bands) {
    bands.push_back(paragraph(Text{strong(b.label + ", " + number(b.from) + " to " +
                                          (b.to >= 100 ? "100" : "below " + number(b.to)) + ": "),
                                   plain(b.description)}));
  }
  Table t;
  t.classes = {"scorecard", "scorecard-notes"};
  t.widths = bands.empty() ? std::vector<double>{0.5, 0.5} : std::vector<double>{0.4, 0.3, 0.3};
  t.header = {cell(Text{strong("How to read this form")}),
              cell(Text{strong("How the score is computed")})};
  t.rows.push_back({legend, cell(method_words(rubric))});
  if (!bands.empty()) {
    t.header.push_back(cell(Text{strong("Bands")}));
    t.rows.back().push_back(bands);
  }
  d.blocks.push_back(table(std::move(t)));
  return d;
}

}  // namespace rubric_plugin
