// C ABI: positions, legal moves, move text, score text. Conversions and calls into
// rules/ only; the rules live there.
#include <cstring>
#include <string>
#include <string_view>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "ffi/c_boundary.h"
#include "rules/fen.h"
#include "rules/movegen.h"
#include "rules/notation.h"
#include "rules/score.h"

using namespace tempo;
using namespace tempo::ffi;

namespace {

constexpr std::size_t kMaxInputText = 4096;  // longer FEN/move text is malformed anyway

// Length of a NUL-terminated caller string, bounded so a missing NUL cannot
// run far past the buffer; anything longer is rejected as malformed.
std::size_t bounded_length(const char* text) { return strnlen(text, kMaxInputText + 1); }

// Move text errors from rules/notation say which kind they are by prefix.
tempo_status move_text_code(std::string_view message) {
  if (absl::StartsWith(absl::string_view(message.data(), message.size()), "illegal move"))
    return TEMPO_ERR_ILLEGAL_MOVE;
  if (absl::StartsWith(absl::string_view(message.data(), message.size()), "ambiguous move"))
    return TEMPO_ERR_AMBIGUOUS_MOVE;
  return TEMPO_ERR_PARSE;
}

// FEN errors: syntax errors name a character (or the text is empty / too
// long); a square listed twice (two pieces on it) and any error from
// Position::validate() are a well-formed but impossible position.
tempo_status fen_code(std::string_view message) {
  const absl::string_view m(message.data(), message.size());
  if (absl::StrContains(m, "is given twice") && !absl::StrContains(m, "block")) return TEMPO_ERR_INVALID_POSITION;
  if (absl::StartsWith(m, "bad FEN at") || absl::StrContains(m, "empty text") || absl::StrContains(m, "too long")) {
    return TEMPO_ERR_PARSE;
  }
  return TEMPO_ERR_INVALID_POSITION;
}

tempo_status checked_position(const tempo_position* pos, Position* out, char* error, std::size_t error_len) {
  if (tempo_status st = check_struct(pos, kPositionV1, "pos", error, error_len); st != TEMPO_OK) return st;
  return to_engine(*pos, out, error, error_len);
}

using MoveWriter = std::string (*)(const Position&, const Move&);

tempo_status move_to_text(const tempo_position* pos, const tempo_move* move, char* text, std::size_t text_len,
                          std::size_t* length, MoveWriter writer) {
  Position p;
  if (tempo_status st = checked_position(pos, &p, nullptr, 0); st != TEMPO_OK) return st;
  if (tempo_status st = check_struct(move, kMoveV1); st != TEMPO_OK) return st;
  Move m;
  if (tempo_status st = find_legal(p, *move, &m, nullptr, 0); st != TEMPO_OK) return st;
  return write_text(writer(p, m), text, text_len, length);
}

using MoveReader = absl::StatusOr<Move> (*)(const Position&, std::string_view);

tempo_status move_from_text(const tempo_position* pos, const char* text, tempo_move* out, char* error,
                            std::size_t error_len, MoveReader reader) {
  clear_error(error, error_len);
  Position p;
  if (tempo_status st = checked_position(pos, &p, error, error_len); st != TEMPO_OK) return st;
  if (text == nullptr) {
    set_error(error, error_len, "the move text is NULL");
    return TEMPO_ERR_NULL_POINTER;
  }
  if (tempo_status st = check_struct(out, kMoveV1, "out", error, error_len); st != TEMPO_OK) return st;
  const std::size_t n = bounded_length(text);
  if (n > kMaxInputText) {
    set_error(error, error_len, "move text is longer than 4096 characters");
    return TEMPO_ERR_PARSE;
  }
  absl::StatusOr<Move> m = reader(p, std::string_view(text, n));
  if (!m.ok()) return from_status(m.status(), move_text_code(message_of(m.status())), error, error_len);
  to_c(p, *m, out);
  return TEMPO_OK;
}

std::string hub_writer(const Position&, const Move& m) { return to_hub_move(m); }

}  // namespace

