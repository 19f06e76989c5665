#!/usr/bin/python3
"""Where a player's lost games were lost: the turning point of each loss.

For every game of a PDN file (a `tempo match` record) that PLAYER lost, each
position with PLAYER to move is searched twice from PLAYER's view: deeply
(--depth) and shallowly (--shallow-depth, about what the evaluation sees
with a capture search). The turning point is the first of PLAYER's moves
after which the deep score stays below -SWING (a man by default) to the end
of the game. For it the script prints the ply, the pieces each side had, the
deep score before and after the move, the move played and the deep search's
best, and the verdict:

  misjudged  the shallow search still liked the position (score >= 0) while
             the deep one already saw it lost: the evaluation's blind spot
  missed     the deep search before the move found a better move than the
             one played: the player's own search (at its time) fell short
  outplayed  neither: the position was lost already on this side of the
             horizon of both searches

It also says who crowned the first king and when (races to promote).

  /usr/bin/python3 scripts/losses.py vs-scan.pdn --player tempo --depth 14 \\
      --csv losses.csv

The summary line gives the median ply and piece count of the turning points
and how many of each verdict. PLAYER matches the White/Black tag as a
case-insensitive substring.
"""
import argparse
import csv
import statistics
import sys

from tempo_import import load

tempo = load()

WIN = 30000  # a won position (the search scores wins above it)
FIELDS = ["game", "player_colour", "turning_ply", "move_number", "player_men", "player_kings", "opponent_men",
          "opponent_kings", "deep_before", "deep_after", "shallow_before", "played", "deep_best", "verdict",
          "first_king_ply", "first_king_by"]


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("pdn", help="PDN file (e.g. written by `tempo match --pdn`)")
    p.add_argument("--player", required=True, help="the player whose losses to study (White/Black tag substring)")
    p.add_argument("--depth", type=int, default=12, help="deep search depth (default 12)")
    p.add_argument("--shallow-depth", type=int, default=1, help="shallow search depth (default 1)")
    p.add_argument("--swing", type=int, default=100, help="score (100 = a man) below which a game counts as lost")
    p.add_argument("--tt-mb", type=int, default=16, help="transposition table size in MiB")
    p.add_argument("--csv", help="write one row per lost game here")
    args = p.parse_args(argv)
    if args.depth < 1 or args.shallow_depth < 1 or args.shallow_depth >= args.depth:
        p.error("need 1 <= --shallow-depth < --depth")
    if args.swing < 1:
        p.error("--swing must be positive")
    return args


def player_colour(game, name):
    tags = {k.lower(): v for k, v in game.tags.items()}
    white = name.lower() in tags.get("white", "").lower()
    black = name.lower() in tags.get("black", "").lower()
    if white == black:
        return None  # not this player's game, or the player on both sides
    return tempo.Color.WHITE if white else tempo.Color.BLACK


def lost(game, colour):
    result = game.result if game.result != "*" else ""
    return (result == "0-2" and colour == tempo.Color.WHITE) or (result == "2-0" and colour == tempo.Color.BLACK)


def count(position, colour):
    pieces = len(position.pieces(colour))
    men = len(position.men(colour))
    return men, pieces - men


def first_king(record):
    """(ply, colour) of the first promotion, or (None, None)."""
    game = tempo.Game(record.start)
    kings = len(record.start.pieces(tempo.Color.WHITE)) - len(record.start.men(tempo.Color.WHITE)), \
        len(record.start.pieces(tempo.Color.BLACK)) - len(record.start.men(tempo.Color.BLACK))
    for ply, move in enumerate(record.moves):
        mover = game.position.side_to_move
        game.play(move)
        pos = game.position
        now = count(pos, tempo.Color.WHITE)[1], count(pos, tempo.Color.BLACK)[1]
        side = 0 if mover == tempo.Color.WHITE else 1
        if now[side] > kings[side]:
            return ply + 1, mover
        kings = now
    return None, None


