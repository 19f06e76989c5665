"""Tempo: international draughts (10x10, FMJD rules) from Python.

- Rules: ``Position`` (immutable; ``legal_moves()``, ``play()``, FEN and Hub
  text), ``Move`` (a legal move with the position it is played in).
- Records: ``Game`` (moves checked against the rules, the FMJD draw rules,
  PDN tags, comments, NAGs and variations), ``read_pdn()`` (a whole text,
  stops at the first error) and ``read_games()`` (streams a file, reads on
  past bad games).
- The engine: ``search()`` (depth, time or node limits, levels, a
  transposition table in a buffer you own; the GIL is released while it
  thinks), ``perft()``, ``table_info()``, ``clear_table()``.
- Pictures: ``svg()``; a Position or Game draws itself in Jupyter.
- Analysis at scale: ``tempo.analysis`` (local processes or a Dask cluster).

Squares are numbered 1..50 the FMJD way (1 top right on Black's side, 50
bottom left on White's side); scores are from the side to move's view,
100 = one man.
"""
from . import _tempo
from ._tempo import *  # noqa: F401,F403  (the extension's public names)
from ._tempo import __version__
from .pdn_stream import PdnError, PdnWarning, read_games
from .render import svg

__all__ = sorted(
    [name for name in vars(_tempo) if not name.startswith("_")]
    + ["PdnError", "PdnWarning", "read_games", "svg", "analysis"]
)


def _position_svg(self):
    """SVG of the board, for Jupyter (see tempo.svg)."""
    return svg(self)


def _game_svg(self):
    """SVG of the game's current position with its last move, for Jupyter (see tempo.svg)."""
    return svg(self)


Position._repr_svg_ = _position_svg  # noqa: F405
Game._repr_svg_ = _game_svg  # noqa: F405

from . import analysis  # noqa: E402  (needs the names above)
