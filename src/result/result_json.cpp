#include "result/result_json.h"

#include <cmath>
#include <limits>
#include <unordered_set>

#include <nlohmann/json.hpp>

namespace perfgate {
namespace {

using nlohmann::json;

// JSON has no NaN or infinity; Google Benchmark writes them bare, which is
// not JSON at all. A Result spells them as strings so it stays valid JSON.
json number_to_json(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  return value;
}

json summary_to_json(const Summary& summary) {
  return {{"mean", number_to_json(summary.mean)},
          {"median", number_to_json(summary.median)},
          {"stddev", number_to_json(summary.stddev)},
          {"min", number_to_json(summary.min)},
          {"max", number_to_json(summary.max)},
          {"count", summary.count}};
}

json metric_to_json(const Metric& metric) {
  json samples = json::array();
  for (double value : metric.samples) samples.push_back(number_to_json(value));
  return {{"name", metric.name},
          {"unit", metric.unit},
          {"better", metric.better == Better::kLower ? "lower" : "higher"},
          {"samples", std::move(samples)},
          {"summary", summary_to_json(metric.summary)}};
}

std::string_view status_name(BenchmarkStatus status) {
  switch (status) {
    case BenchmarkStatus::kOk: return "ok";
    case BenchmarkStatus::kError: return "error";
    case BenchmarkStatus::kSkipped: return "skipped";
  }
  return "ok";
}

json benchmark_to_json(const Benchmark& benchmark) {
  json metrics = json::array();
  for (const Metric& metric : benchmark.metrics) metrics.push_back(metric_to_json(metric));
  return {{"name", benchmark.name},   {"kind", benchmark.kind},
          {"entry", benchmark.entry}, {"label", benchmark.label},
          {"status", status_name(benchmark.status)},
          {"message", benchmark.message},
          {"threads", benchmark.threads},
          {"metrics", std::move(metrics)}};
}

json git_to_json(const GitInfo& git) {
  json out = {{"commit", nullptr}, {"branch", git.branch}, {"dirty", git.dirty},
              {"commit_time_s", nullptr}, {"subject", git.subject},
              {"source", git.source}, {"merge_parents", git.merge_parents},
              {"shallow", git.shallow}};
  if (git.commit) out["commit"] = *git.commit;
  if (git.commit_time_s) out["commit_time_s"] = *git.commit_time_s;
  return out;
}

json environment_to_json(const Environment& environment) {
  json out = {{"host", environment.host},       {"cpu_model", environment.cpu_model},
              {"cores", environment.cores},     {"os", environment.os},
              {"compiler", environment.compiler},
              {"build_type", environment.build_type},
              {"cpu_scaling_enabled", nullptr},
              {"load_average", environment.load_average}};
  if (environment.cpu_scaling_enabled) {
    out["cpu_scaling_enabled"] = *environment.cpu_scaling_enabled;
  }
  return out;
}

// Reads fields out of one JSON object, remembering where it is in the
// document so every error names the exact place ("benchmarks[2].metrics[0]").
class FieldReader {
 public:
  FieldReader(const json& object, std::string where) : object_(object), where_(std::move(where)) {}

  Expected<std::string> string(const char* key, bool required = true) const {
    const json* value = find(key);
    if (!value) return required ? missing(key) : Expected<std::string>(std::string());
    if (!value->is_string()) return wrong_type(key, "a string", *value);
    return value->get<std::string>();
  }

  Expected<double> number(const char* key) const {
    const json* value = find(key);
    if (!value) return missing(key);
    return number_at(*value, key);
  }

  Expected<std::int64_t> integer(const char* key, bool required = true) const {
    const json* value = find(key);
    if (!value) return required ? missing(key) : Expected<std::int64_t>(std::int64_t{0});
    if (!value->is_number_integer()) return wrong_type(key, "an integer", *value);
    return value->get<std::int64_t>();
  }

  Expected<bool> boolean(const char* key) const {
    const json* value = find(key);
    if (!value) return false;
    if (!value->is_boolean()) return wrong_type(key, "true or false", *value);
    return value->get<bool>();
  }

