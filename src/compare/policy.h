// The rules a comparison judges by: thresholds and significance level.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/error.h"

namespace perfgate {

/// How large and how certain a change must be to count.
struct Policy {
  double default_threshold = 0.05;  ///< relative: 0.05 is 5%
  double alpha = 0.05;              ///< significance level of the tests
  /// Thresholds for one metric everywhere ("cpu_time" -> 0.1).
  std::vector<std::pair<std::string, double>> metric_thresholds;
  /// Thresholds for benchmarks whose name matches a glob ('*' and '?'); the
  /// last matching rule wins, so specific rules go after general ones.
  std::vector<std::pair<std::string, double>> benchmark_thresholds;

  /// The threshold for `metric` of `benchmark`: a benchmark glob beats a
  /// metric rule, which beats the default.
  double threshold_for(std::string_view benchmark, std::string_view metric) const;
};

/// Parses a threshold such as "5%", "0.05" or "12.5 %" into a fraction.
/// The error says what was expected.
Expected<double> parse_threshold(std::string_view text);

/// Whether `name` matches `pattern`, where '*' is any run and '?' one byte.
bool glob_match(std::string_view pattern, std::string_view name);

}  // namespace perfgate
