// dart:ffi bindings for every function, struct and constant of
// ffi/include/tempo.h (ABI version 6: the request's book and book_variety; ABI 5: the request's strength, max_nodes, blunder_depth and
// capture_horizon; ABI 4: tempo_cancel_abandon; ABI 3: tempo_move's captured_in_order, the
// request's threads, fresh_table, egdb and egdb_size). A library of an older
// ABI lays tempo_search_result out differently: check tempo_abi_version()
// first (TempoAi does). Kept in one regular form so that
// tests/ffi/dart_bindings_test.py can check them against the header with
// libclang: every function's native and Dart signature, every struct's field
// order and types, every constant's value.
//
// Ownership: the caller allocates everything (calloc from package:ffi) and
// frees it; nothing returned by the library is ever freed.
// ignore_for_file: non_constant_identifier_names, camel_case_types, constant_identifier_names

import 'dart:ffi';

import 'package:ffi/ffi.dart';

import 'library.dart';

// ------------------------------------------------------------------ constants
const int TEMPO_ABI_VERSION = 6;
const int TEMPO_CANCEL_RUN = 0;
const int TEMPO_CANCEL_STOP = 1;
const int TEMPO_CANCEL_ABANDONED = 2;
const int TEMPO_OK = 0;
const int TEMPO_ERR_NULL_POINTER = 1;
const int TEMPO_ERR_STRUCT_SIZE = 2;
const int TEMPO_ERR_MISALIGNED = 3;
const int TEMPO_ERR_BUFFER_TOO_SMALL = 4;
const int TEMPO_ERR_INVALID_ARGUMENT = 5;
const int TEMPO_ERR_INVALID_POSITION = 6;
const int TEMPO_ERR_PARSE = 7;
const int TEMPO_ERR_ILLEGAL_MOVE = 8;
const int TEMPO_ERR_AMBIGUOUS_MOVE = 9;
const int TEMPO_ERR_TABLE = 10;
const int TEMPO_ERR_INTERNAL = 11;
const int TEMPO_WHITE = 0;
const int TEMPO_BLACK = 1;
const int TEMPO_EMPTY = 0;
const int TEMPO_WHITE_MAN = 1;
const int TEMPO_BLACK_MAN = 2;
const int TEMPO_WHITE_KING = 3;
const int TEMPO_BLACK_KING = 4;
const int TEMPO_NUMBERING_FMJD = 0;
const int TEMPO_NUMBERING_ROTATED = 1;
const int TEMPO_LEVEL_EASY = 0;
const int TEMPO_LEVEL_MEDIUM = 1;
const int TEMPO_LEVEL_HARD = 2;
const int TEMPO_LEVEL_EXPERT = 3;
const int TEMPO_OVERRIDE_MAX_DEPTH = 1;
const int TEMPO_OVERRIDE_TIME_LIMIT = 2;
const int TEMPO_OVERRIDE_EVAL_NOISE = 4;
const int TEMPO_OVERRIDE_BLUNDER_PROBABILITY = 8;
const int TEMPO_OVERRIDE_BLUNDER_MARGIN = 16;
const int TEMPO_OVERRIDE_FEATURE_SCALE = 32;
const int TEMPO_OVERRIDE_USE_TABLE = 64;
const int TEMPO_OVERRIDE_USE_KILLERS = 128;
const int TEMPO_OVERRIDE_THREADS = 256;
const int TEMPO_OVERRIDE_FRESH_TABLE = 512;
const int TEMPO_OVERRIDE_MAX_NODES = 1024;
const int TEMPO_OVERRIDE_BLUNDER_DEPTH = 2048;
const int TEMPO_OVERRIDE_CAPTURE_HORIZON = 4096;
const int TEMPO_OVERRIDE_STRENGTH = 8192;
const int TEMPO_OVERRIDE_BOOK = 16384;
const int TEMPO_OVERRIDE_BOOK_VARIETY = 32768;
const int TEMPO_RESULT_ONGOING = 0;
const int TEMPO_RESULT_WHITE_WINS = 1;
const int TEMPO_RESULT_BLACK_WINS = 2;
const int TEMPO_RESULT_DRAW = 3;
const int TEMPO_DRAW_NONE = 0;
const int TEMPO_DRAW_REPETITION = 1;
const int TEMPO_DRAW_25_MOVES = 2;
const int TEMPO_DRAW_16_MOVES = 3;
const int TEMPO_DRAW_5_MOVES = 4;
const int TEMPO_TABLE_REUSED = 0;
const int TEMPO_TABLE_FRESH = 1;
const int TEMPO_TABLE_RESET = 2;
const int TEMPO_TABLE_REASON_NONE = 0;
const int TEMPO_TABLE_REASON_BAD_MAGIC = 1;
const int TEMPO_TABLE_REASON_VERSION = 2;
const int TEMPO_TABLE_REASON_GEOMETRY = 3;
const int TEMPO_TABLE_REASON_FINGERPRINT = 4;
const int TEMPO_TABLE_REASON_BYTE_ORDER = 5;
const int TEMPO_TABLE_REASON_CORRUPT_HEADER = 6;
const int TEMPO_EGDB_OK = 0;
const int TEMPO_EGDB_NONE = 1;
const int TEMPO_EGDB_TRUNCATED = 2;
const int TEMPO_EGDB_BAD_MAGIC = 3;
const int TEMPO_EGDB_BYTE_ORDER = 4;
const int TEMPO_EGDB_VERSION = 5;
const int TEMPO_EGDB_CORRUPT_HEADER = 6;
const int TEMPO_EGDB_CORRUPT_DIRECTORY = 7;
const int TEMPO_MAX_MOVES = 512;
const int TEMPO_MAX_CAPTURES = 20;
const int TEMPO_MAX_PATH = 21;
const int TEMPO_MAX_MULTIPV = 32;
const int TEMPO_PV_TEXT = 512;
const int TEMPO_FEN_TEXT = 160;
const int TEMPO_MOVE_TEXT = 96;
const int TEMPO_TABLE_MIN_BYTES = 65536;
const int TEMPO_TABLE_DEFAULT_BYTES = 4194304;
const int TEMPO_WIN_SCORE = 30000;
const int TEMPO_WIN_THRESHOLD = 29000;
const int TEMPO_SCORE_TEXT = 16;

