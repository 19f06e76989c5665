// Deep perft counts, too slow for every run: `ctest -L deep`.
#include <gtest/gtest.h>

#include "engine/fen.h"
#include "engine/perft.h"

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

}  // namespace
}  // namespace tempo
