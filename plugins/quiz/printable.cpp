// The printable quiz of one version (name and date lines, numbered questions, boxes to tick,
// lines to write on) and its answer key.
#include "quiz.hpp"

namespace quiz {

namespace {

using namespace coachkit;
using namespace coachkit::doc;

std::string points_text(double points) {
  return "(" + number_text(points) + (points == 1 ? " point)" : " points)");
}

Blocks question_blocks(const Item& item, std::size_t number) {
  Blocks out;
  out.push_back(paragraph(Text{strong(std::to_string(number) + ". "), plain(item.prompt),
                               emphasis(" " + points_text(item.points))}));
  switch (item.kind) {
    case Question::Kind::Single:
    case Question::Kind::Multiple: {
      if (item.kind == Question::Kind::Multiple) {
        out.push_back(paragraph(Text{emphasis("Tick every right answer.")}));
      }
      std::vector<Blocks> rows;
      for (std::size_t i = 0; i < item.choices.size(); ++i) {
        // The box after the letter: pandoc makes a list item that starts with one a form field.
        rows.push_back({paragraph(letter(i) + ". \u2610 " + item.choices[i].text)});
      }
      out.push_back(bullet_list(std::move(rows)));
      break;
    }
    case Question::Kind::TrueFalse:
      out.push_back(paragraph("\u2610 True      \u2610 False"));
      break;
    case Question::Kind::Matching: {
      out.push_back(paragraph(Text{emphasis("Write the letter of the match beside each item.")}));
      Table t;
      t.classes = {"quiz-matching"};
      t.widths = {0.5, 0.5};
      for (std::size_t i = 0; i < item.pairs.size() || i < item.matches.size(); ++i) {
        Blocks left, right;
        if (i < item.pairs.size()) {
          left = {paragraph("____ " + std::to_string(i + 1) + ". " + item.pairs[i].first)};
        }
        if (i < item.matches.size()) right = {paragraph(letter(i) + ". " + item.matches[i])};
        t.rows.push_back({left, right});
      }
      out.push_back(table(std::move(t)));
      break;
    }
    case Question::Kind::Ordering: {
      out.push_back(paragraph(Text{emphasis("Number the steps in the right order.")}));
      std::vector<Blocks> rows;
      for (const std::string& step : item.shown) rows.push_back({paragraph("____ " + step)});
      out.push_back(bullet_list(std::move(rows)));
      break;
    }
    case Question::Kind::Short:
    case Question::Kind::Numeric:
      out.push_back(paragraph("Answer: ________________________________________"));
      break;
  }
  return out;
}

// The right answer as the learner's paper shows it: letters, numbers, True or False.
std::string key_text(const Item& item) {
  std::string out;
  switch (item.kind) {
    case Question::Kind::Single:
    case Question::Kind::Multiple:
      for (std::size_t i = 0; i < item.choices.size(); ++i) {
        if (item.correct[i]) {
          out += (out.empty() ? "" : ", ") + letter(i) + " (" + item.choices[i].text + ")";
        }
      }
      return out;
    case Question::Kind::TrueFalse:
      return item.truth ? "True" : "False";
    case Question::Kind::Matching:
      for (std::size_t i = 0; i < item.pairs.size(); ++i) {
        std::size_t k = 0;
        while (k < item.matches.size() && item.matches[k] != item.pairs[i].second) ++k;
        out += (out.empty() ? "" : ", ") + std::to_string(i + 1) + "–" + letter(k);
      }
      return out;
    case Question::Kind::Ordering:
      for (const std::string& step : item.steps) out += (out.empty() ? "" : " → ") + step;
      return out;
    case Question::Kind::Short:
      for (const std::string& a : item.accepted) out += (out.empty() ? "" : " / ") + a;
      return out;
    case Question::Kind::Numeric:
      out = number_text(item.number);
      if (item.tolerance > 0) out += " ± " + number_text(item.tolerance);
      return out;
  }
  return out;
}

}  // namespace

Document printable(const Pack& pack, const Version& version, const std::string& title) {
  Document d;
  d.title = title;
  d.subtitle = "Version " + version.letter;
  d.language = pack.language;
  d.blocks.push_back(paragraph("Name: ______________________________    Date: ______________"));
  double total = 0;
  for (const Item& item : version.items) total += item.points;
  d.blocks.push_back(paragraph(Text{emphasis(std::to_string(version.items.size()) + " questions, " +
                                             number_text(total) + " points.")}));
  for (std::size_t i = 0; i < version.items.size(); ++i) {
    d.blocks.push_back(section({"quiz-question"}, question_blocks(version.items[i], i + 1)));
  }
  return d;
}

Document answer_key(const Pack& pack, const Version& version, const std::string& title) {
  Document d;
  d.title = title + ": answer key";
  d.subtitle = "Version " + version.letter;
  d.language = pack.language;
  Table t;
  t.classes = {"quiz-key"};
  t.widths = {0.06, 0.44, 0.22, 0.28};
  t.header = {
      {paragraph("#")}, {paragraph("Answer")}, {paragraph("Principle")}, {paragraph("Why")}};
  for (std::size_t i = 0; i < version.items.size(); ++i) {
    const Item& item = version.items[i];
    t.rows.push_back({{paragraph(std::to_string(i + 1))},
                      {paragraph(key_text(item))},
                      {paragraph(item.principle_title)},
                      {paragraph(item.feedback)}});
  }
  d.blocks.push_back(table(std::move(t)));
  return d;
}

}  // namespace quiz
