// TempoAi: the per-move isolate pattern of the app's ADR-011, on Tempo.
//
//  - Every search runs in its own `Isolate.run`, so the UI isolate never blocks.
//  - The transposition table is a Uint8List the service owns between moves. It
//    goes to the worker and comes back as TransferableTypedData, so the cache
//    survives from move to move. The worker copies it into native memory for
//    the search and back (about 1 ms for 4 MiB) because a long, callback-making
//    FFI call cannot take a pointer into the Dart heap.
//  - Below this service errors are status codes, never exceptions: the worker
//    always sends the table back, so it is lost only if the isolate itself dies.
//  - Cancellation: a native int32 flag (calloc in this isolate, its address
//    sent to the worker) ends the search promptly with the best move so far;
//    a generation counter drops stale results.
import 'dart:async';
import 'dart:ffi';
import 'dart:isolate';
import 'dart:typed_data';

import 'package:ffi/ffi.dart';

import 'bindings.dart';
import 'board.dart';

enum TempoLevel { easy, medium, hard, expert }

/// The level's parameters one by one (C ABI 2 overrides). A null field keeps
/// the level's value; `TempoParams()` changes nothing. The ranges are the
/// engine's (search/params.h); out of range, the search answers
/// TEMPO_ERR_INVALID_ARGUMENT.
class TempoParams {
  const TempoParams({
    this.maxDepth,
    this.timeLimitMs,
    this.evalNoise,
    this.blunderProbability,
    this.blunderMargin,
    this.featureScale,
    this.useTable,
    this.useKillers,
  });

  final int? maxDepth; // 1..127 plies
  final int? timeLimitMs; // 0..86400000 ms per move, 0 = none
  final int? evalNoise; // 0..10000, 100 = a man
  final double? blunderProbability; // 0..1
  final int? blunderMargin; // 0..10000
  final double? featureScale; // 0..4, 0 = material only
  final bool? useTable;
  final bool? useKillers;
}

/// A search's answer, in the numbering the request used.
class AiMove {
  const AiMove({
    required this.move,
    required this.score,
    required this.depth,
    required this.nodes,
    required this.timeMs,
    required this.pv,
    required this.cancelled,
    required this.blunder,
  });

  final TempoMove move;
  final int score; // side to move's view, 100 = one man
  final int depth;
  final int nodes;
  final int timeMs;
  final String pv; // PDN, FMJD numbering (the notation's own)
  final bool cancelled;
  final bool blunder;
}

/// Sent after each completed iteration when [TempoAi.findBestMove] is given
/// an `onProgress` callback; the last one always shows the move played (see
/// tempo_progress in tempo.h).
class AiProgress {
  const AiProgress(this.depth, this.score, this.nodes, this.timeMs, this.pv);
  final int depth;
  final int score;
  final int nodes;
  final int timeMs;
  final String pv;
}

/// A failure below the service, as the library's status code and detail.
class TempoException implements Exception {
  const TempoException(this.status, this.message);
  final int status;
  final String message;
  @override
  String toString() => 'TempoException($status): $message';
}

class TempoAi {
  TempoAi({this.libraryPath, this.tableBytes = TEMPO_TABLE_DEFAULT_BYTES})
      : assert(tableBytes >= TEMPO_TABLE_MIN_BYTES);

  /// Where libtempo is, or null for the platform's default (see openTempoLibrary).
  final String? libraryPath;
  final int tableBytes;

  Uint8List? _table; // null before the first search and while a worker owns it
  int _generation = 0;
  Pointer<Int32>? _cancelFlag; // of the search in flight
  Future<void>? _inFlight;