def turning_point(record, colour, args, table):
    """The row for the turning point of one lost game, or None when the deep
    search never saw the game lost before its end (a loss on time or a fault)."""
    game = tempo.Game(record.start)
    seen = []  # (ply, deep_before, deep_after, shallow_before, played, best, pieces)
    for ply, move in enumerate(record.moves):
        if game.status().over:
            break
        if game.position.side_to_move == colour:
            deep = tempo.search(game, depth=args.depth, tt=table)
            shallow = tempo.search(game, depth=args.shallow_depth, tt=table)
            pos = game.position
            pieces = count(pos, colour) + count(pos, tempo.Color.BLACK if colour == tempo.Color.WHITE
                                                else tempo.Color.WHITE)
            game.play(move)
            after = -tempo.search(game, depth=args.depth, tt=table).score if not game.status().over else (
                0 if game.status().state == tempo.GameState.DRAW else WIN)
            seen.append((ply + 1, deep.score, after, shallow.score, str(move), str(deep.best_move), pieces))
        else:
            game.play(move)
    # The first of the player's moves after which every later deep score is lost.
    turning = None
    for i in range(len(seen) - 1, -1, -1):
        if seen[i][2] > -args.swing:
            break
        turning = seen[i]
    if turning is None:
        return None
    ply, before, after, shallow, played, best, pieces = turning
    if shallow >= 0 and before <= -args.swing:
        verdict = "misjudged"
    elif before > -args.swing and played != best:
        verdict = "missed"
    else:
        verdict = "outplayed"
    return {
        "turning_ply": ply,
        "move_number": (ply + 1) // 2 if record.start.side_to_move == tempo.Color.WHITE else ply // 2 + 1,
        "player_men": pieces[0],
        "player_kings": pieces[1],
        "opponent_men": pieces[2],
        "opponent_kings": pieces[3],
        "deep_before": before,
        "deep_after": after,
        "shallow_before": shallow,
        "played": played,
        "deep_best": best,
        "verdict": verdict,
    }


def main(argv):
    args = parse_args(argv)
    try:
        games = list(tempo.read_games(args.pdn))
    except (OSError, ValueError) as e:
        print(f"losses.py: {e}", file=sys.stderr)
        return 2
    table = bytearray(args.tt_mb << 20)
    rows = []
    for number, record in enumerate(games, start=1):
        colour = player_colour(record, args.player)
        if colour is None or not lost(record, colour):
            continue
        row = turning_point(record, colour, args, table)
        king_ply, king_by = first_king(record)
        if row is None:
            print(f"game {number}: lost, but never lost on the board to a depth-{args.depth} search "
                  f"(time, fault or adjudication)")
            continue
        row.update(game=number, player_colour="white" if colour == tempo.Color.WHITE else "black",
                   first_king_ply=king_ply if king_ply is not None else "",
                   first_king_by=("" if king_by is None else "player" if king_by == colour else "opponent"))
        rows.append(row)
        print(f"game {number} ({row['player_colour']}): ply {row['turning_ply']}, "
              f"{row['player_men']}+{row['player_kings']}K v {row['opponent_men']}+{row['opponent_kings']}K, "
              f"{tempo.score_text(row['deep_before'])} -> {tempo.score_text(row['deep_after'])} "
              f"(shallow {tempo.score_text(row['shallow_before'])}), played {row['played']}, "
              f"best {row['deep_best']}: {row['verdict']}; first king "
              f"{row['first_king_by'] or 'none'}{' at ply ' + str(row['first_king_ply']) if king_ply else ''}")
    if args.csv:
        with open(args.csv, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=FIELDS)
            w.writeheader()
            w.writerows(rows)
    if not rows:
        print(f"no lost game of {args.player!r} with a turning point")
        return 0
    plies = [r["turning_ply"] for r in rows]
    pieces = [r["player_men"] + r["player_kings"] + r["opponent_men"] + r["opponent_kings"] for r in rows]
    verdicts = {v: sum(r["verdict"] == v for r in rows) for v in ("misjudged", "missed", "outplayed")}
    kings = sum(r["first_king_by"] == "opponent" for r in rows)
    print(f"{len(rows)} losses: turning point at median ply {statistics.median(plies):g} with median "
          f"{statistics.median(pieces):g} pieces on the board; "
          + ", ".join(f"{n} {v}" for v, n in verdicts.items())
          + f"; the opponent crowned the first king in {kings}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
