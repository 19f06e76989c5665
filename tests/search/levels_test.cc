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

TEST(SearchLevels, LevelsMatchTheApp) {
  const Params easy = Params::for_level(Level::kEasy), hard = Params::for_level(Level::kHard);
  EXPECT_EQ(easy.max_depth, 3);
  EXPECT_EQ(easy.eval_noise, 150);
  EXPECT_FALSE(easy.use_table);
  EXPECT_EQ(hard.max_depth, 8);
  EXPECT_EQ(hard.blunder_margin, 20);
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

}  // namespace
}  // namespace tempo
