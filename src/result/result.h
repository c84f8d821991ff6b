// The Result document: one run of a suite, keyed by the commit it measured.
// docs/result-format.md describes its JSON form field by field.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perfgate {

/// The schema every Result this version writes carries, and the only one
/// it reads.
inline constexpr std::string_view kResultSchema = "perfgate/result/v1";

/// Which way a metric improves.
enum class Better { kLower, kHigher };

/// Summary statistics of one metric over its repetitions.
struct Summary {
  double mean = 0;
  double median = 0;
  double stddev = 0;  ///< sample standard deviation (n - 1), 0 for one sample
  double min = 0;
  double max = 0;
  std::size_t count = 0;  ///< how many repetitions the summary describes
};

/// One measured quantity of a benchmark: a time, a rate or a counter.
struct Metric {
  std::string name;  ///< "real_time", "cpu_time", "items_per_second", ...
  std::string unit;  ///< "ns" for every time, "1/s" for rates, "" for counts
  Better better = Better::kLower;
  /// One value per repetition, in `unit`. Empty when the producer wrote only
  /// aggregates; then `summary` comes from those aggregates.
  std::vector<double> samples;
  /// Computed from `samples` when there are some (see summarize()).
  Summary summary;
};

/// Whether a benchmark produced numbers.
enum class BenchmarkStatus { kOk, kError, kSkipped };

/// One benchmark of a run with all its metrics.
struct Benchmark {
  std::string name;   ///< unique within a Result; the pairing key
  std::string kind;   ///< "gbench" for Google Benchmark
  std::string entry;  ///< the suite entry that produced it, may be empty
  std::string label;  ///< Google Benchmark's label, may be empty
  BenchmarkStatus status = BenchmarkStatus::kOk;
  std::string message;  ///< the error or skip message when not kOk
  int threads = 1;
  std::vector<Metric> metrics;  ///< times first, then counters in file order

  /// The metric called `name`, or nullptr.
  const Metric* find_metric(std::string_view metric_name) const;
  Metric* find_metric(std::string_view metric_name);
};

/// The commit a Result measured and the state of the work tree.
struct GitInfo {
  std::optional<std::string> commit;  ///< full hex id; empty outside git
  std::string branch;                 ///< empty when detached and unknown
  bool dirty = false;                 ///< uncommitted changes to tracked files
  std::optional<std::int64_t> commit_time_s;  ///< seconds since the epoch
  std::string subject;                ///< first line of the commit message
  /// Where the commit came from: "libgit2", "github" (GITHUB_SHA) or "none".
  std::string source = "none";
  /// Parents of a merge commit GitHub made for a pull request, so a reader
  /// can tell which head was measured on top of which base.
  std::vector<std::string> merge_parents;
  bool shallow = false;
};

/// The machine and build a Result was measured on.
struct Environment {
  std::string host;
  std::string cpu_model;
  int cores = 0;
  std::string os;        ///< kernel name and release, "Linux 6.1.0"
  std::string compiler;  ///< the compiler that built perfgate
  /// Build type of the measured library when its producer told us
  /// ("release", "debug"), else empty.
  std::string build_type;
  std::optional<bool> cpu_scaling_enabled;
  std::vector<double> load_average;
};

/// One run of a suite.
struct Result {
  std::string schema = std::string(kResultSchema);
  std::string tool_version;
  std::string suite;
  GitInfo git;
  Environment environment;
  std::string start_time;  ///< RFC 3339, UTC
  std::string end_time;
  std::vector<Benchmark> benchmarks;
  /// What makes these numbers less trustworthy, said in plain words: a debug
  /// build, CPU frequency scaling, a dirty work tree, too few repetitions.
  std::vector<std::string> caveats;

  const Benchmark* find_benchmark(std::string_view benchmark_name) const;
};

/// Recomputes every metric's summary from its samples. Metrics without
/// samples keep the summary their producer gave.
void summarize(Result& result);

/// Returns the summary statistics of `samples` (which must not be empty).
Summary summarize_samples(const std::vector<double>& samples);

}  // namespace perfgate
