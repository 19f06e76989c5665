// Time management (search/time.h): how long one move may take.
#include "search/time.h"

#include "gtest/gtest.h"
#include "search/params.h"

namespace tempo {
namespace {

TEST(TimePlan, TheLevelsCapIsTheDefault) {
  const Params expert;
  Limits none;
  EXPECT_EQ(timing::plan(none, expert).hard_ms, 10'000);
  Limits depth;
  depth.depth = 40;  // a depth or node limit does not lift the cap
  EXPECT_EQ(timing::plan(depth, expert).hard_ms, 10'000);
  Limits movetime;
  movetime.movetime_ms = 30'000;  // the caller's own time replaces it
  EXPECT_EQ(timing::plan(movetime, expert).hard_ms, 30'000);
  EXPECT_EQ(timing::plan(movetime, Params::for_level(Level::kEasy)).hard_ms, 30'000);
  Limits clock;
  clock.time_left_ms = 3'600'000;
  EXPECT_GT(timing::plan(clock, expert).hard_ms, 10'000);
  Limits infinite;
  infinite.infinite = true;  // pondering: nothing applies
  EXPECT_EQ(timing::plan(infinite, Params::for_level(Level::kEasy)).hard_ms, 0);
  Params uncapped;
  uncapped.time_limit_ms = 0;
  EXPECT_EQ(timing::plan(none, uncapped).hard_ms, 0);
}

}  // namespace
}  // namespace tempo
