// Welch's t test and interval, with the Student t distribution computed here
// from the regularized incomplete beta function.
#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "stats/rank_tests.h"

namespace perfgate {
namespace {

// The distribution is evaluated in long double (64-bit mantissa on x86-64):
// near the switch between the fraction and its complement the continued
// fraction cancels, and for tens of thousands of degrees of freedom double
// arithmetic lost up to 1e-11 relative against SciPy. Where long double is
// plain double the results are still good to about that.
using Wide = long double;

constexpr double kEpsilon = std::numeric_limits<double>::epsilon();
constexpr Wide kWideEpsilon = std::numeric_limits<Wide>::epsilon();
constexpr double kInfinity = std::numeric_limits<double>::infinity();

// Keeps Lentz's continued fraction away from dividing by zero.
constexpr Wide kTiny = 1e-300L;

// The continued fraction needs about sqrt(max(a, b)) terms; this is far
// beyond what any count of repetitions asks for.
constexpr int kMaxFractionTerms = 100000;

constexpr int kMaxQuantileSteps = 200;

// From this argument on, eight terms of Stirling's series give lgamma's
// remainder to within 2e-18, the size of the first term left out.
constexpr Wide kStirlingFrom = 10;

// The remainder of Stirling's formula, lgamma(x) - ((x - 1/2) log x - x +
// log(2 pi) / 2), for x >= kStirlingFrom: the terms B_2k / (2k (2k - 1) x^(2k-1)).
Wide stirling_remainder(Wide x) {
  constexpr Wide kCoefficients[] = {1.0L / 12,   -1.0L / 360,      1.0L / 1260, -1.0L / 1680,
                                    1.0L / 1188, -691.0L / 360360, 1.0L / 156,  -3617.0L / 122400};
  Wide inverse_square = 1 / (x * x);
  Wide sum = 0;
  for (int i = 7; i >= 0; --i) sum = sum * inverse_square + kCoefficients[i];
  return sum / x;
}

// log B(a, b). For a large argument lgamma(big) - lgamma(big + small) would
// cancel thousands down to a few units and lose digits, so that difference
// is taken from Stirling's formula with its large terms cancelled by hand.
Wide log_beta(Wide a, Wide b) {
  Wide small = std::min(a, b);
  Wide big = std::max(a, b);
  if (big < kStirlingFrom) return std::lgamma(small) + std::lgamma(big) - std::lgamma(a + b);

  Wide sum = big + small;
  Wide ratio_term = -small * std::log(big) - (sum - 0.5L) * std::log1p(small / big) + small;
  return std::lgamma(small) + ratio_term + stirling_remainder(big) - stirling_remainder(sum);
}

// The continued fraction of I_x(a, b) (Abramowitz & Stegun 26.5.8) by the
// modified Lentz method; it converges fast for x < (a + 1) / (a + b + 2).
Wide beta_fraction(Wide a, Wide b, Wide x) {
  auto guard = [](Wide v) { return std::abs(v) < kTiny ? kTiny : v; };
  Wide c = 1;
  Wide d = 1 / guard(1 - (a + b) * x / (a + 1));
  Wide fraction = d;
  for (int m = 1; m <= kMaxFractionTerms; ++m) {
    Wide twice = 2.0L * m;
    Wide even = m * (b - m) * x / ((a + twice - 1) * (a + twice));
    d = 1 / guard(1 + even * d);
    c = guard(1 + even / c);
    fraction *= d * c;

    Wide odd = -(a + m) * (a + b + m) * x / ((a + twice) * (a + twice + 1));
    d = 1 / guard(1 + odd * d);
    c = guard(1 + odd / c);
    Wide change = d * c;
    fraction *= change;
    if (std::abs(change - 1) <= kWideEpsilon) break;
  }
  return fraction;
}

// The regularized incomplete beta function I_x(a, b), given both x and
// y = 1 - x so that a caller who knows y precisely does not lose it.
Wide incomplete_beta(Wide a, Wide b, Wide x, Wide y) {
  if (x <= 0) return 0;
  if (y <= 0) return 1;

  // x^a y^b / B(a, b), in logarithms, taking each logarithm from whichever
  // of x and y is smaller.
  Wide log_x = x < 0.5L ? std::log(x) : std::log1p(-y);
  Wide log_y = y < 0.5L ? std::log(y) : std::log1p(-x);
  Wide front = std::exp(a * log_x + b * log_y - log_beta(a, b));

  if (x < (a + 1) / (a + b + 2)) return front * beta_fraction(a, b, x) / a;
  return 1 - front * beta_fraction(b, a, y) / b;
}

// P(|T| >= |t|) for Student's t with dof degrees of freedom, which is
// I_{dof / (dof + t^2)}(dof / 2, 1 / 2), the form CDFLIB's cumt (behind
// SciPy's stdtr) uses.
double two_sided_p(double t, double dof) {
  if (std::isinf(t)) return 0;

  Wide square = static_cast<Wide>(t) * t;
  Wide sum = dof + square;
  return static_cast<double>(incomplete_beta(dof / 2.0L, 0.5L, dof / sum, square / sum));
}

// Density of Student's t.
double t_density(double t, double dof) {
  Wide log_density =
      -(dof + 1) / 2 * std::log1p(t * t / dof) - 0.5 * std::log(dof) - log_beta(dof / 2.0L, 0.5L);
  return static_cast<double>(std::exp(log_density));
}

// The t > 0 with P(|T| >= t) = alpha. Newton's method on log p, which is
// nearly straight in t for the small alphas of interest, kept inside a
// bracket it shrinks as it goes; any step that leaves the bracket bisects it
// (or doubles t while there is no upper end yet).
double two_sided_quantile(double alpha, double dof) {
  double target = std::log(alpha);
  double low = 0;
  double high = kInfinity;
  double t = 1;
  for (int step = 0; step < kMaxQuantileSteps; ++step) {
    double p = two_sided_p(t, dof);
    if (p == alpha) return t;
    if (p > alpha) {
      low = t;
    } else {
      high = t;
    }

    double log_slope = -2 * t_density(t, dof) / p;
    double next = t - (std::log(p) - target) / log_slope;
    if (!(next > low && next < high)) next = std::isinf(high) ? 2 * t : low + (high - low) / 2;
    if (std::abs(next - t) <= 2 * kEpsilon * t) return next;
    t = next;
  }
  return t;
}

struct Welch {
  double dof = 0;
  double standard_error = 0;  ///< of the difference in means
};

// Welch-Satterthwaite degrees of freedom and the standard error, with
// SciPy's operations in SciPy's order (_unequal_var_ttest_denom).
std::optional<Welch> welch_terms(double stddev1, std::size_t count1, double stddev2,
                                 std::size_t count2) {
  if (count1 < 2 || count2 < 2) return std::nullopt;
  if (!(stddev1 >= 0) || !(stddev2 >= 0) || std::isinf(stddev1) || std::isinf(stddev2)) {
    return std::nullopt;
  }

  auto n1 = static_cast<double>(count1);
  auto n2 = static_cast<double>(count2);
  double share1 = stddev1 * stddev1 / n1;
  double share2 = stddev2 * stddev2 / n2;
  double variance = share1 + share2;

  // Both deviations zero (or too small to square) leaves no spread to test
  // against; SciPy would answer t = inf and p = 0.
  if (variance == 0) return std::nullopt;

  Welch welch;
  welch.dof = variance * variance / (share1 * share1 / (n1 - 1) + share2 * share2 / (n2 - 1));
  welch.standard_error = std::sqrt(variance);

  // Squares of variances that underflow (or overflow) leave 0 / 0 or
  // inf / inf; SciPy then takes 1 degree of freedom, and so do we.
  if (std::isnan(welch.dof)) welch.dof = 1;
  return welch;
}

}  // namespace

std::optional<TestOutcome> welch_t_test(double mean1, double stddev1, std::size_t count1,
                                        double mean2, double stddev2, std::size_t count2) {
  std::optional<Welch> welch = welch_terms(stddev1, count1, stddev2, count2);
  if (!welch || !std::isfinite(mean1) || !std::isfinite(mean2)) return std::nullopt;

  TestOutcome outcome;
  outcome.statistic = (mean1 - mean2) / welch->standard_error;
  outcome.p_value = two_sided_p(outcome.statistic, welch->dof);
  return outcome;
}

std::optional<Interval> welch_interval(double mean1, double stddev1, std::size_t count1,
                                       double mean2, double stddev2, std::size_t count2,
                                       double alpha) {
  std::optional<Welch> welch = welch_terms(stddev1, count1, stddev2, count2);
  if (!welch || !std::isfinite(mean1) || !std::isfinite(mean2)) return std::nullopt;
  if (!(alpha > 0 && alpha < 1)) return std::nullopt;

  double half_width = two_sided_quantile(alpha, welch->dof) * welch->standard_error;
  double shift = mean2 - mean1;
  return Interval{shift - half_width, shift + half_width};
}

}  // namespace perfgate
