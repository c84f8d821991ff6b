// Two-sample tests on repetitions. These reproduce SciPy 1.10 (the version
// compare.py runs on Debian 12) to within floating-point rounding, so that
// perfgate's p-values can be checked against compare.py's.
#pragma once

#include <cstddef>
#include <optional>
#include <span>

namespace perfgate {

/// Outcome of a two-sample test.
struct TestOutcome {
  double statistic = 0;  ///< U of the first sample, or Welch's t
  double p_value = 1;    ///< two-sided
  bool exact = false;    ///< exact null distribution rather than asymptotic
};

/// Two-sided Mann-Whitney U test, as scipy.stats.mannwhitneyu with its
/// defaults: the exact distribution when either sample has at most 8 values
/// and there are no ties, else the normal approximation with tie correction
/// and continuity correction. Returns nullopt when a sample is empty or
/// holds a NaN.
std::optional<TestOutcome> mann_whitney_u(std::span<const double> first,
                                          std::span<const double> second);

/// Welch's unequal-variances t test from summary statistics, two-sided, as
/// scipy.stats.ttest_ind_from_stats(..., equal_var=False): the statistic is
/// (mean1 - mean2) / standard error. Needs at least 2 repetitions on each
/// side; nullopt otherwise, when both standard deviations are zero, or when
/// a mean or deviation is not finite (or a deviation is negative).
std::optional<TestOutcome> welch_t_test(double mean1, double stddev1, std::size_t count1,
                                        double mean2, double stddev2, std::size_t count2);

/// A confidence interval.
struct Interval {
  double low = 0;
  double high = 0;
};

/// Distribution-free confidence interval for the shift between two samples
/// (Hodges-Lehmann with the Mann-Whitney critical value): the interval of
/// `second - first` location differences at confidence at least 1 - alpha,
/// from the exact null distribution while both samples have fewer than 50
/// values and its normal approximation beyond. Ties are not corrected for.
/// Nullopt when the samples are too small for that confidence, when a sample
/// is empty or holds a value that is not finite, or unless 0 < alpha < 1.
std::optional<Interval> shift_interval(std::span<const double> first,
                                       std::span<const double> second, double alpha);

/// Welch confidence interval for mean2 - mean1 at confidence 1 - alpha, with
/// the Welch-Satterthwaite degrees of freedom. Nullopt in the cases where
/// welch_t_test is, and unless 0 < alpha < 1.
std::optional<Interval> welch_interval(double mean1, double stddev1, std::size_t count1,
                                       double mean2, double stddev2, std::size_t count2,
                                       double alpha);

}  // namespace perfgate
