// Judging: thresholds, globs, pairing and every verdict, with expected values
// worked out by hand or by SciPy 1.10 (the command is beside each value).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compare/comparison.h"
#include "compare/policy.h"
#include "ingest/load_input.h"
#include "result/result.h"

using namespace perfgate;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Metric metric_of(std::string name, std::vector<double> samples, std::string unit = "ns",
                 Better better = Better::kLower) {
  Metric metric;
  metric.name = std::move(name);
  metric.unit = std::move(unit);
  metric.better = better;
  metric.samples = std::move(samples);
  return metric;
}

/// A metric written only as aggregates, as --benchmark_report_aggregates_only does.
Metric aggregate_of(std::string name, double mean, double stddev, std::size_t count) {
  Metric metric = metric_of(std::move(name), {});
  metric.summary.mean = mean;
  metric.summary.median = mean;
  metric.summary.stddev = stddev;
  metric.summary.count = count;
  return metric;
}

Benchmark benchmark_of(std::string name, std::vector<Metric> metrics) {
  Benchmark benchmark;
  benchmark.name = std::move(name);
  benchmark.kind = "gbench";
  benchmark.metrics = std::move(metrics);
  return benchmark;
}

Benchmark failed(std::string name, BenchmarkStatus status, std::string message) {
  Benchmark benchmark = benchmark_of(std::move(name), {});
  benchmark.status = status;
  benchmark.message = std::move(message);
  return benchmark;
}

Result result_of(std::vector<Benchmark> benchmarks) {
  Result result;
  result.git.commit = "0123456789abcdef0123456789abcdef01234567";
  result.benchmarks = std::move(benchmarks);
  summarize(result);
  return result;
}

/// Compares one benchmark holding one real_time metric on each side.
MetricComparison compare_one(std::vector<double> baseline, std::vector<double> current,
                             const Policy& policy = {}) {
  Result before = result_of({benchmark_of("BM_x", {metric_of("real_time", baseline)})});
  Result now = result_of({benchmark_of("BM_x", {metric_of("real_time", current)})});
  Comparison comparison = compare_results(before, now, policy);
  REQUIRE(comparison.rows.size() == 1);
  return comparison.rows[0];
}

