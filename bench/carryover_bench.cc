// Does carrying the table from move to move pay? Walks the positions of the
// real games in data/games/*.pdn, searching each to the same fixed depth twice:
// with the buffer carried over from the previous position (as the app does
// between moves) and with a fresh zero buffer. Reports total nodes and time of
// both and the ratio carried/fresh (target: <= 0.70).
//
//   build/tempo_bench --benchmark_filter=BM_Carryover
//
// `every` = 1 searches every position (both sides, as in analysis); 2 searches
// every other one (one side, as when the engine plays against a person).

#include <benchmark/benchmark.h>

#include <time.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "rules/pdn.h"
#include "search/search.h"
#include "tt/table.h"

namespace tempo {
namespace {

// CPU time of this thread: the machines are shared, wall time is noisy.
double thread_seconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

std::vector<Game> load_games() {
  std::vector<Game> games;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(TEMPO_SOURCE_DIR) / "data/games"))
    if (e.path().extension() == ".pdn") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::ifstream in(f);
    std::stringstream text;
    text << in.rdbuf();
    auto parsed = parse_pdn(text.str());
    if (!parsed.ok()) continue;
    for (auto& g : *parsed)
      if (g.game.ply() >= 80) games.push_back(std::move(g.game));  // 40+ moves each
  }
  return games;
}

struct Totals {
  std::uint64_t nodes = 0;
  double seconds = 0;
  int searches = 0;
  int same_moves = 0;
};

void report(benchmark::State& state, const Totals& fresh, const Totals& carried) {
  state.counters["searches"] = carried.searches;
  state.counters["nodes_fresh"] = static_cast<double>(fresh.nodes);
  state.counters["nodes_carried"] = static_cast<double>(carried.nodes);
  state.counters["node_ratio"] = static_cast<double>(carried.nodes) / static_cast<double>(fresh.nodes);
  state.counters["sec_fresh"] = fresh.seconds;
  state.counters["sec_carried"] = carried.seconds;
  state.counters["time_ratio"] = carried.seconds / fresh.seconds;
  state.counters["same_move"] = static_cast<double>(fresh.same_moves) / fresh.searches;
}

// The game from g's start after the first `ply` moves of `line`.
Game game_after(const Game& g, const std::vector<Move>& line, std::size_t ply) {
  Game out = *Game::from_position(g.start());
  for (std::size_t i = 0; i < ply; ++i) {
    if (!out.play(line[i], /*stop_at_draw=*/false).ok()) break;
  }
  return out;
}

// One timed fixed-depth search of the position after `ply` moves of `line`
// on `buf` (the game is built outside the timed part); adds it to `t` and
// returns it (nullopt on error).
std::optional<SearchResult> timed_search(const Game& g, const std::vector<Move>& line, std::size_t ply, int depth,
                                         std::vector<std::uint8_t>& buf, Totals& t) {
  const Game game = game_after(g, line, ply);
  SearchRequest r;
  r.limits.depth = depth;
  r.tt = buf.data();
  r.tt_len = buf.size();
  const double t0 = thread_seconds();
  absl::StatusOr<SearchResult> res = search(game, r);
  t.seconds += thread_seconds() - t0;
  if (!res.ok()) return std::nullopt;
  t.nodes += res->nodes;
  ++t.searches;
  return *std::move(res);
}

// Searches every `every`-th position of every game to `depth`; `carry` keeps
// one buffer per game, otherwise each search gets a zeroed one.
Totals run(const std::vector<Game>& games, int depth, int every, bool carry, std::vector<Move>* moves) {
  Totals t;
  std::vector<std::uint8_t> buf(kTableSize.default_bytes(), 0);
  for (const Game& g : games) {
    std::fill(buf.begin(), buf.end(), 0);  // a new game starts with a fresh table either way
    for (int ply = 0; ply < g.ply(); ply += every) {
      if (!carry) std::fill(buf.begin(), buf.end(), 0);  // outside the timed part
      const std::optional<SearchResult> res = timed_search(g, g.moves(), static_cast<std::size_t>(ply), depth, buf, t);
      if (res) moves->push_back(res->best_move);
    }
  }
  return t;
}

