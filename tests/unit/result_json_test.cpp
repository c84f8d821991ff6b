#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>

#include "result/result_json.h"

namespace perfgate {
namespace {

Result sample_result() {
  Result result;
  result.tool_version = "0.1.0";
  result.suite = "core";
  result.git.commit = "0123456789abcdef0123456789abcdef01234567";
  result.git.branch = "main";
  result.git.dirty = true;
  result.git.commit_time_s = 1700000000;
  result.git.subject = "Speed up parsing";
  result.git.source = "libgit2";
  result.environment.host = "ci-1";
  result.environment.cores = 2;
  result.environment.cpu_scaling_enabled = false;
  result.start_time = "2026-12-03T10:00:00Z";
  result.end_time = "2026-12-03T10:01:00Z";
  result.caveats = {"the work tree has uncommitted changes"};

  Benchmark benchmark;
  benchmark.name = "BM_Parse<int, 2>/8 µs";
  benchmark.kind = "gbench";
  benchmark.threads = 2;
  benchmark.metrics.push_back({"real_time", "ns", Better::kLower, {3, 1, 2}, {}});
  benchmark.metrics.push_back({"FOM: GB/s", "1/s", Better::kHigher,
                               {std::numeric_limits<double>::infinity(), 4.5}, {}});
  result.benchmarks.push_back(benchmark);
  summarize(result);
  return result;
}

Expected<Result> reread(const Result& result) {
  return result_from_json(nlohmann::json::parse(result_to_text(result)), "r.json");
}

TEST_CASE("a Result survives writing and reading back") {
  Result original = sample_result();
  Expected<Result> copy = reread(original);
  REQUIRE(copy.has_value());

  CHECK(copy->git.commit == original.git.commit);
  CHECK(copy->git.dirty);
  CHECK(copy->git.commit_time_s == 1700000000);
  CHECK(copy->environment.cpu_scaling_enabled == false);
  CHECK(copy->caveats == original.caveats);
  REQUIRE(copy->benchmarks.size() == 1);
  const Benchmark& benchmark = copy->benchmarks[0];
  CHECK(benchmark.name == "BM_Parse<int, 2>/8 µs");
  CHECK(benchmark.threads == 2);
  CHECK(benchmark.metrics[0].samples == std::vector<double>{3, 1, 2});
  // Median of {3, 1, 2} is 2, mean is 2, sample stddev is 1 (by hand).
  CHECK(benchmark.metrics[0].summary.median == 2);
  CHECK(benchmark.metrics[0].summary.stddev == 1);
  CHECK(benchmark.metrics[1].better == Better::kHigher);
  CHECK(std::isinf(benchmark.metrics[1].samples[0]));
}

TEST_CASE("non-finite samples are written as strings, keeping the file valid JSON") {
  nlohmann::json written = result_to_json(sample_result());
  CHECK(written["benchmarks"][0]["metrics"][1]["samples"][0] == "Infinity");
}

TEST_CASE("an outside commit is written as null") {
  Result result = sample_result();
  result.git.commit.reset();
  nlohmann::json written = result_to_json(result);
  CHECK(written["git"]["commit"].is_null());
  CHECK_FALSE(reread(result)->git.commit.has_value());
}

TEST_CASE("reading rejects what is not a v1 Result, saying why") {
  nlohmann::json document = result_to_json(sample_result());

  SECTION("unknown schema version") {
    document["schema"] = "perfgate/result/v9";
    Expected<Result> read = result_from_json(document, "r.json");
    REQUIRE_FALSE(read.has_value());
    CHECK(read.error().message() ==
          "r.json: schema \"perfgate/result/v9\" is not understood by perfgate " PERFGATE_VERSION
          ", which reads \"perfgate/result/v1\" (upgrade perfgate to read newer results)");
  }
  SECTION("a sample of the wrong type names the benchmark and the field") {
    document["benchmarks"][0]["metrics"][0]["samples"][1] = "fast";
    Expected<Result> read = result_from_json(document, "r.json");
    REQUIRE_FALSE(read.has_value());
    CHECK(read.error().message() ==
          "r.json: benchmarks[0] (\"BM_Parse<int, 2>/8 µs\").metrics[0]: samples[1] is a "
          "string, expected a number");
  }
  SECTION("benchmarks missing") {
    document.erase("benchmarks");
    Expected<Result> read = result_from_json(document, "r.json");
    REQUIRE_FALSE(read.has_value());
    CHECK(read.error().message() == "r.json: missing required field \"benchmarks\"");
  }
  SECTION("a benchmark named twice") {
    document["benchmarks"].push_back(document["benchmarks"][0]);
    Expected<Result> read = result_from_json(document, "r.json");
    REQUIRE_FALSE(read.has_value());
    CHECK(read.error().message() ==
          "r.json: benchmarks[1]: benchmark \"BM_Parse<int, 2>/8 µs\" appears twice");
  }
  SECTION("null where the format allows none is a wrong type, not an absent field") {
    document["benchmarks"][0]["status"] = nullptr;
    Expected<Result> read = result_from_json(document, "r.json");
    REQUIRE_FALSE(read.has_value());
    CHECK(read.error().message() ==
          "r.json: benchmarks[0] (\"BM_Parse<int, 2>/8 µs\"): status is null, expected a string");
  }
  SECTION("a negative time") {
    document["benchmarks"][0]["metrics"][0]["samples"][0] = -3;
    Expected<Result> read = result_from_json(document, "r.json");
    REQUIRE_FALSE(read.has_value());
    CHECK(read.error().message() ==
          "r.json: benchmarks[0] (\"BM_Parse<int, 2>/8 µs\").metrics[0]: samples[0] is -3, "
          "but a time cannot be negative");
  }
  SECTION("a negative standard deviation") {
    document["benchmarks"][0]["metrics"][1]["summary"]["stddev"] = -1;
    Expected<Result> read = result_from_json(document, "r.json");
    REQUIRE_FALSE(read.has_value());
    CHECK(read.error().message() ==
          "r.json: benchmarks[0] (\"BM_Parse<int, 2>/8 µs\").metrics[1].summary: stddev must "
          "not be negative");
  }
  SECTION("better is neither lower nor higher") {
    document["benchmarks"][0]["metrics"][0]["better"] = "up";
    Expected<Result> read = result_from_json(document, "r.json");
    REQUIRE_FALSE(read.has_value());
    CHECK(read.error().message() ==
          "r.json: benchmarks[0] (\"BM_Parse<int, 2>/8 µs\").metrics[0]: better is \"up\", "
          "expected \"lower\" or \"higher\"");
  }
}

TEST_CASE("a metric with only a summary keeps it") {
  nlohmann::json document = result_to_json(sample_result());
  nlohmann::json& metric = document["benchmarks"][0]["metrics"][0];
  metric["samples"] = nlohmann::json::array();
  metric["summary"] = {{"mean", 10}, {"median", 9}, {"stddev", 2}, {"min", 7},
                       {"max", 14}, {"count", 5}};
  Expected<Result> read = result_from_json(document, "r.json");
  REQUIRE(read.has_value());
  const Summary& summary = read->benchmarks[0].metrics[0].summary;
  CHECK(summary.mean == 10);
  CHECK(summary.count == 5);
}

}  // namespace
}  // namespace perfgate