const MetricComparison& row_of(const Comparison& comparison, const std::string& benchmark,
                               const std::string& metric) {
  for (const MetricComparison& row : comparison.rows) {
    if (row.benchmark == benchmark && row.metric == metric) return row;
  }
  FAIL("no row for " << benchmark << " " << metric);
  return comparison.rows.front();
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("parse_threshold reads percentages and fractions") {
  CHECK(*parse_threshold("5%") == 0.05);  // 5 / 100, correctly rounded to the literal
  CHECK(*parse_threshold("0.05") == 0.05);
  CHECK(*parse_threshold("12.5 %") == 0.125);  // exact in binary
  CHECK(*parse_threshold(" 10% ") == 0.1);
  CHECK(*parse_threshold("0") == 0);
  CHECK(*parse_threshold("100%") == 1);
}

TEST_CASE("parse_threshold says what it expected") {
  const std::string expected =
      "is not a threshold: expected a percentage like \"5%\" or a fraction like 0.05";
  CHECK(parse_threshold("abc").error().message() == "\"abc\" " + expected);
  CHECK(parse_threshold("").error().message() == "\"\" " + expected);
  CHECK(parse_threshold("%").error().message() == "\"%\" " + expected);
  CHECK(parse_threshold("nan").error().message() == "\"nan\" " + expected);
  CHECK(parse_threshold("inf%").error().message() == "\"inf%\" " + expected);
  CHECK(parse_threshold("5%%").error().message() == "\"5%%\" " + expected);
  CHECK(parse_threshold("5 percent").error().message() == "\"5 percent\" " + expected);
  CHECK(parse_threshold("-5%").error().message() ==
        "\"-5%\" is not a threshold: a threshold cannot be negative");
  CHECK(parse_threshold("5").error().message() ==
        "\"5\" is not a threshold: a bare number is a fraction (0.05 is 5%); write \"5%\" for "
        "a percentage");
}

TEST_CASE("glob_match knows '*' and '?'") {
  CHECK(glob_match("BM_*", "BM_Sort/1024"));
  CHECK(glob_match("*", ""));
  CHECK(glob_match("BM_?ort*", "BM_Sort/8"));
  CHECK(glob_match("a*b*c", "a-b-b-c"));
  CHECK(glob_match("*/8", "BM_Sort/8"));
  CHECK_FALSE(glob_match("BM_*", "XBM_Sort"));
  CHECK_FALSE(glob_match("a?c", "ac"));
  CHECK_FALSE(glob_match("*/8", "BM_Sort/80"));
  CHECK_FALSE(glob_match("", "a"));
}

TEST_CASE("a benchmark glob beats a metric rule, which beats the default") {
  Policy policy;
  policy.default_threshold = 0.05;
  policy.metric_thresholds = {{"cpu_time", 0.5}};
  policy.benchmark_thresholds = {{"BM_*", 0.4}, {"BM_Noisy*", 0.1}};

  CHECK(policy.threshold_for("BM_Noisy_a", "cpu_time") == 0.1);  // last matching glob
  CHECK(policy.threshold_for("BM_Quiet", "cpu_time") == 0.4);    // the general glob
  CHECK(policy.threshold_for("Other", "cpu_time") == 0.5);       // metric rule
  CHECK(policy.threshold_for("Other", "real_time") == 0.05);     // default
}

TEST_CASE("thresholds decide verdicts by glob and by metric") {
  Policy policy;
  policy.metric_thresholds = {{"cpu_time", 0.5}};
  policy.benchmark_thresholds = {{"BM_Noisy*", 0.1}};

  // Every change below is 100 -> 125, +25% (single runs: threshold alone).
  auto pair = [](const std::string& name, double before, double after) {
    return std::pair{
        benchmark_of(name, {metric_of("real_time", {before}), metric_of("cpu_time", {before})}),
        benchmark_of(name, {metric_of("real_time", {after}), metric_of("cpu_time", {after})})};
  };
  auto [noisy_before, noisy_now] = pair("BM_Noisy_a", 100, 125);
  auto [quiet_before, quiet_now] = pair("BM_Quiet", 100, 125);
  Comparison comparison = compare_results(result_of({noisy_before, quiet_before}),
                                          result_of({noisy_now, quiet_now}), policy);

  // The glob's 10% applies to BM_Noisy_a's cpu_time although cpu_time has 50%.
  CHECK(row_of(comparison, "BM_Noisy_a", "cpu_time").threshold == 0.1);
  CHECK(row_of(comparison, "BM_Noisy_a", "cpu_time").verdict == Verdict::kRegressed);
  CHECK(row_of(comparison, "BM_Quiet", "cpu_time").threshold == 0.5);
  CHECK(row_of(comparison, "BM_Quiet", "cpu_time").verdict == Verdict::kUnchanged);
  CHECK(row_of(comparison, "BM_Quiet", "real_time").threshold == 0.05);
  CHECK(row_of(comparison, "BM_Quiet", "real_time").verdict == Verdict::kRegressed);
}

TEST_CASE("a large, significant slowdown is a regression") {
  MetricComparison row = compare_one({100, 101, 102, 103, 104}, {120, 121, 122, 123, 124});

  CHECK(row.verdict == Verdict::kRegressed);
  CHECK(row.evidence == Evidence::kMannWhitneyU);
  CHECK(*row.baseline == 102);  // medians
  CHECK(*row.current == 122);
  CHECK(*row.change == 20.0 / 102);  // (122 - 102) / 102
  // U = 0, exact: 2 / C(10, 5) = 2 / 252.
  // /usr/bin/python3 -c "from scipy.stats import mannwhitneyu;
  //   print(repr(mannwhitneyu([100,101,102,103,104],[120,121,122,123,124],
  //   alternative='two-sided').pvalue))"  -> 0.007936507936507936
  CHECK(*row.p_value == Approx(0.007936507936507936).epsilon(1e-12));
  CHECK(row.baseline_count == 5);
  CHECK(row.current_count == 5);
  CHECK(row.threshold == 0.05);
  CHECK(row.reason ==
        "median 102 ns -> 122 ns (+19.6%) exceeds the 5.0% threshold and U test p = 0.0079 "
        "< alpha 0.05");

  // Hodges-Lehmann interval: the 25 differences current - baseline are
  // 20 + i - j for i, j in 0..4; with the exact critical value for 5 and 5
  // at 95% (P(U <= 2) = 0.0159 < 0.025 <= P(U <= 3) = 0.0278) it runs from
  // the 3rd smallest (17) to the 3rd largest (23), over the baseline's 102.
  REQUIRE(row.ci);
  CHECK((*row.ci)[0] == Approx(17.0 / 102).epsilon(1e-12));
  CHECK((*row.ci)[1] == Approx(23.0 / 102).epsilon(1e-12));
}

TEST_CASE("a large, significant speed-up is an improvement") {
  MetricComparison row = compare_one({120, 121, 122, 123, 124}, {100, 101, 102, 103, 104});

  CHECK(row.verdict == Verdict::kImproved);
  CHECK(*row.change == -20.0 / 122);                                   // (102 - 122) / 122
  CHECK(*row.p_value == Approx(0.007936507936507936).epsilon(1e-12));  // symmetric to above
}

TEST_CASE("a significant change inside the threshold is unchanged") {
  MetricComparison row = compare_one({100, 101, 102, 103, 104}, {101, 102, 103, 104, 105});

  CHECK(row.verdict == Verdict::kUnchanged);
  CHECK(*row.change == 1.0 / 102);  // (103 - 102) / 102, under 5%
  // Ties, so the normal approximation:
  // /usr/bin/python3 -c "from scipy.stats import mannwhitneyu;
  //   print(repr(mannwhitneyu([100,101,102,103,104],[101,102,103,104,105],
  //   alternative='two-sided').pvalue))"  -> 0.39761475195653073
  CHECK(*row.p_value == Approx(0.39761475195653073).epsilon(1e-12));
  CHECK(row.reason ==
        "median 102 ns -> 103 ns (+1.0%) is within the 5.0% threshold (U test p = 0.3976)");
}

TEST_CASE("a large change that may be noise is inconclusive") {
  MetricComparison row = compare_one({100, 200, 300, 400}, {150, 250, 350, 450});

  CHECK(row.verdict == Verdict::kInconclusive);
  CHECK(*row.change == 0.2);  // medians 250 -> 300: 50 / 250
  // /usr/bin/python3 -c "from scipy.stats import mannwhitneyu;
  //   print(repr(mannwhitneyu([100,200,300,400],[150,250,350,450],
  //   alternative='two-sided').pvalue))"  -> 0.6857142857142857
  CHECK(*row.p_value == Approx(0.6857142857142857).epsilon(1e-12));
  CHECK(row.reason ==
        "median 250 ns -> 300 ns (+20.0%) exceeds the 5.0% threshold but U test p = 0.6857 "
        ">= alpha 0.05, so it may be noise");
}

TEST_CASE("a single run is judged by the threshold alone") {
  MetricComparison row = compare_one({100}, {120, 130, 140});

  CHECK(row.verdict == Verdict::kRegressed);
  CHECK(row.evidence == Evidence::kThresholdOnly);
  CHECK_FALSE(row.p_value);
  CHECK_FALSE(row.ci);
  CHECK(*row.change == 0.3);  // 100 -> median 130
  CHECK(row.reason ==
        "100 ns -> median 130 ns (+30.0%) exceeds the 5.0% threshold; single run: judged by "
        "threshold alone");

  MetricComparison small = compare_one({100}, {103});
  CHECK(small.verdict == Verdict::kUnchanged);
  CHECK(contains(small.reason, "single run: judged by threshold alone"));
}

TEST_CASE("aggregates only are judged by Welch's t test") {
  Result before = result_of({benchmark_of("BM_x", {aggregate_of("real_time", 100, 2, 10)})});
  Result now = result_of({benchmark_of("BM_x", {aggregate_of("real_time", 110, 3, 10)})});
  MetricComparison row = compare_results(before, now, {}).rows.at(0);

  CHECK(row.evidence == Evidence::kWelchT);
  CHECK(row.verdict == Verdict::kRegressed);
  CHECK(*row.change == 0.1);  // means 100 -> 110
  // /usr/bin/python3 -c "from scipy.stats import ttest_ind_from_stats as t;
  //   print(repr(t(100,2,10,110,3,10,equal_var=False).pvalue))" -> 1.931196667134959e-07
  CHECK(*row.p_value == Approx(1.931196667134959e-07).epsilon(1e-9));
  // Welch interval on 110 - 100: se = sqrt(4/10 + 9/10), df = 15.680412371134020,
  // 10 -/+ t.ppf(0.975, df) * se, over 100:
  // /usr/bin/python3 -c "import math; from scipy.stats import t; se=math.sqrt(1.3);
  //   df=1.3**2/((0.4**2+0.9**2)/9); q=t.ppf(0.975,df); print((10-q*se)/100, (10+q*se)/100)"
  //   -> 0.07578926151582464 0.12421073848417535
  REQUIRE(row.ci);
  CHECK((*row.ci)[0] == Approx(0.07578926151582464).epsilon(1e-9));
  CHECK((*row.ci)[1] == Approx(0.12421073848417535).epsilon(1e-9));
  CHECK(row.reason ==
        "mean 100 ns -> 110 ns (+10.0%) exceeds the 5.0% threshold and Welch t test p = "
        "1.9e-07 < alpha 0.05");
}

TEST_CASE("samples against aggregates use the samples' summary in Welch's t test") {
  Result before = result_of({benchmark_of("BM_x", {metric_of("real_time", {100, 102, 104})})});
  Result now = result_of({benchmark_of("BM_x", {aggregate_of("real_time", 120, 2, 3)})});
  MetricComparison row = compare_results(before, now, {}).rows.at(0);

  CHECK(row.evidence == Evidence::kWelchT);
  CHECK(*row.baseline == 102);       // the median of the samples
  CHECK(*row.change == 18.0 / 102);  // against the other side's mean
  // The samples have mean 102 and standard deviation 2:
  // /usr/bin/python3 -c "from scipy.stats import ttest_ind_from_stats as t;
  //   print(repr(t(102,2,3,120,2,3,equal_var=False).pvalue))" -> 0.0003850677113665414
  CHECK(*row.p_value == Approx(0.0003850677113665414).epsilon(1e-9));
  CHECK(row.verdict == Verdict::kRegressed);
  CHECK(row.reason ==
        "median 102 ns -> mean 120 ns (+17.6%) exceeds the 5.0% threshold and Welch t test p "
        "= 0.0004 < alpha 0.05");
}

TEST_CASE("Welch's t test without spread falls back to the threshold") {
  Result before = result_of({benchmark_of("BM_x", {aggregate_of("real_time", 100, 0, 5)})});
  Result now = result_of({benchmark_of("BM_x", {aggregate_of("real_time", 120, 0, 5)})});
  MetricComparison row = compare_results(before, now, {}).rows.at(0);

  CHECK(row.evidence == Evidence::kThresholdOnly);
  CHECK(row.verdict == Verdict::kRegressed);
  CHECK(row.reason ==
        "mean 100 ns -> 120 ns (+20.0%) exceeds the 5.0% threshold; Welch's t test cannot run "
        "with no spread on either side, so the threshold alone decides");
}

TEST_CASE("a rate that falls is a regression when higher is better") {
  auto rate = [](std::vector<double> samples) {
    return metric_of("items_per_second", std::move(samples), "1/s", Better::kHigher);
  };
  Result before =
      result_of({benchmark_of("BM_x", {rate({1.20e6, 1.21e6, 1.22e6, 1.23e6, 1.24e6})})});
  Result now = result_of({benchmark_of("BM_x", {rate({1.00e6, 1.01e6, 1.02e6, 1.03e6, 1.04e6})})});
  MetricComparison row = compare_results(before, now, {}).rows.at(0);

  CHECK(row.verdict == Verdict::kRegressed);
  CHECK(*row.change == Approx(-0.2e6 / 1.22e6).epsilon(1e-12));  // falls by 16.4%
  CHECK(row.reason ==
        "median 1.22M/s -> 1.02M/s (-16.4%) exceeds the 5.0% threshold and U test p = 0.0079 "
        "< alpha 0.05");

  // The same rate rising is an improvement.
  MetricComparison rise = compare_results(now, before, {}).rows.at(0);
  CHECK(rise.verdict == Verdict::kImproved);
}

TEST_CASE("values that are not finite are inconclusive") {
  MetricComparison row = compare_one({100, kNaN, 102}, {300, 301, 302});

  CHECK(row.verdict == Verdict::kInconclusive);
  CHECK(row.evidence == Evidence::kNone);
  CHECK_FALSE(row.p_value);
  CHECK_FALSE(row.change);
  CHECK_FALSE(row.baseline);
  CHECK(*row.current == 301);
  CHECK(row.reason == "the baseline values are not finite, so no test was run");

  double inf = std::numeric_limits<double>::infinity();
  CHECK(compare_one({1, 2}, {inf, 2}).reason ==
        "the current values are not finite, so no test was run");
}

TEST_CASE("an errored benchmark is an error, never unchanged or new") {
  Result before = result_of({benchmark_of("BM_err", {metric_of("real_time", {100})}),
                             benchmark_of("BM_err_metrics", {metric_of("real_time", {100})})});
  Benchmark with_metrics = benchmark_of("BM_err_metrics", {metric_of("real_time", {100})});
  with_metrics.status = BenchmarkStatus::kError;
  with_metrics.message = "checksum mismatch";
  Result now = result_of({failed("BM_err", BenchmarkStatus::kError, "out of memory"), with_metrics,
                          failed("BM_err_new", BenchmarkStatus::kError, "")});
  Comparison comparison = compare_results(before, now, {});

  REQUIRE(comparison.rows.size() == 3);
  CHECK(comparison.rows[0].benchmark == "BM_err");
  CHECK(comparison.rows[0].metric == "");
  CHECK(comparison.rows[0].verdict == Verdict::kError);
  CHECK(comparison.rows[0].reason == "errored: out of memory");
  CHECK(comparison.rows[1].metric == "real_time");
  CHECK(comparison.rows[1].verdict == Verdict::kError);
  CHECK(comparison.rows[1].reason == "errored: checksum mismatch");
  CHECK(*comparison.rows[1].baseline == 100);
  CHECK(comparison.rows[2].verdict == Verdict::kError);  // no baseline, still an error
  CHECK(comparison.rows[2].reason == "errored without a message");
}

TEST_CASE("benchmarks on one side only are new or missing, in order") {
  Result before = result_of(
      {benchmark_of("BM_gone", {metric_of("real_time", {5}), metric_of("cpu_time", {4})}),
       benchmark_of("BM_kept", {metric_of("real_time", {10})}),
       failed("BM_was_broken", BenchmarkStatus::kError, "crash"),
       benchmark_of("BM_skip", {metric_of("real_time", {7})}),
       failed("BM_was_skipped", BenchmarkStatus::kSkipped, "no gpu")});
  Result now = result_of({benchmark_of("BM_added", {metric_of("real_time", {1})}),
                          benchmark_of("BM_kept", {metric_of("real_time", {10})}),
                          benchmark_of("BM_was_broken", {metric_of("real_time", {3})}),
                          failed("BM_skip", BenchmarkStatus::kSkipped, "disabled"),
                          benchmark_of("BM_was_skipped", {metric_of("real_time", {2})})});
  Comparison comparison = compare_results(before, now, {});

  std::vector<std::string> order;
  for (const MetricComparison& row : comparison.rows) {
    order.push_back(row.benchmark + ":" + row.metric + ":" +
                    std::string(verdict_name(row.verdict)));
  }
  CHECK(order ==
        std::vector<std::string>{"BM_added:real_time:new", "BM_kept:real_time:unchanged",
                                 "BM_was_broken:real_time:new", "BM_skip:real_time:missing",
                                 "BM_was_skipped:real_time:new", "BM_gone:real_time:missing",
                                 "BM_gone:cpu_time:missing"});
  CHECK(comparison.rows[0].reason == "not in the baseline");
  CHECK(*comparison.rows[0].current == 1);
  CHECK(comparison.rows[2].reason == "baseline errored: crash");
  CHECK(comparison.rows[3].reason == "skipped: disabled");
  CHECK(*comparison.rows[3].baseline == 7);
  CHECK(comparison.rows[4].reason == "baseline skipped: no gpu");
  CHECK(comparison.rows[5].reason == "not in the current run");
  CHECK(*comparison.rows[6].baseline == 4);
  CHECK(comparison.rows[5].evidence == Evidence::kNone);

  auto counts = comparison.counts();
  CHECK(counts[static_cast<std::size_t>(Verdict::kNew)] == 3);
  CHECK(counts[static_cast<std::size_t>(Verdict::kMissing)] == 3);
  CHECK(counts[static_cast<std::size_t>(Verdict::kUnchanged)] == 1);
}

TEST_CASE("metrics on one side only are new or missing") {
  Result before = result_of(
      {benchmark_of("BM_x", {metric_of("real_time", {10}), metric_of("old_counter", {1}, "")})});
  Result now = result_of(
      {benchmark_of("BM_x", {metric_of("real_time", {10}), metric_of("new_counter", {2}, "")})});
  Comparison comparison = compare_results(before, now, {});

  REQUIRE(comparison.rows.size() == 3);
  CHECK(comparison.rows[1].metric == "new_counter");
  CHECK(comparison.rows[1].verdict == Verdict::kNew);
  CHECK(comparison.rows[2].metric == "old_counter");
  CHECK(comparison.rows[2].verdict == Verdict::kMissing);
}

TEST_CASE("the geomean covers benchmarks fine on both sides with positive times") {
  auto times = [](const std::string& name, double real_ns, double cpu_ns) {
    return benchmark_of(name,
                        {metric_of("real_time", {real_ns}), metric_of("cpu_time", {cpu_ns})});
  };
  Result before =
      result_of({times("BM_a", 100, 100), times("BM_b", 100, 100), times("BM_zero", 0, 100),
                 times("BM_broken", 100, 100), times("BM_gone", 100, 100)});
  Result now = result_of({times("BM_a", 200, 50), times("BM_b", 800, 50), times("BM_zero", 50, 0),
                          failed("BM_broken", BenchmarkStatus::kError, "crash"),
                          times("BM_new", 1e6, 1e6)});
  Comparison comparison = compare_results(before, now, {});

  // real_time: ratios 2 and 8 (BM_zero's baseline is 0), sqrt(16) = 4, change 3.
  // cpu_time: ratios 0.5 and 0.5 (BM_zero's current is 0), change -0.5.
  REQUIRE(comparison.geomeans.size() == 2);
  CHECK(comparison.geomeans[0].metric == "real_time");
  CHECK(comparison.geomeans[0].count == 2);
  CHECK(comparison.geomeans[0].change == Approx(3).epsilon(1e-12));
  CHECK(comparison.geomeans[1].metric == "cpu_time");
  CHECK(comparison.geomeans[1].count == 2);
  CHECK(comparison.geomeans[1].change == Approx(-0.5).epsilon(1e-12));

  // Nothing paired: no geomean rows at all.
  CHECK(compare_results(before, result_of({}), {}).geomeans.empty());
}

TEST_CASE("warnings carry caveats and say what differs") {
  Result before = result_of({});
  before.caveats = {"CPU frequency scaling is enabled"};
  before.environment.cpu_model = "Intel Xeon";
  before.environment.host = "ci-1";
  Result now = result_of({});
  now.caveats = {"the work tree is dirty"};
  now.environment.cpu_model = "AMD EPYC";
  now.environment.host = "ci-1";
  now.git.commit.reset();
  now.tool_version = "0.1.0";

  Comparison comparison = compare_results(before, now, {});
  CHECK(comparison.warnings ==
        std::vector<std::string>{
            "baseline: CPU frequency scaling is enabled", "current: the work tree is dirty",
            "baseline and current ran on different CPUs (\"Intel Xeon\" and \"AMD EPYC\"), so a "
            "change may be the machine's",
            "the current run's git commit is unknown, so it cannot be traced"});
}

TEST_CASE("metrics in different units are not compared") {
  Metric seconds = metric_of("real_time", {1, 2, 3});
  seconds.unit = "s";
  Result before = result_of({benchmark_of("BM_x", {metric_of("real_time", {1, 2, 3})})});
  Result now = result_of({benchmark_of("BM_x", {seconds})});
  Comparison comparison = compare_results(before, now, {});
  REQUIRE(comparison.rows.size() == 1);
  CHECK(comparison.rows[0].verdict == Verdict::kInconclusive);
  CHECK_FALSE(comparison.rows[0].change.has_value());
  CHECK(comparison.rows[0].reason ==
        "the units differ (baseline \"ns\", current \"s\"), so the values cannot be compared");
}

TEST_CASE("another tool's output without a commit is not warned about") {
  Result before = result_of({});
  Result imported = result_of({});
  imported.git.commit.reset();
  CHECK(compare_results(before, imported, {}).warnings.empty());
}

TEST_CASE("verdict and evidence names") {
  CHECK(verdict_name(Verdict::kRegressed) == "regressed");
  CHECK(verdict_name(Verdict::kInconclusive) == "inconclusive");
  CHECK(verdict_name(Verdict::kMissing) == "missing");
  CHECK(evidence_name(Evidence::kMannWhitneyU) == "mann-whitney-u");
  CHECK(evidence_name(Evidence::kWelchT) == "welch-t");
  CHECK(evidence_name(Evidence::kThresholdOnly) == "threshold-only");
  CHECK(evidence_name(Evidence::kNone) == "none");
}

// ---- equality with compare.py ----
//
// tests/data/compare_py/*.json hold what compare.py computes for pairs of its
// own inputs and of the corpus (scripts/compare-py-fixtures.py wrote them;
// each file names the command). perfgate reads the same two files and must
// agree on every median change and U test p-value to 1e-9 relative.

namespace {

struct Deviation {
  double largest = 0;
  std::string where;
};

/// What the equality check saw over all fixtures.
struct Tally {
  std::size_t changes = 0;
  std::size_t p_values = 0;
  Deviation change;
  Deviation p_value;
};

double relative_deviation(double actual, double expected) {
  if (actual == expected) return 0;
  return std::abs(actual - expected) / std::max(std::abs(actual), std::abs(expected));
}

/// Each repetition `times` times, as report.py's test of google/benchmark#1733
/// repeats its one benchmark.
void repeat_samples(Result& result, std::size_t times) {
  for (Benchmark& benchmark : result.benchmarks) {
    for (Metric& metric : benchmark.metrics) {
      std::vector<double> repeated;
      for (double value : metric.samples) repeated.insert(repeated.end(), times, value);
      metric.samples = std::move(repeated);
    }
  }
  summarize(result);
}

nlohmann::json read_fixture(const std::filesystem::path& path) {
  std::ifstream in(path);
  REQUIRE(in);
  return nlohmann::json::parse(in);
}

Comparison compare_fixture_pair(const nlohmann::json& fixture) {
  const std::string data = PERFGATE_TEST_DATA;
  Expected<Result> baseline =
      load_results_file(data + "/" + fixture["baseline"].get<std::string>());
  Expected<Result> current = load_results_file(data + "/" + fixture["current"].get<std::string>());
  REQUIRE(baseline);
  REQUIRE(current);
  auto times = fixture["repeat"].get<std::size_t>();
  if (times > 1) {
    repeat_samples(*baseline, times);
    repeat_samples(*current, times);
  }
  return compare_results(*baseline, *current, {});
}

const MetricComparison* find_row(const Comparison& comparison, const std::string& benchmark,
                                 const std::string& metric) {
  for (const MetricComparison& row : comparison.rows) {
    if (row.benchmark == benchmark && row.metric == metric) return &row;
  }
  return nullptr;
}

void check_close(double actual, double expected, const std::string& where, Deviation& deviation) {
  double off = relative_deviation(actual, expected);
  INFO(where << ": perfgate " << actual << ", compare.py " << expected);
  CHECK(off <= 1e-9);
  if (off > deviation.largest) deviation = {off, where};
}

/// Checks one metric of one benchmark of a fixture against perfgate's row.
void check_metric(const Comparison& comparison, const nlohmann::json& expected,
                  const std::string& metric, const std::string& where, Tally& tally) {
  const MetricComparison* row = find_row(comparison, expected["name"], metric);
  INFO(where);
  REQUIRE(row != nullptr);
  CHECK(row->baseline_count == expected["baseline_count"].get<std::size_t>());
  CHECK(row->current_count == expected["current_count"].get<std::size_t>());

  REQUIRE(row->change);
  check_close(*row->change, expected[metric + "_change"].get<double>(), where, tally.change);
  ++tally.changes;

  if (!expected.contains(metric + "_p")) return;
  REQUIRE(row->p_value);
  check_close(*row->p_value, expected[metric + "_p"].get<double>(), where, tally.p_value);
  ++tally.p_values;
}

void check_fixture(const std::filesystem::path& path, Tally& tally) {
  nlohmann::json fixture = read_fixture(path);
  Comparison comparison = compare_fixture_pair(fixture);
  std::string pair = path.stem().string();

  for (const nlohmann::json& expected : fixture["benchmarks"]) {
    auto name = expected["name"].get<std::string>();
    // compare.py compares Google Benchmark's _mean, _median... rows as
    // benchmarks of their own; perfgate folds them into their benchmark.
    if (expected["aggregate"].get<bool>() && !find_row(comparison, name, "real_time")) continue;
    for (std::string metric : {"real_time", "cpu_time"}) {
      check_metric(comparison, expected, metric, pair + ": " + name + " " + metric, tally);
    }
  }

  // compare.py drops rows in another time unit; perfgate converts them and
  // must still judge the benchmark.
  for (const nlohmann::json& unit_mismatch : fixture["skipped"]) {
    auto name = unit_mismatch["name"].get<std::string>();
    const MetricComparison* row = find_row(comparison, name, "real_time");
    INFO(pair << ": " << name);
    REQUIRE(row != nullptr);
    CHECK(row->change);
  }
}

}  // namespace

TEST_CASE("median changes and U test p-values equal compare.py's") {
  std::vector<std::filesystem::path> fixtures;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(PERFGATE_TEST_DATA) + "/compare_py")) {
    if (entry.path().extension() == ".json") fixtures.push_back(entry.path());
  }
  std::sort(fixtures.begin(), fixtures.end());
  REQUIRE(fixtures.size() >= 19);

  Tally tally;
  for (const std::filesystem::path& path : fixtures) check_fixture(path, tally);

  WARN("compared " << tally.changes << " changes and " << tally.p_values
                   << " p-values with compare.py; largest relative deviation of a change "
                   << tally.change.largest << " (" << tally.change.where << "), of a p-value "
                   << tally.p_value.largest << " (" << tally.p_value.where << ")");
}

