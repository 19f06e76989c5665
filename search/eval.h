// The learned evaluation (internal to search/). The public entry point is
// tempo::evaluate() in search.h; the search calls eval::score() directly with
// the feature scale already converted to fixed point.
//
// Score = trained weights summed over the features of eval_features.h (pattern
// tables over 4x4 board regions plus global terms), each weight a pair
// (opening, endgame) blended by the number of pieces on the board. The
// weights come from data/eval_weights.txt, fitted by `tempo fit` to the
// results of self-play games, and are compiled in (no file is read at run
// time).
#pragma once

#include <array>
#include <cstdint>

#include "rules/position.h"
#include "search/eval_features.h"

namespace tempo::eval {

// Part of the table fingerprint (with the weights' checksum): a table filled
// with another evaluation's scores is not reused.
inline constexpr int kVersion = 3;
// The checksum of the compiled-in weights (data/eval_weights.txt).
std::uint64_t weights_checksum();

// Feature scale in 1/1024 units (1024 = full positional terms, 0 = material only).
inline constexpr int kFullScale = 1024;
int scale_q10(double feature_scale);

// Score of `pos` from the side to move's view, 100 = one man.
int score(const Position& pos, int scale_q10);

// Plain material, the score at feature scale 0: man 100, king 300.
inline constexpr int kManValue = 100;
inline constexpr int kKingValue = 300;
int plain_material(const Position& pos);

// The whole score from White's view, split for tests and tools.
struct Breakdown {
  int phase = 0;                       // pieces on the board, capped at kPhaseMax
  int learned = 0;                     // the full learned score (before the drawish scaling)
  int material = 0;                    // plain material (kManValue, kKingValue)
  int positional = 0;                  // learned - material: what the feature scale multiplies
  int patterns = 0;                    // the region tables' share of `learned`
  std::array<int, kNumTerms> terms{};  // each term's share of `learned`
  int scale_num = 16;                  // drawish-material scaling applied to the total, /16
};
Breakdown breakdown(const Position& pos);

// Drawish material, /16 (16 = not drawish): a lone king against up to three
// pieces with a king, or kings on both sides with at most a king's edge.
int drawish_scale(const Position& pos);

}  // namespace tempo::eval
