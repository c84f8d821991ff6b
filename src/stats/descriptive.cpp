#include "stats/descriptive.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace perfgate {

double mean(std::span<const double> samples) {
  if (samples.empty()) return std::numeric_limits<double>::quiet_NaN();
  double sum = 0;
  for (double value : samples) sum += value;
  return sum / static_cast<double>(samples.size());
}

double median(std::span<const double> samples) {
  // A NaN breaks the ordering nth_element relies on, which would then hand
  // back an arbitrary value instead of a visible NaN.
  auto is_nan = [](double value) { return std::isnan(value); };
  if (samples.empty() || std::any_of(samples.begin(), samples.end(), is_nan)) {
    return std::numeric_limits<double>::quiet_NaN();
  }

  std::vector<double> sorted(samples.begin(), samples.end());
  std::size_t middle = sorted.size() / 2;
  std::nth_element(sorted.begin(), sorted.begin() + middle, sorted.end());
  double upper = sorted[middle];
  if (sorted.size() % 2 == 1) return upper;

  double lower = *std::max_element(sorted.begin(), sorted.begin() + middle);
  return (lower + upper) / 2;
}

double sample_stddev(std::span<const double> samples) {
  if (samples.size() < 2) return 0;
  // Welford's running update: identical samples give exactly 0, where
  // subtracting a separately rounded mean leaves a residue like 7e-11.
  double running_mean = 0;
  double squares = 0;
  double count = 0;
  for (double value : samples) {
    count += 1;
    double delta = value - running_mean;
    running_mean += delta / count;
    squares += delta * (value - running_mean);
  }
  return std::sqrt(squares / (count - 1));
}

std::optional<double> geometric_mean(std::span<const double> values) {
  if (values.empty()) return std::nullopt;
  // Summing logarithms keeps thousands of nanosecond-scale values from
  // overflowing a running product.
  double log_sum = 0;
  for (double value : values) {
    if (!(value > 0) || !std::isfinite(value)) return std::nullopt;
    log_sum += std::log(value);
  }
  return std::exp(log_sum / static_cast<double>(values.size()));
}

double relative_change(double baseline, double current) {
  if (baseline == 0 && current == 0) return 0;
  if (baseline == 0) return (current - baseline) / ((baseline + current) / 2);
  return (current - baseline) / std::abs(baseline);
}

}  // namespace perfgate
