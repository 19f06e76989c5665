// Time management (internal to search/): how long one move may take.
#pragma once

#include <cstdint>

#include "search/params.h"

namespace tempo::timing {

struct Budget {
  std::int64_t soft_ms = 0;  // do not start another iteration after this (0 = none)
  std::int64_t hard_ms = 0;  // stop searching at this point (0 = none)
};

// From the caller's limits and the level's per-move cap (used when the
// caller gives neither a move time nor a clock). Infinite ignores every
// clock; a fixed move time is used in full.
Budget plan(const Limits& limits, const Params& params);

}  // namespace tempo::timing
