// Every game in data/games replays legally, and survives a write/read round trip.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "rules/pdn.h"
#include "rules/zobrist.h"

namespace tempo {
namespace {

std::string read_all(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

TEST(GamesData, EveryGameReplaysLegally) {
  const std::filesystem::path dir = std::filesystem::path(TEMPO_SOURCE_DIR) / "data" / "games";
  // Plies of each game, pinned so that a reader that silently drops moves fails.
  const std::map<std::string, std::vector<int>> expected = {
      {"wk2003.pdn", {96, 101, 113, 119, 123, 143}},
      {"candidates1995.pdn", {111, 126, 108}},
      {"nk2003.pdn", {132, 103, 104, 115}},
  };
  int files = 0, games = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".pdn") continue;
    ++files;
    const std::string name = entry.path().filename().string();
    absl::StatusOr<std::vector<PdnGame>> parsed = parse_pdn(read_all(entry.path()));
    ASSERT_TRUE(parsed.ok()) << name << ": " << parsed.status();
    auto it = expected.find(name);
    ASSERT_NE(it, expected.end()) << "add " << name << " to the expected plies";
    ASSERT_EQ(parsed->size(), it->second.size()) << name;
    for (std::size_t i = 0; i < parsed->size(); ++i) {
      const PdnGame& g = (*parsed)[i];
      ++games;
      EXPECT_EQ(g.game.ply(), it->second[i]) << name << " game " << i + 1;
      EXPECT_GE(g.game.ply(), 80) << name << " game " << i + 1 << " is shorter than 40 moves";
      EXPECT_NE(g.result, "*") << name << " game " << i + 1;
      for (int p = 0; p <= g.game.ply(); ++p) {
        ASSERT_EQ(g.game.key(p), zobrist::key(g.game.position(p))) << name << " game " << i + 1 << " ply " << p;
      }
      const std::string text = write_pdn(g);
      absl::StatusOr<PdnGame> back = parse_pdn_game(text);
      ASSERT_TRUE(back.ok()) << back.status() << "\n" << text;
      EXPECT_EQ(back->game.moves(), g.game.moves());
      EXPECT_EQ(back->result, g.result);
      EXPECT_EQ(write_pdn(*back), text);
    }
  }
  EXPECT_GE(files, 2);
  EXPECT_GE(games, 5);
}

}  // namespace
}  // namespace tempo
