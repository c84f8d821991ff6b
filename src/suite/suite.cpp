// Reading perfgate.toml. Every key is checked: a typo must fail loudly with a
// suggestion, never be ignored, because an ignored "repetiton = 30" silently
// measures something other than what the user asked for.
#include "suite/suite.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <string_view>
#include <system_error>
#include <utility>

#include <toml++/toml.h>

#include "base/atomic_file.h"
#include "base/suggest.h"

namespace perfgate {
namespace {

using Keys = std::vector<std::string_view>;

constexpr std::string_view kTopKeys[] = {"suite", "entry", "thresholds"};
constexpr std::string_view kSuiteKeys[] = {"name"};
constexpr std::string_view kGbenchKeys[] = {"name",   "kind",        "binary",   "args",
                                            "filter", "repetitions", "min_time", "timeout"};
constexpr std::string_view kImportKeys[] = {"name", "kind", "path", "format"};
constexpr std::string_view kThresholdKeys[] = {"default", "alpha", "metric"};

constexpr std::int64_t kMaxRepetitions = 10000;
constexpr double kMaxAlpha = 0.5;

const char* const kDurationExpected =
    "a duration (\"250ms\", \"1.5s\", \"2m\", \"1h\") or a number of seconds";
const char* const kThresholdExpected = "a threshold such as \"5%\" or 0.05";

// One key of a table with the node it holds.
using Item = std::pair<const toml::key*, const toml::node*>;

// toml::table is ordered by key name, but the file's order matters: errors
// should point at the first problem a reader meets, and the last matching
// benchmark threshold wins.
std::vector<Item> in_file_order(const toml::table& table) {
  std::vector<Item> items;
  for (auto&& [key, node] : table) items.emplace_back(&key, &node);

  std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    const toml::source_position& left = a.first->source().begin;
    const toml::source_position& right = b.first->source().begin;
    return std::pair(left.line, left.column) < std::pair(right.line, right.column);
  });
  return items;
}

std::string type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

std::string in_quotes(std::string_view text) {
  std::string result(1, '"');
  result.append(text).push_back('"');
  return result;
}

Error wrong_type(std::string_view key, std::string_view expected, const toml::node& node) {
  return Error(std::string(key) + " must be " + std::string(expected) + ", got " + type_name(node));
}

