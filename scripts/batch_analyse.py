#!/usr/bin/python3
"""Analyse many positions across processes, with a progress bar and resumable output.

Input: one position per line, FEN or EPD-like:

    W:W31-50:B1-20
    B:W27,28,32:B12,13,17 ; id "exercise 12" ; anything else is kept as a comment

Blank lines and lines starting with `#` are skipped; a `#` after the FEN
starts a comment (data/bench.fen's form). A position's id is its
`id "..."` field, or `line<N>` otherwise. Output is JSON Lines, one object per
position (id, fen, best_move, score, score_text, depth, nodes, time_ms, pv,
or error), written and flushed as each result arrives. Running the same
command again skips the ids already in the output, so an interrupted batch
resumes where it stopped (a half-written last line is dropped first).

  /usr/bin/python3 scripts/batch_analyse.py positions.epd -o results.jsonl \\
      --depth 10 --jobs 2

Each worker process keeps one transposition table (--tt-mb) for all the
positions it searches.
"""
import argparse
import json
import multiprocessing
import os
import sys
import time

from tempo_import import load

tempo = load()


def parse_line(line, number):
    """(id, fen) for an input line, or None for a blank/comment line."""
    text = line.strip()
    if not text or text.startswith("#"):
        return None
    fields = [f.strip() for f in text.split(";")]
    fen = fields[0].split("#", 1)[0].strip().strip('"')  # `FEN # comment`, as in data/bench.fen
    ident = f"line{number}"
    for field in fields[1:]:
        key, _, value = field.partition(" ")
        if key == "id" and value.strip():
            ident = value.strip().strip('"')
    return ident, fen


def read_positions(path):
    out = []
    seen = set()
    with open(path, encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f, 1):
            parsed = parse_line(line, number)
            if parsed is None:
                continue
            ident, fen = parsed
            if ident in seen:
                ident = f"{ident}#line{number}"
            seen.add(ident)
            out.append((ident, fen))
    return out


def done_ids(path):
    """Ids already in the output; truncates a half-written last line."""
    if not os.path.exists(path):
        return set()
    ids = set()
    good_end = 0
    with open(path, "rb") as f:
        data = f.read()
    for raw in data.splitlines(keepends=True):
        if not raw.endswith(b"\n"):
            break
        try:
            ids.add(json.loads(raw)["id"])
        except (ValueError, KeyError):
            break
        good_end += len(raw)
    if good_end != len(data):
        with open(path, "r+b") as f:
            f.truncate(good_end)
    return ids


_table = None
_options = None


def _init_worker(tt_bytes, options):
    global _table, _options
    _table = bytearray(tt_bytes)
    _options = options


def analyse(task):
    ident, fen = task
    record = {"id": ident, "fen": fen}
    try:
        pos = tempo.Position.from_fen(fen)
    except ValueError as e:
        record["error"] = str(e)
        return record
    if pos.is_game_over():
        record.update(best_move=None, score=-30000, score_text="-100.00", depth=0, nodes=0, time_ms=0, pv="")
        return record
    try:
        r = tempo.search(pos, tt=_table, **_options)
    except ValueError as e:
        record["error"] = str(e)
        return record
    record.update(
        best_move=str(r.best_move) if r.best_move is not None else None,
        score=r.score,
        score_text=r.score_text,
        depth=r.depth,
        nodes=r.nodes,
        time_ms=r.time_ms,
        pv=" ".join(str(m) for m in r.pv),
    )
    if len(r.multipv) > 1:
        record["multipv"] = [{"move": str(l.move), "score": l.score} for l in r.multipv]
    return record


class Progress:
    """A one-line progress bar on stderr (plain lines when it is not a terminal)."""

    def __init__(self, total, done, enabled):
        self.total, self.done, self.start_done = total, done, done
        self.enabled = enabled
        self.tty = sys.stderr.isatty()
        self.t0 = time.monotonic()
        self.last = 0.0

    def step(self):
        self.done += 1
        now = time.monotonic()
        if not self.enabled or (now - self.last < 0.2 and self.done < self.total):
            return
        if not self.tty and now - self.last < 5 and self.done < self.total:
            return
        self.last = now
        rate = (self.done - self.start_done) / max(now - self.t0, 1e-9)
        eta = (self.total - self.done) / rate if rate > 0 else 0
        width = 30
        filled = int(width * self.done / max(self.total, 1))
        bar = "#" * filled + "." * (width - filled)
        line = f"[{bar}] {self.done}/{self.total} {rate:.1f} pos/s ETA {eta:.0f}s"
        sys.stderr.write(("\r" + line) if self.tty else (line + "\n"))
        if self.tty and self.done >= self.total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("input", help="positions file (FEN or EPD-like, one per line)")
    p.add_argument("-o", "--output", required=True, help="JSON Lines output (appended to, resumable)")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: CPUs)")
    limits = p.add_argument_group("search limits per position (default --movetime-ms 500)")
    limits.add_argument("--depth", type=int)
    limits.add_argument("--movetime-ms", type=int)
    limits.add_argument("--nodes", type=int)
    p.add_argument("--multipv", type=int, default=1)
    p.add_argument("--level", default="expert")
    p.add_argument("--tt-mb", type=int, default=16, help="table size per worker in MiB")
    p.add_argument("--no-progress", action="store_true")
    args = p.parse_args(argv)
    if args.depth is None and args.movetime_ms is None and args.nodes is None:
        args.movetime_ms = 500
    if args.jobs < 1:
        p.error("--jobs must be at least 1")
    return args


def main(argv=None):
    args = parse_args(argv)
    positions = read_positions(args.input)
    done = done_ids(args.output)
    todo = [t for t in positions if t[0] not in done]
    options = dict(depth=args.depth, movetime_ms=args.movetime_ms, nodes=args.nodes, multipv=args.multipv,
                   level=args.level)
    # Check the options once here, so a typo fails before any worker starts.
    try:
        tempo.search(tempo.Position.start(), **{**options, "depth": 1, "movetime_ms": None, "nodes": None})
    except ValueError as e:
        sys.exit(f"bad option: {e}")
    progress = Progress(len(positions), len(positions) - len(todo), not args.no_progress)
    if not args.no_progress:
        print(f"{len(positions)} positions, {len(positions) - len(todo)} already done, {len(todo)} to go, "
              f"{args.jobs} processes", file=sys.stderr)
    errors = 0
    with open(args.output, "a", encoding="utf-8") as out:
        if args.jobs == 1 or len(todo) <= 1:
            _init_worker(args.tt_mb << 20, options)
            results = map(analyse, todo)
            pool = None
        else:
            pool = multiprocessing.get_context("spawn" if sys.platform == "darwin" else "fork").Pool(
                args.jobs, initializer=_init_worker, initargs=(args.tt_mb << 20, options))
            results = pool.imap_unordered(analyse, todo)
        try:
            for record in results:
                errors += "error" in record
                out.write(json.dumps(record) + "\n")
                out.flush()
                progress.step()
        finally:
            if pool is not None:
                pool.terminate()
                pool.join()
    if errors:
        print(f"{errors} positions could not be analysed (see 'error' in {args.output})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit("interrupted; run the same command again to resume")
