// Reading Google Benchmark output without building the whole document: the
// rows of the "benchmarks" array are built and converted one at a time.
// Building and then freeing a tree of every row cost most of the time of
// reading a large file.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "ingest/gbench_reader.h"
#include "ingest/json_text.h"

namespace perfgate {
namespace {

using nlohmann::json;

// A handler for nlohmann's SAX parser that builds the document as its own
// parser would, except that each element of the top-level "benchmarks" array
// is built alone, handed to the reader and freed. Returning false stops the
// parse; the caller then reads the text as a whole document instead, and
// that reader says what is wrong.
class RowStreamBuilder {
 public:
  explicit RowStreamBuilder(GbenchReader& reader) : reader_(reader) {}

  /// The document without its rows.
  const json& document() const { return document_; }

  /// Whether the document had a "benchmarks" array, whose rows went to the
  /// reader.
  bool streamed_rows() const { return rows_ != nullptr; }

  bool null() { return add(json()); }
  bool boolean(bool value) { return add(json(value)); }
  bool number_integer(json::number_integer_t value) { return add(json(value)); }
  bool number_unsigned(json::number_unsigned_t value) { return add(json(value)); }
  bool number_float(json::number_float_t value, const json::string_t&) { return add(json(value)); }
  bool string(json::string_t& value) { return add(json(std::move(value))); }
  bool binary(json::binary_t& value) { return add(json::binary(std::move(value))); }

  bool start_object(std::size_t) { return open(json::object()); }
  bool start_array(std::size_t) { return open(json::array()); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(json::string_t& name) {
    bool top_level = open_.size() == 1;
    // A perfgate Result is read whole. A second "benchmarks" would replace
    // the first, whose rows are already read.
    if (top_level && (name == "schema" || (name == "benchmarks" && rows_member_))) return false;

    member_ = &(*open_.back())[name];
    if (top_level && name == "benchmarks") rows_member_ = member_;
    return true;
  }

  bool parse_error(std::size_t, const std::string&, const json::exception&) { return false; }

 private:
  // Puts a value where the parse is: the document, the open array, the
  // member named by the last key, or the row being built.
  json* place(json&& value) {
    if (open_.empty()) {
      document_ = std::move(value);
      return &document_;
    }
    json& parent = *open_.back();
    if (&parent == rows_) {
      row_ = std::move(value);
      return &row_;
    }
    if (parent.is_array()) {
      parent.push_back(std::move(value));
      return &parent.back();
    }
    *member_ = std::move(value);
    return member_;
  }

  bool add(json&& value) { return place(std::move(value)) != &row_ || hand_over_row(); }

  // The nesting limit is parse_json_lenient's, so that what it refuses is
  // never read here.
  bool open(json&& container) {
    if (open_.size() >= kMaxJsonNesting) return false;

    json* opened = place(std::move(container));
    if (open_.size() == 1 && opened == rows_member_ && opened->is_array()) rows_ = opened;
    open_.push_back(opened);
    return true;
  }

  bool close() {
    open_.pop_back();
    return open_.empty() || open_.back() != rows_ || hand_over_row();
  }

  bool hand_over_row() {
    Status added = reader_.add_row(row_, rows_read_++);
    row_ = json();
    return static_cast<bool>(added);
  }

  GbenchReader& reader_;
  json document_;
  std::vector<json*> open_;  ///< the arrays and objects being built, innermost last
  json* member_ = nullptr;
  json* rows_member_ = nullptr;  ///< the top-level "benchmarks" member
  json* rows_ = nullptr;         ///< the same, once it opened as an array
  json row_;
  std::size_t rows_read_ = 0;
};

}  // namespace

std::optional<Result> stream_gbench(std::string_view text, std::string_view source) {
  // Only a Result names a schema; its "benchmarks" come first in the file,
  // so the check is made before reading them as rows.
  if (text.find("\"schema\"") != std::string_view::npos) return std::nullopt;

  std::string rewrite;
  std::string_view parsed = with_non_finite_quoted(text, rewrite);
  GbenchReader reader(source, nullptr);
  RowStreamBuilder builder(reader);
  if (!json::sax_parse(parsed.begin(), parsed.end(), &builder)) return std::nullopt;
  if (!builder.streamed_rows()) return std::nullopt;

  if (!reader.read_context(builder.document())) return std::nullopt;
  Expected<Result> result = reader.finish();
  if (!result) return std::nullopt;
  return std::move(*result);
}

}  // namespace perfgate