  /// Finds a move for the side to move in the position reached from [board]
  /// (51 entries, piece codes 0..4, index 0 unused) after [history].
  ///
  /// [rotated]: [board], [history] and the returned move use the app's
  /// numbering (White starting on 1-20); false for FMJD numbering. Returns
  /// null when the side to move has no legal move, or when the result became
  /// stale ([cancel] was called or a newer request started). Throws
  /// [TempoException] for invalid input (the table is kept).
  Future<AiMove?> findBestMove({
    required List<int> board,
    required bool whiteToMove,
    List<TempoMove> history = const [],
    bool rotated = true,
    TempoLevel level = TempoLevel.hard,
    int seed = 0,
    int movetimeMs = 0,
    int depth = 0,
    TempoParams params = const TempoParams(),
    void Function(AiProgress progress)? onProgress,
  }) async {
    // One search at a time: stop the previous one and wait for its table.
    cancel();
    final previous = _inFlight;
    if (previous != null) await previous;
    final generation = ++_generation;

    final table = _table ?? Uint8List(tableBytes);
    _table = null; // the worker owns it now
    final flag = calloc<Int32>();
    _cancelFlag = flag;
    ReceivePort? progressPort;
    if (onProgress != null) {
      progressPort = ReceivePort();
      progressPort.listen((message) {
        final m = message as List<Object?>;
        if (generation == _generation) {
          onProgress(AiProgress(m[0] as int, m[1] as int, m[2] as int, m[3] as int, m[4] as String));
        }
      });
    }
    final request = _Request(
      libraryPath: libraryPath,
      board: Int32List.fromList(board),
      side: whiteToMove ? TEMPO_WHITE : TEMPO_BLACK,
      numbering: rotated ? TEMPO_NUMBERING_ROTATED : TEMPO_NUMBERING_FMJD,
      history: _flatten(history),
      level: level.index,
      seed: seed,
      movetimeMs: movetimeMs,
      depth: depth,
      params: params,
      table: TransferableTypedData.fromList([table]),
      cancelAddress: flag.address,
      progress: progressPort?.sendPort,
    );
    final done = Completer<void>();
    _inFlight = done.future;
    _Reply reply;
    try {
      reply = await _run(request);
      _table = reply.table.materialize().asUint8List();
    } catch (e) {
      // The worker isolate itself failed (not a status code): its table is
      // gone with it; start a fresh one.
      _table = Uint8List(tableBytes);
      if (generation != _generation) return null;
      rethrow;
    } finally {
      if (identical(_cancelFlag, flag)) _cancelFlag = null;
      calloc.free(flag);
      progressPort?.close();
      done.complete();
      if (identical(_inFlight, done.future)) _inFlight = null;
    }
    if (generation != _generation) return null;
    if (reply.status != TEMPO_OK) throw TempoException(reply.status, reply.error);
    if (!reply.hasMove) return null;
    final move = TempoMove(from: reply.move[0], to: reply.move[1], captured: reply.captured, path: reply.path);
    return AiMove(
      move: rotated ? move.rotated() : move,
      score: reply.score,
      depth: reply.depth,
      nodes: reply.nodes,
      timeMs: reply.timeMs,
      pv: reply.pv,
      cancelled: reply.cancelled,
      blunder: reply.blunder,
    );
  }

  /// Makes the search in flight stop now (its result is dropped) and any
  /// result still on its way stale.
  void cancel() {
    _generation++;
    final flag = _cancelFlag;
    if (flag != null) flag.value = 1;
  }

  /// Forgets everything the table learned (e.g. on a new game against a
  /// different opponent). Never needed for correctness.
  void clearTable() {
    if (_table != null) _table!.fillRange(0, _table!.length, 0);
  }

  static Int32List _flatten(List<TempoMove> moves) {
    final out = <int>[];
    for (final m in moves) {
      out..add(m.from)..add(m.to)..add(m.captured.length)..addAll(m.captured);
    }
    return Int32List.fromList(out);
  }

  // A static function so the closure sent to the worker holds only `request`.
  static Future<_Reply> _run(_Request request) => Isolate.run(() => _work(request));

  /// Runs in the worker isolate. Never throws: any failure becomes a status
  /// code, and the table goes back whatever happened.
  static _Reply _work(_Request r) {
    final table = r.table.materialize().asUint8List();
    final arena = Arena();
    NativeCallable<tempo_progress_fnFunction>? callback;
    var status = TEMPO_ERR_INTERNAL;
    var error = '';
    final reply = _Reply.empty();
    try {
      final lib = TempoBindings.open(r.libraryPath);
      const errLen = 256;
      final err = arena<Uint8>(errLen).cast<Utf8>();
      final start = arena<tempo_position>();
      start.ref.size = sizeOf<tempo_position>();
      final squares = arena<Int32>(51);
      for (var i = 0; i < 51 && i < r.board.length; ++i) {
        squares[i] = r.board[i];
      }
      status = lib.tempo_position_from_squares(squares, r.board.length, r.side, r.numbering, start, err, errLen);
      if (status != TEMPO_OK) {
        error = err.toDartString();
        return reply.._finish(table, status, error);
      }
      // The history, renumbered to FMJD.
      final flat = r.history;
      var count = 0;
      for (var i = 0; i < flat.length; i += 3 + flat[i + 2]) {
        count++;
      }
      final moves = arena<tempo_move>(count == 0 ? 1 : count);
      int sq(int s) => r.numbering == TEMPO_NUMBERING_ROTATED && s >= 1 && s <= 50 ? 51 - s : s;
      for (var i = 0, k = 0; i < flat.length; i += 3 + flat[i + 2], ++k) {
        final m = moves[k];
        m.size = sizeOf<tempo_move>();
        m.from = sq(flat[i]);
        m.to = sq(flat[i + 1]);
        m.capture_count = flat[i + 2];
        for (var c = 0; c < flat[i + 2] && c < TEMPO_MAX_CAPTURES; ++c) {
          m.captured[c] = sq(flat[i + 3 + c]);
        }
      }
      final request = arena<tempo_search_request>();
      request.ref
        ..size = sizeOf<tempo_search_request>()
        ..level = r.level
        ..start = start
        ..moves = moves
        ..move_size = sizeOf<tempo_move>()
        ..move_count = count
        ..depth = r.depth
        ..movetime_ms = r.movetimeMs
        ..seed = r.seed
        ..multipv = 1
        ..cancel = Pointer<Int32>.fromAddress(r.cancelAddress);
      _setParams(request.ref, r.params);
      final progress = r.progress;
      if (progress != null) {
        callback = NativeCallable<tempo_progress_fnFunction>.isolateLocal(
            (Pointer<tempo_progress> p, Pointer<Void> _) {
          final q = p.ref;
          progress.send([q.depth, q.score, q.nodes, q.time_ms, _text(q.pv, TEMPO_PV_TEXT)]);
        });
        request.ref.on_progress = callback.nativeFunction;
      }
      final result = arena<tempo_search_result>();
      result.ref.size = sizeOf<tempo_search_result>();
      // The table in native memory for the length of the search.
      final native = arena<Uint8>(table.length);
      final view = native.asTypedList(table.length);
      view.setAll(0, table);
      status = lib.tempo_search(request, native, table.length, result, err, errLen);
      // The library never damages the buffer, on success or error: take it back.
      table.setAll(0, view);
      if (status != TEMPO_OK) {
        error = err.toDartString();
        return reply.._finish(table, status, error);
      }
      final res = result.ref;
      final best = res.best_move;
      reply
        ..hasMove = res.has_move != 0
        ..move = [best.from, best.to]
        ..captured = [for (var i = 0; i < best.capture_count; ++i) best.captured[i]]
        ..path = [for (var i = 0; i < best.path_length; ++i) best.path[i]]
        ..score = res.score
        ..depth = res.depth
        ..nodes = res.nodes
        ..timeMs = res.time_ms
        ..pv = _text(res.pv, TEMPO_PV_TEXT)
        ..cancelled = res.cancelled != 0
        ..blunder = res.blunder != 0;
      return reply.._finish(table, status, error);
    } catch (e) {
      return reply.._finish(table, TEMPO_ERR_INTERNAL, e.toString());
    } finally {
      callback?.close();
      arena.releaseAll();
    }
  }

