// Session's threads: the cancel flag, the background search and pondering
// (also run under ThreadSanitizer: the suite's name ends in Concurrency).
#include "search/session.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <thread>
#include <vector>

#include "tests/search/search_test_util.h"
#include "tt/table.h"

namespace tempo {
namespace {

using testing::at_depth;
using testing::fen;
using testing::is_legal;

// The answer of a background search, handed over from its thread.
struct Answer {
  std::promise<absl::StatusOr<SearchResult>> promise;
  std::future<absl::StatusOr<SearchResult>> future = promise.get_future();
  Session::Done done() {
    return [this](absl::StatusOr<SearchResult> r) { promise.set_value(std::move(r)); };
  }
};

SearchRequest unlimited() {
  SearchRequest r;
  r.limits.infinite = true;
  return r;
}

// Lets a background search run past its first iterations.
void let_it_search() { std::this_thread::sleep_for(std::chrono::milliseconds(50)); }

TEST(SessionConcurrency, CancelStopsASearchFromAnotherThread) {
  Session s;
  std::thread canceller([&] {
    let_it_search();
    s.cancel();
  });
  absl::StatusOr<SearchResult> r = s.search(unlimited());
  canceller.join();
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->cancelled);
  EXPECT_TRUE(r->has_move);
  // The next search starts with the flag cleared.
  absl::StatusOr<SearchResult> next = s.search(at_depth(3));
  ASSERT_TRUE(next.ok());
  EXPECT_FALSE(next->cancelled);
}

TEST(SessionConcurrency, BackgroundSearchAnswersThroughDone) {
  Session s;
  Answer a;
  ASSERT_TRUE(s.start(at_depth(5), a.done()).ok());
  absl::StatusOr<SearchResult> r = a.future.get();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->depth, 5);
  EXPECT_FALSE(r->cancelled);
  EXPECT_FALSE(s.searching());
  // The next one may start at once.
  Answer b;
  ASSERT_TRUE(s.start(at_depth(2), b.done()).ok());
  s.stop();
  EXPECT_TRUE(b.future.get().ok());
}

TEST(SessionConcurrency, PonderStoppedAnswersWithWhatItFound) {
  Session s;
  Answer a;
  std::atomic<int> deepest{0};
  SearchRequest req = at_depth(3);
  req.on_progress = [&](const Progress& p) { deepest.store(std::max(deepest.load(), p.depth)); };
  ASSERT_TRUE(s.start_ponder(req, a.done()).ok());
  // Pondering ignores the limits until ponder-hit or stop: it goes past depth 3.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (deepest.load() <= 3 && std::chrono::steady_clock::now() < deadline) let_it_search();
  EXPECT_TRUE(s.searching());
  s.stop();
  absl::StatusOr<SearchResult> r = a.future.get();
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->cancelled);
  EXPECT_TRUE(r->has_move);
  EXPECT_GT(r->depth, 3) << "it searched past the request's depth while the opponent thought";
  EXPECT_FALSE(s.ponder_hit()) << "nothing left to hit";
}

TEST(SessionConcurrency, PonderHitSearchesOnWithTheRealLimitsAndTheWarmTable) {
  Session s;
  Answer a;
  ASSERT_TRUE(s.start_ponder(at_depth(6), a.done()).ok());
  let_it_search();
  EXPECT_TRUE(s.ponder_hit());
  EXPECT_FALSE(s.ponder_hit()) << "one hit per ponder";
  absl::StatusOr<SearchResult> r = a.future.get();
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->cancelled);
  EXPECT_EQ(r->depth, 6);
  EXPECT_EQ(r->tt_status, tt::Status::kReused);
}

TEST(SessionConcurrency, OneSearchAtATime) {
  Session s;
  Answer a;
  ASSERT_TRUE(s.start(unlimited(), a.done()).ok());
  Answer b;
  EXPECT_EQ(s.start(at_depth(2), b.done()).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.start_ponder(at_depth(2), b.done()).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.search(at_depth(2)).status().code(), absl::StatusCode::kFailedPrecondition);
  // The buffers a running search reads stay as they are.
  const std::uint8_t* before = s.table().data();
  EXPECT_EQ(s.resize_table(1).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.clear_table().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.borrow_table({}).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.attach_egdb({}).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.table().data(), before);
  // The game may change: the search has its own copy.
  ASSERT_TRUE(s.game().play_line("32-28", false).ok());
  s.stop();
  absl::StatusOr<SearchResult> r = a.future.get();
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->cancelled);
  EXPECT_TRUE(is_legal(Position::start(), r->best_move));
}

TEST(SessionConcurrency, BadRequestsAreRefusedByTheBackgroundSearchToo) {
  Session s;
  SearchRequest bad = at_depth(2);
  bad.params.max_depth = 0;
  EXPECT_EQ(s.search(bad).status().code(), absl::StatusCode::kInvalidArgument);
  Answer a;
  ASSERT_TRUE(s.start_ponder(bad, a.done()).ok());
  absl::StatusOr<SearchResult> r = a.future.get();  // no wait for a stop that would never come
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  s.stop();
}

}  // namespace
}  // namespace tempo
