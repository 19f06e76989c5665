// In-process self-play for match tests: two players (parameters and limits)
// play game pairs from seeded random openings, each opening once with each
// colour. Draws by the FMJD rules (threefold repetition, 25/16/5 moves).
#pragma once

#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <vector>

#include "rules/game.h"
#include "rules/movegen.h"
#include "search/search.h"

namespace tempo::selfplay {

struct Player {
  Params params;
  Limits limits;
};

struct Score {
  int wins = 0, losses = 0, draws = 0;  // for player A
  double points() const { return wins + 0.5 * draws; }
  int games() const { return wins + losses + draws; }
};

inline std::uint64_t next_random(std::uint64_t& s) {
  s += 0x9e3779b97f4a7c15ULL;
  std::uint64_t z = s;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// +1 white won, -1 black won, 0 draw.
inline int play_game(const Player& white, const Player& black, const std::vector<Move>& opening, std::uint64_t seed,
                     int max_plies = 300) {
  const std::size_t table_len = 1u << 20;
  auto tw = std::make_unique<std::uint8_t[]>(table_len), tb = std::make_unique<std::uint8_t[]>(table_len);
  Game game;
  for (const Move& m : opening) {
    if (!game.play(m).ok()) return 0;
  }
  for (int ply = game.ply(); ply < max_plies; ++ply) {
    const bool white_to_move = game.current().side == Color::kWhite;
    const Player& p = white_to_move ? white : black;
    SearchRequest req;
    req.params = p.params;
    req.limits = p.limits;
    req.seed = seed * 1000 + static_cast<std::uint64_t>(ply);
    req.tt = white_to_move ? tw.get() : tb.get();
    req.tt_len = table_len;
    absl::StatusOr<SearchResult> r = search(game, req);
    if (!r.ok()) return 0;
    if (!r->has_move) return white_to_move ? -1 : 1;
    if (!game.play(r->best_move).ok()) return 0;
    const GameStatus st = game.status();
    if (st.state == GameState::kDraw) return 0;
    if (st.state == GameState::kWin) return st.winner == Color::kWhite ? 1 : -1;
  }
  const Position& pos = game.current();
  // Adjudicate a long game on material.
  const int m = evaluate(pos, 0) * (pos.side == Color::kWhite ? 1 : -1);
  return m >= 200 ? 1 : m <= -200 ? -1 : 0;
}

inline std::vector<Move> random_opening(std::uint64_t& rng, int plies) {
  Position pos = Position::start();
  std::vector<Move> out;
  for (int i = 0; i < plies; ++i) {
    MoveList list;
    generate_moves(pos, list);
    if (list.empty()) break;
    const Move m = list[static_cast<int>(next_random(rng) % static_cast<std::uint64_t>(list.size))];
    out.push_back(m);
    pos.play(m);
  }
  return out;
}

// `pairs` openings, each played with A as White and as Black.
inline Score match(const Player& a, const Player& b, int pairs, std::uint64_t seed) {
  Score s;
  std::uint64_t rng = seed;
  for (int i = 0; i < pairs; ++i) {
    const std::vector<Move> opening = random_opening(rng, 4);
    const int g1 = play_game(a, b, opening, seed + 2 * static_cast<std::uint64_t>(i));
    const int g2 = -play_game(b, a, opening, seed + 2 * static_cast<std::uint64_t>(i) + 1);
    for (int g : {g1, g2}) {
      if (g > 0) ++s.wins;
      else if (g < 0) ++s.losses;
      else ++s.draws;
    }
  }
  return s;
}

}  // namespace tempo::selfplay
