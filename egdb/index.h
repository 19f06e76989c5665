// Where a position lives in the endgame database: its slice (the piece
// counts) and its number inside the slice.
//
// Only positions with White to move are stored: a position with Black to
// move is first turned into its colour mirror (board rotated half a turn,
// colours swapped), which has the same value. A slice is named by the counts
// of white men, white kings, black men and black kings of that White-to-move
// form. Inside a slice a position's number is built from four combination
// ranks (combinatorial number system), most significant first:
//
//   white men   among the 45 squares a white man can stand on (6..50)
//   black men   among the 45 squares a black man can stand on (1..45)
//   white kings among the squares the men leave free
//   black kings among the squares the men and white kings leave free
//
// Men of both colours may land on one square in this numbering; those
// numbers are not positions ("invalid") and their stored value means nothing.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "rules/position.h"

namespace tempo::egdb {

// Largest piece count the format and the index can name.
inline constexpr int kMaxPieces = 6;

// Piece counts of a slice (White to move).
struct Material {
  int white_men = 0, white_kings = 0, black_men = 0, black_kings = 0;

  int pieces() const { return white_men + white_kings + black_men + black_kings; }
  int men() const { return white_men + black_men; }
  // The colour mirror's counts (what the opponent sees).
  Material swapped() const { return {black_men, black_kings, white_men, white_kings}; }
  // One byte each: white men, white kings, black men, black kings (FORMAT.md).
  std::uint32_t code() const;
  static Material from_code(std::uint32_t code);
  // At least one piece a side and at most kMaxPieces in all.
  bool valid() const;
  // "2K-1K", "1M1K-1M": white's pieces, then black's; M = men, K = kings.
  std::string name() const;

  friend bool operator==(const Material&, const Material&) = default;
};

// Binomial coefficient C(n, k) for n <= 50, k <= kMaxPieces (0 outside).
std::uint64_t choose(int n, int k);

// Number of index values of a slice (valid or not).
std::uint64_t slice_size(const Material& m);

// The White-to-move form of a position: itself, or its colour mirror when
// Black is to move.
Position white_to_move(const Position& pos);
// The piece counts of a position as seen by the side to move.
Material material_of(const Position& pos);

// Number of a White-to-move position inside its slice (material_of(pos)).
std::uint64_t index_of(const Position& pos);
// The position (White to move) with that number, or nothing for an invalid
// number (men of both colours on one square) or one past the slice.
std::optional<Position> position_at(const Material& m, std::uint64_t index);

}  // namespace tempo::egdb
