// Microbenchmarks of perfgate's own hot paths. The repository's perfgate.toml
// runs them, so perfgate gates itself (scripts/demo.sh).
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compare/comparison.h"
#include "ingest/load_input.h"
#include "stats/rank_tests.h"

namespace perfgate {
namespace {

constexpr int kRepetitions = 20;

// Google Benchmark JSON for `benchmark_count` benchmarks of kRepetitions
// repetitions each, shaped as the library writes it, with seeded noise.
std::string make_gbench_text(int benchmark_count, unsigned seed) {
  std::mt19937_64 random(seed);
  std::normal_distribution<double> noise(1.0, 0.02);
  std::string text = "{\n  \"context\": {\"host_name\": \"bench\", \"num_cpus\": 2},\n"
                     "  \"benchmarks\": [\n";
  char row[512];
  for (int b = 0; b < benchmark_count; ++b) {
    double base_ns = 100.0 + 37.0 * b;
    for (int r = 0; r < kRepetitions; ++r) {
      double real_ns = base_ns * noise(random);
      std::snprintf(row, sizeof row,
                    "    {\"name\": \"BM_Synthetic/%d\", \"run_name\": \"BM_Synthetic/%d\", "
                    "\"run_type\": \"iteration\", \"repetitions\": %d, \"repetition_index\": %d, "
                    "\"threads\": 1, \"iterations\": 1000, \"real_time\": %.16e, "
                    "\"cpu_time\": %.16e, \"time_unit\": \"ns\"}%s\n",
                    b, b, kRepetitions, r, real_ns, real_ns * 0.99,
                    (b + 1 == benchmark_count && r + 1 == kRepetitions) ? "" : ",");
      text += row;
    }
  }
  return text + "  ]\n}\n";
}

Result ingest(const std::string& text) {
  Expected<nlohmann::json> document = parse_json_lenient(text, "bench.json");
  Expected<Result> result = result_from_gbench(*document, "bench.json");
  return std::move(*result);
}

// Reads a file the way `perfgate compare` does (row by row for Google
// Benchmark output); the file sits in the page cache after the first read.
void BM_IngestGbench(benchmark::State& state) {
  std::string text = make_gbench_text(static_cast<int>(state.range(0)), 1);
  std::string path = std::filesystem::temp_directory_path() /
                     ("perfgate-bench-" + std::to_string(::getpid()) + ".json");
  std::ofstream(path, std::ios::binary) << text;
  for (auto _ : state) {
    Expected<Result> result = load_results_file(path);
    benchmark::DoNotOptimize(result->benchmarks.data());
  }
  std::filesystem::remove(path);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_IngestGbench)->Arg(200)->Unit(benchmark::kMillisecond);

void BM_MannWhitneyU(benchmark::State& state) {
  std::mt19937_64 random(7);
  std::normal_distribution<double> noise(100.0, 2.0);
  std::vector<double> first(static_cast<std::size_t>(state.range(0)));
  std::vector<double> second(first.size());
  for (double& value : first) value = noise(random);
  for (double& value : second) value = noise(random) + 1.0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(mann_whitney_u(first, second));
  }
}
BENCHMARK(BM_MannWhitneyU)->Arg(8)->Arg(20)->Arg(1000);

void BM_CompareResults(benchmark::State& state) {
  int count = static_cast<int>(state.range(0));
  Result baseline = ingest(make_gbench_text(count, 1));
  Result current = ingest(make_gbench_text(count, 2));
  Policy policy;
  for (auto _ : state) {
    Comparison comparison = compare_results(baseline, current, policy);
    benchmark::DoNotOptimize(comparison.rows.data());
  }
  state.SetItemsProcessed(state.iterations() * count);
}
BENCHMARK(BM_CompareResults)->Arg(200)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace perfgate

BENCHMARK_MAIN();
