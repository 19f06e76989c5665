// The learned evaluation (search/eval.h, search/eval_features.h). Weight
// values are left to the fitter; these pin what the features mean (each
// term's sign and when it applies), the colour symmetry the pattern tables
// have by construction, and how the parts add up.
#include "search/eval.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <tuple>
#include <vector>

#include "search/eval_features.h"
#include "search/search.h"
#include "tests/search/search_test_util.h"

namespace tempo {
namespace {

using testing::fen;

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

// Every feature the evaluation sees, as (table, index, sign) and term values.
struct Features {
  std::vector<std::tuple<int, int, int>> patterns;
  std::map<int, int> terms;
  void pattern(int table, int index, int sign) { patterns.emplace_back(table, index, sign); }
  void term(eval::Term t, int value) { terms[t] += value; }
};

template <int L>
Features features_of(const Position& p) {
  Features f;
  eval::features<L>(p, f);
  std::sort(f.patterns.begin(), f.patterns.end());
  for (auto it = f.terms.begin(); it != f.terms.end();) it = it->second == 0 ? f.terms.erase(it) : std::next(it);
  return f;
}

// The mirror image (half a turn, colours swapped) has the same features with
// White's and Black's reads exchanged: every table entry read for White is
// read for Black, and every term is negated. So any weights at all give the
// mirror the same score from the side to move's view.
template <int L>
void expect_mirror_features(const Position& p) {
  const Features a = features_of<L>(p), b = features_of<L>(mirrored(p));
  std::vector<std::tuple<int, int, int>> flipped;
  for (const auto& [t, i, s] : b.patterns) flipped.emplace_back(t, i, -s);
  std::sort(flipped.begin(), flipped.end());
  EXPECT_EQ(a.patterns, flipped);
  std::map<int, int> negated;
  for (const auto& [t, v] : b.terms) negated[t] = -v;
  EXPECT_EQ(a.terms, negated);
}

TEST(Evaluate, FeaturesAreColourSymmetricInEveryLayout) {
  for (const Position& p : testing::random_positions(5, 6, 90)) {
    expect_mirror_features<0>(p);
    expect_mirror_features<1>(p);
    expect_mirror_features<2>(p);
    expect_mirror_features<3>(p);
  }
}

TEST(Evaluate, ColourSymmetric) {
  for (const Position& p : testing::random_positions(7, 6, 90)) {
    const Position mirror = mirrored(p);
    EXPECT_EQ(evaluate(p), evaluate(mirror));
    EXPECT_EQ(evaluate(p, 0.5), evaluate(mirror, 0.5));
  }
}

TEST(Evaluate, EveryRegionHasItsSquaresAndAMirror) {
  for (const eval::Layout& l : eval::kLayouts) {
    EXPECT_LE(l.squares, eval::kMaxRegionSquares);
    EXPECT_EQ(l.pattern_size, eval::power_of_3(l.squares));
    for (int t = 0; t < l.size; ++t) {
      EXPECT_EQ(popcount(l.pairs[t].white_region), l.squares);
      EXPECT_EQ(popcount(l.pairs[t].black_region), l.squares);
      Bitboard turned = 0;
      for (int s = 1; s <= 50; ++s)
        if (l.pairs[t].white_region & square_bb(s)) turned |= square_bb(51 - s);
      EXPECT_EQ(turned, l.pairs[t].black_region);
    }
  }
}

// Pattern indices: each square a base-3 digit, empty 0, own man 1, the
// opponent's man 2; kings are not in the patterns.
TEST(Evaluate, PatternIndexDigits) {
  const eval::RegionPair& p = eval::kLayouts[0].pairs[0];  // rows 4-7, columns 0-3
  // Its lowest square is 21 (row 4, column 0): digit 3^0.
  EXPECT_EQ(eval::white_index<8>(p, square_bb(21), 0), 1);
  EXPECT_EQ(eval::white_index<8>(p, 0, square_bb(21)), 2);
  EXPECT_EQ(eval::white_index<8>(p, 0, 0), 0);
  // Black's read of the mirror region is the same digit for the turned square 30.
  EXPECT_EQ(eval::black_index<8>(p, 0, square_bb(30)), 1);
  EXPECT_EQ(eval::black_index<8>(p, square_bb(30), 0), 2);
  // A 12-square window (layout 2, rows 4-9, columns 0-3): square 21 is its
  // lowest digit, square 47 (row 9, column 2) its highest, 3^11.
  const eval::RegionPair& w = eval::kLayouts[2].pairs[0];
  EXPECT_EQ(eval::white_index<12>(w, square_bb(21), 0), 1);
  EXPECT_EQ(eval::white_index<12>(w, square_bb(47), 0), 177147);
  EXPECT_EQ(eval::white_index<12>(w, 0, square_bb(47)), 2 * 177147);
  EXPECT_EQ(eval::black_index<12>(w, 0, square_bb(4)), 177147);
  // A king leaves the pattern alone.
  Features f = features_of<0>(fen("W:WK21:BK30"));
  for (const auto& [t, i, s] : f.patterns) EXPECT_EQ(i, 0);
}

TEST(Evaluate, RunawayAndBreakthroughTerms) {
  // White man on 20: three rows to go, nothing ahead, no black king.
  EXPECT_EQ(features_of<0>(fen("W:W20:B16")).terms[eval::kRunaway3], 1);
  // Its own man ahead: broken through, not a free runaway.
  Features own = features_of<0>(fen("W:W15,20:B1"));
  EXPECT_EQ(own.terms[eval::kRunaway2], 1);
  EXPECT_EQ(own.terms[eval::kBreakthrough], 1);
  // A black man in the cone, or any black king, stops it.
  EXPECT_EQ(features_of<0>(fen("W:W20:B4,16")).terms.count(eval::kRunaway3), 0u);
  EXPECT_EQ(features_of<0>(fen("W:W20:B16,K1")).terms.count(eval::kRunaway3), 0u);
}

TEST(Evaluate, LockedTermFavoursTheSideWithMoreFreeMoves) {
  const char* locked = "W:W26,27,28,29,30,31,32,33,34,35,41,42:B6,16,17,18,19,20,21,22,23,24,25";
  EXPECT_GT(features_of<0>(fen(locked)).terms[eval::kLocked], 0);
  EXPECT_LT(features_of<0>(mirrored(fen(locked))).terms[eval::kLocked], 0);
  EXPECT_EQ(features_of<0>(Position::start()).terms.count(eval::kLocked), 0u);
}

TEST(Evaluate, DrawishMaterialIsScaledDown) {
  EXPECT_EQ(eval::breakdown(fen("W:WK46,K47,K48:BK3")).scale_num, 1);
  EXPECT_EQ(eval::breakdown(fen("W:WK46,K47,K48:BK3,K4")).scale_num, 6);
  EXPECT_EQ(eval::breakdown(fen("W:W31,32,33:B18,19")).scale_num, 16);
}

TEST(Evaluate, PlainMaterialAtScaleZero) {
  EXPECT_EQ(evaluate(Position::start(), 0), 0);
  EXPECT_EQ(evaluate(fen("W:W31,32,33:B1,2"), 0), 100);
  EXPECT_EQ(evaluate(fen("W:W31,32,K33:B1,2,3"), 0), 200);
  EXPECT_EQ(evaluate(fen("B:W31,32,33:B1,2"), 0), -100);
}

TEST(Evaluate, LearnedMaterialCounts) {
  // Whatever the weights, a man or a king more is good for its side.
  EXPECT_GT(evaluate(fen("W:W31,32,33,34,35,36,37,38:B1,2,3,4,5,6,7")), 0);
  EXPECT_GT(evaluate(fen("W:W31,32,33,34,35,36,37,K38:B1,2,3,4,5,6,7,8")), 0);
  EXPECT_LT(evaluate(fen("B:W31,32,33,34,35,36,37,38:B1,2,3,4,5,6,7")), 0);
}

TEST(Evaluate, FeatureScaleScalesOnlyThePositionalTerms) {
  const Position p = fen("W:W27,28,31,32,33,34,36,37,38,39,40,42,43,44,45:B4,6,7,8,9,11,12,13,14,15,16,17,19,20,23");
  const eval::Breakdown b = eval::breakdown(p);
  ASSERT_EQ(b.scale_num, 16);
  EXPECT_EQ(evaluate(p, 1.0), b.material + b.positional);
  EXPECT_EQ(evaluate(p, 0.5), b.material + b.positional / 2);
  EXPECT_EQ(evaluate(p, 0.0), b.material);
}

TEST(Evaluate, BreakdownPartsAddUp) {
  for (const Position& p : testing::random_positions(11, 4, 90)) {
    const eval::Breakdown b = eval::breakdown(p);
    int terms = 0;
    for (int t = 0; t < eval::kNumTerms; ++t) terms += b.terms[t];
    EXPECT_EQ(b.learned, b.material + b.positional);
    // Each part is rounded on its own: allow one point per part.
    EXPECT_NEAR(b.learned, b.patterns + terms, eval::kNumTerms + 1);
    const int white_view = (b.material + b.positional) * b.scale_num / 16;
    EXPECT_NEAR(evaluate(p), p.side == Color::kWhite ? white_view : -white_view, 1);
  }
}

}  // namespace
}  // namespace tempo
