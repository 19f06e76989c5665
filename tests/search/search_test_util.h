// Helpers shared by the search tests.
#pragma once

#include <cstdint>
#include <vector>

#include "gtest/gtest.h"
#include "rules/fen.h"
#include "rules/game.h"
#include "rules/movegen.h"
#include "rules/position.h"
#include "search/search.h"

namespace tempo::testing {

inline Position fen(const char* text) {
  absl::StatusOr<Position> p = parse_fen(text);
  if (!p.ok()) return Position::start();
  return *p;
}

inline bool is_legal(const Position& pos, const Move& m) {
  MoveList list;
  generate_moves(pos, list);
  return list.contains(m);
}

// A small deterministic generator for test games (not the engine's RNG).
struct TestRng {
  std::uint64_t state;
  std::uint64_t next() {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  }
};

// Positions reached by random play from the start (one per ply, both sides).
inline std::vector<Position> random_positions(std::uint64_t seed, int games, int plies) {
  std::vector<Position> out;
  TestRng rng{seed | 1};
  for (int g = 0; g < games; ++g) {
    Position p = Position::start();
    for (int i = 0; i < plies; ++i) {
      MoveList list;
      generate_moves(p, list);
      if (list.empty()) break;
      p.play(list[static_cast<int>(rng.next() % static_cast<std::uint64_t>(list.size))]);
      out.push_back(p);
    }
  }
  return out;
}

inline SearchRequest at_depth(int depth) {
  SearchRequest r;
  r.limits.depth = depth;
  return r;
}

// The game from `start` after `moves` (played on past any draw rule, as a GUI may).
inline Game game_of(const Position& start, const std::vector<Move>& moves) {
  Game g = *Game::from_position(start);
  for (const Move& m : moves) EXPECT_TRUE(g.play(m, /*stop_at_draw=*/false).ok());
  return g;
}

}  // namespace tempo::testing
