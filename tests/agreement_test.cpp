// Agreement statistics: the published figures of the papers' own tables, and the same data
// (plus seeded random data with missing ratings) through implementations we did not write:
// statsmodels (Debian's python3), R's psych (Rscript) and npm's krippendorff 0.1.0.
#include "qa/agreement.hpp"
#include "support/process.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

namespace coachkit {
namespace {

using Row = std::vector<std::optional<double>>;
constexpr std::optional<double> kMissing = std::nullopt;

// Rows of whole numbers, 0 standing for "not rated" where `zero_is_missing`.
Ratings table(const std::vector<std::vector<int>>& rows, bool zero_is_missing = false) {
  Ratings ratings;
  for (const auto& row : rows) {
    Row unit;
    for (int value : row) {
      if (zero_is_missing && value == 0) {
        unit.push_back(kMissing);
      } else {
        unit.push_back(static_cast<double>(value));
      }
    }
    ratings.values.push_back(unit);
  }
  return ratings;
}

double value_of(const Statistic& statistic) {
  EXPECT_TRUE(statistic.defined()) << statistic.undefined_because;
  return statistic.value.value_or(-99);
}

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four
// observers, twelve units, missing values as 0 (here one row per unit, one column per observer).
// Unit 12 was coded once and cannot be paired. Published: nominal 0.743, ordinal 0.815,
// interval 0.849. The same table is irrCAC's `cac.raw4raters` (Gwet's handbook, ch. 2).
const std::vector<std::vector<int>> kKrippendorff2011 = {
    {1, 1, 0, 1}, {2, 2, 3, 2}, {3, 3, 3, 3}, {3, 3, 3, 3}, {2, 2, 2, 2}, {1, 2, 3, 4},
    {4, 4, 4, 4}, {1, 1, 2, 1}, {2, 2, 2, 2}, {0, 5, 5, 5}, {0, 0, 1, 1}, {0, 0, 3, 0}};

// Shrout & Fleiss (1979), Table 2: six targets rated by four judges. Published: ICC(1,1) = .17,
// ICC(2,1) = .29, ICC(3,1) = .71.
const std::vector<std::vector<int>> kShroutFleiss = {{9, 2, 5, 8}, {6, 1, 3, 2},  {8, 4, 6, 8},
                                                     {7, 1, 2, 6}, {10, 5, 6, 9}, {6, 2, 4, 7}};

// Fleiss (1971): 30 patients, 6 psychiatrists each, 5 diagnoses; Fleiss gives only the counts
// per diagnosis, spread here one rating per column as statsmodels' tests do. Published: 0.430.
const std::vector<std::vector<int>> kFleiss1971 = {
    {4, 4, 4, 4, 4, 4}, {2, 2, 2, 5, 5, 5}, {2, 3, 3, 3, 3, 5}, {5, 5, 5, 5, 5, 5},
    {2, 2, 2, 4, 4, 4}, {1, 1, 3, 3, 3, 3}, {3, 3, 3, 3, 5, 5}, {1, 1, 3, 3, 3, 4},
    {1, 1, 4, 4, 4, 4}, {5, 5, 5, 5, 5, 5}, {1, 4, 4, 4, 4, 4}, {1, 2, 4, 4, 4, 4},
    {2, 2, 2, 3, 3, 3}, {1, 4, 4, 4, 4, 4}, {2, 2, 4, 4, 4, 5}, {3, 3, 3, 3, 3, 5},
    {1, 1, 1, 4, 5, 5}, {1, 1, 1, 1, 1, 2}, {2, 2, 4, 4, 4, 4}, {1, 3, 3, 5, 5, 5},
    {5, 5, 5, 5, 5, 5}, {2, 4, 4, 4, 4, 4}, {2, 2, 4, 5, 5, 5}, {1, 1, 4, 4, 4, 4},
    {1, 4, 4, 4, 4, 5}, {2, 2, 2, 2, 2, 4}, {1, 1, 1, 1, 5, 5}, {2, 2, 4, 4, 4, 4},
    {1, 3, 3, 3, 3, 3}, {5, 5, 5, 5, 5, 5}};

// Units rated by as many raters as a contingency table or a distribution says: `counts[u][c]`
// raters gave unit u category c + 1, filled in rater order.
Ratings from_distribution(const std::vector<std::vector<int>>& counts) {
  Ratings ratings;
  for (const auto& unit : counts) {
    Row row;
    for (std::size_t category = 0; category < unit.size(); ++category) {
      for (int i = 0; i < unit[category]; ++i) row.push_back(static_cast<double>(category + 1));
    }
    ratings.values.push_back(row);
  }
  return ratings;
}

// Two raters' contingency table (rows: first rater's category, columns: second's) as units.
Ratings from_contingency(const std::vector<std::vector<int>>& cells) {
  Ratings ratings;
  for (std::size_t a = 0; a < cells.size(); ++a) {
    for (std::size_t b = 0; b < cells[a].size(); ++b) {
      for (int i = 0; i < cells[a][b]; ++i) {
        ratings.values.push_back({static_cast<double>(a + 1), static_cast<double>(b + 1)});
      }
    }
  }
  return ratings;
}

// splitmix64: the same numbers on every standard library.
class Seeded {
 public:
  explicit Seeded(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }

