// The published perft counts for international draughts (FMJD rules): the
// start position to depth 9 and the Woldouby position to depth 11, as
// computer-draughts programmers have long agreed on them.
#include "rules/perft.h"

#include <gtest/gtest.h>

#include "rules/fen.h"

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

// Positions full of kings, where perft from the start hardly goes: every
// count agreed with the previous generator of this project (square by square
// king captures) and with an independent engine's generator (Scan 2.0).
constexpr char kAllKings[] = "W:WK31-50:BK1-20";

TEST(Perft, AllKings) {
  const std::uint64_t expected[] = {1, 17, 79, 352, 1399, 7062, 37589, 217575, 1333217};
  absl::StatusOr<Position> pos = parse_fen(kAllKings);
  ASSERT_TRUE(pos.ok()) << pos.status();
  for (int d = 1; d <= 8; ++d) EXPECT_EQ(perft(*pos, d), expected[d]) << "depth " << d;
}

TEST(Perft, KingEndgames) {
  struct Case {
    const char* fen;
    int depth;                // checked from 1 to this
    std::uint64_t counts[7];  // by depth
  };
  const Case cases[] = {
      {"W:WK46,K50,28:BK5,K10,19", 6, {1, 9, 41, 403, 3117, 31853, 304666}},
      {"B:WK3,K25,32,37:BK44,K48,14", 6, {1, 2, 3, 50, 602, 6956, 93985}},
      {"W:WK46,K47,K48,36:BK3,K4,15", 5, {1, 26, 392, 7514, 103494, 1837732}},
  };
  for (const Case& c : cases) {
    absl::StatusOr<Position> pos = parse_fen(c.fen);
    ASSERT_TRUE(pos.ok()) << pos.status();
    for (int d = 1; d <= c.depth; ++d) EXPECT_EQ(perft(*pos, d), c.counts[d]) << c.fen << " depth " << d;
  }
}

TEST(Perft, DivideSumsToPerft) {
  std::uint64_t sum = 0;
  for (const auto& [m, n] : perft_divide(Position::start(), 5)) sum += n;
  EXPECT_EQ(sum, 27117u);
}

}  // namespace
}  // namespace tempo
