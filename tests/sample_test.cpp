// The sampling plan: ISO weeks and months, picks spread over each agent's period, the same plan
// for the same seed, and bad rows at FILE:ROW:COLUMN.
#include "qa/sampling.hpp"

#include <gtest/gtest.h>

#include <set>
#include <sstream>

namespace {

using coachkit::Interaction;
using coachkit::SamplePeriod;

TEST(Sample, IsoWeeksAndMonths) {
  // Calendar facts: 2026-01-01 is a Thursday (week 1 of 2026); 2027-01-01 a Friday, still in
  // 2026's week 53; 2024-12-30 a Monday, already in 2025's week 1.
  EXPECT_EQ(coachkit::period_of("2026-01-01", SamplePeriod::Week), "2026-W01");
  EXPECT_EQ(coachkit::period_of("2027-01-01", SamplePeriod::Week), "2026-W53");
  EXPECT_EQ(coachkit::period_of("2024-12-30", SamplePeriod::Week), "2025-W01");
  EXPECT_EQ(coachkit::period_of("2026-11-20", SamplePeriod::Week), "2026-W47");
  EXPECT_EQ(coachkit::period_of("2026-11-20", SamplePeriod::Month), "2026-11");
}

std::vector<Interaction> week_of_calls(const std::string& agent, int count) {
  std::vector<Interaction> out;
  for (int i = 0; i < count; ++i) {
    // Monday 2026-11-16 to Sunday 2026-11-22, a few calls a day.
    out.push_back({agent + "-" + std::to_string(i), agent,
                   "2026-11-" + std::to_string(16 + i * 7 / count), i + 2});
  }
  return out;
}

TEST(Sample, PicksSpreadEvenlyOverThePeriod) {
  // 10 calls in time order, 2 to pick: one from the first 5, one from the last 5.
  std::vector<Interaction> calls = week_of_calls("sam", 10);
  for (std::uint64_t seed = 0; seed < 50; ++seed) {
    auto plan = coachkit::sample_interactions(calls, 2, SamplePeriod::Week, seed);
    ASSERT_EQ(plan.size(), 2u);
    int first = std::stoi(plan[0].interaction.id.substr(4));
    int second = std::stoi(plan[1].interaction.id.substr(4));
    EXPECT_LT(first, 5) << seed;
    EXPECT_GE(second, 5) << seed;
  }
}

TEST(Sample, SameSeedSamePlanAndOtherAgentsDoNotMoveIt) {
  std::vector<Interaction> calls = week_of_calls("sam", 40);
  auto a = coachkit::sample_interactions(calls, 4, SamplePeriod::Week, 42);
  auto b = coachkit::sample_interactions(calls, 4, SamplePeriod::Week, 42);
  ASSERT_EQ(a.size(), 4u);
  std::vector<Interaction> more = calls;
  for (const Interaction& i : week_of_calls("lee", 40)) more.push_back(i);
  auto c = coachkit::sample_interactions(more, 4, SamplePeriod::Week, 42);
  std::vector<std::string> sam_in_c;
  for (const auto& s : c) {
    if (s.interaction.agent == "sam") sam_in_c.push_back(s.interaction.id);
  }
  std::set<std::string> seen_with_other_seeds;
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].interaction.id, b[i].interaction.id);
    EXPECT_EQ(a[i].interaction.id, sam_in_c.at(i));
  }
  // Another seed gives another plan (40 calls in 4 runs of 10: 10^4 plans).
  auto d = coachkit::sample_interactions(calls, 4, SamplePeriod::Week, 43);
  bool differs = false;
  for (std::size_t i = 0; i < a.size(); ++i) differs |= a[i].interaction.id != d[i].interaction.id;
  EXPECT_TRUE(differs);
}

TEST(Sample, FewerInteractionsThanAskedTakesThemAllPerPeriod) {
  std::vector<Interaction> calls = {
      {"a", "sam", "2026-11-16", 2}, {"b", "sam", "2026-11-24", 3}, {"c", "sam", "2026-11-25", 4}};
  auto plan = coachkit::sample_interactions(calls, 5, SamplePeriod::Week, 1);
  ASSERT_EQ(plan.size(), 3u);  // W47: a; W48: b and c
  EXPECT_EQ(plan[0].period, "2026-W47");
  EXPECT_EQ(plan[1].period, "2026-W48");
}

TEST(Sample, BadRowsAtRowAndColumn) {
  coachkit::Diagnostics d;
  coachkit::CsvTable csv = coachkit::parse_csv(
      "Date,Interaction,Agent\n2026-11-16,c1,sam\nyesterday,c2,sam\n2026-11-17,,lee\n", "i.csv", d);
  auto interactions = coachkit::read_interactions(csv, "i.csv", d);
  std::string out = d.to_string();
  EXPECT_NE(out.find("i.csv:3:1: the date \"yesterday\" is not YYYY-MM-DD"), std::string::npos)
      << out;
  EXPECT_NE(out.find("i.csv:4:2: the interaction is empty"), std::string::npos) << out;
  EXPECT_EQ(interactions.size(), 1u);
}

}  // namespace
