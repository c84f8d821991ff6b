// The Mann-Whitney U test, following scipy.stats.mannwhitneyu of SciPy 1.10.1
// step by step (scipy/stats/_mannwhitneyu.py) so that p-values agree with
// Google Benchmark's compare.py to rounding.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "stats/mann_whitney_null.h"
#include "stats/rank_tests.h"

namespace perfgate {
namespace {

// SciPy computes the exact distribution only while one sample is this small.
constexpr std::size_t kExactMaxCount = 8;

// SciPy's table of null counts is in doubles up to this many values a side.
constexpr std::size_t kDoubleTableMaxCount = 500;

// Exact counts are 128-bit integers, which hold up to 3.4e38.
using ExactCount = unsigned __int128;
constexpr double kMaxExactCount = 1e38;

// Above this binomial numerator SciPy divides out the denominator so far.
constexpr double kBinomialRescale = 1e50;

// SciPy's norm.sf calls cephes' erfc, which returns 0 as soon as x * x passes
// log(DBL_MAX) instead of descending into subnormal numbers as std::erfc
// does; cutting off at the same place makes far tails agree exactly.
constexpr double kMaxExpArgument = 709.782712893384;

constexpr double kSqrtHalf = 0.70710678118654752440;

struct Ranking {
  double first_rank_sum = 0;  ///< sum of the average ranks of the first sample
  double tie_term = 0;        ///< sum of t^3 - t over groups of t equal values
  bool has_ties = false;
};

// Ranks both samples together, ties sharing the average of their ranks, by
// walking the two sorted samples side by side.
Ranking rank_samples(std::vector<double> first, std::vector<double> second) {
  std::sort(first.begin(), first.end());
  std::sort(second.begin(), second.end());

  Ranking ranking;
  std::size_t i = 0;
  std::size_t j = 0;
  std::size_t ranked = 0;
  while (i < first.size() || j < second.size()) {
    double value =
        j == second.size() || (i < first.size() && first[i] < second[j]) ? first[i] : second[j];
    std::size_t first_group = 0;
    while (i < first.size() && first[i] == value) ++i, ++first_group;
    std::size_t second_group = 0;
    while (j < second.size() && second[j] == value) ++j, ++second_group;

    // The group takes ranks ranked + 1 .. ranked + size; their mean is a
    // half-integer, so the sums below are exact.
    std::size_t size = first_group + second_group;
    double average_rank = static_cast<double>(2 * ranked + size + 1) / 2;
    ranking.first_rank_sum += static_cast<double>(first_group) * average_rank;
    auto t = static_cast<std::int64_t>(size);
    ranking.tie_term += static_cast<double>(t * t * t - t);
    ranking.has_ties = ranking.has_ties || size > 1;
    ranked += size;
  }
  return ranking;
}

// Upper tail of the standard normal as SciPy's norm.sf evaluates it
// (cephes ndtr at -z), branch for branch.
double normal_sf(double z) {
  double x = -z * kSqrtHalf;
  double distance = std::abs(x);
  if (distance < kSqrtHalf) return 0.5 + 0.5 * std::erf(x);

  double tail = distance * distance > kMaxExpArgument ? 0.0 : 0.5 * std::erfc(distance);
  return x > 0 ? 1 - tail : tail;
}

double asymptotic_p(double u, std::size_t first_count, std::size_t second_count, double tie_term) {
  auto n1 = static_cast<double>(first_count);
  auto n2 = static_cast<double>(second_count);
  auto n = static_cast<double>(first_count + second_count);
  double mean_u = n1 * n2 / 2;

  // All values equal gives 0 / 0 here in exact arithmetic and a deviation of
  // exactly 0 in floating point, so z is -inf and p is 1, as in SciPy.
  double deviation = std::sqrt(n1 * n2 / 12 * ((n + 1) - tie_term / (n * (n - 1))));

  // U is the larger of U1 and U2, so the continuity correction always
  // moves it down towards the mean.
  double z = (u - mean_u - 0.5) / deviation;
  return 2 * normal_sf(z);
}

double exact_p(double u, std::size_t first_count, std::size_t second_count) {
  // P(U >= u) equals P(U <= n1 * n2 - u) by symmetry; SciPy sums the left
  // tail in increasing order, dividing each count by the total first.
  auto tail_end = first_count * second_count - static_cast<std::size_t>(u);
  std::vector<double> counts = mann_whitney_null_counts(first_count, second_count, tail_end);
  double total = mann_whitney_arrangements(first_count, second_count);

  double tail = 0;
  for (double count : counts) tail += count / total;
  return 2 * tail;
}

// f(m, n, k), the number of arrangements of m and n untied values with
// U = k, for k = 0 .. max_statistic, by f(m, n, k) = f(m - 1, n, k - n) +
// f(m, n - 1, k) with f(m, n, 0) = 1 as in SciPy. Each value is the same sum
// of the same two numbers whatever order the table fills in, so keep one row
// of k per size of the smaller sample and grow the larger one, updating in
// place. That costs about small^2 * large^2 / 2 additions: for 8 values
// against 1000, 2 ms in doubles and 7 ms in 128-bit integers, and a
// hundredfold more with every tenfold of the larger sample.
template <typename Count>
std::vector<Count> fill_counts(std::size_t first_count, std::size_t second_count,
                               std::size_t max_statistic) {
  std::size_t width = max_statistic + 1;
  bool first_smaller = first_count <= second_count;
  std::size_t rows = (first_smaller ? first_count : second_count) + 1;
  std::size_t steps = first_smaller ? second_count : first_count;
  std::vector<Count> table(rows * width, Count{0});
  for (std::size_t row = 0; row < rows; ++row) table[row * width] = 1;

  for (std::size_t step = 1; step <= steps; ++step) {
    for (std::size_t row = 1; row < rows; ++row) {
      Count* counts = &table[row * width];
      const Count* shorter = counts - width;
      std::size_t top = std::min(max_statistic, row * step);
      if (first_smaller) {
        // Row m holds f(m, step - 1, .); row m - 1 already holds
        // f(m - 1, step, .). The shift is by n = step.
        for (std::size_t k = step; k <= top; ++k) counts[k] += shorter[k - step];
      } else {
        // Row n holds f(step - 1, n, .); row n - 1 already holds
        // f(step, n - 1, .). The shift is by n = row, read before it is
        // overwritten by going down in k.
        for (std::size_t k = top + 1; k-- > 0;) {
          counts[k] = (k >= row ? counts[k - row] : Count{0}) + shorter[k];
        }
      }
    }
  }

  auto last = table.begin() + static_cast<std::ptrdiff_t>((rows - 1) * width);
  return std::vector<Count>(last, last + static_cast<std::ptrdiff_t>(width));
}

}  // namespace

std::vector<double> mann_whitney_null_counts(std::size_t first_count, std::size_t second_count,
                                             std::size_t max_statistic) {
  // SciPy keeps its table in doubles while both samples have at most 500
  // values, and beyond that in Python integers, which are exact, rounding
  // each count once when it divides; do the same. 128 bits hold every count
  // of any table small enough to fill in reasonable time.
  bool beyond_doubles = first_count > kDoubleTableMaxCount || second_count > kDoubleTableMaxCount;
  if (beyond_doubles && mann_whitney_arrangements(first_count, second_count) < kMaxExactCount) {
    std::vector<ExactCount> exact =
        fill_counts<ExactCount>(first_count, second_count, max_statistic);
    std::vector<double> counts(exact.size());
    for (std::size_t k = 0; k < exact.size(); ++k) counts[k] = static_cast<double>(exact[k]);
    return counts;
  }
  return fill_counts<double>(first_count, second_count, max_statistic);
}

double mann_whitney_arrangements(std::size_t first_count, std::size_t second_count) {
  auto total = static_cast<double>(first_count + second_count);
  auto chosen = static_cast<double>(first_count);
  if (chosen > total / 2) chosen = total - chosen;

  double numerator = 1;
  double denominator = 1;
  for (std::size_t i = 1; static_cast<double>(i) <= chosen; ++i) {
    numerator *= static_cast<double>(i) + total - chosen;
    denominator *= static_cast<double>(i);
    if (std::abs(numerator) > kBinomialRescale) {
      numerator /= denominator;
      denominator = 1;
    }
  }
  return numerator / denominator;
}

std::optional<TestOutcome> mann_whitney_u(std::span<const double> first,
                                          std::span<const double> second) {
  auto has_nan = [](std::span<const double> values) {
    return std::any_of(values.begin(), values.end(), [](double v) { return std::isnan(v); });
  };
  if (first.empty() || second.empty() || has_nan(first) || has_nan(second)) {
    return std::nullopt;
  }

  std::size_t n1 = first.size();
  std::size_t n2 = second.size();
  Ranking ranking = rank_samples({first.begin(), first.end()}, {second.begin(), second.end()});
  double first_u = ranking.first_rank_sum - static_cast<double>(n1 * (n1 + 1)) / 2;
  double second_u = static_cast<double>(n1 * n2) - first_u;
  double u = std::max(first_u, second_u);

  TestOutcome outcome;
  outcome.statistic = first_u;
  outcome.exact = (n1 <= kExactMaxCount || n2 <= kExactMaxCount) && !ranking.has_ties;
  double p = outcome.exact ? exact_p(u, n1, n2) : asymptotic_p(u, n1, n2, ranking.tie_term);

  // The exact two-sided sum counts the middle value twice when U sits at
  // the mean, so it can pass 1.
  outcome.p_value = std::clamp(p, 0.0, 1.0);
  return outcome;
}

}  // namespace perfgate
