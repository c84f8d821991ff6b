// Turning the text of a results file into a JSON document, with messages that
// say what is wrong with the file and where.
#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ingest/json_text.h"
#include "ingest/load_input.h"

namespace perfgate {
namespace {

using nlohmann::json;

// Google Benchmark's bare tokens for non-finite doubles. They are not JSON, so
// outside strings they become the strings that Result documents use too.
constexpr std::string_view kNonFiniteTokens[] = {"-Infinity", "Infinity", "NaN"};

// Where the rewrite added characters, so positions in the rewritten text can
// be turned back into positions in the file the user has.
struct Rewrite {
  std::string text;
  std::vector<std::size_t> quote_pairs_at;  ///< rewritten offsets of added '"' pairs
};

bool might_hold_non_finite(std::string_view text) {
  return text.find("NaN") != std::string_view::npos ||
         text.find("Infinity") != std::string_view::npos;
}

// The offset just past the string that opens at `open` (a '"'), escapes
// included; the end of the text when the string never closes.
std::size_t end_of_string(std::string_view text, std::size_t open) {
  std::size_t close = open + 1;
  while (close < text.size() && text[close] != '"') {
    close = text.find_first_of("\\\"", close);
    if (close == std::string_view::npos) {
      close = text.size();
    } else if (text[close] == '\\') {
      close += 2;
    }
  }
  return std::min(close + 1, text.size());
}

// Deeper input than kMaxJsonNesting would make the recursive parser and the
// document's destructor spend stack and memory without bound (a 200 MB file
// of '[' took 7.5 GB), so it is refused first.
bool nests_deeper_than(std::string_view text, std::size_t limit) {
  std::size_t depth = 0;
  std::size_t i = 0;
  while ((i = text.find_first_of("\"[]{}", i)) != std::string_view::npos) {
    char c = text[i];
    if (c == '"') {
      i = end_of_string(text, i);
      continue;
    }
    if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if (depth > 0) {
      --depth;
    }
    ++i;
  }
  return false;
}

// One pass that knows whether it is inside a string (and skips escaped
// characters there), quoting each bare token found outside strings. It
// jumps from one character of interest to the next and copies the spans
// between, so a large file costs little more than one copy.
Rewrite quote_non_finite_tokens(std::string_view text) {
  Rewrite rewrite;
  rewrite.text.reserve(text.size() + 64);
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t next = text.find_first_of("\"NI-", i);
    rewrite.text.append(text.substr(i, next - i));
    if (next == std::string_view::npos) break;
    i = next;

    if (text[i] == '"') {
      std::size_t end = end_of_string(text, i);
      rewrite.text.append(text.substr(i, end - i));
      i = end;
      continue;
    }

    std::string_view rest = text.substr(i);
    auto token = std::find_if(std::begin(kNonFiniteTokens), std::end(kNonFiniteTokens),
                              [&](std::string_view t) { return rest.starts_with(t); });
    if (token == std::end(kNonFiniteTokens)) {
      rewrite.text += text[i++];
      continue;
    }
    rewrite.quote_pairs_at.push_back(rewrite.text.size());
    rewrite.text += '"';
    rewrite.text += *token;
    rewrite.text += '"';
    i += token->size();
  }
  return rewrite;
}

// Maps an offset in the rewritten text back to the file: every quoted token
// that starts before it added two characters.
std::size_t original_offset(std::size_t offset, const std::vector<std::size_t>& added_at) {
  auto before = std::lower_bound(added_at.begin(), added_at.end(), offset) - added_at.begin();
  std::size_t shift = 2 * static_cast<std::size_t>(before);
  return offset > shift ? offset - shift : 0;
}

struct Position {
  std::size_t line = 1;
  std::size_t column = 0;
};

// Line and column as nlohmann counts them: `chars_read` characters have been
// read, the last one is where the parser stopped (one past the end at EOF).
Position position_after(std::string_view text, std::size_t chars_read) {
  std::string_view read = text.substr(0, std::min(chars_read, text.size()));
  Position position;
  position.line = 1 + static_cast<std::size_t>(std::count(read.begin(), read.end(), '\n'));
  std::size_t last_newline = read.rfind('\n');
  position.column =
      last_newline == std::string_view::npos ? chars_read : chars_read - last_newline - 1;
  return position;
}

std::string at_position(Position position) {
  return "line " + std::to_string(position.line) + ", column " +
         std::to_string(position.column);
}

// nlohmann's message is "[json.exception.parse_error.101] parse error at line
// 1, column 2: <what went wrong>"; only the last part is news to the user.
std::string parser_detail(const json::parse_error& error) {
  std::string_view message = error.what();
  std::size_t column = message.find("column ");
  std::size_t colon = message.find(": ", column == std::string_view::npos ? 0 : column);
  if (colon == std::string_view::npos) return std::string(message);
  return std::string(message.substr(colon + 2));
}

bool only_whitespace(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

bool starts_as_utf16(std::string_view text) {
  return text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF");
}

Error parse_failure(const json::parse_error& error, std::string_view text,
                    const std::vector<std::size_t>& added_at, const std::string& source) {
  // Reading past the last character means the input stopped mid-document,
  // whatever token the parser was in the middle of.
  std::size_t chars_read = original_offset(error.byte, added_at);
  Position position = position_after(text, chars_read);
  std::string detail = parser_detail(error);

  if (chars_read > text.size()) {
    return Error(source + ": truncated JSON at " + at_position(position) + ": " + detail +
                 " (was the benchmark interrupted while writing?)");
  }
  if (detail.find("ill-formed UTF-8") != std::string::npos) {
    // The parser's message would repeat the bad bytes; say where they are.
    return Error(source + ": invalid UTF-8 at " + at_position(position) +
                 ": save the file as UTF-8 text");
  }
  std::string message = source + ": not JSON: " + detail + " at " + at_position(position);

  // The usual mistake is feeding the console table instead of the JSON file.
  // (A UTF-8 byte order mark, which nlohmann skips, is skipped here too.)
  std::size_t first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (text[first] != '{' && text[first] != '[') {
    message += " (Google Benchmark writes JSON with --benchmark_out=FILE "
               "--benchmark_out_format=json)";
  }
  return Error(message);
}

}  // namespace

std::string_view with_non_finite_quoted(std::string_view text, std::string& storage) {
  // Most files hold no bare token at all; those are used without a copy.
  if (!might_hold_non_finite(text)) return text;
  storage = quote_non_finite_tokens(text).text;
  return storage;
}

Expected<json> parse_json_lenient(std::string_view text, std::string_view source) {
  std::string name(source);
  if (text.empty()) return Error(name + ": file is empty");
  if (only_whitespace(text)) return Error(name + ": file holds only whitespace, no JSON");
  if (starts_as_utf16(text)) {
    return Error(name + ": file is UTF-16 text, not UTF-8: save it as UTF-8");
  }

  if (nests_deeper_than(text, kMaxJsonNesting)) {
    return Error(name + ": JSON nested deeper than " + std::to_string(kMaxJsonNesting) +
                 " levels: not a results file");
  }

  // Most files hold no bare token at all; those are parsed without a copy.
  Rewrite rewrite;
  bool rewritten = might_hold_non_finite(text);
  if (rewritten) rewrite = quote_non_finite_tokens(text);
  std::string_view parsed = rewritten ? std::string_view(rewrite.text) : text;

  try {
    return json::parse(parsed.begin(), parsed.end());
  } catch (const json::parse_error& error) {
    return parse_failure(error, text, rewrite.quote_pairs_at, name);
  } catch (const json::out_of_range& error) {
    // The only range error parsing raises: a number beyond a double.
    std::string_view message = error.what();
    std::size_t bracket = message.find("] ");
    std::string detail(bracket == std::string_view::npos ? message : message.substr(bracket + 2));
    return Error(name + ": " + detail + ": a number is too large for a double");
  }
}

}  // namespace perfgate
