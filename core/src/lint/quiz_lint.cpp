#include "lint/quiz_lint.hpp"

#include <coachkit/answer_positions.hpp>

#include <algorithm>
#include <cstdio>
#include <map>

namespace coachkit {

namespace {

// A number as the loader prints it in its messages: "50", "-33.3333".
std::string weight_text(double w) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", w);
  return buffer;
}

bool holds_colon_entity(const Question& q) {
  auto in = [](const std::string& t) { return t.find("&&058;") != std::string::npos; };
  if (in(q.prompt) || in(q.feedback)) return true;
  for (const Choice& c : q.choice_details) {
    if (in(c.text) || in(c.feedback)) return true;
  }
  for (const auto& [left, right] : q.pairs) {
    if (in(left) || in(right)) return true;
  }
  for (const std::string& t : q.order) {
    if (in(t)) return true;
  }
  for (const std::string& t : q.answers) {
    if (in(t)) return true;
  }
  return false;
}

// "&amp;", "&lt;", "&#39;": what Ruby's CGI.unescapeHTML, which Canvas's converter runs, decodes.
bool holds_character_reference(const std::string& text) {
  for (std::size_t at = text.find('&'); at != std::string::npos; at = text.find('&', at + 1)) {
    std::size_t end = text.find(';', at);
    if (end == std::string::npos) return false;
    std::string name = text.substr(at + 1, end - at - 1);
    if (name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos") {
      return true;
    }
    std::size_t digits = name.size() > 1 && (name[1] == 'x' || name[1] == 'X') ? 2 : 1;
    if (name.size() > digits && name[0] == '#' &&
        name.find_first_not_of(digits == 2 ? "0123456789abcdefABCDEF" : "0123456789", digits) ==
            std::string::npos) {
      return true;
    }
  }
  return false;
}

void add(std::vector<Diagnostic>& out, const SourcePosition& at, std::string message) {
  out.push_back(Problem(at, std::move(message), Severity::Warning));
}

}  // namespace

std::vector<Diagnostic> question_warnings(const Pack& pack) {
  std::vector<Diagnostic> out;
  for (const Question& q : pack.questions) {
    const std::string name = "question '" + escape_control_characters(q.id) + "': ";
    if (q.kind == Question::Kind::Short) {
      for (const std::string& a : q.answers) {
        if (a.find("->") == std::string::npos) continue;
        // Moodle reads such a GIFT question as matching and its import stops on it.
        add(out, q.where,
            name + "the accepted answer \"" + escape_control_characters(a) +
                "\" holds \"->\", which GIFT cannot express; the GIFT export leaves this "
                "question out (Moodle XML and Canvas QTI carry it)");
        break;
      }
    }
    // Moodle's GIFT import splits a matching line (an ordering step is written as one) at its
    // first "->".
    std::vector<std::string> lefts = q.order;
    for (const auto& pair : q.pairs) lefts.push_back(pair.first);
    for (const std::string& left : lefts) {
      if (left.find("->") == std::string::npos) continue;
      add(out, q.where,
          name + (q.kind == Question::Kind::Ordering ? "the step \"" : "the left side \"") +
              escape_control_characters(left) +
              "\" holds \"->\", which GIFT cannot express; the GIFT export leaves this "
              "question out (Moodle XML and Canvas QTI carry it)");
      break;
    }
    // Canvas's converter decodes HTML character references in its copy of a matching answer's
    // right side (the "correct answer" it shows), although the drop-down shows them as written.
    for (const auto& pair : q.pairs) {
      if (!holds_character_reference(pair.second)) continue;
      add(out, q.where,
          name + "the right side \"" + escape_control_characters(pair.second) +
              "\" holds an HTML character reference, which Canvas's answer key shows decoded "
              "(its drop-down and grading keep it as written)");
      break;
    }
    if (q.kind == Question::Kind::Multiple) {
      // Classic Canvas quizzes keep only right and wrong: 100 for each right choice, 0 for each
      // wrong one. Written weights that say otherwise are lost there.
      const Choice* first = nullptr;
      std::string weights;
      for (const Choice& c : q.choice_details) {
        bool right = std::find(q.answers.begin(), q.answers.end(), c.text) != q.answers.end();
        if (c.weight_written && !first && c.weight != (right ? 100.0 : 0.0)) first = &c;
        weights += (weights.empty() ? "" : "/") + weight_text(c.weight);
      }
      if (first) {
        add(out, first->weight_where,
            name + "the weights written on its choices (" + weights +
                ") cannot be held by classic Canvas quizzes, which give each right choice 100 "
                "and each wrong one 0; the Canvas QTI export loses them (GIFT and Moodle XML "
                "keep them)");
      }
    }
    if (holds_colon_entity(q)) {
      add(out, q.where,
          name +
              "its text holds \"&&058;\", which Moodle's GIFT import reads back as \":\"; "
              "use the Moodle XML export for it");
    }
    if (q.points != 1) {
      add(out, q.where,
          name + "GIFT has no points: Moodle gives it the default mark, not " +
              weight_text(q.points) + " (Moodle XML and Canvas QTI keep them)");
    }
    for (const Choice& c : q.choice_details) {
      if (!c.pinned) continue;
      add(out, c.where,
          name +
              "GIFT cannot keep a pinned choice in place: Moodle shuffles it with the rest "
              "(Moodle XML turns shuffling off for it)");
      break;
    }
  }
  AnswerPositions positions;
  std::map<std::size_t, const Question*> first_at;  // the first question with its answer there
  for (const Question& q : pack.questions) {
    if (q.kind != Question::Kind::Single || q.answers.empty()) continue;
    auto at = std::find(q.choices.begin(), q.choices.end(), q.answers.front());
    if (at == q.choices.end()) continue;
    std::size_t position = static_cast<std::size_t>(at - q.choices.begin());
    if (positions.add(position, q.choices.size())) first_at.emplace(position, &q);
  }
  if (positions.lopsided()) {
    const SourcePosition& where = first_at[positions.position()]->where;
    out.push_back({where.file, where.line, where.column,
                   "the right answer is choice " +
                       std::string(1, static_cast<char>('A' + positions.position() % 26)) + " in " +
                       std::to_string(positions.count()) + " of " +
                       std::to_string(positions.counted()) +
                       " single-choice questions (more than half): a quiz that keeps the "
                       "authored order lets learners guess it; vary where the right choice "
                       "sits",
                   Severity::Warning});
  }
  return out;
}

}  // namespace coachkit
