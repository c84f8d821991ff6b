// Reading Google Benchmark JSON. Expected values are copied by hand from the
// corpus files under tests/data/gbench (named in each test) or worked out
// from small inputs written here; unit conversions are done on paper.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/atomic_file.h"
#include "ingest/gbench_reader.h"
#include "ingest/load_input.h"
#include "result/result_json.h"

namespace perfgate {
namespace {

std::string corpus_path(const std::string& name) {
  return std::string(PERFGATE_TEST_DATA) + "/gbench/" + name;
}

std::string malformed_path(const std::string& name) {
  return std::string(PERFGATE_TEST_DATA) + "/../malformed/" + name;
}

Result load_corpus(const std::string& name) {
  auto result = load_results_file(corpus_path(name));
  INFO((result ? std::string() : result.error().message()));
  REQUIRE(result);
  return std::move(*result);
}

// What the whole-document reader makes of `text`.
Expected<Result> from_document(std::string_view text, std::string_view source) {
  auto document = parse_json_lenient(text, source);
  if (!document) return document.error();
  return result_from_gbench(*document, source);
}

// The streaming reader must give the same Result, or leave the text to the
// whole-document reader, which it must do for every text that one refuses.
void check_stream_agrees(std::string_view text, std::string_view source,
                         const Expected<Result>& whole) {
  std::optional<Result> streamed = stream_gbench(text, source);
  if (!whole) {
    CHECK_FALSE(streamed);
  } else if (streamed) {
    CHECK(result_to_text(*streamed) == result_to_text(*whole));
  }
}

Expected<Result> from_text(std::string_view text) {
  Expected<Result> whole = from_document(text, "test.json");
  check_stream_agrees(text, "test.json", whole);
  return whole;
}

Result ingest_text(std::string_view text) {
  auto result = from_text(text);
  INFO((result ? std::string() : result.error().message()));
  REQUIRE(result);
  return std::move(*result);
}

std::string error_of_text(std::string_view text) {
  auto result = from_text(text);
  REQUIRE_FALSE(result);
  return result.error().message();
}

const Benchmark& benchmark_named(const Result& result, std::string_view name) {
  const Benchmark* benchmark = result.find_benchmark(name);
  INFO("benchmark " << name);
  REQUIRE(benchmark != nullptr);
  return *benchmark;
}

const Metric& metric_named(const Benchmark& benchmark, std::string_view name) {
  const Metric* metric = benchmark.find_metric(name);
  INFO("metric " << name << " of " << benchmark.name);
  REQUIRE(metric != nullptr);
  return *metric;
}

std::vector<std::string> metric_names(const Benchmark& benchmark) {
  std::vector<std::string> names;
  for (const Metric& metric : benchmark.metrics) names.push_back(metric.name);
  return names;
}

std::vector<std::string> benchmark_names(const Result& result) {
  std::vector<std::string> names;
  for (const Benchmark& benchmark : result.benchmarks) names.push_back(benchmark.name);
  return names;
}

}  // namespace

TEST_CASE("every Google Benchmark file of the corpus ingests") {
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(corpus_path(""))) {
    if (entry.path().extension() != ".json") continue;
    ++files;
    INFO(entry.path().filename().string());
    auto result = load_results_file(entry.path().string());
    INFO((result ? std::string() : result.error().message()));
    REQUIRE(result);

    std::set<std::string> names;
    for (const Benchmark& benchmark : result->benchmarks) {
      CHECK(benchmark.kind == "gbench");
      CHECK(names.insert(benchmark.name).second);
      for (const Metric& metric : benchmark.metrics) {
        if (!metric.samples.empty()) CHECK(metric.summary.count == metric.samples.size());
      }
    }
  }
  CHECK(files == 34);
}

TEST_CASE("compare.py's 2016 input: BigO and RMS rows are dropped, seconds become ns") {
  Result result = load_corpus("google__benchmark__compare-inputs-test1_run1.json");

  // 16 rows, of which MyComplexityTest_BigO and _RMS are not benchmarks.
  CHECK(result.benchmarks.size() == 14);
  CHECK(result.benchmarks.front().name == "BM_SameTimes");
  CHECK(result.benchmarks.back().name == "BM_hasLabel");
  CHECK(result.find_benchmark("MyComplexityTest") == nullptr);
  CHECK(result.find_benchmark("MyComplexityTest_BigO") == nullptr);
  CHECK(result.find_benchmark("MyComplexityTest_RMS") == nullptr);

  // "real_time": 0.4, "cpu_time": 0.5, "time_unit": "s".
  const Benchmark& seconds = benchmark_named(result, "BM_NotBadTimeUnit");
  CHECK(metric_names(seconds) == std::vector<std::string>{"real_time", "cpu_time"});
  CHECK(metric_named(seconds, "real_time").samples == std::vector<double>{400'000'000});
  CHECK(metric_named(seconds, "cpu_time").samples == std::vector<double>{500'000'000});
  CHECK(metric_named(seconds, "real_time").unit == "ns");
  CHECK(metric_named(seconds, "real_time").better == Better::kLower);

  const Benchmark& labelled = benchmark_named(result, "BM_hasLabel");
  CHECK(labelled.label == "a label");
  CHECK(metric_named(labelled, "cpu_time").samples == std::vector<double>{1e9});

  CHECK(result.environment.cores == 4);
  CHECK(result.environment.cpu_scaling_enabled == false);
  CHECK(result.environment.build_type == "release");
  CHECK(result.environment.host.empty());
  CHECK(result.caveats.empty());
}

