// Searches running at once: many threads on their own buffers get exactly
// the answers one thread gets; many threads sharing one buffer stay legal and
// race-free; a search stops when another thread sets its cancel flag. CI runs
// these under ThreadSanitizer (`ctest -R Concurrency` in build-tsan).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "rules/fen.h"
#include "rules/movegen.h"
#include "search/search.h"
#include "tt/table.h"

namespace tempo {
namespace {

constexpr int kThreads = 8;
// Sanitizers slow the search 5-20 times: keep the trees small there.
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
constexpr int kDepth = 5;
#else
constexpr int kDepth = 7;
#endif

const char* const kFens[] = {
    "W:W31-50:B1-20",
    "W:B12,13,14,16,18,19,21,23,24,26:W25,27,28,30,32,33,34,35,37,38",
    "B:W27,28,31,32,33,34,35,36,37,38,39,40,42,43,44:B6,7,8,9,11,12,13,14,16,17,18,19,21,23,24",
    "W:WK46,K3,31,33,38,42:B8,12,17,K45,K5,19",
};

SearchRequest request(int depth) {
  SearchRequest r;
  r.limits.depth = depth;
  r.params = Params::for_level(Level::kExpert);
  r.params.time_limit_ms = 0;
  r.seed = 7;
  return r;
}

bool legal(const Position& pos, const Move& m) {
  MoveList list;
  generate_moves(pos, list);
  return list.contains(m);
}

struct Answer {
  Move move;
  int score = 0;
  std::uint64_t nodes = 0;
  bool operator==(const Answer&) const = default;
};

Answer solo(const Position& pos) {
  std::vector<std::uint8_t> table(tt::kMinBytes * 4, 0);
  SearchRequest r = request(kDepth);
  r.tt = table.data();
  r.tt_len = table.size();
  const absl::StatusOr<SearchResult> res = search(pos, r);
  EXPECT_TRUE(res.ok()) << res.status();
  return res.ok() ? Answer{res->best_move, res->score, res->nodes} : Answer{};
}

TEST(SearchConcurrency, ManyThreadsOnOwnBuffersAnswerAsOneThreadDoes) {
  std::vector<Position> positions;
  std::vector<Answer> expected;
  for (const char* fen : kFens) {
    positions.push_back(*parse_fen(fen));
    expected.push_back(solo(positions.back()));
  }
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::vector<std::uint8_t> table(tt::kMinBytes * 4, 0);
      const int i = t % static_cast<int>(positions.size());
      SearchRequest r = request(kDepth);
      r.tt = table.data();
      r.tt_len = table.size();
      const absl::StatusOr<SearchResult> res = search(positions[i], r);
      if (!res.ok() || !(Answer{res->best_move, res->score, res->nodes} == expected[i])) ++mismatches;
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(mismatches.load(), 0) << "a search's answer depended on other threads";
}

TEST(SearchConcurrency, ManyThreadsShareOneBuffer) {
  std::vector<std::uint8_t> table(tt::kMinBytes * 2, 0);
  std::atomic<int> bad{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const Position pos = *parse_fen(kFens[t % 4]);
      for (int round = 0; round < 2; ++round) {
        SearchRequest r = request(kDepth - 1);
        r.seed = t * 31 + round;
        r.tt = table.data();
        r.tt_len = table.size();
        const absl::StatusOr<SearchResult> res = search(pos, r);
        if (!res.ok() || !res->has_move || !legal(pos, res->best_move)) ++bad;
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(bad.load(), 0);
  // The buffer is still a good table afterwards.
  SearchRequest r = request(3);
  r.tt = table.data();
  r.tt_len = table.size();
  const absl::StatusOr<SearchResult> res = search(Position::start(), r);
  ASSERT_TRUE(res.ok()) << res.status();
  EXPECT_EQ(res->tt_status, tt::Status::kReused);
}

// Starts an unbounded search, cancels it from this thread after `wait`.
SearchResult cancelled_search(const Position& pos, std::chrono::milliseconds wait, std::uint8_t* table,
                              std::size_t len) {
  std::int32_t flag = 0;
  SearchRequest r = request(0);
  r.limits.infinite = true;
  r.cancel = &flag;
  r.tt = table;
  r.tt_len = len;
  absl::StatusOr<SearchResult> res;
  std::thread searcher([&] { res = search(pos, r); });
  std::this_thread::sleep_for(wait);
  std::atomic_ref<std::int32_t>(flag).store(1);
  searcher.join();
  EXPECT_TRUE(res.ok()) << res.status();
  return res.ok() ? *res : SearchResult{};
}

TEST(SearchConcurrency, CancelFromAnotherThreadStopsAnInfiniteSearch) {
  std::vector<std::uint8_t> table(tt::kMinBytes * 4, 0);
  const Position pos = Position::start();
  const auto t0 = std::chrono::steady_clock::now();
  const SearchResult res = cancelled_search(pos, std::chrono::milliseconds(100), table.data(), table.size());
  // Generous: only a search that ignores its flag takes this long.
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(20));
  EXPECT_TRUE(res.cancelled);
  ASSERT_TRUE(res.has_move);
  EXPECT_TRUE(legal(pos, res.best_move));
}

TEST(SearchConcurrency, ManySearchesCancelledByOtherThreadsOnOwnAndSharedBuffers) {
  std::vector<std::uint8_t> shared(tt::kMinBytes * 2, 0);
  std::atomic<int> bad{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::vector<std::uint8_t> own(tt::kMinBytes, 0);
      const Position pos = *parse_fen(kFens[t % 4]);
      const bool use_shared = t % 2 == 0;
      const SearchResult res =
          cancelled_search(pos, std::chrono::milliseconds(20 + 10 * t), use_shared ? shared.data() : own.data(),
                           use_shared ? shared.size() : own.size());
      if (!res.cancelled || !res.has_move || !legal(pos, res.best_move)) ++bad;
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(bad.load(), 0);
}

TEST(SearchConcurrency, FlagAlreadySetStillGivesALegalMove) {
  std::int32_t flag = 1;
  SearchRequest r = request(10);
  r.cancel = &flag;
  const absl::StatusOr<SearchResult> res = search(Position::start(), r);
  ASSERT_TRUE(res.ok()) << res.status();
  ASSERT_TRUE(res->has_move);
  EXPECT_TRUE(legal(Position::start(), res->best_move));
}

}  // namespace
}  // namespace tempo
