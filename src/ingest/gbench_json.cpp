// Google Benchmark's JSON output (--benchmark_out_format=json) as a Result.
//
// The format grew over the years. The 2016 output has only name, iterations,
// times and counters, and marks aggregates by name suffixes ("_mean"). v1.5
// added run_name, run_type, repetitions and threads; v1.6 family indexes,
// aggregate_unit and the cv aggregate; v1.8 "skipped". Every row is mapped to
// a benchmark by its run name, and its repetitions become samples.
#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "ingest/gbench_reader.h"
#include "ingest/load_input.h"
#include "result/result_json.h"

namespace perfgate {
namespace {

using nlohmann::json;

enum class RowKind { kIteration, kAggregate, kIgnored };

// The aggregates that can stand in for samples; the others (cv, user
// statistics) are ignored.
enum class Aggregate { kOther, kMean, kMedian, kStddev };

struct RowClass {
  RowKind kind = RowKind::kIteration;
  Aggregate aggregate = Aggregate::kOther;
  std::string_view run_name;  ///< points into the document
};

// Where a row is, for messages: `x.json: benchmarks[3] ("BM_Foo")`. Built only
// when something is wrong, so the happy path allocates nothing for it.
struct RowPlace {
  std::string_view source;
  std::size_t index;
  std::string_view name;

