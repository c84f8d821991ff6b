// Rendering: exact text of small comparisons in every format, and names
// that try to break out of a table or a workflow command.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/format.h"
#include "report/report.h"

using namespace perfgate;

namespace {

MetricComparison row_of(std::string benchmark, Verdict verdict, std::optional<double> baseline,
                        std::optional<double> current, std::optional<double> change,
                        std::optional<double> p_value = std::nullopt) {
  MetricComparison row;
  row.benchmark = std::move(benchmark);
  row.metric = "real_time";
  row.unit = "ns";
  row.baseline = baseline;
  row.current = current;
  row.change = change;
  row.p_value = p_value;
  row.threshold = 0.05;
  row.verdict = verdict;
  row.evidence = p_value ? Evidence::kMannWhitneyU : Evidence::kNone;
  return row;
}

/// A regression, an improvement and a new benchmark, with one geomean.
Comparison small_comparison() {
  Comparison comparison;
  comparison.rows.push_back(
      row_of("BM_Sort/1024", Verdict::kRegressed, 1.234e6, 1.42e6, 0.1507, 0.0003));
  comparison.rows.back().reason = "slower";
  comparison.rows.push_back(row_of("BM_Hash", Verdict::kImproved, 812, 700, -0.138, 0.0079));
  comparison.rows.back().reason = "faster";
  comparison.rows.push_back(row_of("BM_New", Verdict::kNew, std::nullopt, 1.5e9, std::nullopt));
  comparison.rows.back().reason = "not in the baseline";
  comparison.geomeans.push_back({"real_time", 0.032, 2});
  comparison.warnings.push_back("current: CPU frequency scaling is enabled");
  return comparison;
}

/// Pipes that end a table cell: those not escaped by an odd run of backslashes.
std::size_t cell_pipes(const std::string& line) {
  std::size_t pipes = 0;
  std::size_t backslashes = 0;
  for (char c : line) {
    if (c == '|' && backslashes % 2 == 0) ++pipes;
    backslashes = c == '\\' ? backslashes + 1 : 0;
  }
  return pipes;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

}  // namespace

TEST_CASE("numbers are formatted with their units") {
  CHECK(format_quantity(812, "ns") == "812 ns");
  CHECK(format_quantity(1234, "ns") == "1.234 us");
  CHECK(format_quantity(12.3456e6, "ns") == "12.35 ms");
  CHECK(format_quantity(1.5e9, "ns") == "1.500 s");
  CHECK(format_quantity(81e9, "ns") == "81.00 s");
  CHECK(format_quantity(5.25, "ns") == "5.250 ns");
  CHECK(format_quantity(0.5, "ns") == "0.5 ns");
  CHECK(format_quantity(1.25e6, "1/s") == "1.25M/s");
  CHECK(format_quantity(3.4e9, "B/s") == "3.40GB/s");
  CHECK(format_quantity(42, "") == "42");
  CHECK(format_quantity(12345, "") == "12.3k");
  CHECK(format_quantity(std::nan(""), "ns") == "nan");
  CHECK(format_change(0.123) == "+12.3%");
  CHECK(format_change(-0.05) == "-5.0%");
  CHECK(format_percent(0.05) == "5.0%");
  CHECK(format_p_value(0.0003) == "0.0003");
  CHECK(format_p_value(1.9e-7) == "1.9e-07");
  CHECK(format_p_value(0) == "0.0000");
}

TEST_CASE("the table aligns columns and has no colour unless asked") {
  std::string table = render_table(small_comparison(), {});

  CHECK(table ==
        "Benchmark                Metric     Baseline   Current  Change       p  Verdict\n"
        "---------------------------------------------------------------------------------\n"
        "BM_Sort/1024             real_time  1.234 ms  1.420 ms  +15.1%  0.0003  regressed\n"
        "BM_Hash                  real_time    812 ns    700 ns  -13.8%  0.0079  improved\n"
        "BM_New                   real_time         -   1.500 s       -       -  new\n"
        "geomean of 2 benchmarks  real_time                       +3.2%\n"
        "\n"
        "1 regressed, 1 improved, 0 unchanged, 0 inconclusive, 0 error, 1 new, 0 missing\n");
  CHECK(table.find('\033') == std::string::npos);
}

TEST_CASE("the table colours verdicts and explains them when asked") {
  Comparison comparison = small_comparison();
  comparison.rows.push_back(row_of("BM_Flaky", Verdict::kInconclusive, 1, 2, 1.0, 0.3));
  comparison.rows.push_back(row_of("BM_Crash", Verdict::kError, {}, {}, {}));
  comparison.rows.push_back(row_of("BM_Gone", Verdict::kMissing, 1, {}, {}));
  comparison.rows.push_back(row_of("BM_Same", Verdict::kUnchanged, 1, 1, 0.0, 0.9));
  std::string table = render_table(comparison, {true, true});

  CHECK(table.find("\033[31mregressed\033[0m\n    slower\n") != std::string::npos);
  CHECK(table.find("\033[32mimproved\033[0m\n    faster\n") != std::string::npos);
  CHECK(table.find("\033[36mnew\033[0m\n    not in the baseline\n") != std::string::npos);
  CHECK(table.find("\033[33minconclusive\033[0m") != std::string::npos);
  CHECK(table.find("\033[31merror\033[0m") != std::string::npos);
  CHECK(table.find("\033[33mmissing\033[0m") != std::string::npos);
  CHECK(table.find("  unchanged\n") != std::string::npos);  // unchanged stays plain
}

TEST_CASE("the table neither cuts long names nor passes control bytes") {
  Comparison comparison;
  std::string long_name(150, 'x');
  comparison.rows.push_back(row_of(long_name, Verdict::kUnchanged, 1, 1, 0.0));
  comparison.rows.push_back(row_of("BM_\033[2Jevil\nline", Verdict::kUnchanged, 1, 1, 0.0));
  std::string table = render_table(comparison, {});

  CHECK(table.find(long_name + "  real_time") != std::string::npos);
  CHECK(table.find("BM_\\x1b[2Jevil\\nline") != std::string::npos);
  CHECK(table.find('\033') == std::string::npos);
}

TEST_CASE("markdown leads with the verdict and folds the full table") {
  CHECK(render_markdown(small_comparison()) ==
        "### ❌ perfgate: 1 regression\n"
        "\n"
        "1 regressed, 1 improved, 0 unchanged, 0 inconclusive, 0 error, 1 new, 0 missing\n"
        "\n"
        "Geomean change over benchmarks on both sides: `real_time` +3.2% (2 benchmarks)\n"
        "\n"
        "| Benchmark | Metric | Baseline | Current | Change | p | Verdict |\n"
        "| --- | --- | ---: | ---: | ---: | ---: | --- |\n"
        "| `BM_Sort/1024` | `real_time` | 1.234 ms | 1.420 ms | +15.1% | 0.0003 | regressed |\n"
        "\n"
        "<details><summary>All 3 results</summary>\n"
        "\n"
        "| Benchmark | Metric | Baseline | Current | Change | p | Verdict |\n"
        "| --- | --- | ---: | ---: | ---: | ---: | --- |\n"
        "| `BM_Sort/1024` | `real_time` | 1.234 ms | 1.420 ms | +15.1% | 0.0003 | regressed |\n"
        "| `BM_Hash` | `real_time` | 812 ns | 700 ns | -13.8% | 0.0079 | improved |\n"
        "| `BM_New` | `real_time` | - | 1.500 s | - | - | new |\n"
        "\n"
        "</details>\n"
        "\n"
        "**Warnings**\n"
        "\n"
        "- current: CPU frequency scaling is enabled\n");
}

TEST_CASE("markdown says so when nothing regressed") {
  Comparison comparison;
  comparison.rows.push_back(row_of("BM_Same", Verdict::kUnchanged, 1, 1, 0.0));
  comparison.rows.push_back(row_of("BM_Crash", Verdict::kError, {}, {}, {}));
  CHECK(render_markdown(comparison).rfind("### ❌ perfgate: 1 error\n", 0) == 0);

  comparison.rows.pop_back();
  std::string markdown = render_markdown(comparison);
  CHECK(markdown.rfind("### ✅ perfgate: no regressions\n", 0) == 0);
  CHECK(markdown.find("<details><summary>All 1 result</summary>") != std::string::npos);
}

TEST_CASE("a hostile name cannot break the markdown table") {
  Comparison comparison;
  comparison.rows.push_back(
      row_of("a|b`c<img src=x onerror=alert(1)>\n| x |", Verdict::kRegressed, 1, 2, 1.0, 0.001));
  comparison.rows.push_back(row_of("back\\|slash", Verdict::kRegressed, 1, 2, 1.0, 0.001));
  comparison.rows.push_back(row_of("`tick", Verdict::kRegressed, 1, 2, 1.0, 0.001));
  comparison.warnings.push_back("host <b>x</b> | `y`");
  std::string markdown = render_markdown(comparison);

  // A code span keeps the HTML inert; its fence outgrows the backtick.
  CHECK(markdown.find("| ``a\\|b`c<img src=x onerror=alert(1)> \\| x \\|`` |") !=
        std::string::npos);
  // The backslash before the pipe is doubled, so the pipe stays escaped.
  CHECK(markdown.find("| `back\\\\\\|slash` |") != std::string::npos);
  CHECK(markdown.find("| `` `tick `` |") != std::string::npos);
  CHECK(markdown.find("- host \\<b\\>x\\</b\\> \\| \\`y\\`\n") != std::string::npos);

  for (const std::string& line : lines_of(markdown)) {
    if (line.rfind("| ", 0) == 0) CHECK(cell_pipes(line) == 8);
  }
}

TEST_CASE("json has every field, nulls for what is absent or not finite") {
  Comparison comparison = small_comparison();
  comparison.policy.default_threshold = 0.1;
  comparison.rows[0].ci = std::array<double, 2>{0.1, 0.2};
  comparison.rows[0].baseline_count = 10;
  comparison.rows[0].current_count = 12;
  comparison.rows[1].change = std::numeric_limits<double>::quiet_NaN();
  comparison.rows[1].better = Better::kHigher;
  comparison.rows[2].benchmark = "bad \xff utf-8";
  std::string text = render_json(comparison);

  REQUIRE(text.back() == '\n');
  CHECK(text.rfind("{\n  \"schema\": \"perfgate/comparison/v1\",\n", 0) == 0);
  nlohmann::json document = nlohmann::json::parse(text);
  CHECK(document["policy"] == nlohmann::json{{"threshold", 0.1}, {"alpha", 0.05}});

  const nlohmann::json& first = document["rows"][0];
  CHECK(first["benchmark"] == "BM_Sort/1024");
  CHECK(first["metric"] == "real_time");
  CHECK(first["unit"] == "ns");
  CHECK(first["better"] == "lower");
  CHECK(first["baseline"] == 1.234e6);
  CHECK(first["current"] == 1.42e6);
  CHECK(first["change"] == 0.1507);
  CHECK(first["p_value"] == 0.0003);
  CHECK(first["ci"] == nlohmann::json::array({0.1, 0.2}));
  CHECK(first["baseline_count"] == 10);
  CHECK(first["current_count"] == 12);
  CHECK(first["threshold"] == 0.05);
  CHECK(first["evidence"] == "mann-whitney-u");
  CHECK(first["verdict"] == "regressed");
  CHECK(first["reason"] == "slower");

  CHECK(document["rows"][1]["change"].is_null());  // NaN
  CHECK(document["rows"][1]["better"] == "higher");
  CHECK_FALSE(document["rows"][1].contains("ci"));
  const nlohmann::json& added = document["rows"][2];
  CHECK(added["baseline"].is_null());
  CHECK(added["change"].is_null());
  CHECK_FALSE(added.contains("p_value"));
  CHECK(added["benchmark"] == "bad \xEF\xBF\xBD utf-8");  // U+FFFD for the bad byte

  CHECK(document["geomeans"] ==
        nlohmann::json::parse(R"([{"metric": "real_time", "change": 0.032, "count": 2}])"));
  CHECK(document["summary"] == nlohmann::json::parse(R"({"regressed": 1, "improved": 1,
      "unchanged": 0, "inconclusive": 0, "error": 0, "new": 1, "missing": 0})"));
  CHECK(document["warnings"] == nlohmann::json{"current: CPU frequency scaling is enabled"});
}

TEST_CASE("github annotations by kind, nothing for unchanged or new") {
  Comparison comparison = small_comparison();
  comparison.rows.push_back(row_of("BM_Same", Verdict::kUnchanged, 1, 1, 0.0));
  comparison.rows.push_back(row_of("BM_Flaky", Verdict::kInconclusive, 1, 2, 1.0, 0.3));
  comparison.rows.back().reason = "may be noise";
  comparison.rows.push_back(row_of("BM_Crash", Verdict::kError, {}, {}, {}));
  comparison.rows.back().metric = "";
  comparison.rows.back().reason = "errored: out of memory";

  CHECK(render_github(comparison) ==
        "::error title=BM_Crash error::errored: out of memory\n"
        "::error title=BM_Sort/1024 (real_time) regressed::slower\n"
        "::warning title=BM_Flaky (real_time) inconclusive::may be noise\n"
        "::notice title=BM_Hash (real_time) improved::faster\n");
}

TEST_CASE("github escaping keeps every name inside its annotation") {
  // actions/toolkit command.ts: data escapes % \r \n; properties also : and ,.
  Comparison comparison;
  comparison.rows.push_back(row_of("BM_x\n::error::pwned", Verdict::kRegressed, 1, 2, 1.0, 0.01));
  comparison.rows.back().reason = "line\r\nbreak 100%";
  comparison.rows.push_back(row_of("BM_%0A,a:b", Verdict::kImproved, 2, 1, -0.5, 0.01));
  comparison.rows.back().reason = "%0A::warning::x";

  CHECK(render_github(comparison) ==
        "::error title=BM_x%0A%3A%3Aerror%3A%3Apwned (real_time) regressed"
        "::line%0D%0Abreak 100%25\n"
        "::notice title=BM_%250A%2Ca%3Ab (real_time) improved::%250A::warning::x\n");
}

TEST_CASE("github names at most max_per_kind of a kind and sums up the rest") {
  Comparison comparison;
  for (int i = 1; i <= 14; ++i) {
    std::string number = std::to_string(i);
    comparison.rows.push_back(
        row_of("BM_" + number, Verdict::kRegressed, 1, 1 + i / 10.0, i / 10.0, 0.01));
    comparison.rows.back().reason = std::string("r").append(number);
  }
  comparison.rows.push_back(row_of("BM_err", Verdict::kError, {}, {}, {}));
  comparison.rows.back().reason = "e";
  comparison.rows.push_back(row_of("BM_up", Verdict::kImproved, 2, 1, -0.5, 0.01));
  comparison.rows.back().reason = "u";

  // The error first, then the largest changes: BM_14 down to BM_6; then
  // the 5 left over, in that same order.
  CHECK(render_github(comparison) ==
        "::error title=BM_err (real_time) error::e\n"
        "::error title=BM_14 (real_time) regressed::r14\n"
        "::error title=BM_13 (real_time) regressed::r13\n"
        "::error title=BM_12 (real_time) regressed::r12\n"
        "::error title=BM_11 (real_time) regressed::r11\n"
        "::error title=BM_10 (real_time) regressed::r10\n"
        "::error title=BM_9 (real_time) regressed::r9\n"
        "::error title=BM_8 (real_time) regressed::r8\n"
        "::error title=BM_7 (real_time) regressed::r7\n"
        "::error title=BM_6 (real_time) regressed::r6\n"
        "::error title=perfgate%3A 5 more::and 5 more regressions: BM_5, BM_4, BM_3, BM_2, BM_1\n"
        "::notice title=BM_up (real_time) improved::u\n");

  CHECK(render_github(comparison, 2).find("and 13 more regressions: BM_13, BM_12") !=
        std::string::npos);
  CHECK(
      render_github(comparison, 0)
          .rfind("::error title=perfgate%3A 15 more::and 15 more regressions and errors: BM_err, "
                 "BM_14,",
                 0) == 0);
}
