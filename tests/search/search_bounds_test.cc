// Resource bounds of the search at their limits: a game history far longer
// than any real game, the deepest depth the API allows, the most PV lines,
// and principal variations that never exceed kMaxPly.
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include "rules/fen.h"
#include "rules/movegen.h"
#include "search/search.h"
#include "tt/table.h"

namespace tempo {
namespace {

void expect_legal_line(Position pos, const Line& line) {
  ASSERT_LE(line.size, kMaxPly);
  for (int i = 0; i < line.size; ++i) {
    MoveList legal;
    generate_moves(pos, legal);
    ASSERT_TRUE(legal.contains(line.moves[i])) << "move " << i;
    pos.play(line.moves[i]);
  }
}

// `plies` legal moves, the first generated each time: kings are generated
// first, so the kings wander and positions repeat (the search must cope with
// a game long since drawn by rule).
std::vector<Move> shuffle(const Position& start, int plies) {
  std::vector<Move> moves;
  Position pos = start;
  for (int i = 0; i < plies; ++i) {
    MoveList legal;
    if (generate_moves(pos, legal) == 0) break;
    const Move m = legal[0];
    moves.push_back(m);
    pos.play(m);
  }
  return moves;
}

TEST(SearchBounds, HistoryOfTenThousandPlies) {
  const Position start = *parse_fen("W:WK46,K50,31:BK5,K1,20");
  const std::vector<Move> moves = shuffle(start, 10000);
  ASSERT_EQ(moves.size(), 10000u);
  std::vector<std::uint8_t> table(tt::kMinBytes, 0);
  Game game = *Game::from_position(start);
  for (const Move& m : moves) ASSERT_TRUE(game.play(m, /*stop_at_draw=*/false).ok());
  SearchRequest r;
  r.limits.depth = 8;
  r.tt = table.data();
  r.tt_len = table.size();
  const absl::StatusOr<SearchResult> res = search(game, r);
  ASSERT_TRUE(res.ok()) << res.status();
  if (res->has_move) expect_legal_line(game.current(), res->pv);
}

TEST(SearchBounds, DeepestDepthAndMostLinesStayWithinMaxPly) {
  for (const char* fen : {"W:WK46,K3,31,33,38,42:B8,12,17,K45,K5,19", "W:WK28:BK5,K46"}) {
    const Position pos = *parse_fen(fen);
    std::vector<std::uint8_t> table(tt::kMinBytes * 4, 0);
    SearchRequest r;
    r.limits.depth = kMaxPly - 1;
    r.limits.nodes = 400000;
    r.multipv = kMaxMultiPv;
    r.tt = table.data();
    r.tt_len = table.size();
    const absl::StatusOr<SearchResult> res = search(pos, r);
    ASSERT_TRUE(res.ok()) << res.status();
    ASSERT_TRUE(res->has_move);
    EXPECT_LE(res->depth, kMaxPly);
    EXPECT_LE(res->seldepth, kMaxPly);
    expect_legal_line(pos, res->pv);
    MoveList legal;
    generate_moves(pos, legal);
    EXPECT_EQ(static_cast<int>(res->multipv.size()), std::min(kMaxMultiPv, legal.size));
    for (const ScoredMove& sm : res->multipv) expect_legal_line(pos, sm.pv);
  }
}

TEST(SearchBounds, OutOfRangeRequestsAreErrorsNotCrashes) {
  const Position start = Position::start();
  SearchRequest r;
  r.multipv = kMaxMultiPv + 1;
  EXPECT_FALSE(search(start, r).ok());
  r.multipv = 1;
  std::uint8_t small[16] = {};
  r.tt = small;
  r.tt_len = sizeof(small);
  EXPECT_FALSE(search(start, r).ok()) << "a table below tt::kMinBytes";
  r.tt = nullptr;
  r.tt_len = 0;
  Position bad = start;
  bad.black |= bad.white;  // squares with two pieces
  EXPECT_FALSE(search(bad, r).ok());
  // An illegal history cannot reach the search: the game refuses the move.
  Game game;
  EXPECT_FALSE(game.play(make_move(31, 22)).ok());
}

// Node limits hold from the first node: with 20 kings a side, depth 1's
// capture search alone once ran to 664 million nodes (107 s) before the
// limit was looked at.
TEST(SearchBounds, NodeLimitHoldsInsideTheFirstIteration) {
  const absl::StatusOr<Position> pos = parse_fen(
      "B:WK2,K4,K6,K7,K8,K13,K14,K16,K18,K20,K21,K22,K25,K27,K28,K29,K30,K32,K33,K35:"
      "BK1,K3,K5,K9,K10,K11,K12,K15,K17,K19,K23,K24,K26,K31,K34,K37,K39,K40,41,K42");
  ASSERT_TRUE(pos.ok()) << pos.status();
  for (int depth : {1, 3}) {
    SearchRequest req;
    req.limits.depth = depth;
    req.limits.nodes = 20000;
    const absl::StatusOr<SearchResult> r = search(*pos, req);
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_LE(r->nodes, 20000u + 256u);  // checked every 256 nodes at most
    ASSERT_TRUE(r->has_move);
    MoveList legal;
    generate_moves(*pos, legal);
    EXPECT_TRUE(legal.contains(r->best_move));
  }
}

}  // namespace
}  // namespace tempo