 private:
  std::uint64_t state_;
};

// Raters who mostly agree on a unit's true level 1..levels, a share of them off by one or
// anywhere, and `missing_percent` of the ratings left out (each unit keeps two).
Ratings random_ratings(std::uint64_t seed, int units, int raters, int levels, int missing_percent) {
  Seeded random(seed);
  Ratings ratings;
  for (int u = 0; u < units; ++u) {
    int truth = 1 + random.below(levels);
    Row row;
    for (int r = 0; r < raters; ++r) {
      int roll = random.below(100);
      int value = truth;
      if (roll < 15) value = 1 + random.below(levels);
      if (roll >= 15 && roll < 30)
        value = std::min(levels, std::max(1, truth + (roll % 2 ? 1 : -1)));
      bool missing = r >= 2 && random.below(100) < missing_percent;
      row.push_back(missing ? kMissing : std::optional<double>(value));
    }
    ratings.values.push_back(row);
  }
  return ratings;
}

nlohmann::json as_json(const Ratings& ratings) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& unit : ratings.values) {
    nlohmann::json row = nlohmann::json::array();
    for (const auto& value : unit) row.push_back(value ? nlohmann::json(*value) : nullptr);
    rows.push_back(row);
  }
  return rows;
}

// Runs an independent implementation; its standard output, or a failed test if it cannot run.
std::string run_reader(std::vector<std::string> argv, const std::string& input) {
  Command command(std::move(argv), input, 300);
  SystemProcessRunner runner;
  CommandResult result = runner.run(command);
  EXPECT_TRUE(result.ok()) << result.describe(command) << "\n" << result.errors;
  return result.output;
}

std::vector<double> numbers(const std::string& text) {
  std::istringstream in(text);
  std::vector<double> values;
  double value = 0;
  while (in >> value) values.push_back(value);
  return values;
}

// statsmodels' fleiss_kappa (and cohens_kappa when there are two raters) on complete ratings.
std::vector<double> statsmodels(const Ratings& ratings) {
  const char* script = R"(
import json, sys
import numpy as np
from statsmodels.stats.inter_rater import aggregate_raters, cohens_kappa, fleiss_kappa, to_table
data = np.array(json.load(sys.stdin))
counts, _ = aggregate_raters(data)
print(repr(float(fleiss_kappa(counts))))
if data.shape[1] == 2:
    print(repr(float(cohens_kappa(to_table(data)[0]).kappa)))
)";
  return numbers(run_reader({"/usr/bin/python3", "-c", script}, as_json(ratings).dump()));
}

// R psych's ICC (ICC1, ICC2, ICC3), and cohen.kappa's unweighted kappa on the first two columns.
std::vector<double> r_psych(const Ratings& ratings) {
  std::ostringstream input;
  for (const auto& unit : ratings.values) {
    for (const auto& value : unit) input << *value << " ";
    input << "\n";
  }
  const char* script =
      "suppressPackageStartupMessages(library(psych));"
      "x <- as.matrix(read.table(file('stdin')));"
      "r <- ICC(x, lmer = FALSE)$results;"
      "k <- cohen.kappa(x[, 1:2]);"
      "cat(format(c(r$ICC[1:3], k$kappa), digits = 17), sep = '\\n')";
  return numbers(run_reader({"Rscript", "-e", script}, input.str()));
}

// npm krippendorff 0.1.0 (nominal alpha; one array per rater, `undefined` where missing).
double npm_krippendorff(const Ratings& ratings) {
  const char* script = R"(
const { alpha } = require(process.argv[1] + '/krippendorff');
const units = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const raters = units[0].map((_, r) => units.map(unit => unit[r] === null ? undefined : unit[r]));
console.log(alpha(raters));
)";
  std::vector<double> values = numbers(
      run_reader({"node", "-e", script, std::string(COACHKIT_BUILD_DIR) + "/npm/node_modules"},
                 as_json(ratings).dump()));
  EXPECT_EQ(values.size(), 1u);
  return values.empty() ? -99 : values.front();
}

