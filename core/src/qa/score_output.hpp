// The printed forms of `coachkit score`: each evaluation's score, section scores, band, the
// rules that applied, the gated score beside the raw one and the compliance score; as text,
// JSON or CSV.
#pragma once

#include "qa/evaluation_set.hpp"

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace coachkit {

// The three printed forms of a list of scored evaluations; `pack` names untitled sections by
// their principle's title.
void write_score_text(const Pack& pack, const Rubric& rubric,
                      const std::vector<ScoredEvaluation>& scored, std::ostream& out);
void write_score_json(const Pack& pack, const Rubric& rubric,
                      const std::vector<ScoredEvaluation>& scored, std::ostream& out);
void write_score_csv(const Pack& pack, const Rubric& rubric,
                     const std::vector<ScoredEvaluation>& scored, std::ostream& out);

}  // namespace coachkit
