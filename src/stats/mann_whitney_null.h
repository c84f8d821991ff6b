// The exact null distribution of the Mann-Whitney U statistic, shared by the
// test (mann_whitney.cpp, which defines these) and the shift interval. Internal
// to src/stats/; not part of perfgate's interface.
#pragma once

#include <cstddef>
#include <vector>

namespace perfgate {

/// Number of arrangements of first_count and second_count untied values
/// whose U statistic is k, for k = 0 .. max_statistic, computed as SciPy 1.10
/// computes them so that they round alike once they pass 2^53: summed in
/// doubles while both samples have at most 500 values, exactly beyond that.
std::vector<double> mann_whitney_null_counts(std::size_t first_count, std::size_t second_count,
                                             std::size_t max_statistic);

/// Number of all arrangements, binomial(first_count + second_count,
/// first_count), by the product formula that scipy.special.binom uses when
/// the smaller count is below 20 (beyond that SciPy switches formulas, and
/// this one stays accurate to rounding).
double mann_whitney_arrangements(std::size_t first_count, std::size_t second_count);

}  // namespace perfgate
