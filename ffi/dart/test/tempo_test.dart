// The package's tests, for a machine with a Flutter SDK and a built library
// (the app's CI). From ffi/dart:
//   flutter pub get
//   TEMPO_LIBRARY=/path/to/libtempo.so flutter test
// Without TEMPO_LIBRARY the plugin's library is looked for where Flutter
// bundles it (openTempoLibrary).
// Tempo's own machines have no Dart SDK; see README.md for what they check.
import 'dart:async';
import 'dart:ffi';
import 'dart:io';
import 'dart:isolate';
import 'dart:typed_data';

import 'package:ffi/ffi.dart';
import 'package:flutter_test/flutter_test.dart';
import 'package:tempo/tempo.dart';

void main() {
  final path = Platform.environment['TEMPO_LIBRARY'];
  final lib = TempoBindings.open(path);

  group('bindings', () {
    test('abi version', () {
      expect(lib.tempo_abi_version(), greaterThanOrEqualTo(TEMPO_ABI_VERSION));
    });

    test('struct sizes are the C compiler\'s (64-bit targets)', () {
      if (sizeOf<Pointer<Void>>() != 8) return; // the request holds pointers
      expect(sizeOf<tempo_position>(), 60);
      expect(sizeOf<tempo_move>(), 72);
      expect(sizeOf<tempo_game_state>(), 96);
      expect(sizeOf<tempo_progress>(), 552);
      expect(sizeOf<tempo_search_request>(), 176);
      expect(sizeOf<tempo_scored_move>(), 588);
      expect(sizeOf<tempo_search_result>(), 19456);
      expect(sizeOf<tempo_table_info>(), 48);
    });

    test('nine legal moves at the start, from the app board', () {
      using((arena) {
        final app = appStartBoard();
        final squares = arena<Int32>(51);
        for (var i = 0; i < 51; ++i) {
          squares[i] = app[i];
        }
        final pos = arena<tempo_position>();
        pos.ref.size = sizeOf<tempo_position>();
        final err = arena<Uint8>(200).cast<Utf8>();
        final status = lib.tempo_position_from_squares(squares, 51, TEMPO_WHITE, TEMPO_NUMBERING_ROTATED, pos, err, 200);
        expect(status, TEMPO_OK);
        final moves = arena<tempo_move>(TEMPO_MAX_MOVES);
        final count = arena<Uint32>();
        expect(lib.tempo_legal_moves(pos, moves, sizeOf<tempo_move>(), TEMPO_MAX_MOVES, count), TEMPO_OK);
        expect(count.value, 9);
      });
    });

    test('captured squares in step order: a man takes three', () {
      using((arena) {
        // FMJD: the White man on 33 takes 28, 17 and 7 on its way 33x22x11x2.
        // `captured` is the sorted set; `captured_in_order` follows the jumps.
        final pos = arena<tempo_position>();
        pos.ref.size = sizeOf<tempo_position>();
        final err = arena<Uint8>(200).cast<Utf8>();
        final fen = 'W:W33:B28,17,7,45'.toNativeUtf8(allocator: arena);
        expect(lib.tempo_position_from_fen(fen, pos, err, 200), TEMPO_OK, reason: err.toDartString());
        final moves = arena<tempo_move>(TEMPO_MAX_MOVES);
        final count = arena<Uint32>();
        expect(lib.tempo_legal_moves(pos, moves, sizeOf<tempo_move>(), TEMPO_MAX_MOVES, count), TEMPO_OK);
        expect(count.value, 1);
        final m = moves[0];
        expect([m.from, m.to, m.capture_count], [33, 2, 3]);
        expect([for (var i = 0; i < 4; ++i) m.path[i]], [33, 22, 11, 2]);
        expect([for (var i = 0; i < 3; ++i) m.captured[i]], [7, 17, 28]);
        expect([for (var i = 0; i < 3; ++i) m.captured_in_order[i]], [28, 17, 7]);
      });
    });
  });

  group('board helpers', () {
    test('rotation is its own inverse', () {
      for (var s = 1; s <= 50; ++s) {
        expect(rotateSquare(rotateSquare(s)), s);
      }
      final board = List<int>.generate(51, (i) => i == 0 ? 0 : i % 5);
      expect(rotateBoard(rotateBoard(board)), board);
      expect(() => rotateSquare(0), throwsRangeError);
    });

    test('a capture as steps, and back', () {
      const move = TempoMove(from: 33, to: 2, captured: [7, 17, 28], path: [33, 22, 11, 2], capturedInOrder: [28, 17, 7]);
      expect(move.steps, const [
        TempoStep(from: 33, to: 22, captured: 28),
        TempoStep(from: 22, to: 11, captured: 17),
        TempoStep(from: 11, to: 2, captured: 7),
      ]);
      final back = TempoMove.fromSteps(move.steps);
      expect(back.sameMove(move), isTrue);
      expect(back.steps, move.steps);
      // In the app's numbering every square is rotated, step by step.
      expect(move.rotated().steps.first, const TempoStep(from: 18, to: 29, captured: 23));
      expect(const TempoMove(from: 32, to: 28).steps, isEmpty);
      expect(() => const TempoMove(from: 33, to: 2, captured: [7, 17, 28]).steps, throwsStateError);
      const broken = [TempoStep(from: 1, to: 2, captured: 3), TempoStep(from: 9, to: 4, captured: 5)];
      expect(() => TempoMove.fromSteps(broken), throwsArgumentError);
    });
  });

  group('TempoAi', () {
    late TempoAi ai;
    setUp(() => ai = TempoAi(libraryPath: path, tableBytes: 1 << 20));
    tearDown(() => ai.close());

    test('finds a legal move and carries its table', () async {
      final board = appStartBoard();
      final first = await ai.findBestMove(board: board, whiteToMove: true, depth: 6);
      expect(first.status, AiMoveStatus.complete);
      expect(first.move!.from, inInclusiveRange(16, 20)); // app numbering
      expect(first.tableStatus, TEMPO_TABLE_FRESH);
      final second = await ai.findBestMove(board: board, whiteToMove: true, depth: 6);
      expect(second.tableStatus, TEMPO_TABLE_REUSED);
      expect(second.nodes, lessThan(first.nodes)); // the table answers most of it
    });

    test('overlapping calls queue on the one table', () async {
      final board = appStartBoard();
      final a = ai.findBestMove(board: board, whiteToMove: true, depth: 6);
      final b = ai.findBestMove(board: board, whiteToMove: true, depth: 6);
      final c = ai.findBestMove(board: board, whiteToMove: true, depth: 6);
      final answers = await Future.wait([a, b, c]);
      expect(answers.map((x) => x.status), everyElement(AiMoveStatus.complete));
      expect(answers[0].tableStatus, TEMPO_TABLE_FRESH);
      expect(answers[1].tableStatus, TEMPO_TABLE_REUSED);
      expect(answers[2].tableStatus, TEMPO_TABLE_REUSED);
    });

    test('cancel stops the running call and every queued one; the table stays', () async {
      final board = appStartBoard();
      await ai.findBestMove(board: board, whiteToMove: true, depth: 4); // fills the table
      final running = ai.findBestMove(board: board, whiteToMove: true, infinite: true);
      final queued1 = ai.findBestMove(board: board, whiteToMove: true, depth: 4);
      final queued2 = ai.findBestMove(board: board, whiteToMove: true, depth: 4);
      await Future<void>.delayed(const Duration(milliseconds: 200));
      ai.cancel();
      final answers = await Future.wait([running, queued1, queued2]).timeout(const Duration(seconds: 10));
      expect(answers.map((x) => x.status), everyElement(AiMoveStatus.stale));
      expect(answers[0].move, isNotNull); // it had searched: its best move so far
      expect(answers[1].move, isNull); // never started
      expect(answers[1].searched, isFalse);
      expect(answers[1].tableStatus, isNull); // says nothing about a table it never saw
      expect(answers[2].nodes, 0);
      final after = await ai.findBestMove(board: board, whiteToMove: true, depth: 4);
      expect(after.status, AiMoveStatus.complete);
      expect(after.tableStatus, TEMPO_TABLE_REUSED);
    });

    test('moveNow answers with the best move so far', () async {
      final board = appStartBoard();
      final pending = ai.findBestMove(board: board, whiteToMove: true, level: TempoLevel.expert, infinite: true);
      await Future<void>.delayed(const Duration(milliseconds: 300));
      ai.moveNow();
      final answer = await pending.timeout(const Duration(seconds: 10));
      expect(answer.status, AiMoveStatus.cancelled);
      expect(answer.cancelled, isTrue);
      expect(answer.move, isNotNull);
      expect(answer.depth, greaterThan(0));
    });

    test('expert with no limit returns (its time cap)', () async {
      final answer = await ai
          .findBestMove(board: appStartBoard(), whiteToMove: true, level: TempoLevel.expert)
          .timeout(const Duration(minutes: 2));
      expect(answer.status, AiMoveStatus.complete);
      expect(answer.move, isNotNull);
    });

    test('ponder fills the table; stop hands it back to findBestMove', () async {
      final board = appStartBoard();
      final progress = <AiProgress>[];
      final pondering = ai.ponder(board: board, whiteToMove: true, level: TempoLevel.medium, onProgress: progress.add);
      await Future<void>.delayed(const Duration(milliseconds: 1000));
      await ai.stop();
      final pondered = await pondering;
      expect(pondered.searched, isTrue);
      expect(pondered.depth, greaterThan(5)); // medium's depth cap does not apply to pondering
      expect(pondered.tableStatus, TEMPO_TABLE_FRESH);
      expect(progress, isNotEmpty);
      final answer = await ai.findBestMove(board: board, whiteToMove: true, level: TempoLevel.medium);
      expect(answer.tableStatus, TEMPO_TABLE_REUSED);
      expect(answer.status, AiMoveStatus.complete);
    });

    test('findBestMove ends a running ponder and takes its table', () async {
      final board = appStartBoard();
      final pondering = ai.ponder(board: board, whiteToMove: true);
      await Future<void>.delayed(const Duration(milliseconds: 300));
      final answer = await ai.findBestMove(board: board, whiteToMove: true, depth: 4).timeout(const Duration(seconds: 10));
      expect((await pondering).searched, isTrue);
      expect(answer.tableStatus, TEMPO_TABLE_REUSED);
    });

    test('stop before a queued ponder starts: it never searches', () async {
      final board = appStartBoard();
      final search = ai.findBestMove(board: board, whiteToMove: true, depth: 6);
      final pondering = ai.ponder(board: board, whiteToMove: true);
      await ai.stop();
      final never = await pondering;
      expect(never.searched, isFalse);
      expect(never.tableStatus, isNull);
      expect((await search).status, AiMoveStatus.complete);
    });

    test('invalid input throws and keeps the table', () async {
      final board = appStartBoard();
      await ai.findBestMove(board: board, whiteToMove: true, depth: 4);
      await expectLater(
        ai.findBestMove(board: board, whiteToMove: true, params: const TempoParams(featureScale: 9)),
        throwsA(isA<TempoException>().having((e) => e.message, 'message', contains('feature_scale'))),
      );
      await expectLater(
        ai.findBestMove(board: List<int>.filled(50, 0), whiteToMove: true),
        throwsA(isA<TempoException>().having((e) => e.status, 'status', TEMPO_ERR_INVALID_ARGUMENT)),
      );
      await expectLater(
        ai.findBestMove(board: board, whiteToMove: true, history: const [TempoMove(from: 1, to: 50)]),
        throwsA(isA<TempoException>().having((e) => e.status, 'status', TEMPO_ERR_ILLEGAL_MOVE)),
      );
      final after = await ai.findBestMove(board: board, whiteToMove: true, depth: 4);
      expect(after.tableStatus, TEMPO_TABLE_REUSED);
    });

    test('params override the level one by one', () async {
      final board = appStartBoard();
      final deeper = await ai.findBestMove(
        board: board,
        whiteToMove: true,
        level: TempoLevel.easy,
        params: const TempoParams(maxDepth: 5, maxNodes: 0),
      );
      expect(deeper.depth, 5);
      // strength applies first: a node budget given with it is kept.
      final ladder = await ai.findBestMove(
        board: board,
        whiteToMove: true,
        params: const TempoParams(strength: 400, maxNodes: 50),
      );
      expect(ladder.move, isNotNull);
      expect(ladder.nodes, lessThanOrEqualTo(50));
      final material = await ai.findBestMove(
        board: board,
        whiteToMove: true,
        level: TempoLevel.easy,
        params: const TempoParams(featureScale: 0, evalNoise: 0, blunderProbability: 0),
      );
      expect(material.score, 0);
      final fresh = await ai.findBestMove(
        board: board,
        whiteToMove: true,
        depth: 4,
        params: const TempoParams(freshTable: true, threads: 1),
      );
      expect(fresh.status, AiMoveStatus.complete);
    });

    test('history: the position after the moves, and a capture in steps', () async {
      // App numbering: 18-22 and 33-29 are FMJD 33-29 and 18-22.
      final board = appStartBoard();
      final answer = await ai.findBestMove(
        board: board,
        whiteToMove: true,
        history: const [TempoMove(from: 18, to: 22), TempoMove(from: 33, to: 29)],
        depth: 4,
      );
      expect(answer.move, isNotNull); // White to move again after two moves
      final capture = answer.move!;
      if (capture.isCapture) expect(capture.steps, hasLength(capture.captured.length));
    });

    test('no legal move: a complete answer without a move', () async {
      final board = List<int>.filled(51, 0);
      board[30] = TEMPO_BLACK_MAN; // app numbering; White has nothing
      final answer = await ai.findBestMove(board: board, whiteToMove: true, depth: 2);
      expect(answer.status, AiMoveStatus.complete);
      expect(answer.move, isNull);
    });

    test('clearTable empties it before the next call', () async {
      final board = appStartBoard();
      await ai.findBestMove(board: board, whiteToMove: true, depth: 4);
      ai.clearTable();
      final answer = await ai.findBestMove(board: board, whiteToMove: true, depth: 4);
      expect(answer.tableStatus, TEMPO_TABLE_FRESH);
    });

    test('an endgame database that is not one: the search goes on without it', () async {
      ai.setEndgameDatabase(Uint8List.fromList(List<int>.generate(256, (i) => (i * 37 + 11) & 0xff)));
      final answer = await ai.findBestMove(board: appStartBoard(), whiteToMove: true, depth: 4);
      expect(answer.status, AiMoveStatus.complete);
      expect(answer.move, isNotNull);
      ai.setEndgameDatabase(null);
    });

    test('setEndgameDatabase while pondering and searching: each keeps its own', () async {
      final board = appStartBoard();
      Uint8List noise(int salt) => Uint8List.fromList(List<int>.generate(256, (i) => (i * 37 + salt) & 0xff));
      ai.setEndgameDatabase(noise(1));
      final pondering = ai.ponder(board: board, whiteToMove: true); // reads the first
      await Future<void>.delayed(const Duration(milliseconds: 200));
      ai.setEndgameDatabase(noise(2)); // no StateError: the first is freed when the ponder hands it back
      final search = ai.findBestMove(board: board, whiteToMove: true, depth: 6); // ends the ponder, reads the second
      ai.setEndgameDatabase(null); // under the running search
      final answer = await search.timeout(const Duration(seconds: 30));
      expect(answer.status, AiMoveStatus.complete);
      expect((await pondering).searched, isTrue);
      final after = await ai.findBestMove(board: board, whiteToMove: true, depth: 4);
      expect(after.tableStatus, TEMPO_TABLE_REUSED);
    });

    test('history squares off the board throw before they reach a byte', () async {
      final board = appStartBoard();
      // 300 would wrap to 44 in tempo_move's uint8 fields, a square on the board.
      await expectLater(
        ai.findBestMove(board: board, whiteToMove: true, history: const [TempoMove(from: 300, to: 22)]),
        throwsArgumentError,
      );
      await expectLater(
        ai.ponder(board: board, whiteToMove: true, history: const [TempoMove(from: 18, to: 0)]),
        throwsArgumentError,
      );
      await expectLater(
        ai.findBestMove(
          board: board,
          whiteToMove: true,
          history: const [TempoMove(from: 18, to: 29, captured: [279])],
        ),
        throwsArgumentError,
      );
      final board64 = appStartBoard()..[21] = (1 << 32) + TEMPO_WHITE_MAN; // not cut to a man
      await expectLater(ai.findBestMove(board: board64, whiteToMove: true), throwsArgumentError);
      final after = await ai.findBestMove(board: board, whiteToMove: true, depth: 2);
      expect(after.status, AiMoveStatus.complete);
    });

    test('a failure of a call cancel() made stale does not throw', () async {
      final failing = ai.findBestMove(board: List<int>.filled(50, 0), whiteToMove: true); // running now
      ai.cancel();
      final answer = await failing;
      expect(answer.status, AiMoveStatus.stale);
      expect(answer.move, isNull);
      expect(answer.searched, isFalse);
      // The same failure, still wanted, throws.
      await expectLater(
        ai.findBestMove(board: List<int>.filled(50, 0), whiteToMove: true),
        throwsA(isA<TempoException>()),
      );
    });

    test('close during an infinite ponder: the search returns first, then the memory goes', () async {
      final reports = ReceivePort();
      final own = TempoAi(libraryPath: path, tableBytes: 1 << 20, workerReport: reports.sendPort);
      final pondering = own.ponder(board: appStartBoard(), whiteToMove: true);
      await Future<void>.delayed(const Duration(milliseconds: 300));
      await own.close().timeout(const Duration(seconds: 10));
      // The worker handed the memory back (false: the owner was alive) before close() freed it.
      expect(await reports.first.timeout(const Duration(seconds: 10)), isFalse);
      expect((await pondering).searched, isTrue);
    });

    test('the owning isolate dies during an infinite ponder: its worker stops, then frees the memory', () async {
      final reports = ReceivePort();
      final events = StreamIterator<Object?>(reports);
      final owner = await Isolate.spawn(_ponderUntilKilled, <Object?>[path, reports.sendPort]);
      expect(await events.moveNext().timeout(const Duration(seconds: 30)), isTrue);
      expect(events.current, 'pondering');
      owner.kill(priority: Isolate.immediate);
      // The owner's finalizer set the cancel word; the worker's search
      // returned and the worker, owning the memory, freed it (true).
      expect(await events.moveNext().timeout(const Duration(seconds: 10)), isTrue);
      expect(events.current, isTrue);
      await events.cancel();
    });

    test('a closed service refuses calls', () async {
      await ai.close();
      await expectLater(ai.findBestMove(board: appStartBoard(), whiteToMove: true), throwsStateError);
    });
  });
}

/// The owner isolate of the teardown test: a service pondering forever, whose
/// worker reports to the test; it says 'pondering' once the search is under
/// way, and the test kills it.
void _ponderUntilKilled(List<Object?> args) {
  final path = args[0] as String?;
  final report = args[1]! as SendPort;
  final ai = TempoAi(libraryPath: path, tableBytes: 1 << 20, workerReport: report);
  var told = false;
  unawaited(
    ai.ponder(
      board: appStartBoard(),
      whiteToMove: true,
      onProgress: (_) {
        if (told) return;
        told = true;
        report.send('pondering');
      },
    ),
  );
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
