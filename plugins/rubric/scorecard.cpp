#include "scorecard.hpp"

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

// One table for a run of criteria on the same scale.
Block criteria_table(const Pack& pack, const RubricSection& section,
                     const std::vector<const Criterion*>& criteria) {
  const Scale& scale = criteria.front()->scale;
  std::vector<Column> columns = columns_of(scale);
  bool any_na = false;
  for (const Criterion* c : criteria) {
    any_na = any_na || c->not_applicable != Criterion::NotApplicable::NotAllowed;
  }
  Table t;
  t.classes = {"scorecard"};
  std::size_t n = columns.size() + (any_na ? 1 : 0);
  double answer_width = n <= 3 ? 0.1 : std::min(0.16, 0.66 / static_cast<double>(n));
  double criterion_width = 1.0 - 0.07 - answer_width * static_cast<double>(n);
  t.widths.push_back(criterion_width);
  t.widths.push_back(0.07);
  t.header.push_back(cell(Text{strong("Criterion")}));
  t.header.push_back(cell(Text{strong("Weight")}));
  for (const Column& c : columns) {
    Blocks b = cell(Text{strong(c.heading)});
    if (!c.descriptor.empty()) b.push_back(paragraph(Text{emphasis(c.descriptor)}));
    t.header.push_back(std::move(b));
    t.widths.push_back(answer_width);
  }
  if (any_na) {
    t.header.push_back(cell(Text{strong("N/A")}));
    t.widths.push_back(answer_width);
  }
  for (const Criterion* c : criteria) {
    std::vector<Blocks> row;
    Text text{plain(criterion_text(pack, section, *c))};
    if (c->critical) {
      text.push_back(strong(c->gate == Criterion::Gate::Form ? "  [Critical: fails the form]"
                                                             : "  [Critical: zeroes section]"));
    }
    if (c->bonus) text.push_back(strong("  [Bonus]"));
    Blocks first = cell(std::move(text));
    first.push_back(paragraph(Text{emphasis(c->id)}));
    row.push_back(std::move(first));
    row.push_back(cell(number(c->weight)));
    for (std::size_t i = 0; i < columns.size(); ++i) row.push_back(cell("\xE2\x98\x90"));  // ☐
    if (any_na) {
      switch (c->not_applicable) {
        case Criterion::NotApplicable::NotAllowed:
          row.push_back(cell("\xE2\x80\x94"));  // —
          break;
        case Criterion::NotApplicable::Excluded:
          row.push_back(cell("\xE2\x98\x90 left out"));
          break;
        case Criterion::NotApplicable::Pass:
          row.push_back(cell("\xE2\x98\x90 counts as met"));
          break;
      }
    }
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
  t.widths = {0.18, 0.32, 0.18, 0.32};
  t.rows.push_back(
      {cell(Text{strong("Agent")}), cell(""), cell(Text{strong("Evaluator")}), cell("")});
  t.rows.push_back(
      {cell(Text{strong("Date")}), cell(""), cell(Text{strong("Interaction")}), cell("")});
  t.rows.push_back({cell(Text{strong("Score")}), cell(""), cell(Text{strong("Band")}), cell("")});
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
  for (const RubricSection& s : rubric.sections) {
    Text heading_text{plain(pack.section_name(s))};
    if (rubric.method != Rubric::Method::TotalPoints && total > 0) {
      heading_text.push_back(plain(" (weight " + number(s.weight) + " of " + number(total) + ")"));
    }
    d.blocks.push_back(heading(2, heading_text));
    if (const Principle* p = pack.find_principle(s.principle)) {
      if (!p->summary.empty()) {
        d.blocks.push_back(paragraph(Text{emphasis(p->title + ": "), plain(p->summary)}));
      }
    }
    std::vector<const Criterion*> run;
    for (const Criterion& c : s.criteria) {
      if (!run.empty() && !same_scale(run.front()->scale, c.scale)) {
        d.blocks.push_back(criteria_table(pack, s, run));
        run.clear();
      }
      run.push_back(&c);
    }
    if (!run.empty()) d.blocks.push_back(criteria_table(pack, s, run));
  }
  d.blocks.push_back(heading(2, "How to read this form"));
  std::vector<Blocks> legend;
  legend.push_back(
      {paragraph(Text{strong("N/A: "), plain("\xE2\x80\x94 means N/A is not allowed; \"left out\" "
                                             "removes the criterion from the score; \"counts as "
                                             "met\" scores it as fully met.")})});
  legend.push_back({paragraph(
      Text{strong("Critical: "),
           plain("an answer below " + number(rubric.critical_below) +
                 "% of the scale is a critical miss. [Critical: fails the form] makes the "
                 "whole score 0; [Critical: zeroes section] makes its section score 0. The "
                 "compliance score counts the critical criteria alone.")})});
  legend.push_back(
      {paragraph(Text{strong("Bonus: "), plain("adds what it earns but never counts against the "
                                               "score; no score goes above 100.")})});
  d.blocks.push_back(bullet_list(std::move(legend)));
  d.blocks.push_back(heading(2, "How the score is computed"));
  d.blocks.push_back(paragraph(method_words(rubric)));
  if (!rubric.bands.empty()) {
    d.blocks.push_back(heading(2, "Bands"));
    Table t;
    t.classes = {"bands"};
    t.widths = {0.3, 0.2, 0.5};
    t.header = {cell(Text{strong("Band")}), cell(Text{strong("Score")}),
                cell(Text{strong("What it means")})};
    for (const PerformanceBand& b : rubric.bands) {
      t.rows.push_back(
          {cell(b.label),
           cell(number(b.from) + " to " + (b.to >= 100 ? "100" : "below " + number(b.to))),
           cell(b.description)});
    }
    d.blocks.push_back(table(std::move(t)));
  }
  return d;
}

}  // namespace rubric_plugin
