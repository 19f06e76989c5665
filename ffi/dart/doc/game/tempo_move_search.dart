// The game's local AI on Tempo. This file goes into the game, as
// mobile/lib/features/game/data/tempo_move_search.dart, beside ai_service.dart;
// README.md ("Swapping the game's engine for Tempo") gives the few lines that
// change in AiService and AiNotifier. Written against the game's sources at
// commit 854897dbb42a080f8e5787d52c24a0d11657d2e2 (draughts_engine's Move,
// CaptureStep, Piece, DifficultyConfig, applyMove, GameState.moveHistory) and
// to its analysis_options.yaml; this package's analysis excludes doc/game/
// because draughts_engine is the game's package, not a dependency of this one.
import 'package:draughts_engine/draughts_engine.dart';
import 'package:tempo/tempo.dart' as tempo;

/// Finds the game's moves with Tempo: one service, one table carried from
/// move to move, each search in its own isolate.
class TempoMoveSearch {
  final tempo.TempoAi _ai = tempo.TempoAi();

  /// The best move for [player] on [board] at [config]'s strength, or null
  /// when there is no legal move or [cancel] came first.
  ///
  /// [moveHistory] is the game's `GameState.moveHistory`, the moves since the
  /// start position: with it Tempo sees repetitions and the 25- and 16-move
  /// counters, so the draw rules apply inside the search. When it does not
  /// lead from the start position to [board] (a game set up another way), the
  /// search starts from [board] alone.
  Future<Move?> findBestMove({
    required BoardPosition board,
    required PlayerColor player,
    required DifficultyConfig config,
    List<String> moveHistory = const [],
  }) async {
    final history = _historyTo(board, player, moveHistory);
    final answer = await _ai.findBestMove(
      board: _codes(history == null ? board : createInitialBoard()),
      whiteToMove: history != null || player == PlayerColor.white,
      history: history ?? const [],
      params: _params(config),
      seed: DateTime.now().microsecondsSinceEpoch,
    );
    final move = answer.move;
    if (answer.stale || move == null) return null;
    return _appMove(move);
  }

  /// Fills the table on the person's time: call it once the engine's move is
  /// on the board, with the position the person must move from. The next
  /// [findBestMove] stops it and takes the table over; [cancel] stops it too.
  Future<void> ponder({
    required BoardPosition board,
    required PlayerColor player,
    required DifficultyConfig config,
    List<String> moveHistory = const [],
  }) async {
    final history = _historyTo(board, player, moveHistory);
    await _ai.ponder(
      board: _codes(history == null ? board : createInitialBoard()),
      whiteToMove: history != null || player == PlayerColor.white,
      history: history ?? const [],
      params: _params(config),
    );
  }

  /// The person moved, undid a move or started a new game: the running
  /// search stops now, queued ones never start, and their answers are null.
  void cancel() => _ai.cancel();

  /// Stops everything and frees the table (the notifier is disposed).
  Future<void> close() => _ai.close();

  /// Every parameter of the game's level, one by one: Tempo plays the game's
  /// own Easy, Medium and Hard.
  static tempo.TempoParams _params(DifficultyConfig config) {
    return tempo.TempoParams(
      maxDepth: config.maxDepth,
      timeLimitMs: config.timeLimitMs,
      evalNoise: config.noiseAmplitude.round(),
      blunderProbability: config.blunderProbability,
      blunderMargin: config.blunderMargin.round(),
      featureScale: config.evalFeatureScale,
      useTable: config.useTranspositionTable,
      useKillers: config.useKillerMoves,
    );
  }

  /// The moves of [moveHistory] as Tempo moves, if they lead from the start
  /// position to [board] with [player] to move (checked with the game's own
  /// engine); null otherwise.
  static List<tempo.TempoMove>? _historyTo(
    BoardPosition board,
    PlayerColor player,
    List<String> moveHistory,
  ) {
    if (moveHistory.isEmpty) return null;
    var state = createInitialGameState();
    final moves = <tempo.TempoMove>[];
    for (final text in moveHistory) {
      final move = _parse(text);
      if (move == null) return null;
      final result = applyMove(state, move);
      if (!result.isValid) return null;
      state = result.newState;
      moves.add(_tempoMove(move));
    }
    if (state.currentPlayer != player || !positionsEqual(state.board, board)) {
      return null;
    }
    return moves;
  }

  /// One entry of `GameState.moveHistory`: `32-28`, or a capture as its
  /// steps `from x captured x to`, comma-separated (`28x33x39,39x44x50`).
  static Move? _parse(String text) {
    final quiet = text.split('-');
    if (quiet.length == 2) {
      final from = int.tryParse(quiet[0]);
      final to = int.tryParse(quiet[1]);
      if (from == null || to == null) return null;
      return QuietMove(from: from, to: to);
    }
    final steps = <CaptureStep>[];
    for (final part in text.split(',')) {
      final squares = part.split('x').map(int.tryParse).toList();
      if (squares.length != 3) return null;
      final from = squares[0];
      final captured = squares[1];
      final to = squares[2];
      if (from == null || captured == null || to == null) return null;
      steps.add(CaptureStep(from: from, to: to, captured: captured));
    }
    return CaptureMove(steps: steps);
  }

  static tempo.TempoMove _tempoMove(Move move) {
    switch (move) {
      case QuietMove(:final from, :final to):
        return tempo.TempoMove(from: from, to: to);
      case CaptureMove(:final steps):
        return tempo.TempoMove.fromSteps([
          for (final step in steps)
            tempo.TempoStep(from: step.from, to: step.to, captured: step.captured),
        ]);
    }
  }

  /// Tempo's answer in the game's types: a capture jump by jump, each step
  /// with the square it lands on and the piece it takes.
  static Move _appMove(tempo.TempoMove move) {
    if (!move.isCapture) return QuietMove(from: move.from, to: move.to);
    return CaptureMove(
      steps: [
        for (final step in move.steps)
          CaptureStep(from: step.from, to: step.to, captured: step.captured),
      ],
    );
  }

  /// The game's board (the rotated numbering Tempo calls rotated, its
  /// default) as Tempo's piece codes.
  static List<int> _codes(BoardPosition board) {
    return [
      for (final piece in board)
        if (piece == null)
          tempo.TEMPO_EMPTY
        else if (piece.color == PlayerColor.white)
          piece.type == PieceType.man ? tempo.TEMPO_WHITE_MAN : tempo.TEMPO_WHITE_KING
        else
          piece.type == PieceType.man ? tempo.TEMPO_BLACK_MAN : tempo.TEMPO_BLACK_KING,
    ];
  }
}
