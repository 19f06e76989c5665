#!/usr/bin/python3
"""Times tempo.analysis on PDN games three ways: one process, N local processes, an N-worker Dask LocalCluster.

  /usr/bin/python3 scripts/batch_timing.py data/games/*.pdn --depth 10 --workers 2

Every position before each move of every game is searched (the records of
the three runs are compared: with a fixed depth they must be the same).
Prints one line per run: seconds, positions, positions per second.
"""
import argparse
import os
import sys
import tempfile
import time

from tempo_import import load

tempo = load()


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("pdn", nargs="+")
    p.add_argument("--depth", type=int, default=10)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--tt-mb", type=int, default=16)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        joined = os.path.join(tmp, "games.pdn")
        with open(joined, "w", encoding="utf-8") as out:
            for path in args.pdn:
                with open(path, encoding="utf-8", errors="replace") as f:
                    out.write(f.read().rstrip("\n") + "\n\n")
        tasks = tempo.analysis.games_from_pdn(joined, on_error="raise")
        positions = sum(t.size() for t in tasks)
        print(f"{len(tasks)} games, {positions} positions, depth {args.depth}, table {args.tt_mb} MiB per task",
              flush=True)
        runs = {}

        def timed(name, **where):
            t0 = time.perf_counter()
            records = list(tempo.analysis.run(tasks, depth=args.depth, tt_mb=args.tt_mb, **where))
            seconds = time.perf_counter() - t0
            runs[name] = {r["id"]: (r["best_move"], r["score"], r["nodes"]) for r in records}
            print(f"{name:<32} {seconds:8.1f} s  {len(records)} positions  {len(records) / seconds:6.1f} pos/s",
                  flush=True)

        timed("1 process", jobs=1)
        timed(f"{args.workers} local processes", jobs=args.workers)
        from distributed import LocalCluster

        with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster:
            timed(f"Dask LocalCluster, {args.workers} workers", scheduler=cluster.scheduler_address)
        first = next(iter(runs.values()))
        same = all(r == first for r in runs.values())
        print("records identical across the runs" if same else "RECORDS DIFFER between the runs", flush=True)
        return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
