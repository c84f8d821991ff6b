// perfgate.toml: the suite of benchmarks to run and the rules to judge by.
// docs/suite-file.md is the reference for every key.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "compare/policy.h"

namespace perfgate {

enum class EntryKind { kGbench, kImport };

/// One [[entry]] of the suite file.
struct SuiteEntry {
  std::string name;
  EntryKind kind = EntryKind::kGbench;
  // kind = "gbench"
  std::string binary;             ///< resolved against the suite file's folder
  std::vector<std::string> args;
  std::string filter;             ///< --benchmark_filter, empty for all
  int repetitions = 10;
  std::optional<double> min_time_s;  ///< --benchmark_min_time
  std::optional<double> timeout_s;   ///< kill the binary after this long
  // kind = "import"
  std::string path;               ///< resolved against the suite file's folder
  std::string format;             ///< "" to detect
};

struct Suite {
  std::string name;
  std::string file;        ///< path of the suite file it was read from
  std::vector<SuiteEntry> entries;
  Policy policy;           ///< from [thresholds]
};

/// Reads and checks a suite file. Errors name the file, the key and, where
/// the key is unknown, suggest the nearest known one.
Expected<Suite> load_suite(const std::string& path);

}  // namespace perfgate
