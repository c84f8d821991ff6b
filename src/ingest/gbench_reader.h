// Converting Google Benchmark rows into a Result one row at a time, so a
// caller that parses the file as a stream never holds all of it.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "base/error.h"
#include "result/result.h"

namespace perfgate {

/// Receives the rows of a "benchmarks" array in order and builds the Result
/// from them. result_from_gbench is this reader run over a whole document.
class GbenchReader {
 public:
  /// `source` names the file in messages and must outlive the reader.
  /// `rows` is the whole "benchmarks" array when the caller has it, or null
  /// when rows arrive one at a time; then a 2016-style row whose name ends
  /// in "_mean" (and so on) is refused, because telling whether it is an
  /// aggregate needs the names of the rows still to come.
  GbenchReader(std::string_view source, const nlohmann::json* rows);
  ~GbenchReader();

  GbenchReader(const GbenchReader&) = delete;
  GbenchReader& operator=(const GbenchReader&) = delete;

  /// Reads the environment from the document's "context" object, if any.
  Status read_context(const nlohmann::json& document);

  /// Adds row `index` of the array. The row need not outlive the call.
  Status add_row(const nlohmann::json& row, std::size_t index);

  /// Completes the benchmarks that had only aggregates and summarizes. Call
  /// once, after the last row.
  Expected<Result> finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// Reads Google Benchmark JSON text a row at a time, never holding all rows
/// at once. Empty when the text is anything else (a perfgate Result, say) or
/// has something wrong with it: parse_json_lenient and result_from_gbench then
/// read it and say what. A Result from here equals theirs.
std::optional<Result> stream_gbench(std::string_view text, std::string_view source);

}  // namespace perfgate
