// What pondering buys: the engine plays one side of real games
// (data/games/*.pdn, the first game of each file, 5 of its moves from ply 30),
// the other side's moves come from the game. Before each of the engine's
// moves it searches to a fixed depth (the level's depth) on its table; the
// benchmark reports the nodes and thread CPU time that search costs when the
// table is
//   - fresh:     cleared before every move (BM_PonderGames/D/-1),
//   - carried:   carried from the engine's previous move, no ponder (/D/0),
//   - pondered:  carried, and the position the opponent moves from was
//                searched for T seconds while "the opponent thought" (/D/T).
// The ponder is the app's: a search of the opponent's position that writes
// the same table. To make the figures independent of the machine's load, a
// T-second ponder is T * 10 M nodes (the single-thread speed in
// bench/README.md), searched with no depth or time cap, as an infinite
// search stopped at that point.
//
//   build/tempo_bench --benchmark_filter=BM_PonderGames
#include <benchmark/benchmark.h>

#include <time.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "rules/pdn.h"
#include "search/search.h"
#include "tt/table.h"

namespace tempo {
namespace {

constexpr std::uint64_t kPonderNodesPerSecond = 10'000'000;
constexpr int kFirstPly = 30;
constexpr int kEngineMoves = 5;

double thread_seconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

// The first game of each data/games file long enough for the sample.
std::vector<Game> sample_games() {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(TEMPO_SOURCE_DIR) / "data/games"))
    if (e.path().extension() == ".pdn") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<Game> games;
  for (const auto& f : files) {
    std::ifstream in(f);
    std::stringstream text;
    text << in.rdbuf();
    absl::StatusOr<std::vector<PdnGame>> parsed = parse_pdn(text.str());
    if (!parsed.ok()) continue;
    for (const PdnGame& g : *parsed) {
      if (g.game.ply() >= kFirstPly + 2 * kEngineMoves + 1) {
        games.push_back(g.game);
        break;
      }
    }
  }
  return games;
}

Game game_at(const Game& g, int ply) {
  Game out = *Game::from_position(g.start());
  for (int i = 0; i < ply; ++i) {
    if (!out.play(g.moves()[static_cast<std::size_t>(i)], /*stop_at_draw=*/false).ok()) break;
  }
  return out;
}

void BM_PonderGames(benchmark::State& state) {
  static const std::vector<Game> games = sample_games();
  if (games.empty()) {
    state.SkipWithError("no long games in data/games/*.pdn");
    return;
  }
  const int depth = static_cast<int>(state.range(0));
  const int ponder_s = static_cast<int>(state.range(1));  // -1 fresh, 0 carried, T pondered T s
  std::vector<std::uint8_t> buf(kTableSize.default_bytes(), 0);
  std::uint64_t nodes = 0, ponder_nodes = 0;
  double seconds = 0;
  int searches = 0, errors = 0;
  for (auto _ : state) {
    nodes = ponder_nodes = 0;
    seconds = 0;
    searches = errors = 0;
    for (const Game& g : games) {
      std::fill(buf.begin(), buf.end(), 0);  // a new game, a new table
      for (int k = 0; k < kEngineMoves; ++k) {
        const int ply = kFirstPly + 2 * k;
        if (ponder_s > 0 && k > 0) {
          // The opponent is to move at ply - 1: ponder its position.
          SearchRequest p;
          p.limits.nodes = static_cast<std::uint64_t>(ponder_s) * kPonderNodesPerSecond;
          p.params.time_limit_ms = 0;
          p.tt = buf.data();
          p.tt_len = buf.size();
          absl::StatusOr<SearchResult> r = search(game_at(g, ply - 1), p);
          if (r.ok()) ponder_nodes += r->nodes;
          else ++errors;
        }
        const Game root = game_at(g, ply);
        SearchRequest req;
        req.limits.depth = depth;
        req.params.time_limit_ms = 0;
        req.params.fresh_table = ponder_s < 0;
        req.tt = buf.data();
        req.tt_len = buf.size();
        const double t0 = thread_seconds();
        absl::StatusOr<SearchResult> r = search(root, req);
        seconds += thread_seconds() - t0;
        if (!r.ok()) {
          ++errors;
          continue;
        }
        nodes += r->nodes;
        ++searches;
      }
    }
  }
  if (errors > 0) state.SkipWithError("a search failed");
  state.counters["searches"] = searches;
  state.counters["nodes"] = static_cast<double>(nodes);
  state.counters["nodes_per_move"] = searches ? static_cast<double>(nodes) / searches : 0;
  state.counters["cpu_s"] = seconds;
  state.counters["ms_per_move"] = searches ? 1000 * seconds / searches : 0;
  state.counters["ponder_nodes"] = static_cast<double>(ponder_nodes);
}
// Depth 14 is what Expert reaches in a few tenths of a second; 8 is Hard's
// depth, where a one-second ponder already leaves little to search.
BENCHMARK(BM_PonderGames)
    ->Args({14, -1})
    ->Args({14, 0})
    ->Args({14, 1})
    ->Args({14, 3})
    ->Args({14, 10})
    ->Args({8, -1})
    ->Args({8, 0})
    ->Args({8, 1})
    ->Iterations(1)
    ->Unit(benchmark::kSecond);

}  // namespace
}  // namespace tempo
