#include "compare/comparison.h"

#include <cmath>
#include <span>
#include <sstream>
#include <unordered_map>
#include <utility>

#include "result/quantity.h"
#include "stats/descriptive.h"
#include "stats/rank_tests.h"

namespace perfgate {
namespace {

using BenchmarkIndex = std::unordered_map<std::string_view, const Benchmark*>;

// A plain number in the shortest form that keeps its value: "0.05".
std::string format_number(double value) {
  std::ostringstream text;
  text << value;
  return text.str();
}

BenchmarkIndex index_by_name(const Result& result) {
  BenchmarkIndex index;
  index.reserve(result.benchmarks.size());
  for (const Benchmark& benchmark : result.benchmarks) {
    index.emplace(benchmark.name, &benchmark);
  }
  return index;
}

const Benchmark* find(const BenchmarkIndex& index, std::string_view name) {
  auto found = index.find(name);
  return found == index.end() ? nullptr : found->second;
}

// ---- one side of a metric ----

/// What a metric says on one side of the comparison.
struct Side {
  const Metric* metric = nullptr;
  double center = 0;  ///< median of the samples, or the producer's mean
  std::size_t count = 0;
  Summary summary;  ///< recomputed from the samples when there are any
  bool finite = true;
};

Side describe(const Metric& metric) {
  Side side;
  side.metric = &metric;
  if (metric.samples.empty()) {
    side.summary = metric.summary;
    side.center = metric.summary.mean;
    side.count = metric.summary.count;
    side.finite = std::isfinite(metric.summary.mean) && std::isfinite(metric.summary.stddev);
    return side;
  }

  // Recomputed rather than trusted: a Result built in code may not have
  // called summarize().
  for (double value : metric.samples) side.finite = side.finite && std::isfinite(value);
  side.summary = summarize_samples(metric.samples);
  side.center = side.summary.median;
  side.count = metric.samples.size();
  return side;
}

/// "median" for repetitions, "mean" for a producer's aggregate, nothing for
/// a single run.
std::string center_label(const Side& side) {
  if (side.metric->samples.empty()) return "mean";
  return side.metric->samples.size() >= 2 ? "median" : "";
}

std::string with_label(const std::string& label, const std::string& text) {
  return label.empty() ? text : label + " " + text;
}

/// "median 1.234 ms -> 1.420 ms (+15.1%)".
std::string values_text(const Side& before, const Side& now, double change) {
  const std::string& unit = now.metric->unit;
  std::string before_label = center_label(before);
  std::string now_label = center_label(now);
  std::string from = format_quantity(before.center, unit);
  std::string to = format_quantity(now.center, unit);
  std::string text = before_label == now_label
                         ? with_label(before_label, from + " -> " + to)
                         : with_label(before_label, from) + " -> " + with_label(now_label, to);
  return text + " (" + format_change(change) + ")";
}

// ---- rows ----

MetricComparison row_for(const Benchmark& benchmark, const Metric* metric, const Policy& policy) {
  MetricComparison row;
  row.benchmark = benchmark.name;
  if (metric != nullptr) {
    row.metric = metric->name;
    row.unit = metric->unit;
    row.better = metric->better;
  }
  row.threshold = policy.threshold_for(row.benchmark, row.metric);
  return row;
}

void set_baseline(MetricComparison& row, const Side& side) {
  if (side.finite) row.baseline = side.center;
  row.baseline_count = side.count;
}

void set_current(MetricComparison& row, const Side& side) {
  if (side.finite) row.current = side.center;
  row.current_count = side.count;
}

std::string said(const std::string& what, const std::string& message) {
  return message.empty() ? what + " without a message" : what + ": " + message;
}

/// One row per metric of `benchmark` with `verdict`, or a single row with
/// an empty metric name when it has none (an errored benchmark has none).
template <class Fill>
void rows_per_metric(const Benchmark& benchmark, const Policy& policy,
                     std::vector<MetricComparison>& rows, Fill fill) {
  if (benchmark.metrics.empty()) {
    rows.push_back(row_for(benchmark, nullptr, policy));
    fill(rows.back(), nullptr);
    return;
  }

  for (const Metric& metric : benchmark.metrics) {
    rows.push_back(row_for(benchmark, &metric, policy));
    fill(rows.back(), &metric);
  }
}

void add_error_rows(const Benchmark* before, const Benchmark& now, const Policy& policy,
                    std::vector<MetricComparison>& rows) {
  bool baseline_ok = before != nullptr && before->status == BenchmarkStatus::kOk;
  rows_per_metric(now, policy, rows, [&](MetricComparison& row, const Metric* metric) {
    row.verdict = Verdict::kError;
    row.reason = said("errored", now.message);
    if (metric == nullptr || !baseline_ok) return;
    if (const Metric* old = before->find_metric(metric->name)) set_baseline(row, describe(*old));
  });
}

void add_new_rows(const Benchmark& now, const std::string& reason, const Policy& policy,
                  std::vector<MetricComparison>& rows) {
  rows_per_metric(now, policy, rows, [&](MetricComparison& row, const Metric* metric) {
    row.verdict = Verdict::kNew;
    row.reason = reason;
    if (metric != nullptr) set_current(row, describe(*metric));
  });
}

void add_missing_rows(const Benchmark& before, const std::string& reason, const Policy& policy,
                      std::vector<MetricComparison>& rows) {
  bool baseline_ok = before.status == BenchmarkStatus::kOk;
  rows_per_metric(before, policy, rows, [&](MetricComparison& row, const Metric* metric) {
    row.verdict = Verdict::kMissing;
    row.reason = reason;
    if (metric != nullptr && baseline_ok) set_baseline(row, describe(*metric));
  });
}

// ---- judging one metric present on both sides ----

/// The outcome of whichever test the sample sizes allow.
struct Findings {
  Evidence kind = Evidence::kThresholdOnly;
  std::optional<double> p_value;
  std::optional<std::array<double, 2>> ci;
  std::string why_no_test;  ///< why the threshold alone decides
};

std::optional<std::array<double, 2>> relative_interval(std::optional<Interval> interval,
                                                       double baseline_center) {
  // A shift relative to a zero baseline has no meaning.
  if (!interval || baseline_center == 0) return std::nullopt;
  double scale = std::abs(baseline_center);
  return std::array<double, 2>{interval->low / scale, interval->high / scale};
}

Findings gather_evidence(const Side& before, const Side& now, double alpha) {
  Findings evidence;
  const std::vector<double>& old_samples = before.metric->samples;
  const std::vector<double>& new_samples = now.metric->samples;

  if (old_samples.size() >= 2 && new_samples.size() >= 2) {
    evidence.kind = Evidence::kMannWhitneyU;
    std::optional<TestOutcome> test = mann_whitney_u(old_samples, new_samples);
    evidence.ci =
        relative_interval(shift_interval(old_samples, new_samples, alpha), before.center);
    if (test) {
      evidence.p_value = test->p_value;
      return evidence;
    }
    evidence.kind = Evidence::kThresholdOnly;
    evidence.why_no_test = "the U test could not run on these samples";
    return evidence;
  }

  if (before.count >= 2 && now.count >= 2) {
    const Summary& a = before.summary;
    const Summary& b = now.summary;
    evidence.kind = Evidence::kWelchT;
    std::optional<TestOutcome> test =
        welch_t_test(a.mean, a.stddev, a.count, b.mean, b.stddev, b.count);
    evidence.ci = relative_interval(
        welch_interval(a.mean, a.stddev, a.count, b.mean, b.stddev, b.count, alpha),
        before.center);
    if (test) {
      evidence.p_value = test->p_value;
      return evidence;
    }
    evidence.kind = Evidence::kThresholdOnly;
    evidence.why_no_test = "Welch's t test cannot run with no spread on either side";
    return evidence;
  }

  evidence.why_no_test = "single run: judged by threshold alone";
  return evidence;
}

std::string test_name(Evidence kind) {
  return kind == Evidence::kMannWhitneyU ? "U test" : "Welch t test";
}

bool is_worse(double change, Better better) {
  return better == Better::kLower ? change > 0 : change < 0;
}

void judge_finite(MetricComparison& row, const Side& before, const Side& now, double alpha) {
  double change = relative_change(before.center, now.center);
  row.change = change;
  Findings evidence = gather_evidence(before, now, alpha);
  row.evidence = evidence.kind;
  row.p_value = evidence.p_value;
  row.ci = evidence.ci;

  std::string values = values_text(before, now, change);
  std::string threshold = format_percent(row.threshold);
  Verdict direction = is_worse(change, row.better) ? Verdict::kRegressed : Verdict::kImproved;

  if (std::abs(change) <= row.threshold) {
    row.verdict = Verdict::kUnchanged;
    row.reason = values + " is within the " + threshold + " threshold";
    if (row.p_value) {
      row.reason += " (" + test_name(row.evidence) + " p = " + format_p_value(*row.p_value) + ")";
    } else {
      row.reason += "; " + evidence.why_no_test;
    }
    return;
  }

  row.reason = values + " exceeds the " + threshold + " threshold";
  if (!row.p_value) {
    row.verdict = direction;
    row.reason += evidence.why_no_test.starts_with("single run")
                      ? "; " + evidence.why_no_test
                      : "; " + evidence.why_no_test + ", so the threshold alone decides";
    return;
  }

  std::string p_text = test_name(row.evidence) + " p = " + format_p_value(*row.p_value);
  std::string alpha_text = "alpha " + format_number(alpha);
  if (*row.p_value < alpha) {
    row.verdict = direction;
    row.reason += " and " + p_text + " < " + alpha_text;
  } else {
    row.verdict = Verdict::kInconclusive;
    row.reason += " but " + p_text + " >= " + alpha_text + ", so it may be noise";
  }
}

MetricComparison judge_metric(const Benchmark& now, const Metric& old_metric,
                              const Metric& new_metric, const Policy& policy) {
  MetricComparison row = row_for(now, &new_metric, policy);
  Side before = describe(old_metric);
  Side now_side = describe(new_metric);
  set_baseline(row, before);
  set_current(row, now_side);

  // Times are all in ns, but a hand-written Result may say anything; numbers
  // in different units cannot be compared, whatever they say.
  if (old_metric.unit != new_metric.unit) {
    row.verdict = Verdict::kInconclusive;
    row.evidence = Evidence::kNone;
    row.change.reset();
    row.reason = "the units differ (baseline \"" + old_metric.unit + "\", current \"" +
                 new_metric.unit + "\"), so the values cannot be compared";
    return row;
  }

  if (before.finite && now_side.finite) {
    judge_finite(row, before, now_side, policy.alpha);
    return row;
  }

  // NaN or infinity defeats every rank and moment; say so instead of guessing.
  row.verdict = Verdict::kInconclusive;
  row.evidence = Evidence::kNone;
  std::string sides = !before.finite && !now_side.finite ? "baseline and current"
                      : before.finite                    ? "current"
                                                         : "baseline";
  row.reason = "the " + sides + " values are not finite, so no test was run";
  return row;
}

void add_paired_rows(const Benchmark& before, const Benchmark& now, const Policy& policy,
                     std::vector<MetricComparison>& rows) {
  for (const Metric& metric : now.metrics) {
    if (const Metric* old = before.find_metric(metric.name)) {
      rows.push_back(judge_metric(now, *old, metric, policy));
      continue;
    }
    rows.push_back(row_for(now, &metric, policy));
    rows.back().verdict = Verdict::kNew;
    rows.back().reason = "metric not in the baseline";
    set_current(rows.back(), describe(metric));
  }

  for (const Metric& metric : before.metrics) {
    if (now.find_metric(metric.name) != nullptr) continue;
    rows.push_back(row_for(before, &metric, policy));
    rows.back().verdict = Verdict::kMissing;
    rows.back().reason = "metric not in the current run";
    set_baseline(rows.back(), describe(metric));
  }
}

void add_rows(const Benchmark* before, const Benchmark& now, const Policy& policy,
              std::vector<MetricComparison>& rows) {
  // An errored benchmark is an error whatever the baseline says; reporting
  // it as new or unchanged would hide a crash behind a green check.
  if (now.status == BenchmarkStatus::kError) {
    add_error_rows(before, now, policy, rows);
    return;
  }

  if (now.status == BenchmarkStatus::kSkipped) {
    const Benchmark& shown = before != nullptr ? *before : now;
    add_missing_rows(shown, said("skipped", now.message), policy, rows);
    return;
  }

  if (before == nullptr) {
    add_new_rows(now, "not in the baseline", policy, rows);
  } else if (before->status == BenchmarkStatus::kError) {
    add_new_rows(now, said("baseline errored", before->message), policy, rows);
  } else if (before->status == BenchmarkStatus::kSkipped) {
    add_new_rows(now, said("baseline skipped", before->message), policy, rows);
  } else {
    add_paired_rows(*before, now, policy, rows);
  }
}

// ---- geomeans and warnings ----

std::optional<GeomeanRow> geomean_row(const BenchmarkIndex& by_name, const Result& current,
                                      std::string_view metric_name) {
  std::vector<double> ratios;
  for (const Benchmark& now : current.benchmarks) {
    const Benchmark* before = find(by_name, now.name);
    if (before == nullptr || before->status != BenchmarkStatus::kOk ||
        now.status != BenchmarkStatus::kOk) {
      continue;
    }

    const Metric* old_metric = before->find_metric(metric_name);
    const Metric* new_metric = now.find_metric(metric_name);
    if (old_metric == nullptr || new_metric == nullptr) continue;

    // A zero or non-finite time has no ratio; one such benchmark would
    // otherwise turn the whole geomean into 0, infinity or NaN.
    Side a = describe(*old_metric);
    Side b = describe(*new_metric);
    if (!a.finite || !b.finite || !(a.center > 0) || !(b.center > 0)) continue;
    double ratio = b.center / a.center;
    if (std::isfinite(ratio) && ratio > 0) ratios.push_back(ratio);
  }
  std::optional<double> geomean = geometric_mean(ratios);
  if (!geomean) return std::nullopt;
  return GeomeanRow{std::string(metric_name), *geomean - 1, ratios.size()};
}

std::vector<std::string> collect_warnings(const Result& baseline, const Result& current) {
  std::vector<std::string> warnings;
  for (const std::string& caveat : baseline.caveats) warnings.push_back("baseline: " + caveat);
  for (const std::string& caveat : current.caveats) warnings.push_back("current: " + caveat);

  // An empty field means unknown, and unknown is not a difference.
  const Environment& a = baseline.environment;
  const Environment& b = current.environment;
  if (!a.cpu_model.empty() && !b.cpu_model.empty() && a.cpu_model != b.cpu_model) {
    warnings.push_back("baseline and current ran on different CPUs (\"" + a.cpu_model +
                       "\" and \"" + b.cpu_model + "\"), so a change may be the machine's");
  }
  if (!a.host.empty() && !b.host.empty() && a.host != b.host) {
    warnings.push_back("baseline and current ran on different hosts (\"" + a.host + "\" and \"" +
                       b.host + "\"), so a change may be the machine's");
  }

  // Only a Result perfgate wrote is expected to know its commit; another
  // tool's output never does, and warning about it every time is noise.
  if (!baseline.tool_version.empty() && !baseline.git.commit) {
    warnings.push_back("the baseline's git commit is unknown, so it cannot be traced");
  }
  if (!current.tool_version.empty() && !current.git.commit) {
    warnings.push_back("the current run's git commit is unknown, so it cannot be traced");
  }
  return warnings;
}

}  // namespace

std::string_view verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::kRegressed:
      return "regressed";
    case Verdict::kImproved:
      return "improved";
    case Verdict::kUnchanged:
      return "unchanged";
    case Verdict::kInconclusive:
      return "inconclusive";
    case Verdict::kError:
      return "error";
    case Verdict::kNew:
      return "new";
    case Verdict::kMissing:
      return "missing";
  }
  return "unknown";
}

