// Play international draughts against Tempo: a board, a level, a hint, and
// the engine pondering while you think. `flutter run` from this directory on
// any platform the plugin builds for.
//
// How the plugin is used:
//  - one TempoAi for the app's life: its table carries from move to move;
//  - every search gets the start position and the moves played since, so the
//    draw rules (repetition, 25- and 16-move rules) apply inside the search;
//  - after the engine's move, ponder() fills the table on your time; your
//    move's findBestMove stops it and reuses the table; a hint does the same;
//  - a new game cancel()s whatever runs, so no stale answer is played;
//  - the rules on the board (legal moves, playing a move, the game's result)
//    come from TempoBindings directly: microsecond calls on the UI isolate.
import 'dart:async';
import 'dart:ffi';

import 'package:ffi/ffi.dart';
import 'package:flutter/material.dart';
import 'package:tempo/tempo.dart';

void main() => runApp(const TempoExampleApp());

/// The start position in FMJD numbering (Black on 1-20, White on 31-50).
final List<int> startBoard = [
  for (var square = 0; square <= 50; ++square)
    square == 0
        ? TEMPO_EMPTY
        : square <= 20
            ? TEMPO_BLACK_MAN
            : square > 30
                ? TEMPO_WHITE_MAN
                : TEMPO_EMPTY,
];

/// The app.
class TempoExampleApp extends StatelessWidget {
  /// Creates the app.
  const TempoExampleApp({super.key});

  @override
  Widget build(BuildContext context) {
    return MaterialApp(
      title: 'Tempo',
      theme: ThemeData(colorSchemeSeed: Colors.brown),
      home: const GamePage(),
    );
  }
}

/// One game: you play White against Tempo at the chosen level.
class GamePage extends StatefulWidget {
  /// Creates the game page.
  const GamePage({super.key});

  @override
  State<GamePage> createState() => _GamePageState();
}

class _GamePageState extends State<GamePage> {
  final TempoAi _ai = TempoAi();
  final _Rules _rules = _Rules(TempoBindings.open());
  List<TempoMove> _history = const [];
  late _Position _position = _rules.replay(_history);
  TempoLevel _level = TempoLevel.medium;
  int? _selected;
  TempoMove? _hint;
  bool _thinking = false;
  int _game = 0; // a new game makes the answers of the old one stale
  String _note = 'You play White.';

  @override
  void dispose() {
    unawaited(_ai.close());
    super.dispose();
  }

  bool get _yourTurn => !_thinking && _position.ongoing && _position.whiteToMove;

  void _play(TempoMove move) {
    _history = [..._history, move];
    _position = _rules.replay(_history);
    _selected = null;
    _hint = null;
  }

  void _tap(int square) {
    if (!_yourTurn) return;
    final from = _selected;
    if (from != null) {
      // Two captures with the same start and landing square: the first one
      // (the game's dialog asks which; tempo_move's path tells them apart).
      final move = _position.moves.where((m) => m.from == from && m.to == square).firstOrNull;
      if (move != null) {
        setState(() => _play(move));
        unawaited(_engineMoves());
        return;
      }
    }
    setState(() => _selected = _position.moves.any((m) => m.from == square) ? square : null);
  }

  Future<void> _engineMoves() async {
    if (!_position.ongoing) return;
    final game = _game;
    setState(() => _thinking = true);
    try {
      final answer = await _ai.findBestMove(
        board: startBoard,
        whiteToMove: true,
        history: _history,
        rotated: false,
        level: _level,
        seed: DateTime.now().microsecondsSinceEpoch,
      );
      if (!mounted || game != _game || answer.stale) return;
      final move = answer.move;
      setState(() {
        _thinking = false;
        if (move != null) _play(move);
        _note = 'Tempo: depth ${answer.depth}, ${answer.nodes} nodes, ${answer.timeMs} ms.';
      });
      unawaited(_ponder());
    } on TempoException catch (e) {
      if (mounted && game == _game) setState(() => _note = e.message);
    }
  }

  /// Searches your position on your time; the table it fills answers the
  /// engine's next search sooner.
  Future<void> _ponder() async {
    if (!_position.ongoing) return;
    final game = _game;
    try {
      final pondered = await _ai.ponder(
        board: startBoard,
        whiteToMove: true,
        history: _history,
        rotated: false,
        level: _level,
      );
      if (mounted && game == _game && pondered.searched) {
        setState(() => _note = 'Tempo pondered to depth ${pondered.depth} on your time.');
      }
    } on TempoException catch (e) {
      if (mounted && game == _game) setState(() => _note = e.message);
    }
  }