TEST(KrippendorffsAlpha, ReproducesKrippendorff2011) {
  Ratings ratings = table(kKrippendorff2011, true);
  // Published to three decimals in the paper.
  EXPECT_NEAR(value_of(krippendorffs_alpha(ratings, Measurement::nominal)), 0.743, 0.0005);
  EXPECT_NEAR(value_of(krippendorffs_alpha(ratings, Measurement::ordinal)), 0.815, 0.0005);
  EXPECT_NEAR(value_of(krippendorffs_alpha(ratings, Measurement::interval)), 0.849, 0.0005);
  EXPECT_NEAR(value_of(krippendorffs_alpha(ratings, Measurement::ratio)), 0.797, 0.0005);
  // irrCAC's krippen.alpha.raw on the same table prints 0.74342; eleven units are pairable.
  EXPECT_NEAR(value_of(krippendorffs_alpha(ratings, Measurement::nominal)), 0.74342, 0.000005);
  EXPECT_EQ(krippendorffs_alpha(ratings, Measurement::nominal).units, 11u);
}

TEST(KrippendorffsAlpha, AgreesWithNpmKrippendorffIncludingMissingRatings) {
  Ratings paper = table(kKrippendorff2011, true);
  EXPECT_NEAR(value_of(krippendorffs_alpha(paper, Measurement::nominal)), npm_krippendorff(paper),
              1e-9);
  for (std::uint64_t seed : {7u, 2026u}) {
    Ratings random = random_ratings(seed, 60, 5, 4, 25);
    EXPECT_NEAR(value_of(krippendorffs_alpha(random, Measurement::nominal)),
                npm_krippendorff(random), 1e-9)
        << "seed " << seed;
  }
}

// npm krippendorff 0.1.0 given Krippendorff's ratio metric ((c - k) / (c + k))^2 as its distance.
double npm_krippendorff_ratio(const Ratings& ratings) {
  const char* script = R"(
const { alpha } = require(process.argv[1] + '/krippendorff');
const units = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const raters = units[0].map((_, r) => units.map(unit => unit[r] === null ? undefined : unit[r]));
console.log(alpha(raters, (c, k) => c === k ? 0 : ((c - k) / (c + k)) ** 2));
)";
  std::vector<double> values = numbers(
      run_reader({"node", "-e", script, std::string(COACHKIT_BUILD_DIR) + "/npm/node_modules"},
                 as_json(ratings).dump()));
  EXPECT_EQ(values.size(), 1u);
  return values.empty() ? -99 : values.front();
}

TEST(KrippendorffsAlpha, RatioAgreesWithNpmKrippendorff) {
  Ratings paper = table(kKrippendorff2011, true);
  EXPECT_NEAR(value_of(krippendorffs_alpha(paper, Measurement::ratio)),
              npm_krippendorff_ratio(paper), 1e-9);
  for (std::uint64_t seed : {7u, 2026u}) {
    Ratings random = random_ratings(seed, 60, 5, 4, 25);
    EXPECT_NEAR(value_of(krippendorffs_alpha(random, Measurement::ratio)),
                npm_krippendorff_ratio(random), 1e-9)
        << "seed " << seed;
  }
}

TEST(KrippendorffsAlpha, LevelOfMeasurementChangesHowNearMissesCount) {
  // Two raters one level apart everywhere but on a wide scale: a near miss is a full
  // disagreement for nominal data and almost none for interval data.
  Ratings ratings = table({{1, 2}, {4, 5}, {7, 8}, {10, 9}, {3, 3}});
  double nominal = value_of(krippendorffs_alpha(ratings, Measurement::nominal));
  double interval = value_of(krippendorffs_alpha(ratings, Measurement::interval));
  EXPECT_LT(nominal, 0.2);
  EXPECT_GT(interval, 0.9);
}

TEST(ShroutFleiss, ReproducesTheirTable) {
  IntraclassCorrelations icc = intraclass_correlations(table(kShroutFleiss));
  // Published to two decimals (Shrout & Fleiss 1979, Table 4).
  EXPECT_NEAR(value_of(icc.one_way), 0.17, 0.005);
  EXPECT_NEAR(value_of(icc.two_way), 0.29, 0.005);
  EXPECT_NEAR(value_of(icc.two_way_mixed), 0.71, 0.005);
  EXPECT_EQ(icc.one_way.units, 6u);
}

