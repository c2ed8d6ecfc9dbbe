#include "activity_blocks.hpp"

#include "handout_text.hpp"

#include <algorithm>

namespace coachkit_handout {

using namespace coachkit;
using namespace coachkit::doc;

namespace {

const int kLinesPerPrompt = 4;
const int kLinesPerQuestion = 3;

Text answer_text(const std::string& answer) {
  return Text{strong("Suggested answer: "), emphasis(answer)};
}

std::string answer_at(const std::vector<std::string>& answers, std::size_t i) {
  return i < answers.size() ? answers[i] : "";
}

std::size_t longest_word(const std::string& text) {
  std::size_t longest = 0, current = 0;
  for (char c : text) {
    current = c == ' ' ? 0 : current + 1;
    longest = std::max(longest, current);
  }
  return longest;
}

// The totals row is the grid's last row, not a table foot: pandoc 2.17's ODT writer drops foots.
Block grid(const Worksheet& w) {
  Table t;
  t.classes = {"worksheet", "grid"};
  t.header.push_back({});
  for (const std::string& c : w.columns) t.header.push_back({paragraph(c)});
  if (w.totals) t.header.push_back({paragraph("Total")});
  std::size_t columns = t.header.size();
  for (const std::string& r : w.rows) {
    std::vector<Blocks> row(columns);
    row[0] = {paragraph(r)};
    t.rows.push_back(std::move(row));
  }
  if (w.totals) {
    std::vector<Blocks> total(columns);
    total[0] = {paragraph(Text{strong("Total")})};
    t.rows.push_back(std::move(total));
  }
  // Columns as wide as their labels need (a long word must not break), at least a box to write
  // a score in; the row labels as wide as the longest one, within a sixth and a third.
  std::size_t longest_row = 0;
  for (const std::string& r : w.rows) longest_row = std::max(longest_row, r.size());
  std::vector<double> weight;
  double sum = 0;
  for (std::size_t i = 1; i < columns; ++i) {
    std::size_t length = i <= w.columns.size() ? longest_word(w.columns[i - 1]) : 5;
    weight.push_back(static_cast<double>(std::max<std::size_t>(length + 2, 8)));
    sum += weight.back();
  }
  double label = static_cast<double>(longest_row + 4);
  t.widths.assign(columns, 0.0);
  t.widths[0] = std::min(std::max(label / (label + sum), 1.0 / 6), 1.0 / 3);
  for (std::size_t i = 1; i < columns; ++i) t.widths[i] = (1 - t.widths[0]) * weight[i - 1] / sum;
  return table(std::move(t));
}

}  // namespace

Block writing_lines(int count) {
  Table t;
  t.classes = {"worksheet", "lines"};
  t.widths = {1.0};
  for (int i = 0; i < count; ++i) t.rows.push_back({{}});
  return table(std::move(t));
}

Blocks worksheet_blocks(const Worksheet& w, Edition edition, int level) {
  Blocks out;
  out.push_back(heading(level, w.title.empty() ? "Worksheet" : w.title));
  if (!w.instructions.empty()) out.push_back(paragraph(Text{emphasis(w.instructions)}));
  switch (w.kind) {
    case Worksheet::Kind::Grid:
      if (w.scale_max > w.scale_min && w.instructions.empty()) {
        out.push_back(paragraph(Text{emphasis("Score each box from " + std::to_string(w.scale_min) +
                                              " to " + std::to_string(w.scale_max) + ".")}));
      }
      out.push_back(grid(w));
      break;
    case Worksheet::Kind::Prompts:
      // Each prompt stays on one page with its lines; the worksheet may break between them.
      for (std::size_t i = 0; i < w.prompts.size(); ++i) {
        Blocks prompt{paragraph(Text{strong(std::to_string(i + 1) + ". " + w.prompts[i])})};
        std::string answer = answer_at(w.suggested_answers, i);
        if (edition == Edition::Trainer && !answer.empty()) {
          prompt.push_back(
              section({"trainer-notes", "suggested-answer"}, {paragraph(answer_text(answer))}));
        } else {
          prompt.push_back(writing_lines(kLinesPerPrompt));
        }
        out.push_back(section({"worksheet-prompt"}, std::move(prompt)));
      }
      break;
    case Worksheet::Kind::Lines:
      out.push_back(writing_lines(w.lines));
      break;
  }
  return out;
}

Block trainer_box(const Activity& a) {
  Blocks inside;
  inside.push_back(paragraph(Text{strong("For the trainer")}));
  std::string facts = minutes_text(a.minutes);
  if (!a.group_size.empty()) facts += " \u00B7 " + a.group_size;
  inside.push_back(paragraph(Text{strong("Time: "), plain(facts)}));
  if (!a.materials.empty()) {
    std::string list;
    for (const std::string& m : a.materials) list += (list.empty() ? "" : ", ") + m;
    inside.push_back(paragraph(Text{strong("Materials: "), plain(list)}));
  }
  for (Block& b : paragraphs(a.facilitator_notes)) inside.push_back(std::move(b));
  return section({"trainer-notes"}, std::move(inside));
}

Blocks activity_blocks(const Pack& pack, const Activity& a, int level, Edition edition,
                       ActivityLayout layout) {
  bool trainer = edition == Edition::Trainer;
  Blocks out;
  out.push_back(heading(level, a.title, "activity-" + a.id));
  out.push_back(paragraph(Text{strong("Goal: "), plain(a.goal)}));
  if (trainer) out.push_back(trainer_box(a));

  out.push_back(heading(level + 1, "Steps"));
  std::vector<Blocks> steps;
  for (std::size_t i = 0; i < a.steps.size(); ++i) {
    Text text{plain(a.steps[i])};
    if (trainer && i < a.step_minutes.size()) {
      text.push_back(emphasis(" (" + minutes_text(a.step_minutes[i]) + ")"));
    }
    steps.push_back({paragraph(std::move(text))});
  }
  out.push_back(ordered_list(std::move(steps)));

  if (a.worksheet) {
    // A grid or a few lines stay whole on one page (class "worksheet-block"); prompts, each
    // with its lines, may run over pages.
    bool prompts = a.worksheet->kind == Worksheet::Kind::Prompts;
    out.push_back(section({prompts ? "worksheet-prompts" : "worksheet-block"},
                          worksheet_blocks(*a.worksheet, edition, level + 1)));
  }

  if (!a.debrief.empty()) {
    out.push_back(heading(level + 1, "Debrief"));
    if (layout == ActivityLayout::Worksheet) {
      for (std::size_t i = 0; i < a.debrief.size(); ++i) {
        Blocks question{paragraph(Text{strong(a.debrief[i])})};
        std::string answer = answer_at(a.debrief_answers, i);
        if (trainer && !answer.empty()) {
          question.push_back(
              section({"trainer-notes", "suggested-answer"}, {paragraph(answer_text(answer))}));
        } else if (!trainer) {
          question.push_back(writing_lines(kLinesPerQuestion));
        }
        out.push_back(section({"debrief-question"}, std::move(question)));
      }
    } else {
      std::vector<Blocks> items;
      for (std::size_t i = 0; i < a.debrief.size(); ++i) {
        Blocks item{paragraph(a.debrief[i])};
        std::string answer = answer_at(a.debrief_answers, i);
        if (trainer && !answer.empty()) item.push_back(paragraph(answer_text(answer)));
        items.push_back(std::move(item));
      }
      out.push_back(bullet_list(std::move(items)));
    }
  }
  std::string credit = attribution(pack, a.source);
  if (!credit.empty()) {
    out.push_back(section({"source"}, {paragraph(Text{emphasis("Adapted from " + credit + ".")})}));
  }
  return out;
}

}  // namespace coachkit_handout
