#!/usr/bin/env python3
"""Widens an opening book: every line followed by each of its best replies.

    scripts/make_openings.py [--book data/openings.txt] [--tempo build/tempo]
                             [--replies 4] [--margin 0.15] [--depth 10] --out FILE

For each book line, `tempo analyse --multipv` scores the replies at a fixed
depth; the replies within MARGIN men of the best (at most REPLIES of them)
each make a new line. A 400-game match then plays 200 distinct openings
instead of repeating the 47 of data/openings.txt. Lines that reach a position
already in the new book are dropped.
"""
import argparse
import re
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--book", default="data/openings.txt")
    ap.add_argument("--tempo", default="build/tempo")
    ap.add_argument("--replies", type=int, default=4)
    ap.add_argument("--margin", type=float, default=0.15)
    ap.add_argument("--depth", type=int, default=10)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    lines = []
    for raw in open(a.book):
        text = raw.split("#")[0].strip()
        if text:
            lines.append(text)
    out, seen = [], set()
    for text in lines:
        moves = " ".join(t for t in text.split() if not re.fullmatch(r"\d+\.+", t))
        r = subprocess.run([a.tempo, "analyse", "--moves", moves, "--depth", str(a.depth), "--multipv", str(a.replies)],
                           capture_output=True, text=True, check=True)
        found = []
        for l in r.stdout.splitlines():
            m = re.match(rf"info depth {a.depth} .*multipv (\d+) score (-?[\d.]+) .* pv (\S+)", l)
            if m:
                found.append((float(m.group(2)), m.group(3)))
        if not found:
            sys.exit(f"make_openings: no depth-{a.depth} lines for '{text}'")
        best = max(s for s, _ in found)
        for s, mv in found:
            if s >= best - a.margin:
                line = f"{moves} {mv}"
                # Same moves in another order reach the same position; keep the first.
                key = " ".join(sorted(line.split()[0::2])) + "|" + " ".join(sorted(line.split()[1::2]))
                if key not in seen:
                    seen.add(key)
                    out.append((line, s))
    with open(a.out, "w") as f:
        f.write(f"# {len(out)} openings: each line of {a.book} followed by a best reply within {a.margin} men\n")
        f.write(f"# (`tempo analyse --depth {a.depth} --multipv {a.replies}`), by scripts/make_openings.py.\n")
        for line, s in out:
            f.write(f"{line}\n")
    print(f"{len(out)} openings written to {a.out}")


if __name__ == "__main__":
    main()