// ------------------------------------------------------------------ structs

final class tempo_position extends Struct {
  @Uint32()
  external int size;
  @Int32()
  external int side;
  @Array(51)
  external Array<Uint8> squares;
  @Array(1)
  external Array<Uint8> reserved;
}

final class tempo_move extends Struct {
  @Uint32()
  external int size;
  @Uint8()
  external int from;
  @Uint8()
  external int to;
  @Uint8()
  external int capture_count;
  @Uint8()
  external int path_length;
  @Array(20)
  external Array<Uint8> captured;
  @Array(21)
  external Array<Uint8> path;
  @Array(3)
  external Array<Uint8> reserved;
  @Array(20)
  external Array<Uint8> captured_in_order;
}

final class tempo_game_state extends Struct {
  @Uint32()
  external int size;
  @Int32()
  external int result;
  @Int32()
  external int draw_rule;
  @Int32()
  external int side_to_move;
  @Uint32()
  external int plies;
  @Uint32()
  external int legal_moves;
  @Uint32()
  external int king_plies;
  @Uint32()
  external int endgame_plies;
  @Uint32()
  external int repetitions;
  external tempo_position position;
}

final class tempo_progress extends Struct {
  @Uint32()
  external int size;
  @Int32()
  external int depth;
  @Int32()
  external int seldepth;
  @Int32()
  external int score;
  @Uint64()
  external int nodes;
  @Int64()
  external int time_ms;
  @Int32()
  external int multipv_index;
  @Array(512)
  external Array<Char> pv;
}

typedef tempo_progress_fnFunction = Void Function(Pointer<tempo_progress>, Pointer<Void>);

final class tempo_search_request extends Struct {
  @Uint32()
  external int size;
  @Int32()
  external int level;
  external Pointer<tempo_position> start;
  external Pointer<tempo_move> moves;
  @Uint32()
  external int move_size;
  @Uint32()
  external int move_count;
  @Int32()
  external int depth;
  @Int32()
  external int movetime_ms;
  @Uint64()
  external int nodes;
  @Int32()
  external int time_left_ms;
  @Int32()
  external int increment_ms;
  @Int32()
  external int moves_to_go;
  @Int32()
  external int infinite;
  @Uint64()
  external int seed;
  @Int32()
  external int multipv;
  @Int32()
  external int reserved0;
  external Pointer<Int32> cancel;
  external Pointer<NativeFunction<tempo_progress_fnFunction>> on_progress;
  external Pointer<Void> progress_user_data;
  @Uint32()
  external int overrides;
  @Int32()
  external int max_depth;
  @Int32()
  external int time_limit_ms;
  @Int32()
  external int eval_noise;
  @Int32()
  external int blunder_margin;
  @Int32()
  external int use_table;
  @Int32()
  external int use_killers;
  @Int32()
  external int reserved1;
  @Double()
  external double blunder_probability;
  @Double()
  external double feature_scale;
  @Int32()
  external int threads;
  @Int32()
  external int fresh_table;
  external Pointer<Uint8> egdb;
  @Uint64()
  external int egdb_size;
  @Int32()
  external int max_nodes;
  @Int32()
  external int blunder_depth;
  @Int32()
  external int capture_horizon;
  @Int32()
  external int strength;
  @Int32()
  external int book;
  @Int32()
  external int book_variety;
}

