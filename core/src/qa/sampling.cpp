#include "qa/sampling.hpp"

#include "pack/toml_reader.hpp"

#include <coachkit/escape.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <ostream>

namespace coachkit {

namespace {

struct SplitMix64 {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n), without the bias of a plain modulo.
  std::uint64_t below(std::uint64_t n) {
    std::uint64_t limit = (0 - n) % n;  // 2^64 mod n: draws below it are rejected
    for (;;) {
      std::uint64_t r = next();
      if (r >= limit) return r % n;
    }
  }
};

std::uint64_t fnv1a(const std::string& text, std::uint64_t h = 0xcbf29ce484222325ULL) {
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void civil_from_days(long z, int& y, int& m, int& d) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yoe + era * 400 + (m <= 2));
}

bool parse_date(const std::string& text, int& y, int& m, int& d) {
  char tail = 0;
  std::string t =
      text.size() > 10 && (text[10] == 'T' || text[10] == ' ') ? text.substr(0, 10) : text;
  return t.size() == 10 && t[4] == '-' && t[7] == '-' &&
         std::sscanf(t.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && m >= 1 && m <= 12 &&
         d >= 1 && d <= 31;
}

std::string lower_trimmed(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' || c == '\t') continue;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

}  // namespace

std::string period_of(const std::string& date, SamplePeriod period) {
  int y = 0, m = 0, d = 0;
  if (period == SamplePeriod::All || !parse_date(date, y, m, d)) return "all";
  char buffer[64];
  if (period == SamplePeriod::Month) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d", y, m);
    return buffer;
  }
  // ISO 8601: the week (Monday to Sunday) belongs to the year of its Thursday.
  long days = days_from_civil(y, m, d);
  long weekday = ((days % 7) + 7 + 3) % 7;  // 1970-01-01 was a Thursday; Monday = 0
  long thursday = days - weekday + 3;
  int ty = 0, tm = 0, td = 0;
  civil_from_days(thursday, ty, tm, td);
  long week = (thursday - days_from_civil(ty, 1, 1)) / 7 + 1;
  std::snprintf(buffer, sizeof buffer, "%04d-W%02d", ty, static_cast<int>(week));
  return buffer;
}

std::vector<Interaction> read_interactions(const CsvTable& csv, const std::string& display,
                                           Diagnostics& diagnostics) {
  std::vector<Interaction> out;
  if (csv.rows.empty()) {
    diagnostics.add(display, 0, 0, "the file has no header row");
    return out;
  }
  std::optional<std::size_t> id, agent, date;
  for (std::size_t i = 0; i < csv.rows[0].size(); ++i) {
    std::string name = lower_trimmed(csv.rows[0][i]);
    if (name == "interaction" && !id) id = i;
    if (name == "agent" && !agent) agent = i;
    if (name == "date" && !date) date = i;
  }
  for (auto [found, name] :
       {std::pair{id, "interaction"}, std::pair{agent, "agent"}, std::pair{date, "date"}}) {
    if (!found)
      diagnostics.add(display, 1, 0, std::string("no column '") + name + "' in the header");
  }
  if (!id || !agent || !date) return out;
  for (std::size_t row = 1; row < csv.rows.size(); ++row) {
    const std::vector<std::string>& cells = csv.rows[row];
    auto cell = [&](std::size_t c) { return c < cells.size() ? cells[c] : std::string(); };
    Interaction i{cell(*id), cell(*agent), cell(*date), static_cast<int>(row + 1)};
    int y = 0, m = 0, d = 0;
    bool good = true;
    if (i.id.empty()) {
      diagnostics.add(display, i.row, static_cast<int>(*id + 1), "the interaction is empty");
      good = false;
    }
    if (i.agent.empty()) {
      diagnostics.add(display, i.row, static_cast<int>(*agent + 1), "the agent is empty");
      good = false;
    }
    if (!parse_date(i.date, y, m, d)) {
      diagnostics.add(display, i.row, static_cast<int>(*date + 1),
                      "the date \"" + excerpt(i.date) + "\" is not YYYY-MM-DD");
      good = false;
    } else {
      i.date = i.date.substr(0, 10);
    }
    if (good) out.push_back(std::move(i));
  }
  return out;
}

std::vector<SampledInteraction> sample_interactions(const std::vector<Interaction>& interactions,
                                                    int per_agent, SamplePeriod period,
                                                    std::uint64_t seed) {
  std::map<std::pair<std::string, std::string>, std::vector<const Interaction*>> groups;
  for (const Interaction& i : interactions) {
    groups[{i.agent, period_of(i.date, period)}].push_back(&i);
  }
  std::vector<SampledInteraction> plan;
  for (auto& [key, group] : groups) {
    std::sort(group.begin(), group.end(), [](const Interaction* a, const Interaction* b) {
      return a->date != b->date ? a->date < b->date : a->id < b->id;
    });
    std::size_t n = group.size();
    std::size_t k = std::min<std::size_t>(n, static_cast<std::size_t>(std::max(per_agent, 0)));
    SplitMix64 random{seed ^ fnv1a(key.second, fnv1a(key.first))};
    for (std::size_t s = 0; s < k; ++s) {
      // Run s covers [s·n/k, (s+1)·n/k): each run is n/k interactions, give or take one.
      std::size_t first = s * n / k;
      std::size_t last = (s + 1) * n / k;
      const Interaction* pick = group[first + random.below(last - first)];
      plan.push_back({*pick, key.second});
    }
  }
  return plan;
}


}  // namespace coachkit
