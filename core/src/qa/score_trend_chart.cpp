#include "qa/score_trend_chart.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace coachkit {

namespace {

struct Civil {
  std::int64_t year;
  unsigned month;
  unsigned day;
};

// Howard Hinnant's days_from_civil / civil_from_days: exact for every year a TOML date holds.
Civil civil_from_days(std::int64_t z) {
  z += 719468;
  std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  std::int64_t doe = z - era * 146097;
  std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  std::int64_t mp = (5 * doy + 2) / 153;
  unsigned d = static_cast<unsigned>(doy - (153 * mp + 2) / 5 + 1);
  unsigned m = static_cast<unsigned>(mp < 10 ? mp + 3 : mp - 9);
  return {yoe + era * 400 + (m <= 2), m, d};
}

// A string gnuplot reads literally: single quotes (where only '' is special), no control
// characters (a newline would end the command).
std::string gnuplot_string(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '\'') {
      out += "''";
    } else if (u < 0x20 || u == 0x7f) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4f", value);
  return buffer;
}

struct Tick {
  std::int64_t day;
  std::string label;
};

// At most 10 ticks on calendar boundaries (days, Mondays, months, years), labelled as dates.
std::vector<Tick> time_ticks(std::int64_t lo, std::int64_t hi) {
  const std::size_t most = 10;
  std::vector<Tick> ticks;
  for (int step : {1, 2, 7}) {
    ticks.clear();
    for (std::int64_t d = lo; d <= hi && ticks.size() <= most; ++d) {
      bool on = step == 7 ? ((d - 4) % 7 + 7) % 7 == 0 : (d % step + step) % step == 0;
      if (on) ticks.push_back({d, chart_date(d)});
    }
    if (ticks.size() <= most && !ticks.empty()) return ticks;
  }
  Civil first = civil_from_days(lo);
  for (int step : {1, 2, 3, 6}) {
    ticks.clear();
    for (std::int64_t index = first.year * 12 + (first.month - 1); ticks.size() <= most; ++index) {
      if (index % step) continue;
      std::int64_t d = day_number(index / 12, static_cast<unsigned>(index % 12 + 1), 1);
      if (d > hi) break;
      if (d < lo) continue;
      std::string label = chart_date(d).substr(0, 7);
      ticks.push_back({d, label});
    }
    if (ticks.size() <= most && !ticks.empty()) return ticks;
  }
  for (int step : {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000}) {
    ticks.clear();
    for (std::int64_t y = first.year; ticks.size() <= most; ++y) {
      if (y % step) continue;
      std::int64_t d = day_number(y, 1, 1);
      if (d > hi) break;
      if (d < lo) continue;
      ticks.push_back({d, chart_date(d).substr(0, 4)});
    }
    if (ticks.size() <= most) return ticks;
  }
  return {};
}

// The commands that draw one chart (after `reset`); the terminal and output are set before.
std::string chart_script(const ChartRequest& request, std::size_t n) {
  const std::vector<ChartPoint>& points = request.points;
  std::int64_t first = points.front().day, last = points.back().day;
  std::int64_t pad = std::max<std::int64_t>(1, (last - first + 19) / 20);
  std::int64_t lo = first - pad, hi = last + pad;
  std::string s =
      "set yrange [-6:106]\nset ytics 0,20,100\nset grid ytics lc rgb '#dddddd'\n"
      "set ylabel 'Score'\nunset key\nset border 3\nset tics nomirror\n"
      "set xrange [" +
      std::to_string(lo) + ":" + std::to_string(hi) + "]\nset xtics rotate by -30 font ',9' (";
  std::vector<Tick> ticks = time_ticks(lo, hi);
  for (std::size_t i = 0; i < ticks.size(); ++i) {
    s += (i ? ", " : "") + gnuplot_string(ticks[i].label) + " " + std::to_string(ticks[i].day);
  }
  s += ")\n";
  // The bands' lower bounds as dashed reference lines, each named at the left.
  int tag = 1;
  for (const ChartLine& line : request.lines) {
    if (line.score <= 0 || line.score >= 100) continue;
    s += "set arrow " + std::to_string(tag) + " from graph 0, first " + number(line.score) +
         " to graph 1, first " + number(line.score) + " nohead dt 2 lw 1 lc rgb '#718096' back\n";
    s += "set label " + std::to_string(tag) + " " + gnuplot_string(line.label) +
         " at graph 0.005, first " + number(line.score) +
         " offset 0,0.55 left font ',8' tc rgb '#4a5568' noenhanced back\n";
    ++tag;
  }
  // Every evaluation is a marker at its date; the line joins each day's mean, so several on one
  // day are one step of the line.
  std::string name = std::to_string(n);
  s += "$points" + name + " << EOD\n";
  char row[64];
  for (const ChartPoint& p : points) {
    std::snprintf(row, sizeof row, "%lld %.2f\n", static_cast<long long>(p.day), p.score);
    s += row;
  }
  s += "EOD\n$days" + name + " << EOD\n";
  std::size_t days = 0;
  for (std::size_t i = 0; i < points.size();) {
    std::size_t j = i;
    double sum = 0;
    for (; j < points.size() && points[j].day == points[i].day; ++j) sum += points[j].score;
    std::snprintf(row, sizeof row, "%lld %.2f\n", static_cast<long long>(points[i].day),
                  sum / static_cast<double>(j - i));
    s += row;
    ++days;
    i = j;
  }
  s += "EOD\n";
  // Filled circles (gnuplot's point type 7): one short <use> each in SVG, where a circle of
  // `with circles` is a 100-sided polygon, 1.7 KB a marker.
  s += "plot $days" + name + " using 1:2 with lines lw 2 lc rgb '#2c5282', $points" + name +
       " using 1:2 with points pt 7 ps 0.6 lc rgb '#2c5282'";
  // Each day's score written above it while they can be read.
  if (days <= 15) {
    s += ", $days" + name + " using 1:2:(sprintf('%.1f', $2)) with labels offset 0,1 font ',9'";
  }
  return s + "\n";
}

