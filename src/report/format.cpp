#include "report/format.h"

#include <cmath>
#include <cstdio>
#include <utility>

namespace perfgate {

std::string format_optional(const std::optional<double>& value, std::string_view unit) {
  return value ? format_quantity(*value, unit) : "-";
}

std::string format_counts(const Comparison& comparison) {
  std::array<std::size_t, kVerdictCount> counts = comparison.counts();
  std::string text;
  for (std::size_t i = 0; i < kVerdictCount; ++i) {
    if (i > 0) text += ", ";
    text += std::to_string(counts[i]);
    text += " ";
    text += verdict_name(static_cast<Verdict>(i));
  }
  return text;
}

std::string count_of(std::size_t count, std::string_view singular, std::string_view plural) {
  return std::to_string(count) + " " + std::string(count == 1 ? singular : plural);
}

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte != 0x7f) {
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", byte);
      out += escaped;
    }
  }
  return out;
}

std::size_t display_width(std::string_view text) {
  // UTF-8 continuation bytes (10xxxxxx) do not start a new character.
  std::size_t width = 0;
  for (char c : text) width += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return width;
}

}  // namespace perfgate
