// PDN games: read one or many games from PDN text, write a game back.
//
// Reading accepts what real PDN files contain: tag pairs (`[Event "..."]`,
// `[FEN "W:W31-50:B1-20"]`, `[GameType "20"]`...), move numbers (`1.`,
// `1...`, glued `1.32-28`), moves in the short or long form (also padded as
// `1- 7` in old files), comments `{...}` and `; to end of line` (kept with
// the move they follow), variations `(...)` (kept as text), NAGs `$n` and
// annotation marks (`! ? !! ?? !? ?!`, kept as $1..$6), and the result tokens
// `2-0 0-2 1-1 0-0 *` plus the chess-style `1-0 0-1 1/2-1/2` seen in the wild.
// Every move of the game itself is checked against the rules (a game may go
// on past a draw rule, as some real games did; it may not go on after a side
// has no legal move). Errors name the game number, line and column.
//
// A comment or variation never spans a line that starts with a tag pair
// (`[Name "`): such a line ends it as unclosed, so one bad game cannot
// swallow the games after it. read_pdn_games() reads on past a bad game.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "rules/game.h"

namespace tempo {

struct PdnGame {
  // Tag pairs in file order (the value is unescaped).
  std::vector<std::pair<std::string, std::string>> tags;
  Game game;
  // Normalised to "2-0" (white won), "0-2", "1-1" (draw), "0-0" or "*"
  // (unknown / unfinished). Taken from the result token after the moves, or
  // from the Result tag when the moves end without one.
  std::string result = "*";
  // Comments on the game's own moves (those inside variations are skipped
  // with them): {ply, text}, where ply is the number of moves before it
  // (0 = before the first move), in file order, one entry per place. Written
  // back after the same move, in braces. A comment after the result token
  // belongs to the next game (before its first move).
  std::vector<std::pair<int, std::string>> comments;
  // Numeric annotation glyphs: {ply, nag}, `$nag` on the ply-th move (0 =
  // before the first), in file order. The marks ! ? !! ?? !? ?! are read as
  // $1..$6 and written back as marks.
  std::vector<std::pair<int, int>> nags;
  // Variations on the game's own moves: {ply, text}, where the variation
  // follows the ply-th move (an alternative to it), in file order. The text is
  // what stood inside the outer parentheses, runs of whitespace folded to one
  // space, nested variations and comments included (a `;` comment becomes
  // `{...}`); its moves are not checked. Written back after the same move.
  std::vector<std::pair<int, std::string>> variations;

  // Value of a tag, or nullptr when absent.
  const std::string* tag(std::string_view name) const;
  // Sets a tag (replacing an existing one with the same name).
  void set_tag(std::string_view name, std::string_view value);
};

// Every game in `text`, in order. Empty text gives no games.
absl::StatusOr<std::vector<PdnGame>> parse_pdn(std::string_view text);

// Where and why a game could not be read.
struct PdnError {
  int game = 0;    // 1-based number of the game in the text, bad games counted
  int line = 0;    // 1-based
  int column = 0;  // 1-based, in bytes
  std::string reason;
  // "PDN game 3, line 41, column 7: <reason>", as parse_pdn's errors.
  std::string message() const;
};

// One game of read_pdn_games(): the game read, or the error that stopped it.
struct PdnEntry {
  int number = 0;  // 1-based number of the game in the text (counting from first_number)
  int line = 0;    // line where the game's first tag or move stands
  bool ok = false;
  PdnGame game;    // valid when ok
  PdnError error;  // set when !ok
};

// Every game in `text`, reading on past bad ones: after an error the reader
// skips to the next game (a line starting with `[` once move text has been
// seen, or past the next result token) and goes on. `first_number` and
// `first_line` shift the numbers, for a text that is one piece of a file.
std::vector<PdnEntry> read_pdn_games(std::string_view text, int first_number = 1, int first_line = 1);

// Exactly one game (more or fewer is an error).
absl::StatusOr<PdnGame> parse_pdn_game(std::string_view text);

// "2-0", "0-2", "1-1", "0-0", "*" for a result token or tag value (also
// accepting "1-0", "0-1", "1/2-1/2"); an error for anything else.
absl::StatusOr<std::string> normalise_result(std::string_view token);

// The PDN result a game status implies: "2-0", "0-2", "1-1", or "*" when ongoing.
std::string result_of(const GameStatus& status);

// PDN text of a game: its tags (the Result tag always matching `result`, a
// GameType and FEN tag when the game does not start from the start
// position), numbered moves in PDN move text (long form only when two legal
// moves share from and to) with their NAGs, comments and variations, and the
// result. Lines stay under 80 characters (a longer single word excepted).
std::string write_pdn(const PdnGame& game);

}  // namespace tempo
