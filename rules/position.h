// A draughts position: where the men and kings stand and who is to move.
//
// Plain data, 32 bytes, cheap to copy: the search copies positions instead of
// undoing moves.
#pragma once

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "rules/board.h"
#include "rules/move.h"

namespace tempo {

enum class Color : std::uint8_t { kWhite = 0, kBlack = 1 };
constexpr Color operator~(Color c) { return c == Color::kWhite ? Color::kBlack : Color::kWhite; }

enum class Piece : std::uint8_t { kEmpty = 0, kWhiteMan, kBlackMan, kWhiteKing, kBlackKing };

constexpr bool is_white(Piece p) { return p == Piece::kWhiteMan || p == Piece::kWhiteKing; }
constexpr bool is_black(Piece p) { return p == Piece::kBlackMan || p == Piece::kBlackKing; }
constexpr bool is_king(Piece p) { return p == Piece::kWhiteKing || p == Piece::kBlackKing; }

struct Position {
  Bitboard white = 0;  // all white pieces
  Bitboard black = 0;  // all black pieces
  Bitboard kings = 0;  // kings of both colours
  Color side = Color::kWhite;

  // White on 31-50, Black on 1-20, White to move.
  static Position start();
  static Position empty(Color side_to_move = Color::kWhite);

  constexpr Bitboard pieces(Color c) const { return c == Color::kWhite ? white : black; }
  constexpr Bitboard men(Color c) const { return pieces(c) & ~kings; }
  constexpr Bitboard kings_of(Color c) const { return pieces(c) & kings; }
  constexpr Bitboard occupied() const { return white | black; }
  constexpr Bitboard empty_squares() const { return kValid & ~(white | black); }

  Piece at(int square) const;         // square 1..50
  void set(int square, Piece piece);  // square 1..50

  // Apply a legal move (from the move generator). Promotes a man that ends
  // its move on the far row and passes the turn.
  void play(const Move& m);
  Position after(const Move& m) const {
    Position p = *this;
    p.play(m);
    return p;
  }

  // Checks the invariants every engine function relies on: no square holds
  // two pieces, nothing on ghost bits, at most 20 pieces a side, no man
  // standing on its own promotion row. Says what is wrong.
  absl::Status validate() const;

  friend bool operator==(const Position&, const Position&) = default;
};

inline void Position::play(const Move& m) {
  const Bitboard from = bb(m.from), to = bb(m.to), move = from ^ to;
  if (side == Color::kWhite) {
    white ^= move;
    black &= ~m.captured;
    if ((kings & from) || (to & kWhitePromotion)) kings = (kings & ~from) | to;
  } else {
    black ^= move;
    white &= ~m.captured;
    if ((kings & from) || (to & kBlackPromotion)) kings = (kings & ~from) | to;
  }
  kings &= ~m.captured;
  side = ~side;
}

}  // namespace tempo
