// The strength ladder: what each point of the `strength` parameter plays
// like. One row per step, weakest first, the last full strength. A strength
// between two rows interpolates them (step_at() below), so equal
// steps of `strength` are equal steps of playing strength, as far as the
// rows' measured Elo says (docs/strength.md has the matches).
//
// The `strength` column is each row's Elo above the first row, plus
// kMinStrength: `scripts/ladder.py --refit` plays the neighbour matches and
// rewrites that column (and only it), so a new evaluation is recalibrated in
// one command. The other columns are the settings; change them by hand.
#pragma once

namespace tempo {

struct StrengthStep {
  int strength;                // Elo-like, measured
  int max_depth;               // plies
  int max_nodes;               // per move, 0 = none (full strength)
  int eval_noise;              // uniform +-noise/2 at leaves (100 = a man)
  double blunder_probability;  // chance of a weaker root move ...
  int blunder_margin;          // ... that looks at most this much worse ...
  int blunder_depth;           // ... to a look this many plies deep (captures then resolved)
  int capture_horizon;         // captures the quiescence search follows before it evaluates
  double feature_scale;        // positional terms, 0 = material only
};

inline constexpr int kFullDepth = 127;  // kMaxPly - 1 (params.h checks)

// clang-format off
inline constexpr StrengthStep kStrengthSteps[] = {
    // strength depth nodes noise blunder margin look horizon features
    {400, 1, 100, 60, 0.45, 150, 1, 1, 0.1},
    {510, 2, 150, 60, 0.45, 150, 1, 1, 0.2},
    {740, 2, 300, 50, 0.30, 120, 1, 2, 0.3},
    {870, 3, 425, 46, 0.27, 112, 1, 2, 0.34},
    {1060, 3, 600, 40, 0.22, 100, 1, 3, 0.4},
    {1330, 3, 1000, 30, 0.17, 80, 2, 4, 0.5},
    {1490, 4, 1600, 28, 0.14, 70, 2, 5, 0.55},
    {1590, 4, 2500, 25, 0.11, 60, 2, 6, 0.6},
    {1810, 5, 5000, 20, 0.07, 50, 3, 8, 0.7},
    {2070, 6, 8000, 12, 0.04, 40, 3, 12, 0.8},
    {2280, 8, 12000, 6, 0.02, 30, 4, 20, 0.9},
    {2410, 10, 24000, 0, 0.01, 20, 5, kFullDepth, 1.0},
    {2670, kFullDepth, 0, 0, 0, 0, 0, kFullDepth, 1.0},
};
// clang-format on
inline constexpr int kStepCount = static_cast<int>(sizeof kStrengthSteps / sizeof kStrengthSteps[0]);

// The parameter's range, the same in every interface. At or above the last
// row's strength the search plays at full strength.
inline constexpr int kMinStrength = 400;
inline constexpr int kMaxStrength = 3000;
inline constexpr int kFullStrength = kStrengthSteps[kStepCount - 1].strength;

// The settings at any strength: the two rows around it, linear in between
// (an int rounds to the nearest). Between the last budgeted row and full
// strength the lower row's budget, depth and capture horizon hold: only the
// full-strength row has none. Below the first row is the first row.
constexpr StrengthStep step_at(int strength) {
  int i = 0;
  while (i + 1 < kStepCount && kStrengthSteps[i + 1].strength <= strength) ++i;
  const StrengthStep& lo = kStrengthSteps[i];
  const StrengthStep& hi = i + 1 < kStepCount ? kStrengthSteps[i + 1] : lo;
  const double t = hi.strength > lo.strength && strength > lo.strength
                       ? static_cast<double>(strength - lo.strength) / (hi.strength - lo.strength)
                       : 0.0;
  auto real = [t](double a, double b) { return a + (b - a) * t; };
  auto whole = [&](int a, int b) { return static_cast<int>(real(a, b) + 0.5); };
  const bool to_full = hi.max_nodes == 0 && t > 0;
  return {strength,
          to_full ? lo.max_depth : whole(lo.max_depth, hi.max_depth),
          to_full ? lo.max_nodes : whole(lo.max_nodes, hi.max_nodes),
          whole(lo.eval_noise, hi.eval_noise),
          real(lo.blunder_probability, hi.blunder_probability),
          whole(lo.blunder_margin, hi.blunder_margin),
          whole(lo.blunder_depth, hi.blunder_depth),
          to_full ? lo.capture_horizon : whole(lo.capture_horizon, hi.capture_horizon),
          real(lo.feature_scale, hi.feature_scale)};
}

// The named levels are points of the ladder: easy, medium, hard, expert.
// Easy and Medium are rows 1 and 4; Hard lies halfway between rows 7 and 8,
// where it plays the game's own Hard evenly (docs/strength.md: row 8 scored
// 64.5% against it); Expert is full strength.
inline constexpr int kLevelStrength[] = {kStrengthSteps[1].strength, kStrengthSteps[4].strength,
                                         (kStrengthSteps[7].strength + kStrengthSteps[8].strength) / 2, kFullStrength};
constexpr StrengthStep level_step(int level) { return step_at(kLevelStrength[level]); }

static_assert([] {
  if (kStrengthSteps[0].strength != kMinStrength || kFullStrength > kMaxStrength) return false;
  for (int i = 1; i < kStepCount; ++i)
    if (kStrengthSteps[i].strength <= kStrengthSteps[i - 1].strength) return false;
  const StrengthStep& full = kStrengthSteps[kStepCount - 1];
  return full.max_depth == kFullDepth && full.max_nodes == 0 && full.eval_noise == 0 && full.blunder_probability == 0 &&
         full.capture_horizon == kFullDepth && full.feature_scale == 1.0;
}());

}  // namespace tempo
