// Resource bounds of the rules core, tested at their limits: the fixed-size
// move list never overflows on the most crowded positions we could construct
// (hill-climbing search for the largest move count, see docs/hardening.md),
// and at capacity it stops adding instead of writing past its end.
#include <gtest/gtest.h>

#include "rules/fen.h"
#include "rules/movegen.h"

namespace tempo {
namespace {

struct Crowded {
  const char* fen;
  int moves;
};
// Largest move counts found by a local search over valid positions (quiet
// kings on an open board; many kings each with many capture landings).
constexpr Crowded kCrowded[] = {
    {"W:WK1,K2,K3,K4,K5,K6,K15,K16,K25,K26,K35,K36,K45,K46,K47,K48,K49,K50:B", 128},
    {"W:WK1,K2,K5,K6,K9,K15,17,K25,K45,K50:BK3,10,K11,K12,K13,K16,20-22,K26,28,K30,K33,K34,K39,43,44,K48", 166},
};

TEST(MoveListBounds, MostCrowdedPositionsFitWithRoomToSpare) {
  for (const Crowded& c : kCrowded) {
    const absl::StatusOr<Position> pos = parse_fen(c.fen);
    ASSERT_TRUE(pos.ok()) << pos.status();
    MoveList list;
    EXPECT_EQ(generate_moves(*pos, list), c.moves) << c.fen;
    EXPECT_FALSE(list.overflowed) << c.fen;
    EXPECT_EQ(count_moves(*pos), c.moves) << c.fen;
    EXPECT_LT(c.moves, MoveList::kCapacity);
  }
}

// Composed positions with more legal captures than the first capacity (256)
// had room for: many kings each with several capture routes of equal length,
// found by the same local search. MoveList::kCapacity (512) holds them; were
// a position ever to need more, the generator keeps the first kCapacity and
// sets `overflowed`, never writing past the end.
constexpr Crowded kOverCapacity[] = {
    {"W:WK2,K6,K15,K16,K26,K34,K36,K47,K50:BK1,7,K11,K12,18,K21,K23,25,29,K30,K31,37,K39,40,42,43,K45", 268},
    {"W:WK5,K15,K46,K47,K48,K49:B2,K8,9,K13,18,K19,K22,24,27,K30,K31,K35,36,40,41,K42,43,44", 407},
};

TEST(MoveListBounds, KnownCrowdedCapturePositionsFitOrAreCutSafely) {
  for (const Crowded& c : kOverCapacity) {
    const absl::StatusOr<Position> pos = parse_fen(c.fen);
    ASSERT_TRUE(pos.ok()) << pos.status();
    MoveList list;
    const int n = generate_moves(*pos, list);
    ASSERT_LE(n, MoveList::kCapacity);
    if (c.moves > MoveList::kCapacity) {
      EXPECT_TRUE(list.overflowed) << c.fen;
      EXPECT_EQ(n, MoveList::kCapacity) << c.fen;
    } else {
      EXPECT_FALSE(list.overflowed) << c.fen;
      EXPECT_EQ(n, c.moves) << c.fen;
    }
    for (const Move& m : list) {
      EXPECT_TRUE(m.is_capture());
      EXPECT_EQ(m.capture_count(), list[0].capture_count());
    }
  }
}

TEST(MoveListBounds, StopsAtCapacityAndSaysSo) {
  MoveList list;
  list.clear();
  for (int i = 0; i < MoveList::kCapacity; ++i) list.push(make_move(31, 26));
  EXPECT_EQ(list.size, MoveList::kCapacity);
  EXPECT_FALSE(list.overflowed);
  list.push(make_move(32, 27));
  list.push(make_move(33, 28));
  EXPECT_EQ(list.size, MoveList::kCapacity);
  EXPECT_TRUE(list.overflowed);
  EXPECT_FALSE(list.contains(make_move(32, 27)));
  list.clear();
  EXPECT_EQ(list.size, 0);
  EXPECT_FALSE(list.overflowed);
}

}  // namespace
}  // namespace tempo
