// TempoAi: the per-move isolate pattern of the app's ADR-011, on Tempo.
//
//  - Every search runs in its own `Isolate.run`, so the UI isolate never blocks.
//  - One table, one search at a time: calls queue in order and each finds the
//    table the one before it left. cancel() stops the running call and every
//    queued one; ponder() fills the table while the person thinks, and the
//    next findBestMove (or stop()) ends it and takes the table over.
//  - The table is ONE native buffer, handed to the worker and back with no
//    copy: the worker gets its address and, for the length of the search, its
//    ownership (README.md, "One buffer, handed over and back", says why this
//    and not TransferableTypedData).
//  - Below this service errors are status codes, never exceptions: the worker
//    always hands the table back, so it survives invalid input.
//  - Cancellation: one native int32 word at the start of that buffer; the
//    native search polls it.
//  - Teardown never frees memory a search uses: close() stops the search and
//    waits for it to return; if the owning isolate dies instead, its
//    finalizer sets the cancel word and the worker, which owns the memory
//    until its search returns, frees it (see _Lease).
import 'dart:async';
import 'dart:collection';
import 'dart:ffi';
import 'dart:isolate';
import 'dart:typed_data';

import 'package:ffi/ffi.dart';

import 'bindings.dart';
import 'board.dart';
import 'library.dart';

enum TempoLevel { easy, medium, hard, expert }

/// The level's parameters one by one (C ABI overrides). A null field keeps
/// the level's value; `TempoParams()` changes nothing. [strength] sets the
/// strength ladder's parameters together (max depth, node budget, noise,
/// blunders, capture horizon, feature scale; docs/strength.md in the engine's
/// repository) and applies first: any of them given here as well keeps its
/// own value. The ranges are the
/// engine's (search/params.h); out of range, the search answers
/// TEMPO_ERR_INVALID_ARGUMENT and [TempoAi] throws a [TempoException] naming
/// the field.
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
    this.threads,
    this.freshTable,
    this.maxNodes,
    this.blunderDepth,
    this.captureHorizon,
    this.strength,
    this.book,
    this.bookVariety,
  });

  final int? maxDepth; // 1..127 plies
  final int? timeLimitMs; // 0..86400000 ms per move, 0 = none
  final int? evalNoise; // 0..10000, 100 = a man
  final double? blunderProbability; // 0..1
  final int? blunderMargin; // 0..10000
  final double? featureScale; // 0..4, 0 = material only
  final bool? useTable;
  final bool? useKillers;
  final int? threads; // 1..64 search threads sharing the one table
  final bool? freshTable; // start this search from an empty table
  final int? maxNodes; // 0..1000000000 nodes per move, 0 = none: the same play on any device
  final int? blunderDepth; // 0..16 plies a blunder is looked at, 0 = static score
  final int? captureHorizon; // 0..127 captures followed past the depth
  final int? strength; // 400..3000 Elo-like; at or above Expert's: full strength
  final bool? book; // play the compiled-in opening book's moves at once (Expert: on)
  final int? bookVariety; // 0..100: seeded pick among book moves within this of the best (Expert: 10)
}

/// How a [TempoAi.findBestMove] call ended.
enum AiMoveStatus {
  /// The search ran to its limits (depth, time, nodes or the level's cap).
  complete,

  /// [TempoAi.moveNow] stopped it early: the move is the best one found so
  /// far, for the position asked about. Play it.
  cancelled,

  /// [TempoAi.cancel] was called after the request: the position it answers
  /// may be gone (the person moved, a new game began). Do not play it. Its
  /// move is the best found so far if the search had begun, null if the call
  /// was still queued or its search failed.
  stale,
}

/// A search's answer, in the numbering the request used.
class AiMove {
  const AiMove({
    required this.status,
    required this.move,
    required this.score,
    required this.depth,
    required this.nodes,
    required this.timeMs,
    required this.pv,
    required this.blunder,
    required this.tableStatus,
  });

