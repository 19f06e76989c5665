// Search and evaluation speed: nodes per second over data/bench.fen, time to
// a fixed depth from the start position, how fast a cancel is obeyed, and
// evaluations per second; with several search threads, what starting and
// joining them costs a call. The table is a fresh zeroed buffer.
#include <benchmark/benchmark.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "rules/fen.h"
#include "rules/movegen.h"
#include "search/search.h"

namespace tempo {
namespace {

std::vector<Position> bench_positions() {
  std::vector<Position> out;
  std::ifstream in(std::string(TEMPO_SOURCE_DIR) + "/data/bench.fen");
  std::string line;
  while (std::getline(in, line)) {
    if (const auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
    if (line.empty()) continue;
    if (absl::StatusOr<Position> p = parse_fen(line); p.ok()) out.push_back(*p);
  }
  return out;
}

struct Buffer {
  std::unique_ptr<std::uint8_t[]> bytes;
  std::size_t len;
  explicit Buffer(std::size_t n) : bytes(new std::uint8_t[n]), len(n) {}
  void clear() { std::memset(bytes.get(), 0, len); }
};

SearchResult run(const Position& pos, int depth, Buffer* table) {
  SearchRequest req;
  req.limits.depth = depth;
  req.params.time_limit_ms = 0;  // fixed work
  if (table) {
    table->clear();
    req.tt = table->bytes.get();
    req.tt_len = table->len;
  }
  absl::StatusOr<SearchResult> r = search(pos, req);
  return r.ok() ? *r : SearchResult{};
}

// Nodes per second over the bench positions at a fixed depth.
void BM_SearchBenchPositions(benchmark::State& state) {
  const std::vector<Position> positions = bench_positions();
  Buffer table(kTableSize.default_bytes());
  const int depth = static_cast<int>(state.range(0));
  std::uint64_t nodes = 0;
  for (auto _ : state) {
    for (const Position& p : positions) nodes += run(p, depth, &table).nodes;
  }
  state.counters["positions"] = static_cast<double>(positions.size());
  state.counters["nodes/s"] = benchmark::Counter(static_cast<double>(nodes), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SearchBenchPositions)->Arg(10)->Unit(benchmark::kMillisecond)->UseRealTime();

// Time to a fixed depth from the start position (target: depth 16 < 1 s).
void BM_SearchStartDepth(benchmark::State& state) {
  Buffer table(kTableSize.default_bytes());
  const int depth = static_cast<int>(state.range(0));
  std::uint64_t nodes = 0;
  for (auto _ : state) nodes += run(Position::start(), depth, &table).nodes;
  state.counters["nodes/s"] = benchmark::Counter(static_cast<double>(nodes), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SearchStartDepth)->Arg(12)->Arg(16)->Unit(benchmark::kMillisecond)->UseRealTime();

// From setting the cancel flag to search() returning, every search thread
// joined (target: under 10 ms); the argument is the thread count.
void BM_SearchCancelLatency(benchmark::State& state) {
  Buffer table(kTableSize.default_bytes());
  double worst_ms = 0;
  for (auto _ : state) {
    std::int32_t cancel = 0;
    SearchRequest req;
    req.params.threads = static_cast<int>(state.range(0));
    req.limits.infinite = true;
    req.cancel = &cancel;
    req.tt = table.bytes.get();
    req.tt_len = table.len;
    std::atomic<std::int64_t> set_at{0};
    std::thread setter([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      set_at = std::chrono::steady_clock::now().time_since_epoch().count();
      std::atomic_ref<std::int32_t>(cancel).store(1, std::memory_order_relaxed);
    });
    absl::StatusOr<SearchResult> r = search(Position::start(), req);
    const std::int64_t done = std::chrono::steady_clock::now().time_since_epoch().count();
    setter.join();
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::duration(done - set_at)).count();
    state.SetIterationTime(ms / 1000.0);
    worst_ms = std::max(worst_ms, ms);
    benchmark::DoNotOptimize(r);
  }
  state.counters["worst_ms"] = worst_ms;
}
BENCHMARK(BM_SearchCancelLatency)
    ->Arg(1)
    ->Arg(2)
    ->Arg(4)
    ->Arg(8)
    ->Iterations(10)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

// A whole call that searches next to nothing (depth 1 from the start), with
// 1, 2, 4, 8 threads: the difference to /1 is what starting, preparing and
// joining the helper threads costs each call (they live for one call only).
void BM_SearchThreadStart(benchmark::State& state) {
  Buffer table(kTableSize.default_bytes());
  table.clear();
  SearchRequest req;
  req.params.threads = static_cast<int>(state.range(0));
  req.limits.depth = 1;
  req.tt = table.bytes.get();
  req.tt_len = table.len;
  for (auto _ : state) {
    absl::StatusOr<SearchResult> r = search(Position::start(), req);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_SearchThreadStart)->Arg(1)->Arg(2)->Arg(4)->Arg(8)->Unit(benchmark::kMicrosecond)->UseRealTime();

// Static evaluations per second over positions from the bench set's subtrees.
void BM_Evaluate(benchmark::State& state) {
  std::vector<Position> positions = bench_positions();
  const std::size_t base = positions.size();
  for (std::size_t i = 0; i < base; ++i) {
    MoveList list;
    generate_moves(positions[i], list);
    for (const Move& m : list) positions.push_back(positions[i].after(m));
  }
  int sum = 0;
  for (auto _ : state) {
    for (const Position& p : positions) sum += evaluate(p);
    benchmark::DoNotOptimize(sum);
  }
  state.counters["evals/s"] =
      benchmark::Counter(static_cast<double>(state.iterations() * positions.size()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Evaluate);

}  // namespace
}  // namespace tempo
