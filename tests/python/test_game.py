"""Game: moves and undo, PDN import/export of the real games in data/games, draw-rule statuses."""
import glob
import os
import pickle
import random

import pytest
import tempo

pytestmark = pytest.mark.skipif(not hasattr(tempo, "Game"), reason="module built without rules/game.cc (game records not in this tree)")


def pdn_files(games_dir):
    files = sorted(glob.glob(os.path.join(games_dir, "*.pdn")))
    assert files, f"no PDN games in {games_dir}"
    return files


def test_play_undo_and_status():
    game = tempo.Game()
    assert game.ply == 0 and len(game) == 0 and game.position == tempo.Position.start()
    played = game.play("32-28")
    assert isinstance(played, tempo.Move) and str(played) == "32-28"
    game.play(game.position.parse_move("19-23"))
    assert [str(m) for m in game.moves] == ["32-28", "19-23"]
    assert game.position_at(0) == game.start and game.position_at(-1) == game.position
    assert [str(m) for m in game.legal_moves()] == ["28x19"]
    status = game.status()
    assert status.state == tempo.GameState.ONGOING and not status.over and status.result == "*"
    assert status.winner is None and status.draw_rule == tempo.DrawRule.NONE
    assert str(game.undo()) == "19-23" and game.ply == 1
    with pytest.raises(ValueError, match="illegal"):
        game.play("28-22")
    assert game.ply == 1, "a refused move changes nothing"
    with pytest.raises(IndexError):
        game.position_at(5)
    with pytest.raises(IndexError):
        tempo.Game().undo()


def test_game_from_fen_and_position():
    assert tempo.Game("W:W32:B27").start == tempo.Position.from_fen("W:W32:B27")
    assert tempo.Game(tempo.Position.from_fen("B:W32:B27")).position.side_to_move == tempo.Color.BLACK
    with pytest.raises(ValueError):
        tempo.Game("W:W31-51")
    with pytest.raises(TypeError):
        tempo.Game(42)


def test_win_when_no_legal_move():
    game = tempo.Game("W:W32:B27")
    game.play("32x21")
    status = game.status()
    assert status.over and status.state == tempo.GameState.WIN
    assert status.winner == tempo.Color.WHITE and status.result == "2-0"
    assert "white" in str(status).lower()
    assert game.legal_moves() == []
    with pytest.raises(ValueError):
        game.play("21-16")
    assert '"2-0"' in game.pdn() and game.pdn().rstrip().endswith("2-0")


def test_pdn_files_import_and_round_trip(games_dir):
    total = 0
    for path in pdn_files(games_dir):
        with open(path, encoding="utf-8") as f:
            games = tempo.read_pdn(f.read())
        assert games, path
        for game in games:
            total += 1
            assert game.ply > 0
            # Replaying the moves from the start gives the same positions.
            replay = tempo.Game(game.start)
            for move in game.moves:
                replay.play(str(move))
            assert replay.position == game.position
            # Export and import again: same moves, tags and result.
            again = tempo.Game.from_pdn(game.pdn())
            assert [str(m) for m in again.moves] == [str(m) for m in game.moves]
            assert again.start == game.start
            for name, value in game.tags.items():
                if name != "Result":
                    assert again.tag(name) == value, (path, name)
            if game.result != "*":
                assert again.result == game.result
            assert pickle.loads(pickle.dumps(game)).position == game.position
    assert total >= 1


def test_pdn_errors_name_the_place():
    with pytest.raises(ValueError, match="line"):
        tempo.Game.from_pdn('[Event "x"]\n1. 32-28 19-23 2. 28-22 *\n')  # 28-22 is illegal: 28x19 is forced
    with pytest.raises(ValueError):
        tempo.Game.from_pdn("")  # no game
    assert tempo.read_pdn("") == []


def test_tags_and_result():
    game = tempo.Game()
    game.set_tag("White", "Sijbrands")
    assert game.tag("White") == "Sijbrands" and game.tag("Black") is None
    assert game.tags["White"] == "Sijbrands"
    game.result = "1-0"
    assert game.result == "2-0"
    game.result = "1/2-1/2"
    assert game.result == "1-1"
    with pytest.raises(ValueError, match="result"):
        game.result = "3-0"
    text = game.pdn()
    assert '[White "Sijbrands"]' in text and "1-1" in text


def test_repetition_draw():
    # Two kings shuffle with men far apart; the start position comes back a
    # third time after 8 plies.
    game = tempo.Game("W:WK46,31,32:BK5,19,20")
    for _ in range(2):
        for move in ("46-41", "5-10", "41-46", "10-5"):
            assert not game.status().over
            game.play(move)
    assert game.occurrences() == 3
    status = game.status()
    assert status.state == tempo.GameState.DRAW and status.draw_rule == tempo.DrawRule.REPETITION
    assert status.result == "1-1" and status.winner is None
    assert game.legal_moves() == []


def king_walk(fen, seed, max_plies=120):
    """Plays king moves (no captures, none offered, no position twice) until the
    game ends: a depth-first search in random order, so it backs out of dead ends."""
    rng = random.Random(seed)
    game = tempo.Game(fen)
    seen = {game.position}

    def extend():
        if game.status().over:
            return True
        if game.ply >= max_plies:
            return False
        moves = [m for m in game.legal_moves()
                 if not m.is_capture and game.position[m.from_square].is_king and m.after() not in seen
                 and not m.after().must_capture()]
        rng.shuffle(moves)
        for move in moves:
            game.play(move)
            seen.add(game.position)
            if extend():
                return True
            seen.discard(game.position)
            game.undo()
        return False

    assert extend(), f"no king walk from {fen}"
    return game


def test_twenty_five_move_rule():
    game = king_walk("W:WK46,K50,31,32:BK1,K5,19,20", seed=3)
    assert game.status().draw_rule == tempo.DrawRule.TWENTY_FIVE_MOVES
    assert game.ply == 50


def test_sixteen_move_rule():
    game = king_walk("W:WK47,K48,K49:BK3", seed=4)
    assert game.status().draw_rule == tempo.DrawRule.SIXTEEN_MOVES
    assert game.ply == 32


def test_five_move_rule():
    game = king_walk("W:WK47:BK4", seed=5)
    assert game.status().draw_rule == tempo.DrawRule.FIVE_MOVES
    assert game.ply == 10


def test_pdn_comments_survive_and_can_be_edited():
    g = tempo.Game.from_pdn("{Opening note} 1. 32-28 {the classic} 19-23 2. 28x19 14x23 *")
    assert g.comments == [(0, "Opening note"), (1, "the classic")]
    g.set_comment(4, "equal")
    g.set_comment(0, "")  # removes
    g.set_comment(1, "the classic centre move")
    assert g.comments == [(1, "the classic centre move"), (4, "equal")]
    back = tempo.Game.from_pdn(g.pdn())
    assert back.comments == g.comments
    with pytest.raises(IndexError):
        g.set_comment(5, "past the end")
