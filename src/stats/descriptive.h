// Descriptive statistics of samples.
#pragma once

#include <optional>
#include <span>

namespace perfgate {

/// Arithmetic mean; NaN for no samples.
double mean(std::span<const double> samples);

/// Median, the mean of the two middle values for an even count (as Google
/// Benchmark and NumPy compute it); NaN for no samples or when any is NaN.
double median(std::span<const double> samples);

/// Sample standard deviation with n - 1 in the denominator; 0 for one sample.
double sample_stddev(std::span<const double> samples);

/// Geometric mean of positive values; nullopt when empty or any value is not
/// positive and finite.
std::optional<double> geometric_mean(std::span<const double> values);

/// Relative change (current - baseline) / |baseline|, as compare.py computes
/// it: 0 when both are zero, and the change relative to their average when
/// only the baseline is zero.
double relative_change(double baseline, double current);

}  // namespace perfgate
