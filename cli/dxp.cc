// `tempo dxp`: one game of DamExchange over TCP against another engine.
//
//   tempo dxp --dxp-listen [--dxp-port P]            wait for a GAMEREQ (follower)
//   tempo dxp --dxp-connect HOST [--dxp-port P]      send the GAMEREQ (initiator)
//
// The initiator proposes colours (--dxp-color is its own colour), thinking
// time and start position (--fen); the follower accepts. Each side then
// plays its moves under the agreed clock (or --depth / --movetime if given,
// which cap our own thinking). When a move, ours or the other side's, ends
// the game by the rules, we send GAMEEND without waiting for the other side's;
// a GAMEEND received first (a resignation, a draw offer) is answered with
// ours. The result goes to stdout as `result 2-0 (...)`, and the game as PDN
// to --dxp-pdn if set.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/commands.h"
#include "cli/egdb_file.h"
#include "cli/flags.h"
#include "cli/net.h"
#include "protocol/dxp.h"
#include "rules/fen.h"
#include "rules/game.h"
#include "rules/notation.h"
#include "rules/pdn.h"
#include "rules/text.h"
#include "search/search.h"
#include "search/session.h"

ABSL_FLAG(bool, dxp_listen, false, "dxp: wait for the other engine to connect (follower)");
ABSL_FLAG(std::string, dxp_connect, "", "dxp: connect to this host and request a game (initiator)");
ABSL_FLAG(std::string, dxp_host, "127.0.0.1", "dxp --dxp-listen: address to listen on");
ABSL_FLAG(int, dxp_port, tempo::dxp::kDefaultPort, "dxp: TCP port (0 with --dxp-listen: any free port, printed)");
ABSL_FLAG(int, dxp_minutes, 5, "dxp initiator: thinking time per side for the game, minutes (1..999)");
ABSL_FLAG(int, dxp_moves, 0, "dxp initiator: moves to play in that time (0 = the whole game)");
ABSL_FLAG(std::string, dxp_color, "white", "dxp initiator: our colour, white or black");
ABSL_FLAG(std::string, dxp_name, "Tempo", "dxp: our name in GAMEREQ / GAMEACC");
ABSL_FLAG(std::string, dxp_pdn, "", "dxp: write the finished game to this PDN file");
ABSL_FLAG(int, dxp_timeout, 0, "dxp: give up after this many seconds without a message or connection (0 = never)");
ABSL_FLAG(int, dxp_games, 1,
          "dxp: games on one connection (1..10000); the initiator alternates colours, either side's stop code ends it "
          "sooner");

namespace tempo::cli {
namespace {

using Clock = std::chrono::steady_clock;

std::string msg(const absl::Status& s) { return std::string(s.message()); }

int fail(const std::string& what) {
  std::fprintf(stderr, "tempo dxp: %s\n", what.c_str());
  return 1;
}

// A bad flag: status 2, as every tempo command.
int bad_flag(const std::string& what) {
  fail(what);
  return 2;
}

struct Match {
  Socket sock;
  MessageReader reader{dxp::kMaxMessage};
  int timeout_ms = -1;
  MappedEgdb egdb;              // the endgame database's file, mapped: outlives the session that reads it
  Session session;              // the game, the table carried from move to move, the database
  Game& game = session.game();  // the one in the session
  Color me = Color::kWhite;
  std::string opponent;
  int clock_ms[2] = {0, 0};  // time left, [white, black]
  int moves_per_period = 0;
  Level level = Level::kExpert;
  std::uint64_t seed = 0;
  // Several games on one connection: our GAMEEND's stop code says whether
  // this is the last; the peer's says whether it wants no more.
  bool last_game = true;
  bool peer_stopped = false;
  int games = 0, wins = 0, draws = 0, losses = 0;  // finished games, our view
  long bad_messages = 0;                           // unreadable messages so far (each oversized one counts once)

  // Says so on stderr for the first few only: a hostile peer must not flood the log.
  void report_bad(const absl::Status& why) {
    constexpr long kReported = 10;
    ++bad_messages;
    if (bad_messages <= kReported) {
      std::fprintf(stderr, "tempo dxp: ignoring bad message: %s\n", std::string(why.message()).c_str());
    }
    if (bad_messages == kReported) std::fprintf(stderr, "tempo dxp: further bad messages are ignored silently\n");
  }

