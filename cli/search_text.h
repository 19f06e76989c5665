// Text helpers shared by the search commands (analyse, bench).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/move.h"
#include "engine/position.h"
#include "engine/score.h"  // score_text

namespace tempo::cli {

// PDN text of a line of play from `pos`.
std::string line_text(Position pos, std::span<const Move> line);

// Moves in PDN separated by spaces; move numbers ("1.", "12...") are skipped.
absl::StatusOr<std::vector<Move>> parse_move_list(Position pos, std::string_view text);

}  // namespace tempo::cli
