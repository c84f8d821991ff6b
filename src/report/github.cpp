// GitHub Actions workflow commands: one annotation per result that needs a
// look, capped per kind because GitHub shows only ten of a kind per step.
#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "report/report.h"

namespace perfgate {
namespace {

/// How many names the summary annotation lists before it stops.
constexpr std::size_t kSummaryNames = 20;

/// Escaping as actions/toolkit's command.ts does it, so that no text can end
/// the command early or start a new one on a line of its own.
std::string escape_data(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%') {
      out += "%25";
    } else if (c == '\r') {
      out += "%0D";
    } else if (c == '\n') {
      out += "%0A";
    } else {
      out += c;
    }
  }
  return out;
}

/// Property values also lose ':' and ',', which separate properties.
std::string escape_property(std::string_view text) {
  std::string out;
  for (char c : escape_data(text)) {
    if (c == ':') {
      out += "%3A";
    } else if (c == ',') {
      out += "%2C";
    } else {
      out += c;
    }
  }
  return out;
}

enum class Kind { kError, kWarning, kNotice };

std::optional<Kind> kind_of(Verdict verdict) {
  switch (verdict) {
    case Verdict::kRegressed:
    case Verdict::kError:
      return Kind::kError;
    case Verdict::kInconclusive:
    case Verdict::kMissing:
      return Kind::kWarning;
    case Verdict::kImproved:
      return Kind::kNotice;
    case Verdict::kUnchanged:
    case Verdict::kNew:
      return std::nullopt;
  }
  return std::nullopt;
}

std::string_view command_of(Kind kind) {
  switch (kind) {
    case Kind::kError:
      return "error";
    case Kind::kWarning:
      return "warning";
    case Kind::kNotice:
      return "notice";
  }
  return "notice";
}

std::string subject(const MetricComparison& row) {
  return row.metric.empty() ? row.benchmark : row.benchmark + " (" + row.metric + ")";
}

std::string annotation(Kind kind, std::string_view title, std::string_view message) {
  return "::" + std::string(command_of(kind)) + " title=" + escape_property(title) +
         "::" + escape_data(message) + "\n";
}

/// Errors first, then the largest changes; rows without a change last.
bool worse_first(const MetricComparison* a, const MetricComparison* b) {
  bool a_error = a->verdict == Verdict::kError;
  bool b_error = b->verdict == Verdict::kError;
  if (a_error != b_error) return a_error;
  auto size = [](const MetricComparison* row) {
    return row->change && !std::isnan(*row->change) ? std::abs(*row->change) : -1.0;
  };
  return size(a) > size(b);
}

/// What the rows left over are: "regressions", "errors", "regressions and
/// errors", "improvements", ... in the number their count needs.
std::string what_remains(const std::vector<const MetricComparison*>& rest) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, kVerdictCount>
      kNouns = {{{"regression", "regressions"},
                 {"improvement", "improvements"},
                 {"unchanged result", "unchanged results"},
                 {"inconclusive result", "inconclusive results"},
                 {"error", "errors"},
                 {"new result", "new results"},
                 {"missing result", "missing results"}}};
  std::array<bool, kVerdictCount> present{};
  for (const MetricComparison* row : rest) present[static_cast<std::size_t>(row->verdict)] = true;

  std::string out;
  for (std::size_t i = 0; i < kVerdictCount; ++i) {
    if (!present[i]) continue;
    if (!out.empty()) out += " and ";
    out += rest.size() == 1 ? kNouns[i].first : kNouns[i].second;
  }
  return out;
}

std::string summary_message(const std::vector<const MetricComparison*>& rest) {
  // Only the first few distinct names are shown, so stop collecting there:
  // searching a growing list for every row was quadratic (89 s for 200,000).
  std::vector<std::string_view> names;
  for (const MetricComparison* row : rest) {
    if (names.size() > kSummaryNames) break;
    if (std::find(names.begin(), names.end(), row->benchmark) == names.end()) {
      names.push_back(row->benchmark);
    }
  }

  std::string message =
      "and " + std::to_string(rest.size()) + " more " + what_remains(rest) + ": ";
  for (std::size_t i = 0; i < names.size() && i < kSummaryNames; ++i) {
    if (i > 0) message += ", ";
    message += names[i];
  }
  if (names.size() > kSummaryNames) message += ", ...";
  return message;
}

std::string render_kind(Kind kind, std::vector<const MetricComparison*> rows,
                        std::size_t max_per_kind) {
  std::stable_sort(rows.begin(), rows.end(), worse_first);
  std::string out;
  std::size_t shown = std::min(rows.size(), max_per_kind);
  for (std::size_t i = 0; i < shown; ++i) {
    const MetricComparison& row = *rows[i];
    std::string title = subject(row) + " " + std::string(verdict_name(row.verdict));
    out += annotation(kind, title, row.reason);
  }

  if (shown == rows.size()) return out;
  std::vector<const MetricComparison*> rest(rows.begin() + static_cast<std::ptrdiff_t>(shown),
                                            rows.end());
  std::string title = "perfgate: " + std::to_string(rest.size()) + " more";
  return out + annotation(kind, title, summary_message(rest));
}

}  // namespace

std::string render_github(const Comparison& comparison, std::size_t max_per_kind) {
  std::array<std::vector<const MetricComparison*>, 3> by_kind;
  for (const MetricComparison& row : comparison.rows) {
    if (auto kind = kind_of(row.verdict)) by_kind[static_cast<std::size_t>(*kind)].push_back(&row);
  }

  std::string out;
  for (Kind kind : {Kind::kError, Kind::kWarning, Kind::kNotice}) {
    const auto& rows = by_kind[static_cast<std::size_t>(kind)];
    if (!rows.empty()) out += render_kind(kind, rows, max_per_kind);
  }
  return out;
}

}  // namespace perfgate
