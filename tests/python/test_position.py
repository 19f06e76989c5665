"""Position and Move: construction, notation round trips, board access, perft, errors."""
import pickle
import random

import pytest
import tempo

START = "W:W31-50:B1-20"


def random_positions(count, seed=1, max_plies=80):
    """Positions from seeded random games (many captures, some kings)."""
    rng = random.Random(seed)
    out = []
    while len(out) < count:
        pos = tempo.Position.start()
        for _ in range(rng.randrange(max_plies)):
            moves = pos.legal_moves()
            if not moves:
                break
            pos = rng.choice(moves).after()
        out.append(pos)
    return out


def test_start_position():
    pos = tempo.Position.start()
    assert pos.fen() == START
    assert str(pos) == START
    assert repr(pos) == f"Position('{START}')"
    assert pos.side_to_move == tempo.Color.WHITE
    assert pos[1] == tempo.Piece.BLACK_MAN and pos[50] == tempo.Piece.WHITE_MAN and pos[25] == tempo.Piece.EMPTY
    assert pos.pieces(tempo.Color.WHITE) == list(range(31, 51))
    assert pos.men(tempo.Color.BLACK) == list(range(1, 21)) and pos.kings(tempo.Color.BLACK) == []
    assert len(pos.squares()) == 50 and pos.squares()[0] == tempo.Piece.BLACK_MAN
    moves = pos.legal_moves()
    assert sorted(str(m) for m in moves) == ["31-26", "31-27", "32-27", "32-28", "33-28", "33-29", "34-29", "34-30",
                                             "35-30"]
    assert not pos.must_capture() and not pos.is_game_over()
    assert pos.diagram().count("w") == 20 and pos.diagram().count("b") == 20


def test_play_text_and_move_agree():
    pos = tempo.Position.start()
    move = pos.parse_move("32-28")
    assert (move.from_square, move.to_square, move.captured, move.path) == (32, 28, [], [32, 28])
    assert not move.is_capture and move.position == pos
    after = pos.play("32-28")
    assert after == pos.play(move) == move.after()
    assert after.side_to_move == tempo.Color.BLACK
    assert pos == tempo.Position.start(), "play() must not change the position it is called on"
    capture_pos = after.play("19-23")
    assert capture_pos.must_capture()
    (take,) = capture_pos.legal_moves()
    assert str(take) == "28x19" and take.captured == [23] and take.path == [28, 19] and take.hub() == "28x19x23"
    assert take.is_capture


def test_notation_round_trips():
    checked = 0
    for pos in random_positions(150):
        assert tempo.Position.from_fen(pos.fen()) == pos
        assert tempo.Position.from_hub(pos.hub()) == pos
        assert pickle.loads(pickle.dumps(pos)) == pos
        for move in pos.legal_moves():
            assert pos.parse_move(str(move)) == move
            assert pos.parse_move(move.hub()) == move
            assert pickle.loads(pickle.dumps(move)) == move
            path = move.path
            assert path[0] == move.from_square and path[-1] == move.to_square
            if move.is_capture:
                assert len(path) == len(move.captured) + 1
            # One piece per jump, each once, together the captured set.
            assert len(move.captured_in_order) == len(path) - 1 if move.is_capture else move.captured_in_order == []
            assert sorted(move.captured_in_order) == move.captured
            checked += 1
    assert checked > 1000


def test_captured_in_order_follows_the_path():
    # The app's steps: (from, to, the piece taken) jump by jump.
    take = tempo.Position.from_fen("W:W28:B23,13").parse_move("28x8")
    assert take.captured == [13, 23] and take.path == [28, 19, 8] and take.captured_in_order == [23, 13]
    king = tempo.Position.from_fen("W:WK38:B22,23,32,33").parse_move("38x29x18x27x43")
    steps = list(zip(king.path, king.path[1:], king.captured_in_order))
    assert steps == [(38, 29, 33), (29, 18, 23), (18, 27, 22), (27, 43, 32)]
    assert tempo.Position.start().parse_move("32-28").captured_in_order == []


