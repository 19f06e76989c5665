// PDN games: reading real-world PDN syntax, errors with game/line/column,
// and writing a game back so that it reads the same.
#include "rules/pdn.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "rules/fen.h"
#include "rules/movegen.h"
#include "rules/notation.h"

namespace tempo {
namespace {

constexpr char kTwoGames[] = R"([Event "Test match"]
[White "A. Player"]
[Black "B. \"Quote\" Player"]
[Result "2-0"]
[GameType "20"]

1. 32-28 19-23 2. 28x19 14x23 {a comment
spanning lines} 3. 37-32 $1 (3. 33-28 ; variation
 (nested 3... 10-14) {with } ) 3... 10-14! 4. 34-30?! 5-10 2-0

[Event "Second"]
[FEN "B:W45,50:BK5"]
1... 5-10 2. 45-40 1/2-1/2
)";

TEST(Pdn, ReadsTagsMovesCommentsVariationsAndResults) {
  absl::StatusOr<std::vector<PdnGame>> games = parse_pdn(kTwoGames);
  ASSERT_TRUE(games.ok()) << games.status();
  ASSERT_EQ(games->size(), 2u);
  const PdnGame& a = (*games)[0];
  ASSERT_NE(a.tag("Black"), nullptr);
  EXPECT_EQ(*a.tag("Black"), "B. \"Quote\" Player");
  EXPECT_EQ(a.tag("Round"), nullptr);
  EXPECT_EQ(a.result, "2-0");
  ASSERT_EQ(a.game.ply(), 8);
  EXPECT_EQ(a.game.moves()[3], make_move(14, 23, square_bb(19)));
  EXPECT_EQ(a.game.moves()[4], make_move(37, 32));
  // The game's own comment is kept after the 4th move, lines folded; the
  // variation's comments went with it.
  ASSERT_EQ(a.comments.size(), 1u);
  EXPECT_EQ(a.comments[0], (std::pair<int, std::string>{4, "a comment spanning lines"}));
  const PdnGame& b = (*games)[1];
  EXPECT_TRUE(b.comments.empty());
  EXPECT_EQ(b.result, "1-1");
  EXPECT_EQ(to_fen(b.game.start()), "B:W45,50:BK5");
  EXPECT_EQ(b.game.ply(), 2);
}

TEST(Pdn, ResultTokensNormalised) {
  for (auto [in, out] : std::vector<std::pair<const char*, const char*>>{{"2-0", "2-0"},
                                                                         {"1-0", "2-0"},
                                                                         {"0-2", "0-2"},
                                                                         {"0-1", "0-2"},
                                                                         {"1-1", "1-1"},
                                                                         {"1/2-1/2", "1-1"},
                                                                         {"0-0", "0-0"},
                                                                         {"*", "*"}}) {
    absl::StatusOr<PdnGame> g = parse_pdn_game(std::string("1. 32-28 ") + in);
    ASSERT_TRUE(g.ok()) << in << ": " << g.status();
    EXPECT_EQ(g->result, out) << in;
  }
  EXPECT_FALSE(normalise_result("3-0").ok());
}

TEST(Pdn, PaddedMoveTextOfOldFiles) {
  absl::StatusOr<PdnGame> g = parse_pdn_game("1. 32-28  17-22 2. 28x17 12x21 3. 37-32  7-12 4. 41-37  1- 7 *");
  ASSERT_TRUE(g.ok()) << g.status();
  ASSERT_EQ(g->game.ply(), 8);
  EXPECT_EQ(g->game.moves()[7], make_move(1, 7));
  // A dangling separator at the end is still an error.
  EXPECT_FALSE(parse_pdn_game("1. 32- *").ok());
}

TEST(Pdn, VariationsHideCommentsWithBrackets) {
  absl::StatusOr<PdnGame> g = parse_pdn_game("1. 32-28 (1. 33-28 {a ) in a comment} ; and ) here\n 18-23) 19-23 *");
  ASSERT_TRUE(g.ok()) << g.status();
  EXPECT_EQ(g->game.ply(), 2);
}

TEST(Pdn, Utf8TagValuesArePreserved) {
  absl::StatusOr<PdnGame> g = parse_pdn_game("[White \"Sijbrands, T\xC3\xB3n\"]\n1. 32-28 *");
  ASSERT_TRUE(g.ok()) << g.status();
  EXPECT_EQ(*g->tag("White"), "Sijbrands, T\xC3\xB3n");
  EXPECT_NE(write_pdn(*g).find("[White \"Sijbrands, T\xC3\xB3n\"]"), std::string::npos);
}

TEST(Pdn, WriterUsesTheLongFormOnlyWhenAmbiguous) {
  absl::StatusOr<PdnGame> g = parse_pdn_game("[FEN \"W:WK22,50:B14,18,19,35,43\"]\n1. 22x13x30x48 *");
  ASSERT_TRUE(g.ok()) << g.status();
  EXPECT_NE(write_pdn(*g).find("\n1. 22x13x30x48 *\n"), std::string::npos) << write_pdn(*g);
  absl::StatusOr<PdnGame> h = parse_pdn_game("[FEN \"W:WK46,50:B21,22,31,37\"]\n1. 46x28x17x26 *");
  ASSERT_TRUE(h.ok()) << h.status();
  EXPECT_NE(write_pdn(*h).find("\n1. 46x26 *\n"), std::string::npos) << write_pdn(*h);
}

TEST(Pdn, ResultFromTagWhenMovesHaveNone) {
  absl::StatusOr<PdnGame> g = parse_pdn_game("[Result \"0-2\"]\n1. 32-28 19-23\n");
  ASSERT_TRUE(g.ok()) << g.status();
  EXPECT_EQ(g->result, "0-2");
}

TEST(Pdn, GluedMoveNumbersAndLongForm) {
  // 1.32-28 glued; the long form is accepted even when the short one would do.
  absl::StatusOr<PdnGame> g = parse_pdn_game("[FEN \"W:W28:B23,13,1\"]\n1.28x19x8 *");
  ASSERT_TRUE(g.ok()) << g.status();
  ASSERT_EQ(g->game.ply(), 1);
  EXPECT_EQ(g->game.moves()[0], make_move(28, 8, square_bb(23) | square_bb(13)));
  g = parse_pdn_game("1.32-28 19-23 2.28x19 *");
  ASSERT_TRUE(g.ok()) << g.status();
  EXPECT_EQ(g->game.ply(), 3);
}

TEST(Pdn, GamesWithoutResultSplitOnTags) {
  absl::StatusOr<std::vector<PdnGame>> g = parse_pdn("[Event \"a\"]\n1. 32-28\n[Event \"b\"]\n1. 33-28\n");
  ASSERT_TRUE(g.ok()) << g.status();
  ASSERT_EQ(g->size(), 2u);
  EXPECT_EQ((*g)[1].game.moves()[0], make_move(33, 28));
  EXPECT_EQ((*g)[1].result, "*");
}

TEST(Pdn, EmptyTextHasNoGames) {
  absl::StatusOr<std::vector<PdnGame>> g = parse_pdn("  \n\xEF\xBB\xBF");
  // The BOM is only skipped at the very start; elsewhere it is a bad token.
  EXPECT_FALSE(g.ok());
  g = parse_pdn("\xEF\xBB\xBF \n ");
  ASSERT_TRUE(g.ok()) << g.status();
  EXPECT_TRUE(g->empty());
  EXPECT_FALSE(parse_pdn_game("").ok());
}

void expect_error(std::string_view text, std::string_view needle) {
  absl::StatusOr<std::vector<PdnGame>> g = parse_pdn(text);
  ASSERT_FALSE(g.ok()) << "accepted: " << text;
  EXPECT_NE(g.status().message().find(absl::string_view(needle.data(), needle.size())), absl::string_view::npos)
      << "message: " << g.status().message() << "\nwanted: " << needle;
}

TEST(Pdn, ErrorsSayGameLineAndColumn) {
  expect_error("1. 32-28 *\n\n[Event \"x\"]\n1. 32-28 19-23\n2. 28-22 *",
               "PDN game 2, line 5, column 4: move 2 (white) '28-22'");
  expect_error("1. 32-28 19-25 *", "line 1, column 10: move 1 (black) '19-25': illegal move");
  expect_error("1. 32-28 {never closed", "line 1, column 10: comment '{' is never closed");
  expect_error("1. 32-28 (19-23", "column 10: variation '(' is never closed");
  expect_error("[Event \"open", "value of tag Event");
  expect_error("[Event x]", "expected '\"'");
  expect_error("[GameType \"21\"]\n1. 32-28 *", "GameType '21' is not international draughts");
  expect_error("[FEN \"W:W1:B2\"]\n1. 32-28 *", "line 1, column 6: bad FEN");
  expect_error("1. 32-28 ) *", "unexpected ')'");
  expect_error("1. 32-28 $x", "expected a number after '$'");
  expect_error("1. 32-28 \xC3\xA9 *", "'\\xc3\\xa9'");
  expect_error("1. 32-28 19\0-23 *", "'19'");
}

TEST(Pdn, RecordsMayGoOnPastADrawRule) {
  absl::StatusOr<PdnGame> g = parse_pdn_game(
      "[FEN \"W:WK46,48,49,50:BK4,1,2,3\"]\n1. 46-41 4-9 2. 41-46 9-4 3. 46-41 4-9 4. 41-46 9-4 5. 48-42 1-1");
  ASSERT_TRUE(g.ok()) << g.status();
  EXPECT_EQ(g->game.ply(), 9);
  EXPECT_EQ(g->game.status().state, GameState::kOngoing) << "the man move ended the repetition";
}

TEST(Pdn, RejectsMovesAfterTheEnd) {
  expect_error("[FEN \"W:W28:B23\"]\n1. 28x19 19-14 *", "the game is already over, white wins");
}

TEST(Pdn, HugeAndBinaryInputDoNotCrash) {
  std::string big(1 << 20, '{');
  EXPECT_FALSE(parse_pdn(big).ok());
  std::string nested(1 << 20, '(');
  EXPECT_FALSE(parse_pdn(nested).ok());
  std::string moves;
  for (int i = 0; i < 20000; ++i) moves += "1. 32-28 ";
  EXPECT_FALSE(parse_pdn(moves).ok());
  std::string bytes;
  for (int i = 0; i < 4096; ++i) bytes += static_cast<char>(i * 131 % 256);
  EXPECT_FALSE(parse_pdn(bytes).ok());
  std::string tags;
  for (int i = 0; i < 10000; ++i) tags += "[Event \"e\"]\n*\n";
  absl::StatusOr<std::vector<PdnGame>> g = parse_pdn(tags);
  ASSERT_TRUE(g.ok()) << g.status();
  EXPECT_EQ(g->size(), 10000u);
}

TEST(Pdn, WriteThenReadGivesTheSameGame) {
  absl::StatusOr<std::vector<PdnGame>> games = parse_pdn(kTwoGames);
  ASSERT_TRUE(games.ok()) << games.status();
  for (const PdnGame& g : *games) {
    const std::string text = write_pdn(g);
    absl::StatusOr<PdnGame> back = parse_pdn_game(text);
    ASSERT_TRUE(back.ok()) << back.status() << "\n" << text;
    EXPECT_EQ(back->game.moves(), g.game.moves()) << text;
    EXPECT_EQ(back->game.start(), g.game.start());
    EXPECT_EQ(back->result, g.result);
    EXPECT_EQ(back->comments, g.comments);
    for (const auto& [name, value] : g.tags) {
      ASSERT_NE(back->tag(name), nullptr) << name;
      EXPECT_EQ(*back->tag(name), value) << name;
    }
    EXPECT_EQ(write_pdn(*back), text);
  }
}

TEST(Pdn, CommentsStayWithTheirMoves) {
  absl::StatusOr<PdnGame> g = parse_pdn_game(
      "{Before the first move} 1. 32-28 {White opens; a classic} {and a second one} 19-23 ; to line end\n"
      "2. 28x19 {this {nests? no: ends at the first brace} 14x23 {a long note that has to wrap because it goes "
      "on and on well past the eighty characters of one line} 1-0");
  ASSERT_TRUE(g.ok()) << g.status();
  const std::vector<std::pair<int, std::string>> want = {
      {0, "Before the first move"},
      {1, "White opens; a classic and a second one"},
      {2, "to line end"},
      {3, "this {nests? no: ends at the first brace"},
      {4, "a long note that has to wrap because it goes on and on well past the eighty characters of one line"}};
  EXPECT_EQ(g->comments, want);
  const std::string text = write_pdn(*g);
  EXPECT_NE(text.find("{Before the first move} 1. 32-28 {White opens; a classic and a second one}"), std::string::npos)
      << text;
  for (const std::string& line : std::vector<std::string>(absl::StrSplit(text, '\n')))
    EXPECT_LT(line.size(), 80u) << line;
  absl::StatusOr<PdnGame> back = parse_pdn_game(text);
  ASSERT_TRUE(back.ok()) << back.status() << "\n" << text;
  EXPECT_EQ(back->comments, want);
  // A '}' inside a comment (possible when built in code) cannot end it early.
  PdnGame made = *g;
  made.comments = {{1, "odd } brace"}};
  absl::StatusOr<PdnGame> again = parse_pdn_game(write_pdn(made));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->comments, (std::vector<std::pair<int, std::string>>{{1, "odd ) brace"}}));
}

