#include "search/levels.h"

#include <algorithm>

#include "search/eval.h"

namespace tempo {
namespace levels {

bool pick_blunder(const Position& root, const MoveList& legal, const Move& best, const Params& params,
                  std::uint64_t seed, std::uint64_t root_key, Move* out) {
  if (params.blunder_probability <= 0 || legal.size < 2) return false;
  if (unit(mix(seed ^ 0xb1u, root_key)) >= params.blunder_probability) return false;
  const int scale = eval::scale_q10(params.feature_scale);
  int scores[MoveList::kCapacity];
  int top = -kWinScore;
  for (int i = 0; i < legal.size; ++i) {
    scores[i] = -eval::score(root.after(legal[i]), scale);
    top = std::max(top, scores[i]);
  }
  int candidates[MoveList::kCapacity];
  int n = 0;
  for (int i = 0; i < legal.size; ++i) {
    if (legal[i] == best || scores[i] < top - params.blunder_margin) continue;
    candidates[n++] = i;
  }
  if (n == 0) return false;
  *out = legal[candidates[mix(seed ^ 0xb2u, root_key) % static_cast<std::uint64_t>(n)]];
  return true;
}

}  // namespace levels
}  // namespace tempo
