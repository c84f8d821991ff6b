// perfgate baseline save|show|list: the committed baseline files.
#include <algorithm>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <memory>

#include "base/atomic_file.h"
#include "cli/commands.h"
#include "cli/measure.h"
#include "ingest/load_input.h"
#include "result/quantity.h"
#include "result/result_json.h"

namespace perfgate {
namespace {

struct BaselineOptions {
  std::string suite_file = kDefaultSuiteFile;
  std::string from_file;
  std::vector<std::string> entries;
};

int save(const BaselineOptions& options, const GlobalOptions& global) {
  Expected<Suite> suite = load_suite(options.suite_file);
  if (!suite) return report_error(suite.error());

  Expected<Result> result = options.from_file.empty()
                                ? measure_suite(*suite, options.entries, global)
                                : load_results_file(options.from_file);
  if (!result) return report_error(result.error());
  result->suite = suite->name;

  std::string path = default_baseline_path(*suite);
  if (Status written = write_file_atomically(path, result_to_text(*result)); !written) {
    return report_error(written.error());
  }
  if (!global.quiet) {
    std::cerr << "perfgate: saved baseline " << path << " (" << result->benchmarks.size()
              << " benchmarks); commit it so that 'perfgate gate' compares against it\n";
  }
  return static_cast<int>(ExitCode::kPassed);
}

int show(const BaselineOptions& options) {
  Expected<Suite> suite = load_suite(options.suite_file);
  if (!suite) return report_error(suite.error());
  std::string path = default_baseline_path(*suite);
  Expected<Result> baseline = load_results_file(path);
  if (!baseline) return report_error(baseline.error());

  std::cout << "baseline " << path << ": commit "
            << baseline->git.commit.value_or("(none)") << ", " << baseline->start_time << "\n";
  std::size_t name_width = 0;
  for (const Benchmark& benchmark : baseline->benchmarks) {
    name_width = std::max(name_width, benchmark.name.size());
  }
  for (const Benchmark& benchmark : baseline->benchmarks) {
    for (const Metric& metric : benchmark.metrics) {
      std::cout << "  " << std::left << std::setw(static_cast<int>(name_width)) << benchmark.name
                << "  " << std::setw(18) << metric.name << "  median "
                << std::setw(10) << format_quantity(metric.summary.median, metric.unit) << "  ("
                << metric.summary.count << " repetitions)\n";
    }
  }
  return static_cast<int>(ExitCode::kPassed);
}

int list(const BaselineOptions& options) {
  std::filesystem::path folder =
      std::filesystem::path(options.suite_file).parent_path() / "baselines";
  std::error_code error;
  std::vector<std::string> files;
  for (const auto& item : std::filesystem::directory_iterator(folder, error)) {
    if (item.path().extension() == ".json") files.push_back(item.path().string());
  }
  std::sort(files.begin(), files.end());
  bool all_readable = true;
  for (const std::string& file : files) {
    Expected<Result> baseline = load_results_file(file);
    if (!baseline) {
      report_error(baseline.error());
      all_readable = false;
      continue;
    }
    std::cout << file << "  suite " << baseline->suite << ", "
              << baseline->benchmarks.size() << " benchmarks, commit "
              << baseline->git.commit.value_or("(none)").substr(0, 12) << "\n";
  }
  return static_cast<int>(all_readable ? ExitCode::kPassed : ExitCode::kInputError);
}

}  // namespace

void add_baseline_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome) {
  auto options = std::make_shared<BaselineOptions>();
  CLI::App* command = app.add_subcommand("baseline", "Save, show and list committed baselines");
  command->require_subcommand(1);

  CLI::App* save_command = command->add_subcommand(
      "save", "Write baselines/<suite>.json from a new run, or from --from FILE");
  save_command->add_option("--suite", options->suite_file, "Suite file")->capture_default_str()
      ->check(non_empty());
  save_command->add_option("--from", options->from_file,
                           "Take this Result or Google Benchmark file instead of running")
      ->check(non_empty());
  save_command->add_option("--entry", options->entries, "Run only these entries")
      ->check(non_empty());
  save_command->callback(
      [options, &global, &outcome] { outcome.exit_code = save(*options, global); });

  CLI::App* show_command = command->add_subcommand("show", "Print the suite's baseline");
  show_command->add_option("--suite", options->suite_file, "Suite file")->capture_default_str()
      ->check(non_empty());
  show_command->callback([options, &outcome] { outcome.exit_code = show(*options); });

  CLI::App* list_command = command->add_subcommand("list", "List the baseline files");
  list_command->add_option("--suite", options->suite_file, "Suite file")->capture_default_str()
      ->check(non_empty());
  list_command->callback([options, &outcome] { outcome.exit_code = list(*options); });
}

}  // namespace perfgate
