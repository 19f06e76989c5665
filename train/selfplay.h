// Self-play for training data: games between two copies of the full-strength
// search at a small node budget, from the book openings followed by a few
// random reasonable moves, writing each game to a game file (train/records.h)
// with a search score for every quiet position.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "train/openings.h"

namespace tempo::train {

struct SelfplayOptions {
  std::vector<Opening> openings;  // at least one (an empty line = the start position)
  std::string out;                // game file; appended to, so a run resumes where it stopped
  int games = 1000;               // games in the file when done
  std::uint64_t nodes = 20000;    // node budget per move
  int random_plies = 4;           // after the opening: moves picked at random among near-best ones
  int random_margin = 30;         // near-best: within this of the best (100 = a man)
  int max_plies = 300;            // then the game is scored a draw
  int threads = 2;
  std::uint64_t seed = 1;  // game g uses mix(seed, g): a run is reproducible game by game
  bool progress = true;    // a line on stderr every few seconds
};

// Plays until the file holds `games` games. Returns how it went or what failed.
absl::Status selfplay(const SelfplayOptions& options);

}  // namespace tempo::train
