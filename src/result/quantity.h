// Numbers with their units, written for people. The comparison writes them
// into its reasons and every reporter into its tables, so they live beside
// the units they describe.
#pragma once

#include <string>
#include <string_view>

namespace perfgate {

/// A value in its metric's unit for people: times (unit "ns") in the
/// largest unit that keeps them at or above 1 ("812 ns", "1.234 us",
/// "12.35 ms", "1.500 s"), rates with an SI prefix ("1.25M/s", "3.40GB/s"),
/// anything else with an SI prefix and its unit.
std::string format_quantity(double value, std::string_view unit);

/// A relative change as a signed percentage with one decimal: "+12.3%".
std::string format_change(double fraction);

/// A fraction as an unsigned percentage with one decimal: "5.0%".
std::string format_percent(double fraction);

/// A p-value with four decimals, or in scientific notation below 0.0001.
std::string format_p_value(double p_value);

}  // namespace perfgate
