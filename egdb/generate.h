// The endgame database generator: retrograde analysis, slice by slice.
//
// Slices are solved in an order where every move out of a slice (a capture,
// a promotion) leads to a slice already solved: fewer pieces first, then
// fewer men. A slice and its colour mirror (2K-1K and 1K-2K) are solved
// together, since the quiet moves of one lead into the other. Solving a
// pair: one pass over every position generates its moves (the rules'
// movegen: captures compulsory and maximal, promotion only at the end of a
// move) and settles those decided by a move out of the pair or by having no
// move; then every settled position's predecessors (quiet moves played
// backwards) are updated, a win for the opponent counting down the
// predecessor's moves, a loss making it a win. What is never settled is a
// draw. Values are the game's theoretical ones: the counting draw rules (25-,
// 16-, 5-move) are the search's business.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <vector>

#include "absl/status/status.h"
#include "egdb/database.h"
#include "egdb/index.h"

namespace tempo::egdb {

// Every slice with 2..pieces pieces (at least one a side), kings-only
// slices only if asked, in solving order, as pairs {m, m.swapped()} (one
// material when the slice is its own mirror).
std::vector<std::vector<Material>> build_plan(int pieces, bool kings_only);

struct GroupStats {
  std::uint64_t positions = 0;  // valid positions of the group
  std::uint64_t wins = 0, draws = 0, losses = 0;
};

class Generator {
 public:
  Generator();

  bool solved(const Material& m) const;
  // Solves a group of build_plan() (every slice it leads to must be solved).
  absl::StatusOr<GroupStats> solve(const std::vector<Material>& group);
  // A slice solved before (a resumed build): 2 bits a position, as values().
  absl::Status add(const Material& m, std::vector<std::uint8_t> packed);

  // A solved slice's values, 2 bits a position (0 draw, 1 win, 2 loss; 0 for
  // numbers that are not positions), White to move.
  const std::vector<std::uint8_t>& values(const Material& m) const;
  Value value(const Material& m, std::uint64_t index) const;
  // The slice's stored form (egdb/writer.h): positions with a capture
  // pending and invalid numbers are don't-cares.
  std::vector<std::uint8_t> compressed(const Material& m) const;

 private:
  static int slot(const Material& m);
  // Value of any position whose slice is solved (side without pieces: loss).
  bool lookup(const Position& pos, std::uint8_t* code) const;

  std::vector<std::vector<std::uint8_t>> tables_;
  std::vector<Material> materials_;
  std::array<int, (kMaxPieces + 1) * (kMaxPieces + 1) * (kMaxPieces + 1) * (kMaxPieces + 1)> lookup_{};
};

}  // namespace tempo::egdb
