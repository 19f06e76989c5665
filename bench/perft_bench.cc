// Move-generator speed: perft with bulk counting at the last ply, one thread.
#include <benchmark/benchmark.h>

#include "engine/fen.h"
#include "engine/perft.h"

namespace tempo {
namespace {

void run(benchmark::State& state, const Position& pos, int depth) {
  std::uint64_t leaves = 0;
  for (auto _ : state) {
    leaves = perft(pos, depth);
    benchmark::DoNotOptimize(leaves);
  }
  state.counters["leaves"] = static_cast<double>(leaves);
  state.counters["leaves/s"] = benchmark::Counter(static_cast<double>(leaves), benchmark::Counter::kIsIterationInvariantRate);
}

void BM_PerftStart(benchmark::State& state) { run(state, Position::start(), static_cast<int>(state.range(0))); }
BENCHMARK(BM_PerftStart)->Arg(7)->Arg(9)->Unit(benchmark::kMillisecond);

void BM_PerftWoldouby(benchmark::State& state) {
  run(state, *parse_fen("W:B12,13,14,16,18,19,21,23,24,26:W25,27,28,30,32,33,34,35,37,38"), 12);
}
BENCHMARK(BM_PerftWoldouby)->Unit(benchmark::kMillisecond);

void BM_PerftAllKings(benchmark::State& state) {
  run(state, *parse_fen("W:WK31-50:BK1-20"), static_cast<int>(state.range(0)));
}
BENCHMARK(BM_PerftAllKings)->Arg(6)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace tempo

BENCHMARK_MAIN();
