"""`tempo book build` on a tiny run, and `tempo hub` answering a book
position at once with the compiled-in book's move.

usage: book_test.py <path to tempo> <source dir> <cmake>
"""
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from engine_pipe import Engine, parse  # noqa: E402


def build_tiny(tempo, src, cmake, d):
    openings = os.path.join(d, "openings.txt")
    with open(openings, "w") as f:
        f.write("1. 32-28 18-23\n# a comment\n1. 33-29 19-23\n")
    out = os.path.join(d, "book.txt")
    r = subprocess.run([tempo, "book", "build", "--out", out, "--openings", openings, "--book-plies", "2",
                        "--book-depth", "3", "--book-margin", "5", "--book-tt-mb", "4"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    progress = [l for l in r.stderr.splitlines() if l.startswith("book: ") and "positions" in l]
    assert progress, r.stderr
    text = open(out).read()
    assert "tempo-book 1\ndepth 3\nmargin 5\n" in text, text[:400]
    entries = re.findall(r"^entry ([0-9a-f]{16}) (\d+) (\d+) ([0-9a-f]+) (-?\d+)$", text, re.M)
    assert len(entries) >= 3, text
    keys = [int(e[0], 16) for e in entries]
    assert keys == sorted(keys), "entries not sorted by key"
    # The build's generator accepts it.
    g = subprocess.run([cmake, "-DIN=" + out, "-DOUT=" + os.path.join(d, "book.h"), "-P",
                        os.path.join(src, "cmake", "gen_book.cmake")], capture_output=True, text=True)
    assert g.returncode == 0, g.stderr
    assert "kEntries" in open(os.path.join(d, "book.h")).read()
    # A bad flag is refused with its name.
    r = subprocess.run([tempo, "book", "build", "--out", out, "--book-plies", "0"], capture_output=True, text=True)
    assert r.returncode != 0 and "plies" in r.stderr, r.stderr


def hub_plays_book(tempo):
    e = Engine([tempo, "hub"])
    e.send("hub")
    while parse(e.read())[0] != "wait":
        pass
    e.send("init")
    assert parse(e.read())[0] == "ready"
    # A long move time: a book move comes at once all the same.
    e.send("level move-time=20")
    t0 = time.monotonic()
    e.send("go think")
    cmd, info = parse(e.read(10))
    assert cmd == "info", (cmd, info)
    assert "book" in info and info["depth"] == "0" and info["nodes"] == "0", info
    cmd, done = parse(e.read(10))
    assert cmd == "done" and done["move"] == info["pv"], (cmd, done, info)
    assert time.monotonic() - t0 < 2.0
    # Off: the Hub searches (a short one).
    e.send("set-param name=book value=false")
    e.send("level nodes=3000")
    e.send("go think")
    infos = []
    while True:
        cmd, args = parse(e.read(10))
        if cmd == "done":
            break
        infos.append(args)
    assert infos and all("book" not in i for i in infos) and int(infos[-1]["depth"]) >= 1, infos
    e.send("quit")
    e.close()


def main():
    tempo, src, cmake = sys.argv[1], sys.argv[2], sys.argv[3]
    with tempfile.TemporaryDirectory() as d:
        build_tiny(tempo, src, cmake, d)
    hub_plays_book(tempo)
    print("ok")


if __name__ == "__main__":
    main()