  static void _setParams(tempo_search_request q, TempoParams p) {
    var bits = 0;
    if (p.maxDepth != null) {
      bits |= TEMPO_OVERRIDE_MAX_DEPTH;
      q.max_depth = p.maxDepth!;
    }
    if (p.timeLimitMs != null) {
      bits |= TEMPO_OVERRIDE_TIME_LIMIT;
      q.time_limit_ms = p.timeLimitMs!;
    }
    if (p.evalNoise != null) {
      bits |= TEMPO_OVERRIDE_EVAL_NOISE;
      q.eval_noise = p.evalNoise!;
    }
    if (p.blunderProbability != null) {
      bits |= TEMPO_OVERRIDE_BLUNDER_PROBABILITY;
      q.blunder_probability = p.blunderProbability!;
    }
    if (p.blunderMargin != null) {
      bits |= TEMPO_OVERRIDE_BLUNDER_MARGIN;
      q.blunder_margin = p.blunderMargin!;
    }
    if (p.featureScale != null) {
      bits |= TEMPO_OVERRIDE_FEATURE_SCALE;
      q.feature_scale = p.featureScale!;
    }
    if (p.useTable != null) {
      bits |= TEMPO_OVERRIDE_USE_TABLE;
      q.use_table = p.useTable! ? 1 : 0;
    }
    if (p.useKillers != null) {
      bits |= TEMPO_OVERRIDE_USE_KILLERS;
      q.use_killers = p.useKillers! ? 1 : 0;
    }
    q.overrides = bits;
  }

  static String _text(Array<Char> chars, int length) {
    final codes = <int>[];
    for (var i = 0; i < length; ++i) {
      final c = chars[i];
      if (c == 0) break;
      codes.add(c);
    }
    return String.fromCharCodes(codes);
  }
}

/// What the worker needs: primitives and sendable objects only.
class _Request {
  const _Request({
    required this.libraryPath,
    required this.board,
    required this.side,
    required this.numbering,
    required this.history,
    required this.level,
    required this.seed,
    required this.movetimeMs,
    required this.depth,
    required this.params,
    required this.table,
    required this.cancelAddress,
    required this.progress,
  });
  final String? libraryPath;
  final Int32List board;
  final int side;
  final int numbering;
  final Int32List history; // per move: from, to, n, n captured squares
  final int level;
  final int seed;
  final int movetimeMs;
  final int depth;
  final TempoParams params;
  final TransferableTypedData table;
  final int cancelAddress;
  final SendPort? progress;
}

class _Reply {
  _Reply.empty();
  late TransferableTypedData table;
  int status = TEMPO_ERR_INTERNAL;
  String error = '';
  bool hasMove = false;
  List<int> move = const [0, 0];
  List<int> captured = const [];
  List<int> path = const [];
  int score = 0;
  int depth = 0;
  int nodes = 0;
  int timeMs = 0;
  String pv = '';
  bool cancelled = false;
  bool blunder = false;

  void _finish(Uint8List tableBytes, int code, String message) {
    table = TransferableTypedData.fromList([tableBytes]);
    status = code;
    error = message;
  }
}
