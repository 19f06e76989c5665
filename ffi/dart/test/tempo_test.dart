// Run with a Dart SDK and a built library:
//   TEMPO_LIBRARY=/path/to/libtempo.so dart test
// (not run on Tempo's machines, which have no Dart SDK; see README).
import 'dart:ffi';
import 'dart:io';

import 'package:ffi/ffi.dart';
import 'package:tempo/tempo.dart';
import 'package:test/test.dart';

void main() {
  final path = Platform.environment['TEMPO_LIBRARY'];
  final lib = TempoBindings.open(path);

  test('abi version', () {
    expect(lib.tempo_abi_version(), TEMPO_ABI_VERSION);
  });

  test('rotation is its own inverse', () {
    for (var s = 1; s <= 50; ++s) {
      expect(rotateSquare(rotateSquare(s)), s);
    }
    final board = List<int>.generate(51, (i) => i == 0 ? 0 : i % 5);
    expect(rotateBoard(rotateBoard(board)), board);
  });

  test('nine legal moves at the start, from the app board', () {
    using((arena) {
      final app = List<int>.filled(51, 0);
      for (var s = 1; s <= 20; ++s) {
        app[s] = TEMPO_WHITE_MAN; // the app's White starts on 1-20
      }
      for (var s = 31; s <= 50; ++s) {
        app[s] = TEMPO_BLACK_MAN;
      }
      final squares = arena<Int32>(51);
      for (var i = 0; i < 51; ++i) {
        squares[i] = app[i];
      }
      final pos = arena<tempo_position>();
      pos.ref.size = sizeOf<tempo_position>();
      final err = arena<Uint8>(200).cast<Utf8>();
      expect(lib.tempo_position_from_squares(squares, 51, TEMPO_WHITE, TEMPO_NUMBERING_ROTATED, pos, err, 200), TEMPO_OK);
      final moves = arena<tempo_move>(TEMPO_MAX_MOVES);
      final count = arena<Uint32>();
      expect(lib.tempo_legal_moves(pos, moves, sizeOf<tempo_move>(), TEMPO_MAX_MOVES, count), TEMPO_OK);
      expect(count.value, 9);
    });
  });

  test('TempoAi finds a legal move and keeps its table', () async {
    final ai = TempoAi(libraryPath: path, tableBytes: TEMPO_TABLE_MIN_BYTES);
    final board = appStartBoard();
    final first = await ai.findBestMove(board: board, whiteToMove: true, level: TempoLevel.easy, depth: 4);
    expect(first, isNotNull);
    expect(first!.move.from, inInclusiveRange(16, 20)); // app numbering
    final second = await ai.findBestMove(board: board, whiteToMove: true, level: TempoLevel.easy, depth: 4);
    expect(second, isNotNull);
  });

  test('params override the level one by one', () async {
    final ai = TempoAi(libraryPath: path, tableBytes: TEMPO_TABLE_MIN_BYTES);
    final board = appStartBoard();
    // Easy stops at 3 plies; with maxDepth 5 it goes to 5.
    final deeper = await ai.findBestMove(
        board: board, whiteToMove: true, level: TempoLevel.easy, params: const TempoParams(maxDepth: 5));
    expect(deeper!.depth, 5);
    // Material only, no noise: the start position is exactly level.
    final material = await ai.findBestMove(
        board: board,
        whiteToMove: true,
        level: TempoLevel.easy,
        params: const TempoParams(featureScale: 0, evalNoise: 0, blunderProbability: 0));
    expect(material!.score, 0);
    // Out of range: a TempoException naming the field, and the table is kept.
    await expectLater(
        ai.findBestMove(board: board, whiteToMove: true, params: const TempoParams(featureScale: 9)),
        throwsA(isA<TempoException>().having((e) => e.message, 'message', contains('feature_scale'))));
    expect(await ai.findBestMove(board: board, whiteToMove: true, level: TempoLevel.easy), isNotNull);
  });

  test('several search threads inside one per-move isolate', () async {
    final ai = TempoAi(libraryPath: path);
    final board = appStartBoard();
    final move = await ai.findBestMove(
        board: board, whiteToMove: true, level: TempoLevel.expert, depth: 8, params: const TempoParams(threads: 2));
    expect(move, isNotNull);
    expect(move!.depth, 8);
    await expectLater(
        ai.findBestMove(board: board, whiteToMove: true, params: const TempoParams(threads: 0)),
        throwsA(isA<TempoException>().having((e) => e.message, 'message', contains('threads'))));
  });

  test('cancel drops the result', () async {
    final ai = TempoAi(libraryPath: path);
    final board = appStartBoard();
    final pending = ai.findBestMove(board: board, whiteToMove: true, level: TempoLevel.expert, movetimeMs: 5000);
    await Future<void>.delayed(const Duration(milliseconds: 200));
    ai.cancel();
    expect(await pending, isNull);
  });
}

/// The start position as the app stores it: White's men on 1-20 (rotated).
List<int> appStartBoard() {
  final board = List<int>.filled(51, 0);
  for (var s = 1; s <= 20; ++s) {
    board[s] = TEMPO_WHITE_MAN;
  }
  for (var s = 31; s <= 50; ++s) {
    board[s] = TEMPO_BLACK_MAN;
  }
  return board;
}
