// Game files (train/records.h): what selfplay writes is what fit reads, a
// cut-off last game is dropped (and cut off before appending), damage is
// refused with the game named, and files of plain 32-byte records still read.
#include "train/records.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "rules/movegen.h"

namespace tempo::train {
namespace {

class GameFile : public ::testing::Test {
 protected:
  void SetUp() override {
    char dir[] = "/tmp/tempo_records_XXXXXX";
    ASSERT_NE(::mkdtemp(dir), nullptr);
    dir_ = dir;
    path_ = dir_ + "/games.bin";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void append(const std::string& bytes) {
    std::ofstream f(path_, std::ios::binary | std::ios::app);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  std::string contents() const {
    std::ifstream f(path_, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(f), {});
  }
  void write_all(const std::string& bytes) {
    std::ofstream f(path_, std::ios::binary | std::ios::trunc);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }

  std::string dir_, path_;
};

// A random legal game from the start, every third position scored.
GameRecord random_game(std::uint32_t number, std::mt19937& rng, std::vector<Record>* expected) {
  GameRecord g;
  g.number = number;
  g.result = static_cast<std::int8_t>(static_cast<int>(rng() % 3) - 1);
  Position pos = Position::start();
  MoveList list;
  for (int ply = 0;; ++ply) {
    const bool scored = ply % 3 != 1;
    const auto score = static_cast<std::int16_t>(static_cast<int>(rng() % 2001) - 1000);
    g.scores.push_back(scored ? score : kNoScore);
    if (scored) {
      Record r;
      r.white = pos.white;
      r.black = pos.black;
      r.kings = pos.kings;
      r.side = pos.side == Color::kWhite ? 0 : 1;
      r.result = g.result;
      r.score = score;
      r.game = number;
      expected->push_back(r);
    }
    generate_moves(pos, list);
    if (list.size == 0 || ply == 150) break;
    const Move m = list[static_cast<int>(rng() % static_cast<unsigned>(list.size))];
    g.moves.push_back(m);
    pos = pos.after(m);
  }
  return g;
}

bool same(const Record& a, const Record& b) {
  return a.white == b.white && a.black == b.black && a.kings == b.kings && a.side == b.side && a.result == b.result &&
         a.score == b.score && a.game == b.game;
}

TEST_F(GameFile, WhatIsWrittenReadsBackPositionByPosition) {
  ASSERT_TRUE(prepare_game_file(path_).ok());
  std::mt19937 rng(7);
  std::vector<Record> expected;
  std::size_t moves = 0;
  for (std::uint32_t n = 0; n < 20; ++n) {
    GameRecord g = random_game(100 + n, rng, &expected);
    moves += g.moves.size();
    absl::StatusOr<std::string> bytes = encode_game(g);
    ASSERT_TRUE(bytes.ok()) << bytes.status();
    append(*bytes);
  }
  std::uint32_t games = 0;
  absl::StatusOr<std::vector<Record>> read = read_records(path_, &games);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(games, 20u);
  ASSERT_EQ(read->size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_TRUE(same((*read)[i], expected[i])) << "position " << i;
  // One byte a move and two a position, plus 10 a game and the magic.
  EXPECT_EQ(contents().size(), 8 + 20 * 10 + moves + 2 * (moves + 20));
}

TEST_F(GameFile, MoveIndexIsTheRulesOrderNotTheGenerators) {
  std::mt19937 rng(3);
  std::vector<Record> ignored;
  const GameRecord g = random_game(0, rng, &ignored);
  Position pos = Position::start();
  for (const Move& m : g.moves) {
    MoveList list;
    generate_moves(pos, list);
    int previous_from = -1;
    for (int i = 0; i < list.size; ++i) EXPECT_NE(move_index(pos, list[i]), -1);
    // Indices are dense, distinct and follow (from, to, captured).
    std::vector<Move> by_index(static_cast<std::size_t>(list.size));
    for (int i = 0; i < list.size; ++i) by_index[static_cast<std::size_t>(move_index(pos, list[i]))] = list[i];
    for (const Move& x : by_index) {
      EXPECT_GE(x.from, previous_from);
      previous_from = x.from;
    }
    pos = pos.after(m);
  }
  EXPECT_EQ(move_index(Position::start(), make_move(1, 2)), -1);
}

TEST_F(GameFile, ACutOffLastGameIsDroppedAndCutBeforeAppending) {
  ASSERT_TRUE(prepare_game_file(path_).ok());
  std::mt19937 rng(11);
  std::vector<Record> expected;
  for (std::uint32_t n = 0; n < 3; ++n) append(*encode_game(random_game(n, rng, &expected)));
  const std::size_t whole = contents().size();
  std::vector<Record> partial;
  const std::string last = *encode_game(random_game(3, rng, &partial));
  append(last.substr(0, last.size() / 2));

  std::uint32_t games = 0;
  absl::StatusOr<std::vector<Record>> read = read_records(path_, &games);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(games, 3u);
  EXPECT_EQ(read->size(), expected.size());

  absl::StatusOr<GameFileState> state = prepare_game_file(path_);
  ASSERT_TRUE(state.ok()) << state.status();
  EXPECT_EQ(state->games, 3u);
  EXPECT_EQ(state->next_number, 3u);
  EXPECT_EQ(contents().size(), whole);
}

TEST_F(GameFile, DamageIsRefusedNamingTheGame) {
  ASSERT_TRUE(prepare_game_file(path_).ok());
  std::mt19937 rng(5);
  std::vector<Record> expected;
  const std::string first = *encode_game(random_game(40, rng, &expected));
  const std::string second = *encode_game(random_game(41, rng, &expected));
  append(first + second);
  std::string bytes = contents();

  // The second game's first move index made far too large.
  std::string bad = bytes;
  bad[8 + first.size() + 10] = static_cast<char>(200);
  write_all(bad);
  absl::StatusOr<std::vector<Record>> read = read_records(path_);
  ASSERT_FALSE(read.ok());
  EXPECT_NE(read.status().message().find("game 1 (number 41) has no legal move 200 at ply 0"), std::string::npos)
      << read.status();
  EXPECT_FALSE(prepare_game_file(path_).ok());  // nothing appended to a damaged file

  // A result that is not 1, 0 or -1.
  bad = bytes;
  bad[8 + 4] = 5;
  write_all(bad);
  read = read_records(path_);
  ASSERT_FALSE(read.ok());
  EXPECT_NE(read.status().message().find("game 0 (number 40) has a bad header"), std::string::npos) << read.status();
}

TEST_F(GameFile, AWideMoveIndexReads) {
  // Index 255 is the escape for "a 16-bit index follows" (positions with 255
  // or more legal moves, composed ones only): index 0 written the long way.
  std::string game = std::string(kGameFileMagic);
  game += std::string("\x07\x00\x00\x00\x00\x00\x01\x00\x03\x00", 10);
  game += std::string("\xff\x00\x00", 3);
  game += std::string("\x00\x80\x2a\x00", 4);  // no score at the start, 42 after the move
  write_all(game);
  absl::StatusOr<std::vector<Record>> read = read_records(path_);
  ASSERT_TRUE(read.ok()) << read.status();
  ASSERT_EQ(read->size(), 1u);
  MoveList list;
  generate_moves(Position::start(), list);
  Move first = list[0];
  for (const Move& m : list)
    if (move_index(Position::start(), m) == 0) first = m;
  const Position after = Position::start().after(first);
  EXPECT_EQ((*read)[0].white, after.white);
  EXPECT_EQ((*read)[0].score, 42);
  EXPECT_EQ((*read)[0].game, 7u);
}

TEST_F(GameFile, OlderRecordFilesStillReadButAreNotAppendedTo) {
  Record r;
  const Position start = Position::start();
  r.white = start.white;
  r.black = start.black;
  r.score = 12;
  r.game = 3;
  write_all(std::string(reinterpret_cast<const char*>(&r), sizeof r));
  std::uint32_t games = 0;
  absl::StatusOr<std::vector<Record>> read = read_records(path_, &games);
  ASSERT_TRUE(read.ok()) << read.status();
  ASSERT_EQ(read->size(), 1u);
  EXPECT_EQ((*read)[0].score, 12);
  EXPECT_EQ(games, 1u);
  absl::StatusOr<GameFileState> state = prepare_game_file(path_);
  ASSERT_FALSE(state.ok());
  EXPECT_NE(state.status().message().find("not a game file"), std::string::npos);
}

TEST_F(GameFile, EncodeRefusesWhatItCannotStore) {
  GameRecord g;
  g.scores = {0, 0};  // two scores for no moves
  EXPECT_FALSE(encode_game(g).ok());
  g.scores = {0, 0};
  g.moves = {make_move(1, 7)};  // not legal at the start
  EXPECT_FALSE(encode_game(g).ok());
  g.moves.clear();
  g.scores = {0};
  g.result = 2;
  EXPECT_FALSE(encode_game(g).ok());
}

TEST_F(GameFile, NotARegularFileIsRefused) {
  EXPECT_FALSE(read_records("/dev/zero").ok());
  EXPECT_FALSE(prepare_game_file(dir_).ok());
}

}  // namespace
}  // namespace tempo::train
