#!/usr/bin/env python3
"""Soak test (not CI): long runs that must not grow memory or leak descriptors.

1. `tempo match` self-play, both engines pondering, a short time a move:
   the referee's and the engines' resident memory (RSS) and open file
   descriptors, sampled every few seconds; first and last samples compared.
2. Python: many searches in one process reusing one table buffer (with
   on_info callbacks and cancel tokens among them): the process's RSS and
   open descriptors after a warm-up and at the end.

    nice -n 19 /usr/bin/python3 scripts/soak.py --games 2000 --searches 10000
    PYTHONPATH=build/python is set from --build when not given.

Prints one line per phase with the figures; exits 1 when RSS grew by more
than --rss-slack-mb or any descriptor count grew.
"""
import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            m = re.search(r"^VmRSS:\s+(\d+) kB", f.read(), re.M)
        return int(m.group(1)) if m else 0
    except OSError:
        return 0


def fds(pid):
    try:
        return len(os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        return 0


def descendants(pid):
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    kids = [int(k) for k in f.read().split()]
                out += kids
                todo += kids
        except OSError:
            pass
    return out


def engines(pid):
    """The engine processes (tempo hub) under the referee: the shells' children too."""
    found = []
    for p in descendants(pid):
        try:
            with open(f"/proc/{p}/cmdline", "rb") as f:
                if b"hub" in f.read().split(b"\0")[1:2]:
                    found.append(p)
        except OSError:
            pass
    return sorted(found)


def sample(pid):
    es = engines(pid)
    return {"referee_rss": rss_kb(pid), "referee_fds": fds(pid), "engines": len(es),
            "engine_rss": sum(rss_kb(p) for p in es), "engine_fds": sum(fds(p) for p in es), "t": time.time()}


def soak_match(args):
    tempo = os.path.join(args.build, "tempo")
    pdn = tempfile.NamedTemporaryFile(suffix=".pdn", delete=False).name
    engine = f"{tempo} hub"
    cmd = [tempo, "match", f"--engine1={engine}", f"--engine2={engine}", f"--games={args.games}",
           f"--match-movetime={args.movetime_ms / 1000}", "--ponder=both", f"--concurrency={args.concurrency}",
           f"--pdn={pdn}", "--params1=tt-mb=4", "--params2=tt-mb=4", "--name1=A", "--name2=B",
           f"--openings={os.path.join(ROOT, 'data', 'openings.txt')}"]
    t0 = time.time()
    # The referee's output goes to files, not pipes: nobody reads a pipe
    # while the samples are taken, and a full one (about 900 result lines)
    # would stop the referee in write().
    with tempfile.TemporaryFile("w+") as out_file, tempfile.TemporaryFile("w+") as err_file:
        proc = subprocess.Popen(cmd, stdout=out_file, stderr=err_file, text=True)
        samples = []
        while proc.poll() is None:
            time.sleep(args.sample_s)
            s = sample(proc.pid)
            if s["referee_rss"] and s["engines"] == 2 * args.concurrency:
                samples.append(s)
        out_file.seek(0)
        err_file.seek(0)
        out, err = out_file.read(), err_file.read()
    os.unlink(pdn)
    games = len(re.findall(r"^game \d+/", out, re.M))
    result = re.search(r"^result: .*$", out, re.M)
    if proc.returncode != 0 or not samples:
        print(f"match: status {proc.returncode}, {len(samples)} samples\n{err[-2000:]}")
        return False
    first, last = samples[min(1, len(samples) - 1)], samples[-1]  # the first after the engines warmed up
    peak_engine = max(s["engine_rss"] for s in samples)
    print(f"match: {games} games at {args.movetime_ms} ms a move, both pondering, {args.concurrency} at a time, "
          f"{time.time() - t0:.0f} s; {result.group(0) if result else 'no result line'}")
    print(f"  referee RSS {first['referee_rss']} -> {last['referee_rss']} kB, fds {first['referee_fds']} -> "
          f"{last['referee_fds']}; {last['engines']} engines RSS {first['engine_rss']} -> {last['engine_rss']} kB "
          f"(peak {peak_engine}), fds {first['engine_fds']} -> {last['engine_fds']}; {len(samples)} samples")
    slack = args.rss_slack_mb * 1024
    return (games == args.games and last["referee_rss"] - first["referee_rss"] <= slack
            and last["engine_rss"] - first["engine_rss"] <= slack
            and last["referee_fds"] <= first["referee_fds"] and last["engine_fds"] <= first["engine_fds"])


def soak_python(args):
    sys.path.insert(0, os.environ.get("TEMPO_PYTHONPATH", os.path.join(args.build, "python")))
    import tempo

    rng = random.Random(1)
    table = bytearray(8 << 20)
    positions = []
    for _ in range(200):  # positions along random games
        p = tempo.Position.start()
        for _ in range(rng.randrange(0, 60)):
            moves = p.legal_moves()
            if not moves:
                break
            p = p.play(rng.choice(moves))
        positions.append(p)

    def one(i):
        p = positions[i % len(positions)]
        kind = i % 4
        if kind == 0:
            return tempo.search(p, nodes=3000, tt=table)
        if kind == 1:
            return tempo.search(p, depth=4, tt=table, on_info=lambda info: None)
        if kind == 2:
            token = tempo.CancelToken()
            token.cancel()  # cancelled before it starts: the best move so far (the first iteration)
            return tempo.search(p, nodes=3000, tt=table, cancel=token)
        return tempo.search(p, movetime_ms=2, tt=table, level="easy", seed=i)

    me = os.getpid()
    warm = min(200, args.searches)
    for i in range(warm):
        one(i)
    rss0, fds0, t0 = rss_kb(me), fds(me), time.time()
    for i in range(warm, args.searches):
        r = one(i)
        if i % 1000 == 0:
            assert tempo.table_info(table)["status"] == "reused", i
    rss1, fds1 = rss_kb(me), fds(me)
    print(f"python: {args.searches} searches on one 8 MiB table ({args.searches - warm} after a warm-up of {warm}), "
          f"{time.time() - t0:.0f} s; RSS {rss0} -> {rss1} kB, fds {fds0} -> {fds1}; last tt_status {r.tt_status}")
    return rss1 - rss0 <= args.rss_slack_mb * 1024 and fds1 <= fds0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--games", type=int, default=2000)
    ap.add_argument("--movetime-ms", type=int, default=10)
    ap.add_argument("--concurrency", type=int, default=2)
    ap.add_argument("--searches", type=int, default=10000)
    ap.add_argument("--sample-s", type=float, default=5.0)
    ap.add_argument("--rss-slack-mb", type=float, default=4.0, help="RSS growth counted as noise")
    ap.add_argument("--skip", choices=["match", "python"], action="append", default=[])
    args = ap.parse_args()
    ok = True
    if "match" not in args.skip:
        ok = soak_match(args) and ok
    if "python" not in args.skip:
        ok = soak_python(args) and ok
    print("soak:", "ok" if ok else "GREW (see above)")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
