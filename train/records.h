// Training records: self-play games as written by `tempo selfplay` and read
// back, position by position, by `tempo fit`.
//
// A game file stores each game as its moves from the standard start position,
// one byte a move (the move's place among the position's legal moves in a
// fixed order), and a search score for every position used for training:
// about 3 bytes a position, where a stored position would take 32. Reading
// replays the moves, so every position read is a legal one.
//
//   file  = "tempo-g1" (8 bytes), then games, each written whole
//   game  = u32 number, i8 result (White's view: 1, 0, -1), u8 0,
//           u16 moves, u16 move bytes, move bytes, i16 score x (moves + 1)
//   move  = u8 index < 255, or 255 then u16 index (composed positions with
//           255 or more legal moves)
//   score = White's view (100 = a man) of the position after that many
//           moves, or kNoScore for one not used for training
//
// All integers little-endian. An interrupted write leaves at most one partial
// game at the end: readers stop before it and selfplay cuts it off before
// appending. Files of plain 32-byte records (Record, written by Tempo before
// game files existed) are still read.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "rules/move.h"
#include "rules/position.h"

namespace tempo::train {

// One training position, as the fitter uses it (and, 32 bytes each, the
// older file format).
struct Record {
  std::uint64_t white = 0, black = 0, kings = 0;  // Position bitboards
  std::uint8_t side = 0;                          // 0 = White to move
  std::int8_t result = 0;                         // the game's result, White's view: 1, 0, -1
  std::int16_t score = 0;                         // search score at this position, White's view (100 = a man)
  std::uint32_t game = 0;                         // game number, for resuming and for splitting data by game

  Position position() const {
    Position p;
    p.white = white;
    p.black = black;
    p.kings = kings;
    p.side = side ? Color::kBlack : Color::kWhite;
    return p;
  }
};
static_assert(sizeof(Record) == 32, "records are 32 bytes on disk");

inline constexpr std::string_view kGameFileMagic = "tempo-g1";
inline constexpr std::int16_t kNoScore = INT16_MIN;  // a position not used for training

// One self-play game: moves from the standard start position and a score (or
// kNoScore) for each of the moves.size() + 1 positions.
struct GameRecord {
  std::uint32_t number = 0;
  std::int8_t result = 0;  // White's view
  std::vector<Move> moves;
  std::vector<std::int16_t> scores;
};

// A move's place among the legal moves of `pos` ordered by (from, to,
// captured): an order that depends on the rules only, not on the order the
// generator happens to produce, so files stay readable when it changes.
// -1 when `m` is not legal in `pos`.
int move_index(const Position& pos, const Move& m);

// The game as it is stored (including the file's magic only when asked).
// Fails when a move is not legal in its position or the scores do not match.
absl::StatusOr<std::string> encode_game(const GameRecord& game);

// Every training position of a game file or a file of 32-byte records;
// `games` (optional) receives the number of whole games read. A damaged
// file is an error naming the game or record; a cut-off last game is not.
absl::StatusOr<std::vector<Record>> read_records(const std::string& path, std::uint32_t* games = nullptr);

// For resuming selfplay: the number of whole games in a game file, the next
// unused game number, and the file cut back to its whole games. A missing
// file is created with the magic; a file in another format is an error.
struct GameFileState {
  std::uint32_t games = 0;
  std::uint32_t next_number = 0;
};
absl::StatusOr<GameFileState> prepare_game_file(const std::string& path);

}  // namespace tempo::train