TEST(Pdn, WriterFormat) {
  absl::StatusOr<PdnGame> g = parse_pdn_game("[White \"W\"]\n1. 32-28 19-23 2. 28x19 14x23 1-0");
  ASSERT_TRUE(g.ok()) << g.status();
  EXPECT_EQ(write_pdn(*g), "[White \"W\"]\n[Result \"2-0\"]\n\n1. 32-28 19-23 2. 28x19 14x23 2-0\n");
  absl::StatusOr<PdnGame> b = parse_pdn_game("[FEN \"B:W45,50:BK5\"]\n1... 5-10 2. 45-40 *");
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ(write_pdn(*b), "[FEN \"B:W45,50:BK5\"]\n[Result \"*\"]\n[GameType \"20\"]\n\n1... 5-10 2. 45-40 *\n");
}

TEST(Pdn, RandomGamesRoundTrip) {
  // Random games reach kings, long king captures and the odd ambiguous
  // capture: writing and reading back must give the same moves.
  std::mt19937 rng(11);
  for (const char* start : {"W:W31-50:B1-20", "B:WK46,K47,31-40:BK3,K4,11-20"}) {
    for (int n = 0; n < 30; ++n) {
      PdnGame g;
      g.game = *Game::from_fen(start);
      g.set_tag("Event", "random");
      for (int ply = 0; ply < 300; ++ply) {
        MoveList list;
        g.game.legal_moves(list);
        if (list.empty()) break;
        ASSERT_TRUE(g.game.play(list[static_cast<int>(rng() % list.size)]).ok());
      }
      g.result = result_of(g.game.status());
      const std::string text = write_pdn(g);
      absl::StatusOr<PdnGame> back = parse_pdn_game(text);
      ASSERT_TRUE(back.ok()) << back.status() << "\n" << text;
      EXPECT_EQ(back->game.moves(), g.game.moves()) << text;
      EXPECT_EQ(back->result, g.result);
      for (std::size_t at = 0; (at = text.find('\n', at)) != std::string::npos; ++at) {
        const std::size_t next = text.find('\n', at + 1);
        if (next != std::string::npos) {
          EXPECT_LT(next - at - 1, 80u) << "line too long in\n" << text;
        }
      }
    }
  }
}

