"""read_games(): PDN games streamed from a file, reading on past bad games."""
import os
import re
import warnings
from typing import IO, Callable, Iterator, Optional, Union

from . import _tempo

# A line that starts a game's tags: `[Name "`.
_TAG_LINE = re.compile(r'\[[A-Za-z0-9_]+[ \t]*"')
# A line ending in a result token, then a line starting with a move number:
# the boundary between games of a file without tags.
_RESULT_END = re.compile(r'(?:^|\s)(?:2-0|0-2|1-1|0-0|1-0|0-1|1/2-1/2|\*)\s*$')
_MOVE_START = re.compile(r"\s*\d+\.")


class PdnWarning(UserWarning):
    """The warning read_games() gives for a bad game when no on_error is passed."""


class PdnError(ValueError):
    """A game read_games() could not read: its number in the file, line, column and the reason."""

    def __init__(self, game: int, line: int, column: int, reason: str, source: Optional[str] = None):
        self.game = game
        self.line = line
        self.column = column
        self.reason = reason
        self.source = source
        where = f"{source}: " if source else ""
        super().__init__(f"{where}PDN game {game}, line {line}, column {column}: {reason}")


# A game's text is at most this many characters: the rest of a longer one
# (or of a file with no game boundary at all, such as random bytes) is
# skipped up to the next game and reported as one bad game.
MAX_GAME_CHARS = 1 << 20
# Lines are read at most this long (a file without newlines stays bounded).
_LINE_CHARS = 1 << 16


def _bounded_lines(f):
    """The lines of a file object, each at most _LINE_CHARS (a longer one comes in pieces)."""
    while True:
        line = f.readline(_LINE_CHARS)
        if not line:
            return
        yield line


def _lines(source):
    """(lines, name, close) for a path or an open file (text or binary)."""
    if isinstance(source, (str, bytes, os.PathLike)):
        f = open(source, encoding="utf-8", errors="replace", newline=None)
        return _bounded_lines(f), os.fsdecode(source), f.close
    if hasattr(source, "read"):
        name = getattr(source, "name", None)
        if isinstance(source.read(0), bytes):
            return (raw.decode("utf-8", errors="replace") for raw in _bounded_lines(source)), name, None
        return _bounded_lines(source), name, None
    raise TypeError(f"read_games() needs a path or an open file, got {type(source).__name__}")


def read_games(
    source: Union[str, bytes, "os.PathLike[str]", IO[str], IO[bytes]],
    *,
    on_error: Union[None, str, Callable[["PdnError"], object]] = None,
    chunk_chars: int = 1 << 20,
) -> Iterator["_tempo.Game"]:
    """Yields each game of a PDN file as a tempo.Game, reading on past bad games.

    source: a path, or a file opened in text or binary mode (read as UTF-8,
    bad bytes replaced). The file is read in pieces of about `chunk_chars`
    characters, cut where a game's tags start (or, in a file without tags,
    between a result and the next move number), so memory stays small
    whatever the file's size: a game's text is at most MAX_GAME_CHARS (1 MiB);
    the rest of a longer one, or of text with no game boundary at all, is
    skipped up to the next game and reported as one bad game.

    A bad game (an illegal move, a bad FEN, an unclosed comment...) is
    skipped and reported as a PdnError (a ValueError with .game, its number
    in the file counting bad games, .line, .column and .reason):
    on_error=None gives a PdnWarning, on_error="raise" raises it, and a
    callable (e.g. errors.append) receives it. Reading goes on with the next
    game. Variations, NAGs and comments are kept (Game.variations, .nags,
    .comments); results `1-0 1/2-1/2 0-1` read as `2-0 1-1 0-2`.
    """
    if not (on_error is None or on_error == "raise" or callable(on_error)):
        raise TypeError("on_error must be None, 'raise' or a callable taking a PdnError")
    lines, name, close = _lines(source)

    def report(err):
        if on_error is None:
            warnings.warn(str(err), PdnWarning, stacklevel=3)
        elif on_error == "raise":
            raise err
        else:
            on_error(err)

    try:
        number = 1
        for text, first_line, skipped in _pieces(lines, chunk_chars):
            if skipped is not None:
                report(PdnError(number, first_line, 1, skipped, source=name))
                number += 1
                continue
            entries = _tempo._read_pdn_entries(text, number, first_line)
            number += len(entries)
            for _, _, game, error in entries:
                if game is not None:
                    yield game
                    continue
                report(PdnError(*error, source=name))
    finally:
        if close is not None:
            close()


def _pieces(lines, chunk_chars):
    """(text, first line number, None) pieces of about chunk_chars, cut between games; and
    (None, first line number, reason) for a game longer than MAX_GAME_CHARS, skipped."""
    piece, size, first_line, line_no = [], 0, 1, 0
    game_at, game_chars = 0, 0  # where the current game starts in piece, and its length so far
    skipping, skip_line, skip_chars = False, 0, 0
    tags_done, last = False, ""
    for line in lines:
        line_no += 1
        boundary = False
        if line.startswith("[") and _TAG_LINE.match(line):
            boundary = tags_done
        elif _MOVE_START.match(line) and _RESULT_END.search(last):
            boundary = True
        if boundary:
            if skipping:
                yield None, skip_line, _too_long(skip_chars)
                skipping, piece, size, first_line = False, [], 0, line_no
            elif size >= chunk_chars:
                yield "".join(piece), first_line, None
                piece, size, first_line = [], 0, line_no
            game_at, game_chars = len(piece), 0
        stripped = line.lstrip()
        if stripped:
            tags_done = not stripped.startswith("[")
            last = line
        if skipping:
            skip_chars += len(line)
            continue
        piece.append(line)
        size += len(line)
        game_chars += len(line)
        if game_chars > MAX_GAME_CHARS:
            # The games before this one go on as usual; this one is dropped up to the next boundary.
            if game_at > 0:
                yield "".join(piece[:game_at]), first_line, None
            skip_line = first_line + sum(p.count("\n") for p in piece[:game_at])
            skipping, skip_chars = True, game_chars
            piece, size, game_at, game_chars = [], 0, 0, 0
    if skipping:
        yield None, skip_line, _too_long(skip_chars)
    elif piece:
        yield "".join(piece), first_line, None


def _too_long(chars):
    return f"game text longer than {MAX_GAME_CHARS} characters ({chars} skipped up to the next game)"
