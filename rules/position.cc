#include "rules/position.h"

#include "absl/strings/str_cat.h"

namespace tempo {

Position Position::start() {
  Position p;
  for (int s = 1; s <= 20; ++s) p.black |= square_bb(s);
  for (int s = 31; s <= 50; ++s) p.white |= square_bb(s);
  return p;
}

Position Position::empty(Color side_to_move) {
  Position p;
  p.side = side_to_move;
  return p;
}

Piece Position::at(int square) const {
  if (square < 1 || square > kNumSquares) return Piece::kEmpty;
  const Bitboard b = square_bb(square);
  const bool king = kings & b;
  if (white & b) return king ? Piece::kWhiteKing : Piece::kWhiteMan;
  if (black & b) return king ? Piece::kBlackKing : Piece::kBlackMan;
  return Piece::kEmpty;
}

void Position::set(int square, Piece piece) {
  if (square < 1 || square > kNumSquares) return;
  const Bitboard b = square_bb(square);
  white &= ~b;
  black &= ~b;
  kings &= ~b;
  if (is_white(piece)) white |= b;
  if (is_black(piece)) black |= b;
  if (is_king(piece)) kings |= b;
}

absl::Status Position::validate() const {
  if ((white | black | kings) & ~kValid) {
    return absl::InvalidArgumentError("position has pieces outside the 50 playable squares");
  }
  if (white & black) {
    return absl::InvalidArgumentError(
        absl::StrCat("square ", square_of_bit(lsb(white & black)), " holds both a white and a black piece"));
  }
  if (kings & ~(white | black)) {
    return absl::InvalidArgumentError(
        absl::StrCat("square ", square_of_bit(lsb(kings & ~(white | black))), " is marked king but holds no piece"));
  }
  if (popcount(white) > 20) {
    return absl::InvalidArgumentError(absl::StrCat("white has ", popcount(white), " pieces; at most 20 are possible"));
  }
  if (popcount(black) > 20) {
    return absl::InvalidArgumentError(absl::StrCat("black has ", popcount(black), " pieces; at most 20 are possible"));
  }
  if (Bitboard bad = men(Color::kWhite) & kWhitePromotion) {
    return absl::InvalidArgumentError(absl::StrCat("white man on square ", square_of_bit(lsb(bad)),
                                                   " stands on White's promotion row; it would be a king"));
  }
  if (Bitboard bad = men(Color::kBlack) & kBlackPromotion) {
    return absl::InvalidArgumentError(absl::StrCat("black man on square ", square_of_bit(lsb(bad)),
                                                   " stands on Black's promotion row; it would be a king"));
  }
  if (side != Color::kWhite && side != Color::kBlack) {
    return absl::InvalidArgumentError("side to move is neither white nor black");
  }
  return absl::OkStatus();
}

}  // namespace tempo
