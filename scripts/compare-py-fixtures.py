#!/usr/bin/python3
"""Record what Google Benchmark's compare.py computes, for perfgate to match.

For each pair of Google Benchmark JSON files below this writes
tests/data/compare_py/<pair>.json holding, for every benchmark compare.py
pairs, the relative change of the median of the repetitions of real_time and
cpu_time and, where both sides have at least 2 repetitions, the two-sided
Mann-Whitney U p-values exactly as compare.py's report.calc_utest computes
them. tests/unit/compare_test.cpp loads the same two files through perfgate
and checks every number to 1e-9 relative.

Run it from anywhere with Debian's python3 and libbenchmark-tools installed:

    /usr/bin/python3 scripts/compare-py-fixtures.py

Two things compare.py does differently from perfgate are recorded, not
copied:

- compare.py's own change column is per repetition index (the first
  repetition against the first, and so on); the change of the medians is what
  it shows on the _median aggregate rows. Here the median of the repetitions
  is taken with numpy and report.calculate_change is applied to it.
- compare.py 1.7.1 drops a U test whose p-value is exactly 0 (the test
  `if cpu_pvalue and time_pvalue` in get_difference_report, fixed upstream in
  google/benchmark#1733). This script calls report.calc_utest directly, so a
  p-value of 0 is recorded as 0.0; the test5 pair repeated 1000 times, as
  compare.py's own test of that bug does, produces one.

compare.py pairs only the rows whose time_unit equals that of the first
baseline row of a name and drops the rest; perfgate converts every time to
nanoseconds instead. A benchmark with rows in more than one unit is therefore
listed under "skipped" with the reason, and left out of the equality check.
"""

import json
import os
import subprocess
import sys

import numpy
import scipy

sys.path.insert(0, "/usr/share/benchmark")
from gbench import report, util  # noqa: E402  (needs the path above)

COMMAND = "/usr/bin/python3 scripts/compare-py-fixtures.py"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INPUTS = os.path.join(ROOT, "tests", "data", "gbench")
OUTPUT = os.path.join(ROOT, "tests", "data", "compare_py")

CXXGRAPH = "ZigRazor__CXXGraph__"
BPFILTER = "qdeslandes__bpfilter-benchmark-results__"
KOKKOS = "kokkos__kokkos-benchmark-results__gxx-openmp-PerformanceTest_Benchmark_2026-05-05_"
BLOND = "blond-admin__BLonD-cpp__"
CONBENCH = "conbench__conbench__test_gbench-"
INPUT = "google__benchmark__compare-inputs-"
VIEWER = "koniksedy__Google-Benchmark-Viewer__offset_list-"

# (fixture name, baseline file, current file, times each row is repeated)
PAIRS = [
    ("compare-inputs-test1", INPUT + "test1_run1.json", INPUT + "test1_run2.json", 1),
    ("compare-inputs-test2-self", INPUT + "test2_run.json", INPUT + "test2_run.json", 1),
    ("compare-inputs-test3", INPUT + "test3_run0.json", INPUT + "test3_run1.json", 1),
    ("compare-inputs-test4", INPUT + "test4_run0.json", INPUT + "test4_run1.json", 1),
    ("compare-inputs-test5", INPUT + "test5_run0.json", INPUT + "test5_run1.json", 1),
    ("compare-inputs-test5-x1000", INPUT + "test5_run0.json", INPUT + "test5_run1.json", 1000),
    ("cxxgraph-base-vs-25_03", CXXGRAPH + "base.json", CXXGRAPH + "result_25_03_2022.json", 1),
    ("cxxgraph-25_03-vs-25_03_a", CXXGRAPH + "result_25_03_2022.json",
     CXXGRAPH + "result_25_03_2022_a.json", 1),
    ("cxxgraph-base-vs-28_03", CXXGRAPH + "base.json", CXXGRAPH + "result_28_03_2022.json", 1),
    ("cxxgraph-bellmanford", CXXGRAPH + "bellmanford-before.json",
     CXXGRAPH + "bellmanford-after.json", 1),
    ("bpfilter-0cf41be-vs-fd8dc28", BPFILTER + "0cf41be.json", BPFILTER + "fd8dc28.json", 1),
    ("bpfilter-005d041-vs-0cf41be", BPFILTER + "005d041.json", BPFILTER + "0cf41be.json", 1),
    ("kokkos-benchmark", KOKKOS + "T18-28-10.json", KOKKOS + "T23-02-37.json", 1),
    ("blond-sin", BLOND + "sin_old.json", BLOND + "sin.json", 1),
    ("blond-3d-hybrilit-vs-windows", BLOND + "3d-hybrilit.json", BLOND + "3d-windows-i7.json", 1),
    ("blond-tc1-self", BLOND + "TC1-old-format-reps.json", BLOND + "TC1-old-format-reps.json", 1),
    ("conbench-gbench-self", CONBENCH + "gbench-extracted.json",
     CONBENCH + "gbench-extracted.json", 1),
    ("conbench-big-self", CONBENCH + "big_gbench-extracted.json",
     CONBENCH + "big_gbench-extracted.json", 1),
    ("viewer-raw-vs-rewritten", VIEWER + "raw.json", VIEWER + "python-rewritten.json", 1),
]


