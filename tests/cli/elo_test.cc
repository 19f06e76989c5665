#include "cli/elo.h"

#include <cmath>

#include <gtest/gtest.h>

namespace tempo::cli {
namespace {

TEST(Elo, KnownValues) {
  EXPECT_DOUBLE_EQ(elo_from_score(0.5), 0.0);
  EXPECT_NEAR(elo_from_score(0.75), 190.85, 0.01);
  EXPECT_NEAR(elo_from_score(0.25), -190.85, 0.01);
  EXPECT_TRUE(std::isinf(elo_from_score(1.0)));
  EXPECT_TRUE(std::isinf(elo_from_score(0.0)));
}

TEST(Elo, IntervalContainsEstimateAndShrinksWithGames) {
  const EloEstimate small = estimate_elo({6, 2, 2});
  EXPECT_DOUBLE_EQ(small.score, 0.7);
  EXPECT_LT(small.elo_low, small.elo);
  EXPECT_GT(small.elo_high, small.elo);
  const EloEstimate big = estimate_elo({600, 200, 200});
  EXPECT_NEAR(big.elo, small.elo, 1e-9);
  EXPECT_LT(big.elo_high - big.elo_low, small.elo_high - small.elo_low);
  EXPECT_GT(big.elo_low, 0);
}

TEST(Elo, SameResultEveryGameStillHasAnInterval) {
  const EloEstimate draws = estimate_elo({0, 10, 0});
  EXPECT_DOUBLE_EQ(draws.elo, 0);
  EXPECT_LT(draws.elo_low, -50);
  EXPECT_GT(draws.elo_high, 50);
  EXPECT_NEAR(draws.elo_low, -draws.elo_high, 1e-9);
  // 40-0: the lower bound is finite (Wilson: 40/(40+1.96^2) = 0.912 -> +406).
  const EloEstimate sweep = estimate_elo({40, 0, 0});
  EXPECT_TRUE(std::isinf(sweep.elo));
  EXPECT_NEAR(sweep.elo_low, 406, 2);
  EXPECT_TRUE(std::isinf(sweep.elo_high));
}

TEST(Elo, PerfectScoreFormatsAsInfinity) {
  const EloEstimate e = estimate_elo({4, 0, 0});
  EXPECT_EQ(format_elo(e).substr(0, 4), "+inf");
  EXPECT_EQ(estimate_elo({}).score, 0.5);
}

}  // namespace
}  // namespace tempo::cli
