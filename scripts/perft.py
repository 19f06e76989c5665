#!/usr/bin/python3
"""Perft from Python, to cross-check the move generator through the bindings.

  /usr/bin/python3 scripts/perft.py --depth 7                 # native counts, depth 1..7
  /usr/bin/python3 scripts/perft.py --fen "W:W..." --divide 5 # per root move
  /usr/bin/python3 scripts/perft.py --depth 5 --walk          # also walk the tree in Python
  /usr/bin/python3 scripts/perft.py --reference               # the published counts

--walk counts the tree again by recursing over Position.legal_moves() and
Position.play() in Python (slow, exercises the bindings) and fails when the
two counts differ. --reference checks the published perft counts for
international draughts (the start position and the Woldouby position, as
tests/rules/perft_test.cc pins them) to a depth that runs in seconds. Exit
status 1 on any mismatch.
"""
import argparse
import sys
import time

from tempo_import import load

tempo = load()

START = "W:W31-50:B1-20"
WOLDOUBY = "W:B12,13,14,16,18,19,21,23,24,26:W25,27,28,30,32,33,34,35,37,38"
REFERENCE = {
    START: [1, 9, 81, 658, 4265, 27117, 167140, 1049442, 6483961],
    WOLDOUBY: [1, 6, 12, 30, 73, 215, 590, 1944, 6269, 22369, 88050, 377436],
}


def walk(pos, depth):
    """Leaf count by recursing in Python over the bindings."""
    if depth == 0:
        return 1
    moves = pos.legal_moves()
    if depth == 1:
        return len(moves)
    return sum(walk(m.after(), depth - 1) for m in moves)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--fen", default=START)
    p.add_argument("--depth", type=int, default=6)
    p.add_argument("--divide", type=int, metavar="DEPTH", help="counts per root move at DEPTH")
    p.add_argument("--walk", action="store_true", help="cross-check each depth with a Python tree walk")
    p.add_argument("--reference", action="store_true", help="check the published counts")
    args = p.parse_args(argv)
    try:
        pos = tempo.Position.from_fen(args.fen)
    except ValueError as e:
        sys.exit(f"--fen: {e}")

    failures = 0
    if args.reference:
        for fen, counts in REFERENCE.items():
            ref = tempo.Position.from_fen(fen)
            for depth, expected in enumerate(counts):
                got = tempo.perft(ref, depth)
                ok = got == expected
                failures += not ok
                print(f"{'ok ' if ok else 'BAD'} {fen} perft {depth} = {got}" + ("" if ok else f" (expected {expected})"))
        return 1 if failures else 0

    if args.divide:
        total = 0
        for move, n in tempo.perft_divide(pos, args.divide):
            print(f"{move} {n}")
            total += n
        print(f"total {total}")
        if args.walk:
            w = walk(pos, args.divide)
            if w != total:
                print(f"MISMATCH: Python walk gives {w}")
                return 1
        return 0

    for depth in range(1, args.depth + 1):
        t0 = time.perf_counter()
        n = tempo.perft(pos, depth)
        s = time.perf_counter() - t0
        line = f"perft {depth} {n} {s:.3f}s {n / s / 1e6 if s > 0 else 0:.1f} Mleaves/s"
        if args.walk:
            t0 = time.perf_counter()
            w = walk(pos, depth)
            line += f"  walk {w} {time.perf_counter() - t0:.3f}s"
            if w != n:
                line += "  MISMATCH"
                failures += 1
        print(line, flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
