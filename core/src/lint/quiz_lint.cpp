#include "lint/quiz_lint.hpp"

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
  std::map<std::size_t, std::vector<const Question*>> by_position;
  std::size_t counted = 0;
  for (const Question& q : pack.questions) {
    if (q.kind != Question::Kind::Single || q.choices.size() < 3 || q.answers.empty()) continue;
    auto at = std::find(q.choices.begin(), q.choices.end(), q.answers.front());
    if (at == q.choices.end()) continue;
    ++counted;
    by_position[static_cast<std::size_t>(at - q.choices.begin())].push_back(&q);
  }
  if (counted < 4) return out;
  for (const auto& [position, questions] : by_position) {
    if (static_cast<double>(questions.size()) <=
        kAnswerPositionShare * static_cast<double>(counted)) {
      continue;
    }
    const SourcePosition& where = questions.front()->where;
    out.push_back({where.file, where.line, where.column,
                   "the right answer is choice " +
                       std::string(1, static_cast<char>('A' + position % 26)) + " in " +
                       std::to_string(questions.size()) + " of " + std::to_string(counted) +
                       " single-choice questions (more than half): a quiz that keeps the "
                       "authored order lets learners guess it; vary where the right choice "
                       "sits"});
  }
  return out;
}

}  // namespace coachkit
