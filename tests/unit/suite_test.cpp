// load_suite on real files: exact values for valid suites, exact messages for
// every way a suite file can be wrong.
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <catch2/catch.hpp>

#include "suite/suite.h"
#include "temp_folder.h"

namespace perfgate {
namespace {

// The message load_suite gives for `text`, with the temporary path replaced
// by "perfgate.toml" so the expectations read like what a user sees.
std::string error_for(const std::string& text) {
  TempFolder folder;
  std::string file = folder.write("perfgate.toml", text);
  Expected<Suite> suite = load_suite(file);
  if (suite) return "(no error)";

  std::string message = suite.error().message();
  CHECK(suite.error().kind() == ErrorKind::kInput);
  for (std::size_t at = message.find(file); at != std::string::npos; at = message.find(file)) {
    message.replace(at, file.size(), "perfgate.toml");
  }
  return message;
}

const std::string kSuite = "[suite]\nname = \"core\"\n";

std::string gbench_entry(const std::string& extra) {
  return kSuite + "[[entry]]\nname = \"parsers\"\nkind = \"gbench\"\nbinary = \"b\"\n" + extra;
}

}  // namespace

TEST_CASE("a complete suite file gives exactly its values", "[suite]") {
  TempFolder folder;
  std::string file = folder.write("perfgate.toml", R"(
[suite]
name = "core-2.x_y"

[[entry]]
name = "parsers"
kind = "gbench"
binary = "build/bench/parse_bench"
args = ["--benchmark_enable_random_interleaving=true", "--v=0"]
filter = "BM_Parse"
repetitions = 12
min_time = "0.05s"
timeout = "10m"

[[entry]]
name = "legacy"
kind = "import"
path = "/srv/results/legacy.json"
format = "gbench"

[thresholds]
default = "7.5%"
alpha = 0.01
"BM_Zeta*" = 0.2
"BM_Noisy*" = "15%"
"BM_A?" = "1%"

[thresholds.metric]
cpu_time = "8%"
items_per_second = 0.1
)");

  Expected<Suite> loaded = load_suite(file);
  REQUIRE(loaded);
  const Suite& suite = *loaded;
  CHECK(suite.name == "core-2.x_y");
  CHECK(suite.file == file);
  REQUIRE(suite.entries.size() == 2);

  const SuiteEntry& parsers = suite.entries[0];
  CHECK(parsers.name == "parsers");
  CHECK(parsers.kind == EntryKind::kGbench);
  CHECK(parsers.binary == (folder.path() / "build/bench/parse_bench").string());
  CHECK(parsers.args ==
        std::vector<std::string>{"--benchmark_enable_random_interleaving=true", "--v=0"});
  CHECK(parsers.filter == "BM_Parse");
  CHECK(parsers.repetitions == 12);
  REQUIRE(parsers.min_time_s);
  CHECK(*parsers.min_time_s == 0.05);
  REQUIRE(parsers.timeout_s);
  CHECK(*parsers.timeout_s == 600);

  const SuiteEntry& legacy = suite.entries[1];
  CHECK(legacy.name == "legacy");
  CHECK(legacy.kind == EntryKind::kImport);
  CHECK(legacy.path == "/srv/results/legacy.json");
  CHECK(legacy.format == "gbench");
  CHECK(legacy.binary.empty());

  // Thresholds keep the file's order, not toml++'s alphabetical one, because
  // the last matching glob wins.
  CHECK(suite.policy.default_threshold == 0.075);
  CHECK(suite.policy.alpha == 0.01);
  using Rules = std::vector<std::pair<std::string, double>>;
  CHECK(suite.policy.benchmark_thresholds ==
        Rules{{"BM_Zeta*", 0.2}, {"BM_Noisy*", 0.15}, {"BM_A?", 0.01}});
  CHECK(suite.policy.metric_thresholds == Rules{{"cpu_time", 0.08}, {"items_per_second", 0.1}});
}

TEST_CASE("a minimal suite file gets the documented defaults", "[suite]") {
  TempFolder folder;
  std::string file = folder.write("perfgate.toml", kSuite + R"(
[[entry]]
name = "parsers"
binary = "parse_bench"

[[entry]]
name = "legacy"
kind = "import"
path = "results/legacy.json"
)");

  Expected<Suite> suite = load_suite(file);
  REQUIRE(suite);
  REQUIRE(suite->entries.size() == 2);
  const SuiteEntry& parsers = suite->entries[0];
  CHECK(parsers.kind == EntryKind::kGbench);
  CHECK(parsers.binary == (folder.path() / "parse_bench").string());
  CHECK(parsers.args.empty());
  CHECK(parsers.filter.empty());
  CHECK(parsers.repetitions == 10);
  CHECK_FALSE(parsers.min_time_s);
  CHECK_FALSE(parsers.timeout_s);
  CHECK(suite->entries[1].path == (folder.path() / "results/legacy.json").string());
  CHECK(suite->entries[1].format.empty());
  CHECK(suite->policy.default_threshold == 0.05);
  CHECK(suite->policy.alpha == 0.05);
  CHECK(suite->policy.benchmark_thresholds.empty());
  CHECK(suite->policy.metric_thresholds.empty());
}

TEST_CASE("a suite file without entries is valid", "[suite]") {
  TempFolder folder;
  Expected<Suite> suite = load_suite(folder.write("perfgate.toml", kSuite));
  REQUIRE(suite);
  CHECK(suite->name == "core");
  CHECK(suite->entries.empty());
}

TEST_CASE("a relative suite path keeps entry paths relative", "[suite]") {
  TempFolder folder;
  folder.write("perfgate.toml", gbench_entry(""));
  std::filesystem::path before = std::filesystem::current_path();
  std::filesystem::current_path(folder.path());

  Expected<Suite> here = load_suite("perfgate.toml");
  std::filesystem::create_directory("sub");
  std::filesystem::copy_file("perfgate.toml", "sub/perfgate.toml");
  Expected<Suite> below = load_suite("sub/perfgate.toml");
  std::filesystem::current_path(before);

  REQUIRE(here);
  CHECK(here->entries[0].binary == "b");
  REQUIRE(below);
  CHECK(below->entries[0].binary == "sub/b");
}

TEST_CASE("durations take a unit or a plain number of seconds", "[suite]") {
  auto timeout_of = [](const std::string& value) {
    TempFolder folder;
    Expected<Suite> suite =
        load_suite(folder.write("perfgate.toml", gbench_entry("timeout = " + value + "\n")));
    REQUIRE(suite);
    REQUIRE(suite->entries[0].timeout_s);
    return *suite->entries[0].timeout_s;
  };

  CHECK(timeout_of("\"250ms\"") == 0.25);
  CHECK(timeout_of("\"1.5s\"") == 1.5);
  CHECK(timeout_of("\"2m\"") == 120);
  CHECK(timeout_of("\"1h\"") == 3600);
  CHECK(timeout_of("\"3 s\"") == 3);
  CHECK(timeout_of("0.05") == 0.05);
  CHECK(timeout_of("7") == 7);
}

TEST_CASE("a missing or unreadable suite file says how to fix it", "[suite]") {
  Expected<Suite> missing = load_suite("/nonexistent/perfgate.toml");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message() ==
        "cannot read suite file /nonexistent/perfgate.toml: No such file or directory (run "
        "from the folder that holds it, or pass --suite PATH)");

