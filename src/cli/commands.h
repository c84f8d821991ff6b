// One function per command, each adding its subcommand to the application.
// The command's action runs after parsing and stores its exit code.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/common.h"

namespace perfgate {

/// Where a command that ran leaves its exit code.
struct CommandOutcome {
  int exit_code = 0;
};

void add_run_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome);
void add_compare_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome);
void add_gate_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome);
void add_baseline_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome);

/// A CLI11 check that refuses an empty value (`--out ""`).
const CLI::Validator& non_empty();

/// Adds --format, --color, --explain and --fail-on to a command.
void add_report_flags(CLI::App& command, ReportOptions& options);

/// Adds --threshold and --alpha, which override the suite's [thresholds].
struct PolicyFlags {
  std::string threshold;
  std::optional<double> alpha;
};
void add_policy_flags(CLI::App& command, PolicyFlags& flags);

/// Applies the flags to `policy`; the error names the flag.
Status apply_policy_flags(const PolicyFlags& flags, Policy& policy);

}  // namespace perfgate
