// Checks on a pack's questions that go beyond what the loader refuses: things a valid pack may
// still get wrong, which `coachkit lint` reports as warnings.
#pragma once

#include "support/diagnostics.hpp"

#include <coachkit/model.hpp>

#include <vector>

namespace coachkit {

// More than this share of single-choice questions (of at least four, each with three or more
// choices) with the right answer at the same position is flagged: learners learn the position.
constexpr double kAnswerPositionShare = 0.5;

// Warnings about the questions as written (the order a quiz without shuffled choices shows).
std::vector<Diagnostic> question_warnings(const Pack& pack);

}  // namespace coachkit
