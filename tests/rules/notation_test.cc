// FEN, PDN move text and Hub text: round trips, the long form exactly when
// needed, and parsers that reject bad input with a message saying what and where.
#include "rules/notation.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "absl/strings/str_cat.h"
#include "rules/fen.h"
#include "rules/movegen.h"

namespace tempo {
namespace {

Position fen(const char* text) {
  absl::StatusOr<Position> p = parse_fen(text);
  EXPECT_TRUE(p.ok()) << text << ": " << p.status();
  return p.ok() ? *p : Position{};
}

std::string error_of(const absl::Status& st) { return std::string(st.message()); }

// ------------------------------------------------------------------ FEN

void expect_fen_error(std::string_view text, std::string_view needle);

TEST(Fen, RoundTrips) {
  EXPECT_EQ(fen("W:W31-50:B1-20"), Position::start());
  EXPECT_EQ(to_fen(Position::start()), "W:W31-50:B1-20");
  // Colour blocks in either order, kings, either side to move.
  const Position p = fen("B:BK17,K24:W6,9,10");
  EXPECT_EQ(p.side, Color::kBlack);
  EXPECT_EQ(p.at(17), Piece::kBlackKing);
  EXPECT_EQ(p.at(24), Piece::kBlackKing);
  EXPECT_EQ(p.at(6), Piece::kWhiteMan);
  EXPECT_EQ(to_fen(p), "B:W6,9,10:BK17,K24");
  EXPECT_EQ(fen(to_fen(p).c_str()), p);
  // Ranges are written for runs of three or more men, never across kings.
  EXPECT_EQ(to_fen(fen("W:W31,32,33,K34,35,36:B1,2")), "W:W31-33,K34,35,36:B1,2");
  EXPECT_EQ(fen("W:W31-33,K34,35,36:B1,2"), fen("W:W31,32,33,K34,35,36:B2,1"));
  // Empty piece lists.
  EXPECT_EQ(to_fen(fen("W:W:B")), "W:W:B");
  EXPECT_EQ(to_fen(fen("B:W28:B")), "B:W28:B");
  EXPECT_EQ(to_fen(fen("W:B19:W")), "W:W:B19");
  // Quotes and spaces of a [FEN "..."] tag are tolerated; lower case too.
  EXPECT_EQ(fen("\"W:W31-50:B1-20\" "), Position::start());
  EXPECT_EQ(fen("w:w31-50:b1-20"), Position::start());
  // Lidraughts' move counters are read and ignored.
  EXPECT_EQ(
      fen("W:W31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50:B1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,"
          "17,18,19,20:H0:F1"),
      Position::start());
  expect_fen_error("W:W31:B1:H", "character 11 (end of text): expected a number after the H or F counter");
  // King ranges.
  EXPECT_EQ(fen("W:WK1-3:BK50"), fen("W:WK1,K2,K3:BK50"));
}

TEST(Fen, RoundTripsAlongRandomGames) {
  std::mt19937 rng(7);
  for (int game = 0; game < 50; ++game) {
    Position pos = Position::start();
    for (int ply = 0; ply < 200; ++ply) {
      EXPECT_EQ(fen(to_fen(pos).c_str()), pos) << to_fen(pos);
      MoveList list;
      if (generate_moves(pos, list) == 0) break;
      pos.play(list[static_cast<int>(rng() % list.size)]);
    }
  }
}

void expect_fen_error(std::string_view text, std::string_view needle) {
  absl::StatusOr<Position> p = parse_fen(text);
  ASSERT_FALSE(p.ok()) << "accepted: " << text;
  EXPECT_NE(error_of(p.status()).find(needle), std::string::npos)
      << "message: " << p.status().message() << "\nwanted: " << needle;
}

TEST(Fen, RejectsBadInputSayingWhatAndWhere) {
  expect_fen_error("", "empty");
  expect_fen_error("X:W31:B1", "character 1 ('X'): side to move must be W or B");
  expect_fen_error("  \"X:W31:B1\"", "character 4 ('X'): side to move");  // counted from the caller's text
  expect_fen_error("W;W31:B1", "character 2 (';'): expected ':'");
  expect_fen_error("W:Q31:B1", "character 3 ('Q'): colour block must start with W or B");
  expect_fen_error("W:W31:W32", "character 7 ('W'): colour block given twice");
  expect_fen_error("W:W51:B1", "character 4 ('5'): square number out of range 1..50");
  expect_fen_error("W:W0:B1", "square number out of range 1..50");
  expect_fen_error("W:W40-35:B1", "range runs backwards");
  expect_fen_error("W:W31,31:B1", "square 31 is given twice");
  expect_fen_error("W:W31:B31", "square 31 is given twice");  // overlapping pieces
  expect_fen_error("W:W31-35,K33:B1", "square 33 is given twice");
  expect_fen_error("W:W31,:B1", "expected a square number");
  expect_fen_error("W:W31 32:B1", "expected ',' between squares");
  expect_fen_error("W:W30-50:B1", "white has 21 pieces; at most 20 are possible");
  expect_fen_error("W:W31:B1-21", "black has 21 pieces");
  expect_fen_error("W:W3:B1", "white man on square 3 stands on White's promotion row");
  expect_fen_error("W:W31:B47", "black man on square 47 stands on Black's promotion row");
  expect_fen_error("W:W3\xC3\xA9:B1", "('\\xc3')");
  expect_fen_error(std::string_view("W:W31\0:B1", 9), "('\\x00')");
  expect_fen_error("W:W31:", "end of text");
  expect_fen_error(std::string(1 << 20, 'W'), "too long");
}

TEST(Fen, EveryPrefixOfAValidFenIsHandled) {
  const std::string full = "B:WK3,31-35,40,41:BK48,6-12,17";
  ASSERT_TRUE(parse_fen(full).ok());
  for (std::size_t n = 0; n < full.size(); ++n) {
    // Some prefixes are valid positions ("B:WK3"); none may crash.
    absl::StatusOr<Position> p = parse_fen(std::string_view(full.data(), n));
    if (p.ok()) {
      EXPECT_TRUE(p->validate().ok());
    }
  }
}

// ---------------------------------------------------------- PDN move text

// The one PV printer: PDN or Hub text, cut at a move boundary to fit.
TEST(LineText, PdnOrHubCutAtAMoveBoundary) {
  const Position start = Position::start();
  const Move line[] = {make_move(32, 28), make_move(19, 23), make_move(28, 19, square_bb(23)),
                       make_move(14, 23, square_bb(19))};
  EXPECT_EQ(line_text(start, line), "32-28 19-23 28x19 14x23");
  EXPECT_EQ(line_text(start, line, Notation::kHub), "32-28 19-23 28x19x23 14x23x19");
  EXPECT_EQ(line_text(start, line, Notation::kPdn, 17), "32-28 19-23 28x19");
  EXPECT_EQ(line_text(start, line, Notation::kPdn, 16), "32-28 19-23");
  EXPECT_EQ(line_text(start, line, Notation::kPdn, 4), "");
  EXPECT_EQ(line_text(start, {}), "");
}

TEST(PdnMove, ShortForm) {
  const Position start = Position::start();
  EXPECT_EQ(to_pdn(start, make_move(32, 28)), "32-28");
  absl::StatusOr<Move> m = parse_pdn_move(start, "32-28");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(*m, make_move(32, 28));
  const Position p = fen("W:W28:B23");
  EXPECT_EQ(to_pdn(p, make_move(28, 19, square_bb(23))), "28x19");
  EXPECT_TRUE(parse_pdn_move(p, "28x19").ok());
  EXPECT_TRUE(parse_pdn_move(p, "28X19").ok());
  EXPECT_TRUE(parse_pdn_move(p, "28:19").ok());
}

TEST(PdnMove, LongFormExactlyWhenAmbiguous) {
  // K22 reaches 48 by two routes over different pieces.
  const Position p = fen("W:WK22:B14,18,19,35,43");
  MoveList list;
  ASSERT_EQ(generate_moves(p, list), 2);
  std::set<std::string> texts;
  for (const Move& m : list) texts.insert(to_pdn(p, m));
  EXPECT_EQ(texts, (std::set<std::string>{"22x9x25x48", "22x13x30x48"}));
  // The short form is ambiguous; any one distinguishing landing square picks a move.
  absl::StatusOr<Move> amb = parse_pdn_move(p, "22x48");
  ASSERT_FALSE(amb.ok());
  EXPECT_NE(error_of(amb.status()).find("ambiguous move '22x48': 2 legal captures go from 22 to 48"), std::string::npos)
      << amb.status();
  absl::StatusOr<Move> a = parse_pdn_move(p, "22x9x48");
  absl::StatusOr<Move> b = parse_pdn_move(p, "22x30x48");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->captured, square_bb(14) | square_bb(18) | square_bb(43));
  EXPECT_EQ(b->captured, square_bb(18) | square_bb(19) | square_bb(43));
  // A landing square no route passes is illegal.
  EXPECT_FALSE(parse_pdn_move(p, "22x20x48").ok());
  // Unambiguous captures are written short even when long.
  const Position q = fen("W:WK46:B21,22,31,37");
  MoveList one;
  ASSERT_EQ(generate_moves(q, one), 1);
  EXPECT_EQ(to_pdn(q, one[0]), "46x26");
  // ... and the long form is still accepted.
  absl::StatusOr<Move> longform = parse_pdn_move(q, "46x28x17x26");
  ASSERT_TRUE(longform.ok()) << longform.status();
  EXPECT_EQ(*longform, one[0]);
}

void expect_move_error(const Position& p, std::string_view text, std::string_view needle, bool hub = false) {
  absl::StatusOr<Move> m = hub ? parse_hub_move(p, text) : parse_pdn_move(p, text);
  ASSERT_FALSE(m.ok()) << "accepted: " << text;
  EXPECT_NE(error_of(m.status()).find(needle), std::string::npos)
      << "message: " << m.status().message() << "\nwanted: " << needle;
}

TEST(PdnMove, Errors) {
  const Position start = Position::start();
  expect_move_error(start, "", "expected a square number at character 1");
  expect_move_error(start, "32", "needs two squares");
  expect_move_error(start, "32-", "expected a square number at character 4");
  expect_move_error(start, "32-28-23", "a quiet move has two squares");
  expect_move_error(start, "32x28-23", "mixes '-' and 'x'");
  expect_move_error(start, "32/28", "expected '-' or 'x' at character 3");
  expect_move_error(start, "51-28", "square at character 1 is not 1..50");
  expect_move_error(start, "0-28", "is not 1..50");
  expect_move_error(start, "32-27x", "expected a square number at character 7");
  expect_move_error(start, "32-29", "illegal move '32-29': no legal move goes from 32 to 29");
  expect_move_error(start, "32x28", "(there is no capture in this position)");
  expect_move_error(fen("W:W28,40:B23"), "40-35", "(a capture is compulsory)");
  expect_move_error(start, "32-2\xC3\xA9", "'32-2\\xc3\\xa9'");
  expect_move_error(start, std::string_view("32\0-28", 6), "\\x00");
  expect_move_error(start, std::string(1 << 20, '3'), "too long");
}

// ---------------------------------------------------------------- Hub

TEST(Hub, MoveText) {
  const Position p = fen("W:W28:B23");
  const Move m = make_move(28, 19, square_bb(23));
  EXPECT_EQ(to_hub_move(m), "28x19x23");
  absl::StatusOr<Move> back = parse_hub_move(p, "28x19x23");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, m);
  EXPECT_TRUE(parse_hub_move(p, "28x19").ok()) << "a bare capture naming one move";
  EXPECT_EQ(to_hub_move(make_move(32, 28)), "32-28");
  // Captured squares in any order.
  const Position k = fen("W:WK22:B14,18,19,35,43");
  absl::StatusOr<Move> any = parse_hub_move(k, "22x48x43x14x18");
  ASSERT_TRUE(any.ok()) << any.status();
  EXPECT_EQ(any->captured, square_bb(14) | square_bb(18) | square_bb(43));
  expect_move_error(k, "22x48", "ambiguous move '22x48': 2 legal captures", true);
  expect_move_error(k, "22x48x14x14", "square 14 captured twice", true);
  expect_move_error(k, "22x48x14x19x43", "illegal move '22x48x14x19x43'", true);
  expect_move_error(p, "28x19x24", "illegal move", true);
  expect_move_error(p, "28-19x23", "mixes '-' and 'x'", true);
  expect_move_error(p, "28x", "expected a square number at character 4", true);
  expect_move_error(p, std::string(300, '1'), "too long", true);
}

