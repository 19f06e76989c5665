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

#include "engine/position.h"
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

// The whole score from White's view, split for tests and tools.
struct Breakdown {
  int phase = 0;                    // pieces on the board, capped at kPhaseMax
  int material = 0;                 // men, kings, first king (never scaled)
  int patterns = 0;                 // the region tables
  std::array<int, kNumTerms> terms{};  // each term's blended contribution (material terms included)
  int positional = 0;               // patterns + the non-material terms, before the feature scale
  int scale_num = 16;               // drawish-material scaling applied to the total, /16
};
Breakdown breakdown(const Position& pos);

// Drawish material, /16 (16 = not drawish): a lone king against up to three
// pieces with a king, or kings on both sides with at most a king's edge.
int drawish_scale(const Position& pos);

}  // namespace tempo::eval
