// GitHub-flavoured markdown for a job summary or a pull-request comment:
// the verdict first, then what failed, then everything folded away.
#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "report/format.h"
#include "report/report.h"

namespace perfgate {
namespace {

/// `text` as a code span that is safe inside a table cell. A code span keeps
/// HTML, emphasis, links, @mentions and emoji inert; the fence is longer than
/// any run of backticks inside; and every '|' is escaped so the name stays
/// in its cell. GitHub reads "\\" before a '|' as an escaped backslash, which
/// would free the pipe, so a run of backslashes just before a pipe is doubled.
std::string code_span(std::string_view text) {
  if (text.empty()) return "";

  std::string body;
  std::size_t longest_ticks = 0;
  std::size_t ticks = 0;
  std::size_t backslashes = 0;
  for (char c : text) {
    ticks = c == '`' ? ticks + 1 : 0;
    longest_ticks = std::max(longest_ticks, ticks);
    if (c == '|') {
      body.append(backslashes, '\\');
      body += "\\|";
    } else if (c == '\n' || c == '\r') {
      body += ' ';
    } else {
      body += c;
    }
    backslashes = c == '\\' ? backslashes + 1 : 0;
  }

  // A leading or trailing backtick or space would merge with the fence or be
  // stripped; one space on each side is removed again by the renderer.
  bool pad =
      body.front() == '`' || body.back() == '`' || body.front() == ' ' || body.back() == ' ';
  std::string fence(longest_ticks + 1, '`');
  std::string space = pad ? " " : "";
  return fence + space + body + space + fence;
}

/// Plain `text` with markdown and HTML punctuation escaped, on one line.
std::string markdown_text(std::string_view text) {
  static constexpr std::string_view kSpecial = "\\`*_[]<>|~&#";
  std::string out;
  for (char c : text) {
    if (c == '\n' || c == '\r') {
      out += ' ';
      continue;
    }
    if (kSpecial.find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string table_of(const std::vector<const MetricComparison*>& rows) {
  std::string out =
      "| Benchmark | Metric | Baseline | Current | Change | p | Verdict |\n"
      "| --- | --- | ---: | ---: | ---: | ---: | --- |\n";
  for (const MetricComparison* row : rows) {
    out += "| " + code_span(row->benchmark) + " | " + code_span(row->metric) + " | " +
           format_optional(row->baseline, row->unit) + " | " +
           format_optional(row->current, row->unit) + " | " +
           (row->change ? format_change(*row->change) : "-") + " | " +
           (row->p_value ? format_p_value(*row->p_value) : "-") + " | " +
           std::string(verdict_name(row->verdict)) + " |\n";
  }
  return out;
}

std::string headline(const Comparison& comparison) {
  std::array<std::size_t, kVerdictCount> counts = comparison.counts();
  std::size_t regressed = counts[static_cast<std::size_t>(Verdict::kRegressed)];
  std::size_t errors = counts[static_cast<std::size_t>(Verdict::kError)];
  if (regressed == 0 && errors == 0) return "### ✅ perfgate: no regressions\n";

  std::string what;
  if (regressed > 0) what = count_of(regressed, "regression", "regressions");
  if (regressed > 0 && errors > 0) what += ", ";
  if (errors > 0) what += count_of(errors, "error", "errors");
  return "### ❌ perfgate: " + what + "\n";
}

std::string geomean_line(const Comparison& comparison) {
  std::string out = "Geomean change over benchmarks on both sides:";
  bool first = true;
  for (const GeomeanRow& geomean : comparison.geomeans) {
    out += first ? " " : ", ";
    first = false;
    out += code_span(geomean.metric) + " " + format_change(geomean.change) + " (" +
           count_of(geomean.count, "benchmark", "benchmarks") + ")";
  }
  return out + "\n";
}

}  // namespace

std::string render_markdown(const Comparison& comparison) {
  std::string out = headline(comparison) + "\n" + format_counts(comparison) + "\n";
  if (!comparison.geomeans.empty()) out.append("\n").append(geomean_line(comparison));

  std::vector<const MetricComparison*> all;
  std::vector<const MetricComparison*> failed;
  for (const MetricComparison& row : comparison.rows) {
    all.push_back(&row);
    if (row.verdict == Verdict::kRegressed || row.verdict == Verdict::kError) {
      failed.push_back(&row);
    }
  }
  if (!failed.empty()) out.append("\n").append(table_of(failed));

  if (all.empty()) {
    out += "\nNo benchmarks were compared.\n";
  } else {
    out += "\n<details><summary>All " + count_of(all.size(), "result", "results") +
           "</summary>\n\n" + table_of(all) + "\n</details>\n";
  }

  if (!comparison.warnings.empty()) {
    out += "\n**Warnings**\n\n";
    for (const std::string& warning : comparison.warnings) {
      out += "- " + markdown_text(warning) + "\n";
    }
  }
  return out;
}

}  // namespace perfgate