TEST(Hub, PositionText) {
  const std::string start = absl::StrCat("W", std::string(20, 'b'), std::string(10, 'e'), std::string(20, 'w'));
  EXPECT_EQ(to_hub_position(Position::start()), start);
  absl::StatusOr<Position> p = parse_hub_position(start);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(*p, Position::start());
  const Position k = fen("B:WK3,28:BK48,22");
  EXPECT_EQ(parse_hub_position(to_hub_position(k)).value(), k);
  EXPECT_EQ(to_hub_position(k)[3], 'W');
  EXPECT_EQ(to_hub_position(k)[48], 'B');
  EXPECT_EQ(to_hub_position(k)[0], 'B');

  auto expect_error = [](std::string_view text, std::string_view needle) {
    absl::StatusOr<Position> r = parse_hub_position(text);
    ASSERT_FALSE(r.ok()) << "accepted: " << text;
    EXPECT_NE(error_of(r.status()).find(needle), std::string::npos) << r.status() << "\nwanted: " << needle;
  };
  expect_error("", "expected 51 characters (side + 50 squares), got 0");
  expect_error(start.substr(0, 50), "got 50");
  expect_error(absl::StrCat(start, "e"), "got 52");
  expect_error(std::string(1 << 20, 'e'), "got 1048576");
  expect_error(absl::StrCat("X", start.substr(1)), "first character must be W or B");
  std::string bad = start;
  bad[7] = 'x';
  expect_error(bad, "square 7 is 'x'");
  bad[7] = '\0';
  expect_error(bad, "square 7 is '\\x00'");
  bad = absl::StrCat("W", std::string(50, 'e'));
  bad[2] = 'w';  // a white man on White's promotion row
  expect_error(bad, "white man on square 2");
  bad[2] = 'W';
  EXPECT_TRUE(parse_hub_position(bad).ok());
  bad = absl::StrCat("W", std::string(5, 'e'), std::string(21, 'w'), std::string(24, 'e'));
  expect_error(bad, "white has 21 pieces");
}