  /// A stale call whose search never ran (it was still queued) or failed:
  /// nothing was searched, so nothing is said about the table.
  const AiMove._unsearched()
      : status = AiMoveStatus.stale,
        move = null,
        score = 0,
        depth = 0,
        nodes = 0,
        timeMs = 0,
        pv = '',
        blunder = false,
        tableStatus = null;

  final AiMoveStatus status;

  /// Null when the side to move has no legal move (the game is over), or
  /// when a stale call never searched.
  final TempoMove? move;
  final int score; // side to move's view, 100 = one man
  final int depth; // last completed iteration
  final int nodes;
  final int timeMs;
  final String pv; // PDN, FMJD numbering (the notation's own)
  final bool blunder; // the level chose a deliberately weaker move

  /// What the search found in the table: TEMPO_TABLE_REUSED (the earlier
  /// searches' entries), TEMPO_TABLE_FRESH or TEMPO_TABLE_RESET; null when
  /// the call never searched.
  final int? tableStatus;

  bool get cancelled => status == AiMoveStatus.cancelled;
  bool get stale => status == AiMoveStatus.stale;
  bool get searched => tableStatus != null;
}

/// What a [TempoAi.ponder] left behind: nothing but statistics, and the
/// table the next search reuses.
class PonderResult {
  const PonderResult({
    required this.depth,
    required this.nodes,
    required this.timeMs,
    required this.tableStatus,
    required this.tableReason,
  });

  /// A ponder that never searched: stopped or cancelled while still queued,
  /// or cancelled and then failed.
  const PonderResult._unsearched()
      : depth = 0,
        nodes = 0,
        timeMs = 0,
        tableStatus = null,
        tableReason = TEMPO_TABLE_REASON_NONE;

  final int depth; // last completed iteration
  final int nodes;
  final int timeMs;

  /// What the ponder found in the table (TEMPO_TABLE_*), null when it never
  /// searched, and, for RESET, why (TEMPO_TABLE_REASON_*).
  final int? tableStatus;
  final int tableReason;

  /// False when the ponder never searched.
  bool get searched => tableStatus != null;
}

/// Sent after each completed iteration when a call is given `onProgress`;
/// the last one always shows the move played (see tempo_progress in tempo.h).
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

enum _Kind { search, ponder }

/// One call, from its request until its answer.
class _Job {
  _Job(this.kind, this.request, this.onProgress);
  final _Kind kind;
  final _Request request;
  final void Function(AiProgress progress)? onProgress;
  final done = Completer<_Reply?>(); // null: never searched
  bool stale = false; // cancel() came after the call
  _NativeBytes? egdb; // the endgame database lent to its worker
}

/// The service: one table, one search at a time, in worker isolates.
class TempoAi implements Finalizable {
  /// [tableBytes]: the table's size (at least TEMPO_TABLE_MIN_BYTES).
  /// [workerReport]: for diagnostics and tests, gets `true` from a worker
  /// whose search returned after this service's isolate had died (the worker
  /// then freed the memory), `false` from every other worker.
  TempoAi({
    this.libraryPath,
    this.tableBytes = TEMPO_TABLE_DEFAULT_BYTES,
    this.workerReport,
  }) {
    if (tableBytes < TEMPO_TABLE_MIN_BYTES) {
      throw ArgumentError.value(tableBytes, 'tableBytes', 'must be at least $TEMPO_TABLE_MIN_BYTES');
    }
    _block = _NativeBytes(_tableOffset + tableBytes);
  }

  /// Where libtempo is, or null for where the plugin puts it (openTempoLibrary).
  final String? libraryPath;
  final int tableBytes;
  final SendPort? workerReport;

  // One zeroed block: the cancel word (TEMPO_CANCEL_*), padding, then the
  // table (16-byte aligned, so helper threads may share it).
  static const _tableOffset = 16;
  late _NativeBytes _block;

