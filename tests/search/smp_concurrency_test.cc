// Several search threads in one call (Params::threads, Lazy SMP): the cancel
// flag stops them all, the node limit counts them all, progress comes from
// the calling thread only and never twice at once, two multi-threaded
// searches may share one buffer, and garbage in the buffer is survived.
// Named "Concurrency" so the ThreadSanitizer job runs them; trees are small.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <random>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "rules/fen.h"
#include "rules/movegen.h"
#include "search/search.h"
#include "tt/table.h"

namespace tempo {
namespace {

#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
constexpr int kDepth = 6;
#else
constexpr int kDepth = 8;
#endif

const char* const kMiddleGame = "W:B12,13,14,16,18,19,21,23,24,26:W25,27,28,30,32,33,34,35,37,38";
const char* const kKings = "W:WK46,K3,31,33,38,42:B8,12,17,K45,K5,19";

SearchRequest request(int threads, std::vector<std::uint8_t>& table) {
  SearchRequest r;
  r.params = Params::for_level(Level::kExpert);
  r.params.threads = threads;
  r.seed = 3;
  r.tt = table.data();
  r.tt_len = table.size();
  return r;
}

bool legal(const Position& pos, const Move& m) {
  MoveList list;
  generate_moves(pos, list);
  return list.contains(m);
}

TEST(SmpConcurrency, EveryThreadCountReachesTheDepthWithALegalMove) {
  const Position pos = *parse_fen(kMiddleGame);
  for (int threads : {2, 3, 4, 8}) {
    std::vector<std::uint8_t> table(tt::kMinBytes * 4, 0);
    SearchRequest r = request(threads, table);
    r.limits.depth = kDepth;
    const absl::StatusOr<SearchResult> res = search(pos, r);
    ASSERT_TRUE(res.ok()) << res.status();
    EXPECT_EQ(res->threads, threads);
    EXPECT_EQ(res->depth, kDepth) << threads << " threads";
    ASSERT_TRUE(res->has_move);
    EXPECT_TRUE(legal(pos, res->best_move));
    ASSERT_GE(res->pv.size, 1);
    EXPECT_EQ(res->pv.moves[0], res->best_move);
    EXPECT_EQ(res->tt_status, tt::Status::kFresh);
  }
}

TEST(SmpConcurrency, OneThreadIsExactlyTheSingleThreadedSearch) {
  const Position pos = *parse_fen(kMiddleGame);
  std::vector<std::uint64_t> nodes;
  for (int run = 0; run < 2; ++run) {
    std::vector<std::uint8_t> table(tt::kMinBytes * 4, 0);
    SearchRequest r = request(1, table);
    r.limits.depth = kDepth;
    const absl::StatusOr<SearchResult> res = search(pos, r);
    ASSERT_TRUE(res.ok());
    EXPECT_EQ(res->threads, 1);
    nodes.push_back(res->nodes);
  }
  EXPECT_EQ(nodes[0], nodes[1]);
}

TEST(SmpConcurrency, CancelStopsEveryThreadAndKeepsTheBestMoveSoFar) {
  const Position pos = Position::start();
  for (int threads : {2, 4, 8}) {
    std::vector<std::uint8_t> table(tt::kMinBytes * 4, 0);
    std::int32_t flag = 0;
    std::atomic<bool> searched{false};
    SearchRequest r = request(threads, table);
    r.limits.infinite = true;
    r.cancel = &flag;
    r.on_progress = [&](const Progress&) { searched = true; };
    absl::StatusOr<SearchResult> res;
    std::thread searcher([&] { res = search(pos, r); });
    // Cancelled once it has completed an iteration (under a sanitizer,
    // starting 8 threads alone can take longer than a fixed wait).
    while (!searched) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    std::atomic_ref<std::int32_t>(flag).store(1);
    searcher.join();  // every helper was joined inside the call
    ASSERT_TRUE(res.ok()) << res.status();
    EXPECT_TRUE(res->cancelled);
    EXPECT_EQ(res->threads, threads);
    ASSERT_TRUE(res->has_move);
    EXPECT_TRUE(legal(pos, res->best_move));
    EXPECT_GE(res->depth, 1) << threads << " threads";
  }
}

TEST(SmpConcurrency, FlagSetBeforeTheStartStillGivesALegalMove) {
  std::vector<std::uint8_t> table(tt::kMinBytes, 0);
  std::int32_t flag = 1;
  SearchRequest r = request(4, table);
  r.limits.depth = 20;
  r.cancel = &flag;
  const absl::StatusOr<SearchResult> res = search(Position::start(), r);
  ASSERT_TRUE(res.ok());
  EXPECT_TRUE(res->cancelled);
  ASSERT_TRUE(res->has_move);
  EXPECT_TRUE(legal(Position::start(), res->best_move));
}

TEST(SmpConcurrency, NodeLimitCountsTheNodesOfEveryThread) {
  const Position pos = *parse_fen(kKings);
  constexpr std::uint64_t kLimit = 40'000;
  for (int threads : {1, 2, 4, 8}) {
    std::vector<std::uint8_t> table(tt::kMinBytes * 4, 0);
    SearchRequest r = request(threads, table);
    r.limits.nodes = kLimit;
    const absl::StatusOr<SearchResult> res = search(pos, r);
    ASSERT_TRUE(res.ok());
    // Never past the limit; short of it by at most what the other threads
    // had taken in their last slices when the first ran out.
    EXPECT_LE(res->nodes, kLimit) << threads << " threads";
    EXPECT_GE(res->nodes, kLimit - 256 * static_cast<std::uint64_t>(threads)) << threads << " threads";
    ASSERT_TRUE(res->has_move);
    EXPECT_TRUE(legal(pos, res->best_move));
  }
}

TEST(SmpConcurrency, ProgressComesFromTheCallingThreadOnceALineNeverConcurrently) {
  const Position pos = *parse_fen(kMiddleGame);
  for (int threads : {2, 8}) {
    std::vector<std::uint8_t> table(tt::kMinBytes * 4, 0);
    SearchRequest r = request(threads, table);
    r.limits.depth = kDepth;
    r.multipv = 2;
    const std::thread::id caller = std::this_thread::get_id();
    std::atomic<int> inside{0};
    int overlaps = 0, foreign = 0;
    std::vector<int> depths, lines;
    r.on_progress = [&](const Progress& p) {
      if (inside.fetch_add(1) != 0) ++overlaps;
      if (std::this_thread::get_id() != caller) ++foreign;
      depths.push_back(p.depth);
      lines.push_back(p.multipv_index);
      EXPECT_TRUE(p.pv != nullptr && p.pv->size >= 1);
      std::this_thread::sleep_for(std::chrono::microseconds(200));  // a slow consumer
      inside.fetch_sub(1);
    };
    const absl::StatusOr<SearchResult> res = search(pos, r);
    ASSERT_TRUE(res.ok());
    EXPECT_EQ(overlaps, 0);
    EXPECT_EQ(foreign, 0);
    ASSERT_FALSE(depths.empty());
    ASSERT_EQ(depths.size() % 2, 0u);
    // Both lines of each reported iteration, depths rising, the last one the answer's.
    for (std::size_t i = 0; i < depths.size(); i += 2) {
      EXPECT_EQ(lines[i], 0);
      EXPECT_EQ(lines[i + 1], 1);
      EXPECT_EQ(depths[i], depths[i + 1]);
      if (i > 0) {
        EXPECT_GT(depths[i], depths[i - 2]);
      }
    }
    EXPECT_EQ(depths.back(), res->depth);
    ASSERT_EQ(res->multipv.size(), 2u);
    EXPECT_FALSE(res->multipv[0].move == res->multipv[1].move);
  }
}

TEST(SmpConcurrency, TwoMultiThreadedSearchesShareOneBuffer) {
  std::vector<std::uint8_t> shared(tt::kMinBytes * 4, 0);
  const Position positions[2] = {*parse_fen(kMiddleGame), Position::start()};
  std::atomic<int> bad{0};
  std::vector<std::thread> callers;
  for (int c = 0; c < 2; ++c) {
    callers.emplace_back([&, c] {
      for (int round = 0; round < 2; ++round) {
        SearchRequest r = request(3, shared);
        r.limits.depth = kDepth - 1;
        r.seed = static_cast<std::uint64_t>(10 * c + round);
        const absl::StatusOr<SearchResult> res = search(positions[c], r);
        if (!res.ok() || !res->has_move || !legal(positions[c], res->best_move) || res->depth != kDepth - 1) ++bad;
      }
    });
  }
  for (std::thread& t : callers) t.join();
  EXPECT_EQ(bad.load(), 0);
  SearchRequest r = request(2, shared);
  r.limits.depth = 3;
  const absl::StatusOr<SearchResult> res = search(Position::start(), r);
  ASSERT_TRUE(res.ok());
  EXPECT_EQ(res->tt_status, tt::Status::kReused);
}

TEST(SmpConcurrency, GarbageBuffersWithThreads) {
  const Position pos = *parse_fen(kMiddleGame);
  std::mt19937_64 rng(12);
  // Garbage from the first byte: reset, then searched as an empty table.
  std::vector<std::uint8_t> garbage(tt::kMinBytes * 2);
  for (std::uint8_t& b : garbage) b = static_cast<std::uint8_t>(rng());
  SearchRequest r = request(4, garbage);
  r.limits.depth = kDepth - 1;
  absl::StatusOr<SearchResult> res = search(pos, r);
  ASSERT_TRUE(res.ok());
  EXPECT_EQ(res->tt_status, tt::Status::kReset);
  ASSERT_TRUE(res->has_move);
  EXPECT_TRUE(legal(pos, res->best_move));
  // A valid header over entries overwritten with garbage: entries fail their
  // checks and are misses, never trusted.
  std::vector<std::uint8_t> table(tt::kMinBytes * 2, 0);
  r = request(4, table);
  r.limits.depth = 3;
  ASSERT_TRUE(search(pos, r).ok());
  for (std::size_t i = tt::kHeaderBytes; i < table.size(); ++i) table[i] = static_cast<std::uint8_t>(rng());
  r.limits.depth = kDepth - 1;
  res = search(pos, r);
  ASSERT_TRUE(res.ok());
  EXPECT_EQ(res->tt_status, tt::Status::kReused);
  ASSERT_TRUE(res->has_move);
  EXPECT_TRUE(legal(pos, res->best_move));
}

TEST(SmpConcurrency, WithoutASharableTableOneThreadSearches) {
  const Position pos = *parse_fen(kMiddleGame);
  // A misaligned buffer (its words are copied, not atomic) is not shared.
  std::vector<std::uint8_t> storage(tt::kMinBytes + 8, 0);
  SearchRequest r;
  r.params.threads = 4;
  r.limits.depth = 4;
  r.tt = storage.data() + 1;
  r.tt_len = tt::kMinBytes;
  absl::StatusOr<SearchResult> res = search(pos, r);
  ASSERT_TRUE(res.ok());
  EXPECT_EQ(res->threads, 1);
  // No table at all: helpers could share nothing.
  r.tt = nullptr;
  r.tt_len = 0;
  res = search(pos, r);
  ASSERT_TRUE(res.ok());
  EXPECT_EQ(res->threads, 1);
  EXPECT_TRUE(legal(pos, res->best_move));
}

TEST(SmpConcurrency, OutOfRangeThreadCountsAreRefused) {
  for (int threads : {0, -1, kMaxThreads + 1}) {
    SearchRequest r;
    r.params.threads = threads;
    r.limits.depth = 2;
    const absl::StatusOr<SearchResult> res = search(Position::start(), r);
    ASSERT_FALSE(res.ok());
    EXPECT_NE(res.status().message().find("threads"), absl::string_view::npos) << res.status();
  }
}

}  // namespace
}  // namespace tempo
