#include "search/time.h"

#include <algorithm>

namespace tempo::timing {
namespace {

// Kept back from the clock for the caller's own overhead (thread hand-over,
// isolate messages), so the engine never loses on time.
constexpr std::int64_t kOverheadMs = 30;

std::int64_t min_set(std::int64_t a, std::int64_t b) {
  if (a <= 0) return b;
  if (b <= 0) return a;
  return std::min(a, b);
}

}  // namespace

Budget plan(const Limits& limits, const Params& params) {
  Budget b;
  if (limits.infinite) return b;
  if (limits.movetime_ms > 0) {
    b.hard_ms = limits.movetime_ms;
    b.soft_ms = limits.movetime_ms;  // a fixed time is the time to use
  }
  if (limits.time_left_ms > 0) {
    const std::int64_t left = std::max<std::int64_t>(1, limits.time_left_ms - kOverheadMs);
    // Sudden death: plan for ~30 more moves; with moves to go, spread evenly
    // with a small reserve.
    const std::int64_t moves = limits.moves_to_go > 0 ? std::min(limits.moves_to_go, 50) + 1 : 30;
    const std::int64_t target = left / moves + limits.increment_ms * 3 / 4;
    const std::int64_t hard = std::min<std::int64_t>(left / 2 + limits.increment_ms / 2, target * 4);
    const std::int64_t soft = std::min<std::int64_t>(hard, target * 6 / 10);
    b.hard_ms = min_set(b.hard_ms, std::max<std::int64_t>(1, hard));
    b.soft_ms = min_set(b.soft_ms, std::max<std::int64_t>(1, soft));
  }
  // The level's cap is the default: a caller's move time or clock replaces
  // it; a depth or node limit (or none) does not, so no search without
  // `infinite` runs unbounded at any level.
  if (params.time_limit_ms > 0 && limits.movetime_ms <= 0 && limits.time_left_ms <= 0) {
    b.hard_ms = params.time_limit_ms;
    b.soft_ms = params.time_limit_ms;
  }
  return b;
}

}  // namespace tempo::timing
