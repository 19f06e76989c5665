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
