#include "qa/agreement.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace coachkit {

namespace {

// Below this, a denominator is taken for zero: the data have no variation to measure against.
constexpr double kNoVariation = 1e-12;

// The distinct values of a unit with how often each occurs, in value order.
using ValueCounts = std::vector<std::pair<double, std::size_t>>;

ValueCounts count_values(const std::vector<std::optional<double>>& unit) {
  std::vector<double> present;
  for (const auto& value : unit) {
    if (value) present.push_back(*value);
  }
  std::sort(present.begin(), present.end());
  ValueCounts counts;
  for (double value : present) {
    if (!counts.empty() && counts.back().first == value) {
      ++counts.back().second;
    } else {
      counts.emplace_back(value, 1);
    }
  }
  return counts;
}

std::size_t rated(const ValueCounts& counts) {
  std::size_t total = 0;
  for (const auto& entry : counts) total += entry.second;
  return total;
}

// Where `value` sits in the sorted `values`.
std::size_t index_of(const std::vector<double>& values, double value) {
  return static_cast<std::size_t>(std::lower_bound(values.begin(), values.end(), value) -
                                  values.begin());
}

std::vector<double> distinct_values(const Ratings& ratings) {
  std::vector<double> values;
  for (const auto& unit : ratings.values) {
    for (const auto& value : unit) {
      if (value) values.push_back(*value);
    }
  }
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

Statistic needs_two_raters(const Ratings& ratings) {
  if (ratings.rater_count() < 2) {
    return Statistic::undefined("needs at least two raters; there is " +
                                std::to_string(ratings.rater_count()));
  }
  return {};
}

const char* const kNothingToPair = "no unit was rated by two raters or more";

// Agreement and category shares shared by Fleiss' kappa and Gwet's AC1 (Gwet's handbook, with
// missing ratings): observed agreement over the units rated twice or more; each category's
// share averaged over the units rated at least once.
struct MultiRaterAgreement {
  double observed = 0;
  std::size_t pairable_units = 0;
  std::vector<double> values;  // the categories, sorted
  std::vector<double> shares;  // one per category
};

MultiRaterAgreement multi_rater_agreement(const Ratings& ratings, std::vector<double> categories) {
  MultiRaterAgreement result;
  std::vector<double> observed = distinct_values(ratings);
  categories.insert(categories.end(), observed.begin(), observed.end());
  std::sort(categories.begin(), categories.end());
  categories.erase(std::unique(categories.begin(), categories.end()), categories.end());
  result.values = categories;
  result.shares.assign(categories.size(), 0.0);
  std::size_t rated_units = 0;
  double agreement_sum = 0;
  for (const auto& unit : ratings.values) {
    ValueCounts counts = count_values(unit);
    std::size_t total = rated(counts);
    if (total == 0) continue;
    ++rated_units;
    for (const auto& [value, count] : counts) {
      result.shares[index_of(categories, value)] += static_cast<double>(count) / total;
    }
    if (total < 2) continue;
    ++result.pairable_units;
    double agreeing_pairs = 0;
    for (const auto& entry : counts) {
      agreeing_pairs += static_cast<double>(entry.second) * (entry.second - 1);
    }
    agreement_sum += agreeing_pairs / (static_cast<double>(total) * (total - 1));
  }
  for (double& share : result.shares) share /= static_cast<double>(rated_units);
  if (result.pairable_units > 0) result.observed = agreement_sum / result.pairable_units;
  return result;
}

Statistic chance_corrected(double observed, double chance, std::size_t units) {
  if (1.0 - chance < kNoVariation) {
    return Statistic::undefined(
        "every rating has the same value, so agreement expected by chance is already "
        "total");
  }
  return Statistic::of((observed - chance) / (1.0 - chance), units);
}

// The units every rater rated, as rows of numbers.
std::vector<std::vector<double>> complete_units(const Ratings& ratings) {
  std::vector<std::vector<double>> rows;
  for (const auto& unit : ratings.values) {
    if (std::all_of(unit.begin(), unit.end(), [](const auto& value) { return value; })) {
      std::vector<double> row;
      for (const auto& value : unit) row.push_back(*value);
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

}  // namespace

const char* measurement_name(Measurement measurement) {
  switch (measurement) {
    case Measurement::nominal:
      return "nominal";
    case Measurement::ordinal:
      return "ordinal";
    case Measurement::interval:
      return "interval";
    case Measurement::ratio:
      return "ratio";
  }
  return "nominal";
}

Statistic Statistic::of(double value, std::size_t units) {
  Statistic statistic;
  statistic.value = value;
  statistic.units = units;
  return statistic;
}

Statistic Statistic::undefined(std::string reason) {
  Statistic statistic;
  statistic.undefined_because = std::move(reason);
  return statistic;
}

Statistic percent_agreement(const Ratings& ratings) {
  if (Statistic missing = needs_two_raters(ratings); !missing.undefined_because.empty()) {
    return missing;
  }
  MultiRaterAgreement agreement = multi_rater_agreement(ratings, {});
  if (agreement.pairable_units == 0) return Statistic::undefined(kNothingToPair);
  return Statistic::of(agreement.observed, agreement.pairable_units);
}

Statistic cohens_kappa(const Ratings& ratings) {
  if (ratings.rater_count() != 2) {
    return Statistic::undefined("Cohen's kappa compares exactly two raters; there are " +
                                std::to_string(ratings.rater_count()));
  }
  std::vector<std::pair<double, double>> pairs;
  for (const auto& unit : ratings.values) {
    if (unit[0] && unit[1]) pairs.emplace_back(*unit[0], *unit[1]);
  }
  if (pairs.empty()) return Statistic::undefined("no unit was rated by both raters");
  std::vector<double> values;
  for (const auto& [first, second] : pairs) {
    values.push_back(first);
    values.push_back(second);
  }
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  std::vector<double> first_shares(values.size(), 0.0);
  std::vector<double> second_shares(values.size(), 0.0);
  double agreeing = 0;
  for (const auto& [first, second] : pairs) {
    first_shares[index_of(values, first)] += 1;
    second_shares[index_of(values, second)] += 1;
    if (first == second) agreeing += 1;
  }
  const double n = static_cast<double>(pairs.size());
  double chance = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    chance += (first_shares[i] / n) * (second_shares[i] / n);
  }
  return chance_corrected(agreeing / n, chance, pairs.size());
}

Statistic fleiss_kappa(const Ratings& ratings) {
  if (Statistic missing = needs_two_raters(ratings); !missing.undefined_because.empty()) {
    return missing;
  }
  MultiRaterAgreement agreement = multi_rater_agreement(ratings, {});
  if (agreement.pairable_units == 0) return Statistic::undefined(kNothingToPair);
  double chance = 0;
  for (double share : agreement.shares) chance += share * share;
  return chance_corrected(agreement.observed, chance, agreement.pairable_units);
}

Statistic gwets_ac1(const Ratings& ratings, const std::vector<double>& categories) {
  if (Statistic missing = needs_two_raters(ratings); !missing.undefined_because.empty()) {
    return missing;
  }
  MultiRaterAgreement agreement = multi_rater_agreement(ratings, categories);
  if (agreement.pairable_units == 0) return Statistic::undefined(kNothingToPair);
  const std::size_t q = agreement.values.size();
  if (q < 2) {
    return Statistic::undefined(
        "the scale has a single category, so there is nothing to disagree about");
  }
  double chance = 0;
  for (double share : agreement.shares) chance += share * (1.0 - share);
  chance /= static_cast<double>(q - 1);
  return chance_corrected(agreement.observed, chance, agreement.pairable_units);
}

Statistic krippendorffs_alpha(const Ratings& ratings, Measurement measurement) {
  if (Statistic missing = needs_two_raters(ratings); !missing.undefined_because.empty()) {
    return missing;
  }
  // The values that can be paired: those of units rated twice or more.
  std::vector<ValueCounts> pairable;
  std::vector<double> values;
  for (const auto& unit : ratings.values) {
    ValueCounts counts = count_values(unit);
    if (rated(counts) < 2) continue;
    for (const auto& entry : counts) values.push_back(entry.first);
    pairable.push_back(std::move(counts));
  }
  if (pairable.empty()) return Statistic::undefined(kNothingToPair);
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  const std::size_t v = values.size();

  // The coincidence matrix: o[c][k] = sum over units of n_uc (n_uk - [c == k]) / (m_u - 1).
  std::vector<std::vector<double>> coincidences(v, std::vector<double>(v, 0.0));
  for (const ValueCounts& counts : pairable) {
    const double m = static_cast<double>(rated(counts));
    for (const auto& [c_value, c_count] : counts) {
      const std::size_t c = index_of(values, c_value);
      for (const auto& [k_value, k_count] : counts) {
        const std::size_t k = index_of(values, k_value);
        const double pairs =
            static_cast<double>(c_count) * (static_cast<double>(k_count) - (c == k ? 1.0 : 0.0));
        coincidences[c][k] += pairs / (m - 1);
      }
    }
  }
  std::vector<double> marginals(v, 0.0);
  double n = 0;
  for (std::size_t c = 0; c < v; ++c) {
    for (std::size_t k = 0; k < v; ++k) marginals[c] += coincidences[c][k];
    n += marginals[c];
  }

  auto squared_difference = [&](std::size_t c, std::size_t k) -> double {
    if (c == k) return 0.0;
    switch (measurement) {
      case Measurement::nominal:
        return 1.0;
      case Measurement::ordinal: {
        // The values ranked between c and k, the two ends counted by half.
        const std::size_t low = std::min(c, k);
        const std::size_t high = std::max(c, k);
        double between = 0;
        for (std::size_t g = low; g <= high; ++g) between += marginals[g];
        between -= (marginals[low] + marginals[high]) / 2.0;
        return between * between;
      }
      case Measurement::interval: {
        const double difference = values[c] - values[k];
        return difference * difference;
      }
      case Measurement::ratio: {
        // Differences relative to the values' size; c != k, so the sum is never 0 for values
        // at or above 0, the only ones a ratio scale has.
        const double relative = (values[c] - values[k]) / (values[c] + values[k]);
        return relative * relative;
      }
    }
    return 1.0;
  };

  double observed = 0;
  double expected = 0;
  for (std::size_t c = 0; c < v; ++c) {
    for (std::size_t k = 0; k < v; ++k) {
      const double delta = squared_difference(c, k);
      observed += coincidences[c][k] * delta;
      expected += marginals[c] * marginals[k] * delta;
    }
  }
  if (expected < kNoVariation) {
    return Statistic::undefined(
        "every pairable rating has the same value, so there is no variation to measure "
        "agreement against");
  }
  return Statistic::of(1.0 - (n - 1.0) * observed / expected, pairable.size());
}

IntraclassCorrelations intraclass_correlations(const Ratings& ratings) {
  IntraclassCorrelations result;
  auto all_undefined = [&result](const std::string& reason) {
    result.one_way = Statistic::undefined(reason);
    result.two_way = Statistic::undefined(reason);
    result.two_way_mixed = Statistic::undefined(reason);
    return result;
  };
  const std::size_t k = ratings.rater_count();
  if (k < 2) {
    return all_undefined("needs at least two raters; there is " + std::to_string(k));
  }
  std::vector<std::vector<double>> rows = complete_units(ratings);
  const std::size_t n = rows.size();
  if (n < 2) {
    return all_undefined("needs at least two units rated by every rater; there are " +
                         std::to_string(n));
  }
  // Two-way analysis of variance (Shrout & Fleiss 1979, Table 2).
  const double kd = static_cast<double>(k);
  const double nd = static_cast<double>(n);
  double grand = 0;
  std::vector<double> unit_means(n, 0.0);
  std::vector<double> rater_means(k, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < k; ++j) {
      unit_means[i] += rows[i][j] / kd;
      rater_means[j] += rows[i][j] / nd;
      grand += rows[i][j];
    }
  }
  grand /= nd * kd;
  double total = 0;
  double between_units = 0;
  double between_raters = 0;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < k; ++j) total += (rows[i][j] - grand) * (rows[i][j] - grand);
    between_units += kd * (unit_means[i] - grand) * (unit_means[i] - grand);
  }
  for (std::size_t j = 0; j < k; ++j) {
    between_raters += nd * (rater_means[j] - grand) * (rater_means[j] - grand);
  }
  const double bms = between_units / (nd - 1);
  const double jms = between_raters / (kd - 1);
  const double wms = (total - between_units) / (nd * (kd - 1));
  const double ems = (total - between_units - between_raters) / ((nd - 1) * (kd - 1));

  const std::string flat = "every rating has the same value, so there is no variance to apportion";
  auto ratio = [&](double numerator, double denominator) {
    if (std::fabs(denominator) < kNoVariation) return Statistic::undefined(flat);
    return Statistic::of(numerator / denominator, n);
  };
  result.one_way = ratio(bms - wms, bms + (kd - 1) * wms);
  result.two_way = ratio(bms - ems, bms + (kd - 1) * ems + kd * (jms - ems) / nd);
  result.two_way_mixed = ratio(bms - ems, bms + (kd - 1) * ems);
  return result;
}

}  // namespace coachkit