  Expected<const json*> array(const char* key, bool required = true) const {
    const json* value = find(key);
    if (!value) return required ? missing(key) : Expected<const json*>(nullptr);
    if (!value->is_array()) return wrong_type(key, "an array", *value);
    return value;
  }

  Expected<const json*> object(const char* key) const {
    const json* value = find(key);
    if (!value) return missing(key);
    if (!value->is_object()) return wrong_type(key, "an object", *value);
    return value;
  }

  /// Whether `key` is present and not null. Only the fields the format
  /// documents as nullable are asked this way; elsewhere null is a wrong type.
  bool has(const char* key) const {
    const json* value = find(key);
    return value && !value->is_null();
  }

  Expected<double> number_at(const json& value, const std::string& what) const {
    if (value.is_number()) return value.get<double>();
    if (value.is_string()) {
      const std::string& text = value.get_ref<const std::string&>();
      if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
      if (text == "Infinity") return std::numeric_limits<double>::infinity();
      if (text == "-Infinity") return -std::numeric_limits<double>::infinity();
    }
    return Error(where_ + ": " + what + " is " + json_type_phrase(value) + ", expected a number");
  }

  const std::string& where() const { return where_; }

 private:
  const json* find(const char* key) const {
    auto it = object_.find(key);
    return it == object_.end() ? nullptr : &*it;
  }

  Error missing(const char* key) const {
    return Error(where_ + ": missing required field \"" + key + "\"");
  }

  Error wrong_type(const char* key, const char* expected, const json& value) const {
    return Error(where_ + ": " + key + " is " + json_type_phrase(value) + ", expected " + expected);
  }

