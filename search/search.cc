// Iterative-deepening negamax alpha-beta (PVS, aspiration windows, late-move
// reductions, single-reply extension) with a capture-resolving quiescence
// search, over the caller's transposition table.
//
// This file is the algorithm: node() and quiesce() below, the root and
// iterative deepening, and search(), the public call, as a sequence of
// steps. The parts it uses each have their own file: the thread's state
// (searcher.h), move ordering (movepick.h), reductions, extensions and
// margins (decisions.h), Lazy SMP (threads.cc), the old engine's tree for
// comparison (classic.cc), time (time.cc), levels (levels.cc).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <optional>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "search/book.h"
#include "search/decisions.h"
#include "search/search.h"
#include "search/searcher.h"

namespace tempo {
namespace {

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

// Fail-soft bookkeeping of one move's score in a node that keeps no move or
// line (the capture search, the blunder look): true when it refutes the node.
bool raises(int score, int& best, int& alpha, int beta) {
  if (score <= best) return false;
  best = score;
  if (score <= alpha) return false;
  alpha = score;
  return score >= beta;
}

}  // namespace

int Searcher::quiesce(int ply, int alpha, int beta, const Position& pos, std::uint64_t key, int captures) {
  count_node(ply);
  if (stopped_) return 0;
  if (ply >= kMaxPly - 1) return leaf(pos, key);
  // A weak level's horizon: it does not see how a long exchange ends.
  if (captures >= capture_horizon_ && has_capture(pos)) {
    line_ends(ply);
    return leaf(pos, key);
  }
  // No stand-pat while a capture is forced: the position is not quiet.
  if (!has_capture(pos)) {
    line_ends(ply);
    if (!has_any_move(pos)) return loss_in(ply);
    if (int s; egdb_ && egdb_score(ply, pos, true, &s)) return s;
    return leaf(pos, key);
  }
  Frame& f = frames_[ply];
  generate_captures(pos, f.picker.moves);
  order_moves(ply, pos, 0, true);
  int best = kNoScore;
  for (int i = 0; i < f.picker.moves.size; ++i) {
    const Move m = f.picker.pick(i);
    const Position child = pos.after(m);
    const int score = -quiesce(ply + 1, -beta, -alpha, child, zobrist::key_after(key, pos, m), captures + 1);
    if (stopped_) return 0;
    if (raises(score, best, alpha, beta)) break;
  }
  return best;
}

int Searcher::look(int ply, int depth, int alpha, int beta, const Position& pos, std::uint64_t key, int captures) {
  const bool capture = has_capture(pos);
  if (ply >= kMaxPly - 1 || (depth <= 0 && (!capture || captures >= capture_horizon_))) {
    if (!capture && !has_any_move(pos)) return loss_in(ply);
    return leaf(pos, key);
  }
  MoveList& moves = frames_[ply].picker.moves;
  if (depth > 0) generate_moves(pos, moves);
  else generate_captures(pos, moves);
  if (moves.size == 0) return loss_in(ply);
  int best = kNoScore;
  for (int i = 0; i < moves.size; ++i) {
    const Move m = moves[i];  // (the child's own list is frames_[ply + 1]'s)
    const int score = -look(ply + 1, depth - 1, -beta, -alpha, pos.after(m), zobrist::key_after(key, pos, m),
                            depth > 0 ? captures : captures + 1);
    if (raises(score, best, alpha, beta)) break;
  }
  return best;
}

int Searcher::node(int ply, int depth, int alpha, int beta, const Position& pos, std::uint64_t key, bool pv) {
  Frame& f = frames_[ply];
  f.pv.size = 0;
  // Draws known to the rules: the counting rules, and a repetition of any
  // earlier position since the last irreversible move (game history included).
  if (f.draw.rule() != DrawRule::kNone) return 0;
  if (f.draw.reversible_plies >= 4 && repeated(ply, key, f.draw.reversible_plies)) return 0;

  if (depth <= 0) return quiesce(ply, alpha, beta, pos, key);
  count_node(ply);
  if (stopped_) return 0;
  if (ply >= kMaxPly - 1) return leaf(pos, key);

  std::uint32_t table_move;
  if (int s; answered_before_moves(ply, depth, alpha, beta, pos, key, /*table_cuts=*/!pv, &table_move, &s)) return s;
  const int alpha_in = alpha;

  // Static pruning near the leaves (decisions.h): far above beta with nothing
  // hanging on either side, a shallow search will not bring the score back down.
  if (decisions::may_prune(depth, pv, beta) && !has_capture(pos)) {
    Position pass = pos;
    pass.side = ~pass.side;
    if (!has_capture(pass)) {
      const int e = leaf(pos, key);
      if (e - decisions::prune_margin(depth) >= beta) {
        line_ends(ply);
        return e;
      }
    }
  }

  generate_moves(pos, f.picker.moves);
  const int n = f.picker.moves.size;
  if (n == 0) {
    line_ends(ply);
    return loss_in(ply);
  }
  depth += decisions::extension(n, ply, root_depth_);
  const bool captures = f.picker.moves[0].is_capture();
  order_moves(ply, pos, table_move, captures);

  int best = kNoScore;
  Move best_move = f.picker.moves[0];
  for (int i = 0; i < n; ++i) {
    const Move m = f.picker.pick(i);
    const Position child = pos.after(m);
    const std::uint64_t child_key = enter(ply, pos, key, m, child);
    const int new_depth = depth - 1;
    int score;
    if (i == 0) {
      score = -node(ply + 1, new_depth, -beta, -alpha, child, child_key, pv);
    } else {
      // Late quiet moves are searched shallower first; a surprise is re-searched.
      const int r = decisions::reduction(depth, i, pv, f.picker.is_quiet(i));
      score = -node(ply + 1, new_depth - r, -alpha - 1, -alpha, child, child_key, false);
      // (A stopped search returns at once: no re-search may count another node.)
      if (!stopped_ && score > alpha && r > 0)
        score = -node(ply + 1, new_depth, -alpha - 1, -alpha, child, child_key, false);
      if (!stopped_ && score > alpha && score < beta && pv)
        score = -node(ply + 1, new_depth, -beta, -alpha, child, child_key, true);
    }
    if (stopped_) return 0;
    if (score > best) {
      best = score;
      best_move = m;
      if (score > alpha) {
        alpha = score;
        if (pv) set_pv(f.pv, m, frames_[ply + 1].pv);
        if (score >= beta) {
          if (!captures) reward_quiet(ply, pos, m, depth, i);
          break;
        }
      }
    }
  }
  store(key, ply, depth, best, alpha_in, beta, best_move);
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
    const std::uint64_t child_key = enter(0, root_, key, rm.move, child);
    seldepth_ = std::max(seldepth_, 1);
    int score;
    if (classic_) {
      score = -classic_node(1, depth - 1, -beta, -alpha, child, child_key);
    } else if (i == first) {
      score = -node(1, depth - 1, -beta, -alpha, child, child_key, true);
    } else {
      score = -node(1, depth - 1, -alpha - 1, -alpha, child, child_key, false);
      if (!stopped_ && score > alpha && score < beta)
        score = -node(1, depth - 1, -beta, -alpha, child, child_key, true);
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
  generate_moves(root_, f0.picker.moves);
  legal_ = f0.picker.moves;
  if (legal_.size == 0) return 0;
  const std::uint64_t root_key = keys_[base_];

  // Initial order: the table's move, then captures/promotions, then a static look.
  std::uint32_t table_move = 0;
  if (table_) {
    tt::ProbeResult hit;
    if (table_->probe(root_key ^ table_salt_, 0, &hit)) table_move = hit.move;
  }
  order_moves(0, root_, table_move, legal_[0].is_capture());
  root_moves_.resize(static_cast<std::size_t>(legal_.size));
  for (int i = 0; i < legal_.size; ++i) {
    const Move& m = f0.picker.pick(i);
    root_moves_[i].move = m;
    root_moves_[i].pv.moves[0] = m;
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
  enter(0, root_, keys_[base_], m, child);
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
      int delta = decisions::kAspirationWindow;
      int alpha = -kInf, beta = kInf;
      if (!classic_ && depth >= decisions::kAspirationDepth && prev != kNoScore && std::abs(prev) < kWinThreshold) {
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
        if (delta > decisions::kAspirationGiveUp) {
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
  for (int i = 0; i < lines; ++i)
    result.multipv.push_back(ScoredMove{completed[i].move, completed[i].score, completed[i].pv});

  // The level's deliberate mistake, decided only from the seed and position:
  // a move that looks as good to the level's look (blunder_depth plies, then
  // captures) but is not the search's choice. A cancelled search plays its
  // best move: the caller wants an answer now.
  Move blunder;
  bool blundered = false;
  if (!cancelled_ && legal_.size >= 2 && levels::blunder_due(req_.params, req_.seed, keys_[base_])) {
    int looks[MoveList::kCapacity];
    for (int i = 0; i < legal_.size; ++i) {
      const Position child = root_.after(legal_[i]);
      const std::uint64_t child_key = zobrist::key_after(keys_[base_], root_, legal_[i]);
      looks[i] = req_.params.blunder_depth == 0
                     ? -eval::score(child, scale_)  // the app's blunder: the static score
                     : -look(1, req_.params.blunder_depth - 1, -kInf, kInf, child, child_key, 0);
    }
    blundered = levels::pick_blunder(legal_, looks, result.best_move, req_.params, req_.seed, keys_[base_], &blunder);
  }
  if (blundered) {
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

namespace {

absl::Status check_request(const SearchRequest& r) {
  if (absl::Status st = check_limits(r.limits, r.multipv); !st.ok()) return st;
  if (absl::Status st = check_params(r.params); !st.ok()) return st;
  if (r.tt == nullptr && r.tt_len != 0) return absl::InvalidArgumentError("tt is null but tt_len is not zero");
  if (r.limits.infinite && r.cancel == nullptr)
    return absl::InvalidArgumentError("an infinite search needs a cancel flag: nothing else ends it");
  return absl::OkStatus();
}

// The last line the caller sees must start with the move played. Progress
// goes through here (always on the calling thread), which remembers the
// best line's first move; report_move_played() adds one more report when the
// move played is another (an unfinished iteration found a better move, one
// legal move, a stop before depth 1 ended, the level's mistake).
struct LastReport {
  Move move;
  bool reported = false;
  double mean_depth = 0;
};

SearchRequest watch_progress(const SearchRequest& caller, LastReport& last) {
  SearchRequest request = caller;
  if (caller.on_progress) {
    request.on_progress = [&caller, &last](const Progress& p) {
      if (p.multipv_index == 0 && p.pv != nullptr && p.pv->size > 0) {
        last.move = p.pv->moves[0];
        last.mean_depth = p.mean_depth;
        last.reported = true;
      }
      caller.on_progress(p);
    };
  }
  return request;
}

void report_move_played(const SearchRequest& caller, const LastReport& last, const SearchResult& result) {
  if (!caller.on_progress || !result.has_move || (last.reported && last.move == result.best_move)) return;
  Progress p;
  p.book = result.book;
  // Reported lines and another move, not the level's mistake: the
  // unfinished iteration proved it better, at that iteration's depth.
  p.depth = last.reported && !result.blunder ? result.depth + 1 : result.depth;
  p.seldepth = result.seldepth;
  // No line ended in an evaluation (one legal move, an early stop): the
  // deepest ply reached stands for them.
  p.mean_depth = last.reported ? last.mean_depth : std::max(1, result.seldepth);
  p.score = result.score;
  p.nodes = result.nodes;
  p.time_ms = result.time_ms;
  p.pv = &result.pv;
  caller.on_progress(p);
}

// The caller's buffer as a table, cleared first for Params::fresh_table
// (which measures what carrying the table is worth); none without a buffer
// or with use_table off.
absl::Status attach_table(const SearchRequest& request, std::optional<tt::Table>& table) {
  if (request.tt == nullptr || !request.params.use_table) return absl::OkStatus();
  if (request.params.fresh_table) {
    if (absl::Status st = tt::clear(request.tt, request.tt_len); !st.ok())
      return absl::InvalidArgumentError(absl::StrCat("table buffer: ", st.message()));
  }
  absl::StatusOr<tt::Table> attached = tt::Table::attach(request.tt, request.tt_len, table_fingerprint());
  if (!attached.ok()) return absl::InvalidArgumentError(absl::StrCat("table buffer: ", attached.status().message()));
  table.emplace(*attached);
  return absl::OkStatus();
}

// A position of the opening book: its move at once (book.h's choose()).
SearchResult book_answer(std::span<const book::BookMove> moves, const SearchRequest& request, const Game& game) {
  const book::BookMove& pick =
      book::choose(moves, request.params.book_variety, request.seed, zobrist::key(game.current()));
  SearchResult result;
  result.has_move = true;
  result.book = true;
  result.best_move = pick.move;
  result.score = pick.score;
  result.pv.moves[0] = pick.move;
  result.pv.size = 1;
  result.multipv.push_back(ScoredMove{pick.move, pick.score, result.pv});
  return result;
}

// An infinite search answers only once cancelled, even when there was
// nothing left to search (no legal move, the deepest depth done).
void wait_until_cancelled(const SearchRequest& request) {
  while (!cancel_set(request)) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

}  // namespace

absl::StatusOr<SearchResult> search(const Game& game, const SearchRequest& caller_request) {
  if (absl::Status s = check_request(caller_request); !s.ok()) return s;
  LastReport last;
  const SearchRequest request = watch_progress(caller_request, last);
  std::optional<tt::Table> table;
  if (absl::Status s = attach_table(request, table); !s.ok()) return s;
  // A bad database buffer is reported, never an error: the search goes on without it.
  egdb::Database db;
  if (request.egdb != nullptr && request.egdb_len != 0) db = egdb::Database::open(request.egdb, request.egdb_len);
  const egdb::Database* usable = db.ok() ? &db : nullptr;

  Shared shared;
  // Helpers help only through the table, and only an aligned buffer may be
  // shared between threads (tt/words.h): otherwise one thread searches.
  shared.threads = table && table->shareable() ? request.params.threads : 1;
  shared.start = Clock::now();
  Searcher main(request, game, shared, 0);
  main.set_table(table ? &*table : nullptr);
  main.set_egdb(usable);

  // No legal move, or one in a game: answer at once. A depth or an infinite
  // search is analysis: the score must be the position's, so a forced move
  // is searched like any other.
  const int legal = main.prepare();
  const bool playing = request.limits.depth == 0 && !request.limits.infinite;
  book::BookMove in_book[book::kMaxMoves];
  const int book_moves = request.params.book && playing && request.multipv == 1 && legal >= 2 && !request.params.classic
                             ? book::probe(game.current(), in_book)
                             : 0;
  SearchResult result = book_moves > 0 ? book_answer({in_book, static_cast<std::size_t>(book_moves)}, request, game)
                        : legal == 0 || (legal == 1 && playing)
                            ? main.answer_at_once()
                            : search_threads(main, request, game, shared, table ? &*table : nullptr, usable);
  result.egdb_status = db.status();
  result.egdb_root = main.egdb_root();
  if (result.egdb_root) result.egdb_value = main.egdb_root_value();
  report_move_played(caller_request, last, result);
  if (request.limits.infinite) {
    wait_until_cancelled(request);
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