  std::string str() const {
    std::string place(source);
    place += ": benchmarks[" + std::to_string(index) + "]";
    if (!name.empty()) place += " (\"" + std::string(name) + "\")";
    return place;
  }
};

Error wrong_type(const std::string& place, std::string_view field, const json& value,
                 std::string_view expected) {
  return Error(place + ": " + std::string(field) + " is " + json_type_phrase(value) +
               ", expected " + std::string(expected));
}

// A field of an object, or nullptr when it is absent or null.
const json* field(const json& row, const char* key) {
  auto it = row.find(key);
  if (it == row.end() || it->is_null()) return nullptr;
  return &*it;
}

// Reads a number, or one of the strings that parse_json_lenient made of
// Google Benchmark's bare NaN and infinities. False for anything else; the
// caller decides whether that is an error.
bool as_number(const json& value, double& out) {
  if (value.is_number()) {
    out = value.get<double>();
    return true;
  }
  if (!value.is_string()) return false;
  const auto& text = value.get_ref<const std::string&>();
  if (text == "NaN") {
    out = std::numeric_limits<double>::quiet_NaN();
  } else if (text == "Infinity") {
    out = std::numeric_limits<double>::infinity();
  } else if (text == "-Infinity") {
    out = -std::numeric_limits<double>::infinity();
  } else {
    return false;
  }
  return true;
}

// The fields of one row that Google Benchmark itself writes, found in a
// single pass over its keys (a row has a dozen; looking each up in the tree
// again cost more than the rest of the conversion). A null counts as absent.
struct RowFields {
  const json* name = nullptr;
  const json* run_name = nullptr;
  const json* run_type = nullptr;
  const json* aggregate_name = nullptr;
  const json* aggregate_unit = nullptr;
  const json* time_unit = nullptr;
  const json* real_time = nullptr;
  const json* cpu_time = nullptr;
  const json* threads = nullptr;
  const json* repetitions = nullptr;
  const json* label = nullptr;
  const json* error_occurred = nullptr;
  const json* error_message = nullptr;
  const json* skipped = nullptr;
  const json* skip_message = nullptr;
  bool complexity = false;  ///< has big_o or rms: a BigO or RMS row
  /// Every other key holding a number, in key order; keys point into the row.
  std::vector<std::pair<std::string_view, double>> counters;
};

// Fills `fields` from `row`, reusing its counter storage from the last row.
void scan_row(const json& row, RowFields& fields) {
  using Slot = const json* RowFields::*;
  // A null slot marks a field of the library that perfgate does not need.
  // The memory manager's allocs_per_iter, max_bytes_used, total_allocated_bytes
  // and net_heap_growth are missing on purpose: they are measurements, and a
  // growth in them is worth gating, so they are read as counters.
  static const std::unordered_map<std::string_view, Slot> slots = {
      {"name", &RowFields::name},
      {"run_name", &RowFields::run_name},
      {"run_type", &RowFields::run_type},
      {"aggregate_name", &RowFields::aggregate_name},
      {"aggregate_unit", &RowFields::aggregate_unit},
      {"time_unit", &RowFields::time_unit},
      {"real_time", &RowFields::real_time},
      {"cpu_time", &RowFields::cpu_time},
      {"threads", &RowFields::threads},
      {"repetitions", &RowFields::repetitions},
      {"label", &RowFields::label},
      {"error_occurred", &RowFields::error_occurred},
      {"error_message", &RowFields::error_message},
      {"skipped", &RowFields::skipped},
      {"skip_message", &RowFields::skip_message},
      {"family_index", nullptr},
      {"per_family_instance_index", nullptr},
      {"repetition_index", nullptr},
      {"iterations", nullptr},
      {"cpu_coefficient", nullptr},
      {"real_coefficient", nullptr},
      {"big_o", nullptr},
      {"rms", nullptr}};

  std::vector<std::pair<std::string_view, double>> counters = std::move(fields.counters);
  counters.clear();
  fields = RowFields();
  for (const auto& [key, value] : row.get_ref<const json::object_t&>()) {
    auto slot = slots.find(key);
    if (slot == slots.end()) {
      double number = 0;
      if (as_number(value, number)) counters.emplace_back(key, number);
      continue;
    }
    if (!slot->second) {
      if (key == "big_o" || key == "rms") fields.complexity = true;
      continue;
    }
    // A null time is a broken row, not a missing time: keep it to reject it.
    bool is_time = slot->second == &RowFields::real_time || slot->second == &RowFields::cpu_time;
    if (!value.is_null() || is_time) fields.*(slot->second) = &value;
  }
  fields.counters = std::move(counters);
}

Expected<std::string_view> optional_string(const json* value, const char* key,
                                           const RowPlace& place) {
  if (!value) return std::string_view();
  if (!value->is_string()) return wrong_type(place.str(), key, *value, "a string");
  return std::string_view(value->get_ref<const std::string&>());
}

Expected<bool> optional_flag(const json* value, const char* key, const RowPlace& place) {
  if (!value) return false;
  if (!value->is_boolean()) return wrong_type(place.str(), key, *value, "true or false");
  return value->get<bool>();
}

// A count such as threads or num_cpus. Checked before the cast, because a
// double beyond the range of int does not convert.
Expected<int> whole_count(const json& value, const std::string& place, std::string_view key) {
  if (!value.is_number()) return wrong_type(place, key, value, "a number");
  double number = value.get<double>();
  if (!(number >= 0 && number <= std::numeric_limits<int>::max())) {
    return Error(place + ": " + std::string(key) + " is " + value.dump() +
                 ", expected a count from 0 to " +
                 std::to_string(std::numeric_limits<int>::max()));
  }
  return static_cast<int>(number);
}

// Nanoseconds per unit of the row's time_unit; rows of one file may differ.
Expected<double> ns_per_unit(const RowFields& row, const RowPlace& place) {
  auto unit = optional_string(row.time_unit, "time_unit", place);
  if (!unit) return unit.error();
  if (unit->empty() || *unit == "ns") return 1.0;
  if (*unit == "us") return 1e3;
  if (*unit == "ms") return 1e6;
  if (*unit == "s") return 1e9;
  return Error(place.str() + ": time_unit \"" + std::string(*unit) +
               "\" is not one of ns, us, ms, s");
}

bool contains_ignoring_case(std::string_view text, std::string_view lower_needle) {
  auto it = std::search(text.begin(), text.end(), lower_needle.begin(), lower_needle.end(),
                        [](char a, char b) {
                          return std::tolower(static_cast<unsigned char>(a)) == b;
                        });
  return it != text.end();
}

// A whole word "s", "sec" or "second" after a slash: "GB/s", "ops/sec",
// "bytes/second", but not "bytes/sample".
bool has_per_second_slash(std::string_view name) {
  for (std::size_t at = name.find('/'); at != std::string_view::npos;
       at = name.find('/', at + 1)) {
    std::size_t end = at + 1;
    while (end < name.size() && std::isalpha(static_cast<unsigned char>(name[end]))) ++end;
    std::string_view word = name.substr(at + 1, end - at - 1);
    if (word == "s" || word == "sec" || word == "second") return true;
  }
  return false;
}

// Rates grow when things get faster; every other counter is taken as a cost.
Metric make_counter(std::string_view name) {
  Metric metric;
  metric.name = std::string(name);
  if (name == "bytes_per_second") {
    metric.unit = "B/s";
    metric.better = Better::kHigher;
  } else if (name.ends_with("_per_second") || contains_ignoring_case(name, "per second") ||
             has_per_second_slash(name)) {
    metric.unit = "1/s";
    metric.better = Better::kHigher;
  }
  return metric;
}

Metric make_time(const char* name) {
  Metric metric;
  metric.name = name;
  metric.unit = "ns";
  return metric;
}

std::size_t metric_index(Benchmark& benchmark, std::string_view name) {
  for (std::size_t i = 0; i < benchmark.metrics.size(); ++i) {
    if (benchmark.metrics[i].name == name) return i;
  }
  benchmark.metrics.push_back(make_counter(name));
  return benchmark.metrics.size() - 1;
}

constexpr std::array<std::pair<std::string_view, Aggregate>, 4> kAggregateSuffixes = {{
    {"_mean", Aggregate::kMean},
    {"_median", Aggregate::kMedian},
    {"_stddev", Aggregate::kStddev},
    {"_cv", Aggregate::kOther},
}};

Aggregate aggregate_named(std::string_view name) {
  if (name == "mean") return Aggregate::kMean;
  if (name == "median") return Aggregate::kMedian;
  if (name == "stddev") return Aggregate::kStddev;
  return Aggregate::kOther;
}

// The aggregate suffix a name ends with, if any.
const std::pair<std::string_view, Aggregate>* aggregate_suffix(std::string_view name) {
  for (const auto& suffix : kAggregateSuffixes) {
    if (name.size() > suffix.first.size() && name.ends_with(suffix.first)) return &suffix;
  }
  return nullptr;
}

// Names of the rows without run_type, built on first need: in 2016 output a
// name ending in "_mean" is an aggregate only beside its benchmark or beside
// another aggregate of it, otherwise it is a benchmark that is called so.
// A reader that sees one row at a time has no `rows` and cannot answer.
class OldFormatNames {
 public:
  explicit OldFormatNames(const json* rows) : rows_(rows) {}

