#!/usr/bin/env python3
"""Writes two Google Benchmark JSON files shaped as the library writes them:
BENCHMARKS benchmarks x REPETITIONS repetitions plus mean/median/stddev/cv
aggregates, with seeded noise; the second file has a tenth of its benchmarks
slowed by 8%. Used by scripts/bench-compare.sh.

usage: make-gbench-pair.py BASELINE.json CURRENT.json [BENCHMARKS] [REPETITIONS]
"""
import json
import random
import statistics
import sys


def rows_for(index, repetitions, slowdown, rng):
    name = "BM_Family%d/%d" % (index % 40, index)
    base_ns = 50.0 * (1.0 + index % 97)
    common = {"family_index": index % 40, "per_family_instance_index": index // 40,
              "run_name": name, "repetitions": repetitions, "threads": 1,
              "time_unit": "ns"}
    rows, reals, cpus = [], [], []
    for repetition in range(repetitions):
        real = base_ns * slowdown * rng.gauss(1.0, 0.02)
        cpu = real * 0.995
        reals.append(real)
        cpus.append(cpu)
        rows.append(dict(common, name=name, run_type="iteration",
                         repetition_index=repetition, iterations=100000,
                         real_time=real, cpu_time=cpu))
    aggregates = {
        "mean": (statistics.mean(reals), statistics.mean(cpus)),
        "median": (statistics.median(reals), statistics.median(cpus)),
        "stddev": (statistics.stdev(reals), statistics.stdev(cpus)),
    }
    for aggregate, (real, cpu) in aggregates.items():
        rows.append(dict(common, name=name + "_" + aggregate, run_type="aggregate",
                         aggregate_name=aggregate, aggregate_unit="time",
                         iterations=repetitions, real_time=real, cpu_time=cpu))
    return rows


def write(path, benchmarks, repetitions, slowed, seed):
    rng = random.Random(seed)
    rows = []
    for index in range(benchmarks):
        rows += rows_for(index, repetitions, 1.08 if index in slowed else 1.0, rng)
    document = {
        "context": {"date": "2026-12-03T00:00:00+00:00", "host_name": "generated",
                    "executable": "./generated", "num_cpus": 2, "mhz_per_cpu": 2000,
                    "cpu_scaling_enabled": False, "library_build_type": "release"},
        "benchmarks": rows,
    }
    # One row per line, as compact as Google Benchmark's own rows allow.
    with open(path, "w") as out:
        out.write('{\n  "context": ' + json.dumps(document["context"]) + ',\n')
        out.write('  "benchmarks": [\n    ')
        out.write(',\n    '.join(json.dumps(row) for row in rows))
        out.write('\n  ]\n}\n')


def main():
    baseline, current = sys.argv[1], sys.argv[2]
    benchmarks = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
    repetitions = int(sys.argv[4]) if len(sys.argv) > 4 else 20
    write(baseline, benchmarks, repetitions, set(), seed=1)
    write(current, benchmarks, repetitions, set(range(0, benchmarks, 10)), seed=2)


if __name__ == "__main__":
    main()
