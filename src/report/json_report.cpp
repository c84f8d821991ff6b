// The comparison document for scripts: "perfgate/comparison/v1".
#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include "report/report.h"

namespace perfgate {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kComparisonSchema = "perfgate/comparison/v1";

/// JSON has no NaN or infinity; null is the honest stand-in.
Json number(double value) {
  return std::isfinite(value) ? Json(value) : Json(nullptr);
}

Json number(const std::optional<double>& value) {
  return value ? number(*value) : Json(nullptr);
}

Json row_json(const MetricComparison& row) {
  Json out;
  out["benchmark"] = row.benchmark;
  out["metric"] = row.metric;
  out["unit"] = row.unit;
  out["better"] = row.better == Better::kLower ? "lower" : "higher";
  out["baseline"] = number(row.baseline);
  out["current"] = number(row.current);
  out["change"] = number(row.change);
  if (row.p_value) out["p_value"] = number(*row.p_value);
  if (row.ci) out["ci"] = Json::array({number((*row.ci)[0]), number((*row.ci)[1])});
  out["baseline_count"] = row.baseline_count;
  out["current_count"] = row.current_count;
  out["threshold"] = number(row.threshold);
  out["evidence"] = evidence_name(row.evidence);
  out["verdict"] = verdict_name(row.verdict);
  out["reason"] = row.reason;
  return out;
}

}  // namespace

std::string render_json(const Comparison& comparison) {
  Json document;
  document["schema"] = kComparisonSchema;
  document["policy"] = {{"threshold", number(comparison.policy.default_threshold)},
                        {"alpha", number(comparison.policy.alpha)}};

  Json rows = Json::array();
  for (const MetricComparison& row : comparison.rows) rows.push_back(row_json(row));
  document["rows"] = std::move(rows);

  Json geomeans = Json::array();
  for (const GeomeanRow& geomean : comparison.geomeans) {
    geomeans.push_back({{"metric", geomean.metric},
                        {"change", number(geomean.change)},
                        {"count", geomean.count}});
  }
  document["geomeans"] = std::move(geomeans);

  Json summary = Json::object();
  std::array<std::size_t, kVerdictCount> counts = comparison.counts();
  for (std::size_t i = 0; i < kVerdictCount; ++i) {
    summary[std::string(verdict_name(static_cast<Verdict>(i)))] = counts[i];
  }
  document["summary"] = std::move(summary);
  document["warnings"] = comparison.warnings;

  // Names come from other tools' files and may not be valid UTF-8; replace
  // bad bytes rather than throw halfway through a report.
  return document.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace perfgate
