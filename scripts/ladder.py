#!/usr/bin/env python3
"""Calibrates the strength ladder (search/strength.h): plays each pair of
neighbouring steps against each other with `tempo match`, fits every step's
Elo above the lowest step with a 95% interval, and prints the table
docs/strength.md shows. With --refit it rewrites strength.h's `strength`
column to the measured figures (lowest step = kMinStrength), so a new
evaluation is recalibrated in one command:

    scripts/ladder.py --tempo build/tempo --games 450 --refit

Every step plays at `strength=<its row's value>` over the Hub. Both engines
get the same fixed node count per move (--nodes, the top step's budget), so
the figures do not depend on the machine or its load; the weaker steps have
smaller budgets of their own (their max_nodes), which the node count only
caps. The games are data/openings-wide.txt's openings, each with both colours.

Elo of a pair: the score's logistic Elo; its interval is the normal
approximation on the per-game score (as `tempo match` prints it). A step's
Elo above the lowest is the sum of the pair figures below it, its interval
from the summed variances (delta method: each pair's match is independent).
"""
import argparse
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLE = os.path.join(REPO, "search", "strength.h")
ROW = re.compile(r"^(\s*\{)(\d+)(,[^}]*\},.*)$")
RESULT = re.compile(r"^result: .*: \+(\d+) =(\d+) -(\d+),")


def read_steps(path=TABLE):
    """[(strength, row text)] in table order."""
    steps = []
    inside = False
    with open(path, encoding="utf-8") as f:
        for line in f:
            if "kStrengthSteps[] = {" in line:
                inside = True
                continue
            if inside and line.strip().startswith("};"):
                break
            m = ROW.match(line) if inside else None
            if m:
                steps.append((int(m.group(2)), line.strip()))
    if len(steps) < 2:
        sys.exit(f"{path}: no strength table found")
    return steps


def elo(score):
    score = min(max(score, 1e-6), 1 - 1e-6)
    return -400 * math.log10(1 / score - 1)


def pair_figure(w, d, l):
    """(Elo, standard error of the Elo) of a +w =d -l result."""
    n = w + d + l
    p = (w + d / 2) / n
    var = (w * (1 - p) ** 2 + d * (0.5 - p) ** 2 + l * p ** 2) / n / n  # of the mean score
    pc = min(max(p, 0.5 / n), 1 - 0.5 / n)  # keeps the slope finite at 0% and 100%
    slope = 400 / math.log(10) / (pc * (1 - pc))
    return elo(p), slope * math.sqrt(var)


def play(tempo, strong, weak, args, workdir):
    pdn = os.path.join(workdir, f"ladder-{strong}-{weak}.pdn")
    cmd = [tempo, "match", f"--engine1={tempo} hub", f"--engine2={tempo} hub",
           f"--params1=strength={strong}", f"--params2=strength={weak}",
           f"--name1=s{strong}", f"--name2=s{weak}", f"--match-nodes={args.nodes}",
           f"--concurrency={args.concurrency}", f"--openings={args.openings}", f"--games={args.games}",
           f"--pdn={pdn}"]
    print("$", " ".join(f"'{c}'" if " " in c else c for c in cmd), file=sys.stderr, flush=True)
    out = subprocess.run(cmd, capture_output=True, text=True)
    for line in out.stdout.splitlines():
        m = RESULT.match(line)
        if m:
            print(line, file=sys.stderr, flush=True)
            return tuple(int(g) for g in m.groups())
    sys.exit(f"match {strong} vs {weak} failed ({out.returncode}):\n{out.stdout[-2000:]}\n{out.stderr[-2000:]}")


def refit(steps, fitted, path=TABLE):
    """Rewrites the strength column: the lowest step keeps its value, each
    other step gets it plus its measured Elo (rounded to 10)."""
    base = steps[0][0]
    new = [base + int(round(e / 10.0)) * 10 for e, _ in fitted]
    if any(b <= a for a, b in zip(new, new[1:])):
        sys.exit(f"not refitted: the measured ladder is not increasing ({new}); fix the rows' settings first")
    text = open(path, encoding="utf-8").read().splitlines(keepends=True)
    out, i, inside = [], 0, False
    for line in text:
        if "kStrengthSteps[] = {" in line:
            inside = True
        elif inside and line.strip().startswith("};"):
            inside = False
        m = ROW.match(line) if inside else None
        if m:
            line = f"{m.group(1)}{new[i]}{m.group(3)}\n"
            i += 1
        out.append(line)
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(out)
    return new


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tempo", default=os.path.join(REPO, "build", "tempo"), help="the tempo program")
    ap.add_argument("--games", type=int, default=450, help="games per neighbour match (default 450)")
    ap.add_argument("--nodes", type=int, default=100000, help="node count per move for both engines (default 100000)")
    ap.add_argument("--concurrency", type=int, default=2)
    ap.add_argument("--openings", default=os.path.join(REPO, "data", "openings-wide.txt"))
    ap.add_argument("--pairs", default="", help="only these neighbour pairs, by lower step index: '0,3'")
    ap.add_argument("--refit", action="store_true", help="rewrite search/strength.h's strength column")
    args = ap.parse_args()

    steps = read_steps()
    # A copy of the program: a rebuild during the matches cannot change it.
    workdir = tempfile.mkdtemp(prefix="ladder-")
    tempo = os.path.join(workdir, "tempo")
    shutil.copy2(args.tempo, tempo)
    only = {int(x) for x in args.pairs.split(",") if x != ""}
    if only and args.refit:
        sys.exit("--refit needs every pair")

    results = []
    for i in range(len(steps) - 1):
        if only and i not in only:
            results.append(None)
            continue
        results.append(play(tempo, steps[i + 1][0], steps[i][0], args, workdir))

    print(f"| step | strength | Elo above step 0 [95%] | neighbour match W/D/L (upper's view) | neighbour Elo [95%] |")
    print("| --- | --- | --- | --- | --- |")
    print(f"| 0 | {steps[0][0]} | 0 | | |")
    total, var, fitted = 0.0, 0.0, [(0.0, 0.0)]
    for i, r in enumerate(results):
        if r is None:
            fitted.append(None)
            continue
        e, se = pair_figure(*r)
        total, var = total + e, var + se * se
        fitted.append((total, math.sqrt(var)))
        pair = f"{e:+.0f} [{e - 1.96 * se:+.0f}, {e + 1.96 * se:+.0f}]"
        cum = f"{total:+.0f} [{total - 1.96 * math.sqrt(var):+.0f}, {total + 1.96 * math.sqrt(var):+.0f}]"
        if only:
            cum = "(partial run)"
        print(f"| {i + 1} | {steps[i + 1][0]} | {cum} | +{r[0]} ={r[1]} -{r[2]} | {pair} |")
    print(f"\n{args.games} games a pair, {args.nodes} nodes a move, {os.path.basename(args.openings)}")
    if args.refit:
        new = refit(steps, fitted)
        print(f"search/strength.h: strength column now {new}")
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