TEST_CASE("an ms row is converted to ns") {
  // compare-inputs test2_run: BM_Hi is 42 ms real, 24 ms CPU.
  Result result = load_corpus("google__benchmark__compare-inputs-test2_run.json");
  CHECK(result.benchmarks.size() == 10);
  const Benchmark& hi = benchmark_named(result, "BM_Hi");
  CHECK(metric_named(hi, "real_time").samples == std::vector<double>{42'000'000});
  CHECK(metric_named(hi, "cpu_time").samples == std::vector<double>{24'000'000});
  CHECK(metric_named(benchmark_named(result, "BM_Zero/4"), "real_time").samples ==
        std::vector<double>{40});
}

TEST_CASE("kokkos: s, ms and us rows in one file, counters with spaces and colons") {
  Result result = load_corpus(
      "kokkos__kokkos-benchmark-results__gxx-openmp-PerformanceTest_Benchmark_"
      "2026-05-05_T18-28-10.json");
  CHECK(result.benchmarks.size() == 198);

  // 1.8775331999999999e-03 s = 1,877,533.2 ns
  const Benchmark& in_s = benchmark_named(result, "GramSchmidt<double>/Count:1024/iterations:5/"
                                                  "manual_time");
  REQUIRE(metric_named(in_s, "real_time").samples.size() == 1);
  CHECK(metric_named(in_s, "real_time").samples[0] == Approx(1'877'533.2).epsilon(1e-12));
  CHECK(metric_names(in_s) ==
        std::vector<std::string>{"real_time", "cpu_time", "Count", "Time normalized"});

  // 27818.33011538461 us = 27,818,330.11538461 ns
  const Benchmark& in_us =
      benchmark_named(result, "GemvDefault<Kokkos::LayoutLeft>/M:4000/N:10000/manual_time");
  CHECK(metric_named(in_us, "real_time").samples[0] ==
        Approx(27'818'330.11538461).epsilon(1e-12));

  // 13.63539096 ms = 13,635,390.96 ns; its counters are not times.
  const Benchmark& in_ms = benchmark_named(result, "StreamSet/N:9/manual_time");
  CHECK(metric_named(in_ms, "real_time").samples[0] == Approx(13'635'390.96).epsilon(1e-12));
  CHECK(metric_names(in_ms) ==
        std::vector<std::string>{"real_time", "cpu_time", "FOM: GB/s", "MB"});
  const Metric& bandwidth = metric_named(in_ms, "FOM: GB/s");
  CHECK(bandwidth.samples == std::vector<double>{25.255877811661954});
  CHECK(bandwidth.unit == "1/s");
  CHECK(bandwidth.better == Better::kHigher);
  const Metric& megabytes = metric_named(in_ms, "MB");
  CHECK(megabytes.samples == std::vector<double>{344.373768});
  CHECK(megabytes.unit.empty());
  CHECK(megabytes.better == Better::kLower);

  const Benchmark& overlap = benchmark_named(result, "OverlapMDRangePolicy/N:200/M:10000/R:10");
  const Metric& reduce = metric_named(overlap, "Time Reduce: Time Overlap");
  CHECK(reduce.samples == std::vector<double>{0.012735083});
  CHECK(reduce.better == Better::kLower);

  // A name with commas, spaces, angle brackets and "::"; 4.3859686874999998e-02 s.
  const Benchmark& copy = benchmark_named(
      result,
      "ViewDeepCopy_Rank1<Kokkos::LayoutLeft, Kokkos::LayoutLeft, "
      "Kokkos::DefaultExecutionSpace::memory_space, "
      "Kokkos::DefaultHostExecutionSpace::memory_space>/N:10/manual_time");
  CHECK(metric_named(copy, "real_time").samples[0] == Approx(43'859'686.875).epsilon(1e-12));

  CHECK(result.environment.host == "d85401811470");
  CHECK(result.environment.cores == 4);
  CHECK(result.environment.load_average == std::vector<double>{3.63623, 1.91797, 0.780762});
  CHECK(result.caveats.empty());
}

