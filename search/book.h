// The opening book: positions of the common openings, each with the moves a
// deep search (`tempo book build`, train/book.h) scored within a margin of
// its best, and their scores. Compiled in: data/book.txt becomes a
// constexpr table at build time (cmake/gen_book.cmake), sorted by the
// position's Zobrist key (rules/zobrist.h, the key the search uses) for a
// binary search; nothing is loaded or allocated at run time.
//
// Internal to search/ (search() plays from it under Params::book); the
// builder and the tests read it too.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "rules/move.h"
#include "rules/position.h"

namespace tempo::book {

// Most moves one position keeps (the builder keeps no more).
inline constexpr int kMaxMoves = 8;

struct BookMove {
  Move move;
  int score = 0;  // the side to move's view after the build's search (100 = a man)
};

// The book's moves of `pos` that are legal there (a key collision gives
// none), best first, at most out.size(); 0 when the position is not in the
// book. Allocation-free.
int probe(const Position& pos, std::span<BookMove> out);

// The move search() plays: with variety 0 the best; else a pick, uniform
// from (seed, position), among the moves scoring within `variety` of the
// best. `moves` as probe() gave them (n >= 1).
const BookMove& choose(std::span<const BookMove> moves, int variety, std::uint64_t seed, std::uint64_t key);

// What was compiled in: entries (one per position and move), distinct
// positions, the file's checksum and the margin it was built with.
std::size_t entry_count();
std::size_t position_count();
std::uint64_t checksum();
int build_margin();
int build_depth();

}  // namespace tempo::book