TEST_CASE("a p-value of exactly 0 is 0, where compare.py 1.7.1 shows none") {
  // 1000 repetitions of 1 s against 1000 of 1000 s: the normal approximation's
  // tail underflows to 0. compare.py 1.7.1 then prints no U test at all
  // (google/benchmark#1733); calc_utest itself returns 0.0, as recorded.
  nlohmann::json fixture = read_fixture(std::string(PERFGATE_TEST_DATA) +
                                        "/compare_py/compare-inputs-test5-x1000.json");
  REQUIRE(fixture["benchmarks"][0]["real_time_p"].get<double>() == 0.0);
  Comparison comparison = compare_fixture_pair(fixture);

  const MetricComparison* real = find_row(comparison, "BM_ManyRepetitions", "real_time");
  const MetricComparison* cpu = find_row(comparison, "BM_ManyRepetitions", "cpu_time");
  REQUIRE(real);
  REQUIRE(cpu);
  CHECK(real->evidence == Evidence::kMannWhitneyU);
  CHECK(*real->p_value == 0.0);
  CHECK(*cpu->p_value == 0.0);
  CHECK(real->verdict == Verdict::kRegressed);  // 1 s -> 1000 s
  CHECK(cpu->verdict == Verdict::kImproved);    // 1000 s -> 1 s
}
