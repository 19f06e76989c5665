// The score scale every layer shares (the table stores scores, the search
// makes them, the outer layers print them): the side to move's view, 100 =
// one man; a win in n plies scores kWinScore - n and a loss in n plies
// -(kWinScore - n), so a shorter win is a higher score.
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

// "+0.25", "-1.00", "win in 7", "loss in 4" (plies): the one human text.
std::string score_text(int score);

}  // namespace tempo
