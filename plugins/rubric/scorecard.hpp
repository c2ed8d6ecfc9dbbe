// The printable analytic scorecard of one rubric version: header fields to fill in, a table per
// section with the criteria as rows and the scale's levels as columns (each with its
// descriptor), weights, a legend for N/A and critical items, the bands, and the scoring method
// in plain words.
#pragma once

#include <coachkit/document.hpp>
#include <coachkit/model.hpp>

namespace rubric_plugin {

coachkit::Document scorecard(const coachkit::Pack& pack, const coachkit::Rubric& rubric);

// "Avoids: …" for a don't drawn from the principle as it is written there; the text otherwise.
std::string criterion_text(const coachkit::Pack& pack, const coachkit::RubricSection& section,
                           const coachkit::Criterion& criterion);

}  // namespace rubric_plugin
