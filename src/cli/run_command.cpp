// perfgate run: measure the suite and write a Result.
#include <iostream>
#include <memory>

#include "base/atomic_file.h"
#include "cli/commands.h"
#include "cli/measure.h"
#include "result/result_json.h"
#include "store/directory_store.h"

namespace perfgate {
namespace {

struct RunOptions {
  std::string suite_file = kDefaultSuiteFile;
  std::vector<std::string> entries;
  std::string out_file;
  bool save = false;
  std::string store_root = kDefaultStoreRoot;
};

int run(const RunOptions& options, const GlobalOptions& global) {
  Expected<Suite> suite = load_suite(options.suite_file);
  if (!suite) return report_error(suite.error());

  Expected<Result> result = measure_suite(*suite, options.entries, global);
  if (!result) return report_error(result.error());
  std::string text = result_to_text(*result);

  if (!options.out_file.empty()) {
    if (Status written = write_file_atomically(options.out_file, text); !written) {
      return report_error(written.error());
    }
    if (!global.quiet) std::cerr << "perfgate: wrote " << options.out_file << "\n";
  }
  if (options.save) {
    Expected<std::string> path = DirectoryStore(options.store_root).save(*result);
    if (!path) return report_error(path.error());
    if (!global.quiet) std::cerr << "perfgate: saved " << *path << "\n";
  }
  if (options.out_file.empty() && !options.save) std::cout << text;
  return static_cast<int>(ExitCode::kPassed);
}

}  // namespace

void add_run_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* command = app.add_subcommand(
      "run", "Run the suite and write a Result (to stdout unless --out or --save)");
  command->add_option("--suite", options->suite_file, "Suite file")->capture_default_str()
      ->check(non_empty());
  command->add_option("--entry", options->entries, "Run only these entries")
      ->check(non_empty());
  command->add_option("--out", options->out_file, "Write the Result to this file")
      ->check(non_empty());
  command->add_flag("--save", options->save, "File the Result in the store under its commit");
  command->add_option("--store", options->store_root, "Directory store")->capture_default_str()
      ->check(non_empty());
  command->callback([options, &global, &outcome] { outcome.exit_code = run(*options, global); });
}

}  // namespace perfgate
