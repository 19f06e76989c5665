// Params::classic (search/classic.cc), the game's original engine modelled for comparison matches.
#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <vector>

#include "rules/movegen.h"
#include "rules/notation.h"
#include "rules/zobrist.h"
#include "search/search.h"
#include "tests/search/search_test_util.h"

namespace tempo {
namespace {

using testing::at_depth;
using testing::fen;
using testing::game_of;
using testing::is_legal;

// Params::classic (the app's old search, for comparison matches): a depth-1
// score is exactly the best static evaluation after one move, captures left
// hanging and all, and game-history draws are not seen.
TEST(SearchClassic, ClassicSearchIsPlainFixedDepthAlphaBeta) {
  const std::vector<Position> positions = testing::random_positions(5, 4, 40);
  int hanging = 0;
  for (std::size_t i = 0; i < positions.size(); i += 3) {
    const Position& pos = positions[i];
    MoveList list;
    generate_moves(pos, list);
    if (list.size < 2) continue;
    int best = -kWinScore;
    for (const Move& m : list) {
      const Position child = pos.after(m);
      MoveList replies;
      generate_moves(child, replies);
      if (replies.empty()) {
        best = kWinScore;  // not expected in these positions; checked below
        break;
      }
      if (replies[0].is_capture()) ++hanging;
      best = std::max(best, -evaluate(child));
    }
    if (best == kWinScore) continue;
    SearchRequest req = at_depth(1);
    req.params.classic = true;
    absl::StatusOr<SearchResult> r = search(pos, req);
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(r->score, best) << "position " << i;
    EXPECT_TRUE(list.contains(r->best_move));
  }
  EXPECT_GT(hanging, 0) << "no position had a capture at the horizon: the test would prove nothing";

  // The repetition draw of RepetitionWithGameHistoryIsADraw goes unseen.
  const Position s0 = fen("W:WK46,37:BK1,K2");
  const std::vector<Move> moves = {make_move(46, 41), make_move(1, 6), make_move(41, 46), make_move(6, 1)};
  SearchRequest req = at_depth(3);
  req.params.feature_scale = 0;
  req.params.classic = true;
  absl::StatusOr<SearchResult> r = search(game_of(s0, moves), req);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_LT(r->score, 0);
}

}  // namespace
}  // namespace tempo
