// The Result document's JSON form, written and read.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "base/error.h"
#include "result/result.h"

namespace perfgate {

/// The JSON form of `result`, as docs/result-format.md describes it.
nlohmann::json result_to_json(const Result& result);

/// Pretty-printed JSON text with a final newline, ready to store.
std::string result_to_text(const Result& result);

/// Reads a Result from parsed JSON. `source` names the input in messages.
/// Rejects an unknown schema with the list of understood ones.
Expected<Result> result_from_json(const nlohmann::json& document, std::string_view source);

/// The JSON type of `value` with its article, for messages: "a string",
/// "an object", or "null".
std::string json_type_phrase(const nlohmann::json& value);

/// Whether `document` claims to be a perfgate Result (has a perfgate schema).
bool looks_like_result(const nlohmann::json& document);

}  // namespace perfgate
