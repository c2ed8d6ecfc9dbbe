// The printable analytic scorecard of one rubric version, to score a call with a pen on two
// landscape pages: header fields to fill in, a key of the main scale's levels (each descriptor in
// its column), then a table per section with the same columns (criterion, weight, one box per
// answer, N/A, notes), the section's title heading it; a legend for N/A and critical items, the
// scoring method in plain words and the bands side by side.
#pragma once

#include <coachkit/document.hpp>
#include <coachkit/model.hpp>

namespace rubric_plugin {

coachkit::Document scorecard(const coachkit::Pack& pack, const coachkit::Rubric& rubric);

// "Avoids: …" for a don't drawn from the principle as it is written there; the text otherwise.
std::string criterion_text(const coachkit::Pack& pack, const coachkit::RubricSection& section,
                           const coachkit::Criterion& criterion);

}  // namespace rubric_plugin
