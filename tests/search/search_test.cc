#include "search/search.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <set>
#include <thread>
#include <vector>

#include "rules/movegen.h"
#include "rules/notation.h"
#include "rules/zobrist.h"
#include "tests/search/search_test_util.h"

namespace tempo {
namespace {

using testing::at_depth;
using testing::fen;
using testing::game_of;
using testing::is_legal;

TEST(Search, FindsAThreeForOneShot) {
  // 28-22 forces 17x28, then 33x4 takes three and promotes.
  const Position pos = fen("W:W27,28,32,33,37,38,39:B1,2,3,9,17,18");
  absl::StatusOr<SearchResult> r = search(pos, at_depth(4));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->best_move, make_move(28, 22));
  EXPECT_GT(r->score, 150);  // two men and a king for one: clearly winning
  ASSERT_GE(r->pv.size, 3);
  EXPECT_EQ(r->pv.moves[1], make_move(17, 28, square_bb(22)));
}

TEST(Search, WinScoreCountsPliesToTheEnd) {
  // The king cannot take the man on 5 from the long diagonal; it waits on 23,
  // the man must go to 10 and is taken: Black cannot move after 3 plies.
  absl::StatusOr<SearchResult> r = search(fen("W:WK46:B5"), at_depth(8));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->score, kWinScore - 3);
  // The losing side sees the mirror image.
  absl::StatusOr<SearchResult> l = search(fen("B:WK23:B5"), at_depth(8));
  ASSERT_TRUE(l.ok());
  EXPECT_EQ(l->score, -(kWinScore - 2));
}

TEST(Search, NoLegalMoveMeansLost) {
  absl::StatusOr<SearchResult> r = search(fen("B:W31:B"), at_depth(5));
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->has_move);
  // Blocked: the man on 35 can neither step nor take (44 is taken).
  absl::StatusOr<SearchResult> blocked = search(fen("B:W40,44:B35"), at_depth(5));
  ASSERT_TRUE(blocked.ok());
  EXPECT_FALSE(blocked->has_move);
}

TEST(Search, OneLegalMoveAnswersAtOnceInAGame) {
  const Position pos = fen("W:W28:B22,1");  // the capture 28x17 is forced
  SearchRequest req;
  req.limits.movetime_ms = 60'000;  // a game's move: no need to think
  absl::StatusOr<SearchResult> r = search(pos, req);
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r->has_move);
  EXPECT_EQ(r->best_move, make_move(28, 17, square_bb(22)));
  EXPECT_EQ(r->depth, 0);
  EXPECT_LT(r->nodes, 100u);
}

TEST(Search, OneLegalMoveIsSearchedWhenADepthIsAsked) {
  // After 32-28 19-23, 28x19 is forced: analysis must score the position
  // by a real search, not by a static look after the capture.
  const Position pos = fen("W:W28,31,33-50:B1-18,20,23");
  absl::StatusOr<SearchResult> r = search(pos, at_depth(10));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->best_move, make_move(28, 19, square_bb(23)));
  EXPECT_EQ(r->depth, 10);
  EXPECT_GT(r->nodes, 100u);
  ASSERT_GE(r->pv.size, 2);  // the line goes on past the forced move
  // A game's answer is the static look (depth 0); analysis' is the search's.
  SearchRequest game_move;
  game_move.limits.movetime_ms = 60'000;
  absl::StatusOr<SearchResult> quick = search(pos, game_move);
  ASSERT_TRUE(quick.ok());
  EXPECT_EQ(quick->depth, 0);
}

TEST(Search, InfiniteIgnoresTheLevelsCapsUntilCancelled) {
  // Easy stops at depth 3 and 1.5 s; an infinite search (pondering) must not.
  std::int32_t cancel = 0;
  SearchRequest req;
  req.params = Params::for_level(Level::kEasy);
  req.params.eval_noise = 0;
  req.limits.infinite = true;
  req.limits.depth = 2;  // ignored too
  req.cancel = &cancel;
  int deepest = 0;
  req.on_progress = [&](const Progress& p) {
    deepest = p.depth;
    if (p.depth >= 6) std::atomic_ref<std::int32_t>(cancel).store(1);
  };
  absl::StatusOr<SearchResult> r = search(Position::start(), req);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_GE(deepest, 6);
  EXPECT_TRUE(r->cancelled);
}

