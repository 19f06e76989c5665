// The compiled-in opening book (search/book.h, data/book.txt) and search()'s
// use of it under Params::book.
#include "search/book.h"

#include <gtest/gtest.h>

#include <set>

#include "rules/fen.h"
#include "rules/movegen.h"
#include "rules/zobrist.h"
#include "search/search.h"

namespace tempo {
namespace {

std::vector<book::BookMove> probe(const Position& pos) {
  book::BookMove out[book::kMaxMoves];
  const int n = book::probe(pos, out);
  return {out, out + n};
}

TEST(Book, HoldsTheInitialPositionWithLegalMovesBestFirst) {
  ASSERT_GT(book::entry_count(), 0u);
  EXPECT_GT(book::position_count(), 1u);
  EXPECT_LE(book::position_count(), book::entry_count());
  EXPECT_GE(book::build_depth(), 1);
  const Position start = Position::start();
  const std::vector<book::BookMove> moves = probe(start);
  ASSERT_FALSE(moves.empty());
  MoveList legal;
  generate_moves(start, legal);
  for (std::size_t i = 0; i < moves.size(); ++i) {
    EXPECT_NE(std::find(legal.begin(), legal.begin() + legal.size, moves[i].move), legal.begin() + legal.size);
    EXPECT_GE(moves[i].score, moves[0].score - book::build_margin());
    if (i > 0) {
      EXPECT_LE(moves[i].score, moves[i - 1].score);
    }
  }
  // Every book move leads on: the position after the best is in the book
  // too (the build goes more than one ply).
  EXPECT_FALSE(probe(start.after(moves[0].move)).empty());
}

TEST(Book, AnEndgameIsNotInIt) {
  absl::StatusOr<Position> pos = parse_fen("W:W31,32,33:B18,19,20");
  ASSERT_TRUE(pos.ok());
  EXPECT_TRUE(probe(*pos).empty());
  book::BookMove none[1];
  EXPECT_EQ(book::probe(Position::start(), std::span<book::BookMove>(none, 0)), 0);  // no room
}

TEST(Book, ChooseTakesTheBestOrASeededPickWithinTheVariety) {
  const Move a{0, 31, 26}, b{0, 32, 27}, c{0, 33, 28};
  const book::BookMove moves[] = {{a, 20}, {b, 15}, {c, 0}};
  for (std::uint64_t seed = 0; seed < 50; ++seed) EXPECT_EQ(book::choose(moves, 0, seed, 1).move, a);
  std::set<int> picked;
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    const Move m = book::choose(moves, 5, seed, 1).move;
    EXPECT_NE(m, c);                                     // 20 below the best: outside a variety of 5
    EXPECT_EQ(book::choose(moves, 5, seed, 1).move, m);  // the same seed, the same pick
    picked.insert(m.from);
  }
  EXPECT_EQ(picked.size(), 2u);
}

SearchRequest quick_request() {
  SearchRequest req;
  req.limits.nodes = 20'000;
  return req;
}

TEST(Book, SearchAnswersABookPositionAtOnceAtFullStrength) {
  const Position start = Position::start();
  SearchRequest req = quick_request();
  req.params.book_variety = 0;  // full strength: the best
  std::vector<int> depths;
  bool reported_book = false;
  req.on_progress = [&](const Progress& p) {
    depths.push_back(p.depth);
    reported_book = reported_book || p.book;
  };
  absl::StatusOr<SearchResult> r = search(start, req);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->book);
  EXPECT_EQ(r->best_move, probe(start)[0].move);
  EXPECT_EQ(r->score, probe(start)[0].score);
  EXPECT_EQ(r->depth, 0);
  EXPECT_EQ(r->nodes, 0u);
  EXPECT_EQ(r->pv.size, 1);
  ASSERT_EQ(r->multipv.size(), 1u);
  EXPECT_TRUE(reported_book);
  EXPECT_EQ(depths, std::vector<int>{0});
}

TEST(Book, ExpertPicksWithinTheMarginDeterministically) {
  const Position start = Position::start();
  const std::vector<book::BookMove> moves = probe(start);
  ASSERT_EQ(Params::for_level(Level::kExpert).book_variety, 10);
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    SearchRequest req = quick_request();
    req.params = Params::for_level(Level::kExpert);
    req.seed = seed;
    absl::StatusOr<SearchResult> a = search(start, req), b = search(start, req);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_TRUE(a->book);
    EXPECT_EQ(a->best_move, b->best_move);
    bool within = false;
    for (const book::BookMove& m : moves) within = within || (m.move == a->best_move && m.score >= moves[0].score - 10);
    EXPECT_TRUE(within);
  }
}

TEST(Book, NotUsedWhenOffAtLowerLevelsOrForAnalysis) {
  const Position start = Position::start();
  SearchRequest req = quick_request();
  req.params.book = false;
  absl::StatusOr<SearchResult> off = search(start, req);
  ASSERT_TRUE(off.ok());
  EXPECT_FALSE(off->book);
  EXPECT_GT(off->nodes, 0u);
  for (Level l : {Level::kEasy, Level::kMedium, Level::kHard}) {
    EXPECT_FALSE(Params::for_level(l).book) << level_name(l);
    SearchRequest lower = quick_request();
    lower.params = Params::for_level(l);
    absl::StatusOr<SearchResult> r = search(start, lower);
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(r->book) << level_name(l);
  }
  SearchRequest depth = quick_request();
  depth.limits.depth = 2;
  absl::StatusOr<SearchResult> analysed = search(start, depth);
  ASSERT_TRUE(analysed.ok());
  EXPECT_FALSE(analysed->book);
  SearchRequest multipv = quick_request();
  multipv.multipv = 2;
  absl::StatusOr<SearchResult> lines = search(start, multipv);
  ASSERT_TRUE(lines.ok());
  EXPECT_FALSE(lines->book);
}

}  // namespace
}  // namespace tempo
