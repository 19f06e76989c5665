// FEN in PDN 3.0 form: `W:W31-50:B1-20`, `B:BK17,K24:W6,9,10`.
//
// Side to move, then one block per colour in either order; `K` marks a king;
// ranges `a-b` are allowed; a block may be empty. Lidraughts' trailing move
// counters (`:H0:F1`) are accepted and ignored. Parsing is strict and says
// what is wrong and at which character; formatting writes men runs as ranges.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "rules/position.h"

namespace tempo {

absl::StatusOr<Position> parse_fen(std::string_view fen);
std::string to_fen(const Position& pos);

}  // namespace tempo
