// perfgate gate: run, pick the baseline, compare, report, exit. The one step
// CI calls.
#include <filesystem>
#include <iostream>
#include <memory>

#include "base/atomic_file.h"
#include "cli/commands.h"
#include "cli/measure.h"
#include "result/result_json.h"
#include "store/directory_store.h"

namespace perfgate {
namespace {

struct GateOptions {
  std::string suite_file = kDefaultSuiteFile;
  std::string baseline;
  std::vector<std::string> entries;
  std::string out_file;
  bool save = false;
  std::string store_root = kDefaultStoreRoot;
  ReportOptions report;
  PolicyFlags policy_flags;
};

// The baseline named by --baseline, else the committed baseline file. A
// missing committed baseline is not an error: on a project's first run
// every benchmark is simply new.
Expected<Result> pick_baseline(const GateOptions& options, const Suite& suite,
                               const GlobalOptions& global) {
  if (!options.baseline.empty()) {
    Expected<Result> chosen = load_side(options.baseline, options.store_root, suite.name);
    if (!chosen) return chosen.error().with_context("loading baseline");
    return chosen;
  }

  std::string path = default_baseline_path(suite);
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    warn(global, "no baseline at " + path + ": every benchmark is reported as new; create "
                 "one with 'perfgate baseline save'");
    Result empty;
    empty.suite = suite.name;
    return empty;
  }
  Expected<Result> committed = load_side(path, options.store_root, suite.name);
  if (!committed) return committed.error().with_context("loading baseline");
  return committed;
}

Status keep_result(const GateOptions& options, const Result& result,
                   const GlobalOptions& global) {
  if (!options.out_file.empty()) {
    if (Status written = write_file_atomically(options.out_file, result_to_text(result));
        !written) {
      return written;
    }
    if (!global.quiet) std::cerr << "perfgate: wrote " << options.out_file << "\n";
  }
  if (options.save) {
    Expected<std::string> path = DirectoryStore(options.store_root).save(result);
    if (!path) return path.error();
    if (!global.quiet) std::cerr << "perfgate: saved " << *path << "\n";
  }
  return {};
}

int gate(const GateOptions& options, const GlobalOptions& global) {
  if (Status valid = validate_report_options(options.report); !valid) {
    return report_error(valid.error());
  }
  Expected<Suite> suite = load_suite(options.suite_file);
  if (!suite) return report_error(suite.error());
  Policy policy = suite->policy;
  if (Status applied = apply_policy_flags(options.policy_flags, policy); !applied) {
    return report_error(applied.error());
  }

  // The baseline is loaded before measuring so a bad --baseline fails in a
  // second, not after the whole suite has run.
  Expected<Result> baseline = pick_baseline(options, *suite, global);
  if (!baseline) return report_error(baseline.error());

  Expected<Result> current = measure_suite(*suite, options.entries, global);
  if (!current) return report_error(current.error());
  if (Status kept = keep_result(options, *current, global); !kept) {
    return report_error(kept.error());
  }

  Comparison comparison = compare_results(*baseline, *current, policy);
  return static_cast<int>(print_comparison(comparison, options.report, global));
}

}  // namespace

void add_gate_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome) {
  auto options = std::make_shared<GateOptions>();
  CLI::App* command = app.add_subcommand(
      "gate", "Run the suite, compare it with the baseline, report, and exit 1 on a regression");
  command->add_option("--suite", options->suite_file, "Suite file")->capture_default_str()
      ->check(non_empty());
  command->add_option("--baseline", options->baseline,
                      "Baseline: a Result or Google Benchmark file, or a commit with a stored "
                      "result (default: baselines/<suite>.json beside the suite file)")
      ->check(non_empty());
  command->add_option("--entry", options->entries, "Run only these entries")
      ->check(non_empty());
  command->add_option("--out", options->out_file, "Also write the Result to this file")
      ->check(non_empty());
  command->add_flag("--save", options->save, "Also file the Result in the store");
  command->add_option("--store", options->store_root, "Directory store")->capture_default_str()
      ->check(non_empty());
  add_policy_flags(*command, options->policy_flags);
  add_report_flags(*command, options->report);
  command->callback([options, &global, &outcome] { outcome.exit_code = gate(*options, global); });
}

}  // namespace perfgate