  /// Runs when this isolate ends while a worker searches on the block:
  /// tempo_cancel_abandon stores TEMPO_CANCEL_ABANDONED into the cancel word
  /// (atomically), so the search stops and the worker frees the block. The
  /// library is opened here, in the owning isolate, on first use.
  late final NativeFinalizer _ownerGone = NativeFinalizer(
    openTempoLibrary(libraryPath).lookup<NativeFinalizerFunction>('tempo_cancel_abandon'),
  );
  Pointer<Int32> get _cancelFlag => _block.pointer.cast<Int32>();

  bool _clearPending = false;
  bool _closed = false;

  final _queue = ListQueue<_Job>();
  _Job? _running;
  _NativeBytes? _egdb; // the endgame database for the next search, or null

  /// Finds a move for the side to move in the position reached from [board]
  /// (51 entries, piece codes 0..4, index 0 unused) after [history].
  ///
  /// [rotated]: [board], [history] and the returned move use the app's
  /// numbering (White starting on 1-20); false for FMJD numbering.
  ///
  /// Limits: [depth] plies, [movetimeMs], [nodes]; with none set the level's
  /// own depth and time cap apply (every level has one). [infinite]: search
  /// until [moveNow] or [cancel], at every level.
  ///
  /// Calls never overlap: a call made while another runs waits for it and
  /// then reuses the table it leaves. A running [ponder] is stopped first and
  /// its table taken over. Throws [TempoException] for invalid input (the
  /// table is kept) and [ArgumentError] for a board entry or history square
  /// out of range or a history move with more than 20 captures. A call that
  /// [cancel] made stale never throws: it answers [AiMoveStatus.stale].
  Future<AiMove> findBestMove({
    required List<int> board,
    required bool whiteToMove,
    List<TempoMove> history = const [],
    bool rotated = true,
    TempoLevel level = TempoLevel.hard,
    int seed = 0,
    int movetimeMs = 0,
    int depth = 0,
    int nodes = 0,
    bool infinite = false,
    TempoParams params = const TempoParams(),
    void Function(AiProgress progress)? onProgress,
  }) async {
    _checkOpen();
    final request = _requestFor(
      board,
      whiteToMove,
      history,
      rotated,
      level,
      seed,
      params,
      movetimeMs: movetimeMs,
      depth: depth,
      nodes: nodes,
      infinite: infinite,
    );
    _endPondering();
    final job = _enqueue(_Kind.search, request, onProgress);
    final reply = await _answer(job);
    if (reply == null) return const AiMove._unsearched();
    final found = reply.hasMove
        ? TempoMove(
            from: reply.move[0],
            to: reply.move[1],
            captured: reply.captured,
            path: reply.path,
            capturedInOrder: reply.capturedInOrder,
          )
        : null;
    return AiMove(
      status: job.stale
          ? AiMoveStatus.stale
          : reply.cancelled
              ? AiMoveStatus.cancelled
              : AiMoveStatus.complete,
      move: rotated ? found?.rotated() : found,
      score: reply.score,
      depth: reply.depth,
      nodes: reply.nodes,
      timeMs: reply.timeMs,
      pv: reply.pv,
      blunder: reply.blunder,
      tableStatus: reply.tableStatus,
    );
  }

  /// Searches the position (usually the one the person must move from) until
  /// [stop], [cancel] or the next [findBestMove], at every level, filling the
  /// table the next search reuses. Same position arguments as [findBestMove];
  /// give the [level] and [params] the next search will use, so the table's
  /// entries are scored the same way. Completes when the table is back with
  /// the service.
  Future<PonderResult> ponder({
    required List<int> board,
    required bool whiteToMove,
    List<TempoMove> history = const [],
    bool rotated = true,
    TempoLevel level = TempoLevel.hard,
    int seed = 0,
    TempoParams params = const TempoParams(),
    void Function(AiProgress progress)? onProgress,
  }) async {
    _checkOpen();
    final request = _requestFor(board, whiteToMove, history, rotated, level, seed, params, infinite: true);
    _endPondering();
    final job = _enqueue(_Kind.ponder, request, onProgress);
    final reply = await _answer(job);
    if (reply == null) return const PonderResult._unsearched();
    return PonderResult(
      depth: reply.depth,
      nodes: reply.nodes,
      timeMs: reply.timeMs,
      tableStatus: reply.tableStatus,
      tableReason: reply.tableReason,
    );
  }

