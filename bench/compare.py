#!/usr/bin/env python3
"""Compare two `tempo_bench --benchmark_format=json` files: CPU time per benchmark.

usage: compare.py OLD.json NEW.json
Uses the median aggregate when the runs had repetitions, else the single run.
"""
import json
import sys


def load(path):
    with open(path) as f:
        data = json.load(f)
    times = {}
    for b in data["benchmarks"]:
        name = b.get("run_name", b["name"])
        kind = b.get("aggregate_name")
        if kind not in (None, "median"):
            continue
        if kind is None and name in times:
            continue  # repetitions without aggregates: keep the first
        times[name] = (b["cpu_time"], b.get("time_unit", "ns"))
    return times


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    old, new = load(sys.argv[1]), load(sys.argv[2])
    width = max((len(n) for n in old if n in new), default=10)
    print("%-*s %14s %14s %8s" % (width, "benchmark", "old cpu", "new cpu", "change"))
    for name in old:
        if name not in new:
            continue
        (a, unit), (b, _) = old[name], new[name]
        change = (b - a) / a * 100 if a else 0.0
        print("%-*s %11.1f %-2s %11.1f %-2s %+7.1f%%" % (width, name, a, unit, b, unit, change))
    for name in sorted(set(new) - set(old)):
        print("%-*s %14s %11.1f %-2s %8s" % (width, name, "-", new[name][0], new[name][1], "new"))


if __name__ == "__main__":
    main()
