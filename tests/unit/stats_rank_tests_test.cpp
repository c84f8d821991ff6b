// Two-sample tests against SciPy 1.10.1 (Debian 12's python3-scipy). Each
// expected value names the call that produced it, run with /usr/bin/python3
// after `from scipy.stats import mannwhitneyu as mw, ttest_ind_from_stats as
// welch`, or says how it was worked out by hand.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "stats/rank_tests.h"

namespace perfgate {
namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr double kInfinity = std::numeric_limits<double>::infinity();

std::vector<double> arithmetic(std::size_t count, double start, double step = 1) {
  std::vector<double> values(count);
  for (std::size_t i = 0; i < count; ++i) values[i] = start + step * static_cast<double>(i);
  return values;
}

// (i * factor % modulus) / divisor for i = 0 .. count - 1; the same doubles
// as Python's [(i * factor % modulus) / divisor for i in range(count)].
std::vector<double> scrambled(std::size_t count, std::size_t factor, std::size_t modulus,
                              double divisor, double offset = 0) {
  std::vector<double> values(count);
  for (std::size_t i = 0; i < count; ++i) {
    values[i] = static_cast<double>(i * factor % modulus) / divisor + offset;
  }
  return values;
}

}  // namespace

TEST_CASE("mann_whitney_u: exact distribution for small samples without ties") {
  SECTION("3 vs 3, fully separated") {
    // mw([1,2,3],[4,5,6]) -> (0.0, 0.1); by hand 2 * 1 / C(6, 3) = 2 / 20.
    auto result = mann_whitney_u(std::vector{1.0, 2.0, 3.0}, std::vector{4.0, 5.0, 6.0});
    REQUIRE(result);
    CHECK(result->statistic == 0);
    CHECK(result->p_value == Approx(0.1).epsilon(1e-12));
    CHECK(result->exact);
  }

  SECTION("3 vs 3, interleaved") {
    // mw([1,2,5],[3,4,6]) -> (2.0, 0.4); by hand 2 * P(U <= 2) = 2 * 4 / 20.
    auto result = mann_whitney_u(std::vector{1.0, 2.0, 5.0}, std::vector{3.0, 4.0, 6.0});
    REQUIRE(result);
    CHECK(result->statistic == 2);
    CHECK(result->p_value == Approx(0.4).epsilon(1e-12));
  }

  SECTION("U at the mean: the doubled tail passes 1 and is clipped") {
    // mw([1,3,5],[2,4,6]) -> (3.0, 0.7); mw([1,4,5],[2,3,6]) -> (4.0, 1.0),
    // where 2 * P(U <= 4) = 2 * 12 / 20 = 1.2 by hand.
    auto middle = mann_whitney_u(std::vector{1.0, 3.0, 5.0}, std::vector{2.0, 4.0, 6.0});
    REQUIRE(middle);
    CHECK(middle->p_value == Approx(0.7).epsilon(1e-12));
    auto clipped = mann_whitney_u(std::vector{1.0, 4.0, 5.0}, std::vector{2.0, 3.0, 6.0});
    REQUIRE(clipped);
    CHECK(clipped->statistic == 4);
    CHECK(clipped->p_value == 1.0);
  }

  SECTION("2 vs 5") {
    // mw([3.5,9.1],[1.2,2.8,4.4,5.0,7.7]) -> (7.0, 0.5714285714285714)
    auto result = mann_whitney_u(std::vector{3.5, 9.1}, std::vector{1.2, 2.8, 4.4, 5.0, 7.7});
    REQUIRE(result);
    CHECK(result->statistic == 7);
    CHECK(result->p_value == Approx(0.5714285714285714).epsilon(1e-12));
    CHECK(result->exact);
  }

  SECTION("8 vs 20") {
    // mw([12.1,15.3,9.8,11.0,14.4,10.2,13.7,16.9],
    //    [10.5,12.9,11.7,13.1,9.1,8.6,12.4,10.9,11.3,14.9,
    //     9.5,10.1,12.0,11.9,13.9,8.9,10.7,12.6,9.9,11.5]) -> (110.0, 0.13576117923944012)
    std::vector first{12.1, 15.3, 9.8, 11.0, 14.4, 10.2, 13.7, 16.9};
    std::vector second{10.5, 12.9, 11.7, 13.1, 9.1,  8.6, 12.4, 10.9, 11.3, 14.9,
                       9.5,  10.1, 12.0, 11.9, 13.9, 8.9, 10.7, 12.6, 9.9,  11.5};
    auto result = mann_whitney_u(first, second);
    REQUIRE(result);
    CHECK(result->statistic == 110);
    CHECK(result->p_value == Approx(0.13576117923944012).epsilon(1e-12));
    CHECK(result->exact);
  }

  SECTION("8 vs 600, where the counts pass 2^53") {
    // import numpy as np
    // mw(np.arange(8.)*10+0.5, np.arange(600.)) -> (288.0, 2.1557288073699112e-07)
    auto result = mann_whitney_u(arithmetic(8, 0.5, 10), arithmetic(600, 0));
    REQUIRE(result);
    CHECK(result->statistic == 288);
    CHECK(result->p_value == Approx(2.1557288073699112e-07).epsilon(1e-12));
    CHECK(result->exact);
  }

  SECTION("8 vs 1000, where SciPy counts in exact integers, bit for bit") {
    // mw(np.arange(8.)*120+55.5, np.arange(1000.)) -> (3808.0, 0.8187527090214348)
    // The exact path uses only additions, divisions and integer-to-double
    // conversions, all correctly rounded, so it reproduces SciPy exactly;
    // counts summed in doubles instead would give 0.8187527090214347.
    auto result = mann_whitney_u(arithmetic(8, 55.5, 120), arithmetic(1000, 0));
    REQUIRE(result);
    CHECK(result->statistic == 3808);
    CHECK(result->p_value == 0.8187527090214348);
  }

  SECTION("1 vs 1") {
    // mw([1.0],[2.0]) -> (0.0, 1.0); by hand 2 * 1 / 2.
    auto result = mann_whitney_u(std::vector{1.0}, std::vector{2.0});
    REQUIRE(result);
    CHECK(result->p_value == 1.0);
    CHECK(result->exact);
  }
}

