// The Hodges-Lehmann confidence interval for a shift in location: the
// interval between two order statistics of the n1 * n2 differences
// second[j] - first[i], chosen with the Mann-Whitney null distribution
// (Hollander & Wolfe, Nonparametric Statistical Methods, the interval that
// goes with the rank sum test; R's wilcox.test(conf.int = TRUE) likewise).
#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "stats/mann_whitney_null.h"
#include "stats/rank_tests.h"

namespace perfgate {
namespace {

// R's wilcox.test uses the exact null distribution while both samples are
// below this size and the normal approximation from there on; so do we.
constexpr std::size_t kExactBelowCount = 50;

// Below this many candidates the selection just sorts what is left.
constexpr std::size_t kGatherAtMost = 4096;

constexpr int kBisectionSteps = 200;

// The z with P(Z > z) = upper_tail for a standard normal Z, by bisection on
// erfc, which is monotone and cheap; the critical rank needs far less
// precision than this gives.
double normal_upper_quantile(double upper_tail) {
  double low = -40;
  double high = 40;
  for (int step = 0; step < kBisectionSteps; ++step) {
    double middle = low + (high - low) / 2;
    if (middle == low || middle == high) break;
    if (0.5 * std::erfc(middle / std::sqrt(2.0)) > upper_tail) {
      low = middle;
    } else {
      high = middle;
    }
  }
  return low + (high - low) / 2;
}

// Hollander and Wolfe's C: the largest c with P(U <= c - 1) <= alpha / 2, so
// that [d_(C), d_(n1 n2 - C + 1)] covers the shift with probability at least
// 1 - alpha. Zero when even the most extreme order statistics fall short.
// R's wilcox.test picks the same order statistics except when a tail equals
// alpha / 2 exactly, where it takes the next ones further out.
std::size_t critical_rank(std::size_t n1, std::size_t n2, double alpha) {
  std::size_t pairs = n1 * n2;
  if (n1 < kExactBelowCount && n2 < kExactBelowCount) {
    std::vector<double> counts = mann_whitney_null_counts(n1, n2, pairs / 2);
    double total = mann_whitney_arrangements(n1, n2);

    // While the counts stay below 2^53 (up to about 28 values a side) they
    // are exact and the division rounds correctly, so a tail of exactly
    // alpha / 2, such as 1 / 40 for alpha 0.05, compares equal to it. Past
    // that such an exact tie could go either way by a rounding.
    double tail = 0;
    std::size_t rank = 0;
    while (rank < counts.size()) {
      tail += counts[rank];
      if (tail / total > alpha / 2) break;
      ++rank;
    }
    return rank;
  }

  // P(U <= c - 1) ~ Phi((c - 1/2 - n1 n2 / 2) / sigma), with the continuity
  // correction and without a correction for ties.
  auto product = static_cast<double>(pairs);
  double sigma = std::sqrt(product * static_cast<double>(n1 + n2 + 1) / 12);
  double bound = std::floor(product / 2 + 0.5 - normal_upper_quantile(alpha / 2) * sigma);
  return bound < 1 ? 0 : static_cast<std::size_t>(bound);
}

// The rank-th smallest (1-based) of second[j] - first[i] over all pairs,
// both samples sorted, without forming all n1 * n2 differences. Row i,
// second[.] - first[i], is ascending; as i grows each column descends. Every
// round takes the weighted median of the row medians of what remains as a
// pivot, counts the differences below and at it with one pass per row
// boundary, and drops the side that cannot hold the answer: at least a
// quarter of the candidates each round.
double select_difference(const std::vector<double>& first, const std::vector<double>& second,
                         std::size_t rank) {
  // Columns [begin, end) of each row are still candidates; those left of
  // begin are known to be below the answer, those from end on above it.
  struct Row {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::size_t below = 0;    ///< columns below the pivot
    std::size_t through = 0;  ///< columns at or below the pivot
  };
  std::vector<Row> rows(first.size(), Row{0, second.size(), 0, 0});
  std::vector<std::pair<double, std::size_t>> medians;
  medians.reserve(rows.size());

  while (true) {
    std::size_t remaining = 0;
    std::size_t dropped_low = 0;
    for (const Row& row : rows) {
      remaining += row.end - row.begin;
      dropped_low += row.begin;
    }

    if (remaining <= kGatherAtMost) {
      std::vector<double> candidates;
      candidates.reserve(remaining);
      for (std::size_t i = 0; i < rows.size(); ++i) {
        for (std::size_t j = rows[i].begin; j < rows[i].end; ++j) {
          candidates.push_back(second[j] - first[i]);
        }
      }
      auto nth = candidates.begin() + static_cast<std::ptrdiff_t>(rank - dropped_low - 1);
      std::nth_element(candidates.begin(), nth, candidates.end());
      return *nth;
    }

    medians.clear();
    for (std::size_t i = 0; i < rows.size(); ++i) {
      std::size_t width = rows[i].end - rows[i].begin;
      if (width == 0) continue;
      medians.emplace_back(second[rows[i].begin + width / 2] - first[i], width);
    }
    std::sort(medians.begin(), medians.end());
    double pivot = medians.back().first;
    std::size_t weight = 0;
    for (const auto& [value, row_weight] : medians) {
      weight += row_weight;
      if (2 * weight >= remaining) {
        pivot = value;
        break;
      }
    }

    // Rounding is monotone, so the computed differences keep the order of
    // the exact ones and the counts below and at the pivot only grow with i.
    std::size_t count_below = 0;
    std::size_t count_through = 0;
    std::size_t j_below = 0;
    std::size_t j_through = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      while (j_below < second.size() && second[j_below] - first[i] < pivot) ++j_below;
      while (j_through < second.size() && second[j_through] - first[i] <= pivot) ++j_through;
      rows[i].below = j_below;
      rows[i].through = j_through;
      count_below += j_below;
      count_through += j_through;
    }

    if (rank > count_below && rank <= count_through) return pivot;
    for (Row& row : rows) {
      if (rank <= count_below) {
        row.end = std::min(row.end, row.below);
      } else {
        row.begin = std::max(row.begin, row.through);
      }
    }
  }
}

}  // namespace

std::optional<Interval> shift_interval(std::span<const double> first,
                                       std::span<const double> second, double alpha) {
  auto all_finite = [](std::span<const double> values) {
    return std::all_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); });
  };
  if (first.empty() || second.empty() || !all_finite(first) || !all_finite(second)) {
    return std::nullopt;
  }
  if (!(alpha > 0 && alpha < 1)) return std::nullopt;

  std::size_t rank = critical_rank(first.size(), second.size(), alpha);
  if (rank == 0) return std::nullopt;

  std::vector<double> sorted_first(first.begin(), first.end());
  std::vector<double> sorted_second(second.begin(), second.end());
  std::sort(sorted_first.begin(), sorted_first.end());
  std::sort(sorted_second.begin(), sorted_second.end());
  std::size_t pairs = first.size() * second.size();
  return Interval{select_difference(sorted_first, sorted_second, rank),
                  select_difference(sorted_first, sorted_second, pairs - rank + 1)};
}

}  // namespace perfgate
