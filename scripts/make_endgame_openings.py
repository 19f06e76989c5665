#!/usr/bin/env python3
"""Endgame start positions for matches, as opening lines (move text from the
initial position, the format `tempo match --openings` reads).

    scripts/make_endgame_openings.py [--book data/openings-wide.txt] [--count 100]
                                     [--min-pieces 5] [--max-pieces 8] [--nodes 4000] --out FILE

Each line of the book is played on by the search (level hard, a seed per
game, NODES nodes a move) until at most MAX pieces are left with no capture
pending; the line is kept when it has at least MIN pieces, both sides still
have a piece, and a deeper look (depth 12) does not already see a forced
result or a lead of more than a man and a half. The positions measure an
endgame database (docs/egdb.md): they are not decided yet, and their
captures lead into the database.
"""
import argparse
import sys

import tempo_import


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--book", default="data/openings-wide.txt")
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--min-pieces", type=int, default=5)
    ap.add_argument("--max-pieces", type=int, default=8)
    ap.add_argument("--nodes", type=int, default=4000)
    ap.add_argument("--max-plies", type=int, default=300)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    tempo = tempo_import.load()
    book = [l.split("#")[0].strip() for l in open(a.book) if l.split("#")[0].strip()]
    kept, seen, seed = [], set(), 0
    while len(kept) < a.count and seed < 20 * a.count:
        line = book[seed % len(book)]
        seed += 1
        game = tempo.Game()
        for text in line.split():
            game.play(text)
        while len(game) < a.max_plies and not game.status().over:
            pos = game.position
            pieces = len(pos.pieces(tempo.Color.WHITE)) + len(pos.pieces(tempo.Color.BLACK))
            if pieces <= a.max_pieces and not pos.must_capture():
                break
            r = tempo.search(game, nodes=a.nodes, level="hard", seed=seed, tt=None)
            if r.best_move is None:
                break
            game.play(r.best_move)
        pos = game.position
        white, black = len(pos.pieces(tempo.Color.WHITE)), len(pos.pieces(tempo.Color.BLACK))
        if game.status().over or pos.must_capture() or white == 0 or black == 0:
            continue
        if not a.min_pieces <= white + black <= a.max_pieces or pos.fen() in seen:
            continue
        look = tempo.search(pos, depth=12)
        if look.win_in is not None or abs(look.score) > 150:
            continue
        seen.add(pos.fen())
        kept.append(" ".join(m.pdn() for m in game.moves))
        print(f"{len(kept)}/{a.count}: {white + black} pieces, {pos.fen()}, score {look.score_text}", file=sys.stderr)
    with open(a.out, "w") as f:
        f.write(f"# {len(kept)} endgame starts ({a.min_pieces}-{a.max_pieces} pieces, not decided at depth 12), "
                f"by scripts/make_endgame_openings.py from {a.book}\n")
        for line in kept:
            f.write(line + "\n")


if __name__ == "__main__":
    main()