  bool knows_every_row() const { return rows_ != nullptr; }

  bool is_aggregate(std::string_view name, std::string_view suffix) {
    if (!built_) build();
    std::string_view base = name.substr(0, name.size() - suffix.size());
    if (names_.contains(base)) return true;
    for (const auto& other : kAggregateSuffixes) {
      if (other.first == suffix) continue;
      scratch_.assign(base);
      scratch_ += other.first;
      if (names_.contains(scratch_)) return true;
    }
    return false;
  }

 private:
  void build() {
    built_ = true;
    for (const json& row : *rows_) {
      if (!row.is_object() || row.contains("run_type")) continue;
      auto name = row.find("name");
      if (name != row.end() && name->is_string()) {
        names_.insert(name->get_ref<const std::string&>());
      }
    }
  }

  const json* rows_;
  bool built_ = false;
  std::unordered_set<std::string_view> names_;
  std::string scratch_;
};

bool is_complexity_row(const RowFields& row, std::string_view name, std::string_view run_type,
                       std::string_view aggregate_name) {
  if (aggregate_name == "BigO" || aggregate_name == "RMS") return true;
  if (row.complexity) return true;
  return run_type.empty() && (name.ends_with("_BigO") || name.ends_with("_RMS"));
}

// Decides what a row is and which benchmark it belongs to.
Expected<RowClass> classify(const RowFields& row, std::string_view name, const RowPlace& place,
                            OldFormatNames& old_names) {
  auto run_type = optional_string(row.run_type, "run_type", place);
  if (!run_type) return run_type.error();
  auto aggregate_name = optional_string(row.aggregate_name, "aggregate_name", place);
  if (!aggregate_name) return aggregate_name.error();
  auto aggregate_unit = optional_string(row.aggregate_unit, "aggregate_unit", place);
  if (!aggregate_unit) return aggregate_unit.error();
  auto run_name = optional_string(row.run_name, "run_name", place);
  if (!run_name) return run_name.error();

  RowClass row_class;
  row_class.run_name = run_name->empty() ? name : *run_name;

  // BigO and RMS describe a fit over many sizes, and percentages (cv) are
  // not in the unit of the metric: neither is a measurement to compare.
  if (is_complexity_row(row, name, *run_type, *aggregate_name) ||
      *aggregate_unit == "percentage") {
    row_class.kind = RowKind::kIgnored;
    return row_class;
  }

  const auto* suffix = aggregate_suffix(name);
  // compare.py's own inputs mark plain repetitions "aggregate" without
  // naming a statistic; compare.py then treats them as repetitions, and so
  // do we, since a statistic nobody named cannot be used as one.
  bool unnamed_aggregate = aggregate_name->empty() && !suffix;
  if (*run_type == "aggregate" && !unnamed_aggregate) {
    row_class.kind = RowKind::kAggregate;
    row_class.aggregate = aggregate_name->empty()
                              ? (suffix ? suffix->second : Aggregate::kOther)
                              : aggregate_named(*aggregate_name);
    if (run_name->empty()) {
      std::string named_suffix = "_" + std::string(*aggregate_name);
      if (!aggregate_name->empty() && name.ends_with(named_suffix)) {
        row_class.run_name = name.substr(0, name.size() - named_suffix.size());
      } else if (suffix) {
        row_class.run_name = name.substr(0, name.size() - suffix->first.size());
      }
    }
    return row_class;
  }
  if (*run_type == "iteration" || *run_type == "aggregate") return row_class;
  if (!run_type->empty()) {
    return Error(place.str() + ": run_type \"" + std::string(*run_type) +
                 "\" is not \"iteration\" or \"aggregate\"");
  }

  if (!suffix) return row_class;
  if (!old_names.knows_every_row()) {
    return Error(place.str() + ": a name ending in \"" + std::string(suffix->first) +
                 "\" without run_type needs every row to tell whether it is an aggregate");
  }
  if (old_names.is_aggregate(name, suffix->first)) {
    row_class.kind = RowKind::kAggregate;
    row_class.aggregate = suffix->second;
    if (run_name->empty()) row_class.run_name = name.substr(0, name.size() - suffix->first.size());
  }
  return row_class;
}

// Rows of one benchmark seen so far.
struct Group {
  std::size_t benchmark = 0;  ///< index into Result::benchmarks
  bool has_iterations = false;
  /// Aggregate rows, kept only while the benchmark has no repetitions: those
  /// outrank them. `row` is a copy when the rows are read one at a time.
  struct AggregateRow {
    Aggregate aggregate;
    std::size_t index;
    json row;
  };
  std::vector<AggregateRow> aggregates;
};

// Finds a group by the name of a row being read, without copying the name.
struct NameHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view name) const {
    return std::hash<std::string_view>()(name);
  }
};

