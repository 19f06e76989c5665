#include "cli/flags.h"

#include "absl/flags/flag.h"

ABSL_FLAG(std::string, fen, "", "start position as PDN FEN (default: the initial position)");
ABSL_FLAG(int, depth, 0, "search or perft depth in plies (0 = the command's default)");
ABSL_FLAG(bool, divide, false, "perft: list every root move with its count");
