// The evaluation, term by term (search/eval.h). Exact values are left to
// tuning; these pin what each term is for: its sign, when it applies, and
// how the terms add up.
#include "search/eval.h"

#include <gtest/gtest.h>

#include "search/search.h"
#include "tests/search/search_test_util.h"

namespace tempo {
namespace {

using testing::fen;

eval::Terms terms(const char* f) { return eval::breakdown(fen(f)).terms; }

Position mirrored(const Position& p) {
  Position mirror = Position::empty(~p.side);
  for (int s = 1; s <= 50; ++s) {
    const Piece piece = p.at(s);
    Piece flipped = piece;
    if (piece == Piece::kWhiteMan) flipped = Piece::kBlackMan;
    if (piece == Piece::kBlackMan) flipped = Piece::kWhiteMan;
    if (piece == Piece::kWhiteKing) flipped = Piece::kBlackKing;
    if (piece == Piece::kBlackKing) flipped = Piece::kWhiteKing;
    mirror.set(51 - s, flipped);
  }
  return mirror;
}

TEST(Evaluate, ColourSymmetric) {
  for (const Position& p : testing::random_positions(5, 4, 80)) {
    const Position mirror = mirrored(p);
    EXPECT_EQ(evaluate(p), evaluate(mirror));
    EXPECT_EQ(evaluate(p, 0.5), evaluate(mirror, 0.5));
  }
}

TEST(Evaluate, MaterialOnlyAtScaleZero) {
  EXPECT_EQ(evaluate(Position::start(), 0), 0);
  EXPECT_EQ(evaluate(fen("W:W31,32,K33:B1,2"), 0), 300);
  EXPECT_EQ(evaluate(fen("B:W31,32,K33:B1,2"), 0), -300);
}

TEST(Evaluate, TermsAddUpToTheScore) {
  for (const Position& p : testing::random_positions(11, 4, 90)) {
    const eval::Breakdown b = eval::breakdown(p);
    EXPECT_EQ(b.positional, b.terms.sum());
    const int white_view = (b.material + b.positional) * b.scale_num / 16;
    EXPECT_EQ(evaluate(p), p.side == Color::kWhite ? white_view : -white_view);
  }
}

// A man with a free path to promotion and no opponent king to catch it.
TEST(Evaluate, RunawayAndBreakthrough) {
  // White man on 20 (three rows to go); the cone ahead of it is
  // 14, 15, 9, 10, 3, 4, 5. Black's man on 16 is far from promoting.
  const int runaway = terms("W:W20:B16").breakthrough;
  EXPECT_GT(runaway, 0);
  // Only its own man ahead (on 15, itself a runaway): it has broken
  // through, but clearing the way costs tempi, so it counts less.
  const int with_own_ahead = terms("W:W15,20:B16").breakthrough - terms("W:W15:B16").breakthrough;
  EXPECT_GT(with_own_ahead, 0);
  EXPECT_LT(with_own_ahead, runaway);
  // An opponent man in the cone can stop it.
  EXPECT_EQ(terms("W:W20:B4,16").breakthrough, 0);
  // So can any opponent king.
  EXPECT_EQ(terms("W:W20:B16,K1").breakthrough, 0);
  // Nearer promotion is worth more.
  EXPECT_GT(terms("W:W15:B16").breakthrough, runaway);
}

// Locked: both sides' men wedged into each other, few free moves left. The
// side with more free moves wins the waiting game.
TEST(Evaluate, LockedPositionsFavourTheSideWithMoreFreeMoves) {
  // Rows 5-6 White against rows 3-4 Black, no captures either way. White's
  // men on 41 and 42 have two free men's moves, Black's man on 6 one.
  const char* locked = "W:W26,27,28,29,30,31,32,33,34,35,41,42:B6,16,17,18,19,20,21,22,23,24,25";
  EXPECT_GT(terms(locked).locked, 0);
  EXPECT_LT(eval::breakdown(mirrored(fen(locked))).terms.locked, 0);
  // Black with more spare men's moves (6, 7 and 8 can all step): Black's favour.
  EXPECT_LT(terms("W:W26,27,28,29,30,31,32,33,34,35,41:B6,7,8,16,17,18,19,20,21,22,23,24,25").locked, 0);
  // Not locked: the start position, or a king on the board (kings always
  // find moves somewhere).
  EXPECT_EQ(eval::breakdown(Position::start()).terms.locked, 0);
  EXPECT_EQ(terms("W:W26,27,28,29,30,31,32,33,34,35,41,42,K48:B6,16,17,18,19,20,21,22,23,24,25").locked, 0);
}

TEST(Evaluate, DrawishMaterialIsScaledDown) {
  // A lone king against up to three pieces holds.
  EXPECT_EQ(eval::breakdown(fen("W:WK46,K47,K48:BK3")).scale_num, 1);
  // Kings on both sides and at most a king's worth ahead: scaled, not zeroed.
  EXPECT_EQ(eval::breakdown(fen("W:WK46,K47,K48:BK3,K4")).scale_num, 6);
  // Men still to play for: not scaled.
  EXPECT_EQ(eval::breakdown(fen("W:W31,32,33:B18,19")).scale_num, 16);
}

TEST(Evaluate, FeatureScaleScalesOnlyThePositionalTerms) {
  const Position p = fen("W:W27,28,31,32,33,34,36,37,38,39,40,42,43,44,45:B4,6,7,8,9,11,12,13,14,15,16,17,19,20,23");
  const eval::Breakdown b = eval::breakdown(p);
  ASSERT_EQ(b.scale_num, 16);
  EXPECT_EQ(evaluate(p, 1.0), b.material + b.positional);
  EXPECT_EQ(evaluate(p, 0.5), b.material + b.positional / 2);
  EXPECT_EQ(evaluate(p, 0.0), b.material);
}

}  // namespace
}  // namespace tempo
