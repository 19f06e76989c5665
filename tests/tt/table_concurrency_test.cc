// Threads and the table: searches on distinct buffers are independent, and
// searches sharing one buffer never see a torn entry. Named "Concurrency" so
// the ThreadSanitizer job (ctest -R Concurrency) runs it.
#include <atomic>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "tests/tt/tt_script.h"
#include "tests/tt/tt_test_util.h"
#include "tt/table.h"

namespace tempo::tt {
namespace {

using testing::mix_key;
using testing::Rng;
using testing::ScriptLog;

constexpr int kThreads = 8;

TEST(TableConcurrencyTest, OwnBuffersAreIndependent) {
  constexpr std::size_t kLen = 128 * 1024;
  auto run = [](std::uint64_t seed) {
    std::vector<std::uint8_t> buf(kLen, 0);
    Rng rng{seed};
    ScriptLog log;
    for (int c = 0; c < 4; ++c) testing::run_script_call(buf.data(), kLen, rng, 5000, &log);
    return log;
  };
  std::vector<ScriptLog> want(kThreads), got(kThreads);
  for (int i = 0; i < kThreads; ++i) want[i] = run(1000 + i);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) threads.emplace_back([&, i] { got[i] = run(1000 + i); });
  for (auto& t : threads) t.join();
  for (int i = 0; i < kThreads; ++i) EXPECT_TRUE(got[i] == want[i]) << "thread " << i;
}

// What thread `t` stores for key number `k`: every field depends on both, so
// a mix of two writers' words would show.
struct Stored {
  int depth, score;
  Bound bound;
  std::uint32_t move;
};
Stored stored_by(int t, std::uint64_t k) {
  const std::uint64_t h = mix_key(k * 31 + static_cast<std::uint64_t>(t));
  return Stored{static_cast<int>(h % 40), static_cast<int>((h >> 8) % 3000) - 1500,
                static_cast<Bound>(1 + (h >> 20) % 3), static_cast<std::uint32_t>(h >> 32) | 1u};
}

void hammer(std::uint8_t* buf, std::size_t len, int thread, int ops, std::atomic<int>* hits, std::atomic<int>* torn) {
  auto table = Table::attach(buf, len, testing::kFingerprint);
  ASSERT_TRUE(table.ok());
  Rng rng{static_cast<std::uint64_t>(thread) + 1};
  constexpr std::uint64_t kKeys = 20000;  // more keys than slots, shared by all threads
  int my_hits = 0, my_torn = 0;
  for (int i = 0; i < ops; ++i) {
    const std::uint64_t k = rng.next() % kKeys;
    const std::uint64_t key = mix_key(k);
    if (rng.next() % 2) {
      const Stored s = stored_by(thread, k);
      table->store(key, 0, s.depth, s.score, s.bound, s.move);
      continue;
    }
    ProbeResult r;
    if (!table->probe(key, 0, &r)) continue;
    ++my_hits;
    bool from_someone = false;
    for (int t = 0; t < kThreads; ++t) {
      const Stored s = stored_by(t, k);
      // The move may be kept from an earlier store of the same key (a new
      // result without a move keeps the old one; all ours have moves).
      from_someone =
          from_someone || (s.depth == r.depth && s.score == r.score && s.bound == r.bound && s.move == r.move);
    }
    if (!from_someone) ++my_torn;
  }
  *hits += my_hits;
  *torn += my_torn;
}

TEST(TableConcurrencyTest, SharedBufferNeverReturnsATornEntry) {
  // 64 KiB = 4092 slots for 20000 keys: constant overwriting of the same slots.
  std::vector<std::uint8_t> buf(kMinBytes, 0);
  ASSERT_TRUE(Table::attach(buf.data(), buf.size(), testing::kFingerprint).ok());
  std::atomic<int> hits{0}, torn{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] { hammer(buf.data(), buf.size(), t, 200000, &hits, &torn); });
  for (auto& th : threads) th.join();
  EXPECT_GT(hits.load(), 1000);
  EXPECT_EQ(torn.load(), 0);
  auto i = info(buf.data(), buf.size(), testing::kFingerprint);
  ASSERT_TRUE(i.ok());
  EXPECT_EQ(i->status, Status::kReused);
}

TEST(TableConcurrencyTest, ThreadsAttachingOneFreshBufferAtOnce) {
  // All threads see the same all-zero header and write the same new one; a
  // thread that catches it half-written resets (losing entries), never more.
  for (int round = 0; round < 20; ++round) {
    std::vector<std::uint8_t> buf(kMinBytes, 0);
    std::atomic<int> hits{0}, torn{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
      threads.emplace_back([&, t] { hammer(buf.data(), buf.size(), t, 5000, &hits, &torn); });
    for (auto& th : threads) th.join();
    EXPECT_EQ(torn.load(), 0);
    auto i = info(buf.data(), buf.size(), testing::kFingerprint);
    ASSERT_TRUE(i.ok());
    EXPECT_EQ(i->status, Status::kReused);
  }
}

}  // namespace
}  // namespace tempo::tt
