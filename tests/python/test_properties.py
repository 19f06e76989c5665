"""Property tests (Hypothesis) over the Python API: random legal games round-trip through
FEN and PDN, play() keeps the move list legal, search returns a legal move or none, and
garbage table buffers only ever give clear errors."""
import pytest

import tempo

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

needs_search = pytest.mark.skipif(not hasattr(tempo, "search"), reason="search not built")
SETTINGS = settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def games(draw, max_plies=80):
    """A random legal game: each ply picks one of the legal moves (a drawn game stops)."""
    game = tempo.Game()
    for _ in range(draw(st.integers(0, max_plies))):
        moves = game.legal_moves()
        if not moves:
            break
        game.play(moves[draw(st.integers(0, len(moves) - 1))])
    return game


@st.composite
def positions(draw):
    """A random position: random pieces on random squares (men never on their own crowning row,
    at most 20 pieces a side, as the rules allow)."""
    squares = draw(st.lists(st.integers(1, 50), unique=True, max_size=24))
    kinds = {"white_men": [], "white_kings": [], "black_men": [], "black_kings": []}
    for s in squares:
        kind = draw(st.sampled_from(sorted(kinds)))
        colour = kind.split("_")[0]
        if len(kinds[colour + "_men"]) + len(kinds[colour + "_kings"]) == 20:
            kind = kind.replace(colour, "black" if colour == "white" else "white")
        if kind == "white_men" and s <= 5 or kind == "black_men" and s >= 46:
            kind = kind.replace("men", "kings")
        kinds[kind].append(s)
    side = draw(st.sampled_from([tempo.Color.WHITE, tempo.Color.BLACK]))
    return tempo.Position.from_pieces(side_to_move=side, **kinds)


@SETTINGS
@given(games())
def test_games_round_trip_through_fen_and_pdn(game):
    for ply in range(game.ply + 1):
        pos = game.position_at(ply)
        assert tempo.Position.from_fen(pos.fen()) == pos
        assert tempo.Position.from_hub(pos.hub()) == pos
    back = tempo.Game.from_pdn(game.pdn())
    assert back.moves == game.moves
    assert back.position == game.position
    assert back.pdn() == game.pdn()
    streamed = list(tempo.read_games(__import__("io").StringIO(game.pdn() + "\n" + game.pdn()), on_error="raise"))
    assert [g.moves for g in streamed] == [game.moves, game.moves]


@SETTINGS
@given(games(max_plies=40), st.data())
def test_play_keeps_the_move_list_legal(game, data):
    pos = game.position
    moves = pos.legal_moves()
    if not moves:
        assert pos.is_game_over()
        return
    move = data.draw(st.sampled_from(moves))
    after = pos.play(move)
    assert after == move.after()
    assert after.side_to_move == ~pos.side_to_move
    assert pos.play(str(move)) == after and pos.play(move.hub()) == after
    for m in after.legal_moves():
        assert m.position == after
        assert after.parse_move(str(m)) == m
        # When a capture is possible only captures are legal, and of the most pieces.
        if after.must_capture():
            assert m.is_capture
    if after.must_capture():
        most = max(len(m.captured) for m in after.legal_moves())
        assert all(len(m.captured) == most for m in after.legal_moves())


@needs_search
@SETTINGS
@given(positions(), st.integers(1, 3))
def test_search_returns_a_legal_move_or_none(pos, depth):
    result = tempo.search(pos, depth=depth, tt=bytearray(tempo.TABLE_MIN_BYTES))
    legal = pos.legal_moves()
    if legal:
        assert result.best_move in legal
        assert result.pv and result.pv[0] == result.best_move
    else:
        assert result.best_move is None and result.win_in is None and result.loss_in == 0


@needs_search
@SETTINGS
@given(st.binary(min_size=0, max_size=4096), st.integers(0, 3 * tempo.TABLE_MIN_BYTES), st.integers(0, 255))
def test_garbage_tables_give_clear_errors_only(head, size, fill):
    buf = bytearray([fill]) * size
    buf[: len(head)] = head[:size]
    try:
        info = tempo.table_info(buf)
    except ValueError as e:
        assert size < tempo.TABLE_MIN_BYTES and str(e)
    else:
        assert info["status"] in ("reused", "fresh", "reset")
    try:
        r = tempo.search(tempo.Position.start(), depth=2, tt=buf)
    except ValueError as e:
        assert size < tempo.TABLE_MIN_BYTES and "table" in str(e).lower() or "tt" in str(e)
    else:
        assert size >= tempo.TABLE_MIN_BYTES and r.best_move is not None
        assert r.tt_status in ("reused", "fresh", "reset")
        assert tempo.table_info(buf)["status"] == "reused"
    with pytest.raises(TypeError, match="read-only"):
        tempo.search(tempo.Position.start(), depth=1, tt=bytes(buf))
