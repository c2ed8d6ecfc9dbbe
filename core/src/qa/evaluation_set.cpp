#include "qa/evaluation_set.hpp"

#include "qa/evaluation_reader.hpp"

namespace coachkit {

std::vector<ScoredEvaluation> load_evaluations(const Rubric& rubric,
                                               const std::vector<std::string>& paths,
                                               std::optional<int> as_version,
                                               Diagnostics& diagnostics) {
  std::vector<ScoredEvaluation> scored;
  if (as_version && !find_rubric_version(rubric, *as_version)) {
    rubric_for(rubric, Evaluation{}, as_version, diagnostics);
    return scored;
  }
  for (const std::string& file : evaluation_files(paths, diagnostics)) {
    std::optional<Evaluation> e = read_evaluation_file(file, diagnostics);
    if (!e) continue;
    // An evaluation made under another rubric is a mistake in the list, not a what-if.
    if (e->rubric != rubric.id) {
      check_evaluation(*e, rubric, diagnostics);
      continue;
    }
    const Rubric* version = rubric_for(rubric, *e, as_version, diagnostics);
    if (!version) continue;
    // Checked against the version it was made under; scored under the one asked for. An
    // answer the other version does not know is then left out, and a criterion it lacks an
    // answer to is unanswered (a what-if, not an error).
    const Rubric* made_under = rubric_for(rubric, *e, std::nullopt, diagnostics);
    if (!made_under || !check_evaluation(*e, *made_under, diagnostics)) continue;
    ScoredEvaluation s;
    s.version = version;
    s.score = score_evaluation(*version, *e);
    s.evaluation = std::move(*e);
    scored.push_back(std::move(s));
  }
  return scored;
}

}  // namespace coachkit