  TempFolder folder;
  Expected<Suite> directory = load_suite(folder.path().string());
  REQUIRE_FALSE(directory);
  CHECK(directory.error().message() ==
        "cannot read suite file " + folder.path().string() + ": is a directory, expected a file");
}

TEST_CASE("a TOML syntax error gives the line and column", "[suite]") {
  CHECK(error_for("[suite]\nname = \n") ==
        "perfgate.toml: invalid TOML at line 2, column 8: error while parsing key-value pair: "
        "expected value, saw '\\n'");
  CHECK(error_for("[suite]\nname = \"a\"\n\n[[entry]\nname = \"x\"\n") ==
        "perfgate.toml: invalid TOML at line 4, column 9: error while parsing table header: "
        "expected ']', saw '\\n'");
  CHECK(error_for("[suite]\nname = \"a\"\nname = \"b\"\n") ==
        "perfgate.toml: invalid TOML at line 3, column 8: error while parsing key-value pair: "
        "cannot redefine existing string 'name'");
}

TEST_CASE("unknown keys are errors with a suggestion", "[suite]") {
  CHECK(error_for(gbench_entry("repetiton = 30\n")) ==
        "perfgate.toml: entry[1] (\"parsers\"): unknown key 'repetiton', did you mean "
        "'repetitions'?");
  CHECK(error_for(gbench_entry("colour = \"red\"\n")) ==
        "perfgate.toml: entry[1] (\"parsers\"): unknown key 'colour'; expected one of name, "
        "kind, binary, args, filter, repetitions, min_time, timeout");
  CHECK(error_for("[suite]\nnmae = \"core\"\n") ==
        "perfgate.toml: suite: unknown key 'nmae', did you mean 'name'?");
  CHECK(error_for(kSuite + "[thresold]\ndefault = \"5%\"\n") ==
        "perfgate.toml: unknown key 'thresold', did you mean 'thresholds'?");
  CHECK(error_for(kSuite + "[[entries]]\nname = \"x\"\n") ==
        "perfgate.toml: unknown key 'entries'; expected one of suite, entry, thresholds");
  CHECK(error_for(kSuite + "[thresholds]\ndefualt = \"5%\"\n") ==
        "perfgate.toml: thresholds: unknown key 'defualt', did you mean 'default'?");
}

