// Agreement between raters who rated the same units: the statistics a QA calibration reports.
//
// The data are neutral: a table of units × raters where a rater may have left a unit unrated,
// each value a number (a category's code, a level, points, a total score). Every statistic
// either has a value or says why the data cannot define it (one rater, nothing to pair, no
// variation); none ever returns NaN or infinity.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace coachkit {

// Krippendorff's levels of measurement: which differences between two values count.
enum class Measurement { nominal, ordinal, interval, ratio };

const char* measurement_name(Measurement measurement);

// ratings[unit][rater]; std::nullopt where the rater did not rate the unit. Every row has one
// entry per rater.
struct Ratings {
  std::vector<std::vector<std::optional<double>>> values;

  std::size_t unit_count() const { return values.size(); }
  std::size_t rater_count() const { return values.empty() ? 0 : values.front().size(); }
};

// A statistic's value, or the reason it has none. `units` counts the units it was computed on.
struct Statistic {
  std::optional<double> value;
  std::string undefined_because;
  std::size_t units = 0;

  static Statistic of(double value, std::size_t units);
  static Statistic undefined(std::string reason);
  bool defined() const { return value.has_value(); }
};

// The share of agreeing pairs of ratings, averaged over the units rated at least twice (for two
// raters: the share of units they gave the same value).
Statistic percent_agreement(const Ratings& ratings);

// Cohen's kappa (1960), unweighted, for exactly two raters over the units both rated.
Statistic cohens_kappa(const Ratings& ratings);

// Fleiss' kappa (1971) for two or more raters. With missing ratings, Gwet's generalization
// (Handbook of Inter-Rater Reliability, 4th ed.): agreement over the units rated at least twice,
// category shares averaged over the units rated at least once. Equal to Fleiss' when complete.
Statistic fleiss_kappa(const Ratings& ratings);

// Krippendorff's alpha from the coincidence matrix (Krippendorff 2011, "Computing
// Krippendorff's Alpha-Reliability"); units rated once are not pairable and do not count.
Statistic krippendorffs_alpha(const Ratings& ratings, Measurement measurement);

// Gwet's AC1 (2008) for two or more raters, missing ratings allowed. `categories` are the
// values the scale offers (an unused category still counts in the chance agreement); when
// empty, the values that occur.
Statistic gwets_ac1(const Ratings& ratings, const std::vector<double>& categories = {});

// Shrout & Fleiss (1979) intraclass correlations, single rating, over the units every rater
// rated: ICC(1,1) one-way random, ICC(2,1) two-way random, ICC(3,1) two-way mixed.
struct IntraclassCorrelations {
  Statistic one_way;        // ICC(1,1)
  Statistic two_way;        // ICC(2,1)
  Statistic two_way_mixed;  // ICC(3,1)
};
IntraclassCorrelations intraclass_correlations(const Ratings& ratings);

}  // namespace coachkit
