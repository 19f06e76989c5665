// `tempo book build`: the opening book's builder. From the initial position
// and the end of every opening line, it searches each position to a fixed
// depth with every root move scored (multi-PV), keeps the moves within a
// margin of the best (at most book::kMaxMoves, best first) and goes on from
// each kept move, up to a number of plies. The file it writes
// (data/book.txt's format, cmake/gen_book.cmake) is compiled into the
// library (search/book.h).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "rules/move.h"
#include "rules/position.h"

namespace tempo::train {

struct BookOptions {
  std::vector<Position> roots;  // where the book starts (the initial position, the openings' ends)
  int plies = 4;                // how far past a root the book goes
  int depth = 12;               // search depth at every position
  int margin = 10;              // keep moves scoring within this of the best (100 = a man)
  int tt_mib = 64;              // the search's table
  // One line per position searched ("book: 12 positions ..."), when set.
  std::function<void(const std::string&)> progress;
};

struct BookEntry {
  std::uint64_t key = 0;  // zobrist::key() of the position
  Move move;
  int score = 0;  // side to move's view
};

// Every position's kept moves, sorted as the file wants them (by key, then
// best first). Errors: a bad option.
absl::StatusOr<std::vector<BookEntry>> build_book(const BookOptions& options);

// The file's text, checksum line last; `comments` become `# ` lines on top.
std::string format_book(const std::vector<BookEntry>& entries, int depth, int margin,
                        const std::vector<std::string>& comments);

}  // namespace tempo::train
