#include "cli/flags.h"

#include "absl/flags/flag.h"

ABSL_FLAG(std::string, fen, "", "start position as PDN FEN (default: the initial position)");
ABSL_FLAG(int, depth, 0, "search or perft depth in plies (0 = the command's default)");
ABSL_FLAG(bool, divide, false, "perft: list every root move with its count");
ABSL_FLAG(std::string, moves, "", "moves played from the start position, PDN text separated by spaces (\"32-28 18-23\")");
ABSL_FLAG(int, movetime, 0, "search time per move in milliseconds (0 = not set)");
ABSL_FLAG(std::int64_t, nodes, 0, "search node limit (0 = not set)");
ABSL_FLAG(int, multipv, 1, "number of best root moves to score and print (1..32)");
ABSL_FLAG(std::string, level, "expert", "playing level: easy, medium, hard or expert");
ABSL_FLAG(std::uint64_t, seed, 0, "seed of all randomness (noise, blunders)");
ABSL_FLAG(int, tt_mb, 4, "transposition table size in MiB (0 = no table)");
// Overrides of single level parameters (search/search.h Params); the sentinel
// keeps the level's value.
ABSL_FLAG(int, max_depth, -1, "analyse, hub: search depth cap in plies, 1..127 (-1 = the level's value)");
ABSL_FLAG(int, time_limit, -1, "analyse, hub: the level's own time cap per move in ms, 0 = none (-1 = the level's value)");
ABSL_FLAG(int, eval_noise, -1, "analyse, hub: evaluation noise, 0..10000, 100 = a man (-1 = the level's value)");
ABSL_FLAG(double, blunder_probability, -1, "analyse, hub: chance of a deliberately weaker move, 0..1 (-1 = the level's)");
ABSL_FLAG(int, blunder_margin, -1, "analyse, hub: how much weaker a blunder may be, >= 0 (-1 = the level's value)");
ABSL_FLAG(double, feature_scale, -1, "analyse, hub: positional terms' weight, 0..4, 0 = material only (-1 = the level's)");
ABSL_FLAG(std::string, use_table, "", "analyse, hub: use the transposition table, true or false (empty = the level's)");
ABSL_FLAG(std::string, use_killers, "", "analyse, hub: use killer moves, true or false (empty = the level's value)");