// gnuplot's SVG point symbols are painted in fill='currentColor', which WeasyPrint's SVG
// renderer cannot paint: every marker here has the one colour, so the symbols get it.
std::string painted_markers(std::string svg) {
  for (std::size_t at = svg.find("id='gpPt"); at != std::string::npos;
       at = svg.find("id='gpPt", at + 1)) {
    std::size_t end = svg.find('>', at);
    for (std::size_t c = svg.find("currentColor", at); c < end; c = svg.find("currentColor", c)) {
      svg.replace(c, 12, "#2c5282");
      end -= 5;
    }
  }
  return svg;
}

std::string read_whole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::int64_t day_number(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  std::int64_t yoe = y - era * 400;
  std::int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::string chart_date(std::int64_t day) {
  Civil c = civil_from_days(day);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02u", static_cast<long long>(c.year), c.month,
                c.day);
  return buffer;
}

std::optional<Problem> score_charts(const std::vector<ChartRequest>& requests, bool png,
                                    ProcessRunner& runner, std::vector<Chart>* charts) {
  charts->assign(requests.size(), Chart{});
  // gnuplot writes several pictures only to files: a private folder, removed afterwards.
  std::string pattern = (fs::temp_directory_path() / "coachkit-charts-XXXXXX").string();
  if (!mkdtemp(pattern.data())) {
    return tool_error("no temporary folder for the charts in " +
                      fs::temp_directory_path().string());
  }
  fs::path folder = pattern;
  struct Remove {
    fs::path path;
    ~Remove() {
      std::error_code ec;
      fs::remove_all(path, ec);
    }
  } remove{folder};
  const char* program = std::getenv("COACHKIT_GNUPLOT");
  const std::string svg_terminal =
      "set terminal svg size 720,300 dynamic font 'DejaVu Sans,11' background rgb 'white'\n";
  // Twice the SVG's size, fonts and lines scaled alike: sharp when Word prints it at 16 cm.
  const std::string png_terminal =
      "set terminal pngcairo size 1440,600 font 'DejaVu Sans,11' fontscale 2 linewidth 2 "
      "background rgb 'white'\n";
  const std::size_t batch = 200;  // charts per process, so one timeout covers a bounded job
  for (std::size_t start = 0; start < requests.size(); start += batch) {
    std::size_t end = std::min(requests.size(), start + batch);
    std::string script;
    for (std::size_t i = start; i < end; ++i) {
      if (requests[i].points.empty()) continue;
      std::string file = (folder / std::to_string(i)).string();
      script += "reset\n" + svg_terminal + "set output " + gnuplot_string(file + ".svg") + "\n" +
                chart_script(requests[i], i);
      if (png)
        script += png_terminal + "set output " + gnuplot_string(file + ".png") + "\nreplot\n";
      script += "set output\n";
    }
    if (script.empty()) continue;
    Command command{{program && *program ? program : "gnuplot"},
                    script,
                    60 + 0.5 * static_cast<double>(end - start)};
    CommandResult result = runner.run(command);
    if (!result.ok()) {
      return tool_error("gnuplot could not draw the chart (" + result.describe(command) +
                        (result.errors.empty() ? "" : ": " + result.errors.substr(0, 400)) +
                        "); install gnuplot-nox");
    }
    for (std::size_t i = start; i < end; ++i) {
      if (requests[i].points.empty()) continue;
      fs::path file = folder / std::to_string(i);
      (*charts)[i].svg = painted_markers(read_whole(file.string() + ".svg"));
      if (png) (*charts)[i].png = read_whole(file.string() + ".png");
      if ((*charts)[i].svg.empty() || (png && (*charts)[i].png.empty())) {
        return tool_error("gnuplot reported success but drew no chart");
      }
    }
  }
  return std::nullopt;
}

}  // namespace coachkit
