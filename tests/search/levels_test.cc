// Difficulty levels inside the search (search/levels.*): the presets play legal moves at the app's settings, a level's
// table entries stay its own, the deliberate blunder.
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

// Entries written under a level with other evaluation settings must not
// steer a later search on the same buffer: they miss, and the buffer is
// reused, not reset.
TEST(SearchLevels, TableEntriesOfOtherLevelsDoNotLeak) {
  const Position pos = fen("W:W27,28,31,32,33,34,36,37,38,39,40,42,43,44,45:B4,6,7,8,9,11,12,13,14,15,16,17,19,20,23");
  auto run = [&](std::uint8_t* buffer, Level level, std::uint64_t seed) {
    SearchRequest req = at_depth(7);
    req.params = Params::for_level(level);
    req.params.max_depth = 7;
    req.params.max_nodes = 0;  // the whole depth, whatever the level's budget
    req.params.blunder_probability = 0;
    req.params.use_table = true;
    req.seed = seed;
    req.tt = buffer;
    req.tt_len = kTableSize.default_bytes();
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
    auto fresh = std::make_unique<std::uint8_t[]>(kTableSize.default_bytes());
    auto shared = std::make_unique<std::uint8_t[]>(kTableSize.default_bytes());
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
  auto fresh = std::make_unique<std::uint8_t[]>(kTableSize.default_bytes());
  auto carried = std::make_unique<std::uint8_t[]>(kTableSize.default_bytes());
  const SearchResult alone = run(fresh.get(), Level::kMedium, 2);
  run(carried.get(), Level::kMedium, 1);
  const SearchResult after = run(carried.get(), Level::kMedium, 2);
  EXPECT_LT(after.nodes, alone.nodes);
}

TEST(SearchLevels, EveryLevelPlaysLegalMoves) {
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

TEST(SearchLevels, LevelsAreLadderSteps) {
  for (Level l : {Level::kEasy, Level::kMedium, Level::kHard, Level::kExpert}) {
    Params p;
    set_strength(p, Params::for_level(l).strength);
    const Params level = Params::for_level(l);
    EXPECT_EQ(p.max_nodes, level.max_nodes) << level_name(l);
    EXPECT_EQ(p.max_depth, level.max_depth) << level_name(l);
    EXPECT_EQ(p.blunder_probability, level.blunder_probability) << level_name(l);
  }
  EXPECT_GT(Params::for_level(Level::kEasy).max_nodes, 0);  // a node budget: the same play on any device
  EXPECT_EQ(Params::for_level(Level::kExpert).max_nodes, 0);
  EXPECT_EQ(parse_level("Medium").value(), Level::kMedium);
  EXPECT_FALSE(parse_level("grandmaster").ok());
}

TEST(SearchLevels, BlunderIsALegalDifferentMoveAndReplays) {
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

// The node budget holds like a node limit, and the level plays the same
// move again from the same seed (what makes a game replayable on any device).
TEST(SearchLevels, NodeBudgetCapsAndReplays) {
  SearchRequest req;
  set_strength(req.params, 1000);
  ASSERT_GT(req.params.max_nodes, 0);
  req.seed = 7;
  const Position pos = fen("W:W27,28,31,32,33,34,36,37,38,39,40,42,43,44,45:B4,6,7,8,9,11,12,13,14,15,16,17,19,20,23");
  absl::StatusOr<SearchResult> a = search(pos, req), b = search(pos, req);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_LE(a->nodes, static_cast<std::uint64_t>(req.params.max_nodes));
  EXPECT_EQ(a->best_move, b->best_move);
  EXPECT_EQ(a->nodes, b->nodes);
  req.limits.nodes = 50;  // the smaller of the caller's limit and the budget
  a = search(pos, req);
  ASSERT_TRUE(a.ok());
  EXPECT_LE(a->nodes, 50u);
}

// A blunder looked at blunder_depth plies (then captures) never gives a
// man away to a capture the opponent has at once: it is a move that looks
// as good as the best to that look. The static look (0, the app's old
// blunder) does give men away.
TEST(SearchLevels, ALookedAtBlunderDoesNotHangAMan) {
  const std::vector<Position> positions = testing::random_positions(5, 10, 40);
  int hung[2] = {0, 0};
  for (int look : {0, 1}) {
    for (std::size_t i = 0; i < positions.size(); ++i) {
      SearchRequest req = at_depth(4);
      req.params.blunder_probability = 1;
      req.params.blunder_margin = 30;
      req.params.blunder_depth = look;
      req.seed = i;
      absl::StatusOr<SearchResult> r = search(positions[i], req);
      ASSERT_TRUE(r.ok());
      if (!r->blunder) continue;
      // What the move loses at once: the opponent's best capture sequence
      // (a depth-1 search from the opponent's side resolves it).
      const Position child = positions[i].after(r->best_move);
      absl::StatusOr<SearchResult> after = search(child, at_depth(1));
      absl::StatusOr<SearchResult> before = search(positions[i], at_depth(1));
      ASSERT_TRUE(after.ok() && before.ok());
      if (has_capture(child) && -after->score < before->score - 90) ++hung[look];
    }
  }
  EXPECT_GT(hung[0], 0) << "the static look should give a man away somewhere";
  EXPECT_EQ(hung[1], 0);
}

// The capture horizon: at 0 a position with a capture pending is scored as
// it stands at the depth, so the search does not see a man lost in an
// exchange beyond its depth.
TEST(SearchLevels, CaptureHorizonCutsTheExchange) {
  SearchRequest deep = at_depth(1), cut = at_depth(1);
  cut.params.capture_horizon = 0;
  int differ = 0;
  for (const Position& pos : testing::random_positions(11, 10, 30)) {
    absl::StatusOr<SearchResult> a = search(pos, deep), b = search(pos, cut);
    ASSERT_TRUE(a.ok() && b.ok());
    differ += a->score != b->score;
    EXPECT_LE(b->nodes, a->nodes);
  }
  EXPECT_GT(differ, 0);
}

}  // namespace
}  // namespace tempo
