#include "cli/flags.h"

#include "absl/flags/flag.h"

ABSL_FLAG(tempo::cli::GivenText, fen, {}, "start position as PDN FEN (default: the initial position)");
ABSL_FLAG(int, depth, 0, "search or perft depth in plies (0 = the command's default)");
ABSL_FLAG(bool, divide, false, "perft: list every root move with its count");
ABSL_FLAG(std::string, moves, "", "moves played from the start position, PDN text separated by spaces (\"32-28 18-23\")");
ABSL_FLAG(int, movetime, 0, "search time per move in milliseconds (0 = not given)");
ABSL_FLAG(std::int64_t, nodes, 0, "search node limit (0 = not given)");
ABSL_FLAG(int, multipv, 1, "number of best root moves to score and print (1..32)");
ABSL_FLAG(std::string, level, "expert", "playing level: easy, medium, hard or expert");
ABSL_FLAG(std::uint64_t, seed, 0, "seed of all randomness (noise, blunders)");
ABSL_FLAG(int, tt_mb, 4, "transposition table size in MiB (0 = no table)");
ABSL_FLAG(std::string, egdb, "", "endgame database: a directory holding tempo.egdb, or the file (empty = none)");
ABSL_FLAG(int, pieces, 4, "egdb build: largest number of pieces (2..6)");
ABSL_FLAG(bool, kings_only, false, "egdb build: only the slices without men");

namespace tempo::cli {

bool AbslParseFlag(absl::string_view in, GivenText* out, std::string* /*error*/) {
  out->given = true;
  out->text = std::string(in);
  return true;
}

std::string AbslUnparseFlag(const GivenText& value) { return value.text; }

std::optional<std::string> given_fen() {
  GivenText fen = absl::GetFlag(FLAGS_fen);
  if (!fen.given) return std::nullopt;
  return std::move(fen.text);
}

}  // namespace tempo::cli
