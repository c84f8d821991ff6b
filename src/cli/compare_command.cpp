// perfgate compare BASELINE CURRENT: judge two existing results.
#include <future>
#include <memory>

#include "cli/commands.h"
#include "store/directory_store.h"

namespace perfgate {
namespace {

struct CompareOptions {
  std::string baseline;
  std::string current;
  std::string suite_file;
  std::string store_root = kDefaultStoreRoot;
  ReportOptions report;
  PolicyFlags policy_flags;
};

int compare(const CompareOptions& options, const GlobalOptions& global) {
  if (Status valid = validate_report_options(options.report); !valid) {
    return report_error(valid.error());
  }

  // Like gate, compare judges by the suite's thresholds when there is a
  // perfgate.toml here, so both commands agree on the same results.
  std::string suite_file = options.suite_file;
  bool implicit_suite = suite_file.empty() && is_regular_file(kDefaultSuiteFile);
  if (implicit_suite) suite_file = kDefaultSuiteFile;
  Policy policy;
  std::string suite_name;
  if (!suite_file.empty()) {
    Expected<Suite> suite = load_suite(suite_file);
    if (!suite) return report_error(suite.error());
    policy = suite->policy;
    // Only a suite named on purpose narrows which stored results are meant.
    if (!implicit_suite) suite_name = suite->name;
  }
  if (Status applied = apply_policy_flags(options.policy_flags, policy); !applied) {
    return report_error(applied.error());
  }

  // Reading a large file is most of a comparison's time, and two files are
  // independent: read them on two threads. Commits are looked up on this
  // thread only, because libgit2 keeps per-thread state that a short-lived
  // thread would leak.
  auto load = [&](const std::string& argument) {
    return load_side(argument, options.store_root, suite_name);
  };
  bool both_files = is_regular_file(options.baseline) && is_regular_file(options.current);
  std::future<Expected<Result>> pending_baseline =
      std::async(both_files ? std::launch::async : std::launch::deferred, load, options.baseline);
  Expected<Result> current = load(options.current);
  Expected<Result> baseline = pending_baseline.get();
  if (!baseline) return report_error(baseline.error().with_context("loading baseline"));
  if (!current) return report_error(current.error().with_context("loading current"));

  Comparison comparison = compare_results(*baseline, *current, policy);
  return static_cast<int>(print_comparison(comparison, options.report, global));
}

}  // namespace

void add_compare_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome) {
  auto options = std::make_shared<CompareOptions>();
  CLI::App* command = app.add_subcommand(
      "compare",
      "Compare two results; each is a Result file, a Google Benchmark JSON file, or a commit "
      "with a stored result");
  command->add_option("BASELINE", options->baseline, "The result to compare against")
      ->required();
  command->add_option("CURRENT", options->current, "The result to judge")->required();
  command->add_option("--suite", options->suite_file,
                      "Take thresholds from this suite file (default: ./perfgate.toml if present)")
      ->check(non_empty());
  command->add_option("--store", options->store_root, "Directory store for commits")
      ->capture_default_str()
      ->check(non_empty());
  add_policy_flags(*command, options->policy_flags);
  add_report_flags(*command, options->report);
  command->callback(
      [options, &global, &outcome] { outcome.exit_code = compare(*options, global); });
}

}  // namespace perfgate
