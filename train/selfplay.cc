#include "train/selfplay.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "rules/game.h"
#include "rules/movegen.h"
#include "search/levels.h"
#include "search/search.h"
#include "search/session.h"
#include "train/records.h"

namespace tempo::train {
namespace {

constexpr int kTableMiB = 1;  // per game thread: the games search a few thousand nodes a move

// Quiet: neither side could capture now (the evaluation is only asked about
// such positions in the search, and a label on a position with a capture
// pending says more about the capture than about the position).
bool quiet(const Position& pos) {
  if (has_capture(pos)) return false;
  Position other = pos;
  other.side = ~other.side;
  return !has_capture(other);
}

struct Shared {
  const SelfplayOptions& opt;
  std::FILE* out;
  std::mutex mu;
  std::atomic<std::uint32_t> next_game;
  std::uint32_t end_game;
  std::atomic<std::uint64_t> positions{0};
  std::atomic<int> games_done{0}, white_wins{0}, draws{0}, black_wins{0};
  std::atomic<bool> failed{false};
  std::string error;
};

// One game; returns false on an internal error (recorded in `sh.error`).
bool play_one(Shared& sh, std::uint32_t number, Session& session) {
  const SelfplayOptions& opt = sh.opt;
  std::uint64_t rng = levels::mix(opt.seed, number);
  auto next_random = [&rng] { return rng = levels::mix(rng, 0x5eed); };
  session.clear_table().IgnoreError();  // no search runs on it: it cannot fail
  Game& game = session.game();
  game = Game{};
  const Opening& opening = opt.openings[number % opt.openings.size()];
  for (const Move& m : opening.moves) {
    if (!game.play(m).ok()) return true;  // checked when the book was read
  }
  auto search_here = [&](int multipv, int depth, std::uint64_t nodes) {
    SearchRequest req;
    req.limits.depth = depth;
    req.limits.nodes = nodes;
    req.params.time_limit_ms = 0;  // the node or depth limit alone decides: games replay exactly
    req.multipv = multipv;
    req.seed = rng;
    return session.search(std::move(req));
  };

  // A few random but reasonable moves, so that games from one opening differ.
  for (int i = 0; i < opt.random_plies && !game.status().over(); ++i) {
    absl::StatusOr<SearchResult> r = search_here(kMaxMultiPv, 4, 0);
    if (!r.ok() || !r->has_move) break;
    int near = 0;
    for (const ScoredMove& sm : r->multipv) near += sm.score >= r->multipv[0].score - opt.random_margin;
    const Move m = r->multipv[static_cast<std::size_t>(next_random() % static_cast<std::uint64_t>(near))].move;
    if (!game.play(m).ok()) break;
  }

  // Training positions as (ply, score); every other position is stored
  // without a score.
  std::vector<std::pair<int, std::int16_t>> labels;
  int result = 0;  // White's view
  for (;;) {
    const GameStatus st = game.status();
    if (st.over()) {
      result = st.state == GameState::kDraw ? 0 : st.winner == Color::kWhite ? 1 : -1;
      break;
    }
    if (game.ply() >= opt.max_plies) break;
    absl::StatusOr<SearchResult> r = search_here(1, 0, opt.nodes);
    if (!r.ok()) {
      std::lock_guard<std::mutex> lock(sh.mu);
      sh.error = absl::StrCat("game ", number, ": ", r.status().message());
      return false;
    }
    const Position& pos = game.current();
    const int white_score = pos.side == Color::kWhite ? r->score : -r->score;
    if (quiet(pos)) {
      // kNoScore (-32768) lies below the clamp: a label is never "no label".
      labels.emplace_back(game.ply(), static_cast<std::int16_t>(std::clamp(white_score, -30000, 30000)));
    }
    // A proven win is how the game ends: no need to play it out.
    if (std::abs(r->score) >= kWinThreshold) {
      result = white_score > 0 ? 1 : -1;
      break;
    }
    if (!game.play(r->best_move).ok()) break;
  }
  GameRecord rec;
  rec.number = number;
  rec.result = static_cast<std::int8_t>(result);
  rec.moves = game.moves();
  rec.scores.assign(rec.moves.size() + 1, kNoScore);
  for (const auto& [ply, score] : labels) rec.scores[static_cast<std::size_t>(ply)] = score;
  absl::StatusOr<std::string> bytes = encode_game(rec);
  if (!bytes.ok()) {
    std::lock_guard<std::mutex> lock(sh.mu);
    sh.error = absl::StrCat("game ", number, ": ", bytes.status().message());
    return false;
  }

  std::lock_guard<std::mutex> lock(sh.mu);
  // One write of the whole game, flushed: an interruption cuts at most this
  // game, which the next run cuts off (prepare_game_file).
  if (std::fwrite(bytes->data(), 1, bytes->size(), sh.out) != bytes->size() || std::fflush(sh.out) != 0) {
    sh.error = "write failed (disk full?)";
    return false;
  }
  sh.positions += labels.size();
  ++sh.games_done;
  (result > 0 ? sh.white_wins : result < 0 ? sh.black_wins : sh.draws)++;
  return true;
}

}  // namespace

absl::Status selfplay(const SelfplayOptions& opt) {
  if (opt.openings.empty()) return absl::InvalidArgumentError("no openings");
  if (opt.threads < 1 || opt.threads > 256) return absl::InvalidArgumentError("threads must be 1..256");
  if (opt.games < 1) return absl::InvalidArgumentError("games must be at least 1");
  if (opt.nodes < 100) return absl::InvalidArgumentError("nodes must be at least 100");

  // Resume: the games already in the file stay; numbering goes on after them.
  absl::StatusOr<GameFileState> state = prepare_game_file(opt.out);
  if (!state.ok()) return state.status();
  const std::uint32_t have = state->games, next = state->next_number;
  if (static_cast<int>(have) >= opt.games) return absl::OkStatus();
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> out(std::fopen(opt.out.c_str(), "ab"), &std::fclose);
  if (!out) return absl::NotFoundError("cannot open " + opt.out + " for writing");

  Shared sh{opt, out.get(), {}, {next}, next + static_cast<std::uint32_t>(opt.games) - have, {}, {}, {},
            {},  {},        {}, {}};
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<std::thread> workers;
  for (int t = 0; t < opt.threads; ++t) {
    workers.emplace_back([&sh] {
      Session session;
      session.resize_table(kTableMiB).IgnoreError();  // in kTableSize's range
      for (;;) {
        if (sh.failed) return;
        const std::uint32_t g = sh.next_game++;
        if (g >= sh.end_game) return;
        if (!play_one(sh, g, session)) sh.failed = true;
      }
    });
  }
  const int todo = opt.games - static_cast<int>(have);
  double last = -10;
  for (;;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    const int done = sh.games_done;
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (opt.progress && (done >= todo || sh.failed || s - last >= 5)) {
      last = s;
      std::fprintf(stderr,
                   "selfplay: %d/%d games (%u before), %llu positions, %.1f games/s, +%d =%d -%d (White's view)\n",
                   done, todo, have, static_cast<unsigned long long>(sh.positions.load()), s > 0 ? done / s : 0.0,
                   sh.white_wins.load(), sh.draws.load(), sh.black_wins.load());
    }
    if (done >= todo || sh.failed) break;
  }
  for (std::thread& w : workers) w.join();
  if (sh.failed) return absl::InternalError(sh.error);
  return absl::OkStatus();
}

}  // namespace tempo::train