TEST(Search, InfiniteAnswersOnlyOnceCancelledEvenWithNothingToSearch) {
  for (const char* f : {"B:W31:B", "W:W28:B22,1", "W:WK46:B5"}) {  // lost, forced, won in 3
    std::int32_t cancel = 0;
    SearchRequest req;
    req.limits.infinite = true;
    req.cancel = &cancel;
    std::atomic<bool> returned{false};
    absl::StatusOr<SearchResult> r;
    std::thread t([&] {
      r = search(fen(f), req);
      returned = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    EXPECT_FALSE(returned.load()) << f;
    std::atomic_ref<std::int32_t>(cancel).store(1);
    t.join();
    ASSERT_TRUE(r.ok()) << f;
    EXPECT_TRUE(r->cancelled) << f;
  }
}

TEST(Search, InfiniteWithoutACancelFlagIsAnError) {
  SearchRequest req;
  req.limits.infinite = true;
  absl::StatusOr<SearchResult> r = search(Position::start(), req);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("cancel flag"), std::string_view::npos) << r.status();
}

TEST(Search, FreshTableStartsFromAnEmptyTable) {
  std::vector<std::uint8_t> table(tt::kMinBytes * 4, 0);
  SearchRequest req = at_depth(8);
  req.tt = table.data();
  req.tt_len = table.size();
  absl::StatusOr<SearchResult> first = search(Position::start(), req);
  ASSERT_TRUE(first.ok());
  absl::StatusOr<SearchResult> carried = search(Position::start(), req);
  ASSERT_TRUE(carried.ok());
  EXPECT_EQ(carried->tt_status, tt::Status::kReused);
  EXPECT_LT(carried->nodes, first->nodes);  // the carried table answers most of it
  req.params.fresh_table = true;
  absl::StatusOr<SearchResult> fresh = search(Position::start(), req);
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(fresh->tt_status, tt::Status::kFresh);
  EXPECT_EQ(fresh->nodes, first->nodes);  // exactly the first search again
  // Without the table in use the buffer is left alone.
  std::vector<std::uint8_t> before = table;
  req.params.use_table = false;
  ASSERT_TRUE(search(Position::start(), req).ok());
  EXPECT_EQ(table, before);
}

TEST(Search, BadRequestsAreErrors) {
  const Position start = Position::start();
  SearchRequest req = at_depth(3);
  req.multipv = 0;
  EXPECT_FALSE(search(start, req).ok());
  req = at_depth(3);
  req.params.feature_scale = -1;
  EXPECT_FALSE(search(start, req).ok());
  req = at_depth(3);
  req.params.blunder_probability = 1.5;
  EXPECT_FALSE(search(start, req).ok());
  Position bad = start;
  bad.white |= bad.black;  // squares with two pieces
  EXPECT_FALSE(search(bad, at_depth(3)).ok());
  req = at_depth(3);
  req.tt_len = 1 << 20;  // no buffer
  EXPECT_FALSE(search(start, req).ok());
}

TEST(Search, DeterministicForDepthAndNodes) {
  const Position pos = fen("W:W27,28,31,32,33,34,36,37,38,39,40,42,43,44,45:B4,6,7,8,9,11,12,13,14,15,16,17,19,20,23");
  for (bool table : {false, true}) {
    std::vector<std::uint64_t> nodes;
    std::vector<Move> best;
    for (int run = 0; run < 2; ++run) {
      auto buffer = std::make_unique<std::uint8_t[]>(kTableSize.default_bytes());  // zeroed
      SearchRequest req = at_depth(9);
      req.params.eval_noise = 30;
      req.seed = 77;
      if (table) {
        req.tt = buffer.get();
        req.tt_len = kTableSize.default_bytes();
      }
      absl::StatusOr<SearchResult> r = search(pos, req);
      ASSERT_TRUE(r.ok());
      nodes.push_back(r->nodes);
      best.push_back(r->best_move);
      req.limits = {};
      req.limits.nodes = 20000;
      absl::StatusOr<SearchResult> n = search(pos, req);
      ASSERT_TRUE(n.ok());
      nodes.push_back(n->nodes);
      best.push_back(n->best_move);
    }
    EXPECT_EQ(nodes[0], nodes[2]);
    EXPECT_EQ(nodes[1], nodes[3]);
    EXPECT_EQ(best[0], best[2]);
    EXPECT_EQ(best[1], best[3]);
    EXPECT_LE(nodes[1], 20000u);
  }
}

TEST(Search, CancelFlagFromAnotherThreadStopsTheSearch) {
  std::int32_t cancel = 0;
  SearchRequest req;
  req.limits.infinite = true;
  req.cancel = &cancel;
  std::thread setter([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    std::atomic_ref<std::int32_t>(cancel).store(1, std::memory_order_relaxed);
  });
  const auto t0 = std::chrono::steady_clock::now();
  absl::StatusOr<SearchResult> r = search(Position::start(), req);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  setter.join();
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->cancelled);
  EXPECT_TRUE(r->has_move);
  EXPECT_TRUE(is_legal(Position::start(), r->best_move));
  EXPECT_LT(ms, 5000);  // loose: the 10 ms bound is measured in the benchmark
}

TEST(Search, CancelledBeforeStartStillAnswersALegalMove) {
  std::int32_t cancel = 1;
  SearchRequest req = at_depth(20);
  req.cancel = &cancel;
  absl::StatusOr<SearchResult> r = search(Position::start(), req);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->cancelled);
  EXPECT_TRUE(is_legal(Position::start(), r->best_move));
}