TEST_CASE("mann_whitney_u: normal approximation") {
  SECTION("ties force it even for small samples") {
    // mw([1,2,2,3],[2,3,4,5,5]) -> (2.5, 0.07854585095119067)
    auto result =
        mann_whitney_u(std::vector{1.0, 2.0, 2.0, 3.0}, std::vector{2.0, 3.0, 4.0, 5.0, 5.0});
    REQUIRE(result);
    CHECK(result->statistic == 2.5);
    CHECK(result->p_value == Approx(0.07854585095119067).epsilon(1e-12));
    CHECK_FALSE(result->exact);
  }

  SECTION("9 vs 9 without ties") {
    // mw([1.1,2.3,3.2,4.8,5.5,6.1,7.4,8.9,9.7],[2.0,4.1,5.9,7.0,8.2,10.3,11.5,12.8,13.6])
    //   -> (23.0, 0.1333202155896274)
    std::vector first{1.1, 2.3, 3.2, 4.8, 5.5, 6.1, 7.4, 8.9, 9.7};
    std::vector second{2.0, 4.1, 5.9, 7.0, 8.2, 10.3, 11.5, 12.8, 13.6};
    auto result = mann_whitney_u(first, second);
    REQUIRE(result);
    CHECK(result->statistic == 23);
    CHECK(result->p_value == Approx(0.1333202155896274).epsilon(1e-12));
    CHECK_FALSE(result->exact);
  }

  SECTION("unequal sizes with ties across the samples, 12 vs 30") {
    // mw([4.1,3.9,4.4,4.0,4.6,3.8,4.2,4.3,4.5,3.7,4.05,4.15],
    //    [4.0+0.01*((i*37)%53) for i in range(30)]) -> (129.5, 0.16376798585341468)
    std::vector first{4.1, 3.9, 4.4, 4.0, 4.6, 3.8, 4.2, 4.3, 4.5, 3.7, 4.05, 4.15};
    std::vector second{4.0,  4.37, 4.21, 4.05, 4.42, 4.26, 4.1,  4.47, 4.31, 4.15,
                       4.52, 4.36, 4.2,  4.04, 4.41, 4.25, 4.09, 4.46, 4.3,  4.14,
                       4.51, 4.35, 4.19, 4.03, 4.4,  4.24, 4.08, 4.45, 4.29, 4.13};
    auto result = mann_whitney_u(first, second);
    REQUIRE(result);
    CHECK(result->statistic == 129.5);
    CHECK(result->p_value == Approx(0.16376798585341468).epsilon(1e-12));
  }

  SECTION("all values equal on both sides: zero spread gives p = 1") {
    // mw([3.0]*4,[3.0]*6) -> (12.0, 1.0)
    auto result = mann_whitney_u(std::vector(4, 3.0), std::vector(6, 3.0));
    REQUIRE(result);
    CHECK(result->statistic == 12);
    CHECK(result->p_value == 1.0);
    CHECK_FALSE(result->exact);
  }

  SECTION("one side all equal") {
    // mw([5,5,5,5,5],[1,2,3,4,6,7]) -> (20.0, 0.38886121403562657)
    auto result = mann_whitney_u(std::vector(5, 5.0), std::vector{1.0, 2.0, 3.0, 4.0, 6.0, 7.0});
    REQUIRE(result);
    CHECK(result->statistic == 20);
    CHECK(result->p_value == Approx(0.38886121403562657).epsilon(1e-12));
  }

  SECTION("a far tail that does not underflow") {
    // mw(np.arange(900.), np.arange(900.)+850.5) -> (1225.0, 1.3252769754830246e-293)
    auto result = mann_whitney_u(arithmetic(900, 0), arithmetic(900, 850.5));
    REQUIRE(result);
    CHECK(result->statistic == 1225);
    CHECK(result->p_value == Approx(1.3252769754830246e-293).epsilon(1e-12));
  }

  SECTION("1000 vs 1000 separated underflows to 0 exactly") {
    // mw([1.0]*1000,[2.0]*1000) -> (0.0, 0.0)
    auto result = mann_whitney_u(std::vector(1000, 1.0), std::vector(1000, 2.0));
    REQUIRE(result);
    CHECK(result->statistic == 0);
    CHECK(result->p_value == 0.0);
  }

  SECTION("SciPy's tail is 0 where std::erfc would still be subnormal") {
    // mw(np.arange(960.), np.arange(960.)+960) -> (0.0, 0.0), while
    // 0.5*math.erfc(z/math.sqrt(2)) with z = (960*960/2-0.5)/math.sqrt(960*960*1921/12)
    // is 3.1e-315.
    auto result = mann_whitney_u(arithmetic(960, 0), arithmetic(960, 960));
    REQUIRE(result);
    CHECK(result->p_value == 0.0);
  }
}

