// Training records: one quiet position from a self-play game with the game's
// result and the search's score, as written by `tempo selfplay` and read by
// `tempo fit`.
//
// A record file is a plain array of 32-byte little-endian records, written a
// whole game at a time, so a file cut short by an interruption still holds
// only whole games (at most the last record is partial, and readers drop it).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "rules/position.h"

namespace tempo::train {

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

// Reads every whole record of `path`; positions that fail validation are an
// error naming the record (the file is then not a record file).
absl::StatusOr<std::vector<Record>> read_records(const std::string& path);

}  // namespace tempo::train
