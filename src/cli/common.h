// What several commands share: exit codes, messages, loading either side of
// a comparison, and printing a comparison.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "compare/comparison.h"
#include "result/result.h"
#include "suite/suite.h"

namespace perfgate {

/// Every exit code perfgate uses, as DESIGN.md defines them.
enum class ExitCode {
  kPassed = 0,        ///< nothing regressed
  kGateFailed = 1,    ///< a regression (or another verdict named by --fail-on)
  kInputError = 2,    ///< usage or input error
  kTargetFailed = 3,  ///< a benchmark crashed, timed out or could not start
};

/// The suite file every command reads unless told otherwise.
inline constexpr const char* kDefaultSuiteFile = "perfgate.toml";

/// Options every command accepts.
struct GlobalOptions {
  int verbosity = 0;  ///< -v: show benchmark progress and more detail
  bool quiet = false; ///< -q: only errors on stderr
};

/// Prints "perfgate: error: ..." to stderr and returns the matching exit code.
int report_error(const Error& error);

/// Prints "perfgate: warning: ..." to stderr unless quiet.
void warn(const GlobalOptions& global, const std::string& message);

/// The current time in RFC 3339, UTC, to the second.
std::string now_rfc3339();

/// Whether `path` names an existing regular file (or a link to one).
bool is_regular_file(const std::string& path);

/// baselines/<suite>.json beside the suite file: the committed baseline.
std::string default_baseline_path(const Suite& suite);

/// Loads one side of a comparison: a Result or Google Benchmark file when
/// `argument` names a file, else a commit (full, abbreviated, or a revision
/// like a branch name) looked up in the directory store at `store_root`.
Expected<Result> load_side(const std::string& argument, const std::string& store_root,
                           const std::string& suite_name);

/// How a comparison is printed and judged.
struct ReportOptions {
  std::vector<std::string> formats = {"table"};  ///< table, markdown, json, github
  std::string color = "auto";                    ///< auto, always, never
  bool explain = false;
  std::vector<std::string> fail_on = {"regressed", "error"};
};

/// Checks the values of ReportOptions; the error names the bad flag value.
Status validate_report_options(const ReportOptions& options);

/// Prints `comparison` in each requested format to stdout, prints its
/// warnings to stderr, and returns kGateFailed when any row has a verdict in
/// `fail_on`, else kPassed.
ExitCode print_comparison(const Comparison& comparison, const ReportOptions& options,
                          const GlobalOptions& global);

}  // namespace perfgate
