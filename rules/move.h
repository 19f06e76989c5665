// A move: which piece goes where, and which pieces it takes.
//
// A move is identified by (from, to, captured set): FMJD counts two capture
// routes of the same piece to the same square over the same pieces as one
// move. The landing squares in between are not stored (they would make every
// move in the search ten times larger); `capture_path()` in movegen.h derives
// one canonical route for display and animation.
#pragma once

#include <cstdint>

#include "rules/board.h"

namespace tempo {

struct Move {
  Bitboard captured = 0;  // bitboard of the pieces taken (empty for a quiet move)
  std::uint8_t from = 0;  // bit index (see board.h); use from_square() for 1..50
  std::uint8_t to = 0;

  constexpr int from_square() const { return square_of_bit(from); }
  constexpr int to_square() const { return square_of_bit(to); }
  constexpr bool is_capture() const { return captured != 0; }
  constexpr int capture_count() const { return popcount(captured); }
  constexpr bool is_null() const { return from == to && captured == 0; }

  friend constexpr bool operator==(const Move&, const Move&) = default;
};

inline constexpr Move kNullMove{};

// Build a move from square numbers (1..50).
constexpr Move make_move(int from_square, int to_square, Bitboard captured = 0) {
  return Move{captured, static_cast<std::uint8_t>(bit_of_square(from_square)),
              static_cast<std::uint8_t>(bit_of_square(to_square))};
}

// A fixed-capacity list, so move generation never allocates. Positions met
// in play have at most about 130 moves, but composed positions full of kings
// reach 407 legal captures (tests/hardening/bounds_test.cc), so the capacity
// is 512. Should a position ever need more, the generator stops adding at
// capacity rather than overflow, and reports it through `overflowed`.
struct MoveList {
  static constexpr int kCapacity = 512;
  // Left uninitialised on purpose: the generator writes every entry it
  // counts, and a list is often made for a look at a handful of moves (a
  // local in the rules API, the search's per-ply frames): zeroing 8 KiB
  // would cost more than generating them.
  union {
    Move moves[kCapacity];
  };
  int size = 0;
  bool overflowed = false;

  MoveList() {}

  void clear() {
    size = 0;
    overflowed = false;
  }
  void push(const Move& m) {
    if (size < kCapacity) moves[size++] = m;
    else overflowed = true;
  }
  const Move* begin() const { return moves; }
  const Move* end() const { return moves + size; }
  Move* begin() { return moves; }
  Move* end() { return moves + size; }
  const Move& operator[](int i) const { return moves[i]; }
  Move& operator[](int i) { return moves[i]; }
  bool empty() const { return size == 0; }
  bool contains(const Move& m) const {
    for (const Move& x : *this)
      if (x == m) return true;
    return false;
  }
};

}  // namespace tempo