std::string_view evidence_name(Evidence evidence) {
  switch (evidence) {
    case Evidence::kMannWhitneyU:
      return "mann-whitney-u";
    case Evidence::kWelchT:
      return "welch-t";
    case Evidence::kThresholdOnly:
      return "threshold-only";
    case Evidence::kNone:
      return "none";
  }
  return "unknown";
}

std::array<std::size_t, kVerdictCount> Comparison::counts() const {
  std::array<std::size_t, kVerdictCount> counts{};
  for (const MetricComparison& row : rows) ++counts[static_cast<std::size_t>(row.verdict)];
  return counts;
}

Comparison compare_results(const Result& baseline, const Result& current, const Policy& policy) {
  Comparison comparison;
  comparison.policy = policy;
  BenchmarkIndex baseline_by_name = index_by_name(baseline);
  BenchmarkIndex current_by_name = index_by_name(current);

  for (const Benchmark& now : current.benchmarks) {
    add_rows(find(baseline_by_name, now.name), now, policy, comparison.rows);
  }

  for (const Benchmark& before : baseline.benchmarks) {
    if (find(current_by_name, before.name) != nullptr) continue;
    std::string reason = "not in the current run";
    if (before.status == BenchmarkStatus::kError) {
      reason += " (" + said("it errored in the baseline", before.message) + ")";
    }
    add_missing_rows(before, reason, policy, comparison.rows);
  }

  for (std::string_view metric : {"real_time", "cpu_time"}) {
    auto row = geomean_row(baseline_by_name, current, metric);
    if (row) comparison.geomeans.push_back(std::move(*row));
  }

  comparison.warnings = collect_warnings(baseline, current);
  return comparison;
}

}  // namespace perfgate
