// Hand-crafted evaluation (internal to search/). The public entry point is
// tempo::evaluate() in search.h; the search calls eval::score() directly with
// the feature scale already converted to fixed point.
#pragma once

#include "engine/position.h"

namespace tempo::eval {

// Bump whenever evaluation changes: it is part of the table fingerprint, so a
// table filled with another evaluation's scores is not reused.
inline constexpr int kVersion = 1;

inline constexpr int kMan = 100;
inline constexpr int kKing = 300;

// Feature scale in 1/1024 units (1024 = full positional terms, 0 = material only).
inline constexpr int kFullScale = 1024;
int scale_q10(double feature_scale);

// Score of `pos` from the side to move's view, 100 = one man.
int score(const Position& pos, int scale_q10);

// The same from White's view, split for tests and tuning.
struct Breakdown {
  int material = 0;
  int positional = 0;  // before the feature scale
  int scale_num = 16;  // drawish-material scaling applied to the total, /16
};
Breakdown breakdown(const Position& pos);

}  // namespace tempo::eval
