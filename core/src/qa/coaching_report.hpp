// `coachkit report RUBRIC EVALUATION… [--agent NAME] [--format html,pdf,docx] [--out DIR]
// [--theme NAME_OR_DIR]`: a coaching report per agent, in the theme `build` would use, each an
// artifact of the same build a pack's outputs go through (planned, fingerprinted, rendered on
// its threads, recorded in the output folder's log; unchanged, not rendered again), dated by
// its latest evaluation: scores over time (a chart and a table),
// strongest and weakest sections and criteria, the principle with its do's and don'ts behind
// each weak criterion, and the evaluators' notes.
#pragma once

#include "qa/evaluation_set.hpp"
#include "qa/score_trend_chart.hpp"
#include "support/problem.hpp"
#include "workspace/workspace.hpp"

#include <coachkit/document.hpp>
#include <coachkit/format.hpp>
#include <coachkit/model.hpp>

#include <map>
#include <string>
#include <vector>

namespace coachkit {

// The report of `agent`'s evaluations (all of `scored` that are theirs), oldest first, with
// `chart` (the scores over time, a drawing or the sentence that says why there is none).
Document coaching_report(const Pack& pack, const Rubric& rubric,
                         const std::vector<const ScoredEvaluation*>& evaluations,
                         const std::string& agent, Block chart);

// The file name (without "coaching-" and the extension) of each agent's report: the name in
// lower case with every script's letters kept and anything a file system may refuse made '-';
// where two agents would get the same name (also on a case-insensitive file system), each gets
// '_' and the first 8 hex digits of a hash of their exact name. The same agents, the same names.
std::map<std::string, std::string> report_file_stems(const std::vector<std::string>& agents);

// The chart's alt text: "Scores of Sam from 2026-01-05 to 2026-03-02, between 62.0 and 95.0".
std::string chart_alt_text(const std::string& agent, const std::vector<ChartPoint>& points);

struct ReportRequest {
  std::string rubric;
  std::vector<std::string> evaluations;
  std::string agent;  // "" for a report per agent
  std::vector<Format> formats = {Format::Html};
  std::string out = "reports";
  std::string theme = "default";  // a theme name or folder, found as `build` finds it
};

// One report file made (or found up to date) for an agent.
struct ReportFile {
  std::string path;  // under ReportRequest::out
  std::string agent;
  bool unchanged = false;
};

// What `coachkit report` did: the files, in the agents' order, and the problems; a problem
// that stops it (a content, usage or tool problem) leaves the files made before it listed.
struct CoachingReports : Outcome {
  std::vector<ReportFile> files;
  std::size_t agents = 0;  // how many agents' reports were asked for
};

// Every report the request asks for, with the workspace's plugins (a rubric may be a plugin
// pack's) and themes.
CoachingReports make_coaching_reports(const ReportRequest& request, Workspace& workspace);

}  // namespace coachkit
