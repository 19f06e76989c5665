// `tempo match --resume`: the games of this match already in its PDN file.
//
// A match file holds games 1, 2, ... in order (they are written in game
// order), each starting with `[Event "tempo match"]`. Every game carries the
// tags that identify its match and its place in it (Round = the game's
// number, White, Black, Opening, TimeControl, MatchSettings); a game whose
// tags differ from what this match would write for that number is another
// match's, and the file is refused. The last game may be cut off (the
// process killed while writing it): it is not counted and is played again.
// Text that cannot be read anywhere else is a damaged file, refused too.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace tempo::cli {

// The tags game `number` (1-based) of this match is written with, in order.
using MatchTags = std::vector<std::pair<std::string, std::string>>;

struct FinishedGame {
  std::string white, black;
  std::string result;  // "2-0", "0-2" or "1-1"
  std::string termination;
};

struct MatchFile {
  int games = 0;                // finished games: 1..games of the match
  bool cut_off = false;         // a cut-off game follows them
  int cut_line = 0;             // where it starts
  bool ends_in_newline = true;  // false: the file's last line is incomplete
};

// The first line of a game: a file (or a cut-off game) must start with it.
inline constexpr char kMatchEvent[] = "[Event \"tempo match\"]";
// The line written after a cut-off game, before the game that replaces it:
// a PDN escape line, so the next game's tags start a new game for every reader.
inline constexpr char kCutOffNote[] = "% tempo match --resume: the game above was cut off; it is played again below";

// Reads `path` game by game (memory bounded by one game's text, at most
// 4 MiB), checking game n's tags against expected(n) in that order, and
// passing each finished game to on_game (n from 1). A missing file is an
// empty one. Errors (a different match, a damaged file) say where and what
// differs, in one line.
absl::StatusOr<MatchFile> read_match_file(const std::string& path, const std::function<MatchTags(int)>& expected,
                                          const std::function<void(int, const FinishedGame&)>& on_game);

}  // namespace tempo::cli
