#include "store/directory_store.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <random>
#include <sstream>
#include <tuple>

#include "base/atomic_file.h"
#include "ingest/load_input.h"
#include "result/result_json.h"

namespace perfgate {
namespace {

namespace fs = std::filesystem;

constexpr const char* kNoCommitFolder = "no-commit";
constexpr std::size_t kMinimumPrefixDigits = 4;
// SHA-256 repositories have 64-digit ids; SHA-1 ones 40.
constexpr std::size_t kMaximumIdDigits = 64;

bool is_lowercase_hex(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  });
}

bool is_stored_id(const std::string& name) {
  return name.size() >= kMinimumPrefixDigits && name.size() <= kMaximumIdDigits &&
         is_lowercase_hex(name);
}

std::string lowercase(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

/// Keeps a suite name or time usable as part of a file name on any system.
std::string file_name_part(const std::string& text, const std::string& fallback) {
  std::string part;
  for (char c : text) {
    bool plain = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
    part += plain ? c : '_';
  }
  return part.empty() ? fallback : part;
}

/// "2024-05-01T12:34:56Z" becomes "20240501T123456Z": sortable and short.
std::string compact_time(const std::string& rfc3339) {
  std::string compact;
  for (char c : rfc3339) {
    if (c != '-' && c != ':') compact += c;
  }
  return file_name_part(compact, "unknown-time");
}

/// 64 random bits in hex, so writers saving the same suite in the same second
/// never pick the same name.
std::string random_hex() {
  std::random_device entropy;
  std::uint64_t bits = (std::uint64_t{entropy()} << 32) | entropy();
  std::ostringstream hex;
  hex << std::hex;
  hex.width(16);
  hex.fill('0');
  hex << bits;
  return hex.str();
}

bool has_json_extension(const fs::path& path) { return path.extension() == ".json"; }

/// The .json files directly inside `folder`, sorted by name.
std::vector<fs::path> json_files_in(const fs::path& folder) {
  std::vector<fs::path> files;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder, error)) {
    std::error_code type_error;
    if (entry.is_regular_file(type_error) && has_json_extension(entry.path())) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

/// Days from 1970-01-01 to a date of the proleptic Gregorian calendar.
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) {
  year -= month <= 2 ? 1 : 0;
  std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  auto year_of_era = static_cast<unsigned>(year - era * 400);
  unsigned day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + static_cast<std::int64_t>(day_of_era) - 719468;
}

/// An instant as seconds since the epoch and nanoseconds, so that times
/// written with and without fractions or with offsets compare correctly.
using Instant = std::tuple<std::int64_t, std::int64_t>;

/// Reads "YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)"; nullopt otherwise.
std::optional<Instant> parse_rfc3339(const std::string& text) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%*1[Tt ]%2d:%2d:%2d%n", &year, &month, &day, &hour,
                  &minute, &second, &consumed) != 6) {
    return std::nullopt;
  }
  bool in_range = month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 &&
                  minute <= 59 && second <= 60 && hour >= 0 && minute >= 0 && second >= 0;
  if (!in_range) return std::nullopt;
  std::size_t at = static_cast<std::size_t>(consumed);

  std::int64_t nanoseconds = 0;
  if (at < text.size() && text[at] == '.') {
    std::int64_t scale = 100000000;
    for (++at; at < text.size() && std::isdigit(static_cast<unsigned char>(text[at])); ++at) {
      nanoseconds += (text[at] - '0') * scale;
      scale /= 10;
    }
  }

  std::int64_t offset_s = 0;
  std::string zone = text.substr(std::min(at, text.size()));
  if (zone == "Z" || zone == "z") {
    offset_s = 0;
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    int offset_hours = 0, offset_minutes = 0;
    if (std::sscanf(zone.c_str() + 1, "%2d:%2d", &offset_hours, &offset_minutes) != 2) {
      return std::nullopt;
    }
    offset_s = (offset_hours * 3600 + offset_minutes * 60) * (zone[0] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }

  std::int64_t days = days_from_civil(year, static_cast<unsigned>(month),
                                      static_cast<unsigned>(day));
  std::int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset_s;
  return Instant{seconds, nanoseconds};
}

