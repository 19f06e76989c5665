// Each difficulty preset must beat the one below it clearly in self-play.
// Slow (hundreds of searches): `ctest -L deep`.
#include <gtest/gtest.h>

#include "tests/deep/self_play.h"

namespace tempo {
namespace {

selfplay::Player level(Level l) {
  selfplay::Player p;
  p.params = Params::for_level(l);
  if (l == Level::kExpert) p.limits.movetime_ms = 100;
  return p;
}

void expect_beats(Level stronger, Level weaker, int pairs) {
  const selfplay::Score s = selfplay::match(level(stronger), level(weaker), pairs, 2026);
  std::printf("%s vs %s: +%d -%d =%d (%.1f / %d)\n", level_name(stronger), level_name(weaker), s.wins, s.losses,
              s.draws, s.points(), s.games());
  EXPECT_GT(s.points(), 0.65 * s.games()) << level_name(stronger) << " vs " << level_name(weaker);
}

TEST(LevelsMatch, MediumBeatsEasy) { expect_beats(Level::kMedium, Level::kEasy, 10); }
TEST(LevelsMatch, HardBeatsMedium) { expect_beats(Level::kHard, Level::kMedium, 10); }
TEST(LevelsMatch, ExpertBeatsHard) { expect_beats(Level::kExpert, Level::kHard, 10); }

}  // namespace
}  // namespace tempo
