// Measuring a suite: running each entry and folding what it produced into
// one Result with the commit and machine it was measured on.
#include "cli/measure.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <unordered_set>

#include "ingest/load_input.h"
#include "runner/gbench_runner.h"
#include "store/git_info.h"
#include "store/machine.h"

namespace perfgate {
namespace {

std::string folder_of(const std::string& path) {
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? "." : parent.string();
}

Expected<Result> measure_entry(const SuiteEntry& entry, const GlobalOptions& global) {
  if (entry.kind == EntryKind::kGbench) {
    if (!global.quiet) {
      std::cerr << "perfgate: running " << entry.name << " (" << entry.binary << ", "
                << entry.repetitions << " repetitions)\n";
    }
    return run_gbench_entry(entry, global.verbosity > 0);
  }

  Expected<Result> imported = load_results_file(entry.path, entry.format);
  if (!imported) return imported.error().with_context("entry \"" + entry.name + "\"");
  for (Benchmark& benchmark : imported->benchmarks) benchmark.entry = entry.name;
  return imported;
}

// Folds one entry's Result into the suite's. The first producer that knows
// the measured library's build type or CPU scaling state speaks for the run.
Status merge_entry(Result& into, Result&& part, const std::string& entry_name,
                   std::unordered_set<std::string>& names) {
  for (Benchmark& benchmark : part.benchmarks) {
    if (!names.insert(benchmark.name).second) {
      return Error("entry \"" + entry_name + "\": benchmark \"" + benchmark.name +
                   "\" is also produced by an earlier entry; give each entry a filter "
                   "so that every benchmark name is measured once");
    }
    into.benchmarks.push_back(std::move(benchmark));
  }

  Environment& environment = into.environment;
  if (environment.build_type.empty()) environment.build_type = part.environment.build_type;
  if (!environment.cpu_scaling_enabled) {
    environment.cpu_scaling_enabled = part.environment.cpu_scaling_enabled;
  }
  if (environment.load_average.empty()) environment.load_average = part.environment.load_average;
  for (std::string& caveat : part.caveats) {
    bool known = std::find(into.caveats.begin(), into.caveats.end(), caveat) != into.caveats.end();
    if (!known) into.caveats.push_back(std::move(caveat));
  }
  return {};
}

Status check_entry_names(const Suite& suite, const std::vector<std::string>& only_entries) {
  for (const std::string& wanted : only_entries) {
    bool found = std::any_of(suite.entries.begin(), suite.entries.end(),
                             [&](const SuiteEntry& entry) { return entry.name == wanted; });
    if (found) continue;
    std::string known;
    for (const SuiteEntry& entry : suite.entries) known += (known.empty() ? "" : ", ") + entry.name;
    return Error("--entry " + wanted + ": no such entry in " + suite.file + " (entries: " +
                 known + ")");
  }
  return {};
}

}  // namespace

Expected<Result> measure_suite(const Suite& suite, const std::vector<std::string>& only_entries,
                               const GlobalOptions& global) {
  if (Status known = check_entry_names(suite, only_entries); !known) return known.error();

  Result result;
  result.tool_version = PERFGATE_VERSION;
  result.suite = suite.name;
  result.start_time = now_rfc3339();
  std::vector<std::string> warnings;
  result.git = read_git_info(folder_of(suite.file), github_variables_from_process(), warnings);
  for (const std::string& warning : warnings) warn(global, warning);
  result.environment = describe_this_machine();

  std::unordered_set<std::string> names;
  for (const SuiteEntry& entry : suite.entries) {
    bool wanted = only_entries.empty() ||
                  std::find(only_entries.begin(), only_entries.end(), entry.name) !=
                      only_entries.end();
    if (!wanted) continue;
    Expected<Result> part = measure_entry(entry, global);
    if (!part) return part.error();
    if (Status merged = merge_entry(result, std::move(*part), entry.name, names); !merged) {
      return merged.error();
    }
  }

  if (result.git.dirty) {
    result.caveats.push_back("the work tree had uncommitted changes: the commit id does not "
                             "describe exactly what was measured");
  }
  result.end_time = now_rfc3339();
  summarize(result);
  return result;
}

}  // namespace perfgate
