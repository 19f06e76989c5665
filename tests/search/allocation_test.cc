// The search allocates nothing on the heap once it has started: this test
// binary's global operator new counts the allocations of the calling thread,
// and the count of a search must not grow with its depth or node count (a
// constant few for the result's vectors are allowed). The library's C++ code
// allocates only through operator new (no malloc in rules/, search/, tt/;
// checked by grep in scripts/test.sh's docs, see docs/hardening.md).
#include <cstdint>
#include <cstdlib>
#include <new>
#include <vector>

#include <gtest/gtest.h>

#include "rules/fen.h"
#include "search/search.h"
#include "tt/table.h"

namespace {
thread_local std::uint64_t t_allocations = 0;

void* counted(std::size_t n) {
  ++t_allocations;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void* counted_aligned(std::size_t n, std::align_val_t a) {
  ++t_allocations;
  const std::size_t al = static_cast<std::size_t>(a);
  if (void* p = std::aligned_alloc(al, (n + al - 1) / al * al)) return p;
  throw std::bad_alloc();
}
}  // namespace

void* operator new(std::size_t n) { return counted(n); }
void* operator new[](std::size_t n) { return counted(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  ++t_allocations;
  return std::malloc(n ? n : 1);
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
  ++t_allocations;
  return std::malloc(n ? n : 1);
}
void* operator new(std::size_t n, std::align_val_t a) { return counted_aligned(n, a); }
void* operator new[](std::size_t n, std::align_val_t a) { return counted_aligned(n, a); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }

namespace tempo {
namespace {

struct Counted {
  std::uint64_t allocations = 0;
  std::uint64_t nodes = 0;
};

Counted count_search(const Position& pos, int depth, std::uint64_t nodes, int multipv, std::vector<std::uint8_t>& table,
                     Level level = Level::kExpert) {
  SearchRequest r;
  r.limits.depth = depth;
  r.limits.nodes = nodes;
  r.params = Params::for_level(level);
  r.params.time_limit_ms = 0;
  r.multipv = multipv;
  r.tt = table.data();
  r.tt_len = table.size();
  int calls = 0;
  r.on_progress = [&calls](const Progress&) { ++calls; };
  const Game game = *Game::from_position(pos);  // the caller's, not the search's allocations
  const std::uint64_t before = t_allocations;
  const absl::StatusOr<SearchResult> res = search(game, r);
  const std::uint64_t after = t_allocations;
  EXPECT_TRUE(res.ok()) << res.status();
  return {after - before, res.ok() ? res->nodes : 0};
}

TEST(SearchAllocation, CountDoesNotGrowWithDepth) {
  for (const char* fen : {"W:W31-50:B1-20", "W:WK46,K3,31,33,38,42:B8,12,17,K45,K5,19"}) {
    const Position pos = *parse_fen(fen);
    for (int multipv : {1, 3}) {
      std::vector<std::uint8_t> table(tt::kMinBytes * 4, 0);
      const Counted shallow = count_search(pos, 2, 0, multipv, table);
      const Counted deep = count_search(pos, 9, 0, multipv, table);
      EXPECT_GT(deep.nodes, 20 * shallow.nodes) << fen;
      EXPECT_EQ(deep.allocations, shallow.allocations)
          << fen << " multipv " << multipv << ": " << shallow.allocations << " allocations at depth 2 ("
          << shallow.nodes << " nodes), " << deep.allocations << " at depth 9 (" << deep.nodes << " nodes)";
      EXPECT_LE(deep.allocations, 8u) << "allocations per search should be a small constant";
    }
  }
}

TEST(SearchAllocation, CountDoesNotGrowWithNodesAtEveryLevel) {
  const Position pos =
      *parse_fen("B:W27,28,31,32,33,34,35,36,37,38,39,40,42,43,44:B6,7,8,9,11,12,13,14,16,17,18,19,21,23,24");
  for (Level level : {Level::kEasy, Level::kMedium, Level::kHard, Level::kExpert}) {
    std::vector<std::uint8_t> table(tt::kMinBytes, 0);
    const Counted few = count_search(pos, 0, 2000, 1, table, level);
    const Counted many = count_search(pos, 0, 200000, 1, table, level);
    EXPECT_EQ(many.allocations, few.allocations)
        << level_name(level) << ": " << few.nodes << " vs " << many.nodes << " nodes";
  }
}

}  // namespace
}  // namespace tempo