// The known word nearest to `word` within two edits, or "" when none is.
std::string_view nearest(std::string_view word, const Keys& known) {
  std::string_view best;
  std::size_t best_distance = 3;
  for (std::string_view candidate : known) {
    std::size_t distance = edit_distance(word, candidate);
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

std::string joined(const Keys& words, std::string_view separator, bool quote) {
  std::string text;
  for (std::string_view word : words) {
    if (!text.empty()) text += separator;
    text += quote ? in_quotes(word) : std::string(word);
  }
  return text;
}

Error unknown_key(std::string_view key, const Keys& known) {
  std::string message = "unknown key '" + std::string(key) + "'";
  std::string_view suggestion = nearest(key, known);
  if (!suggestion.empty()) {
    return Error(message + ", did you mean '" + std::string(suggestion) + "'?");
  }
  return Error(message + "; expected one of " + joined(known, ", ", false));
}

// An unknown value of a key with a fixed set of values ("kind", "format").
Error unknown_value(std::string_view key, std::string_view value, const Keys& known) {
  std::string message = "unknown " + std::string(key) + " " + in_quotes(value);
  std::string_view suggestion = nearest(value, known);
  if (!suggestion.empty()) return Error(message + ", did you mean " + in_quotes(suggestion) + "?");
  return Error(message + "; expected " + joined(known, " or ", true));
}

Expected<std::string> string_value(const toml::node& node, std::string_view key) {
  const toml::value<std::string>* value = node.as_string();
  if (!value) return wrong_type(key, "a string", node);
  return value->get();
}

Expected<std::string> non_empty_string(const toml::node& node, std::string_view key) {
  Expected<std::string> text = string_value(node, key);
  if (text && text->empty()) return Error(std::string(key) + " must not be empty");
  return text;
}

// An integer or a float, as a double.
std::optional<double> number_value(const toml::node& node) {
  if (const toml::value<std::int64_t>* integer = node.as_integer()) {
    return static_cast<double>(integer->get());
  }
  if (const toml::value<double>* floating = node.as_floating_point()) return floating->get();
  return std::nullopt;
}

std::string_view trim(std::string_view text) {
  std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  std::size_t last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

// "250ms", "1.5s", "2m", "1h" in seconds, or nullopt when `text` is none.
std::optional<double> parse_duration_text(std::string_view text) {
  text = trim(text);
  double number = 0;
  auto [stop, code] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (code != std::errc()) return std::nullopt;

  std::string_view unit = trim(text.substr(static_cast<std::size_t>(stop - text.data())));
  if (unit == "ms") return number / 1000;
  if (unit == "s") return number;
  if (unit == "m") return number * 60;
  if (unit == "h") return number * 3600;
  return std::nullopt;
}

// A number as a person would write it: the shortest form that reads back.
std::string number_text(double number) {
  char buffer[32];
  auto [end, code] = std::to_chars(buffer, buffer + sizeof buffer, number);
  return code == std::errc() ? std::string(buffer, end) : std::to_string(number);
}

// The value as the file spells it, for the "got ..." part of messages.
std::string shown(const toml::node& node) {
  if (const toml::value<std::string>* text = node.as_string()) return in_quotes(text->get());
  if (const toml::value<std::int64_t>* integer = node.as_integer()) {
    return std::to_string(integer->get());
  }
  if (const toml::value<double>* floating = node.as_floating_point()) {
    return number_text(floating->get());
  }
  return type_name(node);
}

// A positive duration in seconds, from a string with a unit or a bare number.
Expected<double> duration_value(const toml::node& node, const std::string& key) {
  std::optional<double> seconds = number_value(node);
  if (const toml::value<std::string>* text = node.as_string()) {
    seconds = parse_duration_text(text->get());
    if (!seconds) return Error(key + " must be " + kDurationExpected + ", got " + shown(node));
  }
  if (!seconds) return wrong_type(key, kDurationExpected, node);

  if (!std::isfinite(*seconds)) return Error(key + " must be finite, got " + shown(node));
  if (*seconds <= 0) return Error(key + " must be greater than 0, got " + shown(node));
  return *seconds;
}

// A threshold as policy.h reads it; a TOML number goes through the same
// parser as a string so both spellings obey the same rules.
Expected<double> threshold_value(const toml::node& node, const std::string& key) {
  std::string text;
  if (const toml::value<std::string>* string = node.as_string()) {
    text = string->get();
  } else if (node.is_number()) {
    text = shown(node);
  } else {
    return wrong_type(key, kThresholdExpected, node);
  }

  Expected<double> threshold = parse_threshold(text);
  if (!threshold) return threshold.error().with_context(key);
  return threshold;
}

Expected<double> alpha_value(const toml::node& node) {
  std::optional<double> alpha = number_value(node);
  if (!alpha) return wrong_type("alpha", "a number", node);
  if (!(*alpha > 0 && *alpha <= kMaxAlpha)) {
    return Error("alpha must be greater than 0 and at most 0.5, got " + shown(node));
  }
  return *alpha;
}

Expected<int> repetitions_value(const toml::node& node) {
  const toml::value<std::int64_t>* integer = node.as_integer();
  if (!integer) return wrong_type("repetitions", "an integer", node);
  std::int64_t count = integer->get();
  if (count < 1 || count > kMaxRepetitions) {
    return Error("repetitions must be between 1 and " + std::to_string(kMaxRepetitions) + ", got " +
                 std::to_string(count));
  }
  return static_cast<int>(count);
}

Expected<std::vector<std::string>> args_value(const toml::node& node) {
  const toml::array* array = node.as_array();
  if (!array) return wrong_type("args", "an array of strings", node);

  std::vector<std::string> args;
  for (std::size_t i = 0; i < array->size(); ++i) {
    Expected<std::string> arg = string_value(*array->get(i), "args[" + std::to_string(i + 1) + "]");
    if (!arg) return arg.error();
    args.push_back(*arg);
  }
  return args;
}

// Whether `arg` sets Google Benchmark's `flag`, which it spells only as
// "--flag" or "--flag=value".
bool sets_flag(std::string_view arg, std::string_view flag) {
  if (!arg.starts_with("--")) return false;
  arg.remove_prefix(2);
  if (!arg.starts_with(flag)) return false;
  arg.remove_prefix(flag.size());
  return arg.empty() || arg.front() == '=';
}

// The runner passes its own flags after `args`, and Google Benchmark takes
// the last of a repeated flag, so a clashing argument would be silently lost.
Status check_args(const SuiteEntry& entry) {
  for (std::size_t i = 0; i < entry.args.size(); ++i) {
    const std::string& arg = entry.args[i];
    std::string where = "args[" + std::to_string(i + 1) + "] " + in_quotes(arg);
    if (sets_flag(arg, "benchmark_out") || sets_flag(arg, "benchmark_out_format")) {
      return Error(where + " is set by perfgate itself; remove it");
    }
    if (sets_flag(arg, "benchmark_repetitions")) {
      return Error(where + " clashes with repetitions; use repetitions = N instead");
    }
    if (!entry.filter.empty() && sets_flag(arg, "benchmark_filter")) {
      return Error(where + " clashes with filter; set the filter in one place");
    }
    if (entry.min_time_s && sets_flag(arg, "benchmark_min_time")) {
      return Error(where + " clashes with min_time; set it in one place");
    }
  }
  return {};
}

bool is_one_of(std::string_view word, const Keys& words) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

// Relative paths in the suite file mean "beside the suite file", so a suite
// works from any current directory.
std::string resolved(const std::filesystem::path& folder, const std::string& path) {
  return (folder / path).string();
}

Status read_gbench_key(SuiteEntry& entry, const std::string& key, const toml::node& node,
                       const std::filesystem::path& folder) {
  if (key == "binary") {
    Expected<std::string> binary = non_empty_string(node, key);
    if (!binary) return binary.error();
    entry.binary = resolved(folder, *binary);
  } else if (key == "args") {
    Expected<std::vector<std::string>> args = args_value(node);
    if (!args) return args.error();
    entry.args = std::move(*args);
  } else if (key == "filter") {
    Expected<std::string> filter = string_value(node, key);
    if (!filter) return filter.error();
    entry.filter = *filter;
  } else if (key == "repetitions") {
    Expected<int> repetitions = repetitions_value(node);
    if (!repetitions) return repetitions.error();
    entry.repetitions = *repetitions;
  } else if (key == "min_time" || key == "timeout") {
    Expected<double> seconds = duration_value(node, key);
    if (!seconds) return seconds.error();
    (key == "min_time" ? entry.min_time_s : entry.timeout_s) = *seconds;
  }
  return {};
}

Status read_import_key(SuiteEntry& entry, const std::string& key, const toml::node& node,
                       const std::filesystem::path& folder) {
  if (key == "path") {
    Expected<std::string> path = non_empty_string(node, key);
    if (!path) return path.error();
    entry.path = resolved(folder, *path);
  } else if (key == "format") {
    Expected<std::string> format = string_value(node, key);
    if (!format) return format.error();
    if (*format != "gbench" && *format != "perfgate") {
      return unknown_value("format", *format, {"gbench", "perfgate"});
    }
    entry.format = *format;
  }
  return {};
}

Expected<EntryKind> kind_value(const toml::node& node) {
  Expected<std::string> kind = string_value(node, "kind");
  if (!kind) return kind.error();
  if (*kind == "gbench") return EntryKind::kGbench;
  if (*kind == "import") return EntryKind::kImport;
  if (*kind == "http" || *kind == "command") {
    return Error("kind " + in_quotes(*kind) + " is not supported yet by this version of perfgate");
  }
  return unknown_value("kind", *kind, {"gbench", "import"});
}

std::string_view kind_text(EntryKind kind) {
  return kind == EntryKind::kGbench ? "gbench" : "import";
}

// Every key of one [[entry]] once name and kind are known, in file order.
Status read_entry_keys(SuiteEntry& entry, const toml::table& table, bool kind_given,
                       const std::filesystem::path& folder) {
  bool gbench = entry.kind == EntryKind::kGbench;
  Keys own(gbench ? std::begin(kGbenchKeys) : std::begin(kImportKeys),
           gbench ? std::end(kGbenchKeys) : std::end(kImportKeys));
  Keys other(gbench ? std::begin(kImportKeys) : std::begin(kGbenchKeys),
             gbench ? std::end(kImportKeys) : std::end(kGbenchKeys));

  for (auto [key_ptr, node] : in_file_order(table)) {
    std::string key(key_ptr->str());
    if (key == "name" || key == "kind") continue;

    if (!is_one_of(key, own)) {
      if (!is_one_of(key, other)) return unknown_key(key, own);
      std::string other_kind(kind_text(gbench ? EntryKind::kImport : EntryKind::kGbench));
      std::string message = key + " applies to kind " + in_quotes(other_kind) +
                            " only, and this entry is kind " + in_quotes(kind_text(entry.kind));
      if (!kind_given) message += " (the default; set kind = " + in_quotes(other_kind) + ")";
      return Error(message);
    }

    Status read = gbench ? read_gbench_key(entry, key, *node, folder)
                         : read_import_key(entry, key, *node, folder);
    if (!read) return read;
  }
  return {};
}

Status check_required(const SuiteEntry& entry) {
  if (entry.kind == EntryKind::kGbench) {
    if (entry.binary.empty()) return Error("binary is required for kind \"gbench\"");
    return check_args(entry);
  }
  if (entry.path.empty()) return Error("path is required for kind \"import\"");
  return {};
}

// One [[entry]]; `where` is "entry[2]". Names seen so far, with where they
// were, catch duplicates.
Expected<SuiteEntry> read_entry(const toml::node& node, const std::string& where,
                                std::map<std::string, std::string>& names_seen,
                                const std::filesystem::path& folder) {
  const toml::table* table = node.as_table();
  if (!table) return wrong_type(where, "a table ([[entry]])", node);

  SuiteEntry entry;
  const toml::node* name = table->get("name");
  if (!name) return Error("name is required").with_context(where);
  Expected<std::string> name_text = non_empty_string(*name, "name");
  if (!name_text) return name_text.error().with_context(where);
  entry.name = *name_text;

  auto [seen, inserted] = names_seen.emplace(entry.name, where);
  if (!inserted) {
    return Error("name " + in_quotes(entry.name) + " is already used by " + seen->second)
        .with_context(where);
  }

  std::string context = where + " (" + in_quotes(entry.name) + ")";
  const toml::node* kind = table->get("kind");
  if (kind) {
    Expected<EntryKind> kind_read = kind_value(*kind);
    if (!kind_read) return kind_read.error().with_context(context);
    entry.kind = *kind_read;
  }

  Status keys = read_entry_keys(entry, *table, kind != nullptr, folder);
  if (!keys) return keys.error().with_context(context);

  Status complete = check_required(entry);
  if (!complete) return complete.error().with_context(context);
  return entry;
}

Expected<std::vector<SuiteEntry>> read_entries(const toml::node& node,
                                               const std::filesystem::path& folder) {
  const toml::array* array = node.as_array();
  if (!array) {
    std::string hint = node.is_table() ? "; write [[entry]], not [entry]" : "";
    return Error("entry must be an array of tables ([[entry]]), got " + type_name(node) + hint);
  }

  std::vector<SuiteEntry> entries;
  std::map<std::string, std::string> names_seen;
  for (std::size_t i = 0; i < array->size(); ++i) {
    std::string where = "entry[" + std::to_string(i + 1) + "]";
    Expected<SuiteEntry> entry = read_entry(*array->get(i), where, names_seen, folder);
    if (!entry) return entry.error();
    entries.push_back(std::move(*entry));
  }
  return entries;
}

bool is_name_character(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
}

Expected<std::string> read_suite_name(const toml::node* node) {
  const char* required = "name is required (it names the baseline file baselines/<name>.json)";
  if (!node) return Error(required).with_context("suite");
  const toml::table* table = node->as_table();
  if (!table) return wrong_type("suite", "a table ([suite])", *node);

  Keys known(std::begin(kSuiteKeys), std::end(kSuiteKeys));
  for (auto [key, value] : in_file_order(*table)) {
    if (!is_one_of(key->str(), known)) return unknown_key(key->str(), known).with_context("suite");
  }

  const toml::node* name = table->get("name");
  if (!name) return Error(required).with_context("suite");
  Expected<std::string> text = non_empty_string(*name, "name");
  if (!text) return text.error().with_context("suite");
  if (!std::all_of(text->begin(), text->end(), is_name_character)) {
    return Error("name must use only letters, digits, '-', '_' and '.', got " + in_quotes(*text))
        .with_context("suite");
  }
  // "." and ".." would name hidden files such as baselines/..json.
  if (text->front() == '.') {
    return Error("name must not start with '.', got " + in_quotes(*text)).with_context("suite");
  }
  return text;
}

Status read_metric_thresholds(const toml::node& node, Policy& policy) {
  const toml::table* table = node.as_table();
  if (!table) return wrong_type("metric", "a table of metric names and thresholds", node);

  for (auto [key, value] : in_file_order(*table)) {
    std::string metric(key->str());
    Expected<double> threshold = threshold_value(*value, metric);
    if (!threshold) return threshold.error();
    policy.metric_thresholds.emplace_back(metric, *threshold);
  }
  return {};
}

// Any key of [thresholds] that is not a setting is a benchmark glob; a plain
// name within two edits of a setting is far likelier a typo than a benchmark.
Status read_benchmark_threshold(const std::string& glob, const toml::node& node, Policy& policy) {
  Keys settings(std::begin(kThresholdKeys), std::end(kThresholdKeys));
  if (glob.empty()) return Error("a benchmark glob must not be empty");
  bool wildcard = glob.find_first_of("*?") != std::string::npos;
  if (!wildcard && !nearest(glob, settings).empty()) return unknown_key(glob, settings);
  if (node.is_table()) {
    return Error(in_quotes(glob) + " must be " + kThresholdExpected +
                 ", got a table (per-metric thresholds go in [thresholds.metric])");
  }

  Expected<double> threshold = threshold_value(node, in_quotes(glob));
  if (!threshold) return threshold.error();
  policy.benchmark_thresholds.emplace_back(glob, *threshold);
  return {};
}

Status read_thresholds(const toml::node& node, Policy& policy) {
  const toml::table* table = node.as_table();
  if (!table) return wrong_type("thresholds", "a table ([thresholds])", node);

  for (auto [key_ptr, value] : in_file_order(*table)) {
    std::string key(key_ptr->str());
    if (key == "default") {
      Expected<double> threshold = threshold_value(*value, key);
      if (!threshold) return threshold.error().with_context("thresholds");
      policy.default_threshold = *threshold;
    } else if (key == "alpha") {
      Expected<double> alpha = alpha_value(*value);
      if (!alpha) return alpha.error().with_context("thresholds");
      policy.alpha = *alpha;
    } else if (key == "metric") {
      Status metrics = read_metric_thresholds(*value, policy);
      if (!metrics) return metrics.error().with_context("thresholds.metric");
    } else {
      Status benchmark = read_benchmark_threshold(key, *value, policy);
      if (!benchmark) return benchmark.error().with_context("thresholds");
    }
  }
  return {};
}

Expected<Suite> read_suite(const toml::table& root, const std::string& path) {
  Keys top(std::begin(kTopKeys), std::end(kTopKeys));
  for (auto [key, value] : in_file_order(root)) {
    if (!is_one_of(key->str(), top)) return unknown_key(key->str(), top);
  }

  Suite suite;
  suite.file = path;
  Expected<std::string> name = read_suite_name(root.get("suite"));
  if (!name) return name.error();
  suite.name = *name;

  std::filesystem::path folder = std::filesystem::path(path).parent_path();
  if (const toml::node* entries = root.get("entry")) {
    Expected<std::vector<SuiteEntry>> read = read_entries(*entries, folder);
    if (!read) return read.error();
    suite.entries = std::move(*read);
  }

  if (const toml::node* thresholds = root.get("thresholds")) {
    Status read = read_thresholds(*thresholds, suite.policy);
    if (!read) return read.error();
  }
  return suite;
}

Expected<std::string> read_suite_text(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    return Error("cannot read suite file " + path + ": " + std::strerror(ENOENT) +
                 " (run from the folder that holds it, or pass --suite PATH)");
  }
  Expected<std::string> text = read_file(path);
  if (!text) return Error("cannot read suite file " + text.error().message());
  return text;
}

// toml++ follows a dotted key ("a.b.c") or table header by recursion, so a
// line of 50,000 parts overflows the stack. Suite keys have at most a few
// parts; a line with more dots outside quotes than any real file has is
// refused before parsing.
constexpr std::size_t kMaxDotsPerLine = 64;

Status check_key_depth(const std::string& text, const std::string& path) {
  std::size_t line = 1;
  std::size_t dots = 0;
  char quote = 0;
  bool comment = false;
  for (char c : text) {
    if (c == '\n') {
      line += 1;
      dots = 0;
      quote = 0;
      comment = false;
    } else if (comment) {
      continue;
    } else if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '#') {
      comment = true;
    } else if (c == '.' && ++dots > kMaxDotsPerLine) {
      return Error(path + ": line " + std::to_string(line) + " has a key of more than " +
                   std::to_string(kMaxDotsPerLine) + " dotted parts: not a suite file");
    }
  }
  return {};
}

Expected<toml::table> parse_toml(const std::string& text, const std::string& path) {
  try {
    return toml::parse(std::string_view(text), std::string_view(path));
  } catch (const toml::parse_error& error) {
    // toml++ says "Error while parsing ..."; our messages are lowercase.
    std::string detail(error.description());
    if (!detail.empty()) detail[0] = static_cast<char>(std::tolower(detail[0]));
    const toml::source_position& at = error.source().begin;
    return Error(path + ": invalid TOML at line " + std::to_string(at.line) + ", column " +
                 std::to_string(at.column) + ": " + detail);
  }
}

}  // namespace

Expected<Suite> load_suite(const std::string& path) {
  Expected<std::string> text = read_suite_text(path);
  if (!text) return text.error();

  if (Status shallow = check_key_depth(*text, path); !shallow) return shallow.error();
  Expected<toml::table> root = parse_toml(*text, path);
  if (!root) return root.error();

  Expected<Suite> suite = read_suite(*root, path);
  if (!suite) return suite.error().with_context(path);
  return suite;
}

}  // namespace perfgate
