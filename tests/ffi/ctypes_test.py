#!/usr/bin/python3
"""Opens libtempo.so by path and calls its functions by symbol name with
declared argument and result types: exactly what dart:ffi's
DynamicLibrary.open + lookupFunction do.

Usage: ctypes_test.py path/to/libtempo.so
"""
import ctypes as C
import sys
import threading

OK, NULL_POINTER, STRUCT_SIZE, MISALIGNED, TOO_SMALL, INVALID_ARGUMENT = 0, 1, 2, 3, 4, 5
INVALID_POSITION, PARSE, ILLEGAL_MOVE, AMBIGUOUS, TABLE, INTERNAL = 6, 7, 8, 9, 10, 11


class Position(C.Structure):
    _fields_ = [("size", C.c_uint32), ("side", C.c_int32), ("squares", C.c_uint8 * 51), ("reserved", C.c_uint8 * 1)]


class Move(C.Structure):
    _fields_ = [("size", C.c_uint32), ("from_", C.c_uint8), ("to", C.c_uint8), ("capture_count", C.c_uint8),
                ("path_length", C.c_uint8), ("captured", C.c_uint8 * 20), ("path", C.c_uint8 * 21),
                ("reserved", C.c_uint8 * 3),
                # ABI 3
                ("captured_in_order", C.c_uint8 * 20)]


class GameState(C.Structure):
    _fields_ = [("size", C.c_uint32), ("result", C.c_int32), ("draw_rule", C.c_int32), ("side_to_move", C.c_int32),
                ("plies", C.c_uint32), ("legal_moves", C.c_uint32), ("king_plies", C.c_uint32),
                ("endgame_plies", C.c_uint32), ("repetitions", C.c_uint32), ("position", Position)]


class Progress(C.Structure):
    _fields_ = [("size", C.c_uint32), ("depth", C.c_int32), ("seldepth", C.c_int32), ("score", C.c_int32),
                ("nodes", C.c_uint64), ("time_ms", C.c_int64), ("multipv_index", C.c_int32), ("pv", C.c_char * 512)]


PROGRESS_FN = C.CFUNCTYPE(None, C.POINTER(Progress), C.c_void_p)


class SearchRequest(C.Structure):
    _fields_ = [("size", C.c_uint32), ("level", C.c_int32), ("start", C.POINTER(Position)), ("moves", C.POINTER(Move)),
                ("move_size", C.c_uint32), ("move_count", C.c_uint32), ("depth", C.c_int32),
                ("movetime_ms", C.c_int32), ("nodes", C.c_uint64), ("time_left_ms", C.c_int32),
                ("increment_ms", C.c_int32), ("moves_to_go", C.c_int32), ("infinite", C.c_int32),
                ("seed", C.c_uint64), ("multipv", C.c_int32), ("reserved0", C.c_int32),
                ("cancel", C.POINTER(C.c_int32)), ("on_progress", PROGRESS_FN), ("progress_user_data", C.c_void_p),
                # ABI 2
                ("overrides", C.c_uint32), ("max_depth", C.c_int32), ("time_limit_ms", C.c_int32),
                ("eval_noise", C.c_int32), ("blunder_margin", C.c_int32), ("use_table", C.c_int32),
                ("use_killers", C.c_int32), ("reserved1", C.c_int32), ("blunder_probability", C.c_double),
                ("feature_scale", C.c_double),
                # ABI 3
                 ("threads", C.c_int32),
                 ("fresh_table", C.c_int32),
                ("egdb", C.POINTER(C.c_uint8)), ("egdb_size", C.c_uint64),
                # ABI 5
                ("max_nodes", C.c_int32), ("blunder_depth", C.c_int32), ("capture_horizon", C.c_int32),
                ("strength", C.c_int32),
                # ABI 6
                ("book", C.c_int32), ("book_variety", C.c_int32)]


