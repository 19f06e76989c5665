// The rules core is reentrant: many threads generating moves, counting perft
// and reading/writing notation at once get the same answers as one thread.
// Run under ThreadSanitizer by CI (`ctest -R Concurrency` in build-tsan).
#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "rules/fen.h"
#include "rules/movegen.h"
#include "rules/notation.h"
#include "rules/perft.h"

namespace tempo {
namespace {

constexpr int kThreads = 8;

TEST(RulesConcurrency, ManyThreadsCountTheSamePerft) {
  const char* fens[] = {"W:W31-50:B1-20", "W:B12,13,14,16,18,19,21,23,24,26:W25,27,28,30,32,33,34,35,37,38",
                        "B:WK26,K48,32,37,41:BK4,K15,13,18,22"};
  std::uint64_t expected[3];
  for (int i = 0; i < 3; ++i) expected[i] = perft(*parse_fen(fens[i]), 5);
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 3; ++round) {
        const int i = (t + round) % 3;
        absl::StatusOr<Position> pos = parse_fen(fens[i]);
        if (!pos.ok() || perft(*pos, 5) != expected[i]) ++wrong;
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST(RulesConcurrency, ManyThreadsReadAndWriteMoveText) {
  const Position pos = *parse_fen("W:WK46,K3,31,33,38,42:B8,12,17,K45,K5,19");
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int round = 0; round < 20; ++round) {
        MoveList legal;
        generate_moves(pos, legal);
        for (const Move& m : legal) {
          absl::StatusOr<Move> a = parse_pdn_move(pos, to_pdn(pos, m));
          absl::StatusOr<Move> b = parse_hub_move(pos, to_hub_move(m));
          if (!a.ok() || !b.ok() || !(*a == m) || !(*b == m)) ++wrong;
        }
        if (to_fen(*parse_fen(to_fen(pos))) != to_fen(pos)) ++wrong;
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
}  // namespace tempo