// The thread count from a name such as "BM_x/8/threads:4", or 0. Output
// before v1.5 has no "threads" field, only the name says it.
int threads_in_name(std::string_view name) {
  constexpr std::string_view kMarker = "/threads:";
  std::size_t at = name.rfind(kMarker);
  if (at == std::string_view::npos) return 0;
  int threads = 0;
  for (char c : name.substr(at + kMarker.size())) {
    if (c < '0' || c > '9' || threads > 100'000) break;
    threads = threads * 10 + (c - '0');
  }
  return threads;
}

Status read_threads_and_label(const RowFields& row, const RowPlace& place,
                              Benchmark& benchmark) {
  if (row.threads) {
    auto count = whole_count(*row.threads, place.str(), "threads");
    if (!count) return count.error();
    benchmark.threads = *count;
  } else if (int named = threads_in_name(benchmark.name); named > 0) {
    benchmark.threads = named;
  }
  auto label = optional_string(row.label, "label", place);
  if (!label) return label.error();
  if (benchmark.label.empty() && !label->empty()) benchmark.label = std::string(*label);
  return {};
}

// An errored or skipped row carries no numbers; it marks the benchmark. An
// error outranks a skip when repetitions disagree.
Expected<bool> read_status(const RowFields& row, const RowPlace& place, Benchmark& benchmark) {
  auto errored = optional_flag(row.error_occurred, "error_occurred", place);
  if (!errored) return errored.error();
  auto skipped = optional_flag(row.skipped, "skipped", place);
  if (!skipped) return skipped.error();
  if (!*errored && !*skipped) return false;

  BenchmarkStatus status = *errored ? BenchmarkStatus::kError : BenchmarkStatus::kSkipped;
  auto message = *errored ? optional_string(row.error_message, "error_message", place)
                          : optional_string(row.skip_message, "skip_message", place);
  if (!message) return message.error();
  if (benchmark.status == BenchmarkStatus::kOk ||
      (benchmark.status == BenchmarkStatus::kSkipped && status == BenchmarkStatus::kError)) {
    benchmark.status = status;
    benchmark.message = std::string(*message);
  }
  return true;
}

Expected<double> time_value(const json& value, const RowPlace& place, const char* key) {
  double number = 0;
  if (!as_number(value, number)) return wrong_type(place.str(), key, value, "a number");
  if (number < 0) {
    return Error(place.str() + ": " + key + " is " + value.dump() + ", but a time cannot be "
                 "negative");
  }
  return number;
}

// Calls `visit(metric_index, value)` for real_time, cpu_time (in ns) and
// every counter of the row, in that order.
template <class Visit>
Status for_each_value(const RowFields& row, const RowPlace& place, Benchmark& benchmark,
                      Visit&& visit) {
  auto ns = ns_per_unit(row, place);
  if (!ns) return ns.error();

  const std::pair<const char*, const json*> times[] = {{"real_time", row.real_time},
                                                       {"cpu_time", row.cpu_time}};
  for (std::size_t i = 0; i < 2; ++i) {
    if (!times[i].second) continue;
    auto time = time_value(*times[i].second, place, times[i].first);
    if (!time) return time.error();
    visit(i, *time * *ns);
  }

  // nlohmann::json keeps keys sorted. Google Benchmark writes its counters
  // from a std::map, so within a row that is also the order of the file.
  for (const auto& [key, number] : row.counters) visit(metric_index(benchmark, key), number);
  return {};
}

Status add_iteration(const RowFields& row, const RowPlace& place, Benchmark& benchmark) {
  return for_each_value(row, place, benchmark, [&](std::size_t metric, double value) {
    benchmark.metrics[metric].samples.push_back(value);
  });
}

// With --benchmark_report_aggregates_only there are no samples; the mean,
// median and stddev rows become the summary, which summarize() then keeps.
// Which metrics got a value is recorded in `filled`.
Status add_aggregate(const RowFields& row, const RowPlace& place, Aggregate aggregate,
                     Benchmark& benchmark, std::vector<bool>& filled) {
  std::size_t count = 0;
  if (row.repetitions) {
    auto value = whole_count(*row.repetitions, place.str(), "repetitions");
    if (!value) return value.error();
    count = static_cast<std::size_t>(*value);
  }

  return for_each_value(row, place, benchmark, [&](std::size_t metric, double value) {
    Summary& summary = benchmark.metrics[metric].summary;
    if (aggregate == Aggregate::kMean) summary.mean = value;
    if (aggregate == Aggregate::kMedian) summary.median = value;
    if (aggregate == Aggregate::kStddev) summary.stddev = value;
    if (count > 0) summary.count = count;
    if (filled.size() <= metric) filled.resize(metric + 1, false);
    filled[metric] = true;
  });
}

// Fills the summaries of a benchmark that has only aggregates, then drops
// the metrics that got no value at all (a row without times, say).
Status finish_group(const json* rows, const Group& group, std::string_view source,
                    Benchmark& benchmark, RowFields& fields) {
  std::vector<bool> filled;
  if (!group.has_iterations) {
    for (const auto& aggregate : group.aggregates) {
      if (aggregate.aggregate == Aggregate::kOther) continue;
      scan_row(rows ? (*rows)[aggregate.index] : aggregate.row, fields);
      RowPlace place{source, aggregate.index, fields.name->get_ref<const std::string&>()};
      Status added = add_aggregate(fields, place, aggregate.aggregate, benchmark, filled);
      if (!added) return added;
    }
  }

  std::size_t kept = 0;
  for (std::size_t i = 0; i < benchmark.metrics.size(); ++i) {
    bool has_value = !benchmark.metrics[i].samples.empty() || (i < filled.size() && filled[i]);
    if (!has_value) continue;
    if (kept != i) benchmark.metrics[kept] = std::move(benchmark.metrics[i]);
    ++kept;
  }
  benchmark.metrics.resize(kept);
  return {};
}

Status read_context_into(const json& document, std::string_view source, Result& result) {
  auto context_it = document.find("context");
  if (context_it == document.end() || context_it->is_null()) return {};
  std::string place = std::string(source) + ": context";
  if (!context_it->is_object()) {
    return wrong_type(std::string(source), "context", *context_it, "an object");
  }
  const json& context = *context_it;
  Environment& environment = result.environment;

  if (const json* host = field(context, "host_name")) {
    if (!host->is_string()) return wrong_type(place, "host_name", *host, "a string");
    environment.host = host->get<std::string>();
  }
  if (const json* cpus = field(context, "num_cpus")) {
    auto cores = whole_count(*cpus, place, "num_cpus");
    if (!cores) return cores.error();
    environment.cores = *cores;
  }
  if (const json* scaling = field(context, "cpu_scaling_enabled")) {
    if (!scaling->is_boolean()) {
      return wrong_type(place, "cpu_scaling_enabled", *scaling, "true or false");
    }
    environment.cpu_scaling_enabled = scaling->get<bool>();
  }
  if (const json* build = field(context, "library_build_type")) {
    if (!build->is_string()) return wrong_type(place, "library_build_type", *build, "a string");
    environment.build_type = build->get<std::string>();
  }
  if (const json* load = field(context, "load_avg")) {
    if (!load->is_array()) return wrong_type(place, "load_avg", *load, "an array");
    for (std::size_t i = 0; i < load->size(); ++i) {
      double value = 0;
      if (!as_number((*load)[i], value)) {
        return wrong_type(place, "load_avg[" + std::to_string(i) + "]", (*load)[i], "a number");
      }
      environment.load_average.push_back(value);
    }
  }

  // Said beside the numbers, because both make them less trustworthy.
  // Google Benchmark reports how its own library was built, not the code
  // under test; Debian's package, built without NDEBUG, says "debug" too.
  if (environment.build_type == "debug") {
    result.caveats.push_back("Google Benchmark reports its library as a debug build "
                             "(library_build_type), which adds overhead to every iteration");
  }
  if (environment.cpu_scaling_enabled.value_or(false)) {
    result.caveats.push_back("CPU frequency scaling was enabled, so times may vary between runs");
  }
  return {};
}

}  // namespace

