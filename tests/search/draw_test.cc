// The draw rules inside the search: repetitions of the game's own positions
// and the counting rules (25-move, 16-move, 5-move), given the game history.
// The rules themselves are rules/draw.h's (tests/rules/game_test.cc).
#include <gtest/gtest.h>

#include <set>
#include <vector>

#include "rules/movegen.h"
#include "rules/zobrist.h"
#include "search/search.h"
#include "tests/search/search_test_util.h"

namespace tempo {
namespace {

using testing::at_depth;
using testing::fen;
using testing::game_of;
using testing::is_legal;

std::vector<Move> try_quiet_king_history(Position start, int plies, std::uint64_t seed, Position* end);

// Plays `plies` king moves that neither capture nor repeat a position, then
// returns them; the position they lead to is *end.
std::vector<Move> quiet_king_history(Position start, int plies, Position* end) {
  for (std::uint64_t attempt = 1; attempt < 200; ++attempt) {
    std::vector<Move> moves = try_quiet_king_history(start, plies, attempt, end);
    if (!moves.empty()) return moves;
  }
  return {};
}

std::vector<Move> try_quiet_king_history(Position start, int plies, std::uint64_t seed, Position* end) {
  std::vector<Move> moves;
  std::set<std::uint64_t> seen = {zobrist::key(start)};
  testing::TestRng rng{seed * 7919};
  Position p = start;
  while (static_cast<int>(moves.size()) < plies) {
    MoveList list;
    generate_moves(p, list);
    std::vector<Move> ok;
    for (const Move& m : list) {
      const Position next = p.after(m);
      if (m.is_capture() || seen.count(zobrist::key(next)) || has_capture(next)) continue;
      // Keep the opponent without a capture after our reply too.
      ok.push_back(m);
    }
    if (ok.empty()) return {};
    const Move m = ok[rng.next() % ok.size()];
    p.play(m);
    seen.insert(zobrist::key(p));
    moves.push_back(m);
  }
  *end = p;
  return moves;
}

void expect_counting_rule_draw(const char* start_fen, int plies) {
  Position start = fen(start_fen), end;
  std::vector<Move> moves = quiet_king_history(start, plies, &end);
  ASSERT_EQ(static_cast<int>(moves.size()), plies) << start_fen;
  SearchRequest req = at_depth(3);
  req.params.feature_scale = 0;
  absl::StatusOr<SearchResult> r = search(game_of(start, moves), req);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->score, 0) << start_fen;
  // One ply less of history and the rule is still a move away: not a draw yet.
  SearchRequest shorter = at_depth(1);
  shorter.params.feature_scale = 0;
  moves.pop_back();
  moves.pop_back();
  absl::StatusOr<SearchResult> s = search(game_of(start, moves), shorter);
  ASSERT_TRUE(s.ok());
  // Material only, and one side a king or more ahead: not a draw score
  // (the drawish-material scaling shrinks it, never to zero).
  EXPECT_NE(s->score, 0) << start_fen;
}

// Repetition: the game went S0 -> S1 -> S2 -> S3 -> S0. White, a king down,
// can play back to S1, a position of the game: the search takes that draw.
TEST(SearchDraw, RepetitionWithGameHistoryIsADraw) {
  const Position s0 = fen("W:WK46,37:BK1,K2");
  const std::vector<Move> moves = {make_move(46, 41), make_move(1, 6), make_move(41, 46), make_move(6, 1)};
  SearchRequest req = at_depth(3);
  req.params.feature_scale = 0;  // material only
  absl::StatusOr<SearchResult> r = search(game_of(s0, moves), req);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->best_move, make_move(46, 41));
  EXPECT_EQ(r->score, 0);
  // Without the history there is no draw to be had.
  absl::StatusOr<SearchResult> fresh = search(s0, req);
  ASSERT_TRUE(fresh.ok());
  EXPECT_LT(fresh->score, 0);
}

TEST(SearchDraw, TwentyFiveMoveRule) { expect_counting_rule_draw("W:WK46,K47,K48:BK3,K4", 49); }

TEST(SearchDraw, SixteenMoveRule) { expect_counting_rule_draw("W:WK46,K47,K48:BK4", 31); }

TEST(SearchDraw, FiveMoveRule) { expect_counting_rule_draw("W:WK46,K47:BK4", 9); }

// A game already drawn by a rule is over; the search still answers with a
// legal move (a GUI may play on), scored as the rule makes it: every position
// that keeps the count going is a draw. Game status is the caller's to check.
TEST(SearchDraw, GameAlreadyDrawnStillGetsALegalMove) {
  auto search_after = [](const Position& start, const std::vector<Move>& moves) {
    absl::StatusOr<SearchResult> r = search(game_of(start, moves), at_depth(4));
    EXPECT_TRUE(r.ok()) << r.status();
    EXPECT_TRUE(r.ok() && r->has_move);
    return r.ok() ? *r : SearchResult{};
  };
  Position start = fen("W:WK46,K47,K48:BK3,K4"), end;
  const std::vector<Move> moves = quiet_king_history(start, 50, &end);  // 25 moves each
  ASSERT_EQ(moves.size(), 50u);
  const SearchResult r = search_after(start, moves);
  EXPECT_TRUE(is_legal(end, r.best_move));
  EXPECT_EQ(r.score, 0);

  // Threefold repetition: S0 appears a third time.
  const Position s0 = fen("W:WK46,37:BK1,K2");
  const std::vector<Move> cycle = {make_move(46, 41), make_move(1, 6), make_move(41, 46), make_move(6, 1),
                                   make_move(46, 41), make_move(1, 6), make_move(41, 46), make_move(6, 1)};
  EXPECT_TRUE(is_legal(s0, search_after(s0, cycle).best_move));
}

}  // namespace
}  // namespace tempo
