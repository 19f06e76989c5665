// Tempo's search: iterative-deepening alpha-beta over the caller's table.
//
// One call = one search of a game's current position. The game (rules/game.h,
// the one record of a history every layer builds) brings the repetitions and
// draw counters; the request brings everything else (limits, parameters,
// seed, table buffer, cancel flag, progress callback); everything found goes
// out in the result. There is no global state, so concurrent calls on
// distinct buffers are independent; calls sharing one buffer (from any
// threads, each with any number of search threads) share its entries.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "egdb/database.h"
#include "rules/game.h"
#include "rules/move.h"
#include "rules/position.h"
#include "rules/score.h"
#include "search/params.h"
#include "tt/table.h"

namespace tempo {

// A line of play, fixed size so the search never allocates for it.
struct Line {
  Move moves[kMaxPly];
  int size = 0;
  std::span<const Move> view() const { return {moves, static_cast<std::size_t>(size)}; }
};

// Sent to the progress callback after each completed iteration, and once
// more before the search returns when the move it plays is not the first move
// of the last best line sent: an unfinished iteration that proved a new move
// better (at that iteration's depth), one legal move or a search cancelled
// before depth 1 ended (depth 0), the level's deliberate mistake. So the last
// report always shows the move played.
struct Progress {
  int depth = 0;
  int seldepth = 0;
  double mean_depth = 0;  // average ply at which this iteration's lines ended
  int score = 0;          // side to move's view, 100 = one man
  std::uint64_t nodes = 0;
  std::int64_t time_ms = 0;
  int multipv_index = 0;  // 0 = best line
  const Line* pv = nullptr;
  bool book = false;  // the move is the opening book's (depth 0, a one-move line)
};

struct ScoredMove {
  Move move;
  int score = 0;
  Line pv;
};

struct SearchRequest {
  Limits limits;
  Params params;
  std::uint64_t seed = 0;      // all randomness (noise, blunders) comes from it
  int multipv = 1;             // how many best root moves to score (1..kMaxMultiPv)
  std::uint8_t* tt = nullptr;  // caller-owned table buffer, or null for none
  std::size_t tt_len = 0;
  // Caller-owned endgame database (egdb/FORMAT.md), or null for none. A bad
  // buffer is reported in SearchResult::egdb_status; the search goes on without it.
  const std::uint8_t* egdb = nullptr;
  std::size_t egdb_len = 0;
  std::int32_t* cancel = nullptr;  // non-zero (set from any thread) stops every search thread
  // Called on the calling thread only (never from a helper thread, never
  // twice at once), once per line after each completed iteration.
  std::function<void(const Progress&)> on_progress;
};

struct SearchResult {
  bool has_move = false;  // false: no legal move (the side to move has lost)
  Move best_move;
  int score = 0;
  int depth = 0;  // last completed iteration
  int seldepth = 0;
  std::uint64_t nodes = 0;
  std::int64_t time_ms = 0;
  Line pv;
  std::vector<ScoredMove> multipv;  // best first; size min(multipv, legal moves)
  bool cancelled = false;
  bool blunder = false;  // the level chose a deliberately weaker move
  // The move is the opening book's (Params::book): depth 0, no nodes, the
  // score the book's build found, a one-move pv.
  bool book = false;
  int threads = 1;  // threads that searched (Params::threads, or 1: see search())
  tt::Status tt_status = tt::Status::kFresh;
  tt::Reason tt_reason = tt::Reason::kNone;
  egdb::Status egdb_status = egdb::Status::kNone;  // what the endgame database buffer was
  bool egdb_root = false;  // the root is in the database: its value, and only moves keeping it were searched
  egdb::Value egdb_value = egdb::Value::kDraw;
  std::uint64_t egdb_hits = 0;  // positions in the tree scored by the database
};

// Searches game.current(). The game is the history: its earlier positions
// count for repetitions and its draw counters for the counting rules. Errors:
// out-of-range parameters or limits, a bad table buffer, `infinite` without a
// cancel flag. With exactly one legal move it answers at once (a game's
// forced move) unless a depth or `infinite` is asked: analysis searches the
// forced move like any other, so its score is the position's. So does a
// position of the opening book with Params::book (the book's move, chosen
// as Params::book_variety says, SearchResult::book set) unless a depth,
// `infinite` or multi-PV is asked. An infinite
// search returns only once cancelled, even with nothing left to search (no
// legal move, the deepest depth done). Params::fresh_table clears the
// buffer first.
//
// Threads: with params.threads = N > 1 the calling thread and N - 1 threads
// started for this call search together over the request's table (Lazy SMP)
// and are all joined before it returns. Limits, the cancel flag and the node
// limit hold for all of them together; the answer is the deepest completed
// iteration of any thread. Without a table, or with a buffer that is not
// 8-byte aligned (which threads must not share), one thread searches. One
// thread is exactly reproducible; several vary from run to run (the threads
// race on the table).
absl::StatusOr<SearchResult> search(const Game& game, const SearchRequest& request);
// A position without history: its own one-position game (errors: as above,
// and an invalid position).
absl::StatusOr<SearchResult> search(const Position& position, const SearchRequest& request);

// The fingerprint of the hashing and evaluation this build uses; a table
// written with another fingerprint is reset.
std::uint64_t table_fingerprint();

// Static evaluation of a position from the side to move's view (100 = a man).
int evaluate(const Position& pos, double feature_scale = 1.0);

}  // namespace tempo
