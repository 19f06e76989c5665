#include "search/search.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <set>
#include <thread>
#include <vector>

#include "engine/movegen.h"
#include "engine/notation.h"
#include "engine/zobrist.h"
#include "tests/search/search_test_util.h"

namespace tempo {
namespace {

using testing::fen;
using testing::is_legal;

SearchRequest at_depth(int depth) {
  SearchRequest r;
  r.limits.depth = depth;
  return r;
}

// The game from `start` after `moves` (played on past any draw rule, as a GUI may).
Game game_of(const Position& start, const std::vector<Move>& moves) {
  Game g = *Game::from_position(start);
  for (const Move& m : moves) EXPECT_TRUE(g.play(m, /*stop_at_draw=*/false).ok());
  return g;
}

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

// Repetition: the game went S0 -> S1 -> S2 -> S3 -> S0. White, a king down,
// can play back to S1, a position of the game: the search takes that draw.
TEST(Search, RepetitionWithGameHistoryIsADraw) {
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

TEST(Search, TwentyFiveMoveRule) { expect_counting_rule_draw("W:WK46,K47,K48:BK3,K4", 49); }
TEST(Search, SixteenMoveRule) { expect_counting_rule_draw("W:WK46,K47,K48:BK4", 31); }
TEST(Search, FiveMoveRule) { expect_counting_rule_draw("W:WK46,K47:BK4", 9); }

// A game already drawn by a rule is over; the search still answers with a
// legal move (a GUI may play on), scored as the rule makes it: every position
// that keeps the count going is a draw. Game status is the caller's to check.
TEST(Search, GameAlreadyDrawnStillGetsALegalMove) {
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

// Entries written under a level with other evaluation settings must not
// steer a later search on the same buffer: they miss, and the buffer is
// reused, not reset.
TEST(Search, TableEntriesOfOtherLevelsDoNotLeak) {
  const Position pos = fen("W:W27,28,31,32,33,34,36,37,38,39,40,42,43,44,45:B4,6,7,8,9,11,12,13,14,15,16,17,19,20,23");
  auto run = [&](std::uint8_t* buffer, Level level, std::uint64_t seed) {
    SearchRequest req = at_depth(7);
    req.params = Params::for_level(level);
    req.params.max_depth = 7;
    req.params.blunder_probability = 0;
    req.params.use_table = true;
    req.seed = seed;
    req.tt = buffer;
    req.tt_len = tt::kDefaultBytes;
    absl::StatusOr<SearchResult> r = search(pos, req);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? *r : SearchResult{};
  };
  struct Case {
    Level first;
    std::uint64_t first_seed;
    Level then;
    std::uint64_t then_seed;
  };
  for (const Case& c : {Case{Level::kEasy, 1, Level::kExpert, 1}, Case{Level::kMedium, 1, Level::kHard, 2},
                        Case{Level::kExpert, 1, Level::kHard, 1}}) {
    auto fresh = std::make_unique<std::uint8_t[]>(tt::kDefaultBytes);
    auto shared = std::make_unique<std::uint8_t[]>(tt::kDefaultBytes);
    const SearchResult alone = run(fresh.get(), c.then, c.then_seed);
    run(shared.get(), c.first, c.first_seed);
    const SearchResult after = run(shared.get(), c.then, c.then_seed);
    EXPECT_EQ(after.tt_status, tt::Status::kReused);
    EXPECT_EQ(after.nodes, alone.nodes) << level_name(c.first) << " then " << level_name(c.then);
    EXPECT_EQ(after.best_move, alone.best_move);
    EXPECT_EQ(after.score, alone.score);
  }
  // The same level under another seed (the next move of a game) does find
  // its entries: that is the carry-over the app relies on.
  auto fresh = std::make_unique<std::uint8_t[]>(tt::kDefaultBytes);
  auto carried = std::make_unique<std::uint8_t[]>(tt::kDefaultBytes);
  const SearchResult alone = run(fresh.get(), Level::kMedium, 2);
  run(carried.get(), Level::kMedium, 1);
  const SearchResult after = run(carried.get(), Level::kMedium, 2);
  EXPECT_LT(after.nodes, alone.nodes);
}

// Params::classic (the app's old search, for comparison matches): a depth-1
// score is exactly the best static evaluation after one move, captures left
// hanging and all, and game-history draws are not seen.
TEST(Search, ClassicSearchIsPlainFixedDepthAlphaBeta) {
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

TEST(Search, DeterministicForDepthAndNodes) {
  const Position pos = fen("W:W27,28,31,32,33,34,36,37,38,39,40,42,43,44,45:B4,6,7,8,9,11,12,13,14,15,16,17,19,20,23");
  for (bool table : {false, true}) {
    std::vector<std::uint64_t> nodes;
    std::vector<Move> best;
    for (int run = 0; run < 2; ++run) {
      auto buffer = std::make_unique<std::uint8_t[]>(tt::kDefaultBytes);  // zeroed
      SearchRequest req = at_depth(9);
      req.params.eval_noise = 30;
      req.seed = 77;
      if (table) {
        req.tt = buffer.get();
        req.tt_len = tt::kDefaultBytes;
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

TEST(Search, EveryLevelPlaysLegalMoves) {
  const std::vector<Position> positions = testing::random_positions(99, 6, 70);
  for (Level level : {Level::kEasy, Level::kMedium, Level::kHard, Level::kExpert}) {
    for (std::size_t i = 0; i < positions.size(); i += 7) {
      SearchRequest req;
      req.params = Params::for_level(level);
      req.limits.nodes = 3000;
      req.seed = i;
      absl::StatusOr<SearchResult> r = search(positions[i], req);
      ASSERT_TRUE(r.ok()) << r.status();
      MoveList list;
      generate_moves(positions[i], list);
      EXPECT_EQ(r->has_move, !list.empty());
      if (r->has_move) {
        EXPECT_TRUE(list.contains(r->best_move)) << level_name(level) << " position " << i;
      }
    }
  }
}

TEST(Search, LevelsMatchTheApp) {
  const Params easy = Params::for_level(Level::kEasy), hard = Params::for_level(Level::kHard);
  EXPECT_EQ(easy.max_depth, 3);
  EXPECT_EQ(easy.eval_noise, 150);
  EXPECT_FALSE(easy.use_table);
  EXPECT_EQ(hard.max_depth, 8);
  EXPECT_EQ(hard.blunder_margin, 20);
  EXPECT_EQ(parse_level("Medium").value(), Level::kMedium);
  EXPECT_FALSE(parse_level("grandmaster").ok());
}

TEST(Search, BlunderIsALegalDifferentMoveAndReplays) {
  SearchRequest req = at_depth(4);
  req.params.blunder_probability = 1.0;
  req.params.blunder_margin = 1000;
  int blunders = 0;
  for (std::uint64_t seed = 0; seed < 10; ++seed) {
    req.seed = seed;
    absl::StatusOr<SearchResult> a = search(Position::start(), req), b = search(Position::start(), req);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_TRUE(a->blunder);
    EXPECT_EQ(a->best_move, b->best_move);
    EXPECT_NE(a->best_move, a->multipv[0].move);
    EXPECT_TRUE(is_legal(Position::start(), a->best_move));
    blunders += a->blunder;
  }
  EXPECT_EQ(blunders, 10);
}

}  // namespace
}  // namespace tempo
