// Board helpers: the app's rotated numbering and plain move values that can
// cross isolates.

/// The app numbers the board rotated against FMJD (its White starts on 1-20):
/// app square s is FMJD square 51 - s, and the same map goes back. Colours are
/// not changed, only the numbering.
int rotateSquare(int square) {
  if (square < 1 || square > 50) {
    throw RangeError.range(square, 1, 50, 'square');
  }
  return 51 - square;
}

/// A 51-entry board (index 0 unused) renumbered between the app's numbering
/// and FMJD's; piece codes (0 empty, 1 white man, 2 black man, 3 white king,
/// 4 black king) are unchanged. Its own inverse.
List<int> rotateBoard(List<int> board) {
  if (board.length != 51) {
    throw ArgumentError.value(board.length, 'board.length', 'must be 51');
  }
  final out = List<int>.filled(51, 0);
  for (var s = 1; s <= 50; ++s) {
    out[51 - s] = board[s];
  }
  return out;
}

/// A legal move: from, to, the squares of the pieces it takes (increasing in
/// FMJD numbering) and one route (from, each landing square, to) for
/// animation. Square numbers are in whichever numbering it was made in.
class TempoMove {
  const TempoMove({required this.from, required this.to, this.captured = const [], this.path = const []});

  final int from;
  final int to;
  final List<int> captured;
  final List<int> path;

  bool get isCapture => captured.isNotEmpty;

  /// The same move in the other numbering (see [rotateSquare]).
  TempoMove rotated() => TempoMove(
        from: rotateSquare(from),
        to: rotateSquare(to),
        captured: [for (final s in captured) rotateSquare(s)],
        path: [for (final s in path) rotateSquare(s)],
      );

  /// Same FMJD move: from, to and the captured set (routes do not matter).
  bool sameMove(TempoMove other) =>
      from == other.from && to == other.to && captured.toSet().containsAll(other.captured) &&
      captured.length == other.captured.length;

  @override
  String toString() => captured.isEmpty ? '$from-$to' : '$from' 'x$to';
}
