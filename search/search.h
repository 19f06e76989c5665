// Tempo's search: iterative-deepening alpha-beta over the caller's table.
//
// One call = one search. Everything the search needs comes in the request
// (position, game history, limits, level, seed, table buffer, cancel flag,
// progress callback) and everything it found goes out in the result; there is
// no global state, so concurrent calls on distinct buffers are independent.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/move.h"
#include "engine/position.h"
#include "tt/table.h"

namespace tempo {

inline constexpr int kMaxPly = 128;       // deepest line the search follows
inline constexpr int kMaxMultiPv = 32;
inline constexpr int kWinScore = tt::kWinScore;  // win in n plies = kWinScore - n
inline constexpr int kWinThreshold = tt::kWinThreshold;

enum class Level : std::uint8_t { kEasy = 0, kMedium = 1, kHard = 2, kExpert = 3 };
const char* level_name(Level l);
absl::StatusOr<Level> parse_level(std::string_view name);

// How strong and how human the search plays; Expert is full strength.
struct Params {
  int max_depth = kMaxPly - 1;     // plies
  int time_limit_ms = 0;           // per move, 0 = none (on top of Limits)
  int eval_noise = 0;              // uniform +-noise/2 added at leaves (100 = a man)
  double blunder_probability = 0;  // chance of a deliberate weaker root move
  int blunder_margin = 0;          // how much weaker it may be (static score)
  double feature_scale = 1.0;      // evaluation positional terms, 0 = material only
  bool use_table = true;
  bool use_killers = true;
  // The app's old search, for comparison matches only: iterative deepening
  // over plain alpha-beta to a fixed depth, leaves evaluated as they stand
  // (no quiescence, even with a capture pending), no PVS, reductions,
  // extensions, pruning or aspiration, and no draw rules.
  bool classic = false;

  static Params for_level(Level l);
};

// When to stop. Zero means "not set"; with nothing set the search runs to
// Params::max_depth.
struct Limits {
  int depth = 0;
  std::uint64_t nodes = 0;
  int movetime_ms = 0;
  int time_left_ms = 0;    // game clock of the side to move
  int increment_ms = 0;
  int moves_to_go = 0;     // 0 = sudden death
  bool infinite = false;   // only the cancel flag stops it
};

// A line of play, fixed size so the search never allocates for it.
struct Line {
  Move moves[kMaxPly];
  int size = 0;
  std::span<const Move> view() const { return {moves, static_cast<std::size_t>(size)}; }
};

// Sent to the progress callback after each completed iteration.
struct Progress {
  int depth = 0;
  int seldepth = 0;
  double mean_depth = 0;   // average ply at which this iteration's lines ended
  int score = 0;           // side to move's view, 100 = one man
  std::uint64_t nodes = 0;
  std::int64_t time_ms = 0;
  int multipv_index = 0;   // 0 = best line
  const Line* pv = nullptr;
};

struct ScoredMove {
  Move move;
  int score = 0;
  Line pv;
};

struct SearchRequest {
  Position start;                  // the game's position before `moves`
  std::span<const Move> moves;     // moves played since `start` (legal, in order)
  Limits limits;
  Params params;
  std::uint64_t seed = 0;          // all randomness (noise, blunders) comes from it
  int multipv = 1;                 // how many best root moves to score (1..kMaxMultiPv)
  std::uint8_t* tt = nullptr;      // caller-owned table buffer, or null for none
  std::size_t tt_len = 0;
  std::int32_t* cancel = nullptr;  // non-zero (set from any thread) stops the search
  std::function<void(const Progress&)> on_progress;  // called on the searching thread
};

struct SearchResult {
  bool has_move = false;   // false: no legal move (the side to move has lost)
  Move best_move;
  int score = 0;
  int depth = 0;           // last completed iteration
  int seldepth = 0;
  std::uint64_t nodes = 0;
  std::int64_t time_ms = 0;
  Line pv;
  std::vector<ScoredMove> multipv;  // best first; size min(multipv, legal moves)
  bool cancelled = false;
  bool blunder = false;    // the level chose a deliberately weaker move
  tt::Status tt_status = tt::Status::kFresh;
  tt::Reason tt_reason = tt::Reason::kNone;
};

// Errors: invalid start position, an illegal move in `moves`, bad table buffer,
// out-of-range parameters. With exactly one legal move it answers at once.
absl::StatusOr<SearchResult> search(const SearchRequest& request);

// The fingerprint of the hashing and evaluation this build uses; a table
// written with another fingerprint is reset.
std::uint64_t table_fingerprint();

// Static evaluation of a position from the side to move's view (100 = a man).
int evaluate(const Position& pos, double feature_scale = 1.0);

}  // namespace tempo