TEST_CASE("mann_whitney_u: the statistic belongs to the first sample") {
  // U2 = n1 * n2 - U1 = 15 - 7; the two-sided p-value does not change.
  std::vector first{3.5, 9.1};
  std::vector second{1.2, 2.8, 4.4, 5.0, 7.7};
  auto forward = mann_whitney_u(first, second);
  auto backward = mann_whitney_u(second, first);
  REQUIRE(forward);
  REQUIRE(backward);
  CHECK(backward->statistic == 3);
  CHECK(backward->p_value == forward->p_value);
}

TEST_CASE("mann_whitney_u: no answer for an empty sample or a NaN") {
  std::vector<double> empty;
  std::vector some{1.0, 2.0};
  CHECK_FALSE(mann_whitney_u(empty, some));
  CHECK_FALSE(mann_whitney_u(some, empty));
  CHECK_FALSE(mann_whitney_u(std::vector{1.0, kNan}, some));
  CHECK_FALSE(mann_whitney_u(some, std::vector{kNan}));
}

TEST_CASE("welch_t_test matches ttest_ind_from_stats(..., equal_var=False)") {
  SECTION("moderate samples") {
    // welch(10.0, 1.5, 20, 11.0, 2.0, 25, equal_var=False)
    //   -> (-1.9156525704423026, 0.062097059415099215)
    auto result = welch_t_test(10.0, 1.5, 20, 11.0, 2.0, 25);
    REQUIRE(result);
    CHECK(result->statistic == Approx(-1.9156525704423026).epsilon(1e-12));
    CHECK(result->p_value == Approx(0.062097059415099215).epsilon(1e-12));
    CHECK_FALSE(result->exact);
  }

  SECTION("unequal counts") {
    // welch(100.0, 3.0, 5, 104.0, 1.0, 50, equal_var=False)
    //   -> (-2.9649972666444047, 0.04022154484225984)
    auto result = welch_t_test(100.0, 3.0, 5, 104.0, 1.0, 50);
    REQUIRE(result);
    CHECK(result->statistic == Approx(-2.9649972666444047).epsilon(1e-12));
    CHECK(result->p_value == Approx(0.04022154484225984).epsilon(1e-12));
  }

  SECTION("tiny standard deviations") {
    // welch(1.0, 1e-9, 30, 1.0000001, 2e-9, 10, equal_var=False)
    //   -> (-151.91090515124577, 5.970509503935928e-19)
    auto result = welch_t_test(1.0, 1e-9, 30, 1.0000001, 2e-9, 10);
    REQUIRE(result);
    CHECK(result->statistic == Approx(-151.91090515124577).epsilon(1e-12));
    CHECK(result->p_value == Approx(5.970509503935928e-19).epsilon(1e-12));
  }

  SECTION("one standard deviation zero") {
    // welch(5.0, 0.0, 10, 6.0, 1.0, 10, equal_var=False)
    //   -> (-3.162277660168379, 0.011507985165943651)
    auto result = welch_t_test(5.0, 0.0, 10, 6.0, 1.0, 10);
    REQUIRE(result);
    CHECK(result->statistic == Approx(-3.162277660168379).epsilon(1e-12));
    CHECK(result->p_value == Approx(0.011507985165943651).epsilon(1e-12));
  }

  SECTION("many degrees of freedom") {
    // welch(250.0, 12.5, 1000, 251.0, 14.0, 1000, equal_var=False)
    //   -> (-1.6849014308841928, 0.09216574837203038)
    auto result = welch_t_test(250.0, 12.5, 1000, 251.0, 14.0, 1000);
    REQUIRE(result);
    CHECK(result->statistic == Approx(-1.6849014308841928).epsilon(1e-12));
    CHECK(result->p_value == Approx(0.09216574837203038).epsilon(1e-12));
  }

  SECTION("a hundred thousand repetitions, where the continued fraction cancels most") {
    // welch(0.0, 1.0, 100000, 0.0104, 1.1, 90000, equal_var=False)
    //   -> (-2.147896579363124, 0.03172328312742925)
    auto result = welch_t_test(0.0, 1.0, 100000, 0.0104, 1.1, 90000);
    REQUIRE(result);
    CHECK(result->statistic == Approx(-2.147896579363124).epsilon(1e-12));
    CHECK(result->p_value == Approx(0.03172328312742925).epsilon(1e-12));
  }

  SECTION("variances whose squares underflow fall back to 1 degree of freedom") {
    // welch(0.0, 1e-160, 10, 1e-170, 2e-160, 12, equal_var=False)
    //   -> (-1.5191752447485042e-10, 0.9999999999032863)
    auto result = welch_t_test(0.0, 1e-160, 10, 1e-170, 2e-160, 12);
    REQUIRE(result);
    CHECK(result->statistic == Approx(-1.5191752447485042e-10).epsilon(1e-12));
    CHECK(result->p_value == Approx(0.9999999999032863).epsilon(1e-12));
  }

  SECTION("equal means") {
    // welch(7.0, 2.0, 3, 7.0, 3.0, 4, equal_var=False) -> (0.0, 1.0)
    auto result = welch_t_test(7.0, 2.0, 3, 7.0, 3.0, 4);
    REQUIRE(result);
    CHECK(result->statistic == 0);
    CHECK(result->p_value == 1.0);
  }
}