TEST(ShroutFleiss, AgreesWithRPsychOnTheTableAndOnRandomScores) {
  std::vector<Ratings> data = {table(kShroutFleiss), random_ratings(11, 25, 4, 10, 0)};
  for (const Ratings& ratings : data) {
    IntraclassCorrelations icc = intraclass_correlations(ratings);
    std::vector<double> r = r_psych(ratings);
    ASSERT_EQ(r.size(), 4u);
    EXPECT_NEAR(value_of(icc.one_way), r[0], 1e-9);
    EXPECT_NEAR(value_of(icc.two_way), r[1], 1e-9);
    EXPECT_NEAR(value_of(icc.two_way_mixed), r[2], 1e-9);
  }
}

TEST(ShroutFleiss, UsesOnlyUnitsEveryRaterScored) {
  Ratings ratings = table(kShroutFleiss);
  ratings.values.push_back({3.0, kMissing, 100.0, 1.0});  // would swamp the variance
  IntraclassCorrelations icc = intraclass_correlations(ratings);
  EXPECT_NEAR(value_of(icc.two_way), 0.29, 0.005);
  EXPECT_EQ(icc.two_way.units, 6u);
}

TEST(FleissKappa, ReproducesFleiss1971) {
  // Published: kappa = .430 (Fleiss 1971, p. 381).
  EXPECT_NEAR(value_of(fleiss_kappa(table(kFleiss1971))), 0.430, 0.0005);
}

TEST(FleissKappa, AgreesWithStatsmodels) {
  std::vector<Ratings> data = {table(kFleiss1971), random_ratings(3, 40, 5, 3, 0),
                               random_ratings(4, 40, 3, 5, 0)};
  for (const Ratings& ratings : data) {
    std::vector<double> reference = statsmodels(ratings);
    ASSERT_FALSE(reference.empty());
    EXPECT_NEAR(value_of(fleiss_kappa(ratings)), reference[0], 1e-9);
  }
}

TEST(FleissKappa, MissingRatingsFollowGwetsGeneralization) {
  // irrCAC's fleiss.kappa.raw(cac.raw4raters) (Gwet's handbook): pa 0.8181818, kappa 0.76117.
  Ratings ratings = table(kKrippendorff2011, true);
  EXPECT_NEAR(value_of(fleiss_kappa(ratings)), 0.76117, 0.000005);
  EXPECT_NEAR(value_of(percent_agreement(ratings)), 0.8181818, 0.0000001);
  // irrCAC's distrib.6raters: 15 patients, 6 raters: Fleiss' kappa 0.4139265, AC1 0.4448007.
  Ratings six = from_distribution({{0, 0, 0, 6, 0},
                                   {0, 3, 0, 0, 3},
                                   {0, 1, 4, 0, 1},
                                   {0, 0, 0, 0, 6},
                                   {0, 3, 0, 3, 0},
                                   {2, 0, 4, 0, 0},
                                   {0, 0, 4, 0, 2},
                                   {2, 0, 3, 1, 0},
                                   {2, 0, 0, 4, 0},
                                   {0, 0, 0, 0, 6},
                                   {1, 0, 0, 5, 0},
                                   {1, 1, 0, 4, 0},
                                   {0, 3, 3, 0, 0},
                                   {1, 0, 0, 5, 0},
                                   {0, 2, 0, 3, 1}});
  EXPECT_NEAR(value_of(fleiss_kappa(six)), 0.4139265, 0.0000001);
  EXPECT_NEAR(value_of(gwets_ac1(six)), 0.4448007, 0.0000001);
}

TEST(CohensKappa, ReproducesIrrCacAndAgreesWithStatsmodelsAndRPsych) {
  // irrCAC's cont3x3abstractors (Gwet): Cohen's kappa 0.7964094, AC1 0.8493305, agreement 0.89.
  Ratings abstractors = from_contingency({{13, 0, 0}, {0, 20, 7}, {0, 4, 56}});
  EXPECT_NEAR(value_of(cohens_kappa(abstractors)), 0.7964094, 0.0000001);
  EXPECT_NEAR(value_of(gwets_ac1(abstractors)), 0.8493305, 0.0000001);
  EXPECT_NEAR(value_of(percent_agreement(abstractors)), 0.89, 1e-12);
  // statsmodels' SAS example: kappa 0.4842.
  Ratings sas = from_contingency({{0, 4, 1}, {0, 8, 0}, {0, 1, 5}});
  EXPECT_NEAR(value_of(cohens_kappa(sas)), 0.4842, 0.00005);
  for (const Ratings& ratings : {abstractors, sas, random_ratings(5, 50, 2, 4, 0)}) {
    std::vector<double> python = statsmodels(ratings);
    std::vector<double> r = r_psych(ratings);
    ASSERT_EQ(python.size(), 2u);
    ASSERT_EQ(r.size(), 4u);
    EXPECT_NEAR(value_of(cohens_kappa(ratings)), python[1], 1e-9);
    EXPECT_NEAR(value_of(cohens_kappa(ratings)), r[3], 1e-9);
  }
}

