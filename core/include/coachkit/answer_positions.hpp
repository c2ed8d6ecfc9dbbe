// Where the right answers of single-choice questions sit: when more than half of them (of at
// least four, each with three or more choices) are at one position, learners learn the position
// instead of the content. `coachkit lint` checks the questions as written, the quiz generator
// each version it shuffles; both count with this, so they agree on what "lopsided" means.
#pragma once

#include <coachkit/version.hpp>

#include <cstddef>
#include <map>

COACHKIT_NAMESPACE_BEGIN

class AnswerPositions {
 public:
  // More than this share of the counted questions at one position is lopsided.
  static constexpr double kShare = 0.5;
  // Fewer counted questions than this are never lopsided; questions with fewer choices than
  // kChoices are not counted (with two, one position of two is a coin's chance).
  static constexpr std::size_t kQuestions = 4;
  static constexpr std::size_t kChoices = 3;

  // A single-choice question with `choices` choices whose right answer is at `position`
  // (0-based); true when it is counted.
  bool add(std::size_t position, std::size_t choices) {
    if (choices < kChoices) return false;
    ++counted_;
    std::size_t& n = at_[position];
    ++n;
    if (n > count_ || (n == count_ && position < position_)) {
      count_ = n;
      position_ = position;
    }
    return true;
  }

  std::size_t counted() const { return counted_; }
  std::size_t position() const { return position_; }  // the most common position (0-based)
  std::size_t count() const { return count_; }        // how many right answers sit there
  bool lopsided() const {
    return counted_ >= kQuestions &&
           static_cast<double>(count_) > kShare * static_cast<double>(counted_);
  }

 private:
  std::map<std::size_t, std::size_t> at_;
  std::size_t counted_ = 0, position_ = 0, count_ = 0;
};

COACHKIT_NAMESPACE_END
