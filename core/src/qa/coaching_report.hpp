// `coachkit report RUBRIC EVALUATION… [--agent NAME] [--format html,pdf,docx] [--out DIR]
// [--theme NAME_OR_DIR]`: a coaching report per agent, rendered through pandoc in the theme
// `build` would use, each recorded and fingerprinted in the output folder's log as a pack's
// outputs are (unchanged, not rendered again): scores over time (a chart and a table),
// strongest and weakest sections and criteria, the principle with its do's and don'ts behind
// each weak criterion, and the evaluators' notes.
#pragma once

#include "qa/evaluation_set.hpp"
#include "qa/score_trend_chart.hpp"
#include "support/install_layout.hpp"

#include <coachkit/document.hpp>
#include <coachkit/format.hpp>
#include <coachkit/model.hpp>

#include <iosfwd>
#include <map>
#include <string>
#include <vector>

namespace coachkit {

// The paragraph the chart replaces when the report is rendered (see run_report).
extern const char* const kChartPlaceholder;

// The report of `agent`'s evaluations (all of `scored` that are theirs), oldest first.
Document coaching_report(const Pack& pack, const Rubric& rubric,
                         const std::vector<const ScoredEvaluation*>& evaluations,
                         const std::string& agent);

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
  std::vector<std::string> plugin_dirs;
};

// 0 when every report was written; 1 on a content problem; 2 when a tool failed.
int run_report(const ReportRequest& request, const InstallLayout& layout, std::ostream& out,
               std::ostream& err);

}  // namespace coachkit
