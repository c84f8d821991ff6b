#include "compare/policy.h"

#include <charconv>
#include <cmath>
#include <system_error>

namespace perfgate {
namespace {

std::string_view trim(std::string_view text) {
  const std::string_view blanks = " \t\r\n";
  std::size_t first = text.find_first_not_of(blanks);
  if (first == std::string_view::npos) return {};
  std::size_t last = text.find_last_not_of(blanks);
  return text.substr(first, last - first + 1);
}

Error not_a_threshold(std::string_view text, std::string_view why) {
  std::string message = "\"";
  message.append(text).append("\" is not a threshold: ").append(why);
  return Error(message);
}

}  // namespace

double Policy::threshold_for(std::string_view benchmark, std::string_view metric) const {
  // Walk backwards so the last matching rule wins, as the header promises.
  for (auto rule = benchmark_thresholds.rbegin(); rule != benchmark_thresholds.rend(); ++rule) {
    if (glob_match(rule->first, benchmark)) return rule->second;
  }

  for (auto rule = metric_thresholds.rbegin(); rule != metric_thresholds.rend(); ++rule) {
    if (rule->first == metric) return rule->second;
  }

  return default_threshold;
}

Expected<double> parse_threshold(std::string_view text) {
  const char* expected = "expected a percentage like \"5%\" or a fraction like 0.05";
  std::string_view number = trim(text);
  bool percent = !number.empty() && number.back() == '%';
  if (percent) number = trim(number.substr(0, number.size() - 1));
  if (number.empty()) return not_a_threshold(text, expected);

  double value = 0;
  const char* end = number.data() + number.size();
  auto [stop, code] = std::from_chars(number.data(), end, value);
  if (code != std::errc() || stop != end) return not_a_threshold(text, expected);
  if (!std::isfinite(value)) return not_a_threshold(text, expected);
  if (value < 0) return not_a_threshold(text, "a threshold cannot be negative");

  // A bare "5" is almost always meant as 5%, not 500%; refusing it beats
  // silently accepting a gate that never fails.
  if (!percent && value > 1) {
    return not_a_threshold(text, "a bare number is a fraction (0.05 is 5%); write \"" +
                                     std::string(number) + "%\" for a percentage");
  }

  return percent ? value / 100 : value;
}

bool glob_match(std::string_view pattern, std::string_view name) {
  // Greedy matching with one backtrack point: on a mismatch, let the most
  // recent '*' swallow one more byte. Linear for patterns with one '*', and
  // never exponential.
  std::size_t p = 0;
  std::size_t n = 0;
  std::size_t star = std::string_view::npos;
  std::size_t star_name = 0;
  while (n < name.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_name = n;
    } else if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == name[n])) {
      ++p;
      ++n;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      n = ++star_name;
    } else {
      return false;
    }
  }

  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace perfgate