TEST_CASE("repetitions beside aggregates: samples are the iteration rows, in file order") {
  Result result = load_corpus("conbench__conbench__test_gbench-gbench-extracted.json");

  // Three repetitions plus mean, median, stddev and cv rows, then a family
  // without aggregates.
  REQUIRE(result.benchmarks.size() == 2);
  const Benchmark& row_major = result.benchmarks[0];
  CHECK(row_major.name ==
        "Int8RowMajorTensorConversionFixture<Int32Type>/ConvertToSparseCOOTensorInt32");
  CHECK(metric_names(row_major) == std::vector<std::string>{"real_time", "cpu_time",
                                                           "bytes_per_second",
                                                           "items_per_second"});
  const Metric& real_time = metric_named(row_major, "real_time");
  CHECK(real_time.samples ==
        std::vector<double>{88572.83803106814, 87653.01273132746, 89332.75062069818});
  // (88572.83803106814 + 87653.01273132746 + 89332.75062069818) / 3, which
  // is also what the file's own _mean row says.
  CHECK(real_time.summary.mean == Approx(88519.53379436459).epsilon(1e-12));
  CHECK(real_time.summary.median == 88572.83803106814);
  CHECK(real_time.summary.count == 3);

  const Metric& bytes = metric_named(row_major, "bytes_per_second");
  CHECK(bytes.unit == "B/s");
  CHECK(bytes.better == Better::kHigher);
  CHECK(bytes.samples.size() == 3);
  const Metric& items = metric_named(row_major, "items_per_second");
  CHECK(items.unit == "1/s");
  CHECK(items.better == Better::kHigher);
  CHECK(items.samples[1] == 493202655.70660776);

  CHECK(metric_named(result.benchmarks[1], "cpu_time").samples.size() == 3);
  CHECK(result.environment.host == "host.local");
  CHECK(result.environment.cores == 10);
  CHECK(result.environment.load_average == std::vector<double>{28.4897, 27.9819, 24.3301});
}

TEST_CASE("threads: names and thread counts") {
  Result result = load_corpus("conbench__conbench__test_gbench-big_gbench-extracted.json");
  REQUIRE(result.benchmarks.size() == 4);
  const Benchmark& two = benchmark_named(
      result, "DoThingAndThenUndoIt/param_1:0/param_2:1024/param_3:1600/real_time/threads:2");
  CHECK(two.threads == 2);
  CHECK(metric_named(two, "cpu_time").samples ==
        std::vector<double>{2288368.110849058, 2288368.110849058, 2288368.110849058});
  CHECK(benchmark_named(result,
                        "DoThingAndThenUndoIt/param_1:0/param_2:1024/param_3:1600/real_time/"
                        "threads:1")
            .threads == 1);
}

TEST_CASE("2016 format: the thread count comes from the name") {
  Result result = ingest_text(R"({"benchmarks": [
      {"name": "BM_lock/64/threads:16", "iterations": 10, "real_time": 5,
       "cpu_time": 70, "time_unit": "ns"},
      {"name": "BM_lock/64", "iterations": 10, "real_time": 5, "cpu_time": 5,
       "time_unit": "ns"}
    ]})");
  CHECK(benchmark_named(result, "BM_lock/64/threads:16").threads == 16);
  CHECK(benchmark_named(result, "BM_lock/64").threads == 1);
}

TEST_CASE("2016 format: _mean and _stddev rows are aggregates, not benchmarks") {
  Result result = load_corpus("blond-admin__BLonD-cpp__TC1-old-format-reps.json");

  // 170 rows: 34 benchmarks of 3 repetitions, a _mean and a _stddev.
  CHECK(result.benchmarks.size() == 34);
  const Benchmark& first = benchmark_named(result, "TC1_old/1000/1.95312k");
  CHECK(metric_named(first, "real_time").samples ==
        std::vector<double>{152991533, 146909237, 146071434});
  CHECK(metric_named(first, "cpu_time").samples ==
        std::vector<double>{6999935000, 6470017000, 6145066000});
  CHECK(result.find_benchmark("TC1_old/1000/1.95312k_mean") == nullptr);
  CHECK(result.find_benchmark("TC1_old/1000/1.95312k_stddev") == nullptr);

  // 40 rows of 5 per benchmark, a Linux cluster and Windows in the corpus.
  CHECK(load_corpus("blond-admin__BLonD-cpp__3d-hybrilit.json").benchmarks.size() == 8);
  CHECK(load_corpus("blond-admin__BLonD-cpp__3d-windows-i7.json").benchmarks.size() == 8);
}

TEST_CASE("v1.5 format with \"repetitions\": 0") {
  Result result = load_corpus("benchmark-action__github-action-benchmark__googlecpp_output.json");
  CHECK(benchmark_names(result) == std::vector<std::string>{"fib_10", "fib_20"});
  CHECK(metric_named(result.benchmarks[1], "real_time").samples ==
        std::vector<double>{2.7455600415007055e+04});
  CHECK(result.environment.host == "Corgi.local");
}

TEST_CASE("very large values and CPU scaling") {
  Result result = load_corpus("Chularev__video_compensation__mainbenchmark.json");
  const Benchmark& main = benchmark_named(result, "BM_main");
  CHECK(metric_named(main, "real_time").samples == std::vector<double>{8.1065698596699982e+10});
  CHECK(metric_named(main, "cpu_time").samples == std::vector<double>{6.2151499999999956e+04});
  CHECK(result.caveats ==
        std::vector<std::string>{
            "CPU frequency scaling was enabled, so times may vary between runs"});
}

TEST_CASE("BigO and RMS rows with aggregate_unit are skipped") {
  Result result = load_corpus("ZigRazor__CXXGraph__bellmanford-before.json");
  CHECK(result.benchmarks.size() == 19);
  CHECK(result.find_benchmark("BellmanFord_X") == nullptr);
  CHECK(result.benchmarks.back().name == "BellmanFord_X/262144");
}

