// Move text: PDN (`32-28`, `19x30`, long form `47x38x24x13x36`) and Hub
// (`28x19x23`: from, to, then every captured square).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "rules/move.h"
#include "rules/position.h"

namespace tempo {

// PDN move text for a legal move: short form `from-to` / `fromxto`, or the
// long form with the landing squares when another legal move shares from and
// to (an ambiguous king capture).
std::string to_pdn(const Position& pos, const Move& m);

// Reads PDN move text and returns the legal move it names. Accepts the short
// and the long form (any landing squares of the route, in order). Errors say
// whether the text is malformed, names no legal move, or is ambiguous.
absl::StatusOr<Move> parse_pdn_move(const Position& pos, std::string_view text);

// Hub move text: `32-28`, or `fromxto` followed by `x<captured>` for every
// captured square in increasing order.
std::string to_hub_move(const Move& m);
absl::StatusOr<Move> parse_hub_move(const Position& pos, std::string_view text);

enum class Notation : std::uint8_t { kPdn, kHub };

// A line of play from `pos` as move text separated by spaces: the one PV
// printer (the CLI, the Hub, the C ABI). Cut at a move boundary so that it
// is at most `max_length` characters (the C ABI's fixed buffers).
std::string line_text(Position pos, std::span<const Move> line, Notation notation = Notation::kPdn,
                      std::size_t max_length = std::string::npos);

// Hub position: side (`W`/`B`) then squares 1..50 as `w b W B e`.
std::string to_hub_position(const Position& pos);
absl::StatusOr<Position> parse_hub_position(std::string_view text);

}  // namespace tempo
