"""Tempo: international draughts (10x10, FMJD rules).

Type stubs for `tempo._tempo`, the extension inside the `tempo` package
(ffi/python/*.cc); tempo/__init__.py re-exports every name. Squares are
numbered 1..50 the FMJD way: 1 is the top-right dark square on Black's side,
50 the bottom-left one on White's side. Scores are from the side to move's
view, 100 = one man.
"""

import enum
import mmap
import os
import sys
from typing import Any, Callable, Dict, List, Optional, Tuple, Union

if sys.version_info >= (3, 12):
    from collections.abc import Buffer
else:
    from typing_extensions import Buffer  # PEP 688: bytearray, memoryview, numpy arrays...

__version__: str
TABLE_MIN_BYTES: int
TABLE_DEFAULT_BYTES: int
# The level parameters as search/params.h defines them, one dict each: name
# (Hub/CLI spelling), field (the keyword of search()), type ('int', 'real',
# 'bool'), min, max, levels ({'easy': 3, ...}), help, override_bit (C ABI).
PARAMS: List[Dict[str, Any]]
# The search limits (search/params.h's kLimitSpecs), one dict each: field
# (the keyword of search()), flag (`tempo analyse`), hub (the Hub's `level`
# argument, times in seconds), min, max (of a value given), help.
LIMITS: List[Dict[str, Any]]

class Color(enum.Enum):
    WHITE = 0
    BLACK = 1
    def __invert__(self) -> Color: ...

class Piece(enum.Enum):
    EMPTY = 0
    WHITE_MAN = 1
    BLACK_MAN = 2
    WHITE_KING = 3
    BLACK_KING = 4
    @property
    def is_white(self) -> bool: ...
    @property
    def is_black(self) -> bool: ...
    @property
    def is_king(self) -> bool: ...

class Move:
    """A legal move together with the position it is played in.

    str(move) is its PDN text (`32-28`, `19x30`, long form when ambiguous)."""

    @property
    def from_square(self) -> int: ...
    @property
    def to_square(self) -> int: ...
    @property
    def captured(self) -> List[int]:
        """Squares of the pieces taken, increasing (empty for a quiet move)."""
    @property
    def path(self) -> List[int]:
        """One route: from, every landing square, to."""
    @property
    def captured_in_order(self) -> List[int]:
        """The piece each jump of `path` takes: jump i goes path[i] -> path[i + 1] over captured_in_order[i]."""
    @property
    def is_capture(self) -> bool: ...
    @property
    def is_promotion(self) -> bool: ...
    @property
    def position(self) -> Position:
        """The position the move is played in."""
    def after(self) -> Position: ...
    def pdn(self) -> str: ...
    def hub(self) -> str:
        """Hub text: from, to, then every captured square (`28x19x23`)."""
    def __eq__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...

MoveLike = Union[Move, str]

class Position:
    """A position: pieces on squares 1..50 and the side to move. Immutable."""

    @staticmethod
    def start() -> Position: ...
    @staticmethod
    def empty(side_to_move: Color = Color.WHITE) -> Position: ...
    @staticmethod
    def from_fen(fen: str) -> Position:
        """PDN FEN (`W:W31-50:B1-20`); ValueError says what is wrong and where."""
    @staticmethod
    def from_hub(text: str) -> Position: ...
    @staticmethod
    def from_pieces(
        *,
        side_to_move: Color = Color.WHITE,
        white_men: List[int] = ...,
        white_kings: List[int] = ...,
        black_men: List[int] = ...,
        black_kings: List[int] = ...,
    ) -> Position: ...
    def fen(self) -> str: ...
    def hub(self) -> str: ...
    def legal_moves(self) -> List[Move]: ...
    def parse_move(self, text: str) -> Move: ...
    def play(self, move: MoveLike) -> Position:
        """The position after a Move or PDN/Hub move text; ValueError if not legal."""
    def must_capture(self) -> bool: ...
    def is_game_over(self) -> bool:
        """True when the side to move has no legal move (and so has lost)."""
    @property
    def side_to_move(self) -> Color: ...
    def __getitem__(self, square: int) -> Piece: ...
    def with_piece(self, square: int, piece: Piece) -> Position: ...
    def with_side_to_move(self, side: Color) -> Position: ...
    def squares(self) -> List[Piece]:
        """The 50 squares: element i is square i + 1."""
    def pieces(self, color: Color) -> List[int]: ...
    def men(self, color: Color) -> List[int]: ...
    def kings(self, color: Color) -> List[int]: ...
    def diagram(self) -> str: ...
    def __eq__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...

