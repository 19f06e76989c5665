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
    out[rotateSquare(s)] = board[s];
  }
  return out;
}

/// One jump of a capture: the piece goes from [from] to [to] and takes the
/// piece on [captured].
class TempoStep {
  const TempoStep({required this.from, required this.to, required this.captured});

  final int from;
  final int to;
  final int captured;

  @override
  bool operator ==(Object other) =>
      other is TempoStep && from == other.from && to == other.to && captured == other.captured;

  @override
  int get hashCode => Object.hash(from, to, captured);

  @override
  String toString() => '$from' 'x$to (takes $captured)';
}

/// A legal move: from, to, the squares of the pieces it takes, and one route
/// for animation. Square numbers are in whichever numbering it was made in.
///
/// - [captured]: the pieces taken as a set (increasing in FMJD numbering);
///   this is what identifies the move, with [from] and [to].
/// - [path]: from, each landing square, to (2 entries for a quiet move,
///   1 + captures for a capture).
/// - [capturedInOrder]: the piece each jump of [path] takes, jump by jump, so
///   [steps] can give (from, to, taken) per jump without working out which
///   piece lies between two landing squares.
class TempoMove {
  const TempoMove({
    required this.from,
    required this.to,
    this.captured = const [],
    this.path = const [],
    this.capturedInOrder = const [],
  });

  /// A capture given jump by jump (e.g. the app's capture steps): from the
  /// first step's start to the last step's landing square.
  factory TempoMove.fromSteps(List<TempoStep> steps) {
    if (steps.isEmpty) {
      throw ArgumentError.value(steps, 'steps', 'a capture has at least one step');
    }
    for (var i = 1; i < steps.length; ++i) {
      if (steps[i].from != steps[i - 1].to) {
        throw ArgumentError.value(
          steps,
          'steps',
          'step ${i + 1} starts on ${steps[i].from}, not where step $i landed (${steps[i - 1].to})',
        );
      }
    }
    final taken = [for (final s in steps) s.captured];
    return TempoMove(
      from: steps.first.from,
      to: steps.last.to,
      captured: taken,
      path: [steps.first.from, for (final s in steps) s.to],
      capturedInOrder: taken,
    );
  }

  final int from;
  final int to;
  final List<int> captured;
  final List<int> path;
  final List<int> capturedInOrder;

  bool get isCapture => captured.isNotEmpty;

  /// The jumps of a capture in order (empty for a quiet move). Throws a
  /// [StateError] when the move carries no route and step order (a move
  /// made by hand with only [captured]).
  List<TempoStep> get steps {
    if (!isCapture) return const [];
    if (path.length != captured.length + 1 || capturedInOrder.length != captured.length) {
      throw StateError(
        'move $this has no route in step order (path ${path.length} squares, '
        'capturedInOrder ${capturedInOrder.length}, ${captured.length} captures)',
      );
    }
    return [
      for (var i = 0; i < captured.length; ++i)
        TempoStep(from: path[i], to: path[i + 1], captured: capturedInOrder[i]),
    ];
  }

  /// The same move in the other numbering (see [rotateSquare]).
  TempoMove rotated() => TempoMove(
        from: rotateSquare(from),
        to: rotateSquare(to),
        captured: [for (final s in captured) rotateSquare(s)],
        path: [for (final s in path) rotateSquare(s)],
        capturedInOrder: [for (final s in capturedInOrder) rotateSquare(s)],
      );

  /// Same move: from, to and the captured set (routes do not matter).
  bool sameMove(TempoMove other) =>
      from == other.from && to == other.to && captured.toSet().containsAll(other.captured) &&
      captured.length == other.captured.length;

  @override
  String toString() => captured.isEmpty ? '$from-$to' : '$from' 'x$to';
}
