#!/usr/bin/python3
"""Analyse the games of a PDN file move by move.

For every move: the engine's score before it (the mover's view), the score
after the move actually played (same view), the engine's best move, and a
flag when the played move drops the score by at least --blunder (centi-men,
default 150 = one and a half men) or half of that (a mistake). Prints a
table, and optionally writes it as CSV and draws a PNG evaluation graph
(White's view) with matplotlib's Agg backend.

  /usr/bin/python3 scripts/analyse_pdn.py data/games/some.pdn --depth 8 \\
      --csv out.csv --png out.png

One search per position: the score after move n is minus the score before
move n + 1, which keeps the two columns consistent. Each search sees the game
history, so repetitions and the draw rules count. One transposition table
(--tt-mb) is kept across the whole game.
"""
import argparse
import csv
import os
import sys

from tempo_import import load

tempo = load()

WIN = 30000
CLIP = 1000  # the graph clips at +-10 men so a forced win does not flatten it
FIELDS = ["ply", "move_number", "side", "move", "best", "score_before", "score_after", "drop", "white_eval", "flag"]


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("pdn", help="PDN file")
    p.add_argument("--game", default="1", help="game number (1-based) or 'all' (default 1)")
    limits = p.add_argument_group("search limits per position (default --movetime-ms 300)")
    limits.add_argument("--depth", type=int)
    limits.add_argument("--movetime-ms", type=int)
    limits.add_argument("--nodes", type=int)
    p.add_argument("--level", default="expert")
    p.add_argument("--blunder", type=int, default=150, help="score drop (100 = a man) flagged as a blunder")
    p.add_argument("--tt-mb", type=int, default=16, help="transposition table size in MiB")
    p.add_argument("--csv", help="write the table as CSV here (games numbered in a column)")
    p.add_argument("--png", help="write the evaluation graph here (with --game all: one file per game, NAME-<n>.png)")
    p.add_argument("--quiet", action="store_true", help="do not print the table")
    args = p.parse_args(argv)
    if args.depth is None and args.movetime_ms is None and args.nodes is None:
        args.movetime_ms = 300
    return args


def game_over_score(game):
    """Score for the side to move of a finished game: a loss, or a draw."""
    status = game.status()
    if status.state == tempo.GameState.DRAW:
        return 0
    return -WIN


def analyse_game(record, args, table):
    """Rows for every move of `record` (a tempo.Game)."""
    limits = dict(depth=args.depth, movetime_ms=args.movetime_ms, nodes=args.nodes)
    game = tempo.Game(record.start)
    moves = record.moves

    def evaluate():
        if game.status().over:
            return game_over_score(game), None
        r = tempo.search(game, level=args.level, tt=table, **limits)
        return r.score, r.best_move

    rows = []
    before, best = evaluate()
    for ply, move in enumerate(moves):
        white = game.position.side_to_move == tempo.Color.WHITE
        game.play(move)
        after_opponent, next_best = evaluate()
        after = -after_opponent
        drop = before - after
        if drop >= args.blunder:
            flag = "blunder"
        elif drop >= args.blunder // 2:
            flag = "mistake"
        else:
            flag = ""
        rows.append(
            {
                "ply": ply + 1,
                "move_number": ply // 2 + 1 if record.start.side_to_move == tempo.Color.WHITE else (ply + 1) // 2 + 1,
                "side": "white" if white else "black",
                "move": str(move),
                "best": str(best) if best is not None else "",
                "score_before": before,
                "score_after": after,
                "drop": max(drop, 0),
                "white_eval": before if white else -before,
                "flag": flag,
            }
        )
        before, best = after_opponent, next_best
    final_white = before if game.position.side_to_move == tempo.Color.WHITE else -before
    return rows, final_white


def fmt(score):
    return tempo.score_text(score)  # the one score text: the Hub's and `tempo analyse`'s