TEST_CASE("a percentage-only aggregate leaves no benchmark") {
  Result result = load_corpus("google__benchmark__compare-inputs-test4_run0.json");
  CHECK(result.benchmarks.empty());
}

TEST_CASE("rows without times give benchmarks without metrics") {
  Result result = load_corpus("google__benchmark__compare-inputs-test4_run.json");
  CHECK(result.benchmarks.size() == 12);
  for (const Benchmark& benchmark : result.benchmarks) CHECK(benchmark.metrics.empty());
}

TEST_CASE("aggregates only: mean, median and stddev rows fill the summary") {
  // The shape of --benchmark_report_aggregates_only: google/benchmark's
  // test/reporter_output_test.cc (BM_SummaryRepeat) expects only the _mean,
  // _median and _stddev rows; the fields are those src/json_reporter.cc
  // writes for an aggregate since v1.6 (aggregate_unit), plus the cv row.
  Result result = ingest_text(R"({
    "context": {"host_name": "ci", "num_cpus": 2},
    "benchmarks": [
      {"name": "BM_Sort/1024_mean", "family_index": 0, "per_family_instance_index": 0,
       "run_name": "BM_Sort/1024", "run_type": "aggregate", "repetitions": 5,
       "threads": 1, "aggregate_name": "mean", "aggregate_unit": "time",
       "iterations": 5, "real_time": 2.5, "cpu_time": 2.4, "time_unit": "us",
       "items_per_second": 4.0e8},
      {"name": "BM_Sort/1024_median", "family_index": 0, "per_family_instance_index": 0,
       "run_name": "BM_Sort/1024", "run_type": "aggregate", "repetitions": 5,
       "threads": 1, "aggregate_name": "median", "aggregate_unit": "time",
       "iterations": 5, "real_time": 2.4, "cpu_time": 2.3, "time_unit": "us",
       "items_per_second": 4.1e8},
      {"name": "BM_Sort/1024_stddev", "family_index": 0, "per_family_instance_index": 0,
       "run_name": "BM_Sort/1024", "run_type": "aggregate", "repetitions": 5,
       "threads": 1, "aggregate_name": "stddev", "aggregate_unit": "time",
       "iterations": 5, "real_time": 0.1, "cpu_time": 0.05, "time_unit": "us",
       "items_per_second": 1.0e7},
      {"name": "BM_Sort/1024_cv", "family_index": 0, "per_family_instance_index": 0,
       "run_name": "BM_Sort/1024", "run_type": "aggregate", "repetitions": 5,
       "threads": 1, "aggregate_name": "cv", "aggregate_unit": "percentage",
       "iterations": 5, "real_time": 0.04, "cpu_time": 0.02, "time_unit": "us",
       "items_per_second": 0.025}
    ]})");

  REQUIRE(result.benchmarks.size() == 1);
  const Benchmark& sort = result.benchmarks[0];
  CHECK(sort.name == "BM_Sort/1024");
  CHECK(metric_names(sort) ==
        std::vector<std::string>{"real_time", "cpu_time", "items_per_second"});

  // 2.5 us = 2500 ns, 2.4 us = 2400 ns, 0.1 us = 100 ns
  const Metric& real_time = metric_named(sort, "real_time");
  CHECK(real_time.samples.empty());
  CHECK(real_time.summary.mean == Approx(2500).epsilon(1e-12));
  CHECK(real_time.summary.median == Approx(2400).epsilon(1e-12));
  CHECK(real_time.summary.stddev == Approx(100).epsilon(1e-12));
  CHECK(real_time.summary.count == 5);
  CHECK(metric_named(sort, "cpu_time").summary.stddev == Approx(50).epsilon(1e-12));

  const Metric& items = metric_named(sort, "items_per_second");
  CHECK(items.summary.mean == 4.0e8);
  CHECK(items.summary.median == 4.1e8);
  CHECK(items.summary.stddev == 1.0e7);
  CHECK(items.summary.count == 5);
  CHECK(items.better == Better::kHigher);
}

TEST_CASE("2016 format, aggregates only: a suffix counts when a sibling row confirms it") {
  // BM_X has a _mean and a _stddev row (the 2016 reporter wrote iterations 0
  // on stddev); BM_Y_median follows a BM_Y row; BM_running_mean stands
  // alone, so it is a benchmark so named.
  Result result = ingest_text(R"({"benchmarks": [
      {"name": "BM_X_mean", "iterations": 10, "real_time": 120, "cpu_time": 110,
       "time_unit": "ns"},
      {"name": "BM_X_stddev", "iterations": 0, "real_time": 4, "cpu_time": 3,
       "time_unit": "ns"},
      {"name": "BM_Y", "iterations": 10, "real_time": 9, "cpu_time": 9, "time_unit": "ns"},
      {"name": "BM_Y_median", "iterations": 10, "real_time": 9, "cpu_time": 9,
       "time_unit": "ns"},
      {"name": "BM_running_mean", "iterations": 10, "real_time": 7, "cpu_time": 6,
       "time_unit": "ns"}
    ]})");

  CHECK(benchmark_names(result) ==
        std::vector<std::string>{"BM_X", "BM_Y", "BM_running_mean"});
  CHECK(metric_named(result.benchmarks[1], "real_time").samples == std::vector<double>{9});
  const Metric& x = metric_named(result.benchmarks[0], "real_time");
  CHECK(x.samples.empty());
  CHECK(x.summary.mean == 120);
  CHECK(x.summary.stddev == 4);
  CHECK(x.summary.count == 0);  // the 2016 format does not say how many
  CHECK(metric_named(result.benchmarks[2], "real_time").samples == std::vector<double>{7});
}

