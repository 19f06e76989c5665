// The published perft counts for international draughts (FMJD rules): the
// start position to depth 9 and the Woldouby position to depth 11, as
// computer-draughts programmers have long agreed on them.
#include "engine/perft.h"

#include <gtest/gtest.h>

#include "engine/fen.h"

namespace tempo {
namespace {

constexpr char kWoldouby[] = "W:B12,13,14,16,18,19,21,23,24,26:W25,27,28,30,32,33,34,35,37,38";

TEST(Perft, StartPosition) {
  const std::uint64_t expected[] = {1, 9, 81, 658, 4265, 27117, 167140, 1049442, 6483961, 41022423};
  const Position pos = Position::start();
  for (int d = 1; d <= 9; ++d) EXPECT_EQ(perft(pos, d), expected[d]) << "depth " << d;
}

TEST(Perft, Woldouby) {
  const std::uint64_t expected[] = {1, 6, 12, 30, 73, 215, 590, 1944, 6269, 22369, 88050, 377436};
  absl::StatusOr<Position> pos = parse_fen(kWoldouby);
  ASSERT_TRUE(pos.ok()) << pos.status();
  for (int d = 1; d <= 11; ++d) EXPECT_EQ(perft(*pos, d), expected[d]) << "depth " << d;
}

TEST(Perft, DivideSumsToPerft) {
  std::uint64_t sum = 0;
  for (const auto& [m, n] : perft_divide(Position::start(), 5)) sum += n;
  EXPECT_EQ(sum, 27117u);
}

}  // namespace
}  // namespace tempo
