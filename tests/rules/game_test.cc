// Game record: legality checks, undo, status, and every draw rule reached in
// a constructed game exactly on its ply and not one ply earlier.
#include "rules/game.h"

#include <gtest/gtest.h>

#include <functional>

#include "rules/fen.h"
#include "rules/movegen.h"
#include "rules/notation.h"
#include "rules/zobrist.h"

namespace tempo {
namespace {

Game from_fen(const char* fen) {
  absl::StatusOr<Game> g = Game::from_fen(fen);
  EXPECT_TRUE(g.ok()) << fen << ": " << g.status();
  return g.ok() ? *g : Game();
}

TEST(Game, StartsAtStartPosition) {
  Game g;
  EXPECT_EQ(g.current(), Position::start());
  EXPECT_EQ(g.ply(), 0);
  EXPECT_EQ(g.key(), zobrist::key(Position::start()));
  EXPECT_EQ(g.status(), GameStatus{});
  EXPECT_EQ(g.occurrences(), 1);
}

TEST(Game, PlayRecordsPositionKeyAndCounters) {
  Game g;
  ASSERT_TRUE(g.play(make_move(32, 28)).ok());
  ASSERT_TRUE(g.play_text("19-23").ok());
  ASSERT_TRUE(g.play_text("28x19").ok());
  ASSERT_EQ(g.ply(), 3);
  EXPECT_EQ(g.moves()[2], make_move(28, 19, square_bb(23)));
  for (int p = 0; p <= g.ply(); ++p) EXPECT_EQ(g.key(p), zobrist::key(g.position(p))) << "ply " << p;
  EXPECT_EQ(g.position(1), Position::start().after(make_move(32, 28)));
  EXPECT_EQ(to_fen(g.current()), "B:W19,31,33-50:B1-18,20");
  EXPECT_EQ(g.keys().size(), 4u);
}

TEST(Game, KeysStayExactThroughLoopsPromotionsAndKingCaptures) {
  // A man and a king coming back to their start square, a promotion, a king taken.
  for (const char* fen : {"W:W38:B22,23,32,33", "W:WK38:B22,23,32,33", "W:W13:B9,K50", "B:WK28:BK5,1"}) {
    Game g = from_fen(fen);
    MoveList legal;
    g.legal_moves(legal);
    ASSERT_FALSE(legal.empty()) << fen;
    for (const Move& m : legal) {
      ASSERT_TRUE(g.play(m).ok()) << fen;
      EXPECT_EQ(g.key(), zobrist::key(g.current())) << fen << " " << to_hub_move(m);
      ASSERT_TRUE(g.undo().ok());
    }
  }
}

TEST(Game, RejectsIllegalMoveAndKeepsState) {
  Game g;
  const absl::Status st = g.play(make_move(32, 26));  // not a diagonal step
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("illegal move 32-26 at ply 1"), std::string_view::npos) << st;
  EXPECT_FALSE(g.play(make_move(19, 23)).ok()) << "black piece while white is to move";
  EXPECT_FALSE(g.play_text("32-29").ok());
  EXPECT_FALSE(g.play_text("hello").ok());
  EXPECT_EQ(g.ply(), 0);
  EXPECT_EQ(g.current(), Position::start());
}

TEST(Game, CaptureIsCompulsoryThroughPlay) {
  Game g = from_fen("W:W28,40:B23");
  EXPECT_FALSE(g.play(make_move(40, 35)).ok());
  EXPECT_TRUE(g.play(make_move(28, 19, square_bb(23))).ok());
}

// One line of move text: what `tempo analyse --moves` and the Hub's
// `pos moves=` hand over. All of it or nothing.
TEST(Game, PlayLineSkipsMoveNumbersAndIsAllOrNothing) {
  Game g;
  ASSERT_TRUE(g.play_line("1. 32-28 19-23 2. 28x19 14x23").ok());
  EXPECT_EQ(g.ply(), 4);
  ASSERT_TRUE(g.play_line("37-32  \t 10-14").ok());
  EXPECT_EQ(g.ply(), 6);
  const Position before = g.current();
  absl::Status st = g.play_line("31-27 18-24 27-22");
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(g.ply(), 6) << "a bad line plays nothing";
  EXPECT_EQ(g.current(), before);
  EXPECT_EQ(std::string(st.message()).rfind("move 2 '18-24': ", 0), 0u) << st;
  EXPECT_TRUE(g.play_line("").ok());
  EXPECT_EQ(g.ply(), 6);
}

TEST(Game, PlayTextAcceptsHubAndPdn) {
  // White king on 46 takes 37 and may land on 32, 28 ... : Hub text names the captured square.
  Game g = from_fen("W:WK46:B37,3");
  absl::StatusOr<Move> m = g.play_text("46x28x37");
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(*m, make_move(46, 28, square_bb(37)));
  ASSERT_TRUE(g.undo().ok());
  m = g.play_text("46x28");
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(*m, make_move(46, 28, square_bb(37)));
  ASSERT_TRUE(g.undo().ok());
  // Neither reading is legal: the message gives both.
  m = g.play_text("46x28x32");
  ASSERT_FALSE(m.ok());
  EXPECT_NE(std::string(m.status().message()).find("as PDN: illegal move '46x28x32'"), std::string::npos) << m.status();
  EXPECT_NE(std::string(m.status().message()).find("; as Hub: illegal move '46x28x32'"), std::string::npos)
      << m.status();
  EXPECT_EQ(g.ply(), 0);
}

TEST(Game, UndoRestores) {
  Game g;
  EXPECT_FALSE(g.undo().ok());
  ASSERT_TRUE(g.play_text("32-28").ok());
  ASSERT_TRUE(g.play_text("18-22").ok());
  ASSERT_TRUE(g.undo().ok());
  EXPECT_EQ(g.ply(), 1);
  EXPECT_EQ(g.current(), Position::start().after(make_move(32, 28)));
  ASSERT_TRUE(g.undo().ok());
  EXPECT_EQ(g.current(), Position::start());
  EXPECT_EQ(g.key(), zobrist::key(Position::start()));
}

TEST(Game, BadStartPositionIsRejected) {
  Position p = Position::empty();
  p.set(1, Piece::kWhiteMan);  // a white man on its own promotion row
  EXPECT_FALSE(Game::from_position(p).ok());
  EXPECT_FALSE(Game::from_fen("W:W1:B2").ok());
  EXPECT_FALSE(Game::from_fen("X:W31:B2").ok());
}

TEST(Game, SideWithoutPiecesLoses) {
  Game g = from_fen("W:W28:B23");
  ASSERT_TRUE(g.play_text("28x19").ok());
  EXPECT_EQ(g.status(), (GameStatus{GameState::kWin, Color::kWhite, DrawRule::kNone}));
  EXPECT_EQ(describe(g.status()), "white wins (black has no legal move)");
  EXPECT_FALSE(g.play(make_move(19, 14)).ok()) << "no move after the end";
  EXPECT_FALSE(g.play(make_move(19, 14), /*stop_at_draw=*/false).ok()) << "a lost game never goes on";
}

TEST(Game, BlockedSideLoses) {
  // White's only man on 46 cannot step to 41 (taken) or jump it (37 taken).
  Game g = from_fen("W:W46:B41,37");
  EXPECT_EQ(g.status(), (GameStatus{GameState::kWin, Color::kBlack, DrawRule::kNone}));
  // Reached by a move: black blocks a white man with its last move.
  Game h = from_fen("B:W46:B41,32");
  ASSERT_TRUE(h.status().state == GameState::kOngoing);
  ASSERT_TRUE(h.play_text("32-37").ok());
  EXPECT_EQ(h.status(), (GameStatus{GameState::kWin, Color::kBlack, DrawRule::kNone}));
}

// True when after `m` the opponent cannot capture and has a quiet reply
// after which we cannot capture either (so the material stays as it is).
bool safe(const Position& pos, const Move& m) {
  const Position after = pos.after(m);
  if (has_capture(after)) return false;
  MoveList replies;
  generate_moves(after, replies);
  for (const Move& r : replies) {
    if (!has_capture(after.after(r))) return true;
  }
  return false;
}

// Plays `plies` quiet moves, each one after which the opponent has no
// capture, preferring positions not seen before (a position seen twice is
// never entered, so repetition cannot end the walk). `keep` filters moves.
void walk(Game& g, int plies, const std::function<void(int)>& before_each,
          const std::function<bool(const Position&, const Move&)>& keep = nullptr) {
  for (int i = 0; i < plies; ++i) {
    before_each(g.ply());
    MoveList legal;
    g.legal_moves(legal);
    ASSERT_FALSE(legal.empty()) << "walk stuck at ply " << g.ply() << " " << to_fen(g.current());
    int chosen = -1, chosen_seen = 3;
    for (int k = 0; k < legal.size; ++k) {
      const Move& m = legal[k];
      if (m.is_capture() || (keep && !keep(g.current(), m))) continue;
      if (!safe(g.current(), m)) continue;
      ASSERT_TRUE(g.play(m).ok());
      const int seen = g.occurrences();
      ASSERT_TRUE(g.undo().ok());
      if (seen < chosen_seen) {
        chosen = k;
        chosen_seen = seen;
      }
    }
    ASSERT_GE(chosen, 0) << "no safe move at ply " << g.ply() << " " << to_fen(g.current());
    ASSERT_LE(chosen_seen, 2);
    ASSERT_TRUE(g.play(legal[chosen]).ok());
  }
}

void expect_ongoing(const Game& g, int ply) {
  EXPECT_EQ(g.status().state, GameState::kOngoing)
      << "ply " << ply << ": " << describe(g.status()) << " at " << to_fen(g.current());
}

TEST(Game, ThreefoldRepetitionOnThirdOccurrence) {
  Game g = from_fen("W:WK46,48,49,50:BK4,1,2,3");
  const char* cycle[] = {"46-41", "4-9", "41-46", "9-4"};
  for (int i = 0; i < 8; ++i) {
    expect_ongoing(g, g.ply());
    ASSERT_TRUE(g.play_text(cycle[i % 4]).ok()) << cycle[i % 4];
  }
  EXPECT_EQ(g.occurrences(), 3);
  EXPECT_EQ(g.status(), (GameStatus{GameState::kDraw, Color::kWhite, DrawRule::kRepetition}));
  EXPECT_EQ(describe(g.status()), "draw (threefold repetition)");
  MoveList none;
  g.legal_moves(none);
  EXPECT_TRUE(none.empty());
  EXPECT_FALSE(g.play_text("46-41").ok());
  // A record may go on past the draw when asked; status still says drawn.
  Game on = g;
  ASSERT_TRUE(on.play_text("46-41", /*stop_at_draw=*/false).ok());
  EXPECT_EQ(on.ply(), 9);
  EXPECT_EQ(on.occurrences(), 3) << "ply 9 repeats plies 1 and 5";
  EXPECT_EQ(on.status().draw_rule, DrawRule::kRepetition);
  // The same squares with the other side to move are a different position.
  ASSERT_TRUE(g.undo().ok());
  EXPECT_EQ(g.occurrences(), 2);
}

TEST(Game, ManMoveBreaksRepetition) {
  Game g = from_fen("W:WK46,48,49,50:BK4,1,2,3");
  for (const char* m : {"46-41", "4-9", "41-46", "9-4", "48-42", "4-9", "46-41", "9-4", "41-46"}) {
    ASSERT_TRUE(g.play_text(m).ok()) << m;
  }
  // The position after 9-4 at ply 8 repeats ply 4 only once more: the man move reset the window.
  EXPECT_EQ(g.status().state, GameState::kOngoing);
}

TEST(Game, TwentyFiveMoveRule) {
  Game g = from_fen("W:WK46,48,49,50:BK4,1,2,3");
  auto kings_only = [](const Position& p, const Move& m) { return (p.kings & bb(m.from)) != 0; };
  walk(
      g, 50, [&](int ply) { expect_ongoing(g, ply); }, kings_only);
  EXPECT_EQ(g.counters().king_plies, 50);
  EXPECT_EQ(g.status(), (GameStatus{GameState::kDraw, Color::kWhite, DrawRule::kTwentyFiveMoves}));
}

TEST(Game, TwentyFiveMoveCountRestartsAfterManMove) {
  Game g = from_fen("W:WK46,48,49,50:BK4,1,2,3");
  auto kings_only = [](const Position& p, const Move& m) { return (p.kings & bb(m.from)) != 0; };
  walk(
      g, 30, [&](int ply) { expect_ongoing(g, ply); }, kings_only);
  // A man move by white, then 49 more king plies are not enough; the 50th is.
  auto man_only = [](const Position& p, const Move& m) { return (p.kings & bb(m.from)) == 0; };
  walk(
      g, 1, [&](int ply) { expect_ongoing(g, ply); }, man_only);
  EXPECT_EQ(g.counters().king_plies, 0);
  walk(
      g, 50, [&](int ply) { expect_ongoing(g, ply); }, kings_only);
  EXPECT_EQ(g.status().draw_rule, DrawRule::kTwentyFiveMoves);
}

TEST(Game, SixteenMoveRuleFromStart) {
  // Three kings against a lone king: 16 moves each.
  Game g = from_fen("W:WK1,K2,K3:BK50");
  EXPECT_EQ(g.counters().endgame, EndgameClass::kSixteen);
  walk(g, 32, [&](int ply) { expect_ongoing(g, ply); });
  EXPECT_EQ(g.status(), (GameStatus{GameState::kDraw, Color::kWhite, DrawRule::kSixteenMoves}));
  EXPECT_EQ(describe(g.status()), "draw (16-move rule)");
}

TEST(Game, SixteenMoveRuleCountsFromTheCaptureThatMadeIt) {
  // With a black man left on 1 there is no endgame count at all.
  EXPECT_EQ(endgame_class(*parse_fen("W:WK1,K2,K3:BK50,37,6")), EndgameClass::kNone);
  // White king 46 takes the man on 37: three kings against a lone king arises then.
  Game g = from_fen("W:WK46,K1,K2:BK50,37");
  EXPECT_EQ(g.counters().endgame, EndgameClass::kNone);
  ASSERT_TRUE(g.play_text("46x32").ok());
  EXPECT_EQ(g.counters().endgame, EndgameClass::kSixteen);
  EXPECT_EQ(g.counters().endgame_plies, 0);
  walk(g, 32, [&](int ply) { expect_ongoing(g, ply); });
  EXPECT_EQ(g.ply(), 33);
  EXPECT_EQ(g.status().draw_rule, DrawRule::kSixteenMoves);
}

TEST(Game, SixteenMoveRuleKeepsCountingThroughManMoves) {
  // King + 2 men against a king; men moves (and promotions) stay in the class.
  Game g = from_fen("W:WK46,6,9:BK50");
  walk(g, 32, [&](int ply) { expect_ongoing(g, ply); });
  EXPECT_EQ(g.status().draw_rule, DrawRule::kSixteenMoves);
}

TEST(Game, SixteenMoveCountSurvivesPromotion) {
  Game g = from_fen("W:WK46,6,9:BK50");
  ASSERT_TRUE(g.play_text("6-1").ok());  // 1 king + 2 men -> 2 kings + 1 man: same class
  EXPECT_EQ(g.counters().endgame, EndgameClass::kSixteen);
  EXPECT_EQ(g.counters().endgame_plies, 1);
  EXPECT_EQ(g.counters().king_plies, 0);
}

TEST(Game, FiveMoveRule) {
  Game g = from_fen("B:WK1,K2:BK50");
  walk(g, 10, [&](int ply) { expect_ongoing(g, ply); });
  EXPECT_EQ(g.status(), (GameStatus{GameState::kDraw, Color::kWhite, DrawRule::kFiveMoves}));
  EXPECT_EQ(describe(g.status()), "draw (5-move rule)");
}

TEST(Game, FiveMoveRuleKingAndManAgainstKing) {
  Game g = from_fen("W:WK1,36:BK50");
  EXPECT_EQ(g.counters().endgame, EndgameClass::kFive);
  walk(g, 10, [&](int ply) { expect_ongoing(g, ply); });
  EXPECT_EQ(g.status().draw_rule, DrawRule::kFiveMoves);
}

TEST(Game, CaptureFromSixteenIntoFiveRestartsCount) {
  Game g = from_fen("W:WK1,K2,K3:BK50");
  for (const char* m : {"1-7", "50-45", "7-1", "45-50", "3-17"}) ASSERT_TRUE(g.play_text(m).ok()) << m;
  EXPECT_EQ(g.counters().endgame, EndgameClass::kSixteen);
  EXPECT_EQ(g.counters().endgame_plies, 5);
  // Black's king must take the king on 17: two kings against one remain.
  MoveList legal;
  g.legal_moves(legal);
  ASSERT_FALSE(legal.empty());
  ASSERT_TRUE(legal[0].is_capture());
  ASSERT_TRUE(g.play(legal[0]).ok());
  EXPECT_EQ(g.counters().endgame, EndgameClass::kFive);
  EXPECT_EQ(g.counters().endgame_plies, 0);
  walk(g, 10, [&](int ply) { expect_ongoing(g, ply); });
  EXPECT_EQ(g.status().draw_rule, DrawRule::kFiveMoves);
}

TEST(DrawCounters, RuleThresholds) {
  DrawCounters c;
  EXPECT_EQ(c.rule(), DrawRule::kNone);
  c.endgame = EndgameClass::kFive;
  c.endgame_plies = 9;
  EXPECT_EQ(c.rule(), DrawRule::kNone);
  c.endgame_plies = 10;
  EXPECT_EQ(c.rule(), DrawRule::kFiveMoves);
  c.endgame = EndgameClass::kSixteen;
  EXPECT_EQ(c.rule(), DrawRule::kNone);
  c.endgame_plies = 31;
  EXPECT_EQ(c.rule(), DrawRule::kNone);
  c.endgame_plies = 32;
  EXPECT_EQ(c.rule(), DrawRule::kSixteenMoves);
  c = DrawCounters{};
  c.king_plies = 49;
  EXPECT_EQ(c.rule(), DrawRule::kNone);
  c.king_plies = 50;
  EXPECT_EQ(c.rule(), DrawRule::kTwentyFiveMoves);
}

TEST(DrawCounters, EndgameClasses) {
  auto cls = [](const char* f) { return endgame_class(*parse_fen(f)); };
  EXPECT_EQ(cls("W:WK1,K2,K3:BK50"), EndgameClass::kSixteen);
  EXPECT_EQ(cls("W:WK1,K2,30:BK50"), EndgameClass::kSixteen);
  EXPECT_EQ(cls("W:WK1,30,31:BK50"), EndgameClass::kSixteen);
  EXPECT_EQ(cls("W:WK50:BK1,K2,K3"), EndgameClass::kSixteen) << "either colour may be the strong side";
  EXPECT_EQ(cls("W:WK1,K2:BK50"), EndgameClass::kFive);
  EXPECT_EQ(cls("W:WK1,30:BK50"), EndgameClass::kFive);
  EXPECT_EQ(cls("W:WK1:BK50"), EndgameClass::kFive);
  EXPECT_EQ(cls("W:W30,31,32:BK50"), EndgameClass::kNone) << "three men, no king";
  EXPECT_EQ(cls("W:WK1,K2,K3,K4:BK50"), EndgameClass::kNone) << "four pieces";
  EXPECT_EQ(cls("W:WK1,K2:BK50,6"), EndgameClass::kNone) << "the weak side has a man too";
  EXPECT_EQ(cls("W:WK1,K2:B6"), EndgameClass::kNone) << "a lone man is not a lone king";
  EXPECT_EQ(cls("W:W31-50:B1-20"), EndgameClass::kNone);
}

}  // namespace
}  // namespace tempo