TEST_CASE("an errored benchmark keeps its message and gives no numbers") {
  // The shape is google/benchmark's own: test/reporter_output_test.cc
  // ("Testing Error Output") expects "name", "run_name", "run_type":
  // "iteration", then "error_occurred": true and "error_message": "message";
  // src/json_reporter.cc then writes iterations and zero times as usual.
  Result result = ingest_text(R"({"benchmarks": [
      {"name": "BM_error", "family_index": 0, "per_family_instance_index": 0,
       "run_name": "BM_error", "run_type": "iteration", "repetitions": 1,
       "repetition_index": 0, "threads": 1,
       "error_occurred": true, "error_message": "message",
       "iterations": 0, "real_time": 0.0000000000000000e+00,
       "cpu_time": 0.0000000000000000e+00, "time_unit": "ns"},
      {"name": "BM_fine", "run_name": "BM_fine", "run_type": "iteration",
       "iterations": 10, "real_time": 5, "cpu_time": 5, "time_unit": "ns"}
    ]})");

  const Benchmark& errored = benchmark_named(result, "BM_error");
  CHECK(errored.status == BenchmarkStatus::kError);
  CHECK(errored.message == "message");
  CHECK(errored.metrics.empty());
  CHECK(benchmark_named(result, "BM_fine").status == BenchmarkStatus::kOk);
}

TEST_CASE("one errored repetition marks the benchmark, the others stay samples") {
  Result result = ingest_text(R"({"benchmarks": [
      {"name": "BM_flaky", "run_type": "iteration", "repetition_index": 0,
       "iterations": 10, "real_time": 5, "cpu_time": 5, "time_unit": "ns"},
      {"name": "BM_flaky", "run_type": "iteration", "repetition_index": 1,
       "error_occurred": true, "error_message": "device lost",
       "iterations": 0, "real_time": 0, "cpu_time": 0, "time_unit": "ns"},
      {"name": "BM_flaky", "run_type": "iteration", "repetition_index": 2,
       "iterations": 10, "real_time": 6, "cpu_time": 6, "time_unit": "ns"}
    ]})");
  const Benchmark& flaky = benchmark_named(result, "BM_flaky");
  CHECK(flaky.status == BenchmarkStatus::kError);
  CHECK(flaky.message == "device lost");
  CHECK(metric_named(flaky, "real_time").samples == std::vector<double>{5, 6});
}

TEST_CASE("a skipped benchmark (Google Benchmark 1.8 and later)") {
  // SkipWithMessage arrived in google/benchmark PR #1564 (v1.8.0); its
  // src/json_reporter.cc writes "skipped": true and "skip_message" where an
  // error writes "error_occurred" and "error_message".
  Result result = ingest_text(R"({"benchmarks": [
      {"name": "BM_gpu", "family_index": 0, "per_family_instance_index": 0,
       "run_name": "BM_gpu", "run_type": "iteration", "repetitions": 1,
       "repetition_index": 0, "threads": 1,
       "skipped": true, "skip_message": "no GPU on this machine",
       "iterations": 0, "real_time": 0.0000000000000000e+00,
       "cpu_time": 0.0000000000000000e+00, "time_unit": "ns"}
    ]})");
  const Benchmark& skipped = benchmark_named(result, "BM_gpu");
  CHECK(skipped.status == BenchmarkStatus::kSkipped);
  CHECK(skipped.message == "no GPU on this machine");
  CHECK(skipped.metrics.empty());
}

TEST_CASE("bare NaN and infinities are counters; the same words in strings stay") {
  Result result = ingest_text(R"({"benchmarks": [
      {"name": "BM_NaN \"Infinity\" -Infinity", "run_type": "iteration",
       "iterations": 1, "real_time": 1, "cpu_time": 1, "time_unit": "ns",
       "ratio": NaN, "peak": Infinity, "floor": -Infinity}
    ]})");
  REQUIRE(result.benchmarks.size() == 1);
  const Benchmark& benchmark = result.benchmarks[0];
  CHECK(benchmark.name == "BM_NaN \"Infinity\" -Infinity");
  CHECK(metric_names(benchmark) ==
        std::vector<std::string>{"real_time", "cpu_time", "floor", "peak", "ratio"});
  CHECK(std::isnan(metric_named(benchmark, "ratio").samples.at(0)));
  double peak = metric_named(benchmark, "peak").samples.at(0);
  CHECK((std::isinf(peak) && peak > 0));
  double floor = metric_named(benchmark, "floor").samples.at(0);
  CHECK((std::isinf(floor) && floor < 0));
}

