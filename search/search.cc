// Iterative-deepening negamax alpha-beta (PVS, aspiration windows, late-move
// reductions, single-reply extension) with a capture-resolving quiescence
// search, over the caller's transposition table.
//
// One Searcher per thread lives for one call. Its per-ply frames (move
// lists, killers, principal variations, draw counters) are allocated once at
// the start; the tree walk itself never allocates. Positions are copied, not
// unmade.
//
// Several threads (Params::threads) search as Lazy SMP: every thread runs its
// own iterative deepening on the same root over the one caller-owned table,
// the helpers skipping some depths so that they run ahead of the main thread
// and fill the table with what it is about to need. Each helper allocates its
// own state on its own thread. The threads share only
// the table and a few counters (Shared) that they touch at their polls, every
// kPollInterval nodes: no lock anywhere. The first thread to finish its last
// iteration (or any stop) ends the search; the deepest completed iteration
// answers. The calling thread is the main thread: it alone reports progress.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstring>
#include <exception>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/draw.h"
#include "engine/movegen.h"
#include "engine/notation.h"
#include "engine/zobrist.h"
#include "search/eval.h"
#include "search/history.h"
#include "search/levels.h"
#include "search/search.h"
#include "search/time.h"

namespace tempo {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kInf = kWinScore + 1;
constexpr int kNoScore = -kInf;
// How often (in nodes) the clock and the cancel flag are looked at: well
// under a millisecond of search at any realistic speed.
constexpr std::uint64_t kPollInterval = 256;


// Late-move reduction in plies by depth and move number: grows with the log
// of both (a late move at high depth is very likely no better than the first).
struct ReductionTable {
  std::uint8_t r[64][MoveList::kCapacity];
};
const ReductionTable& reductions() {
  static const ReductionTable table = [] {  // built once, thread-safely
    ReductionTable t{};
    for (int d = 1; d < 64; ++d)
      for (int i = 1; i < MoveList::kCapacity; ++i)
        t.r[d][i] = static_cast<std::uint8_t>(std::max(0.0, 0.75 + std::log(d) * std::log(i + 1) / 1.75));
    return t;
  }();
  return table;
}
inline int reduction(int depth, int move_number) { return reductions().r[std::min(depth, 63)][move_number]; }

constexpr int loss_in(int ply) { return -(kWinScore - ply); }

// Which depths helper thread `index` (1..) leaves out: in blocks of `size`
// depths, every other block, shifted by `phase`. Helper 1 searches the even
// depths, helper 2 the odd ones, helpers 3-6 two depths of every four, and so
// on: about half the helpers are always one depth ahead of the main thread.
bool helper_skips(int index, int depth) {
  int size = 1, first = 1, count = 2;  // helpers first .. first+count-1 use blocks of `size`
  while (index >= first + count) {
    first += count;
    ++size;
    count = 2 * size;
  }
  const int phase = index - first;
  return ((depth + phase) / size) % 2 != 0;
}

// What the threads of one search share. Each field is touched at polls and
// between iterations only, never per node.
struct Shared {
  std::atomic<bool> stop{false};           // any thread's stop ends every thread's search
  std::atomic<std::uint64_t> counted{0};   // nodes all threads had counted at their last polls
  std::atomic<std::uint64_t> granted{0};   // node-limit budget handed out so far
  int threads = 1;
  Clock::time_point start;
};

struct Frame {
  MoveList moves;
  int order[MoveList::kCapacity];
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

// Stable sort, best score first, in place: std::stable_sort may take a heap
// buffer, and the search must not allocate once it runs.
template <typename It>
void sort_best_first(It first, It last) {
  for (It i = first; i != last; ++i) {
    It slot = first;
    while (slot != i && slot->score >= i->score) ++slot;
    std::rotate(slot, i, i + 1);
  }
}

// Can the side to move move at all? (Cheaper than generating.)
bool has_any_move(const Position& pos) {
  if (movable_men(pos)) return true;
  const Bitboard e = pos.empty_squares();
  const Bitboard reach = shift<kUpLeft>(e) | shift<kUpRight>(e) | shift<kDownLeft>(e) | shift<kDownRight>(e);
  return pos.kings_of(pos.side) & reach;
}

bool promotes(const Position& pos, const Move& m) {
  if (pos.kings & bb(m.from)) return false;
  return bb(m.to) & (pos.side == Color::kWhite ? kWhitePromotion : kBlackPromotion);
}

void set_pv(Line& out, const Move& m, const Line& rest) {
  out.moves[0] = m;
  const int n = std::min(rest.size, kMaxPly - 1);
  std::memcpy(static_cast<void*>(out.moves + 1), rest.moves, sizeof(Move) * static_cast<std::size_t>(n));
  out.size = n + 1;
}

bool same_move([[maybe_unused]] std::uint32_t packed, [[maybe_unused]] const Move& m) {
  return tt::same_move(packed, m);
}

bool cancel_set(const SearchRequest& r) {
#if defined(__cpp_lib_atomic_ref)
  return r.cancel && std::atomic_ref<std::int32_t>(*r.cancel).load(std::memory_order_relaxed) != 0;
#else  // libc++ before LLVM 19 (Emscripten's, the Android NDK's): the builtin atomic_ref is made of
  return r.cancel && __atomic_load_n(r.cancel, __ATOMIC_RELAXED) != 0;
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
    // it is read (move lists by the generator, move order by score_moves).
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
    if (scale_ != eval::kFullScale || noise_ != 0) {
      table_salt_ = levels::mix(static_cast<std::uint64_t>(scale_), static_cast<std::uint64_t>(noise_));
    }
    killers_on_ = req.params.use_killers;
    classic_ = req.params.classic;
    max_depth_ = std::min(req.params.max_depth, kMaxPly - 1);
    if (req.limits.depth > 0) max_depth_ = std::min(max_depth_, req.limits.depth);
    // Infinite (pondering, analysis): no depth cap, the level's included;
    // only the cancel flag ends it.
    if (req.limits.infinite) max_depth_ = kMaxPly - 1;
    budget_ = timing::plan(req.limits, req.params);
    node_limit_ = req.limits.infinite ? 0 : req.limits.nodes;
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
  std::uint64_t all_nodes() const {
    return shared_.counted.load(std::memory_order_relaxed) + (nodes_ - flushed_);
  }

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
                                      popcount(pos.men(Color::kBlack)) << 16 | popcount(pos.kings_of(Color::kBlack)) << 24);
  }

