// One QA evaluation: an evaluator's answers, criterion by criterion, for one interaction of one
// agent, under one version of a rubric. Plain data; evaluation_reader.hpp reads and checks it,
// evaluation_score.hpp scores it.
#pragma once

#include <coachkit/model.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace coachkit {

struct Answer {
  enum class Kind { Yes, No, NotApplicable, Number };
  std::string criterion;
  Kind kind = Kind::Yes;
  double value = 0;      // Yes 1, No 0, NotApplicable 0; Number: the points or the level given
  SourcePosition where;  // the criterion id (the key)
  SourcePosition value_where;  // the answer (the value)
};

struct Evaluation {
  std::string file;  // as the user named it
  std::string rubric;
  std::string interaction;
  std::string evaluator;
  std::string agent;
  std::string date;  // YYYY-MM-DD, a day from 1900 to 2200 (check_evaluation_date): sorts as text
  std::optional<int> version;   // the rubric version it was made under; none: the current one
  std::string comment;          // [evaluation] comment, optional
  std::vector<Answer> answers;  // in the file's order
  std::vector<std::pair<std::string, std::string>> notes;  // criterion id, note; file order
  std::vector<SourcePosition> note_positions;              // where each note's key is, same order
  SourcePosition where;                                    // the [evaluation] table
  SourcePosition answers_where;                            // the [answers] table

  const Answer* find_answer(const std::string& criterion) const {
    for (const Answer& a : answers) {
      if (a.criterion == criterion) return &a;
    }
    return nullptr;
  }
};

}  // namespace coachkit