// ------------------------------------------- round trips along random games

TEST(Notation, EveryLegalMoveRoundTripsAlongRandomPlayouts) {
  std::mt19937 rng(2026);
  const char* starts[] = {"W:W31-50:B1-20", "W:WK46,K47,31-40:BK3,K4,11-20", "B:WK28,K33:BK22,K23,1-5,6-10"};
  int checked = 0, long_forms = 0;
  for (const char* s : starts) {
    for (int game = 0; game < 40; ++game) {
      Position pos = fen(s);
      for (int ply = 0; ply < 150; ++ply) {
        MoveList list;
        if (generate_moves(pos, list) == 0) break;
        for (const Move& m : list) {
          const std::string pdn = to_pdn(pos, m);
          absl::StatusOr<Move> a = parse_pdn_move(pos, pdn);
          ASSERT_TRUE(a.ok()) << to_fen(pos) << " " << pdn << ": " << a.status();
          EXPECT_EQ(*a, m) << to_fen(pos) << " " << pdn;
          const std::string hub = to_hub_move(m);
          absl::StatusOr<Move> b = parse_hub_move(pos, hub);
          ASSERT_TRUE(b.ok()) << to_fen(pos) << " " << hub << ": " << b.status();
          EXPECT_EQ(*b, m) << to_fen(pos) << " " << hub;
          // The canonical route, written as a long form, reads back as the same move.
          const std::vector<int> path = capture_path(pos, m);
          ASSERT_GE(path.size(), 2u);
          EXPECT_EQ(path.front(), m.from_square());
          EXPECT_EQ(path.back(), m.to_square());
          // One piece taken per jump, each once: together the captured set.
          const CaptureRoute route = capture_route(pos, m);
          EXPECT_EQ(route.squares, path);
          ASSERT_EQ(route.taken.size(), m.is_capture() ? path.size() - 1 : 0u) << to_fen(pos) << " " << pdn;
          Bitboard taken = 0;
          for (int sq : route.taken) taken |= square_bb(sq);
          EXPECT_EQ(taken, m.captured) << to_fen(pos) << " " << pdn;
          if (m.is_capture()) {
            std::string long_text;
            for (int sq : path) absl::StrAppend(&long_text, long_text.empty() ? "" : "x", sq);
            absl::StatusOr<Move> c = parse_pdn_move(pos, long_text);
            ASSERT_TRUE(c.ok()) << to_fen(pos) << " " << long_text << ": " << c.status();
            EXPECT_EQ(*c, m) << to_fen(pos) << " " << long_text;
          }
          long_forms += std::count(pdn.begin(), pdn.end(), 'x') > 1;
          ++checked;
        }
        pos.play(list[static_cast<int>(rng() % list.size)]);
      }
    }
  }
  EXPECT_GT(checked, 10000);
  std::cout << "[ INFO ] " << checked << " moves round-tripped, " << long_forms << " needed the long form\n";
}

TEST(Notation, MangledTextNeverCrashes) {
  // Every prefix and random byte edits of valid texts: parsers must answer
  // (ok or error), never crash or read outside the text (ASan checks).
  std::mt19937 rng(99);
  const Position p = fen("W:WK22:B14,18,19,35,43");
  const std::string texts[] = {"22x9x25x48", "22x48x14x18x43", "W:WK22:B14,18,19,35,43", to_hub_position(p)};
  for (const std::string& t : texts) {
    for (int round = 0; round < 2000; ++round) {
      std::string s = t;
      if (round < static_cast<int>(t.size())) {
        s.resize(round);
      } else {
        for (int e = 0; e < 3; ++e) s[rng() % s.size()] = static_cast<char>(rng() % 256);
      }
      (void)parse_pdn_move(p, s);
      (void)parse_hub_move(p, s);
      if (absl::StatusOr<Position> f = parse_fen(s); f.ok()) {
        EXPECT_TRUE(f->validate().ok()) << s;
      }
      if (absl::StatusOr<Position> h = parse_hub_position(s); h.ok()) {
        EXPECT_TRUE(h->validate().ok()) << s;
      }
    }
  }
}

}  // namespace
}  // namespace tempo
