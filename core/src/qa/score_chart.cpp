#include "qa/score_chart.hpp"

#include <cstdio>
#include <cstdlib>

namespace coachkit {

bool score_chart_svg(const std::vector<ChartPoint>& points, ProcessRunner& runner, std::string* svg,
                     std::string* error) {
  // Only dates and numbers reach the script: nothing an evaluation file says becomes gnuplot
  // syntax. The points are numbered in time order; the dates label the x axis.
  std::string script =
      "set terminal svg size 720,300 dynamic font 'DejaVu Sans,11' background rgb 'white'\n"
      "set output\n"
      "set yrange [0:100]\nset ytics 0,20,100\nset grid ytics lc rgb '#dddddd'\n"
      "set ylabel 'Score'\nunset key\nset border 3\nset tics nomirror\n"
      "set xtics rotate by -30 font ',9'\nset offsets 0.3,0.3,0,0\n"
      "$scores << EOD\n";
  int n = 0;
  for (const ChartPoint& p : points) {
    char line[64];
    std::snprintf(line, sizeof line, "%d %.1f %.10s\n", n++, p.score, p.date.c_str());
    script += line;
  }
  script += "EOD\n";
  if (points.size() == 1) script += "set xrange [-1:1]\n";
  // Markers as filled circles: gnuplot's point symbols use fill='currentColor', which
  // WeasyPrint's SVG renderer cannot paint. The radius is in x units, so it follows the count.
  char radius[32];
  std::snprintf(radius, sizeof radius, "%.3f",
                0.008 * static_cast<double>(points.size() < 3 ? 3 : points.size()));
  script += std::string("set style fill solid 1.0 noborder\n") +
            "plot $scores using 1:2:xtic(3) with lines lw 2 lc rgb '#2c5282', "
            "'' using 1:2:(" +
            radius +
            ") with circles lc rgb '#2c5282', "
            "'' using 1:2:(sprintf('%.1f', $2)) with labels offset 0,1 font ',9'\n";
  const char* program = std::getenv("COACHKIT_GNUPLOT");
  Command command{{program && *program ? program : "gnuplot"}, script, 60};
  CommandResult result = runner.run(command);
  if (!result.ok()) {
    *error = "gnuplot could not draw the chart (" + result.describe(command) +
             (result.errors.empty() ? "" : ": " + result.errors.substr(0, 400)) +
             "); install gnuplot-nox";
    return false;
  }
  *svg = result.output;
  return true;
}

}  // namespace coachkit