final class tempo_scored_move extends Struct {
  external tempo_move move;
  @Int32()
  external int score;
  @Array(512)
  external Array<Char> pv;
}

final class tempo_search_result extends Struct {
  @Uint32()
  external int size;
  @Int32()
  external int has_move;
  external tempo_move best_move;
  @Int32()
  external int score;
  @Int32()
  external int depth;
  @Int32()
  external int seldepth;
  @Int32()
  external int cancelled;
  @Int32()
  external int blunder;
  @Int32()
  external int tt_status;
  @Int32()
  external int tt_reason;
  @Int32()
  external int multipv_count;
  @Uint64()
  external int nodes;
  @Int64()
  external int time_ms;
  @Array(512)
  external Array<Char> pv;
  @Array(32)
  external Array<tempo_scored_move> multipv;
}

final class tempo_table_info extends Struct {
  @Uint32()
  external int size;
  @Uint32()
  external int format_version;
  @Uint32()
  external int generation;
  @Int32()
  external int status;
  @Int32()
  external int reason;
  @Int32()
  external int reserved0;
  @Uint64()
  external int bytes;
  @Uint64()
  external int entries;
  @Double()
  external double fill;
}

final class tempo_egdb_info extends Struct {
  @Uint32()
  external int size;
  @Int32()
  external int status;
  @Int32()
  external int max_pieces;
  @Int32()
  external int slices;
  @Uint64()
  external int bytes;
}

// ------------------------------------------------------------------ functions

/// The library's functions. Open it once per isolate: a DynamicLibrary cannot
/// be sent to another isolate.
class TempoBindings {
  TempoBindings(this._lib);

  /// Opens the library the platform's way: bundled `libtempo.so` on Android
  /// and Linux, linked into the process on iOS, `libtempo.dylib` on macOS,
  /// `tempo.dll` on Windows; or the file at [path].
  factory TempoBindings.open([String? path]) => TempoBindings(openTempoLibrary(path));

  final DynamicLibrary _lib;

  late final tempo_abi_version = _lib.lookupFunction<
      Uint32 Function(),
      int Function()>('tempo_abi_version');

  late final tempo_cancel_abandon = _lib.lookupFunction<
      Void Function(Pointer<Void>),
      void Function(Pointer<Void>)>('tempo_cancel_abandon');

  late final tempo_status_string = _lib.lookupFunction<
      Pointer<Utf8> Function(Int32),
      Pointer<Utf8> Function(int)>('tempo_status_string');

  late final tempo_score_text = _lib.lookupFunction<
      Int32 Function(Int32, Pointer<Utf8>, Size, Pointer<Size>),
      int Function(int, Pointer<Utf8>, int, Pointer<Size>)>('tempo_score_text');

  late final tempo_position_start = _lib.lookupFunction<
      Int32 Function(Pointer<tempo_position>),
      int Function(Pointer<tempo_position>)>('tempo_position_start');

  late final tempo_position_validate = _lib.lookupFunction<
      Int32 Function(Pointer<tempo_position>, Pointer<Utf8>, Size),
      int Function(Pointer<tempo_position>, Pointer<Utf8>, int)>('tempo_position_validate');

  late final tempo_position_from_fen = _lib.lookupFunction<
      Int32 Function(Pointer<Utf8>, Pointer<tempo_position>, Pointer<Utf8>, Size),
      int Function(Pointer<Utf8>, Pointer<tempo_position>, Pointer<Utf8>, int)>('tempo_position_from_fen');

  late final tempo_position_to_fen = _lib.lookupFunction<
      Int32 Function(Pointer<tempo_position>, Pointer<Utf8>, Size, Pointer<Size>),
      int Function(Pointer<tempo_position>, Pointer<Utf8>, int, Pointer<Size>)>('tempo_position_to_fen');

  late final tempo_position_from_squares = _lib.lookupFunction<
      Int32 Function(Pointer<Int32>, Size, Int32, Int32, Pointer<tempo_position>, Pointer<Utf8>, Size),
      int Function(Pointer<Int32>, int, int, int, Pointer<tempo_position>, Pointer<Utf8>, int)>('tempo_position_from_squares');

