// Difficulty levels: presets, seeded noise and the deliberate blunder
// (internal to search/).
#pragma once

#include <cstdint>

#include "rules/move.h"
#include "rules/position.h"
#include "search/params.h"
#include "tt/table.h"

namespace tempo::levels {

// A 64-bit mix of two values: the only source of randomness, so a game
// replays exactly from the same seed.
constexpr std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
  std::uint64_t z = a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2));
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Uniform noise in [-amplitude/2, +amplitude/2], the same for the same seed
// and position key (so a node's score does not change between visits).
inline int noise(std::uint64_t seed, std::uint64_t key, int amplitude) {
  if (amplitude <= 0) return 0;
  const std::uint64_t r = mix(seed, key);
  return static_cast<int>(r % static_cast<std::uint64_t>(amplitude + 1)) - amplitude / 2;
}

// Uniform double in [0, 1) from a 64-bit value.
inline double unit(std::uint64_t r) { return static_cast<double>(r >> 11) * 0x1.0p-53; }

// Whether this move is one of the level's deliberate mistakes (with
// Params::blunder_probability, from the seed and the position only).
bool blunder_due(const Params& params, std::uint64_t seed, std::uint64_t root_key);

// The mistake: uniformly among the root moves other than `best` whose look
// (`looks[i]`, the mover's view of legal[i]: the static score at
// blunder_depth 0, as the app defines it, or a blunder_depth-ply search) is
// within blunder_margin of the best look. So a mistake is a move that looks
// as good as the best to a player who sees blunder_depth plies: it misses
// only what lies deeper. False (and *out untouched) when there is none.
bool pick_blunder(const MoveList& legal, const int* looks, const Move& best, const Params& params, std::uint64_t seed,
                  std::uint64_t root_key, Move* out);

}  // namespace tempo::levels
