// Match statistics: score and Elo difference with a 95% interval from a
// win/draw/loss count: normal approximation on the per-game score (the usual
// practice for engine matches), or the Wilson interval when every game had
// the same result (where the normal approximation has zero width).
#pragma once

#include <string>

namespace tempo::cli {

struct MatchScore {
  int wins = 0, draws = 0, losses = 0;  // from the first engine's view
  int games() const { return wins + draws + losses; }
  double points() const { return wins + 0.5 * draws; }
};

struct EloEstimate {
  double score = 0.5;  // fraction of the points, 0..1
  double elo = 0;      // +inf / -inf for a 100% / 0% score
  double elo_low = 0;  // 95% interval
  double elo_high = 0;
};

// Elo difference for a score fraction (clamped to +-inf at 0 and 1).
double elo_from_score(double score);
EloEstimate estimate_elo(const MatchScore& s);
// "+35.2 [-10.1, +80.7]" (or "+inf" / "-inf").
std::string format_elo(const EloEstimate& e);

}  // namespace tempo::cli
