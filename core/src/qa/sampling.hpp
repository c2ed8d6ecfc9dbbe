// Which interactions to evaluate (`coachkit sample`). For each agent (and each week or month), the interactions are put in
// time order, cut into N equal runs, and one is drawn from each run, so the picks spread over
// the period rather than bunching. The draw uses its own PRNG (splitmix64), seeded from the seed,
// the agent and the period, so the same file and seed always give the same plan, on every
// machine, and adding an agent does not change anyone else's picks.
#pragma once

#include "support/diagnostics.hpp"
#include "qa/csv_reader.hpp"

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace coachkit {

struct Interaction {
  std::string id;
  std::string agent;
  std::string date;  // YYYY-MM-DD
  int row = 0;       // in the CSV, for messages
};

struct SampledInteraction {
  Interaction interaction;
  std::string period;  // "2026-W47", "2026-11" or "all"
};

enum class SamplePeriod { All, Week, Month };

// The interactions of `csv` (columns interaction, agent, date; the header's case does not
// matter, other columns are ignored); problems at FILE:ROW:COLUMN.
std::vector<Interaction> read_interactions(const CsvTable& csv, const std::string& display,
                                           Diagnostics& diagnostics);

// "2026-W47" (ISO 8601 week) or "2026-11" for a YYYY-MM-DD date.
std::string period_of(const std::string& date, SamplePeriod period);

// The plan: by agent, then period, then date, then id.
std::vector<SampledInteraction> sample_interactions(const std::vector<Interaction>& interactions,
                                                    int per_agent, SamplePeriod period,
                                                    std::uint64_t seed);

}  // namespace coachkit
