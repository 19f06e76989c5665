// The old engine's tree (Params::classic), for comparison matches only: the
// game's original search as a model. Plain alpha-beta with the table, every
// move at full depth and full window, a horizon that is a leaf whatever hangs
// there, and no draw rules inside the tree. Kept apart from node() so the
// real search reads as one algorithm.
#include "search/searcher.h"

namespace tempo {

int Searcher::classic_node(int ply, int depth, int alpha, int beta, const Position& pos, std::uint64_t key) {
  Frame& f = frames_[ply];
  f.pv.size = 0;
  if (depth <= 0) return horizon(ply, pos, key);
  count_node(ply);
  if (stopped_) return 0;
  if (ply >= kMaxPly - 1) return leaf(pos, key);

  std::uint32_t table_move;
  if (int s; answered_before_moves(ply, depth, alpha, beta, pos, key, /*table_cuts=*/true, &table_move, &s)) return s;
  const int alpha_in = alpha;

  generate_moves(pos, f.picker.moves);
  const int n = f.picker.moves.size;
  if (n == 0) {
    line_ends(ply);
    return loss_in(ply);
  }
  const bool captures = f.picker.moves[0].is_capture();
  order_moves(ply, pos, table_move, captures);

  int best = kNoScore;
  Move best_move = f.picker.moves[0];
  for (int i = 0; i < n; ++i) {
    const Move m = f.picker.pick(i);
    const Position child = pos.after(m);
    const std::uint64_t child_key = enter(ply, pos, key, m, child);
    const int score = -classic_node(ply + 1, depth - 1, -beta, -alpha, child, child_key);
    if (stopped_) return 0;
    if (score > best) {
      best = score;
      best_move = m;
      if (score > alpha) {
        alpha = score;
        set_pv(f.pv, m, frames_[ply + 1].pv);
        if (score >= beta) {
          if (!captures) reward_quiet(ply, pos, m, depth, i);
          break;
        }
      }
    }
  }
  store(key, ply, depth, best, alpha_in, beta, best_move);
  return best;
}

}  // namespace tempo
