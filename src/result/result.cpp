#include "result/result.h"

#include <algorithm>

#include "stats/descriptive.h"

namespace perfgate {
namespace {

template <class Metrics>
auto find_by_name(Metrics& metrics, std::string_view name) -> decltype(&metrics.front()) {
  for (auto& metric : metrics) {
    if (metric.name == name) return &metric;
  }
  return nullptr;
}

}  // namespace

const Metric* Benchmark::find_metric(std::string_view metric_name) const {
  return find_by_name(metrics, metric_name);
}

Metric* Benchmark::find_metric(std::string_view metric_name) {
  return find_by_name(metrics, metric_name);
}

const Benchmark* Result::find_benchmark(std::string_view benchmark_name) const {
  return find_by_name(benchmarks, benchmark_name);
}

Summary summarize_samples(const std::vector<double>& samples) {
  Summary summary;
  summary.count = samples.size();
  summary.mean = mean(samples);
  summary.median = median(samples);
  summary.stddev = sample_stddev(samples);
  auto [low, high] = std::minmax_element(samples.begin(), samples.end());
  summary.min = *low;
  summary.max = *high;
  return summary;
}

void summarize(Result& result) {
  for (Benchmark& benchmark : result.benchmarks) {
    for (Metric& metric : benchmark.metrics) {
      if (!metric.samples.empty()) metric.summary = summarize_samples(metric.samples);
    }
  }
}

}  // namespace perfgate