  const json& object_;
  std::string where_;
};

// Propagates an error from an Expected expression, else yields its value.
#define PERFGATE_TRY(target, expression)      \
  auto target##_or = (expression);            \
  if (!target##_or) return target##_or.error(); \
  auto target = std::move(*target##_or)

Expected<Summary> summary_from_json(const json& value, const std::string& where) {
  if (!value.is_object()) return Error(where + ": summary must be an object");
  FieldReader reader(value, where);
  Summary summary;
  PERFGATE_TRY(mean_value, reader.number("mean"));
  PERFGATE_TRY(median_value, reader.number("median"));
  PERFGATE_TRY(stddev_value, reader.number("stddev"));
  PERFGATE_TRY(min_value, reader.number("min"));
  PERFGATE_TRY(max_value, reader.number("max"));
  PERFGATE_TRY(count_value, reader.integer("count"));
  if (count_value < 0) return Error(where + ": count must not be negative");
  if (stddev_value < 0) return Error(where + ": stddev must not be negative");
  summary = {mean_value, median_value, stddev_value, min_value, max_value,
             static_cast<std::size_t>(count_value)};
  return summary;
}

Expected<Metric> metric_from_json(const json& value, const std::string& where) {
  if (!value.is_object()) return Error(where + ": must be an object");
  FieldReader reader(value, where);
  Metric metric;
  PERFGATE_TRY(name, reader.string("name"));
  PERFGATE_TRY(unit, reader.string("unit", false));
  PERFGATE_TRY(better, reader.string("better"));
  if (better != "lower" && better != "higher") {
    return Error(where + ": better is \"" + better + "\", expected \"lower\" or \"higher\"");
  }
  metric.name = std::move(name);
  metric.unit = std::move(unit);
  metric.better = better == "lower" ? Better::kLower : Better::kHigher;

  PERFGATE_TRY(samples, reader.array("samples", false));
  if (samples) {
    for (std::size_t i = 0; i < samples->size(); ++i) {
      std::string what = "samples[" + std::to_string(i) + "]";
      PERFGATE_TRY(sample, reader.number_at((*samples)[i], what));
      if (metric.unit == "ns" && sample < 0) {
        return Error(where + ": " + what + " is " + (*samples)[i].dump() +
                     ", but a time cannot be negative");
      }
      metric.samples.push_back(sample);
    }
  }

  if (reader.has("summary")) {
    PERFGATE_TRY(summary, summary_from_json(value["summary"], where + ".summary"));
    metric.summary = summary;
  } else if (metric.samples.empty()) {
    return Error(where + ": has neither samples nor a summary");
  }
  return metric;
}

Expected<BenchmarkStatus> status_from_name(const std::string& name, const std::string& where) {
  if (name.empty() || name == "ok") return BenchmarkStatus::kOk;
  if (name == "error") return BenchmarkStatus::kError;
  if (name == "skipped") return BenchmarkStatus::kSkipped;
  return Error(where + ": status is \"" + name + "\", expected \"ok\", \"error\" or \"skipped\"");
}

Expected<Benchmark> benchmark_from_json(const json& value, const std::string& where) {
  if (!value.is_object()) return Error(where + ": must be an object");
  FieldReader reader(value, where);
  Benchmark benchmark;
  PERFGATE_TRY(name, reader.string("name"));
  std::string named = where + " (\"" + name + "\")";
  FieldReader named_reader(value, named);
  PERFGATE_TRY(kind, named_reader.string("kind", false));
  PERFGATE_TRY(entry, named_reader.string("entry", false));
  PERFGATE_TRY(label, named_reader.string("label", false));
  PERFGATE_TRY(status_text, named_reader.string("status", false));
  PERFGATE_TRY(status, status_from_name(status_text, named));
  PERFGATE_TRY(message, named_reader.string("message", false));
  PERFGATE_TRY(threads, named_reader.integer("threads", false));
  benchmark = {std::move(name), std::move(kind), std::move(entry), std::move(label), status,
               std::move(message), threads > 0 ? static_cast<int>(threads) : 1, {}};

  PERFGATE_TRY(metrics, named_reader.array("metrics"));
  for (std::size_t i = 0; i < metrics->size(); ++i) {
    PERFGATE_TRY(metric,
                 metric_from_json((*metrics)[i], named + ".metrics[" + std::to_string(i) + "]"));
    if (benchmark.find_metric(metric.name)) {
      return Error(named + ": metric \"" + metric.name + "\" appears twice");
    }
    benchmark.metrics.push_back(std::move(metric));
  }
  return benchmark;
}

Expected<GitInfo> git_from_json(const json& value, const std::string& where) {
  FieldReader reader(value, where);
  GitInfo git;
  if (reader.has("commit")) {
    PERFGATE_TRY(commit, reader.string("commit"));
    if (commit.empty()) return Error(where + ": commit is empty; write null for no commit");
    git.commit = commit;
  }
  PERFGATE_TRY(branch, reader.string("branch", false));
  PERFGATE_TRY(dirty, reader.boolean("dirty"));
  PERFGATE_TRY(subject, reader.string("subject", false));
  PERFGATE_TRY(source, reader.string("source", false));
  PERFGATE_TRY(shallow, reader.boolean("shallow"));
  git.branch = std::move(branch);
  git.dirty = dirty;
  git.subject = std::move(subject);
  git.source = source.empty() ? "none" : std::move(source);
  git.shallow = shallow;
  if (reader.has("commit_time_s")) {
    PERFGATE_TRY(commit_time_s, reader.integer("commit_time_s"));
    git.commit_time_s = commit_time_s;
  }
  PERFGATE_TRY(parents, reader.array("merge_parents", false));
  if (parents) {
    for (const json& parent : *parents) {
      if (!parent.is_string()) return Error(where + ": merge_parents must hold strings");
      git.merge_parents.push_back(parent.get<std::string>());
    }
  }
  return git;
}

Expected<Environment> environment_from_json(const json& value, const std::string& where) {
  FieldReader reader(value, where);
  Environment environment;
  PERFGATE_TRY(host, reader.string("host", false));
  PERFGATE_TRY(cpu_model, reader.string("cpu_model", false));
  PERFGATE_TRY(cores, reader.integer("cores", false));
  PERFGATE_TRY(os, reader.string("os", false));
  PERFGATE_TRY(compiler, reader.string("compiler", false));
  PERFGATE_TRY(build_type, reader.string("build_type", false));
  environment = {std::move(host), std::move(cpu_model), static_cast<int>(cores), std::move(os),
                 std::move(compiler), std::move(build_type), std::nullopt, {}};
  if (reader.has("cpu_scaling_enabled")) {
    PERFGATE_TRY(scaling, reader.boolean("cpu_scaling_enabled"));
    environment.cpu_scaling_enabled = scaling;
  }
  PERFGATE_TRY(load, reader.array("load_average", false));
  if (load) {
    for (std::size_t i = 0; i < load->size(); ++i) {
      PERFGATE_TRY(average, reader.number_at((*load)[i], "load_average"));
      environment.load_average.push_back(average);
    }
  }
  return environment;
}

}  // namespace

std::string json_type_phrase(const json& value) {
  if (value.is_null()) return "null";
  std::string name = value.type_name();
  bool vowel = name.find_first_of("aeiou") == 0;
  return (vowel ? "an " : "a ") + name;
}

json result_to_json(const Result& result) {
  json benchmarks = json::array();
  for (const Benchmark& benchmark : result.benchmarks) {
    benchmarks.push_back(benchmark_to_json(benchmark));
  }
  return {{"schema", result.schema},
          {"tool_version", result.tool_version},
          {"suite", result.suite},
          {"git", git_to_json(result.git)},
          {"environment", environment_to_json(result.environment)},
          {"start_time", result.start_time},
          {"end_time", result.end_time},
          {"caveats", result.caveats},
          {"benchmarks", std::move(benchmarks)}};
}

std::string result_to_text(const Result& result) {
  // Replacing invalid UTF-8 rather than throwing: a benchmark name is
  // whatever bytes a binary printed, and losing a run over one is worse.
  return result_to_json(result).dump(1, '\t', false, json::error_handler_t::replace) + "\n";
}

bool looks_like_result(const json& document) {
  if (!document.is_object()) return false;
  auto schema = document.find("schema");
  return schema != document.end() && schema->is_string() &&
         schema->get_ref<const std::string&>().starts_with("perfgate/result/");
}

Expected<Result> result_from_json(const json& document, std::string_view source) {
  std::string where(source);
  if (!document.is_object()) return Error(where + ": not a perfgate Result (not an object)");
  FieldReader reader(document, where);
  PERFGATE_TRY(schema, reader.string("schema"));
  if (!schema.starts_with("perfgate/result/")) {
    return Error(where + ": schema \"" + schema + "\" is not a perfgate Result schema (\"" +
                 std::string(kResultSchema) + "\")");
  }
  if (schema != kResultSchema) {
    return Error(where + ": schema \"" + schema + "\" is not understood by perfgate " +
                 PERFGATE_VERSION + ", which reads \"" + std::string(kResultSchema) +
                 "\" (upgrade perfgate to read newer results)");
  }

  Result result;
  PERFGATE_TRY(tool_version, reader.string("tool_version", false));
  PERFGATE_TRY(suite, reader.string("suite", false));
  PERFGATE_TRY(start_time, reader.string("start_time", false));
  PERFGATE_TRY(end_time, reader.string("end_time", false));
  result.tool_version = std::move(tool_version);
  result.suite = std::move(suite);
  result.start_time = std::move(start_time);
  result.end_time = std::move(end_time);

  if (reader.has("git")) {
    PERFGATE_TRY(git_object, reader.object("git"));
    PERFGATE_TRY(git, git_from_json(*git_object, where + ": git"));
    result.git = std::move(git);
  }
  if (reader.has("environment")) {
    PERFGATE_TRY(environment_object, reader.object("environment"));
    PERFGATE_TRY(environment, environment_from_json(*environment_object, where + ": environment"));
    result.environment = std::move(environment);
  }
  PERFGATE_TRY(caveats, reader.array("caveats", false));
  if (caveats) {
    for (const json& caveat : *caveats) {
      if (!caveat.is_string()) return Error(where + ": caveats must hold strings");
      result.caveats.push_back(caveat.get<std::string>());
    }
  }

  PERFGATE_TRY(benchmarks, reader.array("benchmarks"));
  std::unordered_set<std::string> seen_names;
  for (std::size_t i = 0; i < benchmarks->size(); ++i) {
    std::string at = where + ": benchmarks[" + std::to_string(i) + "]";
    PERFGATE_TRY(benchmark, benchmark_from_json((*benchmarks)[i], at));
    if (!seen_names.insert(benchmark.name).second) {
      return Error(at + ": benchmark \"" + benchmark.name + "\" appears twice");
    }
    result.benchmarks.push_back(std::move(benchmark));
  }
  summarize(result);
  return result;
}

}  // namespace perfgate