void BM_Carryover(benchmark::State& state) {
  static const std::vector<Game> games = load_games();
  if (games.empty()) {
    state.SkipWithError("no games with 40+ moves in data/games/*.pdn");
    return;
  }
  const int depth = static_cast<int>(state.range(0));
  const int every = static_cast<int>(state.range(1));
  Totals fresh, carried;
  for (auto _ : state) {
    std::vector<Move> m1, m2;
    fresh = run(games, depth, every, false, &m1);
    carried = run(games, depth, every, true, &m2);
    for (std::size_t i = 0; i < m1.size() && i < m2.size(); ++i) fresh.same_moves += m1[i] == m2[i];
  }
  state.counters["games"] = static_cast<double>(games.size());
  report(state, fresh, carried);
}
BENCHMARK(BM_Carryover)->Args({8, 2})->Args({8, 1})->Args({11, 2})->Iterations(1)->Unit(benchmark::kSecond);

// The same roots again, each with a fresh zero buffer.
void fresh_pass(const Game& g, const std::vector<Move>& line, const std::vector<std::size_t>& roots, int depth,
                std::vector<std::uint8_t>& buf, Totals& fresh) {
  for (std::size_t ply : roots) {
    std::fill(buf.begin(), buf.end(), 0);
    const std::optional<SearchResult> res = timed_search(g, line, ply, depth, buf, fresh);
    if (res) fresh.same_moves += res->best_move == line[ply];
  }
}

// Plays 60 plies from ply 10 of each real game with the engine's table
// carried from move to move; `engine_moves(i)` says whether ply i is the
// engine's (searched, counted) or the other player's (`other` picks it).
// Then the engine's positions are searched again with fresh buffers.
template <typename Other>
void carried_games(benchmark::State& state, bool (*engine_moves)(int), Other other, double* predicted_share) {
  static const std::vector<Game> games = load_games();
  if (games.empty()) {
    state.SkipWithError("no games with 40+ moves in data/games/*.pdn");
    return;
  }
  const int depth = static_cast<int>(state.range(0));
  Totals fresh, carried;
  int predicted = 0;  // other-player moves the engine's previous PV expected
  std::vector<std::uint8_t> buf(kTableSize.default_bytes(), 0);
  for (auto _ : state) {
    fresh = carried = Totals{};
    predicted = 0;
    for (std::size_t gi = 0; gi < games.size(); ++gi) {
      const Game& g = games[gi];
      std::vector<Move> line(g.moves().begin(), g.moves().begin() + 10);
      std::fill(buf.begin(), buf.end(), 0);
      std::vector<std::size_t> roots;
      std::optional<Move> expected;
      for (int i = 0; i < 60; ++i) {
        if (engine_moves(i)) {
          const std::optional<SearchResult> res = timed_search(g, line, line.size(), depth, buf, carried);
          if (!res || !res->has_move) break;
          roots.push_back(line.size());
          line.push_back(res->best_move);
          expected = res->pv.size >= 2 ? std::optional<Move>(res->pv.moves[1]) : std::nullopt;
        } else {
          const std::optional<Move> m = other(g, line, gi * 1000 + static_cast<std::uint64_t>(i));
          if (!m) break;
          predicted += expected && *expected == *m;
          line.push_back(*m);
        }
      }
      fresh_pass(g, line, roots, depth, buf, fresh);
    }
  }
  report(state, fresh, carried);
  if (predicted_share) *predicted_share = static_cast<double>(predicted) / carried.searches;
}

// The engine's own games: it plays both sides, so the previous search
// predicted the new root (its principal variation), as when the engine plays
// itself or a person follows the expected line.
void BM_CarryoverSelfPlay(benchmark::State& state) {
  carried_games(
      state, [](int) { return true; },
      [](const Game&, const std::vector<Move>&, std::uint64_t) { return std::optional<Move>(); }, nullptr);
}
BENCHMARK(BM_CarryoverSelfPlay)->Arg(8)->Iterations(1)->Unit(benchmark::kSecond);

// The app's case: the engine plays one side with its table carried from move
// to move, a person the other. The person is modelled by the Medium level
// (depth 5, noise, blunders; seeded), so the replies are often not the ones
// the engine expected.
void BM_CarryoverVsPlayer(benchmark::State& state) {
  double predicted = 0;
  carried_games(
      state, [](int i) { return i % 2 == 0; },
      [](const Game& g, const std::vector<Move>& line, std::uint64_t seed) -> std::optional<Move> {
        SearchRequest r;
        r.params = Params::for_level(Level::kMedium);
        r.seed = seed;
        absl::StatusOr<SearchResult> res = search(game_after(g, line, line.size()), r);
        if (!res.ok() || !res->has_move) return std::nullopt;
        return res->best_move;
      },
      &predicted);
  state.counters["reply_predicted"] = predicted;
}
BENCHMARK(BM_CarryoverVsPlayer)->Arg(8)->Arg(11)->Iterations(1)->Unit(benchmark::kSecond);

}  // namespace
}  // namespace tempo
