// The printable quiz of one version (name and date lines, numbered questions, boxes to tick,
// lines to write on) and its answer key. By default the paper is a handout drawn from the
// version, a question or so per principle, and the key a grid of question numbers and answers.
#include "quiz.hpp"

#include <algorithm>
#include <map>

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
      // Paragraphs, not a list: a list would print a bullet before each letter in DOCX. The
      // box after the letter: pandoc makes a list item that starts with one a form field.
      Blocks rows;
      for (std::size_t i = 0; i < item.choices.size(); ++i) {
        rows.push_back(paragraph(letter(i) + ". \u2610 " + item.choices[i].text));
      }
      out.push_back(section({"quiz-choices"}, std::move(rows)));
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
      Blocks rows;
      for (const std::string& step : item.shown) rows.push_back(paragraph("____ " + step));
      out.push_back(section({"quiz-choices"}, std::move(rows)));
      break;
    }
    case Question::Kind::Short:
    case Question::Kind::Numeric:
      out.push_back(paragraph("Answer: ________________________________________"));
      break;
  }
  return out;
}

// The right answer as the learner's paper asks for it: letters, item–letter pairs, the numbers
// to write beside the steps (top to bottom), True or False, the words or the number.
std::string key_text(const Item& item) {
  std::string out;
  switch (item.kind) {
    case Question::Kind::Single:
    case Question::Kind::Multiple:
      for (std::size_t i = 0; i < item.choices.size(); ++i) {
        if (item.correct[i]) out += (out.empty() ? "" : ", ") + letter(i);
      }
      return out;
    case Question::Kind::TrueFalse:
      return item.truth ? "True" : "False";
    case Question::Kind::Matching:
      for (std::size_t i = 0; i < item.pairs.size(); ++i) {
        std::size_t k = 0;
        while (k < item.matches.size() && item.matches[k] != item.pairs[i].second) ++k;
        out += (out.empty() ? "" : ", ") + std::to_string(i + 1) + "\u2013" + letter(k);
      }
      return out;
    case Question::Kind::Ordering:
      for (const std::string& step : item.shown) {
        std::size_t k = 0;
        while (k < item.steps.size() && item.steps[k] != step) ++k;
        out += (out.empty() ? "" : ", ") + std::to_string(k + 1);
      }
      return out;
    case Question::Kind::Short:
      for (const std::string& a : item.accepted) out += (out.empty() ? "" : " / ") + a;
      return out;
    case Question::Kind::Numeric:
      out = number_text(item.number);
      if (item.tolerance > 0) out += " \u00b1 " + number_text(item.tolerance);
      return out;
  }
  return out;
}

bool drawn_matching(const Item& item) {
  return item.drawn && item.kind == Question::Kind::Matching;
}

}  // namespace

Version printed_paper(const Version& version, int per_principle, std::uint64_t seed) {
  if (per_principle <= 0) return version;
  // Principles in the order the version first asks about them.
  std::vector<std::string> principles;
  std::map<std::string, std::vector<std::size_t>> by_principle;
  for (std::size_t i = 0; i < version.items.size(); ++i) {
    const std::string& p = version.items[i].principle;
    if (!by_principle.count(p)) principles.push_back(p);
    by_principle[p].push_back(i);
  }
  Random random(mix(seed, 0x7072696E74ULL));  // "print"
  std::vector<std::size_t> chosen;
  bool matched = false;  // drawn matching questions all ask the same thing: one at most
  for (const std::string& p : principles) {
    std::vector<std::size_t> pool = by_principle[p];
    random.shuffle(pool);
    int taken = 0;
    for (std::size_t index : pool) {
      if (taken == per_principle) break;
      if (drawn_matching(version.items[index])) {
        if (matched) continue;
        matched = true;
      }
      chosen.push_back(index);
      ++taken;
    }
  }
  std::sort(chosen.begin(), chosen.end());
  Version paper;
  paper.letter = version.letter;
  paper.name = version.name;
  for (std::size_t index : chosen) paper.items.push_back(version.items[index]);
  return paper;
}

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
  d.blocks.push_back(paragraph(Text{
      emphasis("Letters for the boxes; item\u2013letter for matching; for ordering, the numbers "
               "to write beside the steps, top to bottom.")}));
  // Four columns of question numbers and answers, numbered down each column.
  constexpr std::size_t kColumns = 4;
  std::size_t n = version.items.size();
  std::size_t rows = (n + kColumns - 1) / kColumns;
  Table t;
  t.classes = {"quiz-key"};
  for (std::size_t c = 0; c < kColumns; ++c) {
    t.widths.push_back(0.05);
    t.widths.push_back(0.2);
    t.header.push_back({paragraph(Text{strong("#")})});
    t.header.push_back({paragraph(Text{strong("Answer")})});
  }
  for (std::size_t r = 0; r < rows; ++r) {
    std::vector<Blocks> row;
    for (std::size_t c = 0; c < kColumns; ++c) {
      std::size_t i = c * rows + r;
      if (i < n) {
        row.push_back({paragraph(Text{strong(std::to_string(i + 1))})});
        row.push_back({paragraph(key_text(version.items[i]))});
      } else {
        row.push_back({});
        row.push_back({});
      }
    }
    t.rows.push_back(std::move(row));
  }
  d.blocks.push_back(table(std::move(t)));
  return d;
}

}  // namespace quiz