TEST_CASE("a non-ASCII name is kept byte for byte and groups its repetitions") {
  Result result = ingest_text(
      "{\"benchmarks\": ["
      "{\"name\": \"BM_Gr\xC3\xB6\xC3\x9F" "e/\xC2\xB5s/\xE6\x97\xA5\", \"real_time\": 3,"
      " \"cpu_time\": 3, \"time_unit\": \"ns\"},"
      "{\"name\": \"BM_Gr\xC3\xB6\xC3\x9F" "e/\xC2\xB5s/\xE6\x97\xA5\", \"real_time\": 4,"
      " \"cpu_time\": 4, \"time_unit\": \"ns\"}]}");
  REQUIRE(result.benchmarks.size() == 1);
  CHECK(result.benchmarks[0].name == "BM_Gr\xC3\xB6\xC3\x9F" "e/\xC2\xB5s/\xE6\x97\xA5");
  CHECK(metric_named(result.benchmarks[0], "real_time").samples == std::vector<double>{3, 4});
}

TEST_CASE("rates are higher-is-better, other counters lower-is-better") {
  Result result = ingest_text(R"({"benchmarks": [
      {"name": "BM_Rates", "real_time": 1, "cpu_time": 1, "time_unit": "ns",
       "items_per_second": 1, "bytes_per_second": 2, "frames_per_second": 3,
       "FOM: GB/s": 4, "Requests per second": 5, "ops/sec": 6, "rows/second": 7,
       "bytes/sample": 8, "cache_misses": 9}
    ]})");
  const Benchmark& rates = result.benchmarks.at(0);

  // Keys come out in byte order, which is the order Google Benchmark writes
  // its counters in (a std::map).
  CHECK(metric_names(rates) ==
        std::vector<std::string>{"real_time", "cpu_time", "FOM: GB/s", "Requests per second",
                                 "bytes/sample", "bytes_per_second", "cache_misses",
                                 "frames_per_second", "items_per_second", "ops/sec",
                                 "rows/second"});
  for (const char* rate : {"items_per_second", "frames_per_second", "FOM: GB/s",
                           "Requests per second", "ops/sec", "rows/second"}) {
    INFO(rate);
    CHECK(metric_named(rates, rate).unit == "1/s");
    CHECK(metric_named(rates, rate).better == Better::kHigher);
  }
  CHECK(metric_named(rates, "bytes_per_second").unit == "B/s");
  CHECK(metric_named(rates, "bytes_per_second").better == Better::kHigher);
  for (const char* cost : {"bytes/sample", "cache_misses"}) {
    INFO(cost);
    CHECK(metric_named(rates, cost).unit.empty());
    CHECK(metric_named(rates, cost).better == Better::kLower);
  }
}

TEST_CASE("a debug library and CPU scaling are caveats; zero benchmarks is fine") {
  Result result = ingest_text(R"({
      "context": {"host_name": "laptop", "num_cpus": 8, "cpu_scaling_enabled": true,
                  "load_avg": [1.5, 0.5, 0.25], "library_build_type": "debug"},
      "benchmarks": []})");
  CHECK(result.benchmarks.empty());
  CHECK(result.environment.host == "laptop");
  CHECK(result.environment.cores == 8);
  CHECK(result.environment.cpu_scaling_enabled == true);
  CHECK(result.environment.build_type == "debug");
  CHECK(result.environment.load_average == std::vector<double>{1.5, 0.5, 0.25});
  CHECK(result.caveats ==
        std::vector<std::string>{
            "Google Benchmark reports its library as a debug build (library_build_type), "
            "which adds overhead to every iteration",
            "CPU frequency scaling was enabled, so times may vary between runs"});
}

TEST_CASE("rows of a benchmark are grouped by name wherever they are") {
  // 2,000 benchmarks x 20 repetitions, written repetition by repetition so
  // that no two rows of a benchmark are adjacent. real_time = 100 b + r.
  std::string text = "{\"benchmarks\": [";
  for (int repetition = 0; repetition < 20; ++repetition) {
    for (int benchmark = 0; benchmark < 2000; ++benchmark) {
      if (repetition + benchmark > 0) text += ",";
      text += "{\"name\": \"BM_" + std::to_string(benchmark) +
              "\", \"run_type\": \"iteration\", \"real_time\": " +
              std::to_string(100 * benchmark + repetition) +
              ", \"cpu_time\": 1, \"time_unit\": \"ns\"}";
    }
  }
  text += "]}";

  Result result = ingest_text(text);
  REQUIRE(result.benchmarks.size() == 2000);
  CHECK(result.benchmarks[0].name == "BM_0");
  CHECK(result.benchmarks[1999].name == "BM_1999");
  std::vector<double> expected;
  for (int repetition = 0; repetition < 20; ++repetition) expected.push_back(123400 + repetition);
  CHECK(metric_named(result.benchmarks[1234], "real_time").samples == expected);
}