TEST_CASE("welch_t_test: no answer without two repetitions or any spread") {
  CHECK_FALSE(welch_t_test(1.0, 0.5, 1, 2.0, 0.5, 10));
  CHECK_FALSE(welch_t_test(1.0, 0.5, 10, 2.0, 0.5, 0));
  CHECK_FALSE(welch_t_test(1.0, 0.0, 10, 2.0, 0.0, 10));
  CHECK_FALSE(welch_t_test(kNan, 0.5, 10, 2.0, 0.5, 10));
  CHECK_FALSE(welch_t_test(1.0, -0.5, 10, 2.0, 0.5, 10));
}

// SciPy's t.ppf stops its root search at about 1e-9 relative, so the
// references refine t.isf with Newton steps on stdtr, which is accurate:
//   import math; from scipy.stats import t; from scipy.special import stdtr
//   def ci(m1, s1, n1, m2, s2, n2, a):
//       v1, v2 = s1**2/n1, s2**2/n2; se = math.sqrt(v1 + v2)
//       df = (v1+v2)**2/(v1**2/(n1-1)+v2**2/(n2-1)); q = t.isf(a/2, df)
//       for _ in range(3): q += (stdtr(df, -q) - a/2)/t.pdf(q, df)
//       return m2 - m1 - q*se, m2 - m1 + q*se
TEST_CASE("welch_interval matches the t quantile") {
  SECTION("moderate samples") {
    // ci(10.0, 1.5, 20, 11.0, 2.0, 25, 0.05) -> (-0.0528481800915821, 2.052848180091582)
    auto interval = welch_interval(10.0, 1.5, 20, 11.0, 2.0, 25, 0.05);
    REQUIRE(interval);
    CHECK(interval->low == Approx(-0.0528481800915821).epsilon(1e-12));
    CHECK(interval->high == Approx(2.052848180091582).epsilon(1e-12));
  }

  SECTION("unequal counts at 99%") {
    // ci(100.0, 3.0, 5, 104.0, 1.0, 50, 0.01)
    //   -> (-2.1195702380466255, 10.119570238046625)
    auto interval = welch_interval(100.0, 3.0, 5, 104.0, 1.0, 50, 0.01);
    REQUIRE(interval);
    CHECK(interval->low == Approx(-2.1195702380466255).epsilon(1e-12));
    CHECK(interval->high == Approx(10.119570238046625).epsilon(1e-12));
  }

  SECTION("tiny standard deviations") {
    // ci(1.0, 1e-9, 30, 1.0000001, 2e-9, 10, 0.05)
    //   -> (9.854337812268484e-08, 1.014566219940886e-07)
    auto interval = welch_interval(1.0, 1e-9, 30, 1.0000001, 2e-9, 10, 0.05);
    REQUIRE(interval);
    CHECK(interval->low == Approx(9.854337812268484e-08).epsilon(1e-12));
    CHECK(interval->high == Approx(1.014566219940886e-07).epsilon(1e-12));
  }

  SECTION("one degree of freedom each side, the heaviest tails") {
    // ci(0.0, 1.0, 2, 0.0, 1.0, 2, 0.05) -> (-4.302652729749464, 4.302652729749464)
    auto interval = welch_interval(0.0, 1.0, 2, 0.0, 1.0, 2, 0.05);
    REQUIRE(interval);
    CHECK(interval->low == Approx(-4.302652729749464).epsilon(1e-12));
    CHECK(interval->high == Approx(4.302652729749464).epsilon(1e-12));
  }

  SECTION("many degrees of freedom") {
    // ci(250.0, 12.5, 1000, 251.0, 14.0, 1000, 0.05)
    //   -> (-0.1639655095848842, 2.163965509584884)
    auto interval = welch_interval(250.0, 12.5, 1000, 251.0, 14.0, 1000, 0.05);
    REQUIRE(interval);
    CHECK(interval->low == Approx(-0.1639655095848842).epsilon(1e-12));
    CHECK(interval->high == Approx(2.163965509584884).epsilon(1e-12));
  }

  SECTION("no answer where the test has none, or for alpha outside (0, 1)") {
    CHECK_FALSE(welch_interval(1.0, 0.5, 1, 2.0, 0.5, 10, 0.05));
    CHECK_FALSE(welch_interval(1.0, 0.0, 10, 2.0, 0.0, 10, 0.05));
    CHECK_FALSE(welch_interval(1.0, 0.5, 10, 2.0, 0.5, 10, 0.0));
    CHECK_FALSE(welch_interval(1.0, 0.5, 10, 2.0, 0.5, 10, 1.0));
  }
}

