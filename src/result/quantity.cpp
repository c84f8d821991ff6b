#include "result/quantity.h"

#include <cmath>
#include <cstdio>
#include <utility>

namespace perfgate {
namespace {

std::string printf_string(const char* format, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

/// Four significant digits for a value already scaled into [1, 1000).
std::string four_digits(double scaled) {
  double size = std::abs(scaled);
  return printf_string(size < 10     ? "%.3f"
                       : size < 100  ? "%.2f"
                       : size < 1000 ? "%.1f"
                                     : "%.0f",
                       scaled);
}

/// Three significant digits for a value already scaled into [1, 1000).
std::string three_digits(double scaled) {
  double size = std::abs(scaled);
  return printf_string(size < 10 ? "%.2f" : size < 100 ? "%.1f" : "%.0f", scaled);
}

std::string format_time_ns(double value_ns) {
  static constexpr std::pair<double, const char*> kUnits[] = {
      {1e9, "s"}, {1e6, "ms"}, {1e3, "us"}};
  double magnitude = std::abs(value_ns);
  for (const auto& [scale, name] : kUnits) {
    if (magnitude >= scale) return four_digits(value_ns / scale) + " " + name;
  }

  // Above 100 ns a tenth of a nanosecond is noise; below 1 ns, keep three
  // significant digits rather than a row of zeros.
  if (magnitude >= 100) return printf_string("%.0f", value_ns) + " ns";
  if (magnitude >= 1) return four_digits(value_ns) + " ns";
  return printf_string("%.3g", value_ns) + " ns";
}

/// A count or rate with an SI prefix once it reaches a thousand: "1.25M".
std::string format_si(double value) {
  static constexpr std::pair<double, const char*> kPrefixes[] = {
      {1e12, "T"}, {1e9, "G"}, {1e6, "M"}, {1e3, "k"}};
  double magnitude = std::abs(value);
  if (magnitude < 1e15) {
    for (const auto& [scale, prefix] : kPrefixes) {
      if (magnitude >= scale) return three_digits(value / scale) + prefix;
    }
  }
  return printf_string("%.4g", value);
}

}  // namespace

std::string format_quantity(double value, std::string_view unit) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  if (unit == "ns") return format_time_ns(value);
  if (unit == "1/s") return format_si(value) + "/s";
  if (unit == "B/s") return format_si(value) + "B/s";
  std::string text = format_si(value);
  if (!unit.empty()) text.append(" ").append(unit);
  return text;
}

std::string format_change(double fraction) {
  if (!std::isfinite(fraction)) return printf_string("%+f", fraction);
  return printf_string("%+.1f%%", fraction * 100);
}

std::string format_percent(double fraction) {
  return printf_string("%.1f%%", fraction * 100);
}

std::string format_p_value(double p_value) {
  return printf_string(p_value >= 0.0001 || p_value == 0 ? "%.4f" : "%.1e", p_value);
}

}  // namespace perfgate
