// The score scale every layer shares (the table stores scores, the search
// makes them, the outer layers print them): the side to move's view, 100 =
// one man; a win in n plies scores kWinScore - n and a loss in n plies
// -(kWinScore - n), so a shorter win is a higher score.
//
// Shown to people and programs (the Hub `info` score, `tempo analyse`,
// Python's score_text, the C ABI's tempo_score_text) scores use the scale
// draughts GUIs and clients already read, Scan 3's: men with two decimals, a
// win in n plies shown as 100 - n/100 men (+99.93: a win in 7 plies), a loss
// as its negative, and every other score held within +-90 men, so that
// anything beyond +-90 is a win or a loss and 100 minus it, times 100, is the
// plies to the end.
#pragma once

#include <string>

namespace tempo {

inline constexpr int kWinScore = 30000;
inline constexpr int kWinThreshold = kWinScore - 1000;  // beyond +-this: a forced win or loss

// A position the endgame database knows as won scores about kKnownWinScore
// (minus the plies from the root, plus a bonus for material: egdb scores in
// search.cc), beyond any evaluation and below every forced win.
inline constexpr int kKnownWinScore = 20000;

constexpr bool is_win(int score) { return score > kWinThreshold; }
constexpr bool is_loss(int score) { return score < -kWinThreshold; }
// Plies to the end of a forced win or loss (0 for a side with no legal move).
constexpr int plies_to_end(int score) { return kWinScore - (score < 0 ? -score : score); }

// The shown scale in hundredths of a man: a win in n plies is kShownWin - n
// (n < 1000, so beyond kShownEvalLimit), a loss its negative, any other score
// clamped to +-kShownEvalLimit.
inline constexpr int kShownWin = 10000;
inline constexpr int kShownEvalLimit = kShownWin - (kWinScore - kWinThreshold);  // 9000: 90 men
constexpr int shown_score(int score) {
  // Beyond +-kWinScore is no score the search makes (a caller's garbage):
  // held at a win or loss now, and no overflow below.
  if (score > kWinScore) score = kWinScore;
  if (score < -kWinScore) score = -kWinScore;
  if (is_win(score)) return kShownWin - plies_to_end(score);
  if (is_loss(score)) return -(kShownWin - plies_to_end(score));
  return score > kShownEvalLimit ? kShownEvalLimit : score < -kShownEvalLimit ? -kShownEvalLimit : score;
}

// The one score text, on the shown scale: "+0.25", "-1.00", "+99.93" (a win
// in 7 plies), "-99.96" (a loss in 4 plies), "-100.00" (no legal move).
std::string score_text(int score);

}  // namespace tempo