TEST_CASE("a top-level key written after [suite] is caught as a key of [suite]", "[suite]") {
  CHECK(error_for(kSuite + "thresholds = 5\n") ==
        "perfgate.toml: suite: unknown key 'thresholds'; expected one of name");
}

TEST_CASE("the first problem in file order is the one reported", "[suite]") {
  CHECK(error_for(gbench_entry("zzz = 1\naaa = 2\n")) ==
        "perfgate.toml: entry[1] (\"parsers\"): unknown key 'zzz'; expected one of name, "
        "kind, binary, args, filter, repetitions, min_time, timeout");
}

TEST_CASE("a key of the other kind names the kind it belongs to", "[suite]") {
  CHECK(error_for(gbench_entry("path = \"x.json\"\n")) ==
        "perfgate.toml: entry[1] (\"parsers\"): path applies to kind \"import\" only, and "
        "this entry is kind \"gbench\"");
  CHECK(error_for(kSuite + "[[entry]]\nname = \"legacy\"\npath = \"x.json\"\n") ==
        "perfgate.toml: entry[1] (\"legacy\"): path applies to kind \"import\" only, and "
        "this entry is kind \"gbench\" (the default; set kind = \"import\")");
  CHECK(error_for(kSuite + "[[entry]]\nname = \"legacy\"\nkind = \"import\"\n"
                           "path = \"x\"\nrepetitions = 3\n") ==
        "perfgate.toml: entry[1] (\"legacy\"): repetitions applies to kind \"gbench\" only, "
        "and this entry is kind \"import\"");
}

TEST_CASE("wrong types name the key, the expected type and the actual one", "[suite]") {
  CHECK(error_for(gbench_entry("repetitions = \"ten\"\n")) ==
        "perfgate.toml: entry[1] (\"parsers\"): repetitions must be an integer, got a string");
  CHECK(error_for(gbench_entry("repetitions = 10.0\n")) ==
        "perfgate.toml: entry[1] (\"parsers\"): repetitions must be an integer, got a float");
  CHECK(error_for(gbench_entry("args = \"--x\"\n")) ==
        "perfgate.toml: entry[1] (\"parsers\"): args must be an array of strings, got a string");
  CHECK(error_for(gbench_entry("args = [\"--x\", 3]\n")) ==
        "perfgate.toml: entry[1] (\"parsers\"): args[2] must be a string, got an integer");
  CHECK(error_for(gbench_entry("filter = true\n")) ==
        "perfgate.toml: entry[1] (\"parsers\"): filter must be a string, got a boolean");
  CHECK(error_for(kSuite + "[[entry]]\nname = 7\n") ==
        "perfgate.toml: entry[1]: name must be a string, got an integer");
  CHECK(error_for("suite = \"core\"\n") ==
        "perfgate.toml: suite must be a table ([suite]), got a string");
  CHECK(error_for(kSuite + "[entry]\nname = \"x\"\n") ==
        "perfgate.toml: entry must be an array of tables ([[entry]]), got a table; write "
        "[[entry]], not [entry]");
  CHECK(error_for("thresholds = 5\n" + kSuite) ==
        "perfgate.toml: thresholds must be a table ([thresholds]), got an integer");
  CHECK(error_for(kSuite + "[thresholds]\nalpha = \"5%\"\n") ==
        "perfgate.toml: thresholds: alpha must be a number, got a string");
  CHECK(error_for(kSuite + "[thresholds]\nmetric = \"5%\"\n") ==
        "perfgate.toml: thresholds.metric: metric must be a table of metric names and "
        "thresholds, got a string");
  CHECK(error_for(kSuite + "[thresholds]\n\"BM_*\" = true\n") ==
        "perfgate.toml: thresholds: \"BM_*\" must be a threshold such as \"5%\" or 0.05, got "
        "a boolean");
  CHECK(error_for(kSuite + "[thresholds.BM_x]\ncpu_time = \"5%\"\n") ==
        "perfgate.toml: thresholds: \"BM_x\" must be a threshold such as \"5%\" or 0.05, got "
        "a table (per-metric thresholds go in [thresholds.metric])");
}

