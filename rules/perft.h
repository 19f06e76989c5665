// Perft: counts the leaf paths of the legal-move tree to a fixed depth, the
// standard check of a move generator against published numbers.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "rules/move.h"
#include "rules/position.h"

namespace tempo {

// Leaves at `depth` (bulk counting: the last ply is counted, not played).
std::uint64_t perft(const Position& pos, int depth);

// Each root move with the leaves below it, in generation order.
std::vector<std::pair<Move, std::uint64_t>> perft_divide(const Position& pos, int depth);

}  // namespace tempo