bool looks_like_gbench(const json& document) {
  if (!document.is_object()) return false;
  auto benchmarks = document.find("benchmarks");
  return benchmarks != document.end() && benchmarks->is_array();
}

// The state of one file's conversion. Groups are found by run name, since
// rows of one benchmark may be apart (aggregates after all repetitions, or
// families interleaved).
struct GbenchReader::State {
  State(std::string_view file, const json* all_rows)
      : source(file), rows(all_rows), old_names(all_rows) {}

  std::string_view source;
  const json* rows;
  Result result;
  std::vector<Group> groups;
  std::unordered_map<std::string, std::size_t, NameHash, std::equal_to<>> group_of;
  OldFormatNames old_names;
  RowFields fields;
};

GbenchReader::GbenchReader(std::string_view source, const json* rows)
    : state_(std::make_unique<State>(source, rows)) {}

GbenchReader::~GbenchReader() = default;

Status GbenchReader::read_context(const json& document) {
  return read_context_into(document, state_->source, state_->result);
}

Status GbenchReader::add_row(const json& row, std::size_t index) {
  State& state = *state_;
  if (!row.is_object()) {
    return Error(std::string(state.source) + ": benchmarks[" + std::to_string(index) + "] is " +
                 json_type_phrase(row) + ", expected an object");
  }
  RowFields& fields = state.fields;
  scan_row(row, fields);
  RowPlace place{state.source, index, {}};
  if (!fields.name) return Error(place.str() + ": no \"name\" field");
  if (!fields.name->is_string()) {
    return wrong_type(place.str(), "name", *fields.name, "a string");
  }
  place.name = fields.name->get_ref<const std::string&>();

  auto row_class = classify(fields, place.name, place, state.old_names);
  if (!row_class) return row_class.error();
  if (row_class->kind == RowKind::kIgnored) return {};

  auto found = state.group_of.find(row_class->run_name);
  if (found == state.group_of.end()) {
    Benchmark benchmark;
    benchmark.name = std::string(row_class->run_name);
    benchmark.kind = "gbench";
    benchmark.metrics = {make_time("real_time"), make_time("cpu_time")};
    found = state.group_of.emplace(benchmark.name, state.groups.size()).first;
    state.result.benchmarks.push_back(std::move(benchmark));
    state.groups.push_back({state.result.benchmarks.size() - 1, false, {}});
  }
  Group& group = state.groups[found->second];
  Benchmark& benchmark = state.result.benchmarks[group.benchmark];

  Status described = read_threads_and_label(fields, place, benchmark);
  if (!described) return described;
  if (row_class->kind == RowKind::kAggregate) {
    if (!group.has_iterations) {
      group.aggregates.push_back({row_class->aggregate, index, state.rows ? json() : row});
    }
    return {};
  }
  group.has_iterations = true;
  group.aggregates.clear();
  auto failed = read_status(fields, place, benchmark);
  if (!failed) return failed.error();
  if (*failed) return {};
  return add_iteration(fields, place, benchmark);
}

Expected<Result> GbenchReader::finish() {
  State& state = *state_;
  for (const Group& group : state.groups) {
    Status finished = finish_group(state.rows, group, state.source,
                                   state.result.benchmarks[group.benchmark], state.fields);
    if (!finished) return finished.error();
  }
  summarize(state.result);
  return std::move(state.result);
}

Expected<Result> result_from_gbench(const json& document, std::string_view source) {
  std::string file(source);
  auto rows_it = document.is_object() ? document.find("benchmarks") : document.end();
  if (!document.is_object() || rows_it == document.end()) {
    return Error(file + ": no \"benchmarks\" array: not Google Benchmark JSON output");
  }
  if (!rows_it->is_array()) return wrong_type(file, "\"benchmarks\"", *rows_it, "an array");
  const json& rows = *rows_it;

  GbenchReader reader(source, &rows);
  Status context_read = reader.read_context(document);
  if (!context_read) return context_read.error();

  for (std::size_t i = 0; i < rows.size(); ++i) {
    Status added = reader.add_row(rows[i], i);
    if (!added) return added.error();
  }
  return reader.finish();
}

}  // namespace perfgate
