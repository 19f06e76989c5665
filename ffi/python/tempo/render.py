"""The board as SVG: ``tempo.svg()``, and what Jupyter shows for a Position or Game."""
from typing import Iterable, Optional, Sequence, Tuple, Union
from xml.sax.saxutils import escape

from . import _tempo

Arrow = Union["_tempo.Move", Tuple[int, ...]]

_LIGHT = "#f0dcb4"
_DARK = "#a87848"
_MOVE_COLOR = "#1f77b4"
_PV_COLORS = ("#2ca02c", "#d62728")  # the side to move's moves, then the other side's
_ARROW_COLOR = "#ff7f0e"


def _square_cell(square, flipped):
    """(column, row) of a square on the 10x10 grid, White at the bottom unless flipped."""
    row, k = divmod(square - 1, 5)
    col = 2 * k + (1 if row % 2 == 0 else 0)
    if flipped:
        row, col = 9 - row, 9 - col
    return col, row


def _route(item):
    """Squares an arrow passes through: a Move's path, a (from, to) pair, or a longer tuple."""
    if isinstance(item, _tempo.Move):
        return list(item.path)
    route = [int(s) for s in item]
    if len(route) < 2:
        raise ValueError(f"an arrow needs at least two squares, got {item!r}")
    for s in route:
        if not 1 <= s <= 50:
            raise ValueError(f"square {s} is off the board (squares are 1..50)")
    return route


def svg(
    board: Union["_tempo.Position", "_tempo.Game"],
    *,
    size: float = 400,
    move: Optional["_tempo.Move"] = None,
    pv: Optional[Sequence["_tempo.Move"]] = None,
    arrows: Iterable[Arrow] = (),
    numbers: bool = False,
    flipped: bool = False,
    last_move: bool = True,
) -> str:
    """SVG text of a board, for Jupyter, files or web pages.

    board: a Position, or a Game (its current position; with last_move=True
    its last move is drawn as an arrow unless `move` is given).
    move: a Move to draw as an arrow (a capture follows its route).
    pv: a list of Moves (e.g. SearchResult.pv) drawn as numbered arrows,
    the side to move's in green, the replies in red.
    arrows: more arrows, each a Move or a tuple of squares (from, ..., to).
    numbers: write the square numbers 1..50 on the dark squares.
    flipped: Black at the bottom. size: width and height in pixels.

    Every piece is a <g> with class "piece" and one of "white-man",
    "black-man", "white-king", "black-king", and its square in data-square.
    """
    if isinstance(board, _tempo.Game):
        position = board.position
        if move is None and last_move and board.ply > 0:
            move = board.moves[-1]
    elif isinstance(board, _tempo.Position):
        position = board
    else:
        raise TypeError(f"svg() needs a tempo.Position or tempo.Game, got {type(board).__name__}")
    if not isinstance(size, (int, float)) or isinstance(size, bool) or size <= 0:
        raise ValueError(f"size must be a positive number, got {size!r}")
    cell = 40  # drawing units; the viewBox scales them to `size`
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {10 * cell} {10 * cell}" '
        f'width="{size}" height="{size}" class="tempo-board">',
        f"<title>{escape(position.fen())}</title>",
        "<defs>",
    ]
    for name, color in (("move", _MOVE_COLOR), ("pv0", _PV_COLORS[0]), ("pv1", _PV_COLORS[1]), ("arrow", _ARROW_COLOR)):
        out.append(
            f'<marker id="tempo-head-{name}" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="3.5" '
            f'markerHeight="3.5" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{color}"/></marker>'
        )
    out.append("</defs>")
    out.append(f'<rect x="0" y="0" width="{10 * cell}" height="{10 * cell}" fill="{_LIGHT}"/>')
    for square in range(1, 51):
        col, row = _square_cell(square, flipped)
        out.append(
            f'<rect class="square" data-square="{square}" x="{col * cell}" y="{row * cell}" '
            f'width="{cell}" height="{cell}" fill="{_DARK}"/>'
        )
        if numbers:
            out.append(
                f'<text class="square-number" x="{col * cell + 2}" y="{row * cell + 9}" font-size="8" '
                f'font-family="sans-serif" fill="#f8f0e0">{square}</text>'
            )
    kinds = {
        _tempo.Piece.WHITE_MAN: ("white-man", "#fbfbf6", "#333"),
        _tempo.Piece.BLACK_MAN: ("black-man", "#222", "#000"),
        _tempo.Piece.WHITE_KING: ("white-king", "#fbfbf6", "#333"),
        _tempo.Piece.BLACK_KING: ("black-king", "#222", "#000"),
    }
    for square, piece in enumerate(position.squares(), 1):
        if piece == _tempo.Piece.EMPTY:
            continue
        kind, fill, stroke = kinds[piece]
        col, row = _square_cell(square, flipped)
        cx, cy = col * cell + cell / 2, row * cell + cell / 2
        parts = [
            f'<g class="piece {kind}" data-square="{square}">',
            f'<circle cx="{cx}" cy="{cy}" r="{cell * 0.4}" fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>',
            f'<circle cx="{cx}" cy="{cy}" r="{cell * 0.27}" fill="none" stroke="{stroke}" stroke-width="0.8"/>',
        ]
        if piece.is_king:
            mark = "#c8a000"
            parts.append(f'<circle cx="{cx}" cy="{cy}" r="{cell * 0.13}" fill="{mark}" stroke="{stroke}" stroke-width="0.8"/>')
        parts.append("</g>")
        out.append("".join(parts))

    def arrow(route, color_name, color, label=None, opacity=0.85):
        points = []
        for s in route:
            col, row = _square_cell(s, flipped)
            points.append(f"{col * cell + cell / 2},{row * cell + cell / 2}")
        out.append(
            f'<polyline class="arrow {color_name}" points="{" ".join(points)}" fill="none" stroke="{color}" '
            f'stroke-width="{cell * 0.13}" stroke-linecap="round" stroke-linejoin="round" opacity="{opacity}" '
            f'marker-end="url(#tempo-head-{color_name})"/>'
        )
        if label is not None:
            col, row = _square_cell(route[-1], flipped)
            out.append(
                f'<text class="arrow-label" x="{col * cell + cell - 9}" y="{row * cell + 11}" font-size="10" '
                f'font-family="sans-serif" font-weight="bold" fill="{color}">{label}</text>'
            )

    for item in arrows:
        arrow(_route(item), "arrow", _ARROW_COLOR)
    for i, m in enumerate(pv or ()):
        arrow(_route(m), f"pv{i % 2}", _PV_COLORS[i % 2], label=i + 1, opacity=max(0.35, 0.85 - 0.1 * i))
    if move is not None:
        arrow(_route(move), "move", _MOVE_COLOR)
    out.append("</svg>")
    return "\n".join(out)