def load(file_name, repeat):
    """The file as compare.py's main() reads it, each row repeated `repeat` times."""
    document = util.sort_benchmark_results(
        util.load_benchmark_results(os.path.join(INPUTS, file_name)))
    document["benchmarks"] = [row for row in document["benchmarks"] for _ in range(repeat)]
    return document


def median_change(partition, field):
    """report.calculate_change applied to the medians of both sides' rows."""
    baseline, current = report.extract_field(partition, field)
    return float(report.calculate_change(numpy.median(baseline), numpy.median(current)))


AGGREGATE_SUFFIXES = ("_mean", "_median", "_stddev", "_cv")


def is_aggregate(rows):
    """Whether compare.py's rows of a name are Google Benchmark's aggregates.

    compare.py compares them as benchmarks of their own; perfgate reads them
    as the summary of the benchmark they aggregate. The 2016 format has no
    run_type, so there the name's suffix is all that tells.
    """
    def aggregate(row):
        if "run_type" in row:
            return row["run_type"] == "aggregate" and "aggregate_name" in row
        return row["name"].endswith(AGGREGATE_SUFFIXES)
    return all(aggregate(row) for row in rows)


def units_of(document, name):
    return sorted({row.get("time_unit", "") for row in document["benchmarks"]
                   if row["name"] == name})


def record_pair(name, baseline_file, current_file, repeat):
    baseline = load(baseline_file, repeat)
    current = load(current_file, repeat)
    benchmarks = []
    skipped = []

    # partition_benchmarks is compare.py's own pairing: names in both files,
    # rows filtered to the unit of the first baseline row.
    for partition in report.partition_benchmarks(baseline, current):
        bench = partition[0][0]["name"]
        units = sorted(set(units_of(baseline, bench)) | set(units_of(current, bench)))
        if len(units) > 1:
            skipped.append({"name": bench, "why": "time units differ: " + ", ".join(units)
                            + "; compare.py drops the rows in other units, perfgate converts"})
            continue
        if not partition[1]:
            skipped.append({"name": bench, "why": "no current row in the baseline's unit"})
            continue

        entry = {
            "name": bench,
            "time_unit": partition[0][0]["time_unit"],
            "aggregate": is_aggregate(partition[0] + partition[1]),
            "baseline_count": len(partition[0]),
            "current_count": len(partition[1]),
            "real_time_change": median_change(partition, "real_time"),
            "cpu_time_change": median_change(partition, "cpu_time"),
        }
        timings_cpu = report.extract_field(partition, "cpu_time")
        timings_time = report.extract_field(partition, "real_time")
        _, cpu_pvalue, time_pvalue = report.calc_utest(timings_cpu, timings_time)
        if time_pvalue is not None:
            entry["real_time_p"] = float(time_pvalue)
            entry["cpu_time_p"] = float(cpu_pvalue)
        benchmarks.append(entry)

    return {
        "generated_by": COMMAND,
        "compare_py": "/usr/share/benchmark/compare.py, gbench.report (libbenchmark-tools "
                      + tools_version() + "), scipy " + scipy.__version__ + ", numpy "
                      + numpy.__version__,
        "baseline": "gbench/" + baseline_file,
        "current": "gbench/" + current_file,
        "repeat": repeat,
        "benchmarks": benchmarks,
        "skipped": skipped,
    }


def tools_version():
    try:
        return subprocess.run(["dpkg-query", "-W", "-f=${Version}", "libbenchmark-tools"],
                              capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main():
    os.makedirs(OUTPUT, exist_ok=True)
    for name, baseline_file, current_file, repeat in PAIRS:
        fixture = record_pair(name, baseline_file, current_file, repeat)
        path = os.path.join(OUTPUT, name + ".json")
        # json writes floats with repr, which reads back to the same double.
        with open(path, "w", encoding="utf-8") as out:
            json.dump(fixture, out, indent=1, ensure_ascii=False)
            out.write("\n")
        tested = sum("real_time_p" in entry for entry in fixture["benchmarks"])
        print("%s: %d benchmarks, %d with p-values, %d skipped"
              % (name, len(fixture["benchmarks"]), tested, len(fixture["skipped"])))


if __name__ == "__main__":
    main()