  Future<void> _showHint() async {
    final game = _game;
    setState(() => _thinking = true);
    try {
      final answer = await _ai.findBestMove(
        board: startBoard,
        whiteToMove: true,
        history: _history,
        rotated: false,
        level: TempoLevel.expert,
        movetimeMs: 1000,
      );
      if (!mounted || game != _game) return;
      setState(() {
        _thinking = false;
        _hint = answer.stale ? null : answer.move;
        _note = _hint == null ? 'No hint.' : 'Hint: ${answer.pv.split(' ').first}';
      });
      unawaited(_ponder());
    } on TempoException catch (e) {
      if (mounted && game == _game) setState(() => _note = e.message);
    }
  }

  void _setLevel(TempoLevel? level) {
    if (level == null) return;
    setState(() => _level = level);
    if (_yourTurn && _history.isNotEmpty) unawaited(_ponder()); // at the new level
  }

  void _newGame() {
    _ai.cancel();
    setState(() {
      _game++;
      _history = const [];
      _position = _rules.replay(_history);
      _selected = null;
      _hint = null;
      _thinking = false;
      _note = 'You play White.';
    });
  }

  String get _status {
    if (_thinking) return 'Tempo is thinking...';
    return switch (_position.result) {
      TEMPO_RESULT_WHITE_WINS => 'You win.',
      TEMPO_RESULT_BLACK_WINS => 'Tempo wins.',
      TEMPO_RESULT_DRAW => 'Draw (${_drawRule(_position.drawRule)}).',
      _ => _note,
    };
  }

  static String _drawRule(int rule) => switch (rule) {
        TEMPO_DRAW_REPETITION => 'threefold repetition',
        TEMPO_DRAW_25_MOVES => '25-move rule',
        TEMPO_DRAW_16_MOVES => '16-move rule',
        TEMPO_DRAW_5_MOVES => '5-move rule',
        _ => 'draw rule',
      };

  @override
  Widget build(BuildContext context) {
    return Scaffold(
      appBar: AppBar(title: const Text('Tempo')),
      body: SafeArea(
        child: Column(
          children: [
            Padding(
              padding: const EdgeInsets.all(8),
              child: Row(
                children: [
                  DropdownButton<TempoLevel>(
                    value: _level,
                    items: [
                      for (final level in TempoLevel.values)
                        DropdownMenuItem<TempoLevel>(value: level, child: Text(level.name)),
                    ],
                    onChanged: _setLevel,
                  ),
                  const Spacer(),
                  TextButton(onPressed: _yourTurn ? _showHint : null, child: const Text('Hint')),
                  TextButton(onPressed: _newGame, child: const Text('New game')),
                ],
              ),
            ),
            Expanded(
              child: Center(
                child: AspectRatio(aspectRatio: 1, child: _board()),
              ),
            ),
            Padding(
              padding: const EdgeInsets.all(12),
              child: Text(_status),
            ),
          ],
        ),
      ),
    );
  }

  Widget _board() {
    return GridView.count(
      crossAxisCount: 10,
      physics: const NeverScrollableScrollPhysics(),
      children: [
        for (var cell = 0; cell < 100; ++cell) _cell(cell ~/ 10, cell % 10),
      ],
    );
  }

  Widget _cell(int row, int column) {
    if ((row + column).isEven) return const ColoredBox(color: Color(0xFFF0D9B5));
    final square = row * 5 + column ~/ 2 + 1; // FMJD: 1-5 on the top row
    final hint = _hint;
    final selected = _selected;
    final marked = square == selected || (hint != null && (square == hint.from || square == hint.to));
    final target = selected != null && _position.moves.any((m) => m.from == selected && m.to == square);
    final Color color;
    if (marked) {
      color = Colors.teal.shade700;
    } else if (target) {
      color = Colors.brown.shade300;
    } else {
      color = const Color(0xFF8B5A2B);
    }
    return GestureDetector(
      onTap: () => _tap(square),
      child: ColoredBox(
        color: color,
        child: CustomPaint(painter: _PiecePainter(_position.board[square])),
      ),
    );
  }
}

/// A man or a king (a gold ring) on its square.
class _PiecePainter extends CustomPainter {
  const _PiecePainter(this.piece);

  final int piece;

