// Checks on a pack's questions that go beyond what the loader refuses: things a valid pack may
// still get wrong, which `coachkit lint` reports as warnings.
#pragma once

#include "support/diagnostics.hpp"

#include <coachkit/model.hpp>

#include <vector>

namespace coachkit {

// The right answers of single-choice questions at one position are flagged as
// coachkit/answer_positions.hpp counts them (as the quiz generator does for each version).
// Warnings about the questions as written (the order a quiz without shuffled choices shows).
std::vector<Diagnostic> question_warnings(const Pack& pack);

}  // namespace coachkit
