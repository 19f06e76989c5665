// Hand-crafted evaluation (internal to search/). The public entry point is
// tempo::evaluate() in search.h; the search calls eval::score() directly with
// the feature scale already converted to fixed point.
#pragma once

#include "engine/position.h"

namespace tempo::eval {

// Bump whenever evaluation changes: it is part of the table fingerprint, so a
// table filled with another evaluation's scores is not reused.
inline constexpr int kVersion = 2;

inline constexpr int kMan = 100;
inline constexpr int kKing = 300;

// Feature scale in 1/1024 units (1024 = full positional terms, 0 = material only).
inline constexpr int kFullScale = 1024;
int scale_q10(double feature_scale);

// Score of `pos` from the side to move's view, 100 = one man.
int score(const Position& pos, int scale_q10);

// Positional terms from White's view, before the feature scale.
struct Terms {
  int advancement = 0;   // tempo and centre, weighted by game phase
  int guard = 0;         // back-row men while the opponent has men to promote
  int balance = 0;       // men spread over both wings
  int formation = 0;     // men backed by two others, held outposts
  int mobility = 0;      // men with a free step
  int breakthrough = 0;  // runaway men and men that broke through (no opponent king)
  int kings = 0;         // king mobility, long diagonals, trapped kings
  int locked = 0;        // locked positions: the side with more free moves
  int sum() const { return advancement + guard + balance + formation + mobility + breakthrough + kings + locked; }
};

// The whole score from White's view, split for tests and tuning.
struct Breakdown {
  int material = 0;
  Terms terms;
  int positional = 0;  // terms.sum(), before the feature scale
  int scale_num = 16;  // drawish-material scaling applied to the total, /16
};
Breakdown breakdown(const Position& pos);

}  // namespace tempo::eval