  @override
  void paint(Canvas canvas, Size size) {
    if (piece == TEMPO_EMPTY) return;
    final white = piece == TEMPO_WHITE_MAN || piece == TEMPO_WHITE_KING;
    final center = size.center(Offset.zero);
    final radius = size.shortestSide * 0.38;
    canvas
      ..drawCircle(center, radius, Paint()..color = white ? const Color(0xFFFAFAFA) : const Color(0xFF202020))
      ..drawCircle(
        center,
        radius,
        Paint()
          ..style = PaintingStyle.stroke
          ..strokeWidth = 1.5
          ..color = const Color(0xFF7F7F7F),
      );
    if (piece == TEMPO_WHITE_KING || piece == TEMPO_BLACK_KING) {
      canvas.drawCircle(
        center,
        radius * 0.45,
        Paint()
          ..style = PaintingStyle.stroke
          ..strokeWidth = 2
          ..color = const Color(0xFFD4A017),
      );
    }
  }

  @override
  bool shouldRepaint(covariant _PiecePainter oldDelegate) => oldDelegate.piece != piece;
}

/// The position after a game's moves, as the board shows it.
class _Position {
  const _Position({
    required this.board,
    required this.whiteToMove,
    required this.moves,
    required this.result,
    required this.drawRule,
  });

  final List<int> board; // FMJD numbering, 51 entries
  final bool whiteToMove;
  final List<TempoMove> moves; // the legal moves
  final int result; // TEMPO_RESULT_*
  final int drawRule; // TEMPO_DRAW_*

  bool get ongoing => result == TEMPO_RESULT_ONGOING;
}

/// The rules through the C ABI. Every struct's `size` is set, every status
/// checked; the memory comes from an Arena freed after each call.
class _Rules {
  const _Rules(this._lib);

  final TempoBindings _lib;

  _Position replay(List<TempoMove> history) {
    return using((arena) {
      final start = _newPosition(arena);
      _check(_lib.tempo_position_start(start), 'the start position');
      final moves = arena<tempo_move>(history.isEmpty ? 1 : history.length);
      for (var i = 0; i < history.length; ++i) {
        _fill(moves[i], history[i]);
      }
      // The position after the moves, two buffers in turn.
      var position = _newPosition(arena);
      _check(_lib.tempo_position_start(position), 'the start position');
      var next = _newPosition(arena);
      for (var i = 0; i < history.length; ++i) {
        _check(_lib.tempo_play_move(position, moves + i, next), 'move ${i + 1}');
        final done = position;
        position = next;
        next = done;
      }
      final squares = arena<Int32>(51);
      _check(_lib.tempo_position_to_squares(position, TEMPO_NUMBERING_FMJD, squares, 51), 'the board');
      final legal = arena<tempo_move>(TEMPO_MAX_MOVES);
      final count = arena<Uint32>();
      _check(_lib.tempo_legal_moves(position, legal, sizeOf<tempo_move>(), TEMPO_MAX_MOVES, count), 'the moves');
      final state = arena<tempo_game_state>();
      state.ref.size = sizeOf<tempo_game_state>();
      const errorBytes = 256;
      final error = arena<Uint8>(errorBytes).cast<Utf8>();
      final status = _lib.tempo_game_status(
        start,
        moves,
        sizeOf<tempo_move>(),
        history.length,
        state,
        error,
        errorBytes,
      );
      if (status != TEMPO_OK) throw TempoException(status, error.toDartString());
      return _Position(
        board: [for (var i = 0; i < 51; ++i) squares[i]],
        whiteToMove: position.ref.side == TEMPO_WHITE,
        moves: [for (var i = 0; i < count.value; ++i) _move(legal[i])],
        result: state.ref.result,
        drawRule: state.ref.draw_rule,
      );
    });
  }

  static Pointer<tempo_position> _newPosition(Arena arena) {
    final position = arena<tempo_position>();
    position.ref.size = sizeOf<tempo_position>();
    return position;
  }

  static void _check(int status, String what) {
    if (status != TEMPO_OK) throw TempoException(status, 'tempo failed on $what');
  }

  static void _fill(tempo_move m, TempoMove move) {
    m
      ..size = sizeOf<tempo_move>()
      ..from = move.from
      ..to = move.to
      ..capture_count = move.captured.length
      ..path_length = move.path.length;
    for (var i = 0; i < move.captured.length; ++i) {
      m.captured[i] = move.captured[i];
    }
    for (var i = 0; i < move.path.length; ++i) {
      m.path[i] = move.path[i];
    }
    for (var i = 0; i < move.capturedInOrder.length; ++i) {
      m.captured_in_order[i] = move.capturedInOrder[i];
    }
  }

  static TempoMove _move(tempo_move m) {
    return TempoMove(
      from: m.from,
      to: m.to,
      captured: [for (var i = 0; i < m.capture_count; ++i) m.captured[i]],
      path: [for (var i = 0; i < m.path_length; ++i) m.path[i]],
      capturedInOrder: [for (var i = 0; i < m.capture_count; ++i) m.captured_in_order[i]],
    );
  }
}
