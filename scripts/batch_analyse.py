#!/usr/bin/python3
"""Analyse many positions or whole games, on local processes or a Dask cluster, resumable.

Input: a PDN file (`.pdn`, or --games): every position before each move of
every game, searched with the game's history; bad games are reported and
skipped. Otherwise one position per line, FEN or EPD-like:

    W:W31-50:B1-20   # a comment
    B:W27,28,32:B12,13,17 ; id "exercise 12" ; anything else is ignored

Blank lines and `#` comments are skipped. A position's id is its `id "..."`
field, or `line<N>`; a game's positions are `game<N>/<ply>`. Output is JSON
Lines, one object per position (id, fen, best_move, score, score_text,
depth, nodes, time_ms, pv; for games also game, ply and the move played; or
error), appended and flushed as each task finishes. Running the same command
again skips what is done (a half-written last line is dropped first).

  /usr/bin/python3 scripts/batch_analyse.py data/games/wk2003.pdn -o out.jsonl --depth 10 --jobs 2
  /usr/bin/python3 scripts/batch_analyse.py positions.epd -o out.jsonl --depth 12 --scheduler tcp://host:8786

Each task (a position, or a whole game) gets its own table (--tt-mb),
cleared when it starts and kept across the game's positions, so the
results do not depend on where or in which order tasks ran. A progress bar
(tqdm) shows the rate and the time left. The library behind it:
tempo.analysis.
"""
import argparse
import os
import sys

from tempo_import import load

tempo = load()


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("input", help="PDN games (.pdn) or positions (FEN or EPD-like, one per line)")
    p.add_argument("-o", "--output", required=True, help="JSON Lines output (appended to, resumable)")
    p.add_argument("--games", action="store_true", help="read the input as PDN whatever its name")
    where = p.add_argument_group("where the work runs")
    where.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="local processes (default: CPUs)")
    where.add_argument("--scheduler", help="a Dask distributed scheduler, e.g. tcp://HOST:8786 (instead of --jobs)")
    limits = p.add_argument_group("search limits per position (default --movetime-ms 500)")
    limits.add_argument("--depth", type=int)
    limits.add_argument("--movetime-ms", type=int)
    limits.add_argument("--nodes", type=int)
    p.add_argument("--multipv", type=int, default=1)
    p.add_argument("--level", default="expert")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--tt-mb", type=int, default=16, help="table size per task in MiB")
    p.add_argument("--no-progress", action="store_true")
    # The level parameters, from the schema every interface uses (tempo.PARAMS).
    params = p.add_argument_group("level parameters (default: the level's value)")
    kinds = {"int": int, "real": float, "bool": lambda v: {"true": True, "false": False}[v.lower()]}
    for spec in tempo.PARAMS:
        params.add_argument(f"--{spec['name']}", dest=spec["field"], type=kinds[spec["type"]],
                            help=f"{spec['help']} ({spec['min']}..{spec['max']})")
    args = p.parse_args(argv)
    if args.depth is None and args.movetime_ms is None and args.nodes is None:
        args.movetime_ms = 500
    if args.jobs < 1:
        p.error("--jobs must be at least 1")
    return args


def main(argv=None):
    args = parse_args(argv)
    options = dict(depth=args.depth, movetime_ms=args.movetime_ms, nodes=args.nodes, multipv=args.multipv,
                   level=args.level, seed=args.seed)
    for spec in tempo.PARAMS:
        if getattr(args, spec["field"]) is not None:
            options[spec["field"]] = getattr(args, spec["field"])
    bad_games = []
    if args.games or args.input.lower().endswith(".pdn"):
        def report(err):
            bad_games.append(err)
            print(f"skipped: {err}", file=sys.stderr)

        tasks = tempo.analysis.games_from_pdn(args.input, on_error=report)
        what = f"{len(tasks)} games ({sum(t.size() for t in tasks)} positions)"
    else:
        tasks = tempo.analysis.positions_from_file(args.input)
        what = f"{len(tasks)} positions"
    where = f"Dask scheduler {args.scheduler}" if args.scheduler else f"{args.jobs} processes"
    if not args.no_progress:
        print(f"{what} on {where}", file=sys.stderr)
    errors = 0
    try:
        for record in tempo.analysis.run(tasks, output=args.output, jobs=args.jobs, scheduler=args.scheduler,
                                         progress=not args.no_progress, tt_mb=args.tt_mb, **options):
            errors += "error" in record
    except (ValueError, TypeError) as e:
        sys.exit(f"bad option: {e}")
    if errors:
        print(f"{errors} positions could not be analysed (see 'error' in {args.output})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit("interrupted; run the same command again to resume")
