// Opening lines for matches: one line of PDN move text per opening
// (`1. 32-28 18-23 2. 38-32 12-18`), move numbers optional, `#` starts a
// comment, blank lines skipped. Each opening is played from the initial
// position; every move must be legal.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "rules/move.h"
#include "rules/position.h"

namespace tempo::train {

struct Opening {
  int line = 0;      // 1-based line in the file, for messages
  std::string text;  // the move text as written
  std::vector<Move> moves;
  Position end;  // the position after the moves
};

// Errors give the line number and the offending move.
absl::StatusOr<std::vector<Opening>> parse_openings(std::string_view text);
absl::StatusOr<std::vector<Opening>> read_openings(const std::string& path);

}  // namespace tempo::train