TEST_CASE("wrong types name the file, the row and the field") {
  CHECK(error_of_text(R"({"benchmarks": [{"name": "BM_A", "real_time": 1,
                          "cpu_time": true, "time_unit": "ns"}]})") ==
        "test.json: benchmarks[0] (\"BM_A\"): cpu_time is a boolean, expected a number");
  CHECK(error_of_text(R"({"benchmarks": [{"name": "BM_A"}, {"name": 7}]})") ==
        "test.json: benchmarks[1]: name is a number, expected a string");
  CHECK(error_of_text(R"({"benchmarks": [{"name": "BM_A", "threads": "2"}]})") ==
        "test.json: benchmarks[0] (\"BM_A\"): threads is a string, expected a number");
  CHECK(error_of_text(R"({"benchmarks": [{"name": "BM_A", "threads": -1}]})") ==
        "test.json: benchmarks[0] (\"BM_A\"): threads is -1, expected a count from 0 to "
        "2147483647");
  CHECK(error_of_text(R"({"benchmarks": [{"name": "BM_A", "run_type": "warmup"}]})") ==
        "test.json: benchmarks[0] (\"BM_A\"): run_type \"warmup\" is not \"iteration\" or "
        "\"aggregate\"");
  CHECK(error_of_text(R"({"benchmarks": [{"name": "BM_A", "error_occurred": "yes"}]})") ==
        "test.json: benchmarks[0] (\"BM_A\"): error_occurred is a string, expected true or "
        "false");
  CHECK(error_of_text(R"({"context": {"load_avg": [1, "x"]}, "benchmarks": []})") ==
        "test.json: context: load_avg[1] is a string, expected a number");
  CHECK(error_of_text(R"({"context": {"num_cpus": "4"}, "benchmarks": []})") ==
        "test.json: context: num_cpus is a string, expected a number");
  CHECK(error_of_text("[]") ==
        "test.json: no \"benchmarks\" array: not Google Benchmark JSON output");
  CHECK(error_of_text(R"({"context": {}})") ==
        "test.json: no \"benchmarks\" array: not Google Benchmark JSON output");
}

TEST_CASE("looks_like_gbench wants an object with a benchmarks array") {
  CHECK(looks_like_gbench(nlohmann::json::parse(R"({"benchmarks": []})")));
  CHECK(looks_like_gbench(nlohmann::json::parse(R"({"context": {}, "benchmarks": []})")));
  CHECK_FALSE(looks_like_gbench(nlohmann::json::parse(R"({"benchmarks": {}})")));
  CHECK_FALSE(looks_like_gbench(nlohmann::json::parse(R"({"context": {}})")));
  CHECK_FALSE(looks_like_gbench(nlohmann::json::parse("[]")));
}

TEST_CASE("parse_json_lenient quotes bare tokens only outside strings") {
  auto document = parse_json_lenient(
      R"({"a": NaN, "b": [Infinity, -Infinity], "c": "NaN \" Infinity -Infinity"})", "t.json");
  REQUIRE(document);
  CHECK((*document)["a"] == "NaN");
  CHECK((*document)["b"][0] == "Infinity");
  CHECK((*document)["b"][1] == "-Infinity");
  CHECK((*document)["c"] == "NaN \" Infinity -Infinity");

  // An escaped backslash ends a string; an escaped quote does not.
  auto escapes = parse_json_lenient(R"({"a\\": NaN, "b": "x\"NaN", "c": -Infinity, "d": -5})",
                                    "t.json");
  REQUIRE(escapes);
  CHECK((*escapes)["d"] == -5);
  CHECK((*escapes)["a\\"] == "NaN");
  CHECK((*escapes)["b"] == "x\"NaN");
  CHECK((*escapes)["c"] == "-Infinity");

  // A UTF-8 byte order mark is allowed.
  CHECK(parse_json_lenient("\xEF\xBB\xBF{\"benchmarks\": []}", "t.json"));
}

TEST_CASE("parse_json_lenient gives positions in the file, not in its rewrite") {
  // "123" is as long as "NaN", so both texts must fail at the same place:
  // 'x' is the 17th character of line 1.
  auto with_token = parse_json_lenient(R"({"a": NaN, "b": x})", "t.json");
  auto without = parse_json_lenient(R"({"a": 123, "b": x})", "t.json");
  REQUIRE_FALSE(with_token);
  REQUIRE_FALSE(without);
  CHECK(with_token.error().message() == without.error().message());
  CHECK(without.error().message() ==
        "t.json: not JSON: syntax error while parsing value - invalid literal; last read: "
        "'\"b\": x' at line 1, column 17");
}

TEST_CASE("parse_json_lenient says empty, truncated, not JSON, not UTF-8") {
  auto message = [](std::string_view text) {
    auto document = parse_json_lenient(text, "t.json");
    REQUIRE_FALSE(document);
    return document.error().message();
  };
  CHECK(message("") == "t.json: file is empty");
  CHECK(message(" \n\t ") == "t.json: file holds only whitespace, no JSON");

  // 16 characters, so the end is read as the 17th.
  CHECK(message(R"({"benchmarks": [)") ==
        "t.json: truncated JSON at line 1, column 17: syntax error while parsing value - "
        "unexpected end of input; expected '[', '{', or a literal (was the benchmark "
        "interrupted while writing?)");

  // The byte 0xE9 (Latin-1 e acute) is the 6th character of line 2.
  CHECK(message("{\n\"caf\xE9\": 1}") ==
        "t.json: invalid UTF-8 at line 2, column 6: save the file as UTF-8 text");
  CHECK(message("\xFF\xFE{") == "t.json: file is UTF-16 text, not UTF-8: save it as UTF-8");
  CHECK(message(R"({"a": 1e999})") ==
        "t.json: number overflow parsing '1e999': a number is too large for a double");
}

