// Move ordering (internal to search/): which move of a node to try next.
//
// Every move gets an ordering score in one of these bands, and a move of a
// higher band is always tried before any move of a lower one:
//
//   kTableMove   the transposition table's best move for this position
//   kForcing     captures (more kings taken first, then promotions) and the
//                two killer moves of the ply
//   kPromotion   a quiet move that crowns a man
//   (below)      other quiet moves, by their history score (|h| <= 2^20)
//
// The search reduces only moves below kPromotion (is_quiet()): a capture, a
// killer, a promotion or the table's move is searched at full depth.
#pragma once

#include <algorithm>
#include <cstdint>
#include <utility>

#include "rules/board.h"
#include "rules/move.h"
#include "rules/position.h"
#include "search/history.h"
#include "tt/table.h"

namespace tempo::ordering {

inline constexpr int kTableMove = 1 << 30;
inline constexpr int kForcing = 1 << 28;
inline constexpr int kPromotion = 1 << 27;
static_assert(History::kMax < kPromotion, "a history score must stay below every named band");

// Does the man moved by `m` crown on this move?
inline bool promotes(const Position& pos, const Move& m) {
  if (pos.kings & bb(m.from)) return false;
  return bb(m.to) & (pos.side == Color::kWhite ? kWhitePromotion : kBlackPromotion);
}

// A node's moves with their ordering scores. `order[i]` belongs to `moves[i]`.
struct MovePicker {
  MoveList moves;
  int order[MoveList::kCapacity];

  // Scores every move (see the bands above). `table_move` is the table's
  // packed move or 0; `killers` is null when killer moves are off.
  void score(const Position& pos, std::uint32_t table_move, bool captures, const Killers* killers,
             const History& history) {
    for (int i = 0; i < moves.size; ++i) {
      const Move& m = moves[i];
      int s;
      if (table_move && tt::same_move(table_move, m)) {
        s = kTableMove;
      } else if (captures) {
        s = kForcing + 16 * popcount(m.captured & pos.kings) + (promotes(pos, m) ? 8 : 0);
      } else if (killers && m == killers->first) {
        s = kForcing + 2;
      } else if (killers && m == killers->second) {
        s = kForcing + 1;
      } else {
        s = history.get(pos.side, m) + (promotes(pos, m) ? kPromotion : 0);
      }
      order[i] = s;
    }
  }

  // Brings the best-ordered of moves i.. to index i and returns it (a
  // selection-sort step: most nodes cut off after a move or two).
  const Move& pick(int i) {
    int best = i;
    for (int j = i + 1; j < moves.size; ++j) {
      if (order[j] > order[best]) best = j;
    }
    if (best != i) {
      std::swap(moves.moves[i], moves.moves[best]);
      std::swap(order[i], order[best]);
    }
    return moves[i];
  }

  // A plain quiet move ordered by history alone (the ones worth reducing).
  bool is_quiet(int i) const { return order[i] < kPromotion; }
};

}  // namespace tempo::ordering
