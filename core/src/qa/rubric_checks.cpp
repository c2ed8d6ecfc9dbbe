#include "qa/rubric_checks.hpp"

#include <cmath>
#include <set>
#include <sstream>

namespace coachkit {

namespace {

std::string number(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

void add(Diagnostics& diagnostics, const SourcePosition& at, const std::string& message) {
  diagnostics.add(at.file, at.line, at.column, message);
}

void check_levels(const Scale& scale, const SourcePosition& used_at, Diagnostics& diagnostics) {
  if (scale.kind != Scale::Kind::Levels) return;
  std::set<int> described;
  for (const ScaleLevel& level : scale.levels) {
    if (level.descriptor.find_first_not_of(" \t\r\n") != std::string::npos) {
      described.insert(level.value);
    }
  }
  std::string missing;
  for (int v = scale.min; v <= scale.max; ++v) {
    if (!described.count(v)) missing += (missing.empty() ? "" : ", ") + std::to_string(v);
  }
  if (!missing.empty()) {
    add(diagnostics, scale.where.line ? scale.where : used_at,
        "scale '" + scale.id + "' has no descriptor for level" +
            (missing.find(',') == std::string::npos ? " " : "s ") + missing +
            ": describe each level so evaluators mean the same thing by it");
  }
}

void check_version(const Rubric& rubric, Diagnostics& diagnostics) {
  std::string name = "rubric '" + rubric.id + "' version " + std::to_string(rubric.version);
  if (rubric.method != Rubric::Method::TotalPoints) {
    double sum = 0;
    for (const RubricSection& s : rubric.sections) sum += s.weight;
    if (std::fabs(sum - 100) > 1e-9) {
      add(diagnostics, rubric.where,
          name + ": the section weights add up to " + number(sum) + ", not 100");
    }
  }
  // Each scale once: the named ones where they are defined, the [rubric] scale where it is.
  std::set<std::string> checked;
  for (const Scale& s : rubric.scales) {
    checked.insert(s.id);
    check_levels(s, rubric.where, diagnostics);
  }
  for (const RubricSection& section : rubric.sections) {
    for (const Criterion& c : section.criteria) {
      if (checked.insert(c.scale.id).second) check_levels(c.scale, rubric.where, diagnostics);
      if (c.critical && c.not_applicable != Criterion::NotApplicable::NotAllowed) {
        add(diagnostics, c.where,
            name + ": critical criterion '" + c.id +
                "' allows \"na\"; a critical item must always be answered (remove 'na' or "
                "'critical')");
      }
    }
  }
  double expected = 0;
  for (std::size_t i = 0; i < rubric.bands.size(); ++i) {
    const PerformanceBand& band = rubric.bands[i];
    if (band.from > expected) {
      add(diagnostics, band.where,
          name + ": the bands leave a gap from " + number(expected) + " to " + number(band.from));
    } else if (band.from < expected) {
      add(diagnostics, band.where,
          name + ": band '" + band.label + "' overlaps the one before it (from " +
              number(band.from) + ", which is below " + number(expected) + ")");
    }
    expected = std::max(expected, band.to);
  }
  if (!rubric.bands.empty() && expected < 100) {
    add(diagnostics, rubric.bands.back().where,
        name + ": the bands leave a gap from " + number(expected) + " to 100");
  }
}

}  // namespace

void check_rubric(const Rubric& rubric, Diagnostics& diagnostics) {
  for (const Rubric& earlier : rubric.earlier_versions) check_version(earlier, diagnostics);
  check_version(rubric, diagnostics);
}

}  // namespace coachkit
