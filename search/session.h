// A game in progress, as every front end keeps one: the game (start position,
// moves, draw-rule counters), the table carried from move to move, the
// endgame database, the cancel flag, and one search at a time in the
// background (a move, or pondering the position expected after the
// opponent's move).
//
// The Hub and DXP loops, `tempo analyse` and `tempo bench`, self-play and the
// Python module each keep a Session instead of assembling these themselves.
// The C ABI stays stateless (one call = one search(); its caller, the Dart
// service, keeps the game and the table) and shares the schema's defaults.
//
// One thread owns a Session; cancel() may be called from any thread. The
// session owns its table (kTableSize's default size, search/params.h) unless
// it borrows the caller's bytes, and reads a database in the caller's bytes.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "rules/game.h"
#include "search/search.h"

namespace tempo {

class Session {
 public:
  // Receives a background search's answer, on the search's thread.
  using Done = std::function<void(absl::StatusOr<SearchResult>)>;

  // The initial position, a table of kTableSize's default size (none if
  // there is no memory for it), no database.
  Session();
  // The same over the caller's table bytes (see borrow_table()).
  explicit Session(std::span<std::uint8_t> borrowed_table) : table_(borrowed_table) {}
  ~Session();  // stops a background search
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // The game every search searches (its current position, its history for
  // the draw rules). A background search works on its own copy.
  const Game& game() const { return game_; }
  Game& game() { return game_; }

  // An own zeroed table of `mib` MiB (0 = none), replacing the table in use.
  // Errors: outside kTableSize's range, no memory for it (the table in use
  // is kept), or while a search runs.
  absl::Status resize_table(int mib);
  // The caller's bytes from now on (kept alive by the caller while the
  // session uses them; a null span = none; a buffer too short to be a table
  // is search()'s error). Errors: while a search runs.
  absl::Status borrow_table(std::span<std::uint8_t> bytes);
  std::span<std::uint8_t> table() const { return table_; }
  // Empties the table (a new game). Errors: while a search runs.
  absl::Status clear_table();

  // Reads the database in the caller's bytes from now on (empty = none).
  // Errors: bytes that are not a usable database (the status named), or
  // while a search runs; the database in use is kept.
  absl::Status attach_egdb(std::span<const std::uint8_t> bytes);
  bool has_egdb() const { return !egdb_.empty(); }

  // The caller's cancel flag instead of the session's own (Python's token);
  // null returns to the own one. Not while a search runs.
  void borrow_cancel(std::int32_t* flag) { cancel_ = flag ? flag : &own_cancel_; }
  // Stops the running search (any thread): it answers with its best move so far.
  void cancel();

  // Searches game() now, on this thread: the request's limits, parameters,
  // seed, multi-PV and progress callback over the session's table, database
  // and cancel flag (the request's own buffers are ignored). The session's
  // own cancel flag is cleared first (a borrowed one is the caller's to
  // clear). Errors: search()'s, or a background search running.
  absl::StatusOr<SearchResult> search(SearchRequest request);

  // Searches game() on a thread of the session's and hands the answer to
  // `done` there; returns at once. The cancel flag as for search(). Errors:
  // a search already running.
  absl::Status start(SearchRequest request, Done done);
  // Pondering: the same, but the search first runs without limits (the
  // opponent's clock runs, not ours) until ponder_hit() (the expected move
  // was played: it searches again with the request's limits, the table
  // warm) or stop() (the answer is what pondering found).
  absl::Status start_ponder(SearchRequest request, Done done);
  // False when no ponder search runs.
  bool ponder_hit();
  // Cancels the background search and waits for it; its `done` has run
  // when this returns. Nothing to do without one.
  void stop();
  // A background search is running and has not yet called `done`.
  bool searching() const;

 private:
  SearchRequest with_buffers(SearchRequest request);
  absl::Status begin(SearchRequest request, bool ponder, Done done);
  void join_finished();
  void set_cancel(std::int32_t v);

  Game game_;
  // calloc'd: a large buffer comes zeroed from the system, not written twice.
  struct Free {
    void operator()(std::uint8_t* p) const { std::free(p); }
  };
  std::unique_ptr<std::uint8_t, Free> own_table_;
  std::span<std::uint8_t> table_;
  std::span<const std::uint8_t> egdb_;
  alignas(8) std::int32_t own_cancel_ = 0;
  std::int32_t* cancel_ = &own_cancel_;

  std::thread worker_;
  std::atomic<bool> finished_{true};
  std::mutex mu_;  // guards the ponder hand-over below
  std::condition_variable cv_;
  bool stop_requested_ = false;
  bool ponder_hit_ = false;
  bool pondering_ = false;
};

}  // namespace tempo