TEST(Search, ProgressAfterEachIteration) {
  SearchRequest req = at_depth(7);
  std::vector<int> depths;
  std::uint64_t last_nodes = 0;
  req.on_progress = [&](const Progress& p) {
    depths.push_back(p.depth);
    EXPECT_GE(p.nodes, last_nodes);
    last_nodes = p.nodes;
    ASSERT_NE(p.pv, nullptr);
    EXPECT_GE(p.pv->size, 1);
    EXPECT_TRUE(is_legal(Position::start(), p.pv->moves[0]));
  };
  absl::StatusOr<SearchResult> r = search(Position::start(), req);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(depths, (std::vector<int>{1, 2, 3, 4, 5, 6, 7}));
  EXPECT_EQ(r->depth, 7);
}

// Whatever the search plays, the last progress report shows it: searches
// stopped by node limits mid-iteration (some of which change the move), a
// forced move, a search cancelled before depth 1, the level's blunders.
TEST(Search, LastProgressShowsTheMovePlayed) {
  struct Seen {
    int reports = 0;
    Progress last;
    Move first;
  };
  auto run = [](const Position& pos, SearchRequest req, Seen* seen) {
    req.on_progress = [seen](const Progress& p) {
      ++seen->reports;
      seen->last = p;
      seen->first = p.pv->moves[0];
      seen->last.pv = nullptr;
    };
    absl::StatusOr<SearchResult> r = search(pos, req);
    EXPECT_TRUE(r.ok());
    return *r;
  };
  int changed_mid_iteration = 0;
  for (const Position& pos : testing::random_positions(11, 6, 30)) {
    MoveList legal;
    generate_moves(pos, legal);
    if (legal.size < 2) continue;
    for (std::uint64_t nodes : {300, 1100, 2900, 7300}) {
      SearchRequest req;
      req.limits.nodes = nodes;
      Seen seen;
      const SearchResult r = run(pos, req, &seen);
      ASSERT_GE(seen.reports, 1);
      ASSERT_EQ(seen.first, r.best_move) << nodes;
      EXPECT_EQ(seen.last.score, r.score);
      if (seen.last.depth > r.depth) ++changed_mid_iteration;  // the unfinished iteration's report
    }
  }
  EXPECT_GT(changed_mid_iteration, 0) << "no node limit stopped an iteration that had changed the move";

  // One legal move in a game (a move time, no depth asked): answered at
  // once, reported at depth 0.
  const Position one = fen("B:W28:B23");  // Black's only move: 23x32
  Seen seen;
  SearchRequest game_move;
  game_move.limits.movetime_ms = 1000;
  SearchResult r = run(one, game_move, &seen);
  EXPECT_EQ(seen.reports, 1);
  EXPECT_EQ(seen.first, r.best_move);
  EXPECT_EQ(seen.last.depth, 0);

  // Cancelled before depth 1 ended.
  std::int32_t cancel = 1;
  SearchRequest req = at_depth(20);
  req.cancel = &cancel;
  seen = {};
  r = run(Position::start(), req, &seen);
  EXPECT_EQ(seen.reports, 1);
  EXPECT_EQ(seen.first, r.best_move);

  // The level's deliberate mistakes.
  int blunders = 0;
  for (std::uint64_t seed = 0; seed < 40; ++seed) {
    SearchRequest easy = at_depth(3);
    easy.params = Params::for_level(Level::kEasy);
    easy.params.blunder_probability = 1.0;
    easy.seed = seed;
    seen = {};
    r = run(Position::start(), easy, &seen);
    ASSERT_EQ(seen.first, r.best_move) << seed;
    blunders += r.blunder;
  }
  EXPECT_GT(blunders, 0);
}

TEST(Search, PvIsALegalLine) {
  const Position pos = fen("W:W27,28,31,32,33,34,36,37,38,39,40,42,43,44,45:B4,6,7,8,9,11,12,13,14,15,16,17,19,20,23");
  absl::StatusOr<SearchResult> r = search(pos, at_depth(10));
  ASSERT_TRUE(r.ok());
  Position p = pos;
  for (const Move& m : r->pv.view()) {
    ASSERT_TRUE(is_legal(p, m));
    p.play(m);
  }
  EXPECT_EQ(r->pv.moves[0], r->best_move);
}

TEST(Search, MultiPvGivesDistinctLegalMovesBestFirst) {
  SearchRequest req = at_depth(6);
  req.multipv = 5;
  absl::StatusOr<SearchResult> r = search(Position::start(), req);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->multipv.size(), 5u);
  std::set<std::pair<int, int>> seen;
  for (std::size_t i = 0; i < r->multipv.size(); ++i) {
    const ScoredMove& sm = r->multipv[i];
    EXPECT_TRUE(is_legal(Position::start(), sm.move));
    EXPECT_TRUE(seen.insert({sm.move.from, sm.move.to}).second);
    if (i > 0) {
      EXPECT_LE(sm.score, r->multipv[i - 1].score);
    }
    EXPECT_EQ(sm.pv.moves[0], sm.move);
  }
  EXPECT_EQ(r->multipv[0].move, r->best_move);
  // More lines than moves: one per legal move.
  req.multipv = kMaxMultiPv;
  absl::StatusOr<SearchResult> all = search(Position::start(), req);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->multipv.size(), 9u);
}

}  // namespace
}  // namespace tempo