extern "C" {

uint32_t tempo_abi_version(void) { return TEMPO_ABI_VERSION; }

const char* tempo_status_string(tempo_status code) {
  switch (code) {
    case TEMPO_OK: return "ok";
    case TEMPO_ERR_NULL_POINTER: return "a required pointer argument is NULL";
    case TEMPO_ERR_STRUCT_SIZE:
      return "a struct's size field (or move_size) is smaller than the first published version";
    case TEMPO_ERR_MISALIGNED: return "a struct pointer is not aligned for its type";
    case TEMPO_ERR_BUFFER_TOO_SMALL: return "an output buffer is too small (the needed length or count was reported)";
    case TEMPO_ERR_INVALID_ARGUMENT: return "an argument is out of range (enum code, count or limit)";
    case TEMPO_ERR_INVALID_POSITION:
      return "invalid position (bad piece code, overlapping pieces, more than 20 pieces a side, or a man on its "
             "promotion row)";
    case TEMPO_ERR_PARSE: return "malformed FEN or move text";
    case TEMPO_ERR_ILLEGAL_MOVE: return "the move is not legal in this position";
    case TEMPO_ERR_AMBIGUOUS_MOVE: return "the move text names more than one legal move (use the long form)";
    case TEMPO_ERR_TABLE: return "the table buffer is unusable (shorter than TEMPO_TABLE_MIN_BYTES)";
    case TEMPO_ERR_INTERNAL: return "internal error in the library";
    default: return "unknown status code";
  }
}

static_assert(TEMPO_WIN_SCORE == kWinScore && TEMPO_WIN_THRESHOLD == kWinThreshold);

tempo_status tempo_score_text(int32_t score, char* text, size_t text_len, size_t* length) {
  return guard([&] { return write_text(score_text(score), text, text_len, length); });
}

tempo_status tempo_position_start(tempo_position* out) {
  return guard([&] {
    if (tempo_status st = check_struct(out, kPositionV1); st != TEMPO_OK) return st;
    to_c(Position::start(), out);
    return TEMPO_OK;
  });
}

tempo_status tempo_position_validate(const tempo_position* pos, char* error, size_t error_len) {
  return guard([&] {
    clear_error(error, error_len);
    Position p;
    return checked_position(pos, &p, error, error_len);
  });
}

tempo_status tempo_position_from_fen(const char* fen, tempo_position* out, char* error, size_t error_len) {
  return guard([&] {
    clear_error(error, error_len);
    if (fen == nullptr) {
      set_error(error, error_len, "the FEN text is NULL");
      return TEMPO_ERR_NULL_POINTER;
    }
    if (tempo_status st = check_struct(out, kPositionV1, "out", error, error_len); st != TEMPO_OK) return st;
    const std::size_t n = bounded_length(fen);
    if (n > kMaxInputText) {
      set_error(error, error_len, "FEN is longer than 4096 characters");
      return TEMPO_ERR_PARSE;
    }
    absl::StatusOr<Position> p = parse_fen(std::string_view(fen, n));
    if (!p.ok()) return from_status(p.status(), fen_code(message_of(p.status())), error, error_len);
    to_c(*p, out);
    return TEMPO_OK;
  });
}

tempo_status tempo_position_to_fen(const tempo_position* pos, char* text, size_t text_len, size_t* length) {
  return guard([&] {
    Position p;
    if (tempo_status st = checked_position(pos, &p, nullptr, 0); st != TEMPO_OK) return st;
    return write_text(to_fen(p), text, text_len, length);
  });
}

tempo_status tempo_position_from_squares(const int32_t* squares, size_t count, int32_t side, int32_t numbering,
                                         tempo_position* out, char* error, size_t error_len) {
  return guard([&] {
    clear_error(error, error_len);
    if (squares == nullptr) {
      set_error(error, error_len, "the square array is NULL");
      return TEMPO_ERR_NULL_POINTER;
    }
    if (tempo_status st = check_struct(out, kPositionV1, "out", error, error_len); st != TEMPO_OK) return st;
    if (reinterpret_cast<std::uintptr_t>(squares) % alignof(int32_t) != 0) {
      set_error(error, error_len, "the square array is not aligned for int32_t");
      return TEMPO_ERR_MISALIGNED;
    }
    if (count != 51) {
      set_error(error, error_len, absl::StrCat("square array has ", count, " entries; expected 51 (index 0 unused)"));
      return TEMPO_ERR_INVALID_ARGUMENT;
    }
    if (side != TEMPO_WHITE && side != TEMPO_BLACK) {
      set_error(error, error_len, absl::StrCat("side ", side, " is neither 0 (white) nor 1 (black)"));
      return TEMPO_ERR_INVALID_ARGUMENT;
    }
    if (numbering != TEMPO_NUMBERING_FMJD && numbering != TEMPO_NUMBERING_ROTATED) {
      set_error(error, error_len, absl::StrCat("numbering ", numbering, " is neither 0 (FMJD) nor 1 (rotated)"));
      return TEMPO_ERR_INVALID_ARGUMENT;
    }
    tempo_position c;
    c.size = sizeof c;
    c.side = side;
    c.squares[0] = 0;
    c.reserved[0] = 0;
    for (int s = 1; s <= kNumSquares; ++s) {
      const int32_t code = squares[s];
      if (code < TEMPO_EMPTY || code > TEMPO_BLACK_KING) {
        set_error(error, error_len, absl::StrCat("square array entry ", s, " is ", code, "; piece codes are 0..4"));
        return TEMPO_ERR_INVALID_POSITION;
      }
      c.squares[numbering == TEMPO_NUMBERING_ROTATED ? rotate_square(s) : s] = static_cast<std::uint8_t>(code);
    }
    Position p;
    if (tempo_status st = to_engine(c, &p, error, error_len); st != TEMPO_OK) {
      if (numbering == TEMPO_NUMBERING_ROTATED) {
        // The engine's message names FMJD squares; say so.
        std::string msg = error != nullptr && error_len > 0 ? std::string(error) : std::string();
        set_error(error, error_len, absl::StrCat(msg, " (FMJD numbering; rotated square = 51 - FMJD square)"));
      }
      return st;
    }
    to_c(p, out);
    return TEMPO_OK;
  });
}

tempo_status tempo_position_to_squares(const tempo_position* pos, int32_t numbering, int32_t* squares, size_t count) {
  return guard([&] {
    Position p;
    if (tempo_status st = checked_position(pos, &p, nullptr, 0); st != TEMPO_OK) return st;
    if (squares == nullptr) return TEMPO_ERR_NULL_POINTER;
    if (reinterpret_cast<std::uintptr_t>(squares) % alignof(int32_t) != 0) return TEMPO_ERR_MISALIGNED;
    if (numbering != TEMPO_NUMBERING_FMJD && numbering != TEMPO_NUMBERING_ROTATED) return TEMPO_ERR_INVALID_ARGUMENT;
    if (count < 51) return TEMPO_ERR_BUFFER_TOO_SMALL;
    for (std::size_t i = 0; i < count; ++i) squares[i] = 0;
    for (int s = 1; s <= kNumSquares; ++s) {
      squares[numbering == TEMPO_NUMBERING_ROTATED ? rotate_square(s) : s] = static_cast<int32_t>(p.at(s));
    }
    return TEMPO_OK;
  });
}

tempo_status tempo_rotate_square(int32_t square, int32_t* rotated) {
  if (rotated == nullptr) return TEMPO_ERR_NULL_POINTER;
  if (reinterpret_cast<std::uintptr_t>(rotated) % alignof(int32_t) != 0) return TEMPO_ERR_MISALIGNED;
  if (square < 1 || square > kNumSquares) return TEMPO_ERR_INVALID_ARGUMENT;
  *rotated = rotate_square(square);
  return TEMPO_OK;
}

tempo_status tempo_legal_moves(const tempo_position* pos, tempo_move* moves, uint32_t move_size, uint32_t capacity,
                               uint32_t* count) {
  return guard([&] {
    Position p;
    if (tempo_status st = checked_position(pos, &p, nullptr, 0); st != TEMPO_OK) return st;
    if (count == nullptr) return TEMPO_ERR_NULL_POINTER;
    if (reinterpret_cast<std::uintptr_t>(count) % alignof(uint32_t) != 0) return TEMPO_ERR_MISALIGNED;
    if (tempo_status st = check_move_array(moves, move_size, capacity); st != TEMPO_OK) return st;
    MoveList list;
    generate_moves(p, list);
    // Cannot happen: the capacity (512, TEMPO_MAX_MOVES) is above the 407
    // legal captures of the most crowded composed position known
    // (tests/rules/bounds_test.cc).
    if (list.overflowed) return TEMPO_ERR_INTERNAL;
    *count = static_cast<uint32_t>(list.size);
    const uint32_t n = list.size < static_cast<int>(capacity) ? static_cast<uint32_t>(list.size) : capacity;
    for (uint32_t i = 0; i < n; ++i) {
      tempo_move* out = move_at(moves, move_size, i);
      out->size = move_size;
      to_c(p, list[static_cast<int>(i)], out);
    }
    return list.size > static_cast<int>(capacity) ? TEMPO_ERR_BUFFER_TOO_SMALL : TEMPO_OK;
  });
}

tempo_status tempo_play_move(const tempo_position* pos, const tempo_move* move, tempo_position* out) {
  return guard([&] {
    Position p;
    if (tempo_status st = checked_position(pos, &p, nullptr, 0); st != TEMPO_OK) return st;
    if (tempo_status st = check_struct(move, kMoveV1); st != TEMPO_OK) return st;
    if (tempo_status st = check_struct(out, kPositionV1); st != TEMPO_OK) return st;
    Move m;
    if (tempo_status st = find_legal(p, *move, &m, nullptr, 0); st != TEMPO_OK) return st;
    to_c(p.after(m), out);
    return TEMPO_OK;
  });
}

tempo_status tempo_move_to_pdn(const tempo_position* pos, const tempo_move* move, char* text, size_t text_len,
                               size_t* length) {
  return guard([&] { return move_to_text(pos, move, text, text_len, length, &to_pdn); });
}

tempo_status tempo_move_from_pdn(const tempo_position* pos, const char* text, tempo_move* out, char* error,
                                 size_t error_len) {
  return guard([&] { return move_from_text(pos, text, out, error, error_len, &parse_pdn_move); });
}

tempo_status tempo_move_to_hub(const tempo_position* pos, const tempo_move* move, char* text, size_t text_len,
                               size_t* length) {
  return guard([&] { return move_to_text(pos, move, text, text_len, length, &hub_writer); });
}

tempo_status tempo_move_from_hub(const tempo_position* pos, const char* text, tempo_move* out, char* error,
                                 size_t error_len) {
  return guard([&] { return move_from_text(pos, text, out, error, error_len, &parse_hub_move); });
}

}  // extern "C"
