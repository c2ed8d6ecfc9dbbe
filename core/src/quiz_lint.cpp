#include "quiz_lint.hpp"

#include <algorithm>
#include <map>

namespace coachkit {

std::vector<Diagnostic> question_warnings(const Pack& pack) {
  std::vector<Diagnostic> out;
  for (const Question& q : pack.questions) {
    if (q.kind != Question::Kind::Short) continue;
    for (const std::string& a : q.answers) {
      if (a.find("->") == std::string::npos) continue;
      // Moodle reads such a GIFT question as matching and its import stops on it.
      out.push_back({q.where.file, q.where.line, q.where.column,
                     "question '" + q.id + "': the accepted answer \"" + a +
                         "\" holds \"->\", which GIFT cannot express; the GIFT export leaves "
                         "this question out (Moodle XML and Canvas QTI carry it)"});
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