TEST(Pdn, MangledRealFilesNeverCrash) {
  std::ifstream f(std::string(TEMPO_SOURCE_DIR) + "/data/games/wk2003.pdn", std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  const std::string text = ss.str();
  ASSERT_FALSE(text.empty());
  std::mt19937 rng(5);
  int failures = 0;
  for (int round = 0; round < 300; ++round) {
    std::string s = text;
    if (round % 3 == 0) s.resize(rng() % s.size());  // truncated anywhere
    for (int e = 0; e < 1 + round % 4; ++e) s[rng() % s.size()] = static_cast<char>(rng() % 256);
    failures += !parse_pdn(s).ok();
  }
  EXPECT_GT(failures, 0) << "some edits must be caught";
}

TEST(Pdn, KeepsNagsAndVariations) {
  absl::StatusOr<std::vector<PdnGame>> games = parse_pdn(kTwoGames);
  ASSERT_TRUE(games.ok()) << games.status();
  const PdnGame& a = (*games)[0];
  EXPECT_EQ(a.nags, (std::vector<std::pair<int, int>>{{5, 1}, {6, 1}, {7, 6}}));
  ASSERT_EQ(a.variations.size(), 1u);
  EXPECT_EQ(a.variations[0], (std::pair<int, std::string>{5, "3. 33-28 {variation} (nested 3... 10-14) {with }"}));
  const std::string text = write_pdn(a);
  EXPECT_NE(text.find("3. 37-32! (3. 33-28"), std::string::npos) << text;
  EXPECT_NE(text.find("10-14! 4. 34-30?!"), std::string::npos) << text;
  absl::StatusOr<PdnGame> back = parse_pdn_game(text);
  ASSERT_TRUE(back.ok()) << back.status() << "\n" << text;
  EXPECT_EQ(back->nags, a.nags);
  EXPECT_EQ(back->variations, a.variations);
  EXPECT_EQ(back->comments, a.comments);
  EXPECT_EQ(write_pdn(*back), text);
  // NAGs other than the six marks stay numbers; two marks on one move too.
  absl::StatusOr<PdnGame> g = parse_pdn_game("$10 1. 32-28 !! $2 $140 19-23 *");
  ASSERT_TRUE(g.ok()) << g.status();
  EXPECT_EQ(g->nags, (std::vector<std::pair<int, int>>{{0, 10}, {1, 3}, {1, 2}, {1, 140}}));
  EXPECT_NE(write_pdn(*g).find("$10 1. 32-28!! $2 $140 19-23 *"), std::string::npos) << write_pdn(*g);
  expect_error("1. 32-28 $256 *", "column 10: a NAG is a number from $0 to $255");
}

TEST(Pdn, CommentsAndVariationsStopAtATagLine) {
  expect_error("[Event \"a\"]\n1. 32-28 {open\n[Event \"b\"]\n1. 33-28 *",
               "line 2, column 10: comment '{' is never closed");
  expect_error("1. 32-28 (19-23\n[Event \"b\"]\n1. 33-28 *", "line 1, column 10: variation '(' is never closed");
  // A comment may still hold brackets, and lines starting with them, when they are not a tag pair.
  absl::StatusOr<PdnGame> g = parse_pdn_game("1. 32-28 {see\n[diagram] and\n[Event x]} *");
  ASSERT_TRUE(g.ok()) << g.status();
  // Written back, a word starting with `[` never starts a line.
  g->comments[0].second = std::string(70, 'x') + " [Event \"y\"]";
  const std::string text = write_pdn(*g);
  absl::StatusOr<PdnGame> back = parse_pdn_game(text);
  ASSERT_TRUE(back.ok()) << back.status() << "\n" << text;
  EXPECT_EQ(back->comments, g->comments);
}

constexpr char kBrokenFile[] = R"([Event "good 1"]
1. 32-28 19-23 2-0

[Event "illegal move"]
1. 32-28 19-25 2. 28-22 0-2

[Event "good 3"]
1. 33-28 {fine} 18-23 1-1

[Event "unclosed comment"]
1. 32-28 {never closed
[Event "good 5"]
[Result "1-0"]
1. 34-29
[Event "bad FEN"]
[FEN "W:W1:B2"]
1. 32-28 *
1. 31-27 * 1. 32-27 17-21 *
[Event "bad tag
1. 32-28 *
[Event "good 9"]
1. 35-30 0-2
)";

TEST(Pdn, ReadsOnPastBadGames) {
  const std::vector<PdnEntry> entries = read_pdn_games(kBrokenFile);
  std::vector<std::string> seen;
  for (const PdnEntry& e : entries) {
    seen.push_back(e.ok ? absl::StrCat(e.number, " ok ", e.line, " ", e.game.tag("Event") ? *e.game.tag("Event") : "-",
                                       " ", e.game.game.ply(), " ", e.game.result)
                        : absl::StrCat(e.number, " bad ", e.line, " ", e.error.message()));
  }
  const std::vector<std::string> expected = {
      "1 ok 1 good 1 2 2-0",
      "2 bad 4 PDN game 2, line 5, column 10: move 1 (black) '19-25': illegal move '19-25': no legal move goes "
      "from 19 to 25",
      "3 ok 7 good 3 2 1-1",
      "4 bad 10 PDN game 4, line 11, column 10: comment '{' is never closed",
      "5 ok 12 good 5 1 2-0",
      "6 bad 15 PDN game 6, line 16, column 6: bad FEN: white man on square 1 stands on White's promotion row; it "
      "would be a king",
      "7 ok 18 - 1 *",
      "8 ok 18 - 2 *",
      "9 bad 19 PDN game 9, line 19, column 16: value of tag Event runs past the end of the line",
      "10 ok 21 good 9 1 0-2",
  };
  EXPECT_EQ(seen, expected);
  // Numbers and lines shift for a piece of a longer file.
  const std::vector<PdnEntry> later = read_pdn_games("\n1. 32-28 19-25 *", 40, 100);
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(later[0].error.message(),
            "PDN game 40, line 101, column 10: move 1 (black) '19-25': illegal move '19-25': no legal move goes from "
            "19 to 25");
  // Every good game of a strict read is read the same.
  const std::vector<PdnEntry> all = read_pdn_games(kTwoGames);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_TRUE(all[0].ok && all[1].ok);
  EXPECT_EQ(write_pdn(all[0].game), write_pdn(parse_pdn(kTwoGames)->front()));
}

TEST(Pdn, MangledFilesReadOnWithoutCrashing) {
  std::ifstream f(std::string(TEMPO_SOURCE_DIR) + "/data/games/wk2003.pdn", std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  const std::string text = ss.str();
  const std::size_t good = parse_pdn(text)->size();
  std::mt19937 rng(7);
  for (int round = 0; round < 100; ++round) {
    std::string s = text;
    for (int e = 0; e < 1 + round % 3; ++e) s[rng() % s.size()] = static_cast<char>(rng() % 256);
    const std::vector<PdnEntry> entries = read_pdn_games(s);
    int ok = 0;
    for (const PdnEntry& e : entries) ok += e.ok;
    // An edit spoils at most the game it lands in (or splits one in two).
    EXPECT_GE(ok + 3, static_cast<int>(good)) << "round " << round;
  }
}

}  // namespace
}  // namespace tempo