  // The job's reply, null when it never searched or when it failed after
  // cancel() made it stale (nobody waits for that answer any more); throws
  // the failure of a call that is still wanted.
  Future<_Reply?> _answer(_Job job) async {
    final _Reply? reply;
    try {
      reply = await job.done.future;
    } on Object {
      if (job.stale) return null;
      rethrow;
    }
    if (reply == null || reply.status == TEMPO_OK) return reply;
    if (job.stale) return null;
    throw TempoException(reply.status, reply.error);
  }

  /// Ends pondering: a queued [ponder] never starts, a running one stops now.
  /// Completes when the table is back with the service (a [findBestMove]
  /// made after it uses that table; one made without it stops the ponder
  /// itself). Never throws; the [ponder] call's own future reports errors.
  Future<void> stop() async {
    final running = _endPondering(); // at once: an async body runs to its first await
    if (running == null) return;
    try {
      await running.done.future;
    } on Object {
      // The ponder call's own future reports it.
    }
  }

  /// Stops the running [findBestMove] now; it answers with the best move so
  /// far ([AiMoveStatus.cancelled]): the "move now" button. Queued calls
  /// are not touched.
  void moveNow() {
    if (_running?.kind == _Kind.search) _cancelFlag.value = TEMPO_CANCEL_STOP;
  }

  /// Stops the running call and every queued one (searches and ponders): the
  /// person moved or a new game began. Their answers come back
  /// [AiMoveStatus.stale] (queued calls at once, without searching). The
  /// table is kept; calls made after this run normally.
  void cancel() {
    while (_queue.isNotEmpty) {
      final job = _queue.removeFirst()..stale = true;
      job.done.complete(null);
    }
    final running = _running;
    if (running != null) {
      running.stale = true;
      _cancelFlag.value = TEMPO_CANCEL_STOP;
    }
  }

  /// Sets the endgame database every later search uses: the bytes of a file
  /// made by `tempo egdb build` (a Flutter asset, say), or null for none. They
  /// are copied once into native memory, which each worker isolate reads in
  /// place: no copy per move. A damaged or foreign buffer is no error; the
  /// searches go on without it (TempoBindings.tempo_egdb_get_info says why).
  ///
  /// Callable at any time, pondering included: a search or ponder already
  /// running keeps the database it started with (its memory is freed when
  /// that search hands it back); every call that starts afterwards uses the
  /// new one.
  void setEndgameDatabase(Uint8List? bytes) {
    _checkOpen();
    final old = _egdb;
    _egdb = null;
    if (old != null && !identical(old, _running?.egdb)) old.release();
    if (bytes == null || bytes.isEmpty) return;
    final memory = _NativeBytes(bytes.length);
    memory.pointer.asTypedList(bytes.length).setAll(0, bytes);
    _egdb = memory;
  }

  /// Forgets everything the table learned (a new game against someone else,
  /// say); never needed for correctness. Takes effect before the next call
  /// starts, never under a running one.
  void clearTable() {
    _clearPending = true;
    if (_running == null) _applyClear();
  }

  /// Cancels everything, waits for the running search to return and hand the
  /// table back, then frees the native memory. The service cannot be used
  /// afterwards.
  Future<void> close() async {
    if (_closed) return;
    _closed = true;
    cancel();
    final running = _running;
    if (running != null) {
      try {
        await running.done.future;
      } on Object {
        // Its caller sees the error; closing goes on.
      }
    }
    _egdb?.release();
    _egdb = null;
    _block.release();
  }