def perft(position: Position, depth: int) -> int:
    """Leaves of the legal-move tree at `depth` (0..30). Releases the GIL."""

def perft_divide(position: Position, depth: int) -> List[Tuple[Move, int]]: ...

class GameState(enum.Enum):
    ONGOING = 0
    WIN = 1
    DRAW = 2

class DrawRule(enum.Enum):
    NONE = 0
    REPETITION = 1
    TWENTY_FIVE_MOVES = 2
    SIXTEEN_MOVES = 3
    FIVE_MOVES = 4
    @property
    def description(self) -> str: ...

class GameStatus:
    @property
    def state(self) -> GameState: ...
    @property
    def over(self) -> bool: ...
    @property
    def winner(self) -> Optional[Color]: ...
    @property
    def draw_rule(self) -> DrawRule: ...
    @property
    def result(self) -> str:
        """'2-0', '0-2', '1-1', or '*' while ongoing."""

class Game:
    """A game record: start position, legal moves, PDN tags and result."""

    def __init__(self, start: Union[Position, str, None] = None) -> None: ...
    @staticmethod
    def from_pdn(text: str) -> Game: ...
    @property
    def start(self) -> Position: ...
    @property
    def position(self) -> Position: ...
    @property
    def ply(self) -> int: ...
    def __len__(self) -> int: ...
    @property
    def moves(self) -> List[Move]: ...
    def position_at(self, ply: int) -> Position: ...
    def legal_moves(self) -> List[Move]: ...
    def play(self, move: MoveLike) -> Move: ...
    def undo(self) -> Move: ...
    def occurrences(self) -> int: ...
    def status(self) -> GameStatus: ...
    result: str
    @property
    def tags(self) -> Dict[str, str]: ...
    def tag(self, name: str) -> Optional[str]: ...
    def set_tag(self, name: str, value: str) -> None: ...
    @property
    def comments(self) -> List[Tuple[int, str]]:
        """PDN comments as (ply, text): the text follows the ply-th move (0 = before the first)."""
    def set_comment(self, ply: int, text: str) -> None:
        """Sets the comment after the ply-th move; empty text removes it."""
    @property
    def nags(self) -> List[Tuple[int, int]]:
        """NAGs as (ply, nag): $nag on the ply-th move; marks ! ? !! ?? !? ?! are $1..$6."""
    @property
    def variations(self) -> List[Tuple[int, str]]:
        """Variations as (ply, text): each follows the ply-th move, an alternative to it."""
    def pdn(self) -> str: ...
    def copy(self) -> Game: ...

def read_pdn(text: str) -> List[Game]: ...
def _read_pdn_entries(
    text: str, first_number: int = 1, first_line: int = 1
) -> List[Tuple[int, int, Optional[Game], Optional[Tuple[int, int, int, str]]]]: ...

class CancelToken:
    def __init__(self) -> None: ...
    def cancel(self) -> None: ...
    def reset(self) -> None: ...
    @property
    def cancelled(self) -> bool: ...

class SearchInfo:
    depth: int
    seldepth: int
    score: int
    nodes: int
    time_ms: int
    multipv_index: int
    pv: List[Move]

class ScoredLine:
    move: Move
    score: int
    pv: List[Move]

class SearchResult:
    @property
    def best_move(self) -> Optional[Move]: ...
    @property
    def score(self) -> int: ...
    @property
    def win_in(self) -> Optional[int]:
        """Plies to a forced win, or None."""
    @property
    def loss_in(self) -> Optional[int]:
        """Plies to a forced loss (0: lost now, no legal move), or None."""
    @property
    def score_text(self) -> str:
        """'+0.25'; a win in n plies is 100 - n/100 men ('+99.93': 7 plies), a loss its negative."""
    @property
    def depth(self) -> int: ...
    @property
    def seldepth(self) -> int: ...
    @property
    def nodes(self) -> int: ...
    @property
    def time_ms(self) -> int: ...
    pv: List[Move]
    multipv: List[ScoredLine]
    @property
    def cancelled(self) -> bool: ...
    @property
    def blunder(self) -> bool: ...
    @property
    def book(self) -> bool: ...
    @property
    def tt_status(self) -> str:
        """'reused', 'fresh' or 'reset'."""
    @property
    def tt_reason(self) -> str: ...
    @property
    def egdb_status(self) -> str:
        """What the egdb buffer was: 'ok', 'none' (not given), or why it was not used."""
    @property
    def egdb_value(self) -> Optional[str]:
        """The database's 'win', 'draw' or 'loss' for the position searched, or None."""
    @property
    def egdb_hits(self) -> int:
        """Positions of the search tree scored by the endgame database."""
    @property
    def position(self) -> Position: ...

