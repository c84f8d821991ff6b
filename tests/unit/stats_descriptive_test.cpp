// Descriptive statistics. Expected values are by hand or from NumPy/SciPy on
// Debian 12 (/usr/bin/python3 with `import numpy as np`), the call beside each.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "stats/descriptive.h"

namespace perfgate {
namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr double kInfinity = std::numeric_limits<double>::infinity();

}  // namespace

TEST_CASE("mean") {
  // np.mean([1.5, 2.5, 4.0]) -> 2.6666666666666665; by hand 8 / 3.
  CHECK(mean(std::vector{1.5, 2.5, 4.0}) == Approx(2.6666666666666665).epsilon(1e-12));
  CHECK(mean(std::vector{-3.0}) == -3.0);
  CHECK(std::isnan(mean(std::vector<double>{})));
}

TEST_CASE("median") {
  SECTION("odd count: the middle value of the sorted samples") {
    // np.median([3.0, 1.0, 2.0]) -> 2.0
    CHECK(median(std::vector{3.0, 1.0, 2.0}) == 2.0);
    CHECK(median(std::vector{7.5}) == 7.5);
  }

  SECTION("even count: the mean of the two middle values") {
    // np.median([4.0, 1.0, 3.0, 2.0]) -> 2.5
    CHECK(median(std::vector{4.0, 1.0, 3.0, 2.0}) == 2.5);
    CHECK(median(std::vector{10.0, 2.0}) == 6.0);
    CHECK(median(std::vector{5.0, 5.0, 1.0, 9.0, 5.0, 5.0}) == 5.0);
  }

  SECTION("no samples or a NaN gives NaN") {
    CHECK(std::isnan(median(std::vector<double>{})));
    CHECK(std::isnan(median(std::vector{1.0, kNan, 3.0})));
    CHECK(std::isnan(median(std::vector{kNan, 2.0, 3.0, 4.0})));
  }
}

TEST_CASE("sample_stddev") {
  // np.std([2,4,4,4,5,5,7,9], ddof=1) -> 2.138089935299395; by hand
  // sqrt(32 / 7), the squares about the mean 5 summing to 32.
  CHECK(sample_stddev(std::vector{2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0}) ==
        Approx(2.138089935299395).epsilon(1e-12));

  // A large offset must not swamp a small spread: np.std([1e9+1, 1e9+2, 1e9+3], ddof=1) -> 1.0
  CHECK(sample_stddev(std::vector{1e9 + 1, 1e9 + 2, 1e9 + 3}) == Approx(1.0).epsilon(1e-12));

  CHECK(sample_stddev(std::vector{42.0}) == 0);
  CHECK(sample_stddev(std::vector{3.0, 3.0, 3.0}) == 0);
  // 0.1 is not representable: a mean computed as sum / n differs from it in
  // the last bit, which a two-pass formula turns into a spurious deviation.
  CHECK(sample_stddev(std::vector{0.1, 0.1, 0.1}) == 0);
  CHECK(sample_stddev(std::vector{4.1e-7, 4.1e-7, 4.1e-7, 4.1e-7, 4.1e-7}) == 0);
  CHECK(sample_stddev(std::vector<double>{}) == 0);
}

TEST_CASE("geometric_mean") {
  // By hand: (1 * 10 * 100)^(1/3) = 10 and (2 * 8)^(1/2) = 4.
  auto decades = geometric_mean(std::vector{1.0, 10.0, 100.0});
  REQUIRE(decades);
  CHECK(*decades == Approx(10.0).epsilon(1e-12));
  auto pair = geometric_mean(std::vector{2.0, 8.0});
  REQUIRE(pair);
  CHECK(*pair == Approx(4.0).epsilon(1e-12));

  // Nanosecond-scale values whose product would underflow:
  // from scipy.stats import gmean; gmean([1e-9, 3e-9, 2e-9]) -> 1.8171205928321409e-09
  auto tiny = geometric_mean(std::vector{1e-9, 3e-9, 2e-9});
  REQUIRE(tiny);
  CHECK(*tiny == Approx(1.8171205928321409e-09).epsilon(1e-12));

  CHECK_FALSE(geometric_mean(std::vector<double>{}));
  CHECK_FALSE(geometric_mean(std::vector{1.0, 0.0, 2.0}));
  CHECK_FALSE(geometric_mean(std::vector{1.0, -2.0}));
  CHECK_FALSE(geometric_mean(std::vector{1.0, kNan}));
  CHECK_FALSE(geometric_mean(std::vector{1.0, kInfinity}));
}

// compare.py's calculate_change: (new - old) / |old|; 0 when both are 0;
// (new - old) / ((old + new) / 2) when only old is 0.
TEST_CASE("relative_change follows compare.py") {
  CHECK(relative_change(100.0, 110.0) == Approx(0.1).epsilon(1e-12));
  CHECK(relative_change(200.0, 150.0) == Approx(-0.25).epsilon(1e-12));
  CHECK(relative_change(100.0, 0.0) == -1.0);

  // A negative baseline divides by its magnitude: (-50 - -100) / 100.
  CHECK(relative_change(-100.0, -50.0) == Approx(0.5).epsilon(1e-12));

  CHECK(relative_change(0.0, 0.0) == 0.0);

  // Baseline zero: (5 - 0) / ((0 + 5) / 2) = 2, and likewise -2 / -1 = 2.
  CHECK(relative_change(0.0, 5.0) == 2.0);
  CHECK(relative_change(0.0, -2.0) == 2.0);
}

}  // namespace perfgate
