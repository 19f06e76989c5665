// Rules-core and evaluation speed on fixed positions: move generation
// (opening, middlegame, capture-rich, king endgame), making moves, Zobrist
// hashing (full and incremental) and the static evaluation per game phase
// (search_bench.cc has evaluations/s over many positions). Table probe/store
// is in tt_bench.cc, search speed in search_bench.cc, perft in perft_bench.cc.
#include <benchmark/benchmark.h>

#include <string>

#include "rules/fen.h"
#include "rules/movegen.h"
#include "rules/zobrist.h"
#include "search/search.h"

namespace tempo {
namespace {

struct Named {
  const char* name;
  const char* fen;
};

// Opening: after 1. 32-28 18-23 2. 38-32 12-18. Middlegame: the Woldouby
// position. Captures: several multi-piece captures to choose from. Kings: a
// king endgame where flying kings give long move lists.
constexpr Named kPositions[] = {
    {"opening", "W:W28,31-37,39-50:B1-11,13-20,23"},
    {"middlegame", "W:B12,13,14,16,18,19,21,23,24,26:W25,27,28,30,32,33,34,35,37,38"},
    {"captures", "W:W27,28,32,33,37,38,42,43:B7,8,12,13,17,18,22,23,19"},
    {"kings", "W:WK46,K47,K48,36:BK3,K4,15"},
};

const Position* position(benchmark::State& state) {
  static const auto* all = [] {
    auto* v = new std::vector<Position>;
    for (const Named& n : kPositions) v->push_back(parse_fen(n.fen).value_or(Position{}));
    return v;
  }();
  const Named& n = kPositions[state.range(0)];
  state.SetLabel(n.name);
  const Position& p = (*all)[state.range(0)];
  if (!parse_fen(n.fen).ok()) {
    state.SkipWithError((std::string("bad FEN ") + n.fen).c_str());
    return nullptr;
  }
  return &p;
}

void every_position(benchmark::internal::Benchmark* b) {
  for (int i = 0; i < static_cast<int>(std::size(kPositions)); ++i) b->Arg(i);
}

void BM_GenerateMoves(benchmark::State& state) {
  const Position* p = position(state);
  if (!p) return;
  MoveList list;
  for (auto _ : state) {
    benchmark::DoNotOptimize(generate_moves(*p, list));
    benchmark::ClobberMemory();
  }
  state.counters["moves"] = list.size;
  state.counters["gen/s"] = benchmark::Counter(1, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_GenerateMoves)->Apply(every_position);

void BM_CountMoves(benchmark::State& state) {
  const Position* p = position(state);
  if (!p) return;
  for (auto _ : state) benchmark::DoNotOptimize(count_moves(*p));
}
BENCHMARK(BM_CountMoves)->Apply(every_position);

// Every legal move made once per iteration (the search copies positions, so
// "make" is Position::after; there is no undo).
void BM_MakeMove(benchmark::State& state) {
  const Position* p = position(state);
  if (!p) return;
  MoveList list;
  generate_moves(*p, list);
  for (auto _ : state) {
    for (const Move& m : list) benchmark::DoNotOptimize(p->after(m));
  }
  state.counters["moves/s"] = benchmark::Counter(list.size, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_MakeMove)->Apply(every_position);

void BM_HashFull(benchmark::State& state) {
  const Position* p = position(state);
  if (!p) return;
  for (auto _ : state) benchmark::DoNotOptimize(zobrist::key(*p));
}
BENCHMARK(BM_HashFull)->Apply(every_position);

void BM_HashIncremental(benchmark::State& state) {
  const Position* p = position(state);
  if (!p) return;
  MoveList list;
  generate_moves(*p, list);
  const std::uint64_t k = zobrist::key(*p);
  for (auto _ : state) {
    for (const Move& m : list) benchmark::DoNotOptimize(zobrist::key_after(k, *p, m));
  }
  state.counters["keys/s"] = benchmark::Counter(list.size, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_HashIncremental)->Apply(every_position);

void BM_EvaluatePhase(benchmark::State& state) {
  const Position* p = position(state);
  if (!p) return;
  for (auto _ : state) benchmark::DoNotOptimize(evaluate(*p));
}
BENCHMARK(BM_EvaluatePhase)->Apply(every_position);

}  // namespace
}  // namespace tempo
