// Number, unit and text helpers shared by the reporters. Private to report/.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "compare/comparison.h"
#include "result/quantity.h"

namespace perfgate {

/// format_quantity (result/quantity.h), or "-" when there is no value.
std::string format_optional(const std::optional<double>& value, std::string_view unit);

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