  bool repeated(int ply, std::uint64_t key, int window) const {
    const int idx = base_ + ply;
    const int lo = std::max(0, idx - window);
    for (int i = idx - 4; i >= lo; i -= 2) {
      if (keys_[i] == key) return true;
    }
    return false;
  }

  // Sets frames_[ply + 1] and keys for the child reached by `m`.
  void enter(int ply, const Position& pos, const Move& m, const Position& child, std::uint64_t child_key) {
    frames_[ply + 1].draw = frames_[ply].draw.next(pos, m, child);
    keys_[base_ + ply + 1] = child_key;
  }

  void score_moves(int ply, const Position& pos, std::uint32_t table_move, bool captures) {
    Frame& f = frames_[ply];
    for (int i = 0; i < f.moves.size; ++i) {
      const Move& m = f.moves[i];
      int s;
      if (table_move && same_move(table_move, m)) {
        s = 1 << 30;
      } else if (captures) {
        s = (1 << 28) + 16 * popcount(m.captured & pos.kings) + (promotes(pos, m) ? 8 : 0);
      } else if (killers_on_ && m == f.killers.first) {
        s = (1 << 28) + 2;
      } else if (killers_on_ && m == f.killers.second) {
        s = (1 << 28) + 1;
      } else {
        s = history_->get(pos.side, m) + (promotes(pos, m) ? (1 << 27) : 0);
      }
      f.order[i] = s;
    }
  }

