// FMJD rules pinned on small hand-checked positions: each test lists the
// exact set of legal moves (Hub text: from x to x captured squares ascending).
//
// Board reminder: square s sits on row (s-1)/5 (row 0 = squares 1-5, Black's
// back row) and White men move towards row 0.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "rules/fen.h"
#include "rules/movegen.h"
#include "rules/notation.h"
#include "rules/position.h"

namespace tempo {
namespace {

using MoveSet = std::set<std::string>;

MoveSet legal(const char* fen) {
  absl::StatusOr<Position> pos = parse_fen(fen);
  EXPECT_TRUE(pos.ok()) << fen << ": " << pos.status();
  MoveSet out;
  if (!pos.ok()) return out;
  MoveList list;
  const int n = generate_moves(*pos, list);
  EXPECT_EQ(n, list.size);
  for (const Move& m : list) {
    const bool fresh = out.insert(to_hub_move(m)).second;
    EXPECT_TRUE(fresh) << fen << ": move listed twice: " << to_hub_move(m);
  }
  EXPECT_EQ(count_moves(*pos), n) << fen;
  EXPECT_EQ(has_capture(*pos), n > 0 && list[0].is_capture()) << fen;
  return out;
}

TEST(Rules, MenStepOneSquareForwardOnly) {
  EXPECT_EQ(legal("W:W33:B1"), (MoveSet{"33-28", "33-29"}));
  EXPECT_EQ(legal("B:W50:B18"), (MoveSet{"18-22", "18-23"}));
  // On the edge a man has one forward square.
  EXPECT_EQ(legal("W:W36:B1"), (MoveSet{"36-31"}));
  EXPECT_EQ(legal("B:W50:B15"), (MoveSet{"15-20"}));
  // A man blocked by its own pieces only moves where it can.
  EXPECT_EQ(legal("W:W28,33:B1"), (MoveSet{"28-22", "28-23", "33-29"}));
}

TEST(Rules, MenCaptureForwardAndBackward) {
  // White man 28 takes 22 forwards (to 17) or 33 backwards (to 39).
  EXPECT_EQ(legal("W:W28:B22,33"), (MoveSet{"28x17x22", "28x39x33"}));
  // Black man 23 takes 28 forwards or 18 backwards.
  EXPECT_EQ(legal("B:W18,28:B23"), (MoveSet{"23x12x18", "23x32x28"}));
  // No capture when the square behind is taken or off the board.
  EXPECT_EQ(legal("W:W28,17:B22,36"), (MoveSet{"17-11", "17-12", "28-23"}));
}

TEST(Rules, KingsFlyAlongAllFourDiagonals) {
  EXPECT_EQ(legal("W:WK28:B1"), (MoveSet{"28-22", "28-17", "28-11", "28-6", "28-23", "28-19", "28-14", "28-10", "28-5",
                                         "28-32", "28-37", "28-41", "28-46", "28-33", "28-39", "28-44", "28-50"}));
  // Stopped by its own man on 19 and by two black men in a row (39, 44).
  EXPECT_EQ(legal("W:WK28,19:B39,44"), (MoveSet{"28-22", "28-17", "28-11", "28-6", "28-23", "28-32", "28-37", "28-41",
                                                "28-46", "28-33", "19-13", "19-14"}));
}

TEST(Rules, KingCaptureLandsOnAnyEmptySquareBeyond) {
  // One piece on the long diagonal: every square behind it, and 37 only once.
  EXPECT_EQ(legal("W:WK46:B37"),
            (MoveSet{"46x32x37", "46x28x37", "46x23x37", "46x19x37", "46x14x37", "46x10x37", "46x5x37"}));
  // The landing squares end at the next piece (here its own man on 19).
  EXPECT_EQ(legal("W:WK46,19:B37"), (MoveSet{"46x32x37", "46x28x37", "46x23x37"}));
  // A second piece on the same diagonal is taken too (the maximum rule), and
  // the king lands on any square behind it.
  EXPECT_EQ(legal("W:WK46:B37,19"), (MoveSet{"46x14x19x37", "46x10x19x37", "46x5x19x37"}));
}

TEST(Rules, KingCaptureMayTurn) {
  // 46 takes 37, must land on 28 to turn and take 22, then lands on 17, 11 or 6.
  EXPECT_EQ(legal("W:WK46:B37,22"), (MoveSet{"46x17x22x37", "46x11x22x37", "46x6x22x37"}));
}

TEST(Rules, CaptureIsMandatory) {
  EXPECT_EQ(legal("W:W28,40:B23"), (MoveSet{"28x19x23"}));
  // A king's capture excludes the man's quiet move 45-40 too.
  EXPECT_EQ(legal("W:WK46,45:B41"),
            (MoveSet{"46x37x41", "46x32x41", "46x28x41", "46x23x41", "46x19x41", "46x14x41", "46x10x41", "46x5x41"}));
  // Black must capture as well.
  EXPECT_EQ(legal("B:W28,40:B23,1"), (MoveSet{"23x32x28"}));
}

TEST(Rules, MaximumCaptureWins) {
  // 28 can take two (22 then 12, ending on 8) or one (33, ending on 39): only two counts.
  EXPECT_EQ(legal("W:W28:B12,22,33"), (MoveSet{"28x8x12x22"}));
}

TEST(Rules, KingsAndMenCountTheSame) {
  // Two men (by 28) against two kings (by 38): a tie, both legal.
  EXPECT_EQ(legal("W:W28,38:B12,22,K24,K33"), (MoveSet{"28x8x12x22", "38x20x24x33"}));
  // Two men against one king: the two men must be taken.
  EXPECT_EQ(legal("W:W28,38:B12,22,K33"), (MoveSet{"28x8x12x22"}));
}

TEST(Rules, CapturedPiecesBlockUntilTheEnd) {
  // Turkish strike: K46 takes 37 (lands 28), 22 (lands 17), 21 (lands 26). From
  // 26 the man on 31 would be next, but the square behind it is 37, where the
  // captured man still stands: three pieces, not four.
  EXPECT_EQ(legal("W:WK46:B21,22,31,37"), (MoveSet{"46x26x21x22x37"}));
}

TEST(Rules, StartSquareCountsAsEmpty) {
  // A man takes the block of four around 28 and comes back to its start 38:
  // clockwise and anticlockwise are the same move.
  EXPECT_EQ(legal("W:W38:B22,23,32,33"), (MoveSet{"38x38x22x23x32x33"}));
  // A king around the same block may stop on its start square (both ways
  // round are one move) or fly over it to 43/49 (one way) or 42/47 (the other).
  EXPECT_EQ(legal("W:WK38:B22,23,32,33"), (MoveSet{"38x38x22x23x32x33", "38x43x22x23x32x33", "38x49x22x23x32x33",
                                                   "38x42x22x23x32x33", "38x47x22x23x32x33"}));
}

TEST(Rules, PromotionOnlyWhenTheMoveEndsOnTheFarRow) {
  // 13 takes 9 (passing 4 on the far row) then 10 backwards: it ends on 15 a man.
  absl::StatusOr<Position> pos = parse_fen("W:W13:B9,10,K50");
  ASSERT_TRUE(pos.ok());
  EXPECT_EQ(legal("W:W13:B9,10,K50"), (MoveSet{"13x15x9x10"}));
  MoveList list;
  generate_moves(*pos, list);
  const Position after = pos->after(list[0]);
  EXPECT_EQ(after.at(15), Piece::kWhiteMan);
  // Ending on the far row promotes.
  absl::StatusOr<Position> p2 = parse_fen("W:W13:B9,K50");
  ASSERT_TRUE(p2.ok());
  generate_moves(*p2, list);
  ASSERT_EQ(list.size, 1);
  EXPECT_EQ(p2->after(list[0]).at(4), Piece::kWhiteKing);
  // Black promotes on row 9 the same way.
  absl::StatusOr<Position> p3 = parse_fen("B:WK1:B42");
  ASSERT_TRUE(p3.ok());
  EXPECT_EQ(p3->after(make_move(42, 47)).at(47), Piece::kBlackKing);
}

TEST(Rules, AmbiguousKingCaptureIsTwoMoves) {
  // Same from and to, different captured pieces: two moves.
  EXPECT_EQ(legal("W:WK22:B14,18,19,35,43"), (MoveSet{"22x48x14x18x43", "22x48x18x19x43"}));
}

TEST(Rules, NoMoveMeansNoMoves) {
  EXPECT_EQ(legal("W:W46:B41,37"), MoveSet{});
  EXPECT_EQ(legal("B:W46:B"), MoveSet{});
}

std::vector<int> path_of(const char* fen, const char* hub) {
  absl::StatusOr<Position> pos = parse_fen(fen);
  EXPECT_TRUE(pos.ok());
  absl::StatusOr<Move> m = parse_hub_move(*pos, hub);
  EXPECT_TRUE(m.ok()) << m.status();
  return m.ok() ? capture_path(*pos, *m) : std::vector<int>{};
}

TEST(Rules, CapturePathRoutes) {
  EXPECT_EQ(path_of("W:W33:B1", "33-28"), (std::vector<int>{33, 28}));
  EXPECT_EQ(path_of("W:W13:B9,10,K50", "13x15x9x10"), (std::vector<int>{13, 4, 15}));
  EXPECT_EQ(path_of("W:WK46:B21,22,31,37", "46x26x21x22x37"), (std::vector<int>{46, 28, 17, 26}));
  EXPECT_EQ(path_of("W:WK38:B22,23,32,33", "38x43x22x23x32x33"), (std::vector<int>{38, 29, 18, 27, 43}));
  EXPECT_EQ(path_of("W:WK38:B22,23,32,33", "38x47x22x23x32x33"), (std::vector<int>{38, 27, 18, 29, 47}));
  EXPECT_EQ(path_of("W:WK22:B14,18,19,35,43", "22x48x14x18x43"), (std::vector<int>{22, 9, 25, 48}));
  EXPECT_EQ(path_of("W:WK22:B14,18,19,35,43", "22x48x18x19x43"), (std::vector<int>{22, 13, 30, 48}));
  // Not legal in the position: empty.
  absl::StatusOr<Position> pos = parse_fen("W:W33:B1");
  ASSERT_TRUE(pos.ok());
  EXPECT_TRUE(capture_path(*pos, make_move(33, 22)).empty());
}

std::vector<int> taken_of(const char* fen, const char* hub) {
  absl::StatusOr<Position> pos = parse_fen(fen);
  EXPECT_TRUE(pos.ok());
  absl::StatusOr<Move> m = parse_hub_move(*pos, hub);
  EXPECT_TRUE(m.ok()) << m.status();
  return m.ok() ? capture_route(*pos, *m).taken : std::vector<int>{};
}

// The piece each jump takes, in the order of the route (what an app animates
// step by step), not the increasing order of `captured`.
TEST(Rules, CaptureRouteTakesPiecesJumpByJump) {
  EXPECT_EQ(taken_of("W:W33:B1", "33-28"), std::vector<int>{});
  EXPECT_EQ(taken_of("W:W13:B9,10,K50", "13x15x9x10"), (std::vector<int>{9, 10}));
  EXPECT_EQ(taken_of("W:WK46:B21,22,31,37", "46x26x21x22x37"), (std::vector<int>{37, 22, 21}));
  EXPECT_EQ(taken_of("W:WK38:B22,23,32,33", "38x43x22x23x32x33"), (std::vector<int>{33, 23, 22, 32}));
  EXPECT_EQ(taken_of("W:WK38:B22,23,32,33", "38x47x22x23x32x33"), (std::vector<int>{32, 22, 23, 33}));
  EXPECT_EQ(taken_of("W:WK22:B14,18,19,35,43", "22x48x14x18x43"), (std::vector<int>{18, 14, 43}));
}

TEST(Rules, CaptureRoutesForTheLongForm) {
  absl::StatusOr<Position> pos = parse_fen("W:WK38:B22,23,32,33");
  ASSERT_TRUE(pos.ok());
  // Back to 38: two routes (both ways round), one move.
  std::vector<CaptureRoute> routes = capture_routes(*pos, 38, 38);
  ASSERT_EQ(routes.size(), 2u);
  for (const CaptureRoute& r : routes) {
    EXPECT_EQ(r.captured, square_bb(22) | square_bb(23) | square_bb(32) | square_bb(33));
    EXPECT_EQ(r.squares.front(), 38);
    EXPECT_EQ(r.squares.back(), 38);
  }
}

// -------------------------------------------------------------- Position

TEST(Position, ValidateSaysWhatIsWrong) {
  auto message = [](const Position& p) { return std::string(p.validate().message()); };
  EXPECT_TRUE(Position::start().validate().ok());
  EXPECT_TRUE(Position::empty().validate().ok());
  Position p;
  p.white = square_bb(28);
  p.black = square_bb(28);
  EXPECT_EQ(message(p), "square 28 holds both a white and a black piece");
  p = Position{};
  p.white = bb(10);  // a ghost bit between rows
  EXPECT_EQ(message(p), "position has pieces outside the 50 playable squares");
  p = Position{};
  p.kings = square_bb(20);
  EXPECT_EQ(message(p), "square 20 is marked king but holds no piece");
  p = Position{};
  for (int s = 21; s <= 41; ++s) p.white |= square_bb(s);
  EXPECT_EQ(message(p), "white has 21 pieces; at most 20 are possible");
  p = Position{};
  for (int s = 6; s <= 26; ++s) p.black |= square_bb(s);
  EXPECT_EQ(message(p), "black has 21 pieces; at most 20 are possible");
  p = Position{};
  p.set(3, Piece::kWhiteMan);
  EXPECT_EQ(message(p), "white man on square 3 stands on White's promotion row; it would be a king");
  p = Position{};
  p.set(48, Piece::kBlackMan);
  EXPECT_EQ(message(p), "black man on square 48 stands on Black's promotion row; it would be a king");
  p = Position{};
  p.set(3, Piece::kWhiteKing);
  p.set(48, Piece::kBlackKing);
  EXPECT_TRUE(p.validate().ok());
  p.side = static_cast<Color>(7);
  EXPECT_FALSE(p.validate().ok());
}

TEST(Position, AtAndSetIgnoreBadSquares) {
  Position p = Position::start();
  EXPECT_EQ(p.at(0), Piece::kEmpty);
  EXPECT_EQ(p.at(51), Piece::kEmpty);
  EXPECT_EQ(p.at(-3), Piece::kEmpty);
  p.set(0, Piece::kWhiteKing);
  p.set(51, Piece::kWhiteKing);
  EXPECT_EQ(p, Position::start());
}

}  // namespace
}  // namespace tempo
