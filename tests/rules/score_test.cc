// The one score text (rules/score.h, on the scale draughts GUIs read) and
// the one way bad input is shown (rules/text.h).
#include "rules/score.h"

#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>

#include "gtest/gtest.h"
#include "rules/text.h"

namespace tempo {
namespace {

TEST(Quoted, OneWayToShowBadInput) {
  EXPECT_EQ(quote("18-24"), "'18-24'");
  EXPECT_EQ(quote(std::string_view("a\nb\0c", 5)), "'a\\x0ab\\x00c'");
  EXPECT_EQ(quote("\xff"), "'\\xff'");
  const std::string long_text(100, 'x');
  EXPECT_EQ(quote(long_text), "'" + std::string(60, 'x') + "...'");
}

TEST(ScoreText, ScanScale) {
  EXPECT_EQ(score_text(25), "+0.25");
  EXPECT_EQ(score_text(-100), "-1.00");
  EXPECT_EQ(score_text(-5), "-0.05");
  EXPECT_EQ(score_text(0), "+0.00");
  EXPECT_EQ(score_text(kWinScore - 7), "+99.93");      // a win in 7 plies
  EXPECT_EQ(score_text(-(kWinScore - 4)), "-99.96");   // a loss in 4 plies
  EXPECT_EQ(score_text(-kWinScore), "-100.00");        // no legal move: lost now
  EXPECT_EQ(score_text(kWinThreshold + 1), "+90.01");  // the longest win the scale holds: 999 plies
  EXPECT_EQ(score_text(kWinThreshold), "+90.00");      // not a win: ordinary scores stop at 90 men
  EXPECT_EQ(score_text(-12345), "-90.00");
  EXPECT_EQ(score_text(kWinScore + 5), "+100.00");  // no such score: held at a win now
  EXPECT_EQ(score_text(std::numeric_limits<int>::min()), "-100.00");
}

// A client built around Scan's scale (pydraughts' Hub client is one) reads a
// score as hundredths of a man and anything beyond 90 men as a win or loss
// whose plies are 10000 minus it. Every score must read back that way.
TEST(ScoreText, ReadsBackOnTheClientScale) {
  auto client_read = [](const std::string& text) { return static_cast<int>(std::lround(std::stod(text) * 100)); };
  for (int plies = 0; plies < kWinScore - kWinThreshold; ++plies) {
    const int win = client_read(score_text(kWinScore - plies));
    const int loss = client_read(score_text(-(kWinScore - plies)));
    ASSERT_GT(win, 9000) << plies;
    ASSERT_EQ(10000 - win, plies);
    ASSERT_LT(loss, -9000) << plies;
    ASSERT_EQ(10000 + loss, plies);
  }
  for (int score = -kWinThreshold; score <= kWinThreshold; score += 7) {
    const int shown = client_read(score_text(score));
    ASSERT_LE(std::abs(shown), 9000) << score;
    if (std::abs(score) <= 9000) {
      ASSERT_EQ(shown, score);
    }
  }
}

}  // namespace
}  // namespace tempo
