// The terminal table: one aligned row per metric, then geomeans and counts.
#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "report/format.h"
#include "report/report.h"

namespace perfgate {
namespace {

constexpr std::size_t kColumns = 7;
constexpr std::array<std::string_view, kColumns> kHeaders = {
    "Benchmark", "Metric", "Baseline", "Current", "Change", "p", "Verdict"};
// Numbers line up on their last digit; words on their first letter.
constexpr std::array<bool, kColumns> kRightAligned = {false, false, true, true, true, true, false};
constexpr std::string_view kGap = "  ";
constexpr std::string_view kReset = "\033[0m";

/// One line of the table before alignment, with what goes under it.
struct Line {
  std::array<std::string, kColumns> cells;
  std::optional<Verdict> verdict;  ///< colours the verdict cell
  std::string reason;              ///< shown under the line with --explain
};

std::string_view color_of(Verdict verdict) {
  switch (verdict) {
    case Verdict::kRegressed:
    case Verdict::kError:
      return "\033[31m";
    case Verdict::kImproved:
      return "\033[32m";
    case Verdict::kInconclusive:
    case Verdict::kMissing:
      return "\033[33m";
    case Verdict::kNew:
      return "\033[36m";
    case Verdict::kUnchanged:
      return "";
  }
  return "";
}

Line line_for(const MetricComparison& row) {
  Line line;
  line.cells = {printable(row.benchmark),
                printable(row.metric),
                format_optional(row.baseline, row.unit),
                format_optional(row.current, row.unit),
                row.change ? format_change(*row.change) : "-",
                row.p_value ? format_p_value(*row.p_value) : "-",
                std::string(verdict_name(row.verdict))};
  line.verdict = row.verdict;
  line.reason = printable(row.reason);
  return line;
}

Line line_for(const GeomeanRow& geomean) {
  Line line;
  line.cells = {"geomean of " + count_of(geomean.count, "benchmark", "benchmarks"),
                geomean.metric,
                "",
                "",
                format_change(geomean.change),
                "",
                ""};
  return line;
}

void append_padded(std::string& out, std::string_view text, std::size_t width, bool right) {
  std::size_t used = display_width(text);
  std::string padding(width > used ? width - used : 0, ' ');
  if (right) out += padding;
  out += text;
  if (!right) out += padding;
}

void trim_trailing_spaces(std::string& text) {
  while (!text.empty() && text.back() == ' ') text.pop_back();
}

std::string render_line(const Line& line, const std::array<std::size_t, kColumns>& widths,
                        bool color) {
  std::string out;
  for (std::size_t column = 0; column + 1 < kColumns; ++column) {
    append_padded(out, line.cells[column], widths[column], kRightAligned[column]);
    out += kGap;
  }

  // The verdict is last and left-aligned, so it needs no padding and its
  // colour codes cannot disturb the alignment.
  std::string_view verdict = line.cells[kColumns - 1];
  std::string_view code = color && line.verdict ? color_of(*line.verdict) : "";
  if (code.empty()) {
    out += verdict;
    trim_trailing_spaces(out);
  } else {
    out.append(code).append(verdict).append(kReset);
  }
  return out + "\n";
}

}  // namespace

std::string render_table(const Comparison& comparison, const TableOptions& options) {
  Line header;
  for (std::size_t column = 0; column < kColumns; ++column) {
    header.cells[column] = std::string(kHeaders[column]);
  }
  std::vector<Line> lines;
  for (const MetricComparison& row : comparison.rows) lines.push_back(line_for(row));
  std::vector<Line> geomeans;
  for (const GeomeanRow& geomean : comparison.geomeans) geomeans.push_back(line_for(geomean));

  // Long names widen their column instead of being cut: a cut name can be
  // ambiguous, a wide table is only wide.
  std::array<std::size_t, kColumns> widths{};
  for (const std::vector<Line>* group : {&lines, &geomeans}) {
    for (const Line& line : *group) {
      for (std::size_t column = 0; column < kColumns; ++column) {
        widths[column] = std::max(widths[column], display_width(line.cells[column]));
      }
    }
  }
  std::size_t total = (kColumns - 1) * kGap.size();
  for (std::size_t column = 0; column < kColumns; ++column) {
    widths[column] = std::max(widths[column], display_width(header.cells[column]));
    total += widths[column];
  }

  std::string out = render_line(header, widths, false);
  out += std::string(total, '-') + "\n";
  for (const Line& line : lines) {
    out += render_line(line, widths, options.color);
    if (options.explain && !line.reason.empty()) out += "    " + line.reason + "\n";
  }
  for (const Line& line : geomeans) out += render_line(line, widths, false);

  // Warnings are diagnostics: the command prints them on stderr, so a
  // table piped into a file holds only results.
  out.append("\n").append(format_counts(comparison)).append("\n");
  return out;
}

}  // namespace perfgate
