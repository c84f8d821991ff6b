// Number, unit and text helpers shared by the reporters. Private to report/.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "compare/comparison.h"

namespace perfgate {

/// A value in its metric's unit for people: times (unit "ns") in the
/// largest unit that keeps them at or above 1 ("812 ns", "1.234 us",
/// "12.35 ms", "1.500 s"), rates with an SI prefix ("1.25M/s", "3.40GB/s"),
/// anything else with four significant digits and its unit.
std::string format_quantity(double value, std::string_view unit);

/// As format_quantity, or "-" when there is no value.
std::string format_optional(const std::optional<double>& value, std::string_view unit);

/// A relative change as a signed percentage with one decimal: "+12.3%".
std::string format_change(double fraction);

/// A fraction as an unsigned percentage with one decimal: "5.0%".
std::string format_percent(double fraction);

/// A p-value with four decimals, or in scientific notation below 0.0001.
std::string format_p_value(double p_value);

/// "2 regressed, 1 improved, 37 unchanged, 0 inconclusive, 0 error, 1 new,
/// 0 missing".
std::string format_counts(const Comparison& comparison);

/// "1 regression", "3 errors": a count and a noun in its right number.
std::string count_of(std::size_t count, std::string_view singular, std::string_view plural);

/// `text` with control bytes written as \n, \t or \xNN, so a name cannot
/// move the cursor or recolour a terminal.
std::string printable(std::string_view text);

/// How many terminal columns `text` takes: one per UTF-8 code point.
std::size_t display_width(std::string_view text);

}  // namespace perfgate
