// Game record and PDN costs: reading the real games in data/games, and
// replaying a game move by move through Game::play (legality checked, keys
// and draw counters kept) as the Hub loop and the C ABI do.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "rules/pdn.h"

namespace tempo {
namespace {

std::string all_games_text() {
  std::string text;
  const std::filesystem::path dir = std::filesystem::path(TEMPO_SOURCE_DIR) / "data" / "games";
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".pdn") continue;
    std::ifstream f(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    text += ss.str();
    text += "\n";
  }
  return text;
}

void BM_ReadPdnGames(benchmark::State& state) {
  const std::string text = all_games_text();
  std::int64_t plies = 0;
  for (auto _ : state) {
    absl::StatusOr<std::vector<PdnGame>> games = parse_pdn(text);
    if (!games.ok()) {
      state.SkipWithError(std::string(games.status().message()).c_str());
      return;
    }
    for (const PdnGame& g : *games) plies += g.game.ply();
    benchmark::DoNotOptimize(games);
  }
  state.SetItemsProcessed(plies);  // items = moves read
  state.SetBytesProcessed(static_cast<std::int64_t>(text.size()) * state.iterations());
}
BENCHMARK(BM_ReadPdnGames);

void BM_GameReplay(benchmark::State& state) {
  absl::StatusOr<std::vector<PdnGame>> games = parse_pdn(all_games_text());
  if (!games.ok() || games->empty()) {
    state.SkipWithError("no games in data/games");
    return;
  }
  std::int64_t plies = 0;
  for (auto _ : state) {
    for (const PdnGame& g : *games) {
      Game replay = *Game::from_position(g.game.start());
      for (const Move& m : g.game.moves()) {
        if (!replay.play(m, /*stop_at_draw=*/false).ok()) state.SkipWithError("replay failed");
      }
      benchmark::DoNotOptimize(replay.status());
      plies += replay.ply();
    }
  }
  state.SetItemsProcessed(plies);  // items = moves played
}
BENCHMARK(BM_GameReplay);

}  // namespace
}  // namespace tempo