TEST_CASE("required keys are named when missing", "[suite]") {
  CHECK(error_for("") ==
        "perfgate.toml: suite: name is required (it names the baseline file "
        "baselines/<name>.json)");
  CHECK(error_for("[suite]\n") ==
        "perfgate.toml: suite: name is required (it names the baseline file "
        "baselines/<name>.json)");
  CHECK(error_for(kSuite + "[[entry]]\nbinary = \"b\"\n") ==
        "perfgate.toml: entry[1]: name is required");
  CHECK(error_for(kSuite + "[[entry]]\nname = \"parsers\"\n") ==
        "perfgate.toml: entry[1] (\"parsers\"): binary is required for kind \"gbench\"");
  CHECK(error_for(kSuite + "[[entry]]\nname = \"legacy\"\nkind = \"import\"\n") ==
        "perfgate.toml: entry[1] (\"legacy\"): path is required for kind \"import\"");
  CHECK(error_for(kSuite + "[[entry]]\nname = \"\"\nbinary = \"b\"\n") ==
        "perfgate.toml: entry[1]: name must not be empty");
  CHECK(error_for(kSuite + "[[entry]]\nname = \"parsers\"\nbinary = \"\"\n") ==
        "perfgate.toml: entry[1] (\"parsers\"): binary must not be empty");
}

TEST_CASE("names are checked", "[suite]") {
  CHECK(error_for("[suite]\nname = \"my suite\"\n") ==
        "perfgate.toml: suite: name must use only letters, digits, '-', '_' and '.', got \"my "
        "suite\"");
  CHECK(error_for("[suite]\nname = \"../x\"\n") ==
        "perfgate.toml: suite: name must use only letters, digits, '-', '_' and '.', got "
        "\"../x\"");
  CHECK(error_for("[suite]\nname = \"..\"\n") ==
        "perfgate.toml: suite: name must not start with '.', got \"..\"");
  CHECK(error_for(gbench_entry("[[entry]]\nname = \"other\"\nbinary = \"c\"\n"
                               "[[entry]]\nname = \"parsers\"\nbinary = \"d\"\n")) ==
        "perfgate.toml: entry[3]: name \"parsers\" is already used by entry[1]");
}

TEST_CASE("kinds that are planned or unknown are errors", "[suite]") {
  auto with_kind = [](const std::string& kind) {
    return error_for(kSuite + "[[entry]]\nname = \"api\"\nkind = \"" + kind + "\"\n");
  };
  CHECK(with_kind("http") ==
        "perfgate.toml: entry[1] (\"api\"): kind \"http\" is not supported yet by this "
        "version of perfgate");
  CHECK(with_kind("command") ==
        "perfgate.toml: entry[1] (\"api\"): kind \"command\" is not supported yet by this "
        "version of perfgate");
  CHECK(with_kind("gbnch") ==
        "perfgate.toml: entry[1] (\"api\"): unknown kind \"gbnch\", did you mean \"gbench\"?");
  CHECK(with_kind("shell") ==
        "perfgate.toml: entry[1] (\"api\"): unknown kind \"shell\"; expected \"gbench\" or "
        "\"import\"");
  CHECK(error_for(kSuite +
                  "[[entry]]\nname = \"l\"\nkind = \"import\"\npath = \"x\"\nformat = \"k6\"\n") ==
        "perfgate.toml: entry[1] (\"l\"): unknown format \"k6\"; expected \"gbench\" or "
        "\"perfgate\"");
}

TEST_CASE("repetitions must be between 1 and 10000", "[suite]") {
  CHECK(error_for(gbench_entry("repetitions = 0\n")) ==
        "perfgate.toml: entry[1] (\"parsers\"): repetitions must be between 1 and 10000, got 0");
  CHECK(error_for(gbench_entry("repetitions = 10001\n")) ==
        "perfgate.toml: entry[1] (\"parsers\"): repetitions must be between 1 and 10000, got "
        "10001");
  CHECK(error_for(gbench_entry("repetitions = 10000\n")) == "(no error)");
}