def print_table(title, rows, out=sys.stdout):
    print(title, file=out)
    print(f"{'ply':>4} {'move':>5} {'side':<5} {'played':<16} {'best':<16} {'before':>8} {'after':>8} {'drop':>6}  flag",
          file=out)
    for r in rows:
        number = f"{r['move_number']}{'.' if r['side'] == 'white' else '...'}"
        print(f"{r['ply']:>4} {number:>5} {r['side']:<5} {r['move']:<16} {r['best']:<16} "
              f"{fmt(r['score_before']):>8} {fmt(r['score_after']):>8} {r['drop'] / 100:>6.2f}  {r['flag']}", file=out)
    flagged = [r for r in rows if r["flag"] == "blunder"]
    print(f"{len(rows)} moves, {len(flagged)} blunders"
          + (": " + ", ".join(f"{r['ply']}. {r['move']}" for r in flagged) if flagged else ""), file=out)


def plot(path, title, rows, final_white):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plies = [0] + [r["ply"] for r in rows]
    evals = [r["white_eval"] for r in rows] + [final_white]
    evals = [max(-CLIP, min(CLIP, e)) / 100 for e in evals]
    fig, ax = plt.subplots(figsize=(10, 4), dpi=100)
    ax.axhline(0, color="grey", linewidth=0.8)
    ax.plot(plies, evals, color="black", linewidth=1.5)
    ax.fill_between(plies, evals, 0, where=[e >= 0 for e in evals], color="#eeeeee", interpolate=True)
    ax.fill_between(plies, evals, 0, where=[e < 0 for e in evals], color="#555555", interpolate=True)
    for r in rows:
        if r["flag"]:
            y = max(-CLIP, min(CLIP, -r["score_after"] if r["side"] == "black" else r["score_after"])) / 100
            ax.plot(r["ply"], y, "o", color="red" if r["flag"] == "blunder" else "orange")
            if r["flag"] == "blunder":
                ax.annotate(r["move"], (r["ply"], y), textcoords="offset points", xytext=(0, 6), ha="center",
                            fontsize=7, color="red")
    ax.set_xlabel("ply")
    ax.set_ylabel("evaluation (men, White's view)")
    ax.set_title(title, fontsize=10)
    ax.set_xlim(0, max(plies[-1], 1))
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def title_of(record, number):
    white = record.tag("White") or "?"
    black = record.tag("Black") or "?"
    event = record.tag("Event")
    date = record.tag("Date")
    extra = ", ".join(x for x in (event, date) if x and x != "?")
    return f"Game {number}: {white} - {black} {record.result}" + (f" ({extra})" if extra else "")


def main(argv=None):
    args = parse_args(argv)
    with open(args.pdn, encoding="utf-8", errors="replace") as f:
        try:
            games = tempo.read_pdn(f.read())
        except ValueError as e:
            sys.exit(f"{args.pdn}: {e}")
    if not games:
        sys.exit(f"{args.pdn}: no games")
    if args.game == "all":
        chosen = list(range(1, len(games) + 1))
    else:
        try:
            chosen = [int(args.game)]
        except ValueError:
            sys.exit(f"--game must be a number or 'all', not {args.game!r}")
        if not 1 <= chosen[0] <= len(games):
            sys.exit(f"--game {chosen[0]}: the file has {len(games)} games")
    table = bytearray(args.tt_mb << 20)
    csv_file = open(args.csv, "w", newline="") if args.csv else None
    writer = None
    try:
        for number in chosen:
            record = games[number - 1]
            rows, final_white = analyse_game(record, args, table)
            title = title_of(record, number)
            if not args.quiet:
                print_table(title, rows)
            if csv_file:
                if writer is None:
                    writer = csv.DictWriter(csv_file, fieldnames=["game"] + FIELDS)
                    writer.writeheader()
                for r in rows:
                    writer.writerow({"game": number, **r})
            if args.png:
                path = args.png
                if len(chosen) > 1:
                    stem, ext = os.path.splitext(args.png)
                    path = f"{stem}-{number}{ext or '.png'}"
                plot(path, title, rows, final_white)
    finally:
        if csv_file:
            csv_file.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
