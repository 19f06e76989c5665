// Deep perft counts, too slow for every run: `ctest -L deep`.
#include <gtest/gtest.h>

#include "rules/fen.h"
#include "rules/perft.h"

namespace tempo {
namespace {

TEST(PerftDeep, StartPositionDepth10And11) {
  const Position pos = Position::start();
  EXPECT_EQ(perft(pos, 10), 258895763u);
  EXPECT_EQ(perft(pos, 11), 1665861398u);
}

TEST(PerftDeep, WoldoubyDepth12To15) {
  absl::StatusOr<Position> pos = parse_fen("W:B12,13,14,16,18,19,21,23,24,26:W25,27,28,30,32,33,34,35,37,38");
  ASSERT_TRUE(pos.ok());
  const std::uint64_t expected[] = {1910989, 9872645, 58360286, 346184885};
  for (int d = 12; d <= 15; ++d) EXPECT_EQ(perft(*pos, d), expected[d - 12]) << "depth " << d;
}

// Kings only (counts agreed with an independent engine's generator, Scan 2.0).
TEST(PerftDeep, AllKingsDepth9And10) {
  absl::StatusOr<Position> pos = parse_fen("W:WK31-50:BK1-20");
  ASSERT_TRUE(pos.ok());
  EXPECT_EQ(perft(*pos, 9), 8558321u);
  EXPECT_EQ(perft(*pos, 10), 58381162u);
}

TEST(PerftDeep, KingEndgames) {
  absl::StatusOr<Position> a = parse_fen("W:WK46,K50,28:BK5,K10,19");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(perft(*a, 7), 3437563u);
  EXPECT_EQ(perft(*a, 8), 36691787u);
  absl::StatusOr<Position> b = parse_fen("B:WK3,K25,32,37:BK44,K48,14");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(perft(*b, 7), 1136363u);
  EXPECT_EQ(perft(*b, 8), 15944973u);
  absl::StatusOr<Position> c = parse_fen("W:WK46,K47,K48,36:BK3,K4,15");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(perft(*c, 6), 25508527u);
}

}  // namespace
}  // namespace tempo