  // What a worker needs for one call, in the numbering the caller chose.
  _Request _requestFor(
    List<int> board,
    bool whiteToMove,
    List<TempoMove> history,
    bool rotated,
    TempoLevel level,
    int seed,
    TempoParams params, {
    int movetimeMs = 0,
    int depth = 0,
    int nodes = 0,
    bool infinite = false,
  }) {
    for (var i = 0; i < board.length; ++i) {
      // An Int32List would cut a larger value to 32 bits, maybe to a valid code.
      if (board[i] != board[i].toSigned(32)) {
        throw ArgumentError.value(board[i], 'board[$i]', 'not a piece code');
      }
    }
    return _Request(
      libraryPath: libraryPath,
      board: Int32List.fromList(board),
      side: whiteToMove ? TEMPO_WHITE : TEMPO_BLACK,
      numbering: rotated ? TEMPO_NUMBERING_ROTATED : TEMPO_NUMBERING_FMJD,
      history: _flatten(history),
      level: level.index,
      seed: seed,
      movetimeMs: movetimeMs,
      depth: depth,
      nodes: nodes,
      infinite: infinite,
      params: params,
      tableBytes: tableBytes,
    );
  }

  void _checkOpen() {
    if (_closed) throw StateError('TempoAi is closed');
  }

  // Drops queued ponders and stops the running one; returns the running one.
  _Job? _endPondering() {
    _queue.removeWhere((job) {
      if (job.kind != _Kind.ponder) return false;
      job.done.complete(null);
      return true;
    });
    final running = _running;
    if (running == null || running.kind != _Kind.ponder) return null;
    _cancelFlag.value = TEMPO_CANCEL_STOP;
    return running;
  }

  _Job _enqueue(_Kind kind, _Request request, void Function(AiProgress)? onProgress) {
    final job = _Job(kind, request, onProgress);
    _queue.add(job);
    _pump();
    return job;
  }

  void _pump() {
    if (_running != null || _closed || _queue.isEmpty) return;
    final job = _queue.removeFirst();
    _running = job;
    unawaited(_launch(job));
  }

  void _applyClear() {
    if (!_clearPending) return;
    _clearPending = false;
    (_block.pointer + _tableOffset).asTypedList(tableBytes).fillRange(0, tableBytes, 0);
  }

  // Runs one job in a worker isolate. Never throws: the job's future gets
  // the answer or the error, and the queue always moves on.
  Future<void> _launch(_Job job) async {
    ReceivePort? port;
    _Reply? reply;
    Object? error;
    StackTrace? trace;
    final block = _block;
    final egdb = _egdb;
    var lent = false;
    try {
      _applyClear();
      _cancelFlag.value = TEMPO_CANCEL_RUN;
      final onProgress = job.onProgress;
      if (onProgress != null) {
        port = ReceivePort();
        port.listen((message) {
          if (job.stale) return;
          final m = message as List<Object?>;
          onProgress(AiProgress(m[0] as int, m[1] as int, m[2] as int, m[3] as int, m[4] as String));
        });
      }
      final r = job.request
        ..blockAddress = block.pointer.address
        ..blockBytes = block.length
        ..egdbAddress = egdb?.pointer.address ?? 0
        ..egdbBytes = egdb?.length ?? 0
        ..progress = port?.sendPort
        ..workerReport = workerReport;
      job.egdb = egdb;
      _lend(block, egdb);
      lent = true;
      reply = await _run(r);
      _takeBack(block, egdb);
    } on Object catch (e, s) {
      if (lent) {
        // The worker isolate itself died (not a status code): its finalizers
        // may have freed what it held. Never touch that memory again; the
        // next search starts from a new, empty table.
        _ownerGone.detach(this);
        _block = _NativeBytes(_tableOffset + tableBytes);
        if (identical(_egdb, egdb)) _egdb = null;
      }
      error = e;
      trace = s;
    } finally {
      port?.close();
      job.egdb = null;
      _running = null;
      _pump(); // the next call starts before this one's caller resumes
    }
    if (error != null) {
      job.done.completeError(error, trace);
    } else {
      job.done.complete(reply);
    }
  }

