// One thread's search (internal to search/): the state a Searcher keeps for
// one call, and the small per-node helpers the tree walk inlines.
//
// One Searcher per thread lives for one call. Its per-ply frames (move
// lists, killers, principal variations, draw counters) are allocated once at
// the start; the tree walk itself never allocates. Positions are copied, not
// unmade. The algorithm is in search.cc (node(), quiesce(), the root and
// iterative deepening), the old engine's tree in classic.cc, the threads in
// threads.cc; move ordering is movepick.h and every reduction, extension and
// pruning margin is decisions.h.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "egdb/database.h"
#include "rules/draw.h"
#include "rules/game.h"
#include "rules/movegen.h"
#include "rules/score.h"
#include "rules/zobrist.h"
#include "search/eval.h"
#include "search/history.h"
#include "search/levels.h"
#include "search/movepick.h"
#include "search/search.h"
#include "search/threads.h"
#include "search/time.h"
#include "tt/table.h"

namespace tempo {

inline constexpr int kInf = kWinScore + 1;
inline constexpr int kNoScore = -kInf;
// How often (in nodes) the clock and the cancel flag are looked at: well
// under a millisecond of search at any realistic speed.
inline constexpr std::uint64_t kPollInterval = 256;

constexpr int loss_in(int ply) { return -(kWinScore - ply); }

struct Frame {
  ordering::MovePicker picker;
  ordering::Killers killers;
  Line pv;
  DrawCounters draw;
};

struct RootMove {
  Move move;
  int score = kNoScore;       // this iteration: exact or bound, kNoScore = failed low / not searched
  int prev_score = kNoScore;  // last completed iteration
  int seldepth = 0;
  Line pv;
};

// Can the side to move move at all? (Cheaper than generating.)
inline bool has_any_move(const Position& pos) {
  if (movable_men(pos)) return true;
  const Bitboard e = pos.empty_squares();
  const Bitboard reach = shift<kUpLeft>(e) | shift<kUpRight>(e) | shift<kDownLeft>(e) | shift<kDownRight>(e);
  return pos.kings_of(pos.side) & reach;
}

inline void set_pv(Line& out, const Move& m, const Line& rest) {
  out.moves[0] = m;
  const int n = std::min(rest.size, kMaxPly - 1);
  std::memcpy(static_cast<void*>(out.moves + 1), rest.moves, sizeof(Move) * static_cast<std::size_t>(n));
  out.size = n + 1;
}

inline bool cancel_set(const SearchRequest& r) {
#if defined(__cpp_lib_atomic_ref)
  return r.cancel && std::atomic_ref<std::int32_t>(*r.cancel).load(std::memory_order_relaxed) != 0;
#else  // libc++ before LLVM 19 (Emscripten's, the Android NDK's): the builtin atomic_ref is made of
  return r.cancel && __atomic_load_n(r.cancel, __ATOMIC_RELAXED) != 0;
#endif
}

// Sets a cancel flag that a search on another thread polls with cancel_set().
inline void store_cancel(std::int32_t* flag, std::int32_t v) {
#if defined(__cpp_lib_atomic_ref)
  std::atomic_ref<std::int32_t>(*flag).store(v);
#else  // as in cancel_set()
  __atomic_store_n(flag, v, __ATOMIC_SEQ_CST);
#endif
}

class Searcher {
 public:
  // The game's keys come first in keys_, the search path's follow. Thread
  // `index` 0 is the main thread.
  Searcher(const SearchRequest& req, const Game& game, Shared& shared, int index)
      : req_(req), root_(game.current()), base_(game.ply()), shared_(shared), index_(index) {
    keys_.reserve(game.keys().size() + kMaxPly + 2);
    keys_.assign(game.keys().begin(), game.keys().end());
    keys_.resize(keys_.size() + kMaxPly + 2);
    // Not zero-filled (130 frames of ~12 KB): every field is written before
    // it is read (move lists by the generator, move order by order_moves).
#if defined(__cpp_lib_smart_ptr_for_overwrite)
    frames_ = std::make_unique_for_overwrite<Frame[]>(kMaxPly + 2);
#else  // libc++ 14 (Emscripten 3.1.6's): the same default-initialised array
    frames_ = std::unique_ptr<Frame[]>(new Frame[kMaxPly + 2]);
#endif
    frames_[0].draw = game.counters();
    history_ = std::make_unique<ordering::History>();
    history_->clear();
    scale_ = eval::scale_q10(req.params.feature_scale);
    noise_ = req.params.eval_noise;
    // Scores depend on the evaluation settings: entries written under one
    // level must not answer another level's probes. Mixing the settings into
    // the table key makes them simply miss, so a buffer shared between levels
    // is never reset and full strength (salt 0) keeps its entries bit for bit.
    // The seed stays out: callers vary it move by move (the app, the Hub
    // session), and a level's entries from the previous move, noisy under
    // another seed, are still what makes the table worth carrying.
    capture_horizon_ = req.params.capture_horizon;
    if (scale_ != eval::kFullScale || noise_ != 0 || capture_horizon_ < kMaxPly - 1) {
      table_salt_ = levels::mix(static_cast<std::uint64_t>(scale_), static_cast<std::uint64_t>(noise_));
      if (capture_horizon_ < kMaxPly - 1) table_salt_ = levels::mix(table_salt_, capture_horizon_);
    }
    killers_on_ = req.params.use_killers;
    classic_ = req.params.classic;
    max_depth_ = std::min(req.params.max_depth, kMaxPly - 1);
    if (req.limits.depth > 0) max_depth_ = std::min(max_depth_, req.limits.depth);
    // Infinite (pondering, analysis): no depth cap, the level's included;
    // only the cancel flag ends it.
    if (req.limits.infinite) max_depth_ = kMaxPly - 1;
    budget_ = timing::plan(req.limits, req.params);
    // The level's node budget caps the caller's node limit like max_depth
    // caps the depth.
    node_limit_ = req.limits.nodes;
    if (const auto cap = static_cast<std::uint64_t>(req.params.max_nodes); cap > 0)
      node_limit_ = node_limit_ > 0 ? std::min(node_limit_, cap) : cap;
    if (req.limits.infinite) node_limit_ = 0;
    start_ = shared.start;
  }