def test_king_capture_path_and_promotion():
    # A white king on 46 takes two black men on a long diagonal route.
    pos = tempo.Position.from_fen("W:WK46:B41,32,22")
    moves = pos.legal_moves()
    assert moves and all(m.is_capture for m in moves)
    best = max(len(m.captured) for m in moves)
    assert all(len(m.captured) == best for m in moves), "the maximum capture is mandatory"
    promo = tempo.Position.from_fen("W:W6:B40").parse_move("6-1")
    assert promo.is_promotion and promo.after()[1] == tempo.Piece.WHITE_KING


def test_hash_and_equality():
    a = tempo.Position.start().play("32-28")
    b = tempo.Position.from_fen(a.fen())
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert a != tempo.Position.start()
    m1, m2 = a.parse_move("19-23"), b.parse_move("19-23")
    assert m1 == m2 and hash(m1) == hash(m2)


def test_from_pieces_and_with_piece():
    pos = tempo.Position.from_pieces(side_to_move=tempo.Color.BLACK, white_men=[31, 32], black_kings=[5])
    assert pos.fen().startswith("B:") and pos[5] == tempo.Piece.BLACK_KING
    assert pos.with_piece(31, tempo.Piece.EMPTY).pieces(tempo.Color.WHITE) == [32]
    assert pos.with_side_to_move(tempo.Color.WHITE).side_to_move == tempo.Color.WHITE
    with pytest.raises(ValueError, match="twice"):
        tempo.Position.from_pieces(white_men=[31], black_men=[31])
    with pytest.raises(ValueError):
        tempo.Position.from_pieces(white_men=[3])  # a white man on its own promotion row
    with pytest.raises(ValueError, match="off the board"):
        tempo.Position.from_pieces(white_men=[51])
    with pytest.raises(IndexError):
        pos.with_piece(0, tempo.Piece.WHITE_MAN)


def test_error_paths():
    with pytest.raises(ValueError, match="FEN"):
        tempo.Position.from_fen("W:W31-51")
    with pytest.raises(ValueError):
        tempo.Position.from_fen("")
    with pytest.raises(ValueError):
        tempo.Position.from_hub("nonsense")
    pos = tempo.Position.start()
    with pytest.raises(ValueError, match="illegal"):
        pos.play("32-29")
    with pytest.raises(ValueError, match="bad move text"):
        pos.play("hello")
    with pytest.raises(TypeError, match="tempo.Move or move text"):
        pos.play(3228)
    with pytest.raises(IndexError, match="off the board"):
        pos[0]
    with pytest.raises(IndexError):
        pos[51]
    # A Move from another position is refused unless it is legal here too.
    other = pos.play("32-28").play("19-23").parse_move("28x19")
    with pytest.raises(ValueError, match="not legal"):
        pos.play(other)
    with pytest.raises(ValueError):
        tempo.perft(pos, -1)
    with pytest.raises(TypeError):
        tempo.Position.from_fen(None)


def test_perft_published_counts():
    start = tempo.Position.start()
    assert [tempo.perft(start, d) for d in range(7)] == [1, 9, 81, 658, 4265, 27117, 167140]
    woldouby = tempo.Position.from_fen("W:B12,13,14,16,18,19,21,23,24,26:W25,27,28,30,32,33,34,35,37,38")
    assert tempo.perft(woldouby, 9) == 22369
    divide = tempo.perft_divide(start, 4)
    assert len(divide) == 9 and sum(n for _, n in divide) == 4265
    assert all(isinstance(m, tempo.Move) for m, _ in divide)


def test_python_walk_matches_native_perft():
    def walk(p, d):
        return 1 if d == 0 else sum(walk(m.after(), d - 1) for m in p.legal_moves())

    for pos in random_positions(5, seed=7, max_plies=40):
        assert walk(pos, 3) == tempo.perft(pos, 3)
