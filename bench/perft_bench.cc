// Move-generator speed: perft with bulk counting at the last ply, one thread.
#include <benchmark/benchmark.h>

#include "rules/fen.h"
#include "rules/perft.h"

namespace tempo {
namespace {

void run(benchmark::State& state, const Position& pos, int depth) {
  std::uint64_t leaves = 0;
  for (auto _ : state) {
    leaves = perft(pos, depth);
    benchmark::DoNotOptimize(leaves);
  }
  state.counters["leaves"] = static_cast<double>(leaves);
  state.counters["leaves/s"] =
      benchmark::Counter(static_cast<double>(leaves), benchmark::Counter::kIsIterationInvariantRate);
}

void BM_PerftStart(benchmark::State& state) { run(state, Position::start(), static_cast<int>(state.range(0))); }
BENCHMARK(BM_PerftStart)->Arg(7)->Arg(9)->Unit(benchmark::kMillisecond);

void BM_PerftWoldouby(benchmark::State& state) {
  run(state, *parse_fen("W:B12,13,14,16,18,19,21,23,24,26:W25,27,28,30,32,33,34,35,37,38"), 12);
}
BENCHMARK(BM_PerftWoldouby)->Unit(benchmark::kMillisecond);

// Kings only: king moves and king captures (most leaves are captures).
void BM_PerftAllKings(benchmark::State& state) {
  run(state, *parse_fen("W:WK31-50:BK1-20"), static_cast<int>(state.range(0)));
}
BENCHMARK(BM_PerftAllKings)->Arg(6)->Arg(9)->Unit(benchmark::kMillisecond);

// Endgames of a few kings and men, the positions endgame databases hold:
// mostly quiet king moves.
void BM_PerftKingEndgame(benchmark::State& state) {
  constexpr const char* kFens[] = {"W:WK46,K50,28:BK5,K10,19", "W:WK46,K47,K48,36:BK3,K4,15"};
  constexpr int kDepths[] = {8, 5};
  const int i = static_cast<int>(state.range(0));
  state.SetLabel(kFens[i]);
  run(state, *parse_fen(kFens[i]), kDepths[i]);
}
BENCHMARK(BM_PerftKingEndgame)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace tempo

BENCHMARK_MAIN();