  // Selection sort step: bring the best-ordered remaining move to index i.
  static void pick(Frame& f, int i) {
    int best = i;
    for (int j = i + 1; j < f.moves.size; ++j) {
      if (f.order[j] > f.order[best]) best = j;
    }
    if (best != i) {
      std::swap(f.moves.moves[i], f.moves.moves[best]);
      std::swap(f.order[i], f.order[best]);
    }
  }

  // A line ended here, in an evaluation or a lost position: for the mean depth.
  void line_ends(int ply) {
    leaf_plies_ += static_cast<std::uint64_t>(ply);
    ++leaves_;
  }

  int quiesce(int ply, int alpha, int beta, const Position& pos, std::uint64_t key);
  // Params::classic: the horizon is a leaf, whatever hangs there.
  int horizon(int ply, const Position& pos, std::uint64_t key) {
    count_node(ply);
    if (stopped_) return 0;
    line_ends(ply);
    if (!has_capture(pos) && !has_any_move(pos)) return loss_in(ply);
    return leaf(pos, key);
  }
  int node(int ply, int depth, int alpha, int beta, const Position& pos, std::uint64_t key, bool pv);
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

int Searcher::quiesce(int ply, int alpha, int beta, const Position& pos, std::uint64_t key) {
  count_node(ply);
  if (stopped_) return 0;
  if (ply >= kMaxPly - 1) return leaf(pos, key);
  // No stand-pat while a capture is forced: the position is not quiet.
  if (!has_capture(pos)) {
    line_ends(ply);
    if (!has_any_move(pos)) return loss_in(ply);
    if (int s; egdb_ && egdb_score(ply, pos, true, &s)) return s;
    return leaf(pos, key);
  }
  Frame& f = frames_[ply];
  generate_captures(pos, f.moves);
  score_moves(ply, pos, 0, true);
  int best = kNoScore;
  for (int i = 0; i < f.moves.size; ++i) {
    pick(f, i);
    const Move m = f.moves[i];
    const Position child = pos.after(m);
    const int score = -quiesce(ply + 1, -beta, -alpha, child, zobrist::key_after(key, pos, m));
    if (stopped_) return 0;
    if (score > best) {
      best = score;
      if (score > alpha) {
        alpha = score;
        if (score >= beta) break;
      }
    }
  }
  return best;
}

int Searcher::node(int ply, int depth, int alpha, int beta, const Position& pos, std::uint64_t key, bool pv) {
  Frame& f = frames_[ply];
  f.pv.size = 0;
  // Draws known to the rules: the counting rules, and a repetition of any
  // earlier position since the last irreversible move (game history included).
  if (!classic_) {
    if (f.draw.rule() != DrawRule::kNone) return 0;
    if (f.draw.reversible_plies >= 4 && repeated(ply, key, f.draw.reversible_plies)) return 0;
  }

  if (depth <= 0) return classic_ ? horizon(ply, pos, key) : quiesce(ply, alpha, beta, pos, key);
  count_node(ply);
  if (stopped_) return 0;
  if (ply >= kMaxPly - 1) return leaf(pos, key);

  // Mate-distance pruning: nothing here can beat a shorter win already found.
  alpha = std::max(alpha, loss_in(ply));
  beta = std::min(beta, -loss_in(ply + 1));
  if (alpha >= beta) return alpha;

  if (int s; egdb_ && egdb_score(ply, pos, false, &s)) return s;

  const int alpha_in = alpha;
  std::uint32_t table_move = 0;
  if (table_) {
    tt::ProbeResult hit;
    if (table_->probe(key ^ table_salt_, ply, &hit)) {
      table_move = hit.move;
      if ((!pv || classic_) && hit.depth >= depth) {
        if (hit.bound == tt::Bound::kExact) return hit.score;
        if (hit.bound == tt::Bound::kLower && hit.score >= beta) return hit.score;
        if (hit.bound == tt::Bound::kUpper && hit.score <= alpha) return hit.score;
      }
    }
  }

  // Static pruning near the leaves: far above beta with nothing hanging on
  // either side, a shallow search will not bring the score back down.
  if (!classic_ && !pv && depth <= 3 && beta < kWinThreshold && beta > -kWinThreshold && !has_capture(pos)) {
    Position pass = pos;
    pass.side = ~pass.side;
    if (!has_capture(pass)) {
      const int e = leaf(pos, key);
      if (e - 60 * depth >= beta) {
        line_ends(ply);
        return e;
      }
    }
  }

  generate_moves(pos, f.moves);
  const int n = f.moves.size;
  if (n == 0) {
    line_ends(ply);
    return loss_in(ply);
  }
  // A forced reply costs the opponent nothing to find: look one ply further.
  if (n == 1 && !classic_ && ply < 2 * root_depth_ + 8) ++depth;
  const bool captures = f.moves[0].is_capture();
  score_moves(ply, pos, table_move, captures);

  int best = kNoScore;
  Move best_move = f.moves[0];
  for (int i = 0; i < n; ++i) {
    pick(f, i);
    const Move m = f.moves[i];
    const Position child = pos.after(m);
    const std::uint64_t child_key = zobrist::key_after(key, pos, m);
    if (table_) table_->prefetch(child_key ^ table_salt_);
    enter(ply, pos, m, child, child_key);
    const int new_depth = depth - 1;
    int score;
    if (i == 0 || classic_) {
      score = -node(ply + 1, new_depth, -beta, -alpha, child, child_key, pv);
    } else {
      // Late quiet moves are searched shallower first; a surprise is re-searched.
      int r = 0;
      if (depth >= 3 && !captures && i >= (pv ? 4 : 2) && f.order[i] < (1 << 27)) {
        r = reduction(depth, i) - (pv ? 1 : 0);
        r = std::clamp(r, 0, new_depth - 1);
      }
      score = -node(ply + 1, new_depth - r, -alpha - 1, -alpha, child, child_key, false);
      // (A stopped search returns at once: no re-search may count another node.)
      if (!stopped_ && score > alpha && r > 0) score = -node(ply + 1, new_depth, -alpha - 1, -alpha, child, child_key, false);
      if (!stopped_ && score > alpha && score < beta && pv) score = -node(ply + 1, new_depth, -beta, -alpha, child, child_key, true);
    }
    if (stopped_) return 0;
    if (score > best) {
      best = score;
      best_move = m;
      if (score > alpha) {
        alpha = score;
        if (pv) set_pv(f.pv, m, frames_[ply + 1].pv);
        if (score >= beta) {
          if (!captures) {
            if (killers_on_) f.killers.add(m);
            history_->reward(pos.side, m, depth);
            for (int j = 0; j < i; ++j) history_->punish(pos.side, f.moves[j], depth);
          }
          break;
        }
      }
    }
  }
  if (table_) {
    const tt::Bound bound = best >= beta ? tt::Bound::kLower : best > alpha_in ? tt::Bound::kExact : tt::Bound::kUpper;
    table_->store(key ^ table_salt_, ply, depth, best, bound, tt::pack_move(best_move));
  }
  return best;
}

int Searcher::root_search(int depth, int alpha, int beta, int first) {
  const std::uint64_t key = keys_[base_];
  int best = kNoScore;
  const int n = static_cast<int>(root_moves_.size());
  for (int i = first; i < n; ++i) root_moves_[i].score = kNoScore;
  for (int i = first; i < n; ++i) {
    RootMove& rm = root_moves_[i];
    const Position child = root_.after(rm.move);
    const std::uint64_t child_key = zobrist::key_after(key, root_, rm.move);
    enter(0, root_, rm.move, child, child_key);
    seldepth_ = std::max(seldepth_, 1);
    int score;
    if (i == first || classic_) {
      score = -node(1, depth - 1, -beta, -alpha, child, child_key, true);
    } else {
      score = -node(1, depth - 1, -alpha - 1, -alpha, child, child_key, false);
      if (!stopped_ && score > alpha && score < beta) score = -node(1, depth - 1, -beta, -alpha, child, child_key, true);
    }
    if (stopped_) break;
    if (score > best) best = score;
    if (score > alpha) {
      rm.score = score;
      rm.seldepth = seldepth_;
      set_pv(rm.pv, rm.move, frames_[1].pv);
      alpha = score;
      if (score >= beta) break;
    }
  }
  // Best first; moves that failed low keep their previous relative order.
  sort_best_first(root_moves_.begin() + first, root_moves_.end());
  return best;
}

int Searcher::prepare() {
  Frame& f0 = frames_[0];
  generate_moves(root_, f0.moves);
  legal_ = f0.moves;
  if (f0.moves.size == 0) return 0;
  const std::uint64_t root_key = keys_[base_];

  // Initial order: the table's move, then captures/promotions, then a static look.
  std::uint32_t table_move = 0;
  if (table_) {
    tt::ProbeResult hit;
    if (table_->probe(root_key ^ table_salt_, 0, &hit)) table_move = hit.move;
  }
  score_moves(0, root_, table_move, f0.moves[0].is_capture());
  root_moves_.resize(static_cast<std::size_t>(f0.moves.size));
  for (int i = 0; i < f0.moves.size; ++i) {
    pick(f0, i);
    root_moves_[i].move = f0.moves[i];
    root_moves_[i].pv.moves[0] = f0.moves[i];
    root_moves_[i].pv.size = 1;
  }
  // A root the database knows: only the moves keeping its value are searched
  // (all of them when it is lost), and the search chooses among them.
  if (egdb_) {
    egdb::Value root_value;
    if (egdb_->probe(root_, &root_value)) {
      root_in_egdb_ = true;
      root_material_ = material_key(root_);
      egdb_root_value_ = root_value;
      if (root_value != egdb::Value::kLoss) {
        std::vector<RootMove> keep;
        for (const RootMove& rm : root_moves_) {
          egdb::Value v;
          if (egdb_->probe(root_.after(rm.move), &v) && static_cast<int>(v) == -static_cast<int>(root_value)) {
            keep.push_back(rm);
          }
        }
        if (!keep.empty()) root_moves_ = std::move(keep);
      }
    }
  }
  lines_ = std::min(std::max(1, req_.multipv), static_cast<int>(root_moves_.size()));
  completed_.resize(static_cast<std::size_t>(lines_));
  return legal_.size;
}

SearchResult Searcher::answer_at_once() {
  SearchResult result;
  if (legal_.size == 0) {
    result.has_move = false;
    result.score = loss_in(0);
    return result;
  }
  // One legal move: answer at once, with a quiescence score for it.
  result.has_move = true;
  const Move m = legal_[0];
  const Position child = root_.after(m);
  enter(0, root_, m, child, zobrist::key_after(keys_[base_], root_, m));
  result.best_move = m;
  result.score = -quiesce(1, -kInf, kInf, child, keys_[base_ + 1]);
  if (stopped_) result.score = 0;
  result.pv.moves[0] = m;
  result.pv.size = 1;
  result.multipv.push_back(ScoredMove{m, result.score, result.pv});
  result.nodes = nodes_;
  result.seldepth = seldepth_;
  result.time_ms = elapsed_ms();
  result.cancelled = cancelled_;
  return result;
}

void Searcher::report(std::uint64_t nodes) const {
  for (int i = 0; i < lines_; ++i) {
    Progress p;
    p.depth = completed_depth_;
    p.seldepth = completed_[i].seldepth;
    p.mean_depth = completed_mean_depth_;
    p.score = completed_[i].score;
    p.nodes = nodes;
    p.time_ms = elapsed_ms();
    p.multipv_index = i;
    p.pv = &completed_[i].pv;
    req_.on_progress(p);
  }
}

void Searcher::iterate() {
  const int lines = lines_;
  poll();
  for (int depth = 1; depth <= max_depth_ && !stopped_; ++depth) {
    // Helpers leave some depths to other threads, never the last one.
    if (index_ > 0 && depth < max_depth_ && helper_skips(index_, depth)) continue;
    root_depth_ = depth;
    seldepth_ = 0;
    leaves_ = leaf_plies_ = 0;
    for (int line = 0; line < lines && !stopped_; ++line) {
      const int prev = root_moves_[line].prev_score;
      int delta = 25;
      int alpha = -kInf, beta = kInf;
      if (!classic_ && depth >= 5 && prev != kNoScore && std::abs(prev) < kWinThreshold) {
        alpha = std::max(prev - delta, -kInf);
        beta = std::min(prev + delta, kInf);
      }
      for (;;) {
        const int best = root_search(depth, alpha, beta, line);
        if (stopped_) break;
        if (best <= alpha && alpha > -kInf) {
          beta = (alpha + beta) / 2;
          alpha = std::max(best - delta, -kInf);
        } else if (best >= beta && beta < kInf) {
          beta = std::min(best + delta, kInf);
        } else {
          break;
        }
        delta += delta;
        if (delta > 800) {
          alpha = -kInf;
          beta = kInf;
        }
      }
      if (stopped_ && line == 0 && root_moves_[0].score != kNoScore) partial_best_ = true;
    }
    if (stopped_) break;
    // Depth `depth` is complete. Each line was searched without the ones
    // before it; an unstable search can score a later line higher.
    sort_best_first(root_moves_.begin(), root_moves_.begin() + lines);
    for (RootMove& rm : root_moves_) rm.prev_score = rm.score;
    for (int i = 0; i < lines; ++i) completed_[i] = root_moves_[i];
    completed_depth_ = depth;
    completed_seldepth_ = seldepth_;
    completed_mean_depth_ = leaves_ ? static_cast<double>(leaf_plies_) / static_cast<double>(leaves_) : depth;
    if (index_ == 0 && req_.on_progress) report(all_nodes());
    if (stopped_) break;
    if (!req_.limits.infinite) {
      // Whether to start another iteration is the main thread's call: a
      // helper finishing one late must not cut the main thread's short.
      if (index_ == 0 && budget_.soft_ms > 0 && elapsed_ms() >= budget_.soft_ms) break;
      // A proven win or loss within the horizon will not change.
      const int s = completed_[0].score;
      if (std::abs(s) >= kWinThreshold && depth >= kWinScore - std::abs(s) + 2) break;
    }
    poll();
  }
  // This thread is done (or stopped): so is every other.
  shared_.stop.store(true, std::memory_order_relaxed);
}

SearchResult Searcher::conclude() {
  SearchResult result;
  result.has_move = true;
  const int lines = lines_;
  std::vector<RootMove>& completed = completed_;
  if (completed_depth_ == 0) {
    // Stopped before depth 1 finished: the first move in static order.
    completed[0] = root_moves_[0];
    completed[0].score = 0;
    for (int i = 1; i < lines; ++i) {
      completed[i] = root_moves_[i];
      completed[i].score = 0;
    }
  } else if (partial_best_ && !(root_moves_[0].move == completed[0].move)) {
    // The unfinished iteration proved a new move better than the last best.
    const RootMove old_best = completed[0];
    completed[0] = root_moves_[0];
    for (int i = 1; i < lines; ++i) {
      if (completed[i].move == completed[0].move) completed[i] = old_best;  // keep the lines distinct
    }
  }

  result.best_move = completed[0].move;
  result.score = completed[0].score;
  result.pv = completed[0].pv;
  result.depth = completed_depth_;
  result.seldepth = completed_seldepth_;
  result.multipv.reserve(static_cast<std::size_t>(lines));
  for (int i = 0; i < lines; ++i) result.multipv.push_back(ScoredMove{completed[i].move, completed[i].score, completed[i].pv});

  // The level's deliberate mistake, decided only from the seed and position.
  Move blunder;
  if (levels::pick_blunder(root_, legal_, result.best_move, req_.params, req_.seed, keys_[base_], &blunder)) {
    result.blunder = true;
    result.best_move = blunder;
    result.pv.moves[0] = blunder;
    result.pv.size = 1;
    for (const RootMove& rm : root_moves_) {
      if (rm.move == blunder && rm.prev_score != kNoScore) result.score = rm.prev_score;
    }
  }
  result.nodes = nodes_;
  result.time_ms = elapsed_ms();
  result.cancelled = cancelled_;
  result.egdb_hits = egdb_hits_;
  return result;
}

absl::Status check_request(const SearchRequest& r) {
  if (absl::Status st = check_limits(r.limits, r.multipv); !st.ok()) return st;
  if (absl::Status st = check_params(r.params); !st.ok()) return st;
  if (r.tt == nullptr && r.tt_len != 0) return absl::InvalidArgumentError("tt is null but tt_len is not zero");
  if (r.limits.infinite && r.cancel == nullptr)
    return absl::InvalidArgumentError("an infinite search needs a cancel flag: nothing else ends it");
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<SearchResult> search(const Game& game, const SearchRequest& caller_request) {
  if (absl::Status s = check_request(caller_request); !s.ok()) return s;
  // The last line the caller sees must start with the move played: progress
  // goes through here (always on the calling thread), which remembers the
  // best line's first move, and one more report follows below when the move
  // played is another (an unfinished iteration found a better move, one
  // legal move, a stop before depth 1 ended, the level's mistake).
  SearchRequest request = caller_request;
  Move last_reported;
  bool reported = false;
  double last_mean_depth = 0;
  if (caller_request.on_progress) {
    request.on_progress = [&](const Progress& p) {
      if (p.multipv_index == 0 && p.pv != nullptr && p.pv->size > 0) {
        last_reported = p.pv->moves[0];
        last_mean_depth = p.mean_depth;
        reported = true;
      }
      caller_request.on_progress(p);
    };
  }
  std::optional<tt::Table> table;
  if (request.tt != nullptr && request.params.use_table) {
    // fresh_table: nothing carried over from earlier searches (measures
    // what carrying the table is worth).
    if (request.params.fresh_table) {
      if (absl::Status st = tt::clear(request.tt, request.tt_len); !st.ok())
        return absl::InvalidArgumentError(absl::StrCat("table buffer: ", st.message()));
    }
    absl::StatusOr<tt::Table> attached = tt::Table::attach(request.tt, request.tt_len, table_fingerprint());
    if (!attached.ok()) return absl::InvalidArgumentError(absl::StrCat("table buffer: ", attached.status().message()));
    table.emplace(*attached);
  }
  // Helpers help only through the table, and only an aligned buffer may be
  // shared between threads (tt/words.h): otherwise one thread searches.
  const int threads = table && table->shareable() ? request.params.threads : 1;
  Shared shared;
  shared.threads = threads;
  shared.start = Clock::now();
  // A bad database buffer is reported, never an error: the search goes on without it.
  egdb::Database db;
  if (request.egdb != nullptr && request.egdb_len != 0) db = egdb::Database::open(request.egdb, request.egdb_len);
  const egdb::Database* usable = db.ok() ? &db : nullptr;
  Searcher main(request, game, shared, 0);
  if (table) main.set_table(&*table);
  main.set_egdb(usable);

  SearchResult result;
  // No legal move, or one in a game: answer at once. A depth or an infinite
  // search is analysis: the score must be the position's, so a forced move
  // is searched like any other.
  const int legal = main.prepare();
  if (legal == 0 || (legal == 1 && request.limits.depth == 0 && !request.limits.infinite)) {
    result = main.answer_at_once();
  } else {
    // Each helper builds its own state on its own thread, so its memory comes
    // from that thread's allocator arena and shares no cache line with the
    // main thread's per-node data. A helper whose state cannot be allocated,
    // or a thread the system refuses, is simply not there.
    std::vector<std::unique_ptr<Searcher>> helpers(static_cast<std::size_t>(threads - 1));
    std::vector<std::thread> running;
    running.reserve(static_cast<std::size_t>(threads - 1));
    // Whatever happens on this thread (a progress callback may throw),
    // nothing outlives the call: the helpers are stopped and joined.
    struct Joiner {
      Shared& shared;
      std::vector<std::thread>& running;
      ~Joiner() {
        shared.stop.store(true, std::memory_order_relaxed);
        for (std::thread& t : running) if (t.joinable()) t.join();
      }
    } joiner{shared, running};
    for (int i = 1; i < threads; ++i) {
      std::unique_ptr<Searcher>& slot = helpers[static_cast<std::size_t>(i - 1)];
      try {
        running.emplace_back([&slot, &request, &game, &shared, &table, usable, i] {
          try {
            auto h = std::make_unique<Searcher>(request, game, shared, i);
            if (table) h->set_table(&*table);
            h->set_egdb(usable);
            h->prepare();
            slot = std::move(h);
          } catch (const std::exception&) {
            return;
          }
          slot->iterate();
        });
      } catch (const std::exception&) {
        break;
      }
    }
    main.iterate();
    for (std::thread& t : running) t.join();

    // The deepest completed iteration answers; among equals, the main thread.
    Searcher* best = &main;
    std::uint64_t nodes = main.nodes();
    std::uint64_t hits = main.egdb_hits();
    bool cancelled = main.cancelled();
    int searched = 1;
    for (const std::unique_ptr<Searcher>& h : helpers) {
      if (!h) continue;
      ++searched;
      nodes += h->nodes();
      hits += h->egdb_hits();
      cancelled = cancelled || h->cancelled();
      if (h->completed_depth() > best->completed_depth()) best = h.get();
    }
    // Progress came from the main thread; a deeper answer from a helper is
    // reported too, so the last report is the answer.
    if (best != &main && request.on_progress) best->report(nodes);
    result = best->conclude();
    result.nodes = nodes;
    result.cancelled = cancelled;
    result.threads = searched;
    result.egdb_hits = hits;
  }
  result.egdb_status = db.status();
  result.egdb_root = main.egdb_root();
  if (result.egdb_root) result.egdb_value = main.egdb_root_value();
  if (caller_request.on_progress && result.has_move && (!reported || !(last_reported == result.best_move))) {
    Progress p;
    // Reported lines and another move, not the level's mistake: the
    // unfinished iteration proved it better, at that iteration's depth.
    p.depth = reported && !result.blunder ? result.depth + 1 : result.depth;
    p.seldepth = result.seldepth;
    // No line ended in an evaluation (one legal move, an early stop): the
    // deepest ply reached stands for them.
    p.mean_depth = reported ? last_mean_depth : std::max(1, result.seldepth);
    p.score = result.score;
    p.nodes = result.nodes;
    p.time_ms = result.time_ms;
    p.pv = &result.pv;
    caller_request.on_progress(p);
  }
  // An infinite search answers only once cancelled, even when there was
  // nothing left to search (no legal move, the deepest depth done).
  if (request.limits.infinite) {
    while (!cancel_set(request)) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    result.cancelled = true;
  }
  if (table) {
    result.tt_status = table->status();
    result.tt_reason = table->reason();
  }
  return result;
}

absl::StatusOr<SearchResult> search(const Position& position, const SearchRequest& request) {
  absl::StatusOr<Game> game = Game::from_position(position);
  if (!game.ok()) return game.status();
  return search(*game, request);
}

std::uint64_t table_fingerprint() {
  // The weights' checksum is in it too: new weights mean new scores.
  return levels::mix(levels::mix(0x54656d706f000000ULL ^ zobrist::kVersion, static_cast<std::uint64_t>(eval::kVersion)),
                     eval::weights_checksum());
}

int evaluate(const Position& pos, double feature_scale) { return eval::score(pos, eval::scale_q10(feature_scale)); }

}  // namespace tempo