TEST_CASE("every malformed input gives its message") {
  struct Case {
    const char* file;
    const char* message;  // after "<path>: "
  };
  const Case cases[] = {
      {"empty.json", "file is empty"},
      {"whitespace.json", "file holds only whitespace, no JSON"},
      {"truncated.json",
       "truncated JSON at line 29, column 13: syntax error while parsing object key - invalid "
       "string: missing closing quote; last read: '\"itera'; expected string literal (was the "
       "benchmark interrupted while writing?)"},
      {"not-json.txt",
       "not JSON: syntax error while parsing value - unexpected number literal; expected end "
       "of input at line 1, column 6 (Google Benchmark writes JSON with --benchmark_out=FILE "
       "--benchmark_out_format=json)"},
      {"wrong-type-real-time.json",
       "benchmarks[3] (\"BM_Foo\"): real_time is a string, expected a number"},
      {"benchmarks-not-array.json", "\"benchmarks\" is an object, expected an array"},
      {"row-not-object.json", "benchmarks[1] is a string, expected an object"},
      {"missing-name.json", "benchmarks[2]: no \"name\" field"},
      {"invalid-utf8.json", "invalid UTF-8 at line 23, column 23: save the file as UTF-8 text"},
      {"no-benchmarks-key.json",
       "not a perfgate Result or Google Benchmark JSON output (no \"schema\" or "
       "\"benchmarks\" key)"},
      {"top-level-array.json",
       "not a perfgate Result or Google Benchmark JSON output (no \"schema\" or "
       "\"benchmarks\" key)"},
      {"bad-time-unit.json",
       "benchmarks[0] (\"BM_Parse\"): time_unit \"min\" is not one of ns, us, ms, s"},
      {"concatenated.json",
       "not JSON: syntax error while parsing value - unexpected '{'; expected end of input at "
       "line 24, column 1"},
      {"number-overflow.json",
       "number overflow parsing '1e999': a number is too large for a double"},
      {"utf16.json", "file is UTF-16 text, not UTF-8: save it as UTF-8"},
      {"context-not-object.json", "context is a string, expected an object"},
      {"schema-not-string.json", "schema is a number, expected a string"},
      {"deep-nesting.json", "JSON nested deeper than 100 levels: not a results file"},
      {"null-real-time.json", "benchmarks[0] (\"BM_Null\"): real_time is null, expected a number"},
      {"negative-time.json",
       "benchmarks[0] (\"BM_Negative\"): real_time is -10, but a time cannot be negative"},
  };
  for (const Case& test : cases) {
    std::string path = malformed_path(test.file);
    INFO(path);
    auto result = load_results_file(path);
    REQUIRE_FALSE(result);
    CHECK(result.error().message() == path + ": " + test.message);
    CHECK(result.error().kind() == ErrorKind::kInput);
  }
}

TEST_CASE("load_results_file reads a perfgate Result and names a missing file") {
  std::filesystem::path folder = std::filesystem::temp_directory_path() /
                                 ("perfgate-ingest-test-" + std::to_string(::getpid()));
  std::string path = (folder / "result.json").string();
  Result written = load_corpus("google__benchmark__compare-inputs-test5_run0.json");
  REQUIRE(write_file_atomically(path, result_to_text(written)));

  auto read = load_results_file(path);
  std::filesystem::remove_all(folder);
  INFO((read ? std::string() : read.error().message()));
  REQUIRE(read);
  CHECK(benchmark_names(*read) == std::vector<std::string>{"BM_ManyRepetitions"});
  // "real_time": 1, "cpu_time": 1000, "time_unit": "s".
  CHECK(metric_named(read->benchmarks[0], "cpu_time").samples == std::vector<double>{1e12});

  auto missing = load_results_file((folder / "gone.json").string());
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message() ==
        (folder / "gone.json").string() + ": cannot open: No such file or directory");
}

TEST_CASE("the streaming reader agrees with the whole-document reader on the corpus") {
  std::size_t streamed = 0;
  for (const auto& entry : std::filesystem::directory_iterator(corpus_path(""))) {
    if (entry.path().extension() != ".json") continue;
    std::string path = entry.path().string();
    INFO(path);
    auto text = read_file(path);
    REQUIRE(text);
    Expected<Result> whole = from_document(*text, path);
    REQUIRE(whole);
    check_stream_agrees(*text, path, whole);
    if (stream_gbench(*text, path)) ++streamed;
  }
  // Only 2016-style files whose names end in "_mean" and so on are left to
  // the whole-document reader.
  CHECK(streamed >= 30);
}

TEST_CASE("the streaming reader leaves every malformed file to the whole-document reader") {
  for (const auto& entry : std::filesystem::directory_iterator(malformed_path(""))) {
    if (entry.path().filename() == "README.md") continue;
    std::string path = entry.path().string();
    INFO(path);
    auto text = read_file(path);
    REQUIRE(text);
    CHECK_FALSE(stream_gbench(*text, path));
  }
}

}  // namespace perfgate
