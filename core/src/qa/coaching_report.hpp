// `coachkit report RUBRIC EVALUATION… [--agent NAME] [--format html,pdf,docx] [--out DIR]`: a
// coaching report per agent, rendered through pandoc: scores over time (a chart and a table),
// strongest and weakest sections and criteria, the principle with its do's and don'ts behind
// each weak criterion, and the evaluators' notes.
#pragma once

#include "install_layout.hpp"
#include "qa/evaluation_set.hpp"

#include <coachkit/document.hpp>
#include <coachkit/format.hpp>
#include <coachkit/model.hpp>

#include <iosfwd>
#include <string>
#include <vector>

namespace coachkit {

// The paragraph the chart replaces when the report is rendered (see run_report).
extern const char* const kChartPlaceholder;

// The report of `agent`'s evaluations (all of `scored` that are theirs), oldest first.
Document coaching_report(const Pack& pack, const Rubric& rubric,
                         const std::vector<const ScoredEvaluation*>& evaluations,
                         const std::string& agent);

struct ReportRequest {
  std::string rubric;
  std::vector<std::string> evaluations;
  std::string agent;  // "" for a report per agent
  std::vector<Format> formats = {Format::Html};
  std::string out = "reports";
  std::vector<std::string> plugin_dirs;
};

// 0 when every report was written; 1 on a content problem; 2 when a tool failed.
int run_report(const ReportRequest& request, const InstallLayout& layout, std::ostream& out,
               std::ostream& err);

}  // namespace coachkit
