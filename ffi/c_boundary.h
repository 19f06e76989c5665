// Helpers shared by the C ABI functions: argument checks, conversions between
// the C structs and the engine types, text output, and the exception guard.
// Internal to libtempo; nothing here is exported.
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "ffi/include/tempo.h"
#include "rules/game.h"
#include "rules/move.h"
#include "rules/position.h"

namespace tempo::ffi {

// Sizes of the first published version of each struct (ABI version 1). A
// caller's size below these is rejected; above them is a newer caller.
inline constexpr std::uint32_t kPositionV1 = 60;
inline constexpr std::uint32_t kMoveV1 = 52;
inline constexpr std::uint32_t kGameStateV1 = 96;
// The request holds pointers, so its size depends on the pointer width:
// 104 bytes on 64-bit targets; on 32-bit ones (armv7) whatever covers the
// ABI 1 fields, tail padding or not.
inline constexpr std::uint32_t kSearchRequestV1 =
    sizeof(void*) == 8 ? 104 : static_cast<std::uint32_t>(offsetof(tempo_search_request, overrides));
// ABI 2 appended the parameter overrides: 152 bytes on 64-bit targets.
inline constexpr std::uint32_t kSearchRequestV2 =
    sizeof(void*) == 8 ? 152 : static_cast<std::uint32_t>(offsetof(tempo_search_request, threads));
// ABI 3 appended `threads` and `fresh_table`: a request of at least the
// size that covers a field can set it (156 and 160 bytes on 64-bit targets).
inline constexpr std::uint32_t kSearchRequestThreads =
    static_cast<std::uint32_t>(offsetof(tempo_search_request, threads) + sizeof(std::int32_t));
inline constexpr std::uint32_t kSearchRequestFreshTable =
    static_cast<std::uint32_t>(offsetof(tempo_search_request, fresh_table) + sizeof(std::int32_t));
// and then the endgame database buffer: the whole ABI 3 request (176 bytes
// on 64-bit targets).
inline constexpr std::uint32_t kSearchRequestV3 = static_cast<std::uint32_t>(offsetof(tempo_search_request, max_nodes));
// ABI 5 appended the strength ladder's fields (192 bytes on 64-bit targets);
// a request covering a field can set it.
inline constexpr std::uint32_t kSearchRequestMaxNodes =
    static_cast<std::uint32_t>(offsetof(tempo_search_request, max_nodes) + sizeof(std::int32_t));
inline constexpr std::uint32_t kSearchRequestBlunderDepth =
    static_cast<std::uint32_t>(offsetof(tempo_search_request, blunder_depth) + sizeof(std::int32_t));
inline constexpr std::uint32_t kSearchRequestCaptureHorizon =
    static_cast<std::uint32_t>(offsetof(tempo_search_request, capture_horizon) + sizeof(std::int32_t));
inline constexpr std::uint32_t kSearchRequestStrength =
    static_cast<std::uint32_t>(offsetof(tempo_search_request, strength) + sizeof(std::int32_t));
inline constexpr std::uint32_t kSearchRequestV5 = static_cast<std::uint32_t>(offsetof(tempo_search_request, book));
// ABI 6 appended the opening book's fields (200 bytes on 64-bit targets).
inline constexpr std::uint32_t kSearchRequestBook =
    static_cast<std::uint32_t>(offsetof(tempo_search_request, book) + sizeof(std::int32_t));
inline constexpr std::uint32_t kSearchRequestBookVariety =
    static_cast<std::uint32_t>(offsetof(tempo_search_request, book_variety) + sizeof(std::int32_t));
inline constexpr std::uint32_t kSearchRequestV6 = static_cast<std::uint32_t>(sizeof(tempo_search_request));
inline constexpr std::uint32_t kSearchResultV1 = 18800;
inline constexpr std::uint32_t kEgdbInfoV1 = 24;
inline constexpr std::uint32_t kTableInfoV1 = 48;
// ABI 3 appended tempo_move.captured_in_order: 72 bytes, and the result,
// which holds moves, grew with it.
inline constexpr std::uint32_t kMoveV3 = 72;
inline constexpr std::uint32_t kSearchResultV3 = 19456;

// The ABI 1-2 layouts of the structs that hold moves, for callers built
// against them (a result of size 18800 is written this way).
struct MoveV1 {
  std::uint8_t bytes[kMoveV1 - 4];  // everything after `size`, as tempo_move's first 52 bytes
};
struct ScoredMoveV1 {
  std::uint32_t move_size;
  MoveV1 move;
  std::int32_t score;
  char pv[TEMPO_PV_TEXT];
};
struct SearchResultV1 {
  std::uint32_t size;
  std::int32_t has_move;
  std::uint32_t best_move_size;
  MoveV1 best_move;
  std::int32_t score, depth, seldepth, cancelled, blunder, tt_status, tt_reason, multipv_count;
  std::uint64_t nodes;
  std::int64_t time_ms;
  char pv[TEMPO_PV_TEXT];
  ScoredMoveV1 multipv[TEMPO_MAX_MULTIPV];
};

// The app numbers the board rotated (its White starts on 1-20): square s in
// the app is square 51 - s in FMJD numbering, and the same map goes back.
constexpr int rotate_square(int square) { return 51 - square; }
static_assert(rotate_square(46) == 5 && rotate_square(rotate_square(12)) == 12);

// Writes `text` (truncated) into an optional caller error buffer.
void set_error(char* error, std::size_t error_len, std::string_view text);
inline std::string_view message_of(const absl::Status& st) {
  return std::string_view(st.message().data(), st.message().size());
}
inline void clear_error(char* error, std::size_t error_len) {
  if (error != nullptr && error_len > 0) error[0] = '\0';
}

inline tempo_move* move_at(tempo_move* moves, std::uint32_t move_size, std::uint32_t i) {
  return reinterpret_cast<tempo_move*>(reinterpret_cast<unsigned char*>(moves) +
                                       static_cast<std::size_t>(i) * move_size);
}

// Checks a struct pointer: non-null, aligned, size field at least `min_size`.
template <typename T>
tempo_status check_struct(const T* p, std::uint32_t min_size) {
  if (p == nullptr) return TEMPO_ERR_NULL_POINTER;
  if (reinterpret_cast<std::uintptr_t>(p) % alignof(T) != 0) return TEMPO_ERR_MISALIGNED;
  if (p->size < min_size) return TEMPO_ERR_STRUCT_SIZE;
  return TEMPO_OK;
}

// The detail text for a failed check_struct: `what` is NULL, misaligned or too
// small ("request->start is NULL", "result->size is 100; the smallest ...").
void struct_error(tempo_status st, std::string_view what, const void* p, std::size_t alignment, std::uint32_t size,
                  std::uint32_t min_size, char* error, std::size_t error_len);

// check_struct, saying what was wrong in the caller's error buffer.
template <typename T>
tempo_status check_struct(const T* p, std::uint32_t min_size, std::string_view what, char* error,
                          std::size_t error_len) {
  const tempo_status st = check_struct(p, min_size);
  if (st != TEMPO_OK)
    struct_error(st, what, p, alignof(T), st == TEMPO_ERR_STRUCT_SIZE ? p->size : 0, min_size, error, error_len);
  return st;
}

// Checks an array of tempo_move with an explicit stride.
tempo_status check_move_array(const tempo_move* moves, std::uint32_t move_size, std::uint32_t count);
// The same, saying what was wrong; `what` names the array ("moves").
tempo_status check_move_array(const tempo_move* moves, std::uint32_t move_size, std::uint32_t count,
                              std::string_view what, char* error, std::size_t error_len);
inline const tempo_move* move_at(const tempo_move* moves, std::uint32_t move_size, std::uint32_t i) {
  return reinterpret_cast<const tempo_move*>(reinterpret_cast<const unsigned char*>(moves) +
                                             static_cast<std::size_t>(i) * move_size);
}

// tempo_position <-> Position. to_engine validates (INVALID_POSITION with a
// message in `error`).
tempo_status to_engine(const tempo_position& in, Position* out, char* error, std::size_t error_len);
void to_c(const Position& pos, tempo_position* out);  // keeps out->size

// The legal move of `pos` that `in` names (from, to, captured set), or
// ILLEGAL_MOVE with a message.
tempo_status find_legal(const Position& pos, const tempo_move& in, Move* out, char* error, std::size_t error_len);
// The game from `start` (valid) after the caller's `count` moves, each
// matched against the legal moves: the one replay of a caller's history.
// With `stop_at_draw`, a move after a drawn position is INVALID_ARGUMENT (as
// Game::play); an unmatched move is ILLEGAL_MOVE. The error names the ply as
// "<ply_word> <n>".
tempo_status build_game(const Position& start, const tempo_move* moves, std::uint32_t move_size, std::uint32_t count,
                        bool stop_at_draw, std::string_view ply_word, Game* out, char* error, std::size_t error_len);

// Fills from, to, captured squares and the canonical path; keeps out->size.
void to_c(const Position& pos, const Move& m, tempo_move* out);

// Copies `text` and its NUL into a caller buffer, or reports the needed length.
tempo_status write_text(std::string_view text, char* out, std::size_t out_len, std::size_t* length);

// A PDN line (moves separated by spaces) starting at `pos`, cut at a move
// boundary to fit `out_len` bytes with the NUL.
void write_line(const Position& pos, const Move* moves, int count, char* out, std::size_t out_len);

// Maps an engine error to a status code and writes its message.
tempo_status from_status(const absl::Status& st, tempo_status code, char* error, std::size_t error_len);

// Runs `body`, turning any exception into a status code: no C++ exception
// may cross the C boundary.
template <typename F>
tempo_status guard(F&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return TEMPO_ERR_INTERNAL;
  } catch (...) {
    return TEMPO_ERR_INTERNAL;
  }
}

}  // namespace tempo::ffi
