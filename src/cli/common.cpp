#include "cli/common.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>

#include "ingest/load_input.h"
#include "report/report.h"
#include "store/directory_store.h"
#include "store/git_info.h"

namespace perfgate {
namespace {

bool use_color(const std::string& choice) {
  if (choice == "always") return true;
  if (choice == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  bool dumb = term && std::string_view(term) == "dumb";
  return ::isatty(STDOUT_FILENO) && !(no_color && *no_color) && !dumb;
}





}  // namespace

int report_error(const Error& error) {
  std::cerr << "perfgate: error: " << error.message() << "\n";
  return static_cast<int>(error.kind());
}

void warn(const GlobalOptions& global, const std::string& message) {
  if (!global.quiet) std::cerr << "perfgate: warning: " << message << "\n";
}

std::string now_rfc3339() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

bool is_regular_file(const std::string& path) {
  std::error_code error;
  return std::filesystem::is_regular_file(path, error);
}

std::string default_baseline_path(const Suite& suite) {
  std::filesystem::path folder = std::filesystem::path(suite.file).parent_path();
  return (folder / "baselines" / (suite.name + ".json")).string();
}

Expected<Result> load_side(const std::string& argument, const std::string& store_root,
                           const std::string& suite_name) {
  // Anything on disk by that name is meant as a file, even a directory or a
  // FIFO: the reader then says why it cannot be read.
  std::error_code error;
  if (std::filesystem::exists(argument, error)) return load_results_file(argument);

  DirectoryStore store(store_root);
  Expected<std::string> commit = resolve_revision(".", argument);
  if (commit) return store.load_latest(*commit, suite_name);

  // Results fetched from elsewhere may name commits this clone lacks, so a
  // hex prefix is also looked up in the store itself.
  bool hex = argument.size() >= 4 &&
             argument.find_first_not_of("0123456789abcdef") == std::string::npos;
  if (hex) {
    Expected<Result> stored = store.load_latest(argument, suite_name);
    if (stored) return stored;
  }
  return Error(argument + ": no such file, and " + commit.error().message());
}


Status validate_report_options(const ReportOptions& options) {
  static const std::vector<std::string> kFormats = {"table", "markdown", "json", "github"};
  for (std::size_t i = 0; i < options.formats.size(); ++i) {
    const std::string& format = options.formats[i];
    if (std::find(kFormats.begin(), kFormats.end(), format) == kFormats.end()) {
      return Error("--format '" + format + "': unknown format (use table, markdown, json or "
                   "github)");
    }
    // Two JSON documents in a row would not be one valid JSON document.
    if (std::find(options.formats.begin(), options.formats.begin() + i, format) !=
        options.formats.begin() + i) {
      return Error("--format " + format + " is given twice: each format is printed once");
    }
  }
  if (options.color != "auto" && options.color != "always" && options.color != "never") {
    return Error("--color " + options.color + ": expected auto, always or never");
  }
  for (const std::string& verdict : options.fail_on) {
    bool known = false;
    for (std::size_t i = 0; i < kVerdictCount; ++i) {
      known = known || verdict_name(static_cast<Verdict>(i)) == verdict;
    }
    if (!known) {
      return Error("--fail-on '" + verdict + "': not a verdict (use regressed, improved, "
                   "unchanged, inconclusive, error, new or missing)");
    }
  }
  return {};
}

ExitCode print_comparison(const Comparison& comparison, const ReportOptions& options,
                          const GlobalOptions& global) {
  bool first = true;
  for (const std::string& format : options.formats) {
    if (!first) std::cout << "\n";
    first = false;
    if (format == "table") {
      std::cout << render_table(comparison, {use_color(options.color), options.explain});
    } else if (format == "markdown") {
      std::cout << render_markdown(comparison);
    } else if (format == "json") {
      std::cout << render_json(comparison);
    } else if (format == "github") {
      std::cout << render_github(comparison);
    }
  }
  std::cout.flush();
  for (const std::string& warning : comparison.warnings) warn(global, warning);

  std::array<std::size_t, kVerdictCount> counts = comparison.counts();
  for (std::size_t i = 0; i < kVerdictCount; ++i) {
    std::string_view name = verdict_name(static_cast<Verdict>(i));
    bool fails = std::find(options.fail_on.begin(), options.fail_on.end(), name) !=
                 options.fail_on.end();
    if (fails && counts[i] > 0) return ExitCode::kGateFailed;
  }
  return ExitCode::kPassed;
}

}  // namespace perfgate
