// The text rewrite under parse_json_lenient, shared with the streaming reader
// of Google Benchmark output so both read the same documents.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace perfgate {

/// The deepest nesting of arrays and objects parse_json_lenient accepts.
/// Real results files nest a handful of levels.
inline constexpr std::size_t kMaxJsonNesting = 100;

/// `text` with Google Benchmark's bare NaN, Infinity and -Infinity outside
/// strings turned into strings. The rewrite, when one is needed, is kept in
/// `storage`, which the returned view may point into.
std::string_view with_non_finite_quoted(std::string_view text, std::string& storage);

}  // namespace perfgate
