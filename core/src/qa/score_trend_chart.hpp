// The charts of agents' scores over time, drawn by gnuplot (gnuplot-nox): SVG for HTML and PDF,
// PNG (its pngcairo terminal) for DOCX, whose readers do not all show SVG. A well-kept plotting
// tool, one process for many charts, and output without dates or random ids, so the same scores
// give the same bytes. The x axis is a time axis: evaluations sit at their date.
#pragma once

#include "support/problem.hpp"
#include "support/process.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace coachkit {

struct ChartPoint {
  std::int64_t day = 0;  // days since 1970-01-01 (negative before)
  double score = 0;      // 0..100
};

// A reference line across the chart: where a performance band starts.
struct ChartLine {
  double score = 0;
  std::string label;  // drawn as literal text
};

struct ChartRequest {
  std::vector<ChartPoint> points;  // oldest first
  std::vector<ChartLine> lines;
};

struct Chart {
  std::string svg;
  std::string png;  // empty unless asked for
};

// One chart per request, drawn by as few gnuplot processes as the count allows; the problem
// (origin Tool) when gnuplot is missing or fails. COACHKIT_GNUPLOT names another gnuplot.
std::optional<Problem> score_charts(const std::vector<ChartRequest>& requests, bool png,
                                    ProcessRunner& runner, std::vector<Chart>* charts);

// YYYY-MM-DD (years zero-padded to 4 digits) of a day number, and the day number of a
// year, month and day (proleptic Gregorian calendar).
std::string chart_date(std::int64_t day);
std::int64_t day_number(std::int64_t year, unsigned month, unsigned day);

}  // namespace coachkit
