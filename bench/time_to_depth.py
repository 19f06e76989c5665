#!/usr/bin/env python3
"""Time to depth with several search threads: `tempo bench --threads N`.

usage: time_to_depth.py [--tempo build/tempo] [--depth 14] [--threads 1,2,4,8] [--runs 3]

Runs `tempo bench --depth D --threads N` `runs` times for every N (the thread
counts interleaved run by run, so a busy neighbour slows them alike), takes
each position's median time over the runs, and prints per thread count: the
total nodes (every thread's), the wall time, the speed-up of the total time
against the first thread count, and the per-position speed-up (the first
count's median time over this one's) as median, quartiles and range over the
positions whose first-count time is at least --min-ms (shorter ones are
mostly thread start-up and clock resolution). It also prints the run-paired
speed-up: each run's first-count time over the same run's time at this
count (median and range over the runs). The runs of one round follow each
other within seconds, so a machine whose speed drifts (a shared virtual
machine can change by 1.5x from one minute to the next) moves both sides of
a pair alike, where the medians of whole columns mix fast and slow minutes.
Run it alone on the machine.
"""
import argparse
import re
import statistics
import subprocess
import sys

POSITION = re.compile(r"^position\s+(\d+) depth (\d+) .* nodes (\d+) time ([\d.]+) ")
TOTAL = re.compile(r"^bench depth \d+ positions \d+ nodes (\d+) time ([\d.]+) .* cpu ([\d.]+) ")


def bench(tempo, depth, threads):
    out = subprocess.run([tempo, "bench", "--depth", str(depth), "--threads", str(threads)], check=True,
                         capture_output=True, text=True).stdout
    times, nodes, total = {}, 0, None
    for line in out.splitlines():
        if m := POSITION.match(line):
            times[int(m.group(1))] = float(m.group(4)) * 1000
        elif m := TOTAL.match(line):
            nodes, total, cpu = int(m.group(1)), float(m.group(2)), float(m.group(3))
    if total is None:
        sys.exit(f"no bench summary line from {tempo}:\n{out}")
    return times, nodes, total, cpu


def quartiles(values):
    q = statistics.quantiles(values, n=4, method="inclusive") if len(values) > 1 else [values[0]] * 3
    return q[0], q[1], q[2]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tempo", default="build/tempo")
    ap.add_argument("--depth", type=int, default=14)
    ap.add_argument("--threads", default="1,2,4,8")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--min-ms", type=float, default=20.0)
    args = ap.parse_args()
    counts = [int(t) for t in args.threads.split(",")]
    runs = {t: [] for t in counts}
    for r in range(args.runs):
        for t in counts:
            runs[t].append(bench(args.tempo, args.depth, t))
            times, nodes, total, cpu = runs[t][-1]
            print(f"run {r + 1} threads {t}: nodes {nodes} time {total:.3f} s cpu {cpu:.3f} s", flush=True)
    med = {t: {p: statistics.median(run[0][p] for run in runs[t]) for p in runs[t][0][0]} for t in counts}
    base = counts[0]
    base_total = statistics.median(run[2] for run in runs[base])
    print(f"\ndepth {args.depth}, {args.runs} runs, positions with >= {args.min_ms:g} ms at {base} thread(s)")
    print("threads  nodes(median)  time(median s)  speed-up  run-paired: median (min..max)  "
          "per-position speed-up: median [quartiles] (min..max)")
    for t in counts:
        nodes = statistics.median(run[1] for run in runs[t])
        total = statistics.median(run[2] for run in runs[t])
        ratios = [med[base][p] / max(med[t][p], 0.5) for p in med[base] if med[base][p] >= args.min_ms]
        lo, mid, hi = quartiles(ratios)
        paired = [b[2] / r[2] for b, r in zip(runs[base], runs[t])]
        print(f"{t:7d}  {nodes:13.0f}  {total:14.3f}  {base_total / total:8.2f}  "
              f"{statistics.median(paired):10.2f} ({min(paired):.2f}..{max(paired):.2f})  "
              f"{mid:.2f} [{lo:.2f}, {hi:.2f}] ({min(ratios):.2f}..{max(ratios):.2f}) over {len(ratios)} positions")


if __name__ == "__main__":
    main()
