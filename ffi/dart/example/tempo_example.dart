// A few moves of a game against Tempo, from the command line, the way an app
// drives it: the engine answers, then ponders on the position the other side
// must move from while that side "thinks", and the next search takes the
// pondered table over. Captures are printed jump by jump.
//
//   dart run example/tempo_example.dart [path/to/libtempo.so]
//
// The board uses FMJD numbering here (rotated: false): White's men start on
// 31-50. The app passes its own numbering with rotated: true.
import 'dart:ffi';
import 'dart:io';

import 'package:ffi/ffi.dart';
import 'package:tempo/tempo.dart';

Future<void> main(List<String> args) async {
  final libraryPath = args.isNotEmpty ? args.first : Platform.environment['TEMPO_LIBRARY'];
  final lib = TempoBindings.open(libraryPath);
  final ai = TempoAi(libraryPath: libraryPath, tableMemory: TempoTableMemory.native);
  final start = startBoard();
  final history = <TempoMove>[];
  var whiteToMove = true;
  try {
    for (var ply = 0; ply < 8; ++ply) {
      final answer = await ai.findBestMove(
        board: start,
        whiteToMove: true, // the side to move in `start`; history is played from there
        history: history,
        rotated: false,
        level: TempoLevel.medium,
        seed: ply,
        onProgress: (p) => stdout.writeln('  depth ${p.depth} score ${p.score} ${p.pv}'),
      );
      final move = answer.move;
      if (move == null) {
        stdout.writeln('${whiteToMove ? 'White' : 'Black'} has no legal move: the game is over');
        break;
      }
      stdout.writeln('${ply + 1}. ${whiteToMove ? 'White' : 'Black'} plays ${describe(move)} '
          '(score ${answer.score}, depth ${answer.depth}, ${answer.nodes} nodes, '
          'table ${answer.tableStatus == TEMPO_TABLE_REUSED ? 'reused' : 'new'})');
      history.add(move);
      whiteToMove = !whiteToMove;
      // The other side thinks for half a second; the engine ponders meanwhile.
      final pondering = ai.ponder(board: start, whiteToMove: true, history: history, rotated: false, level: TempoLevel.medium);
      await Future<void>.delayed(const Duration(milliseconds: 500));
      await ai.stop();
      final pondered = await pondering;
      stdout.writeln('   pondered to depth ${pondered.depth} (${pondered.nodes} nodes)');
    }
    stdout.writeln('legal replies now: ${legalMoveCount(lib, start, history)}');
  } finally {
    await ai.close();
  }
}

/// FMJD start position: Black's men on 1-20, White's on 31-50.
List<int> startBoard() => [
      for (var s = 0; s <= 50; ++s)
        s >= 1 && s <= 20 ? TEMPO_BLACK_MAN : (s >= 31 ? TEMPO_WHITE_MAN : TEMPO_EMPTY),
    ];

String describe(TempoMove move) {
  if (!move.isCapture) return '$move';
  final jumps = [for (final s in move.steps) '${s.from}-${s.to} taking ${s.captured}'];
  return '$move (${jumps.join(', ')})';
}

/// The bindings directly: the game's state after the moves, through
/// tempo_game_status.
int legalMoveCount(TempoBindings lib, List<int> board, List<TempoMove> history) {
  return using((arena) {
    final squares = arena<Int32>(51);
    for (var i = 0; i < 51; ++i) {
      squares[i] = board[i];
    }
    final start = arena<tempo_position>();
    start.ref.size = sizeOf<tempo_position>();
    final err = arena<Uint8>(256).cast<Utf8>();
    var status = lib.tempo_position_from_squares(squares, 51, TEMPO_WHITE, TEMPO_NUMBERING_FMJD, start, err, 256);
    if (status != TEMPO_OK) throw TempoException(status, err.toDartString());
    final moves = arena<tempo_move>(history.isEmpty ? 1 : history.length);
    for (var k = 0; k < history.length; ++k) {
      final m = moves[k];
      m.size = sizeOf<tempo_move>();
      m.from = history[k].from;
      m.to = history[k].to;
      m.capture_count = history[k].captured.length;
      for (var c = 0; c < history[k].captured.length; ++c) {
        m.captured[c] = history[k].captured[c];
      }
    }
    final state = arena<tempo_game_state>();
    state.ref.size = sizeOf<tempo_game_state>();
    status = lib.tempo_game_status(start, moves, sizeOf<tempo_move>(), history.length, state, err, 256);
    if (status != TEMPO_OK) throw TempoException(status, err.toDartString());
    return state.ref.legal_moves;
  });
}