TEST_CASE("bad durations say what a duration looks like", "[suite]") {
  CHECK(error_for(gbench_entry("timeout = \"5 minutes\"\n")) ==
        "perfgate.toml: entry[1] (\"parsers\"): timeout must be a duration (\"250ms\", "
        "\"1.5s\", \"2m\", \"1h\") or a number of seconds, got \"5 minutes\"");
  CHECK(error_for(gbench_entry("min_time = \"0.5\"\n")) ==
        "perfgate.toml: entry[1] (\"parsers\"): min_time must be a duration (\"250ms\", "
        "\"1.5s\", \"2m\", \"1h\") or a number of seconds, got \"0.5\"");
  CHECK(error_for(gbench_entry("min_time = true\n")) ==
        "perfgate.toml: entry[1] (\"parsers\"): min_time must be a duration (\"250ms\", "
        "\"1.5s\", \"2m\", \"1h\") or a number of seconds, got a boolean");
  CHECK(error_for(gbench_entry("timeout = \"0s\"\n")) ==
        "perfgate.toml: entry[1] (\"parsers\"): timeout must be greater than 0, got \"0s\"");
  CHECK(error_for(gbench_entry("timeout = -1\n")) ==
        "perfgate.toml: entry[1] (\"parsers\"): timeout must be greater than 0, got -1");
  CHECK(error_for(gbench_entry("timeout = inf\n")) ==
        "perfgate.toml: entry[1] (\"parsers\"): timeout must be finite, got inf");
}

TEST_CASE("bad thresholds and alphas say what is expected", "[suite]") {
  CHECK(error_for(kSuite + "[thresholds]\ndefault = \"five\"\n") ==
        "perfgate.toml: thresholds: default: \"five\" is not a threshold: expected a "
        "percentage like \"5%\" or a fraction like 0.05");
  CHECK(error_for(kSuite + "[thresholds]\ndefault = 5\n") ==
        "perfgate.toml: thresholds: default: \"5\" is not a threshold: a bare number is a "
        "fraction (0.05 is 5%); write \"5%\" for a percentage");
  CHECK(error_for(kSuite + "[thresholds]\n\"BM_Noisy*\" = \"-3%\"\n") ==
        "perfgate.toml: thresholds: \"BM_Noisy*\": \"-3%\" is not a threshold: a threshold "
        "cannot be negative");
  CHECK(error_for(kSuite + "[thresholds.metric]\ncpu_time = \"x\"\n") ==
        "perfgate.toml: thresholds.metric: cpu_time: \"x\" is not a threshold: expected a "
        "percentage like \"5%\" or a fraction like 0.05");
  CHECK(error_for(kSuite + "[thresholds]\nalpha = 0\n") ==
        "perfgate.toml: thresholds: alpha must be greater than 0 and at most 0.5, got 0");
  CHECK(error_for(kSuite + "[thresholds]\nalpha = 0.7\n") ==
        "perfgate.toml: thresholds: alpha must be greater than 0 and at most 0.5, got 0.7");
  CHECK(error_for(kSuite + "[thresholds]\nalpha = 0.5\n") == "(no error)");
}

TEST_CASE("arguments that perfgate sets itself are refused", "[suite]") {
  CHECK(error_for(gbench_entry("args = [\"--benchmark_out=x.json\"]\n")) ==
        "perfgate.toml: entry[1] (\"parsers\"): args[1] \"--benchmark_out=x.json\" is set by "
        "perfgate itself; remove it");
  CHECK(error_for(gbench_entry("args = [\"--v=1\", \"--benchmark_repetitions=3\"]\n")) ==
        "perfgate.toml: entry[1] (\"parsers\"): args[2] \"--benchmark_repetitions=3\" clashes "
        "with repetitions; use repetitions = N instead");
  CHECK(error_for(gbench_entry("filter = \"A\"\nargs = [\"--benchmark_filter=B\"]\n")) ==
        "perfgate.toml: entry[1] (\"parsers\"): args[1] \"--benchmark_filter=B\" clashes with "
        "filter; set the filter in one place");
  CHECK(error_for(gbench_entry("min_time = 1\nargs = [\"--benchmark_min_time=2\"]\n")) ==
        "perfgate.toml: entry[1] (\"parsers\"): args[1] \"--benchmark_min_time=2\" clashes "
        "with min_time; set it in one place");
  CHECK(error_for(gbench_entry("args = [\"--benchmark_filter=B\", "
                               "\"--benchmark_output_extra=1\"]\n")) == "(no error)");
}

}  // namespace perfgate