def search(
    position_or_game: Union[Position, Game],
    *,
    depth: Optional[int] = None,
    movetime_ms: Optional[int] = None,
    nodes: Optional[int] = None,
    multipv: Optional[int] = 1,
    level: str = "expert",
    seed: int = 0,
    tt: Optional[Buffer] = None,
    on_info: Optional[Callable[[SearchInfo], Any]] = None,
    cancel: Optional[CancelToken] = None,
    time_left_ms: Optional[int] = None,
    increment_ms: Optional[int] = None,
    moves_to_go: Optional[int] = None,
    infinite: bool = False,
    egdb: Optional[Buffer] = None,
    max_depth: Optional[int] = None,
    time_limit_ms: Optional[int] = None,
    eval_noise: Optional[int] = None,
    blunder_probability: Optional[float] = None,
    blunder_margin: Optional[int] = None,
    feature_scale: Optional[float] = None,
    use_table: Optional[bool] = None,
    use_killers: Optional[bool] = None,
    threads: Optional[int] = None,
    fresh_table: Optional[bool] = None,
    max_nodes: Optional[int] = None,
    blunder_depth: Optional[int] = None,
    capture_horizon: Optional[int] = None,
    strength: Optional[int] = None,
    book: Optional[bool] = None,
    book_variety: Optional[int] = None,
) -> SearchResult:
    """Searches with the GIL released. `tt` is a writable buffer used in place.

    The limits (depth 1..127, movetime_ms 1..86400000, nodes 1..2^50,
    time_left_ms 1..86400000, increment_ms 0..86400000, moves_to_go 0..1000,
    multipv 1..32; LIMITS) are None when not given; out of range: ValueError.

    max_depth .. threads override the level's parameters one by one; None
    keeps the level's value. Their ranges are in PARAMS (max_depth 1..127,
    time_limit_ms 0..86400000, eval_noise 0..10000, blunder_probability 0..1,
    blunder_margin 0..10000, feature_scale 0..4, threads 1..64,
    max_nodes 0..1000000000, blunder_depth 0..16, capture_horizon 0..127,
    strength 400..3000, book_variety 0..100); out of range: ValueError. strength sets the strength ladder's
    parameters together (max_depth, max_nodes, eval_noise, the blunder
    parameters, capture_horizon, feature_scale) and applies first: any of them
    given as well keeps its own value. threads > 1 searches with that many threads over `tt` (every
    level's value is 1); on_info is still called on the calling thread.
    fresh_table=True clears tt first. book (Expert: on) answers a position of the
    compiled-in opening book at once with a book move (result.book), unless a
    depth, infinite or multipv > 1 is asked; book_variety (Expert: 10) picks,
    by the seed, among the book moves within that much of the best. infinite=True searches until `cancel`
    (required) is triggered, whatever the level (pondering)."""

def score_text(score: int) -> str:
    """'+0.25'; a win in n plies (score 30000 - n) is 100 - n/100 men ('+99.93'), a loss its negative."""

def table_info(buffer: Buffer) -> Dict[str, Any]: ...
def clear_table(buffer: Buffer) -> None: ...

class _EgdbModule:
    """tempo.egdb: the endgame database (win/draw/loss), read from a buffer you own."""
    @staticmethod
    def probe(position: Position, egdb: Buffer) -> Optional[str]:
        """'win', 'draw' or 'loss' for the side to move, or None when the position is not in the database.
        ValueError when the buffer is not a usable database."""
    @staticmethod
    def info(egdb: Buffer, verify: bool = False) -> Dict[str, Any]:
        """{'status', 'bytes', 'max_pieces', 'slices'}; verify=True also checks every slice's checksum."""
    @staticmethod
    def open(path: Union[str, bytes, "os.PathLike[str]"]) -> "mmap.mmap":
        """The database file (or DIR/tempo.egdb) mapped read-only and shared, usable as an egdb buffer.
        OSError when it cannot be opened; ValueError for a non-regular, empty or too large file."""
    MAX_BYTES: int

egdb: _EgdbModule
