// Flags that several commands share.
#include <CLI/CLI.hpp>

#include "cli/commands.h"

namespace perfgate {

void add_report_flags(CLI::App& command, ReportOptions& options) {
  command.add_option("--format", options.formats,
                     "Output formats, in order: table, markdown, json, github")
      ->capture_default_str()
      ->delimiter(',');
  command.add_option("--color", options.color, "Colour the table: auto, always or never")
      ->capture_default_str();
  command.add_flag("--explain", options.explain,
                   "Say under each row why its verdict was reached");
  command.add_option("--fail-on", options.fail_on,
                     "Verdicts that fail the gate (exit 1), comma-separated")
      ->capture_default_str()
      ->delimiter(',');
}

void add_policy_flags(CLI::App& command, PolicyFlags& flags) {
  command.add_option("--threshold", flags.threshold,
                     "Smallest change that counts, like 5% or 0.05 (default: the suite's, "
                     "else 5%)");
  command.add_option("--alpha", flags.alpha,
                     "Significance level of the tests (default: the suite's, else 0.05)");
}

Status apply_policy_flags(const PolicyFlags& flags, Policy& policy) {
  if (!flags.threshold.empty()) {
    Expected<double> threshold = parse_threshold(flags.threshold);
    if (!threshold) return threshold.error().with_context("--threshold");
    policy.default_threshold = *threshold;
  }
  if (flags.alpha) {
    if (!(*flags.alpha > 0 && *flags.alpha < 1)) {
      return Error("--alpha " + std::to_string(*flags.alpha) +
                   ": expected a probability between 0 and 1, such as 0.05");
    }
    policy.alpha = *flags.alpha;
  }
  return {};
}

}  // namespace perfgate
