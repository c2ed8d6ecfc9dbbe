// `coachkit score RUBRIC EVALUATION…`: each evaluation's score, section scores, band, the rules
// that applied, the gated score beside the raw one and the compliance score; as text, JSON or
// CSV.
#pragma once

#include "support/install_layout.hpp"
#include "qa/evaluation_set.hpp"

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace coachkit {

struct ScoreRequest {
  enum class Format { Text, Json, Csv };
  std::string rubric;                    // see rubric_source.hpp
  std::vector<std::string> evaluations;  // files or folders
  std::optional<int> as_version;
  Format format = Format::Text;
  std::vector<std::string> plugin_dirs;
};

// 0 when every evaluation was scored; 1 when any had a problem (the others are still printed).
int run_score(const ScoreRequest& request, const InstallLayout& layout, std::ostream& out,
              std::ostream& err);

// The three printed forms of a list of scored evaluations; `pack` names untitled sections by
// their principle's title.
void write_score_text(const Pack& pack, const Rubric& rubric,
                      const std::vector<ScoredEvaluation>& scored, std::ostream& out);
void write_score_json(const Pack& pack, const Rubric& rubric,
                      const std::vector<ScoredEvaluation>& scored, std::ostream& out);
void write_score_csv(const Pack& pack, const Rubric& rubric,
                     const std::vector<ScoredEvaluation>& scored, std::ostream& out);

}  // namespace coachkit