  // Hands the memory of one search to its worker: this isolate's finalizers
  // no longer free it (the worker's do, from now until its search returns),
  // and this isolate's death sets the cancel word instead.
  void _lend(_NativeBytes block, _NativeBytes? egdb) {
    _ownerGone.attach(this, block.pointer.cast(), detach: this); // first: it may throw
    block.disown();
    egdb?.disown();
  }

  // The worker's search returned and it gave the memory back.
  void _takeBack(_NativeBytes block, _NativeBytes? egdb) {
    _ownerGone.detach(this);
    block.own();
    if (egdb == null) return;
    if (identical(egdb, _egdb)) {
      egdb.own();
    } else {
      egdb.release(); // replaced by setEndgameDatabase during the search
    }
  }

  static Int32List _flatten(List<TempoMove> moves) {
    final out = <int>[];
    for (final m in moves) {
      if (m.captured.length > TEMPO_MAX_CAPTURES) {
        throw ArgumentError.value(m, 'history', 'a move takes at most $TEMPO_MAX_CAPTURES pieces');
      }
      // The C move holds squares as bytes: check before they are cut to 8 bits.
      for (final square in [m.from, m.to, ...m.captured]) {
        if (square < 1 || square > 50) {
          throw ArgumentError.value(m, 'history', 'square $square is not on the board (1-50)');
        }
      }
      out
        ..add(m.from)
        ..add(m.to)
        ..add(m.captured.length)
        ..addAll(m.captured);
    }
    return Int32List.fromList(out);
  }

  // A static function so the closure sent to the worker holds only `request`.
  static Future<_Reply> _run(_Request request) => Isolate.run(() => _work(request));

  /// Runs in the worker isolate. Never throws: any failure becomes a status
  /// code. From its first line until its search has returned, the worker owns
  /// the memory it searches on ([_NativeBytes.adopt]: freed if this isolate
  /// ends with it); then it hands it back, unless the owner died meanwhile
  /// (the owner's finalizer, tempo_cancel_abandon, wrote TEMPO_CANCEL_ABANDONED),
  /// in which case it keeps it and its own exit frees it.
  static _Reply _work(_Request r) {
    final block = _NativeBytes.adopt(Pointer<Uint8>.fromAddress(r.blockAddress), r.blockBytes);
    final egdb = r.egdbBytes == 0 ? null : _NativeBytes.adopt(Pointer<Uint8>.fromAddress(r.egdbAddress), r.egdbBytes);
    final reply = _search(r, block.pointer, egdb?.pointer);
    final word = block.pointer.cast<Int32>().value;
    final ownerGone = word == TEMPO_CANCEL_ABANDONED;
    if (!ownerGone) {
      block.disown();
      egdb?.disown();
    }
    r.workerReport?.send(ownerGone);
    return reply;
  }

