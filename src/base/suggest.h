// "Did you mean ...?" for names a user mistyped.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perfgate {

/// Levenshtein distance between two byte strings.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate nearest to `typed`, if one is within `max_distance` edits
/// (and strictly nearer than any other candidate at that distance).
std::optional<std::string> nearest_name(std::string_view typed,
                                        const std::vector<std::string>& candidates,
                                        std::size_t max_distance = 2);

}  // namespace perfgate
