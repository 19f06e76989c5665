"""tempo.read_games(): streaming PDN that reads on past bad games; NAGs, variations, results."""
import io
import os
import random
import warnings

import pytest

import tempo

BROKEN = """[Event "good 1"]
1. 32-28 19-23 1-0

[Event "illegal move"]
1. 32-28 19-25 2. 28-22 0-1

[Event "good 3"]
1. 33-28! {fine} (1. 32-28 $2 (1. 31-27) 18-23) 18-23 $14 1/2-1/2

[Event "unclosed comment"]
1. 32-28 {never closed
[Event "good 5"]
[Result "0-2"]
1. 34-29
[Event "bad FEN"]
[FEN "W:W1:B2"]
1. 32-28 *
1. 31-27 2-0 1. 32-27 17-21 *
[Event "bad tag
1. 32-28 *
[Event "good 10"]
1. 35-30 0-2
"""


def read(text, **kw):
    errors = []
    games = list(tempo.read_games(io.StringIO(text), on_error=errors.append, **kw))
    return games, errors


def test_bad_games_are_reported_and_the_rest_read():
    games, errors = read(BROKEN)
    assert [g.tag("Event") for g in games] == ["good 1", "good 3", "good 5", None, None, "good 10"]
    assert [g.result for g in games] == ["2-0", "1-1", "0-2", "2-0", "*", "0-2"]
    assert [(e.game, e.line, e.column) for e in errors] == [(2, 5, 10), (4, 11, 10), (6, 16, 6), (9, 19, 16)]
    assert "illegal move" in errors[0].reason and "never closed" in errors[1].reason
    assert "bad FEN" in errors[2].reason and "runs past the end of the line" in errors[3].reason
    assert isinstance(errors[0], ValueError) and str(errors[0]).startswith("PDN game 2, line 5, column 10: ")


@pytest.mark.parametrize("chunk", [1, 40, 1 << 20])
def test_small_pieces_read_the_same(chunk):
    games, errors = read(BROKEN, chunk_chars=chunk)
    whole, whole_errors = read(BROKEN)
    assert [g.pdn() for g in games] == [g.pdn() for g in whole]
    assert [str(e) for e in errors] == [str(e) for e in whole_errors]


def test_error_handling_modes(tmp_path):
    path = tmp_path / "broken.pdn"
    path.write_text(BROKEN)
    with pytest.warns(tempo.PdnWarning, match="broken.pdn: PDN game 2, line 5"):
        games = list(tempo.read_games(path))
    assert len(games) == 6
    with pytest.raises(tempo.PdnError, match="PDN game 2"):
        list(tempo.read_games(str(path), on_error="raise"))
    with open(path, "rb") as f:  # binary files are read as UTF-8
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            assert len(list(tempo.read_games(f))) == 6
    with pytest.raises(TypeError):
        list(tempo.read_games(42))
    with pytest.raises(TypeError):
        list(tempo.read_games(path, on_error="ignore"))


def test_nags_variations_and_results_round_trip():
    games, _ = read(BROKEN)
    g = games[1]
    assert g.nags == [(1, 1), (2, 14)]
    assert g.variations == [(1, "1. 32-28 $2 (1. 31-27) 18-23")]
    assert g.comments == [(1, "fine")]
    text = g.pdn()
    assert "1. 33-28! {fine} (1. 32-28 $2 (1. 31-27) 18-23) 18-23 $14 1-1" in text
    back = tempo.Game.from_pdn(text)
    assert (back.nags, back.variations, back.comments, back.result) == (g.nags, g.variations, g.comments, "1-1")
    assert back.pdn() == text
    # Chess-style results read as draughts results and are written that way.
    for chess, draughts in (("1-0", "2-0"), ("0-1", "0-2"), ("1/2-1/2", "1-1")):
        game = tempo.Game.from_pdn(f"1. 32-28 {chess}")
        assert game.result == draughts and game.pdn().rstrip().endswith(draughts)


def test_real_files_stream_like_read_pdn(games_dir):
    for name in sorted(os.listdir(games_dir)):
        if not name.endswith(".pdn"):
            continue
        path = os.path.join(games_dir, name)
        with open(path, encoding="utf-8", errors="replace") as f:
            whole = tempo.read_pdn(f.read())
        streamed = list(tempo.read_games(path, on_error="raise", chunk_chars=500))
        assert [g.pdn() for g in streamed] == [g.pdn() for g in whole], name


def test_mangled_files_never_stop_the_reader(games_dir):
    """A fuzz of the streaming reader: random edits of a real file give games that are legal and round-trip."""
    with open(os.path.join(games_dir, "wk2003.pdn"), encoding="utf-8") as f:
        text = f.read()
    good = len(tempo.read_pdn(text))
    rng = random.Random(11)
    alphabet = "{}()[]\";$!?*-x0123456789 \n%"
    for _ in range(80):
        chars = list(text)
        for _ in range(rng.randint(1, 4)):
            chars[rng.randrange(len(chars))] = rng.choice(alphabet)
        games, errors = read("".join(chars), chunk_chars=rng.choice([200, 1 << 20]))
        assert len(games) + len(errors) >= good - 4
        for g in games:
            back = tempo.Game.from_pdn(g.pdn())
            assert [str(m) for m in back.moves] == [str(m) for m in g.moves]
            assert back.pdn() == g.pdn()
        for e in errors:
            assert e.game >= 1 and e.line >= 1 and e.column >= 1 and e.reason


def test_a_game_longer_than_the_cap_is_one_bad_game():
    cap = tempo.pdn_stream.MAX_GAME_CHARS
    text = ('[Event "before"]\n1. 32-28 19-23 2-0\n\n[Event "huge"]\n1. 32-28 {'
            + ("x" * 99 + "\n") * (cap // 100 + 500) + '} 19-23 2-0\n\n[Event "after"]\n1. 33-28 18-23 0-2\n')
    for chunk in (1, 1 << 20):
        games, errors = read(text, chunk_chars=chunk)
        assert [g.tag("Event") for g in games] == ["before", "after"]
        assert len(errors) == 1 and errors[0].game == 2 and errors[0].line == 4, errors
        assert f"longer than {cap} characters" in errors[0].reason


@pytest.mark.parametrize("kind", ["random bytes", "one endless line"])
def test_memory_stays_bounded_without_game_boundaries(tmp_path, kind):
    # 24 MB with no game boundary: read whole, the old reader peaked above 24 MB.
    path = tmp_path / "noise.pdn"
    size = 24 << 20
    with open(path, "wb") as f:
        if kind == "random bytes":
            rng = random.Random(7)
            for _ in range(size >> 20):
                f.write(rng.randbytes(1 << 20))
        else:
            f.write(b"x" * size)
    import tracemalloc

    errors = []
    tracemalloc.start()
    try:
        games = list(tempo.read_games(path, on_error=errors.append))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert errors and all("longer than" in e.reason for e in errors if "longer" in e.reason)
    assert any("longer than" in e.reason for e in errors)
    assert len(games) < 100  # random text may hold a stray "game"; no more
    # A game's cap (1 MiB of text, up to 4 bytes a character in Python's
    # strings) and one line: far below the file's size.
    assert peak < 8 << 20, f"peak {peak} bytes traced for a {size}-byte file"
