// Reading a results file of any supported format into a Result.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "base/error.h"
#include "result/result.h"

namespace perfgate {

/// Parses JSON text, also accepting the bare NaN, Infinity and -Infinity that
/// Google Benchmark writes for non-finite counters (they become the strings
/// "NaN", "Infinity" and "-Infinity"). Errors name `source`, say empty,
/// truncated or not JSON, and give the line and column.
Expected<nlohmann::json> parse_json_lenient(std::string_view text, std::string_view source);

/// Converts a Google Benchmark JSON document into a Result (every shape from
/// the 2016 format on). `source` names the file in messages.
Expected<Result> result_from_gbench(const nlohmann::json& document, std::string_view source);

/// Whether `document` looks like Google Benchmark output.
bool looks_like_gbench(const nlohmann::json& document);

/// Reads `path` and returns it as a Result. `format` is "perfgate" or
/// "gbench" to insist on one, or empty to detect it from the contents.
Expected<Result> load_results_file(const std::string& path, std::string_view format = "");

}  // namespace perfgate
