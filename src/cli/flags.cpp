// Flags that several commands share.
#include <sstream>

#include <CLI/CLI.hpp>

#include "cli/commands.h"

namespace perfgate {

const CLI::Validator& non_empty() {
  static const CLI::Validator validator(
      [](std::string& value) { return value.empty() ? std::string("empty value") : ""; },
      "NOT EMPTY");
  return validator;
}

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

// A number as a user would have typed it: 0.7, not 0.700000.
std::string format_flag_number(double value) {
  std::ostringstream text;
  text << value;
  return text.str();
}

Status apply_policy_flags(const PolicyFlags& flags, Policy& policy) {
  if (!flags.threshold.empty()) {
    Expected<double> threshold = parse_threshold(flags.threshold);
    if (!threshold) return threshold.error().with_context("--threshold");
    policy.default_threshold = *threshold;
  }
  if (flags.alpha) {
    // The same range the suite file accepts: above 0.5 a "significant"
    // change would be more likely noise than not.
    if (!(*flags.alpha > 0 && *flags.alpha <= 0.5)) {
      return Error("--alpha " + format_flag_number(*flags.alpha) +
                   ": expected a significance level above 0 and at most 0.5, such as 0.05");
    }
    policy.alpha = *flags.alpha;
  }
  return {};
}

}  // namespace perfgate