  absl::Status send(const dxp::Message& m) {
    std::string bytes = dxp::encode(m);
    bytes.push_back('\0');
    return send_all(sock, bytes);
  }
  absl::StatusOr<dxp::Message> receive() {
    absl::StatusOr<std::string> text = reader.next(sock, timeout_ms);
    if (!text.ok()) return text.status();
    return dxp::decode(*text);
  }
};

int my_index(Color c) { return c == Color::kWhite ? 0 : 1; }

// Our move under the clock (and the --depth / --movetime caps).
absl::StatusOr<SearchResult> think(Match& m) {
  SearchRequest req;
  req.params = Params::for_level(m.level);
  req.seed = m.seed + static_cast<std::uint64_t>(m.game.ply());
  const int depth = absl::GetFlag(FLAGS_depth);
  const int movetime = absl::GetFlag(FLAGS_movetime);
  if (depth > 0 || movetime > 0) {
    req.limits.depth = depth;
    req.limits.movetime_ms = movetime;
  } else {
    req.limits.time_left_ms = std::max(1, m.clock_ms[my_index(m.me)]);
    if (m.moves_per_period > 0) {
      const int done = m.game.ply() / 2;
      req.limits.moves_to_go = std::max(1, m.moves_per_period - done % m.moves_per_period);
    }
  }
  return m.session.search(std::move(req));
}

// How long we wait for the peer's GAMEEND after sending ours.
constexpr int kConfirmWaitMs = 10000;

const char* color_word(Color c) { return c == Color::kWhite ? "white" : "black"; }

// Our GAMEEND reason for a finished game.
dxp::EndReason reason_for(const Match& m, const GameStatus& st) {
  if (st.state == GameState::kDraw) return dxp::EndReason::kDraw;
  if (st.state == GameState::kWin) return st.winner == m.me ? dxp::EndReason::kWin : dxp::EndReason::kGiveUp;
  return dxp::EndReason::kUnknown;
}

// Takes back to `move_number` with `side` to move; false if that is not in the game.
bool take_back(Match& m, const dxp::BackRequest& b) {
  const bool black_starts = m.game.start().side == Color::kBlack;
  const int target = (b.move_number - 1) * 2 + (b.side == Color::kBlack ? 1 : 0) - (black_starts ? 1 : 0);
  if (target < 0 || target > m.game.ply()) return false;
  while (m.game.ply() > target) {
    if (!m.game.undo().ok()) return false;
  }
  return true;
}

// `result`: "2-0", "0-2", "1-1" or "*"; empty = what the game record says.
int finish(Match& m, const std::string& how, std::string result = "") {
  const GameStatus st = m.game.status();
  if (result.empty()) result = result_of(st);
  absl::PrintF("result %s (%s; %s) vs %s, %d plies\n", result, st.over() ? describe(st) : "unfinished", how, m.opponent,
               m.game.ply());
  std::fflush(stdout);
  if (const std::string path = absl::GetFlag(FLAGS_dxp_pdn); !path.empty()) {
    PdnGame g;
    g.game = m.game;
    g.result = result;
    g.set_tag("Event", "DXP game");
    g.set_tag("White", m.me == Color::kWhite ? absl::GetFlag(FLAGS_dxp_name) : m.opponent);
    g.set_tag("Black", m.me == Color::kBlack ? absl::GetFlag(FLAGS_dxp_name) : m.opponent);
    // The session's games, one after another in the same file.
    std::ofstream out(path, std::ios::binary | (m.games == 0 ? std::ios::trunc : std::ios::app));
    if (m.games > 0) out << "\n";
    out << write_pdn(g);
    if (!out) return fail(absl::StrCat("cannot write ", path));
  }
  ++m.games;
  const bool white_won = result == "2-0", black_won = result == "0-2";
  if (result == "1-1") ++m.draws;
  else if ((white_won && m.me == Color::kWhite) || (black_won && m.me == Color::kBlack)) ++m.wins;
  else if (white_won || black_won) ++m.losses;
  return 0;
}

// The game is over by the rules (no legal move, or a draw rule), whoever's
// move ended it: say so ourselves rather than wait for the other side, which
// may never send GAMEEND (Scan 2.0 does not after its own winning move; some
// clients only send it when they quit). The result and the PDN go out at
// once; then a bounded wait for the peer's GAMEEND, so that it reads ours
// before we close. A peer that closes instead is fine too.
int announce_end(Match& m, const GameStatus& st) {
  const absl::Status sent = m.send(dxp::GameEnd{reason_for(m, st), m.last_game});
  const int code = finish(m, sent.ok() ? "game over by the rules, GAMEEND sent"
                                       : absl::StrCat("game over by the rules, GAMEEND not sent: ", msg(sent)));
  if (!sent.ok()) {  // the peer is gone: nothing to wait for, no next game
    m.peer_stopped = true;
    return code;
  }
  const int saved_timeout = m.timeout_ms;
  m.timeout_ms = m.timeout_ms < 0 ? kConfirmWaitMs : std::min(m.timeout_ms, kConfirmWaitMs);
  while (true) {
    absl::StatusOr<dxp::Message> r = m.receive();
    if (r.ok() && std::holds_alternative<dxp::GameEnd>(*r)) {
      m.peer_stopped = std::get<dxp::GameEnd>(*r).stop;
      break;
    }
    if (!r.ok() && !absl::IsInvalidArgument(r.status())) {  // closed or timed out: no next game
      m.peer_stopped = true;
      break;
    }
  }
  m.timeout_ms = saved_timeout;
  return code;
}

int play(Match& m) {
  while (true) {
    if (const GameStatus st = m.game.status(); st.over()) {
      return announce_end(m, st);
    } else if (m.game.current().side == m.me) {
      const auto t0 = Clock::now();
      absl::StatusOr<SearchResult> r = think(m);
      if (!r.ok()) return fail(absl::StrCat("search: ", msg(r.status())));
      if (!r->has_move) return fail("search found no move in an ongoing game");
      const int used_ms =
          static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count());
      m.clock_ms[my_index(m.me)] -= used_ms;
      const Position before = m.game.current();
      if (absl::Status s = m.game.play(r->best_move); !s.ok()) return fail(absl::StrCat("own move: ", msg(s)));
      absl::PrintF("move %s %s %.2fs\n", color_word(m.me), to_pdn(before, r->best_move), used_ms / 1000.0);
      std::fflush(stdout);
      if (absl::Status s = m.send(dxp::from_move(r->best_move, (used_ms + 500) / 1000)); !s.ok()) return fail(msg(s));
      continue;
    }
    absl::StatusOr<dxp::Message> in = m.receive();
    if (!in.ok()) {
      if (absl::IsInvalidArgument(in.status())) {
        // A message we cannot read: say so and keep listening.
        m.report_bad(in.status());
        continue;
      }
      finish(m, absl::StrCat("connection lost: ", msg(in.status())));
      return 1;
    }
    if (const auto* mv = std::get_if<dxp::MoveMessage>(&*in)) {
      if (m.game.status().over() || m.game.current().side == m.me) {
        m.send(dxp::Chat{"Tempo: a move arrived when it was not your turn"}).IgnoreError();
        continue;
      }
      absl::StatusOr<Move> move = dxp::to_move(m.game.current(), *mv);
      if (!move.ok()) {
        // An illegal move ends the game: we cannot continue a game we disagree on.
        m.send(dxp::Chat{absl::StrCat("Tempo: ", msg(move.status()))}).IgnoreError();
        m.send(dxp::GameEnd{dxp::EndReason::kUnknown, true}).IgnoreError();
        finish(m, absl::StrCat("stopped: opponent sent an illegal move: ", msg(move.status())));
        return 1;
      }
      m.clock_ms[my_index(~m.me)] -= mv->seconds * 1000;
      const Position before = m.game.current();
      m.game.play(*move).IgnoreError();  // legal: checked just above
      absl::PrintF("move %s %s %ds\n", color_word(~m.me), to_pdn(before, *move), mv->seconds);
      std::fflush(stdout);
    } else if (const auto* end = std::get_if<dxp::GameEnd>(&*in)) {
      const GameStatus now = m.game.status();
      // A finished game keeps the result the rules give; otherwise a
      // resignation or an agreed draw decides it.
      std::string result;
      dxp::EndReason answer = reason_for(m, now);
      if (!now.over() && end->reason == dxp::EndReason::kGiveUp) {
        result = m.me == Color::kWhite ? "2-0" : "0-2";
        answer = dxp::EndReason::kWin;
      } else if (!now.over() && end->reason == dxp::EndReason::kDraw) {
        result = "1-1";
        answer = dxp::EndReason::kDraw;
      }
      m.peer_stopped = end->stop;
      m.send(dxp::GameEnd{answer, m.last_game || end->stop}).IgnoreError();
      const char* why = end->reason == dxp::EndReason::kGiveUp ? "opponent gave up"
                        : end->reason == dxp::EndReason::kDraw ? "opponent claims a draw"
                        : end->reason == dxp::EndReason::kWin  ? "opponent claims a win"
                                                               : "opponent ended the game";
      return finish(m, why, result);
    } else if (const auto* chat = std::get_if<dxp::Chat>(&*in)) {
      std::fprintf(stderr, "tempo dxp: chat from %s: %s\n", m.opponent.c_str(), chat->text.c_str());
    } else if (const auto* back = std::get_if<dxp::BackRequest>(&*in)) {
      const bool ok = take_back(m, *back);
      m.send(dxp::BackAccept{ok ? dxp::BackCode::kAccept : dxp::BackCode::kOther}).IgnoreError();
      absl::PrintF("takeback to move %d (%s): %s\n", back->move_number, color_word(back->side),
                   ok ? "accepted" : "refused");
    }
    // GAMEREQ / GAMEACC / BACKACC mid-game: nothing to do.
  }
}

// The follower's side of a handshake: the next GAMEREQ, accepted. Between
// games a closed connection or the peer's silence is the end of the session.
constexpr int kNoMoreGames = -1;

int await_request(Match& m, const std::string& name) {
  while (true) {
    absl::StatusOr<dxp::Message> in = m.receive();
    if (!in.ok()) {
      if (m.games > 0 && !absl::IsInvalidArgument(in.status())) return kNoMoreGames;
      if (absl::IsInvalidArgument(in.status())) continue;  // unreadable: skip, as in a game
      return fail(absl::StrCat("waiting for GAMEREQ: ", msg(in.status())));
    }
    const auto* req = std::get_if<dxp::GameRequest>(&*in);
    if (!req) continue;  // a late GAMEEND of the last game, a CHAT...
    if (req->version != 1) {
      m.send(dxp::GameAccept{name, dxp::AcceptCode::kVersion}).IgnoreError();
      return fail(absl::StrCat("GAMEREQ version ", req->version, " not supported"));
    }
    absl::StatusOr<Game> g = Game::from_position(req->start.value_or(Position::start()));
    if (!g.ok() || g->status().over()) {
      m.send(dxp::GameAccept{name, dxp::AcceptCode::kNotThisGame}).IgnoreError();
      return fail("GAMEREQ start position refused");
    }
    m.game = *g;
    m.me = req->follower_color;
    m.opponent = req->initiator;
    m.clock_ms[0] = m.clock_ms[1] = std::max(1, req->minutes) * 60000;
    m.moves_per_period = req->moves;
    if (absl::Status s = m.send(dxp::GameAccept{name, dxp::AcceptCode::kAccept}); !s.ok()) return fail(msg(s));
    absl::PrintF("game %s (we play %s), %d min / %d moves\n", req->initiator, color_word(m.me), req->minutes,
                 req->moves);
    return 0;
  }
}

// The initiator's side: game `index` (0-based) of the session, colours
// alternating from --dxp-color.
int request_game(Match& m, dxp::GameRequest req, int index) {
  if (index % 2 == 1) req.follower_color = ~req.follower_color;
  m.me = ~req.follower_color;
  m.game = *Game::from_position(req.start.value_or(Position::start()));  // checked by run_dxp
  m.clock_ms[0] = m.clock_ms[1] = req.minutes * 60000;
  m.moves_per_period = req.moves;
  if (absl::Status st = m.send(req); !st.ok()) return fail(msg(st));
  while (true) {
    absl::StatusOr<dxp::Message> in = m.receive();
    if (!in.ok()) {
      if (absl::IsInvalidArgument(in.status())) continue;
      return fail(absl::StrCat("waiting for GAMEACC: ", msg(in.status())));
    }
    const auto* acc = std::get_if<dxp::GameAccept>(&*in);
    if (!acc) continue;
    if (acc->code != dxp::AcceptCode::kAccept) {
      return fail(absl::StrCat(acc->follower, " refused the game (code ", static_cast<int>(acc->code), ")"));
    }
    m.opponent = acc->follower;
    absl::PrintF("game accepted by %s (we play %s)\n", acc->follower, color_word(m.me));
    return 0;
  }
}

}  // namespace

