#include "cli/elo.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "absl/strings/str_format.h"

namespace tempo::cli {

double elo_from_score(double score) {
  if (score <= 0) return -std::numeric_limits<double>::infinity();
  if (score >= 1) return std::numeric_limits<double>::infinity();
  return -400.0 * std::log10(1.0 / score - 1.0) + 0.0;  // + 0.0: no "-0.0"
}

EloEstimate estimate_elo(const MatchScore& s) {
  EloEstimate e;
  const int n = s.games();
  if (n == 0) return e;
  e.score = s.points() / n;
  e.elo = elo_from_score(e.score);
  // Standard error of the mean per-game score (each game scores 1, 1/2 or 0).
  const double p = e.score;
  const double var = (s.wins * (1 - p) * (1 - p) + s.draws * (0.5 - p) * (0.5 - p) + s.losses * p * p) / n;
  constexpr double z = 1.96;
  double low, high;
  if (var > 0) {
    const double se = std::sqrt(var / n);
    low = p - z * se;
    high = p + z * se;
  } else {
    // Every game had the same result: the normal approximation collapses to
    // a point, so use the Wilson interval (a 40-0 sweep gives > +406, not +inf).
    const double z2n = z * z / n;
    const double centre = (p + z2n / 2) / (1 + z2n);
    const double half = z / (1 + z2n) * std::sqrt(p * (1 - p) / n + z2n / (4.0 * n));
    low = centre - half;
    high = centre + half;
  }
  e.elo_low = elo_from_score(std::clamp(low, 0.0, 1.0));
  e.elo_high = elo_from_score(std::clamp(high, 0.0, 1.0));
  return e;
}

namespace {
std::string fmt(double v) {
  if (std::isinf(v)) return v > 0 ? "+inf" : "-inf";
  return absl::StrFormat("%+.1f", v);
}
}  // namespace

std::string format_elo(const EloEstimate& e) {
  return absl::StrFormat("%s [%s, %s]", fmt(e.elo), fmt(e.elo_low), fmt(e.elo_high));
}

}  // namespace tempo::cli