// Small-sample references from the definition, the null distribution by
// enumerating every arrangement:
//   import itertools as it; from fractions import Fraction as F
//   def hl(x, y, a):
//       m, n = len(x), len(y)
//       us = [sum(r) - m*(m-1)//2 for r in it.combinations(range(m+n), m)]
//       ok = [c for c in range(1, m*n+2) if F(sum(u <= c-1 for u in us), len(us)) <= a/2]
//       if not ok: return None
//       C = max(ok); d = sorted(b - a_ for a_ in x for b in y)
//       return C, d[C-1], d[m*n-C]
// and large-sample ones from the normal approximation:
//   import math, numpy as np; from scipy.stats import norm
//   def hl_normal(x, y, a):
//       m, n = len(x), len(y)
//       C = math.floor(m*n/2 + 0.5 - norm.isf(a/2)*math.sqrt(m*n*(m+n+1)/12))
//       d = np.sort((np.asarray(y, float)[None, :] - np.asarray(x, float)[:, None]).ravel())
//       return C, d[C-1], d[m*n-C]
TEST_CASE("shift_interval: Hodges-Lehmann order statistics") {
  SECTION("3 vs 3 reaches 90% only with the extreme differences") {
    // hl([1,2,3],[4,5,6],F(1,10)) -> (1, 1, 5): P(U <= 0) = 1/20 is alpha/2.
    auto interval = shift_interval(std::vector{1.0, 2.0, 3.0}, std::vector{4.0, 5.0, 6.0}, 0.1);
    REQUIRE(interval);
    CHECK(interval->low == 1);
    CHECK(interval->high == 5);
  }

  SECTION("5 vs 6 at 95%") {
    // hl([10.2,11.5,9.8,12.1,10.9],[12.4,13.0,11.8,14.2,12.9,13.6],F(1,20))
    //   -> (4, 0.8000000000000007, 3.4000000000000004)
    auto interval = shift_interval(std::vector{10.2, 11.5, 9.8, 12.1, 10.9},
                                   std::vector{12.4, 13.0, 11.8, 14.2, 12.9, 13.6}, 0.05);
    REQUIRE(interval);
    CHECK(interval->low == Approx(0.8000000000000007).epsilon(1e-12));
    CHECK(interval->high == Approx(3.4000000000000004).epsilon(1e-12));
  }

  SECTION("8 vs 12 at 95%") {
    // hl([12.1,15.3,9.8,11.0,14.4,10.2,13.7,16.9],
    //    [10.5,12.9,11.7,13.1,9.1,8.6,12.4,10.9,11.3,14.9,9.5,10.1],F(1,20))
    //   -> (23, -4.0, 0.6999999999999993)
    std::vector first{12.1, 15.3, 9.8, 11.0, 14.4, 10.2, 13.7, 16.9};
    std::vector second{10.5, 12.9, 11.7, 13.1, 9.1, 8.6, 12.4, 10.9, 11.3, 14.9, 9.5, 10.1};
    auto interval = shift_interval(first, second, 0.05);
    REQUIRE(interval);
    CHECK(interval->low == Approx(-4.0).epsilon(1e-12));
    CHECK(interval->high == Approx(0.6999999999999993).epsilon(1e-12));
  }

  SECTION("a tail exactly alpha/2 still counts: 1 vs 39 at 95%") {
    // hl([20],list(range(39)),F(1,20)) -> (1, -20, 18): P(U <= 0) = 1/40.
    auto interval = shift_interval(std::vector{20.0}, arithmetic(39, 0), 0.05);
    REQUIRE(interval);
    CHECK(interval->low == -20);
    CHECK(interval->high == 18);
  }

  SECTION("ties") {
    // hl([1,1,2,2,3],[2,3,3,4,4,5],F(1,10)) -> (6, 1, 3)
    auto interval = shift_interval(std::vector{1.0, 1.0, 2.0, 2.0, 3.0},
                                   std::vector{2.0, 3.0, 3.0, 4.0, 4.0, 5.0}, 0.1);
    REQUIRE(interval);
    CHECK(interval->low == 1);
    CHECK(interval->high == 3);
  }

  SECTION("normal approximation, 60 vs 70") {
    // hl_normal([(i*7919 % 1009)/7.0 for i in range(60)],
    //           [(i*104729 % 1013)/9.0 + 5 for i in range(70)], 0.1)
    //   -> (1748, -25.142857142857142, -1.5238095238095326); the continuity
    // correction matters here: C would be 1747 without it.
    auto interval =
        shift_interval(scrambled(60, 7919, 1009, 7), scrambled(70, 104729, 1013, 9, 5), 0.1);
    REQUIRE(interval);
    CHECK(interval->low == -25.142857142857142);
    CHECK(interval->high == -1.5238095238095326);
  }

  SECTION("1000 vs 1200, selected without forming 1.2 million differences") {
    // hl_normal([(i*7919 % 1009)/10.0 for i in range(1000)],
    //           [(i*104729 % 1013)/8.0 + 3 for i in range(1200)], 0.05)
    //   -> (570922, 12.625, 18.75)
    auto interval =
        shift_interval(scrambled(1000, 7919, 1009, 10), scrambled(1200, 104729, 1013, 8, 3), 0.05);
    REQUIRE(interval);
    CHECK(interval->low == 12.625);
    CHECK(interval->high == 18.75);
  }

  SECTION("1000 vs 1200 with heavy ties at 99%") {
    // hl_normal([float((i*7919 % 1009)//10) for i in range(1000)],
    //           [float((i*104729 % 1013)//8 + 3) for i in range(1200)], 0.01)
    //   -> (561786, 12.0, 20.0)
    std::vector<double> first(1000);
    std::vector<double> second(1200);
    for (std::size_t i = 0; i < first.size(); ++i) {
      first[i] = static_cast<double>(i * 7919 % 1009 / 10);
    }
    for (std::size_t i = 0; i < second.size(); ++i) {
      second[i] = static_cast<double>(i * 104729 % 1013 / 8 + 3);
    }
    auto interval = shift_interval(first, second, 0.01);
    REQUIRE(interval);
    CHECK(interval->low == 12);
    CHECK(interval->high == 20);
  }
}

TEST_CASE("shift_interval: no answer when it cannot be had") {
  std::vector small{1.0, 2.0, 3.0};
  std::vector other{4.0, 5.0, 6.0};

  // hl([1,2,3],[4,5,6],F(1,20)) -> None: P(U <= 0) = 1/20 is above 0.025.
  CHECK_FALSE(shift_interval(small, other, 0.05));

  CHECK_FALSE(shift_interval(std::vector<double>{}, other, 0.1));
  CHECK_FALSE(shift_interval(small, std::vector{4.0, kNan, 6.0}, 0.1));
  CHECK_FALSE(shift_interval(small, std::vector{4.0, kInfinity}, 0.1));
  CHECK_FALSE(shift_interval(small, other, 0.0));
  CHECK_FALSE(shift_interval(small, other, 1.0));
}

}  // namespace perfgate
