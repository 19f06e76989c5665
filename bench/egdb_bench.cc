// Endgame database: the cost of one probe, and what probing does to the
// search's speed on endgame positions.
//
//   build/tempo_bench --benchmark_filter=BM_Egdb
//   TEMPO_EGDB=DIR/tempo.egdb build/tempo_bench --benchmark_filter=BM_Egdb   # a built database
//
// Without TEMPO_EGDB the benchmarks generate the 2- and 3-piece slices and
// 3 kings against 1 first (a few seconds, not timed).
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <vector>

#include "egdb/database.h"
#include "egdb/generate.h"
#include "egdb/writer.h"
#include "rules/fen.h"
#include "rules/movegen.h"
#include "search/search.h"

namespace tempo {
namespace {

const std::vector<std::uint8_t>& database() {
  static const std::vector<std::uint8_t> db = [] {  // built once, thread-safely
    if (const char* path = std::getenv("TEMPO_EGDB")) {
      std::ifstream in(path, std::ios::binary);
      return std::vector<std::uint8_t>((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    }
    egdb::Generator gen;
    std::vector<std::pair<egdb::Material, std::vector<std::uint8_t>>> slices;
    for (const auto& group : egdb::build_plan(4, false)) {
      const egdb::Material& m = group[0];
      if (m.pieces() > 3 && !(m.men() == 0 && (m.white_kings == 3 || m.black_kings == 3))) continue;
      if (!gen.solve(group).ok()) std::abort();
      for (const auto& x : group) slices.emplace_back(x, gen.compressed(x));
    }
    return egdb::assemble(slices);
  }();
  return db;
}

// Quiet positions spread over every stored slice.
std::vector<Position> sample(const egdb::Database& db, int count) {
  std::vector<Position> out;
  std::uint64_t x = 88172645463325252ULL;
  while (static_cast<int>(out.size()) < count) {
    for (const egdb::SliceInfo& s : db.slices()) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      const auto p = egdb::position_at(s.material, x % s.positions);
      if (p && !has_capture(*p)) out.push_back(*p);
    }
  }
  out.resize(static_cast<std::size_t>(count));
  return out;
}

void BM_EgdbProbe(benchmark::State& state) {
  const std::vector<std::uint8_t>& buf = database();
  const egdb::Database db = egdb::Database::open(buf.data(), buf.size());
  if (!db.ok()) {
    state.SkipWithError("no usable database");
    return;
  }
  const std::vector<Position> positions = sample(db, 4096);
  std::size_t i = 0;
  int wins = 0;
  for (auto _ : state) {
    egdb::Value v;
    if (db.probe_quiet(positions[i++ & 4095], &v)) wins += v == egdb::Value::kWin;
    benchmark::DoNotOptimize(wins);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_EgdbProbe);

// Opening the buffer (what every search with a database does first).
void BM_EgdbOpen(benchmark::State& state) {
  const std::vector<std::uint8_t>& buf = database();
  for (auto _ : state) benchmark::DoNotOptimize(egdb::Database::open(buf.data(), buf.size()).ok());
}
BENCHMARK(BM_EgdbOpen);

// Endgames of 5 to 7 pieces whose captures lead into the database; arg 1
// searches with it, arg 0 without. nodes/s is the figure to compare.
void BM_EgdbSearch(benchmark::State& state) {
  const std::vector<std::uint8_t>& buf = database();
  const char* fens[] = {"W:WK46,K33,K38:BK3,K21", "W:WK28,K40,30:BK3,K15", "B:WK46,K33,39:BK3,K21,K9",
                        "W:WK1,K16,35,44:BK45,K12,K9", "B:WK10,K29,K38:BK5,K23"};
  std::uint64_t nodes = 0, hits = 0;
  for (auto _ : state) {
    for (const char* f : fens) {
      SearchRequest req;
      req.limits.depth = 11;
      if (state.range(0)) {
        req.egdb = buf.data();
        req.egdb_len = buf.size();
      }
      absl::StatusOr<SearchResult> r = search(*parse_fen(f), req);
      nodes += r->nodes;
      hits += r->egdb_hits;
    }
  }
  state.counters["nodes/s"] = benchmark::Counter(static_cast<double>(nodes), benchmark::Counter::kIsRate);
  state.counters["hits/node"] = nodes ? static_cast<double>(hits) / static_cast<double>(nodes) : 0.0;
}
BENCHMARK(BM_EgdbSearch)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace tempo