int run_dxp(const Args& args) {
  if (!args.empty()) return bad_flag(absl::StrCat("unexpected argument ", quote(args[0])));
  const bool listen = absl::GetFlag(FLAGS_dxp_listen);
  const std::string host = absl::GetFlag(FLAGS_dxp_connect);
  if (listen == !host.empty()) return bad_flag("give exactly one of --dxp-listen or --dxp-connect HOST");
  Match m;
  const int timeout_s = absl::GetFlag(FLAGS_dxp_timeout);
  m.timeout_ms = timeout_s > 0 ? timeout_s * 1000 : -1;
  absl::StatusOr<Level> level = parse_level(absl::GetFlag(FLAGS_level));
  if (!level.ok()) return bad_flag(msg(level.status()));
  m.level = *level;
  m.seed = absl::GetFlag(FLAGS_seed);
  if (absl::Status st = m.session.resize_table(absl::GetFlag(FLAGS_tt_mb)); !st.ok()) {
    return bad_flag(absl::StrCat("--", msg(st)));
  }
  // --egdb (a bad one is a bad flag, an empty one none), else the default
  // database found (a bad one is said on stderr and we play without).
  if (const EgdbChoice egdb = chosen_egdb(); !egdb.path.empty()) {
    if (absl::Status st = attach_egdb_file(m.session, egdb.path, &m.egdb); !st.ok()) {
      if (egdb.given) return bad_flag(absl::StrCat("--egdb: ", msg(st)));
      std::fprintf(stderr, "tempo dxp: the endgame database from %s is not used: %s; playing without one\n",
                   egdb.origin.c_str(), msg(st).c_str());
    }
  }
  const std::string name = absl::GetFlag(FLAGS_dxp_name);
  int port = absl::GetFlag(FLAGS_dxp_port);

  const int games = absl::GetFlag(FLAGS_dxp_games);
  if (games < 1 || games > 10000) return bad_flag("--dxp-games must be 1..10000");
  // The initiator's request, checked before connecting.
  dxp::GameRequest request;
  if (!listen) {
    const std::string color = absl::GetFlag(FLAGS_dxp_color);
    if (color != "white" && color != "black") return bad_flag("--dxp-color must be white or black");
    const int minutes = absl::GetFlag(FLAGS_dxp_minutes), moves = absl::GetFlag(FLAGS_dxp_moves);
    if (minutes < 1 || minutes > 999) return bad_flag("--dxp-minutes must be 1..999");
    if (moves < 0 || moves > 999) return bad_flag("--dxp-moves must be 0..999");
    request = dxp::GameRequest{1, name, color == "white" ? Color::kBlack : Color::kWhite, minutes, moves, std::nullopt};
    if (const std::optional<std::string> fen = given_fen()) {
      absl::StatusOr<Position> p = parse_fen(*fen);
      if (!p.ok()) return bad_flag(absl::StrCat("--fen: ", msg(p.status())));
      request.start = *p;
    }
    absl::StatusOr<Game> g = Game::from_position(request.start.value_or(Position::start()));
    if (!g.ok()) return bad_flag(absl::StrCat("--fen: ", msg(g.status())));
    if (g->status().over()) return bad_flag(absl::StrCat("--fen: nothing to play, ", describe(g->status())));
  }

  if (listen) {
    int bound = 0;
    absl::StatusOr<Socket> listener = listen_tcp(absl::GetFlag(FLAGS_dxp_host), port, &bound);
    if (!listener.ok()) return fail(msg(listener.status()));
    absl::PrintF("listening %s:%d\n", absl::GetFlag(FLAGS_dxp_host), bound);
    std::fflush(stdout);
    absl::StatusOr<Socket> s = accept_tcp(*listener, m.timeout_ms);
    if (!s.ok()) return fail(msg(s.status()));
    m.sock = std::move(*s);
  } else {
    absl::StatusOr<Socket> s = connect_tcp(host, port, m.timeout_ms < 0 ? 5000 : m.timeout_ms);
    if (!s.ok()) return fail(msg(s.status()));
    m.sock = std::move(*s);
  }

  for (int i = 0; i < games; ++i) {
    m.last_game = i + 1 == games;
    if (i > 0) m.session.clear_table().IgnoreError();  // a new game: a fresh table (no search runs)
    const int code = listen ? await_request(m, name) : request_game(m, request, i);
    if (code == kNoMoreGames) break;
    if (code != 0) return code;
    std::fflush(stdout);
    if (const int played = play(m); played != 0) return played;
    if (m.peer_stopped) break;
  }
  if (games > 1) {
    absl::PrintF("match +%d =%d -%d in %d games vs %s\n", m.wins, m.draws, m.losses, m.games, m.opponent);
  }
  return 0;
}

}  // namespace tempo::cli