class EgdbInfo(C.Structure):
    _fields_ = [("size", C.c_uint32), ("status", C.c_int32), ("max_pieces", C.c_int32), ("slices", C.c_int32),
                ("bytes", C.c_uint64)]


class ScoredMove(C.Structure):
    _fields_ = [("move", Move), ("score", C.c_int32), ("pv", C.c_char * 512)]


class SearchResult(C.Structure):
    _fields_ = [("size", C.c_uint32), ("has_move", C.c_int32), ("best_move", Move), ("score", C.c_int32),
                ("depth", C.c_int32), ("seldepth", C.c_int32), ("cancelled", C.c_int32), ("blunder", C.c_int32),
                ("tt_status", C.c_int32), ("tt_reason", C.c_int32), ("multipv_count", C.c_int32),
                ("nodes", C.c_uint64), ("time_ms", C.c_int64), ("pv", C.c_char * 512),
                ("multipv", ScoredMove * 32)]


class TableInfo(C.Structure):
    _fields_ = [("size", C.c_uint32), ("format_version", C.c_uint32), ("generation", C.c_uint32),
                ("status", C.c_int32), ("reason", C.c_int32), ("reserved0", C.c_int32), ("bytes", C.c_uint64),
                ("entries", C.c_uint64), ("fill", C.c_double)]


P = C.POINTER
SIGNATURES = {
    "tempo_abi_version": (C.c_uint32, []),
    "tempo_status_string": (C.c_char_p, [C.c_int32]),
    "tempo_score_text": (C.c_int32, [C.c_int32, C.c_char_p, C.c_size_t, P(C.c_size_t)]),
    "tempo_position_start": (C.c_int32, [P(Position)]),
    "tempo_position_validate": (C.c_int32, [P(Position), C.c_char_p, C.c_size_t]),
    "tempo_position_from_fen": (C.c_int32, [C.c_char_p, P(Position), C.c_char_p, C.c_size_t]),
    "tempo_position_to_fen": (C.c_int32, [P(Position), C.c_char_p, C.c_size_t, P(C.c_size_t)]),
    "tempo_position_from_squares": (C.c_int32, [P(C.c_int32), C.c_size_t, C.c_int32, C.c_int32, P(Position),
                                                C.c_char_p, C.c_size_t]),
    "tempo_position_to_squares": (C.c_int32, [P(Position), C.c_int32, P(C.c_int32), C.c_size_t]),
    "tempo_rotate_square": (C.c_int32, [C.c_int32, P(C.c_int32)]),
    "tempo_legal_moves": (C.c_int32, [P(Position), P(Move), C.c_uint32, C.c_uint32, P(C.c_uint32)]),
    "tempo_play_move": (C.c_int32, [P(Position), P(Move), P(Position)]),
    "tempo_move_to_pdn": (C.c_int32, [P(Position), P(Move), C.c_char_p, C.c_size_t, P(C.c_size_t)]),
    "tempo_move_from_pdn": (C.c_int32, [P(Position), C.c_char_p, P(Move), C.c_char_p, C.c_size_t]),
    "tempo_move_to_hub": (C.c_int32, [P(Position), P(Move), C.c_char_p, C.c_size_t, P(C.c_size_t)]),
    "tempo_move_from_hub": (C.c_int32, [P(Position), C.c_char_p, P(Move), C.c_char_p, C.c_size_t]),
    "tempo_game_status": (C.c_int32, [P(Position), P(Move), C.c_uint32, C.c_uint32, P(GameState), C.c_char_p,
                                      C.c_size_t]),
    "tempo_search": (C.c_int32, [P(SearchRequest), P(C.c_uint8), C.c_size_t, P(SearchResult), C.c_char_p, C.c_size_t]),
    "tempo_table_get_info": (C.c_int32, [P(C.c_uint8), C.c_size_t, P(TableInfo)]),
    "tempo_table_clear": (C.c_int32, [P(C.c_uint8), C.c_size_t]),
    "tempo_egdb_get_info": (C.c_int32, [P(C.c_uint8), C.c_uint64, P(EgdbInfo)]),
    "tempo_egdb_probe": (C.c_int32, [P(C.c_uint8), C.c_uint64, P(Position), P(C.c_int32), P(C.c_int32)]),
}

passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAILED:", what)


def sized(cls):
    s = cls()
    s.size = C.sizeof(cls)
    return s


def main():
    lib = C.CDLL(sys.argv[1])
    f = {}
    for name, (res, args) in SIGNATURES.items():
        fn = getattr(lib, name)  # by symbol name, like lookupFunction
        fn.restype, fn.argtypes = res, args
        f[name] = fn

    # Struct sizes agree with what the library was built with (tests the
    # Python mirror; the Dart mirror is checked by dart_bindings_test.py).
    check(C.sizeof(Position) == 60 and C.sizeof(Move) == 72 and C.sizeof(GameState) == 96, "struct sizes")
    check(C.sizeof(SearchRequest) == 200 and C.sizeof(EgdbInfo) == 24 and C.sizeof(SearchResult) == 19456 and C.sizeof(TableInfo) == 48,
          "struct sizes (search, table)")

    check(f["tempo_abi_version"]() == 6, "abi version")
    score = C.create_string_buffer(16)
    for value, text in ((25, b"+0.25"), (30000 - 7, b"+99.93"), (-(30000 - 4), b"-99.96"), (-30000, b"-100.00")):
        check(f["tempo_score_text"](value, score, 16, None) == OK and score.value == text, "score text %d" % value)
    check(f["tempo_status_string"](ILLEGAL_MOVE).startswith(b"the move is not legal"), "status string")

    # The app's board (rotated numbering) -> FMJD start position.
    app = (C.c_int32 * 51)()
    for s in range(1, 21):
        app[s] = 1  # white man, app numbering
    for s in range(31, 51):
        app[s] = 2
    pos = sized(Position)
    err = C.create_string_buffer(200)
    check(f["tempo_position_from_squares"](app, 51, 0, 1, C.byref(pos), err, 200) == OK, err.value)
    fen = C.create_string_buffer(160)
    length = C.c_size_t()
    check(f["tempo_position_to_fen"](C.byref(pos), fen, 160, C.byref(length)) == OK, "to fen")
    check(fen.value == b"W:W31-50:B1-20" and length.value == 14, fen.value)

    moves = (Move * 256)()
    n = C.c_uint32()
    check(f["tempo_legal_moves"](C.byref(pos), moves, C.sizeof(Move), 256, C.byref(n)) == OK, "legal moves")
    check(n.value == 9, n.value)
    text = C.create_string_buffer(96)
    seen = set()
    for i in range(n.value):
        check(f["tempo_move_to_pdn"](C.byref(pos), C.byref(moves[i]), text, 96, None) == OK, "to pdn")
        seen.add(text.value.decode())
    check("32-28" in seen and "31-26" in seen, seen)

    m = sized(Move)
    check(f["tempo_move_from_pdn"](C.byref(pos), b"35-30", C.byref(m), err, 200) == OK, err.value)
    after = sized(Position)
    check(f["tempo_play_move"](C.byref(pos), C.byref(m), C.byref(after)) == OK, "play")
    check(after.squares[30] == 1 and after.squares[35] == 0 and after.side == 1, "board after 35-30")
    check(f["tempo_move_from_hub"](C.byref(after), b"35-30", C.byref(m), err, 200) == ILLEGAL_MOVE, "hub illegal")
    check(f["tempo_position_from_fen"](b"W:W31-50:B31", C.byref(pos), err, 200) == INVALID_POSITION, err.value)
    check(f["tempo_position_from_fen"](None, C.byref(pos), err, 200) == NULL_POINTER, "null fen")
    rot = C.c_int32()
    check(f["tempo_rotate_square"](12, C.byref(rot)) == OK and rot.value == 39, "rotate")

    # Game status after a few moves.
    start = sized(Position)
    f["tempo_position_start"](C.byref(start))
    hist = (Move * 2)()
    for h in hist:
        h.size = C.sizeof(Move)
    p = sized(Position)
    check(f["tempo_move_from_pdn"](C.byref(start), b"32-28", C.byref(hist[0]), err, 200) == OK, err.value)
    f["tempo_play_move"](C.byref(start), C.byref(hist[0]), C.byref(p))
    check(f["tempo_move_from_pdn"](C.byref(p), b"19-23", C.byref(hist[1]), err, 200) == OK, err.value)
    state = sized(GameState)
    check(f["tempo_game_status"](C.byref(start), hist, C.sizeof(Move), 2, C.byref(state), err, 200) == OK, err.value)
    check(state.result == 0 and state.plies == 2 and state.legal_moves == 1 and state.position.squares[23] == 2,
          "game state after 32-28 19-23")

    # Search with a table, a progress callback and a cancel flag set from
    # another thread, as the Dart worker isolate does.
    table_len = 1 << 20
    table = (C.c_uint8 * table_len)()
    info = sized(TableInfo)
    check(f["tempo_table_get_info"](table, table_len, C.byref(info)) == OK and info.status == 1, "fresh table")
    calls = []
    searching_thread = []

    def on_progress(progress, user_data):
        calls.append((progress.contents.depth, progress.contents.pv))
        searching_thread.append(threading.get_ident())

    callback = PROGRESS_FN(on_progress)
    flag = C.c_int32(0)
    req = sized(SearchRequest)
    req.level = 3
    req.start = C.pointer(start)
    req.moves = hist
    req.move_size = C.sizeof(Move)
    req.move_count = 1  # Black to move after 32-28, with 9 replies
    req.infinite = 1
    req.cancel = C.pointer(flag)
    req.on_progress = callback
    result = sized(SearchResult)
    status = []

    def worker():
        status.append(f["tempo_search"](C.byref(req), table, table_len, C.byref(result), err, 200))

    t = threading.Thread(target=worker)
    t.start()
    timer = threading.Timer(0.3, lambda: setattr(flag, "value", 1))
    timer.start()
    t.join(20)
    check(not t.is_alive(), "search did not stop after the cancel flag was set")
    check(status == [OK], (status, err.value))
    check(result.cancelled == 1 and result.has_move == 1, "cancelled with a move")
    reply = sized(Position)
    check(f["tempo_play_move"](C.byref(p), C.byref(result.best_move), C.byref(reply)) == OK, "a legal reply")
    check(len(calls) > 0 and set(searching_thread) == {t.ident}, "progress on the searching thread")
    check(f["tempo_table_get_info"](table, table_len, C.byref(info)) == OK and info.status == 0 and info.generation >= 1,
          "table reused after the search")
    check(f["tempo_table_clear"](table, table_len) == OK, "clear")
    check(f["tempo_search"](C.byref(req), table, 100, C.byref(result), err, 200) == TABLE, "short table")

    # ABI 2 overrides through the Dart-like struct mirror: Easy with its
    # horizon moved to 5 plies (and, ABI 5, without its node budget); a bad
    # value names the field.
    easy = sized(SearchRequest)
    easy.level = 0
    easy.start = C.pointer(start)
    easy.move_size = C.sizeof(Move)
    easy.overrides = 1 | 1024  # TEMPO_OVERRIDE_MAX_DEPTH | TEMPO_OVERRIDE_MAX_NODES
    easy.max_depth = 5
    easy.max_nodes = 0
    check(f["tempo_search"](C.byref(easy), None, 0, C.byref(result), err, 200) == OK and result.depth == 5,
          "max_depth override")
    easy.overrides = 32  # TEMPO_OVERRIDE_FEATURE_SCALE
    easy.feature_scale = 9.0
    check(f["tempo_search"](C.byref(easy), None, 0, C.byref(result), err, 200) == INVALID_ARGUMENT
          and b"feature_scale" in err.value, "bad feature_scale refused")

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
