#include "protocol/dxp.h"

#include <gtest/gtest.h>

#include "rules/fen.h"
#include "rules/movegen.h"
#include "rules/notation.h"

namespace tempo::dxp {
namespace {

TEST(Dxp, DecodesTheSpecExamples) {
  absl::StatusOr<Message> r = decode("R01Tornado voor Windows 4.0        W060065A");
  ASSERT_TRUE(r.ok()) << r.status();
  const GameRequest& g = std::get<GameRequest>(*r);
  EXPECT_EQ(g.version, 1);
  EXPECT_EQ(g.initiator, "Tornado voor Windows 4.0");
  EXPECT_EQ(g.follower_color, Color::kWhite);
  EXPECT_EQ(g.minutes, 60);
  EXPECT_EQ(g.moves, 65);
  EXPECT_FALSE(g.start.has_value());
  EXPECT_EQ(encode(g), "R01Tornado voor Windows 4.0        W060065A");

  absl::StatusOr<Message> m = decode("M0012061100");
  ASSERT_TRUE(m.ok()) << m.status();
  const MoveMessage& mm = std::get<MoveMessage>(*m);
  EXPECT_EQ(mm.seconds, 12);
  EXPECT_EQ(mm.from, 6);
  EXPECT_EQ(mm.to, 11);
  EXPECT_TRUE(mm.captured.empty());

  absl::StatusOr<Message> c = decode("M001205250422122320");
  ASSERT_TRUE(c.ok()) << c.status();
  const MoveMessage& cm = std::get<MoveMessage>(*c);
  EXPECT_EQ(cm.from, 5);
  EXPECT_EQ(cm.to, 25);
  EXPECT_EQ(cm.captured, (std::vector<int>{22, 12, 23, 20}));
  EXPECT_EQ(encode(cm), "M001205250422122320");
}

TEST(Dxp, RoundTripsEveryMessage) {
  Position p = Position::empty(Color::kBlack);
  p.set(1, Piece::kWhiteKing);
  p.set(28, Piece::kWhiteMan);
  p.set(17, Piece::kBlackMan);
  p.set(45, Piece::kBlackKing);
  const std::vector<Message> all = {
      GameRequest{1, "Tempo", Color::kBlack, 5, 0, std::nullopt},
      GameRequest{1, "A name that is far too long to fit in the field", Color::kWhite, 999, 50, p},
      GameAccept{"Tempo", AcceptCode::kNoGames},
      MoveMessage{9999, 50, 1, {}},
      MoveMessage{3, 47, 36, {41, 42, 31}},
      GameEnd{EndReason::kWin, true},
      GameEnd{EndReason::kDraw, false},
      Chat{"hello there"},
      BackRequest{23, Color::kBlack},
      BackAccept{BackCode::kNotSupported},
  };
  for (const Message& m : all) {
    const std::string text = encode(m);
    absl::StatusOr<Message> back = decode(text);
    ASSERT_TRUE(back.ok()) << text << ": " << back.status();
    EXPECT_EQ(encode(*back), text);
  }
  const std::string req = encode(all[1]);
  EXPECT_EQ(req.size(), 1u + 2 + 32 + 1 + 3 + 3 + 1 + 1 + 50);
  EXPECT_EQ(std::get<GameRequest>(*decode(req)).start, p);
  EXPECT_EQ(std::get<GameRequest>(*decode(req)).initiator, "A name that is far too long to f");
}

TEST(Dxp, RejectsMalformedMessagesWithAReason) {
  struct Case {
    const char* text;
    const char* why;
  };
  for (const Case& c : std::initializer_list<Case>{
           {"", "empty"},
           {"X123", "unknown message type"},
           {"M00120611", "missing"},
           {"M0012061102", "captured square is missing"},
           {"M00a2061100", "not a number"},
           {"M0012991100", "not 1..50"},
           {"M0012061121", "more than 20"},
           {"R01Tempo                           Q060065A", "W (white) or Z"},
           {"R01Tempo                           W060065C", "must be A or B"},
           {"R01Tempo                           W060065BWeeee", "missing"},
           {"E5", "missing"},
           {"E51", "out of range"},
           {"A"
            "Tempo                           "
            "7",
            "not 0..3"},
           {"K9", "not 0..2"},
           {"B01W", "not a number"},
           {"B001", "missing"},
       }) {
    absl::StatusOr<Message> m = decode(c.text);
    ASSERT_FALSE(m.ok()) << c.text;
    EXPECT_NE(m.status().message().find(c.why), std::string::npos) << c.text << " -> " << m.status().message();
  }
  // A start position with a man on its promotion row is refused, not crashed on.
  std::string bad = "R01Tempo                           W060000BW";
  bad += std::string(50, 'e');
  bad[bad.size() - 50] = 'w';  // white man on square 1
  EXPECT_FALSE(decode(bad).ok());
}

TEST(Dxp, MovesMapToLegalMoves) {
  const Position start = Position::start();
  absl::StatusOr<Move> m = to_move(start, MoveMessage{0, 32, 28, {}});
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(to_pdn(start, *m), "32-28");
  EXPECT_FALSE(to_move(start, MoveMessage{0, 32, 27, {22}}).ok());
  EXPECT_FALSE(to_move(start, MoveMessage{0, 46, 41, {}}).ok());

  // A capture: the captured list may come in any order.
  absl::StatusOr<Position> pos = parse_fen("W:W28:B19,23,24,13");
  ASSERT_TRUE(pos.ok());
  MoveList legal;
  generate_moves(*pos, legal);
  ASSERT_GT(legal.size, 0);
  for (const Move& x : legal) {
    MoveMessage msg = from_move(x, 7);
    std::reverse(msg.captured.begin(), msg.captured.end());
    absl::StatusOr<Move> back = to_move(*pos, msg);
    ASSERT_TRUE(back.ok()) << back.status();
    EXPECT_EQ(*back, x);
  }
}

// 28x19 takes 23 once; a MOVE listing 23 twice is no move (the C ABI's
// tempo_play_move refuses the same), while the honest one is legal.
TEST(Dxp, ACapturedSquareListedTwiceIsRefused) {
  absl::StatusOr<Position> pos = parse_fen("W:W28:B23");
  ASSERT_TRUE(pos.ok());
  absl::StatusOr<Message> twice = decode("M00002819022323");
  ASSERT_TRUE(twice.ok()) << twice.status();
  absl::StatusOr<Move> m = to_move(*pos, std::get<MoveMessage>(*twice));
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("listed twice"), std::string::npos) << m.status();
  absl::StatusOr<Message> once = decode("M000028190123");
  ASSERT_TRUE(once.ok()) << once.status();
  EXPECT_TRUE(to_move(*pos, std::get<MoveMessage>(*once)).ok());
}

}  // namespace
}  // namespace tempo::dxp
