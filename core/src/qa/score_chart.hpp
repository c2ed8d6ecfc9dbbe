// The chart of an agent's scores over time, drawn by gnuplot's SVG terminal (gnuplot-nox): a
// well-kept plotting tool, one small process, and SVG without dates or random ids, so the same
// scores give the same bytes.
#pragma once

#include "process.hpp"

#include <string>
#include <vector>

namespace coachkit {

struct ChartPoint {
  std::string date;  // YYYY-MM-DD
  double score = 0;  // 0..100
};

// The SVG, or false with `error` (gnuplot missing or failing). COACHKIT_GNUPLOT names another
// gnuplot.
bool score_chart_svg(const std::vector<ChartPoint>& points, ProcessRunner& runner, std::string* svg,
                     std::string* error);

}  // namespace coachkit
