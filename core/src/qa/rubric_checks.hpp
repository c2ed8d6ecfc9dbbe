// What `coachkit lint` says about a rubric that loads but would score badly: section weights
// that do not add up to 100, levels without a descriptor, a critical criterion that allows N/A,
// and bands that overlap or leave gaps. Each version of the rubric is checked.
#pragma once

#include "support/diagnostics.hpp"

#include <coachkit/model.hpp>

namespace coachkit {

void check_rubric(const Rubric& rubric, Diagnostics& diagnostics);

}  // namespace coachkit