  // One tempo_search on memory the worker holds. Never throws.
  static _Reply _search(_Request r, Pointer<Uint8> block, Pointer<Uint8>? egdb) {
    final reply = _Reply();
    final arena = Arena();
    NativeCallable<tempo_progress_fnFunction>? callback;
    try {
      final lib = TempoBindings.open(r.libraryPath);
      final abi = lib.tempo_abi_version();
      if (abi < TEMPO_ABI_VERSION) {
        return reply
          ..status = TEMPO_ERR_INVALID_ARGUMENT
          ..error = 'libtempo has ABI version $abi; this package needs $TEMPO_ABI_VERSION or later';
      }
      const errLen = 256;
      final err = arena<Uint8>(errLen).cast<Utf8>();
      final start = arena<tempo_position>();
      start.ref.size = sizeOf<tempo_position>();
      final squares = arena<Int32>(r.board.isEmpty ? 1 : r.board.length);
      for (var i = 0; i < r.board.length; ++i) {
        squares[i] = r.board[i];
      }
      var status = lib.tempo_position_from_squares(squares, r.board.length, r.side, r.numbering, start, err, errLen);
      if (status != TEMPO_OK) {
        return reply
          ..status = status
          ..error = err.toDartString();
      }
      // The history, renumbered to FMJD (every square checked 1..50 by _flatten).
      final flat = r.history;
      var count = 0;
      for (var i = 0; i < flat.length; i += 3 + flat[i + 2]) {
        count++;
      }
      final moves = arena<tempo_move>(count == 0 ? 1 : count);
      int sq(int s) => r.numbering == TEMPO_NUMBERING_ROTATED ? rotateSquare(s) : s;
      for (var i = 0, k = 0; i < flat.length; i += 3 + flat[i + 2], ++k) {
        final m = moves[k];
        m.size = sizeOf<tempo_move>();
        m.from = sq(flat[i]);
        m.to = sq(flat[i + 1]);
        m.capture_count = flat[i + 2];
        for (var c = 0; c < flat[i + 2]; ++c) {
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
        ..nodes = r.nodes
        ..infinite = r.infinite ? 1 : 0
        ..seed = r.seed
        ..multipv = 1
        ..cancel = block.cast<Int32>()
        ..egdb = egdb ?? nullptr.cast<Uint8>()
        ..egdb_size = r.egdbBytes;
      _setParams(request.ref, r.params);
      final progress = r.progress;
      if (progress != null) {
        // Called on this thread, inside tempo_search.
        void onProgress(Pointer<tempo_progress> p, Pointer<Void> context) {
          final q = p.ref;
          progress.send([q.depth, q.score, q.nodes, q.time_ms, _text(q.pv, TEMPO_PV_TEXT)]);
        }

        callback = NativeCallable<tempo_progress_fnFunction>.isolateLocal(onProgress);
        request.ref.on_progress = callback.nativeFunction;
      }
      final result = arena<tempo_search_result>();
      result.ref.size = sizeOf<tempo_search_result>();
      status = lib.tempo_search(request, block + _tableOffset, r.tableBytes, result, err, errLen);
      if (status != TEMPO_OK) {
        return reply
          ..status = status
          ..error = err.toDartString();
      }
      final res = result.ref;
      final best = res.best_move;
      return reply
        ..status = TEMPO_OK
        ..hasMove = res.has_move != 0
        ..move = [best.from, best.to]
        ..captured = [for (var i = 0; i < best.capture_count; ++i) best.captured[i]]
        ..path = [for (var i = 0; i < best.path_length; ++i) best.path[i]]
        ..capturedInOrder = [for (var i = 0; i < best.capture_count; ++i) best.captured_in_order[i]]
        ..score = res.score
        ..depth = res.depth
        ..nodes = res.nodes
        ..timeMs = res.time_ms
        ..pv = _text(res.pv, TEMPO_PV_TEXT)
        ..cancelled = res.cancelled != 0
        ..blunder = res.blunder != 0
        ..tableStatus = res.tt_status
        ..tableReason = res.tt_reason;
    } on Object catch (e) {
      return reply
        ..status = TEMPO_ERR_INTERNAL
        ..error = 'Dart worker: $e';
    } finally {
      callback?.close();
      arena.releaseAll();
    }
  }

  static void _setParams(tempo_search_request q, TempoParams p) {
    var bits = 0;
    // A parameter given sets its field and its TEMPO_OVERRIDE_* bit.
    void put<T>(T? value, int bit, void Function(T) store) {
      if (value == null) return;
      bits |= bit;
      store(value);
    }

    put(p.maxDepth, TEMPO_OVERRIDE_MAX_DEPTH, (int v) => q.max_depth = v);
    put(p.timeLimitMs, TEMPO_OVERRIDE_TIME_LIMIT, (int v) => q.time_limit_ms = v);
    put(p.evalNoise, TEMPO_OVERRIDE_EVAL_NOISE, (int v) => q.eval_noise = v);
    put(p.blunderProbability, TEMPO_OVERRIDE_BLUNDER_PROBABILITY, (double v) => q.blunder_probability = v);
    put(p.blunderMargin, TEMPO_OVERRIDE_BLUNDER_MARGIN, (int v) => q.blunder_margin = v);
    put(p.featureScale, TEMPO_OVERRIDE_FEATURE_SCALE, (double v) => q.feature_scale = v);
    put(p.useTable, TEMPO_OVERRIDE_USE_TABLE, (bool v) => q.use_table = v ? 1 : 0);
    put(p.useKillers, TEMPO_OVERRIDE_USE_KILLERS, (bool v) => q.use_killers = v ? 1 : 0);
    put(p.threads, TEMPO_OVERRIDE_THREADS, (int v) => q.threads = v);
    put(p.freshTable, TEMPO_OVERRIDE_FRESH_TABLE, (bool v) => q.fresh_table = v ? 1 : 0);
    put(p.maxNodes, TEMPO_OVERRIDE_MAX_NODES, (int v) => q.max_nodes = v);
    put(p.blunderDepth, TEMPO_OVERRIDE_BLUNDER_DEPTH, (int v) => q.blunder_depth = v);
    put(p.captureHorizon, TEMPO_OVERRIDE_CAPTURE_HORIZON, (int v) => q.capture_horizon = v);
    put(p.strength, TEMPO_OVERRIDE_STRENGTH, (int v) => q.strength = v);
    put(p.book, TEMPO_OVERRIDE_BOOK, (bool v) => q.book = v ? 1 : 0);
    put(p.bookVariety, TEMPO_OVERRIDE_BOOK_VARIETY, (int v) => q.book_variety = v);
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

/// What the worker needs: primitives and sendable objects only. The memory
/// and port fields are filled in when the call starts.
class _Request {
  _Request({
    required this.libraryPath,
    required this.board,
    required this.side,
    required this.numbering,
    required this.history,
    required this.level,
    required this.seed,
    required this.movetimeMs,
    required this.depth,
    required this.nodes,
    required this.infinite,
    required this.params,
    required this.tableBytes,
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
  final int nodes;
  final bool infinite;
  final TempoParams params;
  final int tableBytes;
  int blockAddress = 0; // the cancel word, then the table (TempoAi._tableOffset)
  int blockBytes = 0;
  int egdbAddress = 0; // the endgame database in native memory, or 0
  int egdbBytes = 0;
  SendPort? progress;
  SendPort? workerReport;
}

/// Frees native memory when the object holding it is no longer reachable:
/// garbage collected, or its isolate ended.
final _free = NativeFinalizer(calloc.nativeFree);

/// Native memory (calloc, zeroed) and who frees it: while [own]ed, [_free]
/// does when this object goes; [disown] hands that duty to someone else
/// (a worker's [_NativeBytes.adopt] of the same address).
class _NativeBytes implements Finalizable {
  _NativeBytes(this.length) : pointer = calloc<Uint8>(length) {
    own();
  }

  /// Takes over memory another isolate disowned.
  _NativeBytes.adopt(this.pointer, this.length) {
    own();
  }

  final Pointer<Uint8> pointer;
  final int length;

  void own() => _free.attach(this, pointer.cast(), detach: this, externalSize: length);
  void disown() => _free.detach(this);

  void release() {
    disown();
    calloc.free(pointer);
  }
}

class _Reply {
  int status = TEMPO_ERR_INTERNAL;
  String error = '';
  bool hasMove = false;
  List<int> move = const [0, 0];
  List<int> captured = const [];
  List<int> path = const [];
  List<int> capturedInOrder = const [];
  int score = 0;
  int depth = 0;
  int nodes = 0;
  int timeMs = 0;
  String pv = '';
  bool cancelled = false;
  bool blunder = false;
  int tableStatus = TEMPO_TABLE_FRESH;
  int tableReason = TEMPO_TABLE_REASON_NONE;
}
