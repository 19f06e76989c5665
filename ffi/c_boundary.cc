#include "ffi/c_boundary.h"

#include <cstring>
#include <vector>

#include "absl/strings/str_cat.h"
#include "rules/movegen.h"
#include "rules/notation.h"
#include "rules/text.h"

namespace tempo::ffi {

// The ABI's struct layouts are fixed; these catch an accidental change. The
// figures hold for every LP64 target (x86-64, arm64).
static_assert(sizeof(tempo_position) == kPositionV1);
static_assert(sizeof(tempo_move) == kMoveV3 && offsetof(tempo_move, captured_in_order) == kMoveV1);
static_assert(sizeof(tempo_game_state) == kGameStateV1);
static_assert(sizeof(void*) != 8 || offsetof(tempo_search_request, overrides) == kSearchRequestV1);
static_assert(sizeof(void*) != 8 || offsetof(tempo_search_request, threads) == kSearchRequestV2);
static_assert(sizeof(void*) != 8 || (kSearchRequestThreads == 156 && kSearchRequestFreshTable == 160));
static_assert(sizeof(tempo_search_result) == kSearchResultV3);
static_assert(sizeof(SearchResultV1) == kSearchResultV1);
static_assert(offsetof(SearchResultV1, score) == offsetof(tempo_search_result, score) - (kMoveV3 - kMoveV1));
static_assert(offsetof(SearchResultV1, multipv) + sizeof(ScoredMoveV1) == offsetof(SearchResultV1, multipv[1]));
static_assert(sizeof(ScoredMoveV1) == sizeof(tempo_scored_move) - (kMoveV3 - kMoveV1));
static_assert(sizeof(void*) != 8 || (kSearchRequestV3 == 176 && kSearchRequestV5 == 192));
static_assert(kSearchRequestStrength == kSearchRequestV5);
static_assert(sizeof(void*) != 8 || kSearchRequestV6 == 200);
static_assert(kSearchRequestBookVariety == kSearchRequestV6);
static_assert(sizeof(tempo_egdb_info) == kEgdbInfoV1);
static_assert(sizeof(tempo_table_info) == kTableInfoV1);
// Piece codes are the engine's.
static_assert(TEMPO_EMPTY == static_cast<int>(Piece::kEmpty));
static_assert(TEMPO_WHITE_MAN == static_cast<int>(Piece::kWhiteMan));
static_assert(TEMPO_BLACK_MAN == static_cast<int>(Piece::kBlackMan));
static_assert(TEMPO_WHITE_KING == static_cast<int>(Piece::kWhiteKing));
static_assert(TEMPO_BLACK_KING == static_cast<int>(Piece::kBlackKing));
static_assert(TEMPO_MAX_MOVES == MoveList::kCapacity);

void set_error(char* error, std::size_t error_len, std::string_view text) {
  if (error == nullptr || error_len == 0) return;
  const std::size_t n = text.size() < error_len - 1 ? text.size() : error_len - 1;
  std::memcpy(error, text.data(), n);
  error[n] = '\0';
}

void struct_error(tempo_status st, std::string_view what, const void* p, std::size_t alignment, std::uint32_t size,
                  std::uint32_t min_size, char* error, std::size_t error_len) {
  switch (st) {
    case TEMPO_ERR_NULL_POINTER: set_error(error, error_len, absl::StrCat(av(what), " is NULL")); break;
    case TEMPO_ERR_MISALIGNED:
      set_error(error, error_len,
                absl::StrCat(av(what), " is at address 0x", absl::Hex(reinterpret_cast<std::uintptr_t>(p)),
                             ", which is not a multiple of ", alignment, " (its type's alignment)"));
      break;
    case TEMPO_ERR_STRUCT_SIZE:
      set_error(error, error_len,
                absl::StrCat(av(what), "->size is ", size, "; at least ", min_size,
                             " (the struct's size in the first ABI) is needed: set it to sizeof the struct"));
      break;
    default: break;
  }
}

tempo_status check_move_array(const tempo_move* moves, std::uint32_t move_size, std::uint32_t count,
                              std::string_view what, char* error, std::size_t error_len) {
  const tempo_status st = check_move_array(moves, move_size, count);
  switch (st) {
    case TEMPO_OK: break;
    case TEMPO_ERR_NULL_POINTER:
      set_error(error, error_len, absl::StrCat(av(what), " is NULL but its count is ", count));
      break;
    case TEMPO_ERR_STRUCT_SIZE:
      set_error(error, error_len,
                absl::StrCat("move_size ", move_size, " for ", av(what), " is below ", kMoveV1,
                             " (sizeof(tempo_move) in the first ABI)"));
      break;
    default:
      set_error(error, error_len,
                absl::StrCat(av(what), " at address 0x", absl::Hex(reinterpret_cast<std::uintptr_t>(moves)),
                             " with move_size ", move_size, " is not aligned to ", alignof(tempo_move),
                             " bytes (address and move_size must be multiples of it)"));
      break;
  }
  return st;
}

tempo_status check_move_array(const tempo_move* moves, std::uint32_t move_size, std::uint32_t count) {
  if (count == 0) return TEMPO_OK;
  if (moves == nullptr) return TEMPO_ERR_NULL_POINTER;
  if (reinterpret_cast<std::uintptr_t>(moves) % alignof(tempo_move) != 0) return TEMPO_ERR_MISALIGNED;
  if (move_size < kMoveV1) return TEMPO_ERR_STRUCT_SIZE;
  // A stride that keeps later elements aligned.
  if (move_size % alignof(tempo_move) != 0) return TEMPO_ERR_MISALIGNED;
  return TEMPO_OK;
}

tempo_status to_engine(const tempo_position& in, Position* out, char* error, std::size_t error_len) {
  if (in.side != TEMPO_WHITE && in.side != TEMPO_BLACK) {
    set_error(error, error_len, absl::StrCat("side to move is ", in.side, "; expected 0 (white) or 1 (black)"));
    return TEMPO_ERR_INVALID_POSITION;
  }
  if (in.squares[0] != TEMPO_EMPTY) {  // tempo.h: [0] is unused and must be 0
    set_error(error, error_len, absl::StrCat("squares[0] is ", in.squares[0], "; it is not a square and must be 0"));
    return TEMPO_ERR_INVALID_POSITION;
  }
  Position p = Position::empty(in.side == TEMPO_WHITE ? Color::kWhite : Color::kBlack);
  for (int s = 1; s <= kNumSquares; ++s) {
    const std::uint8_t code = in.squares[s];
    if (code > TEMPO_BLACK_KING) {
      set_error(error, error_len, absl::StrCat("square ", s, " has piece code ", code, "; expected 0..4"));
      return TEMPO_ERR_INVALID_POSITION;
    }
    p.set(s, static_cast<Piece>(code));
  }
  if (absl::Status st = p.validate(); !st.ok()) {
    set_error(error, error_len, message_of(st));
    return TEMPO_ERR_INVALID_POSITION;
  }
  *out = p;
  return TEMPO_OK;
}

void to_c(const Position& pos, tempo_position* out) {
  out->side = pos.side == Color::kWhite ? TEMPO_WHITE : TEMPO_BLACK;
  out->squares[0] = 0;
  for (int s = 1; s <= kNumSquares; ++s) out->squares[s] = static_cast<std::uint8_t>(pos.at(s));
  out->reserved[0] = 0;
}

tempo_status find_legal(const Position& pos, const tempo_move& in, Move* out, char* error, std::size_t error_len) {
  auto illegal = [&](std::string_view why) {
    set_error(error, error_len, why);
    return TEMPO_ERR_ILLEGAL_MOVE;
  };
  if (in.from < 1 || in.from > kNumSquares || in.to < 1 || in.to > kNumSquares) {
    return illegal(absl::StrCat("move squares ", in.from, " and ", in.to, " must be 1..50"));
  }
  if (in.capture_count > TEMPO_MAX_CAPTURES) {
    return illegal(absl::StrCat("capture_count ", in.capture_count, " is above 20"));
  }
  Bitboard captured = 0;
  for (int i = 0; i < in.capture_count; ++i) {
    const int s = in.captured[i];
    if (s < 1 || s > kNumSquares) return illegal(absl::StrCat("captured square ", s, " must be 1..50"));
    if (captured & square_bb(s)) return illegal(absl::StrCat("square ", s, " is captured twice"));
    captured |= square_bb(s);
  }
  const Move wanted = make_move(in.from, in.to, captured);
  MoveList list;
  generate_moves(pos, list);
  for (const Move& m : list) {
    if (m == wanted) {
      *out = m;
      return TEMPO_OK;
    }
  }
  std::string what = absl::StrCat(in.from, in.capture_count > 0 ? "x" : "-", in.to);
  for (int i = 0; i < in.capture_count; ++i) absl::StrAppend(&what, "x", in.captured[i]);
  return illegal(absl::StrCat("move ", what, " (from, to, captured) is not legal in this position",
                              has_capture(pos) ? " (a capture is mandatory, and it must take the most pieces)" : ""));
}

void to_c(const Position& pos, const Move& m, tempo_move* out) {
  out->from = static_cast<std::uint8_t>(m.from_square());
  out->to = static_cast<std::uint8_t>(m.to_square());
  std::memset(out->captured, 0, sizeof out->captured);
  std::memset(out->path, 0, sizeof out->path);
  std::memset(out->reserved, 0, sizeof out->reserved);
  const bool in_order = out->size >= kMoveV3;  // an ABI 1-2 move has no room for it
  if (in_order) std::memset(out->captured_in_order, 0, sizeof out->captured_in_order);
  int n = 0;
  for (Bitboard c = m.captured; c != 0 && n < TEMPO_MAX_CAPTURES; c &= c - 1) {
    out->captured[n++] = static_cast<std::uint8_t>(square_of_bit(lsb(c)));
  }
  out->capture_count = static_cast<std::uint8_t>(n);
  const CaptureRoute route = capture_route(pos, m);
  int k = 0;
  for (int s : route.squares) {
    if (k == TEMPO_MAX_PATH) break;
    out->path[k++] = static_cast<std::uint8_t>(s);
  }
  for (std::size_t j = 0; in_order && j < route.taken.size() && j < TEMPO_MAX_CAPTURES; ++j) {
    out->captured_in_order[j] = static_cast<std::uint8_t>(route.taken[j]);
  }
  if (k == 0) {  // not legal in pos (never for moves from the generator): from and to
    out->path[k++] = out->from;
    out->path[k++] = out->to;
  }
  out->path_length = static_cast<std::uint8_t>(k);
}

tempo_status write_text(std::string_view text, char* out, std::size_t out_len, std::size_t* length) {
  if (length != nullptr) *length = text.size();
  if (out == nullptr && out_len > 0) return TEMPO_ERR_NULL_POINTER;
  if (text.size() + 1 > out_len) {
    if (out != nullptr && out_len > 0) out[0] = '\0';
    return TEMPO_ERR_BUFFER_TOO_SMALL;
  }
  std::memcpy(out, text.data(), text.size());
  out[text.size()] = '\0';
  return TEMPO_OK;
}

void write_line(const Position& pos, const Move* moves, int count, char* out, std::size_t out_len) {
  if (out == nullptr || out_len == 0) return;
  const std::string text =
      line_text(pos, {moves, static_cast<std::size_t>(count)}, Notation::kPdn, out_len - 1);  // room for the NUL
  std::memcpy(out, text.data(), text.size());
  out[text.size()] = '\0';
}

tempo_status build_game(const Position& start, const tempo_move* moves, std::uint32_t move_size, std::uint32_t count,
                        bool stop_at_draw, std::string_view ply_word, Game* out, char* error, std::size_t error_len) {
  absl::StatusOr<Game> game = Game::from_position(start);
  if (!game.ok()) return from_status(game.status(), TEMPO_ERR_INVALID_POSITION, error, error_len);
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::string ply = absl::StrCat(av(ply_word), " ", i + 1, ": ");
    if (const GameStatus over = game->status(); stop_at_draw && over.over()) {
      set_error(error, error_len,
                absl::StrCat(ply, "the game is already over after ply ", i, " (", describe(over), ")"));
      return TEMPO_ERR_INVALID_ARGUMENT;
    }
    Move m;
    char why[160] = "";
    if (find_legal(game->current(), *move_at(moves, move_size, i), &m, why, sizeof why) != TEMPO_OK) {
      set_error(error, error_len, absl::StrCat(ply, why));
      return TEMPO_ERR_ILLEGAL_MOVE;
    }
    if (absl::Status st = game->play(m, stop_at_draw); !st.ok()) {
      set_error(error, error_len, absl::StrCat(ply, st.message()));
      return TEMPO_ERR_ILLEGAL_MOVE;
    }
  }
  *out = *std::move(game);
  return TEMPO_OK;
}

tempo_status from_status(const absl::Status& st, tempo_status code, char* error, std::size_t error_len) {
  set_error(error, error_len, message_of(st));
  return code;
}

}  // namespace tempo::ffi
