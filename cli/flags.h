// Command-line flags shared by the subcommands (absl flags are process-wide,
// so each name is declared once here). Dashes in flag names are accepted:
// `--tt-mb` and `--tt_mb` are the same flag. The level parameters
// (--max-depth ...) are not absl flags: see param_flags.h.
#pragma once

#include <cstdint>
#include <string>

#include "absl/flags/declare.h"

ABSL_DECLARE_FLAG(std::string, fen);
ABSL_DECLARE_FLAG(int, depth);
ABSL_DECLARE_FLAG(bool, divide);
ABSL_DECLARE_FLAG(std::string, moves);
ABSL_DECLARE_FLAG(int, movetime);
ABSL_DECLARE_FLAG(std::int64_t, nodes);
ABSL_DECLARE_FLAG(int, multipv);
ABSL_DECLARE_FLAG(std::string, level);
ABSL_DECLARE_FLAG(std::uint64_t, seed);
ABSL_DECLARE_FLAG(int, tt_mb);
ABSL_DECLARE_FLAG(std::string, egdb);
ABSL_DECLARE_FLAG(int, pieces);
ABSL_DECLARE_FLAG(bool, kings_only);