  late final tempo_position_to_squares = _lib.lookupFunction<
      Int32 Function(Pointer<tempo_position>, Int32, Pointer<Int32>, Size),
      int Function(Pointer<tempo_position>, int, Pointer<Int32>, int)>('tempo_position_to_squares');

  late final tempo_rotate_square = _lib.lookupFunction<
      Int32 Function(Int32, Pointer<Int32>),
      int Function(int, Pointer<Int32>)>('tempo_rotate_square');

  late final tempo_legal_moves = _lib.lookupFunction<
      Int32 Function(Pointer<tempo_position>, Pointer<tempo_move>, Uint32, Uint32, Pointer<Uint32>),
      int Function(Pointer<tempo_position>, Pointer<tempo_move>, int, int, Pointer<Uint32>)>('tempo_legal_moves');

  late final tempo_play_move = _lib.lookupFunction<
      Int32 Function(Pointer<tempo_position>, Pointer<tempo_move>, Pointer<tempo_position>),
      int Function(Pointer<tempo_position>, Pointer<tempo_move>, Pointer<tempo_position>)>('tempo_play_move');

  late final tempo_move_to_pdn = _lib.lookupFunction<
      Int32 Function(Pointer<tempo_position>, Pointer<tempo_move>, Pointer<Utf8>, Size, Pointer<Size>),
      int Function(Pointer<tempo_position>, Pointer<tempo_move>, Pointer<Utf8>, int, Pointer<Size>)>('tempo_move_to_pdn');

  late final tempo_move_from_pdn = _lib.lookupFunction<
      Int32 Function(Pointer<tempo_position>, Pointer<Utf8>, Pointer<tempo_move>, Pointer<Utf8>, Size),
      int Function(Pointer<tempo_position>, Pointer<Utf8>, Pointer<tempo_move>, Pointer<Utf8>, int)>('tempo_move_from_pdn');

  late final tempo_move_to_hub = _lib.lookupFunction<
      Int32 Function(Pointer<tempo_position>, Pointer<tempo_move>, Pointer<Utf8>, Size, Pointer<Size>),
      int Function(Pointer<tempo_position>, Pointer<tempo_move>, Pointer<Utf8>, int, Pointer<Size>)>('tempo_move_to_hub');

  late final tempo_move_from_hub = _lib.lookupFunction<
      Int32 Function(Pointer<tempo_position>, Pointer<Utf8>, Pointer<tempo_move>, Pointer<Utf8>, Size),
      int Function(Pointer<tempo_position>, Pointer<Utf8>, Pointer<tempo_move>, Pointer<Utf8>, int)>('tempo_move_from_hub');

  late final tempo_game_status = _lib.lookupFunction<
      Int32 Function(Pointer<tempo_position>, Pointer<tempo_move>, Uint32, Uint32, Pointer<tempo_game_state>, Pointer<Utf8>, Size),
      int Function(Pointer<tempo_position>, Pointer<tempo_move>, int, int, Pointer<tempo_game_state>, Pointer<Utf8>, int)>('tempo_game_status');

  late final tempo_search = _lib.lookupFunction<
      Int32 Function(Pointer<tempo_search_request>, Pointer<Uint8>, Size, Pointer<tempo_search_result>, Pointer<Utf8>, Size),
      int Function(Pointer<tempo_search_request>, Pointer<Uint8>, int, Pointer<tempo_search_result>, Pointer<Utf8>, int)>('tempo_search');

  late final tempo_table_get_info = _lib.lookupFunction<
      Int32 Function(Pointer<Uint8>, Size, Pointer<tempo_table_info>),
      int Function(Pointer<Uint8>, int, Pointer<tempo_table_info>)>('tempo_table_get_info');

  late final tempo_egdb_get_info = _lib.lookupFunction<
      Int32 Function(Pointer<Uint8>, Uint64, Pointer<tempo_egdb_info>),
      int Function(Pointer<Uint8>, int, Pointer<tempo_egdb_info>)>('tempo_egdb_get_info');

  late final tempo_egdb_probe = _lib.lookupFunction<
      Int32 Function(Pointer<Uint8>, Uint64, Pointer<tempo_position>, Pointer<Int32>, Pointer<Int32>),
      int Function(Pointer<Uint8>, int, Pointer<tempo_position>, Pointer<Int32>, Pointer<Int32>)>('tempo_egdb_probe');

  late final tempo_table_clear = _lib.lookupFunction<
      Int32 Function(Pointer<Uint8>, Size),
      int Function(Pointer<Uint8>, int)>('tempo_table_clear');
}