  void set_table(tt::Table* table) { table_ = table; }
  void set_egdb(const egdb::Database* db) { egdb_ = db; }

  // Orders the root moves; returns how many there are. The main thread
  // answers a position with none or one at once (answer_at_once()).
  int prepare();
  SearchResult answer_at_once();
  // Iterative deepening until the last depth or a stop.
  void iterate();
  // The answer from this thread's completed iterations (and a better move
  // proven in the unfinished one).
  SearchResult conclude();
  // Reports this thread's last completed iteration to on_progress.
  void report(std::uint64_t nodes) const;

  int completed_depth() const { return completed_depth_; }
  // The database's value of the root, when it knows it; probes answered.
  bool egdb_root() const { return root_in_egdb_; }
  egdb::Value egdb_root_value() const { return egdb_root_value_; }
  std::uint64_t egdb_hits() const { return egdb_hits_; }
  std::uint64_t nodes() const { return nodes_; }
  bool cancelled() const { return cancelled_; }

 private:
  std::int64_t elapsed_ms() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start_).count();
  }

  // Nodes of the node limit this thread may still count: up to `want` of
  // what no thread has taken yet.
  std::uint64_t take_nodes(std::uint64_t want) {
    std::uint64_t taken = shared_.granted.load(std::memory_order_relaxed);
    while (taken < node_limit_) {
      const std::uint64_t grant = std::min(want, node_limit_ - taken);
      if (shared_.granted.compare_exchange_weak(taken, taken + grant, std::memory_order_relaxed)) return grant;
    }
    return 0;
  }

  // Called every kPollInterval nodes and whenever this thread's share of the
  // node limit is used up.
  void poll() {
    if (cancel_set(req_)) stopped_ = cancelled_ = true;
    if (shared_.stop.load(std::memory_order_relaxed)) stopped_ = true;
    shared_.counted.fetch_add(nodes_ - flushed_, std::memory_order_relaxed);
    flushed_ = nodes_;
    // Node and time limits apply from the first node: a position full of
    // kings can make depth 1 alone explode, and a stop before depth 1
    // completes falls back to the first move in order, which is still legal.
    // The node limit counts every thread's nodes: each takes its share in
    // slices (smaller as the budget runs out), so together they never pass it.
    // One thread takes slices up to kPollInterval and stops exactly at the limit.
    if (node_limit_ && nodes_ >= node_budget_end_) {
      const std::uint64_t left = node_limit_ - std::min(node_limit_, shared_.granted.load(std::memory_order_relaxed));
      const std::uint64_t slice =
          std::clamp<std::uint64_t>(left / static_cast<std::uint64_t>(shared_.threads), 1, kPollInterval);
      node_budget_end_ += take_nodes(nodes_ - node_budget_end_ + slice);
      if (nodes_ >= node_budget_end_) stopped_ = true;
    }
    if (budget_.hard_ms > 0 && elapsed_ms() >= budget_.hard_ms) stopped_ = true;
    next_poll_ = nodes_ + kPollInterval;
    if (node_limit_ && node_budget_end_ < next_poll_) next_poll_ = node_budget_end_;
    if (stopped_) shared_.stop.store(true, std::memory_order_relaxed);
  }

  // Nodes of every thread, as far as this thread knows (exact with one).
  std::uint64_t all_nodes() const { return shared_.counted.load(std::memory_order_relaxed) + (nodes_ - flushed_); }

  void count_node(int ply) {
    ++nodes_;
    if (ply > seldepth_) seldepth_ = ply;
    if (nodes_ >= next_poll_) poll();
  }

  int leaf(const Position& pos, std::uint64_t key) const {
    return eval::score(pos, scale_) + levels::noise(req_.seed, key, noise_);
  }

  // The database's score for a position it knows with no capture pending.
  // Below a root the database knows, only positions of another material (a
  // capture or promotion played) are probed: inside the root's own slice
  // every position scores the same, and the evaluation must show the way.
  bool egdb_score(int ply, const Position& pos, bool capture_known_absent, int* score) {
    if (popcount(pos.occupied()) > egdb_->max_pieces()) return false;
    if (root_in_egdb_ && material_key(pos) == root_material_) return false;
    if (!capture_known_absent && has_capture(pos)) return false;
    egdb::Value v;
    if (!egdb_->probe_quiet(pos, &v)) return false;
    ++egdb_hits_;
    if (v == egdb::Value::kDraw) {
      *score = 0;
    } else {
      // Winner's material counts (man 1, king 3): conversions and promotions are progress.
      const Color winner = v == egdb::Value::kWin ? pos.side : ~pos.side;
      const int bonus = 30 * (popcount(pos.men(winner)) + 3 * popcount(pos.kings_of(winner)) -
                              popcount(pos.men(~winner)) - 3 * popcount(pos.kings_of(~winner)));
      const int won = kKnownWinScore + bonus - ply;
      *score = v == egdb::Value::kWin ? won : -won;
    }
    return true;
  }
  static std::uint32_t material_key(const Position& pos) {
    return static_cast<std::uint32_t>(popcount(pos.men(Color::kWhite)) | popcount(pos.kings_of(Color::kWhite)) << 8 |
                                      popcount(pos.men(Color::kBlack)) << 16 |
                                      popcount(pos.kings_of(Color::kBlack)) << 24);
  }

  bool repeated(int ply, std::uint64_t key, int window) const {
    const int idx = base_ + ply;
    const int lo = std::max(0, idx - window);
    for (int i = idx - 4; i >= lo; i -= 2) {
      if (keys_[i] == key) return true;
    }
    return false;
  }

  // Steps from `pos` (key `key`) into `child`, reached by `m`: sets
  // frames_[ply + 1]'s draw counters and the child's key, which it returns,
  // and starts fetching the table line the child will probe.
  std::uint64_t enter(int ply, const Position& pos, std::uint64_t key, const Move& m, const Position& child) {
    const std::uint64_t child_key = zobrist::key_after(key, pos, m);
    if (table_) table_->prefetch(child_key ^ table_salt_);
    frames_[ply + 1].draw = frames_[ply].draw.next(pos, m, child);
    keys_[base_ + ply + 1] = child_key;
    return child_key;
  }

  // A line ended here, in an evaluation or a lost position: for the mean depth.
  void line_ends(int ply) {
    leaf_plies_ += static_cast<std::uint64_t>(ply);
    ++leaves_;
  }

  // `captures`: capture plies followed so far; at Params::capture_horizon
  // the position is scored as it stands, a capture pending or not.
  int quiesce(int ply, int alpha, int beta, const Position& pos, std::uint64_t key, int captures = 0);
  // The level's look at a root move for a deliberate mistake: plain
  // alpha-beta `depth` plies, then captures to the horizon, with the level's
  // own (noisy) evaluation. It counts no nodes and ignores every limit: it
  // runs after the search, bounded by its depth (Params::blunder_depth).
  int look(int ply, int depth, int alpha, int beta, const Position& pos, std::uint64_t key, int captures);
  // Params::classic: the horizon is a leaf, whatever hangs there.
  int horizon(int ply, const Position& pos, std::uint64_t key) {
    count_node(ply);
    if (stopped_) return 0;
    line_ends(ply);
    if (!has_capture(pos) && !has_any_move(pos)) return loss_in(ply);
    return leaf(pos, key);
  }
  int node(int ply, int depth, int alpha, int beta, const Position& pos, std::uint64_t key, bool pv);
  // Params::classic's tree: plain alpha-beta (search/classic.cc).
  int classic_node(int ply, int depth, int alpha, int beta, const Position& pos, std::uint64_t key);
  // Orders a node's moves into frames_[ply].picker (generated already).
  void order_moves(int ply, const Position& pos, std::uint32_t table_move, bool captures) {
    Frame& f = frames_[ply];
    f.picker.score(pos, table_move, captures, killers_on_ ? &f.killers : nullptr, *history_);
  }
  // What answers a node before any move is tried: a shorter win already
  // found elsewhere (mate distance), the endgame database, a table entry
  // deep enough (only when `table_cuts`). True with *score when one does;
  // otherwise alpha and beta are narrowed and *table_move is the table's
  // move, or 0.
  bool answered_before_moves(int ply, int depth, int& alpha, int& beta, const Position& pos, std::uint64_t key,
                             bool table_cuts, std::uint32_t* table_move, int* score) {
    alpha = std::max(alpha, loss_in(ply));
    beta = std::min(beta, -loss_in(ply + 1));
    if (alpha >= beta) {
      *score = alpha;
      return true;
    }
    if (egdb_ && egdb_score(ply, pos, false, score)) return true;
    *table_move = 0;
    if (!table_) return false;
    tt::ProbeResult hit;
    if (!table_->probe(key ^ table_salt_, ply, &hit)) return false;
    *table_move = hit.move;
    if (!table_cuts || hit.depth < depth) return false;
    *score = hit.score;
    return hit.bound == tt::Bound::kExact || (hit.bound == tt::Bound::kLower && hit.score >= beta) ||
           (hit.bound == tt::Bound::kUpper && hit.score <= alpha);
  }
  // The node's result into the table: exact, or a bound when it failed
  // high (>= beta) or low (<= the alpha it was searched with).
  void store(std::uint64_t key, int ply, int depth, int best, int alpha_in, int beta, const Move& best_move) {
    if (!table_) return;
    const tt::Bound bound = best >= beta ? tt::Bound::kLower : best > alpha_in ? tt::Bound::kExact : tt::Bound::kUpper;
    table_->store(key ^ table_salt_, ply, depth, best, bound, tt::pack_move(best_move));
  }
  // A quiet move caused a cut-off: remember it for its ply and in the history.
  void reward_quiet(int ply, const Position& pos, const Move& m, int depth, int tried_before) {
    Frame& f = frames_[ply];
    if (killers_on_) f.killers.add(m);
    history_->reward(pos.side, m, depth);
    for (int j = 0; j < tried_before; ++j) history_->punish(pos.side, f.picker.moves[j], depth);
  }
  int root_search(int depth, int alpha, int beta, int first);

  const SearchRequest& req_;
  const Position root_;
  std::vector<std::uint64_t> keys_;  // game history then the search path; keys_[base_ + ply]
  const int base_;
  Shared& shared_;
  const int index_;  // 0 = the main thread
  std::unique_ptr<Frame[]> frames_;
  std::unique_ptr<ordering::History> history_;
  std::vector<RootMove> root_moves_;
  tt::Table* table_ = nullptr;
  const egdb::Database* egdb_ = nullptr;
  bool root_in_egdb_ = false;
  std::uint32_t root_material_ = 0;
  std::uint64_t egdb_hits_ = 0;
  egdb::Value egdb_root_value_ = egdb::Value::kDraw;

  int scale_ = eval::kFullScale;
  int noise_ = 0;
  int capture_horizon_ = kMaxPly - 1;
  std::uint64_t table_salt_ = 0;  // xor-ed into table keys (see constructor)
  bool killers_on_ = true;
  bool classic_ = false;  // Params::classic
  int max_depth_ = 1;
  int root_depth_ = 1;
  timing::Budget budget_;
  std::uint64_t node_limit_ = 0;
  Clock::time_point start_;

  std::uint64_t nodes_ = 0;
  std::uint64_t next_poll_ = kPollInterval;
  std::uint64_t flushed_ = 0;          // nodes_ already added to shared_.counted
  std::uint64_t node_budget_end_ = 0;  // nodes_ may reach this much of the node limit
  int seldepth_ = 0;
  std::uint64_t leaves_ = 0, leaf_plies_ = 0;  // this iteration's line ends
  bool stopped_ = false;
  bool cancelled_ = false;

  // Iterative deepening's state: the root's legal moves, the lines of the
  // last completed iteration.
  MoveList legal_;
  int lines_ = 1;
  std::vector<RootMove> completed_;
  int completed_depth_ = 0;
  int completed_seldepth_ = 0;
  double completed_mean_depth_ = 0;
  bool partial_best_ = false;
};

}  // namespace tempo
