// The search's decisions at one place (internal to search/): how much
// shallower a late move is searched, when a node is searched deeper, when a
// node is cut by its static score, and the root's aspiration window. Values
// are in plies and in score points (100 = a man).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "rules/move.h"
#include "rules/score.h"

namespace tempo::decisions {

// Late-move reduction in plies by depth and move number: grows with the log
// of both (a late move at high depth is very likely no better than the first).
struct ReductionTable {
  std::uint8_t r[64][MoveList::kCapacity];
};
inline const ReductionTable& reduction_table() {
  static const ReductionTable table = [] {  // built once, thread-safely
    ReductionTable t{};
    for (int d = 1; d < 64; ++d)
      for (int i = 1; i < MoveList::kCapacity; ++i)
        t.r[d][i] = static_cast<std::uint8_t>(std::max(0.0, 0.75 + std::log(d) * std::log(i + 1) / 1.75));
    return t;
  }();
  return table;
}

// How many plies shallower move number `i` (0 = first tried) of a node at
// `depth` is searched first. Only late quiet moves are reduced (never a
// capture, promotion, killer or table move: `quiet` says so), fewer at PV
// nodes; at least one ply is always left. A reduced move that beats alpha is
// searched again at full depth.
inline int reduction(int depth, int i, bool pv, bool quiet) {
  if (depth < 3 || !quiet || i < (pv ? 4 : 2)) return 0;
  const int r = reduction_table().r[std::min(depth, 63)][i] - (pv ? 1 : 0);
  return std::clamp(r, 0, depth - 2);
}

// Plies added to a node's depth: a forced reply costs the opponent nothing to
// find, so look one ply further (bounded, so forced sequences cannot run the
// search away: at most 2 x the root depth + 8 plies from the root).
inline int extension(int legal_moves, int ply, int root_depth) {
  return legal_moves == 1 && ply < 2 * root_depth + 8 ? 1 : 0;
}

// Static pruning near the leaves: at a non-PV node of depth <= kPruneDepth,
// nothing capturable on either side, a static score this far above beta
// will not come back down in a shallow search.
inline constexpr int kPruneDepth = 3;
constexpr int prune_margin(int depth) { return 60 * depth; }
// Not near a win or loss: there a static score proves nothing.
constexpr bool may_prune(int depth, bool pv, int beta) {
  return !pv && depth <= kPruneDepth && beta < kWinThreshold && beta > -kWinThreshold;
}

// The root's aspiration window: from depth kAspirationDepth, the search
// starts within +-kAspirationWindow of the last iteration's score, doubling
// on each fail; past kAspirationGiveUp it opens fully.
inline constexpr int kAspirationDepth = 5;
inline constexpr int kAspirationWindow = 25;
inline constexpr int kAspirationGiveUp = 800;

}  // namespace tempo::decisions
