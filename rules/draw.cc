#include "rules/draw.h"

namespace tempo {

const char* draw_rule_name(DrawRule r) {
  switch (r) {
    case DrawRule::kRepetition: return "threefold repetition";
    case DrawRule::kTwentyFiveMoves: return "25-move rule";
    case DrawRule::kSixteenMoves: return "16-move rule";
    case DrawRule::kFiveMoves: return "5-move rule";
    case DrawRule::kNone: break;
  }
  return "none";
}

EndgameClass endgame_class(const Position& pos) {
  for (Color strong : {Color::kWhite, Color::kBlack}) {
    const Color weak = ~strong;
    // The weak side is a lone king.
    if (pos.men(weak) || popcount(pos.kings_of(weak)) != 1) continue;
    const int k = popcount(pos.kings_of(strong)), m = popcount(pos.men(strong));
    if (k < 1) continue;
    if ((k == 3 && m == 0) || (k == 2 && m == 1) || (k == 1 && m == 2)) return EndgameClass::kSixteen;
    if ((k == 2 && m == 0) || (k == 1 && m == 1) || (k == 1 && m == 0)) return EndgameClass::kFive;
  }
  return EndgameClass::kNone;
}

DrawCounters DrawCounters::at_start(const Position& pos) {
  DrawCounters c;
  c.endgame = endgame_class(pos);
  return c;
}

DrawCounters DrawCounters::next(const Position& before, const Move& m, const Position& after) const {
  DrawCounters c = *this;
  const bool king_move = before.kings & bb(m.from);
  const bool reversible = king_move && !m.is_capture();
  c.king_plies = reversible ? king_plies + 1 : 0;
  c.reversible_plies = reversible ? reversible_plies + 1 : 0;
  const EndgameClass cls = m.is_capture() || !king_move ? endgame_class(after) : endgame;
  if (cls != endgame) {
    c.endgame = cls;
    c.endgame_plies = 0;
  } else if (cls != EndgameClass::kNone) {
    c.endgame_plies = endgame_plies + 1;
  }
  return c;
}

DrawRule DrawCounters::rule() const {
  if (endgame == EndgameClass::kFive && endgame_plies >= 10) return DrawRule::kFiveMoves;
  if (endgame == EndgameClass::kSixteen && endgame_plies >= 32) return DrawRule::kSixteenMoves;
  if (king_plies >= 50) return DrawRule::kTwentyFiveMoves;
  return DrawRule::kNone;
}

}  // namespace tempo
