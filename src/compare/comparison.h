// Judging a current Result against a baseline: pairing benchmarks by name,
// testing each metric, and reaching a verdict.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compare/policy.h"
#include "result/result.h"

namespace perfgate {

enum class Verdict { kRegressed, kImproved, kUnchanged, kInconclusive, kError, kNew, kMissing };
inline constexpr std::size_t kVerdictCount = 7;

/// "regressed", "improved", ... as written in JSON and tables.
std::string_view verdict_name(Verdict verdict);

/// Which evidence a verdict rests on.
enum class Evidence {
  kMannWhitneyU,  ///< repetitions on both sides: U test on the samples
  kWelchT,        ///< aggregates only: Welch's t from mean, stddev and count
  kThresholdOnly, ///< a single run on a side: the threshold alone decides
  kNone,          ///< nothing to test: new, missing or errored
};

std::string_view evidence_name(Evidence evidence);

/// The judgement of one metric of one benchmark.
struct MetricComparison {
  std::string benchmark;
  std::string metric;
  std::string unit;
  Better better = Better::kLower;
  std::optional<double> baseline;  ///< median, or mean for aggregates only
  std::optional<double> current;
  std::optional<double> change;    ///< (current - baseline) / |baseline|
  std::optional<double> p_value;
  std::optional<std::array<double, 2>> ci;  ///< interval on `change`
  std::size_t baseline_count = 0;  ///< repetitions on each side
  std::size_t current_count = 0;
  double threshold = 0;
  Evidence evidence = Evidence::kNone;
  Verdict verdict = Verdict::kUnchanged;
  /// Why the verdict was reached, in words and numbers, for --explain.
  std::string reason;
};

/// The geometric mean of the current/baseline ratios of one metric over the
/// benchmarks present and finite on both sides, as compare.py's
/// OVERALL_GEOMEAN row (which, unlike this, also mixes in unpaired ones).
struct GeomeanRow {
  std::string metric;
  double change = 0;  ///< geomean ratio - 1
  std::size_t count = 0;
};

struct Comparison {
  std::vector<MetricComparison> rows;  ///< in the current Result's order
  std::vector<GeomeanRow> geomeans;
  Policy policy;
  std::vector<std::string> warnings;  ///< caveats of either side, mismatches

  /// How many rows have each verdict, indexed by Verdict.
  std::array<std::size_t, kVerdictCount> counts() const;
};

/// Compares every metric of every benchmark in `current` with `baseline`.
Comparison compare_results(const Result& baseline, const Result& current, const Policy& policy);

}  // namespace perfgate
