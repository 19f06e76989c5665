#include "search/levels.h"

#include <algorithm>

#include "rules/score.h"

namespace tempo {
namespace levels {

bool blunder_due(const Params& params, std::uint64_t seed, std::uint64_t root_key) {
  return params.blunder_probability > 0 && unit(mix(seed ^ 0xb1u, root_key)) < params.blunder_probability;
}

bool pick_blunder(const MoveList& legal, const int* looks, const Move& best, const Params& params, std::uint64_t seed,
                  std::uint64_t root_key, Move* out) {
  int top = -kWinScore - 1;
  for (int i = 0; i < legal.size; ++i) top = std::max(top, looks[i]);
  int candidates[MoveList::kCapacity];
  int n = 0;
  for (int i = 0; i < legal.size; ++i) {
    if (legal[i] == best || looks[i] < top - params.blunder_margin) continue;
    candidates[n++] = i;
  }
  if (n == 0) return false;
  *out = legal[candidates[mix(seed ^ 0xb2u, root_key) % static_cast<std::uint64_t>(n)]];
  return true;
}

}  // namespace levels
}  // namespace tempo
