// FMJD draw rules as counters a game record and the search both update move
// by move (threefold repetition is checked against the position keys).
//
//  - 25-move rule: 25 moves by each side (50 plies) in a row in which only
//    kings moved and nothing was captured.
//  - 16-move rule: 3 kings, 2 kings + 1 man, or 1 king + 2 men against a lone
//    king: drawn after 16 more moves each (32 plies) from when it arose.
//  - 5-move rule: 2 kings, 1 king + 1 man, or 1 king against a lone king:
//    drawn after 5 more moves each (10 plies).
// Reaching a different class (say by a capture) starts that class's count.
#pragma once

#include <cstdint>

#include "rules/move.h"
#include "rules/position.h"

namespace tempo {

enum class DrawRule : std::uint8_t { kNone = 0, kRepetition, kTwentyFiveMoves, kSixteenMoves, kFiveMoves };
const char* draw_rule_name(DrawRule r);

// Which endgame count applies to a material balance.
enum class EndgameClass : std::uint8_t { kNone = 0, kSixteen, kFive };
EndgameClass endgame_class(const Position& pos);

struct DrawCounters {
  std::uint16_t king_plies = 0;     // plies in a row of king-only, non-capturing moves
  std::uint16_t endgame_plies = 0;  // plies since the current endgame class arose
  EndgameClass endgame = EndgameClass::kNone;
  std::uint16_t reversible_plies = 0;  // plies since the last man move or capture (repetition window)

  // Counters for the position at the start of a record.
  static DrawCounters at_start(const Position& pos);
  // Counters after `m` is played in `before` (giving `after`).
  DrawCounters next(const Position& before, const Move& m, const Position& after) const;
  // The counting rule (25/16/5) that has drawn the game, if any.
  DrawRule rule() const;

  friend bool operator==(const DrawCounters&, const DrawCounters&) = default;
};

}  // namespace tempo