TEST(CohensKappa, OnlyUnitsBothRatersRated) {
  Ratings ratings = from_contingency({{13, 0, 0}, {0, 20, 7}, {0, 4, 56}});
  ratings.values.push_back({1.0, kMissing});
  ratings.values.push_back({kMissing, 3.0});
  EXPECT_NEAR(value_of(cohens_kappa(ratings)), 0.7964094, 0.0000001);
  EXPECT_EQ(cohens_kappa(ratings).units, 100u);
}

TEST(GwetsAc1, ReproducesGwetsRawRatingsExample) {
  // irrCAC's gwet.ac1.raw(cac.raw4raters): pa 0.8181818, pe 0.1903212, AC1 0.77544.
  EXPECT_NEAR(value_of(gwets_ac1(table(kKrippendorff2011, true))), 0.77544, 0.000005);
}

TEST(GwetsAc1, HighAgreementStaysHighWhereKappaCollapses) {
  // The kappa paradox (Gwet 2008): 2 raters, 20 units, both say "yes" to 18, split on 2.
  // Agreement 0.9; kappa = (0.9 - 0.905) / (1 - 0.905) = -0.0526 by hand; AC1: chance =
  // 2 * 0.95 * 0.05 = 0.095, (0.9 - 0.095) / 0.905 = 0.8895 by hand.
  Ratings ratings = from_contingency({{18, 1}, {1, 0}});
  EXPECT_NEAR(value_of(cohens_kappa(ratings)), -0.0526, 0.0001);
  EXPECT_NEAR(value_of(gwets_ac1(ratings)), 0.8895, 0.0001);
}

TEST(GwetsAc1, AnUnusedCategoryOfTheScaleCounts) {
  // Everyone said yes (1) on a yes/no scale: chance agreement 0, AC1 = 1 by hand. Without the
  // scale there is one category and nothing to disagree about.
  Ratings ratings = table({{1, 1, 1}, {1, 1, 1}});
  EXPECT_DOUBLE_EQ(value_of(gwets_ac1(ratings, {0.0, 1.0})), 1.0);
  EXPECT_FALSE(gwets_ac1(ratings).defined());
}

TEST(Undefined, OneRaterHasNoAgreement) {
  Ratings one = table({{1}, {2}, {3}});
  for (const Statistic& statistic :
       {percent_agreement(one), cohens_kappa(one), fleiss_kappa(one), gwets_ac1(one),
        krippendorffs_alpha(one, Measurement::nominal), intraclass_correlations(one).one_way,
        intraclass_correlations(one).two_way, intraclass_correlations(one).two_way_mixed}) {
    EXPECT_FALSE(statistic.defined());
    EXPECT_NE(statistic.undefined_because.find("rater"), std::string::npos)
        << statistic.undefined_because;
  }
}

TEST(Undefined, NoVariationIsSaidNotNaN) {
  Ratings same = table({{3, 3, 3}, {3, 3, 3}, {3, 3, 3}});
  for (const Statistic& statistic :
       {cohens_kappa(table({{2, 2}, {2, 2}})), fleiss_kappa(same),
        krippendorffs_alpha(same, Measurement::nominal),
        krippendorffs_alpha(same, Measurement::interval), intraclass_correlations(same).one_way,
        intraclass_correlations(same).two_way, intraclass_correlations(same).two_way_mixed}) {
    EXPECT_FALSE(statistic.defined());
    EXPECT_NE(statistic.undefined_because.find("same value"), std::string::npos)
        << statistic.undefined_because;
  }
  // Agreement itself is defined: everyone agreed.
  EXPECT_DOUBLE_EQ(value_of(percent_agreement(same)), 1.0);
}

TEST(Undefined, NothingToPair) {
  Ratings apart = table({{1, 0, 0}, {0, 2, 0}, {0, 0, 3}}, true);
  for (const Statistic& statistic :
       {percent_agreement(apart), fleiss_kappa(apart), gwets_ac1(apart),
        krippendorffs_alpha(apart, Measurement::ordinal),
        cohens_kappa(table({{1, 0}, {0, 2}}, true)), intraclass_correlations(apart).two_way}) {
    EXPECT_FALSE(statistic.defined());
    EXPECT_FALSE(statistic.undefined_because.empty());
  }
}

}  // namespace
}  // namespace coachkit