/// A stored Result with what orders it: its start time, then its file name.
struct Candidate {
  std::optional<Instant> start;
  fs::path file;
  Result result;
};

/// Whether `a` is older than `b`. A start time that cannot be read counts as
/// older than every readable one, so a well-formed result is preferred.
bool is_older(const Candidate& a, const Candidate& b) {
  if (a.start.has_value() != b.start.has_value()) return !a.start.has_value();
  if (a.start && *a.start != *b.start) return *a.start < *b.start;
  return a.file < b.file;
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string joined;
  for (const auto& item : items) {
    if (!joined.empty()) joined += separator;
    joined += item;
  }
  return joined;
}

}  // namespace

Expected<std::string> DirectoryStore::save(const Result& result) const {
  std::string folder = kNoCommitFolder;
  if (result.git.commit) {
    // The id becomes a folder name: anything but hex could leave the store.
    std::string id = lowercase(*result.git.commit);
    if (!is_stored_id(id)) {
      return Error("cannot save the result in " + root_ + ": its commit '" +
                   *result.git.commit + "' is not a hex commit id");
    }
    folder = id;
  }

  std::string name = file_name_part(result.suite, "results") + "-" +
                     compact_time(result.start_time) + "-" + random_hex() + ".json";
  std::string path = (fs::path(root_) / folder / name).string();
  Status written = write_file_atomically(path, result_to_text(result));
  if (!written) return written.error();
  return path;
}

std::vector<std::string> DirectoryStore::commits() const {
  std::vector<std::string> ids;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(root_, error)) {
    std::error_code type_error;
    std::string name = entry.path().filename().string();
    if (!entry.is_directory(type_error) || !is_stored_id(name)) continue;
    if (!json_files_in(entry.path()).empty()) ids.push_back(name);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

Expected<Result> DirectoryStore::load_latest(const std::string& commit,
                                             const std::string& suite) const {
  std::string prefix = lowercase(commit);
  if (prefix.size() < kMinimumPrefixDigits || prefix.size() > kMaximumIdDigits ||
      !is_lowercase_hex(prefix)) {
    return Error("'" + commit + "' is not a commit id: give 4 or more of its hex digits");
  }

  std::vector<std::string> matches;
  for (const auto& id : commits()) {
    if (id == prefix) {
      matches = {id};
      break;
    }
    if (id.rfind(prefix, 0) == 0) matches.push_back(id);
  }
  if (matches.empty()) {
    return Error("no stored result for commit " + commit + " in " + root_ +
                 ": run `perfgate run --save` on that commit first");
  }
  if (matches.size() > 1) {
    return Error("commit prefix " + commit + " is ambiguous in " + root_ + ": it matches " +
                 join(matches, ", ") + "; give more digits");
  }

  // Every file is read before choosing: a file that cannot be read might have
  // been the newest, so it is reported rather than silently passed over.
  std::optional<Candidate> newest;
  std::vector<std::string> other_suites;
  for (const auto& file : json_files_in(fs::path(root_) / matches.front())) {
    Expected<Result> loaded = load_results_file(file.string());
    if (!loaded) {
      const std::string& reason = loaded.error().message();
      bool names_file = reason.find(file.string()) != std::string::npos;
      return Error("reading the result store " + root_ + ": " +
                       (names_file ? reason : file.string() + ": " + reason) +
                       "; move that file out of the store to use the others",
                   loaded.error().kind());
    }
    if (!suite.empty() && loaded->suite != suite) {
      other_suites.push_back(loaded->suite);
      continue;
    }
    Candidate candidate{parse_rfc3339(loaded->start_time), file, std::move(*loaded)};
    if (!newest || is_older(*newest, candidate)) newest = std::move(candidate);
  }

  if (!newest) {
    std::sort(other_suites.begin(), other_suites.end());
    other_suites.erase(std::unique(other_suites.begin(), other_suites.end()),
                       other_suites.end());
    std::string stored = other_suites.empty() ? "" : " (it has " + join(other_suites, ", ") + ")";
    return Error("no stored result of suite '" + suite + "' for commit " + matches.front() +
                 " in " + root_ + stored + ": run `perfgate run --save` on that commit first");
  }
  return std::move(newest->result);
}

}  // namespace perfgate
