// `tempo match`: two Hub engines play each other from a book of openings,
// each opening once with each colour, two games at a time (one per core).
//
// The runner is the referee: it keeps the game record (draw rules from
// rules/game.h), the clocks, and adjudicates: an illegal move, a crash or a
// silent engine loses (that engine only, the reason naming it); a game longer
// than --match-max-plies is drawn. An engine that cannot start is no game at
// all: the match stops with status 2 and no result. Output:
// one line per game, then W/D/L, score and Elo with a 95% interval for
// engine 1, and every game in a PDN file. With --resume the games of this
// match already in that file count and only the rest are played
// (cli/match_resume.h says how a game is recognised as this match's).
#include <unistd.h>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "cli/commands.h"
#include "cli/elo.h"
#include "cli/engine_process.h"
#include "cli/match_resume.h"
#include "protocol/hub.h"
#include "rules/game.h"
#include "rules/notation.h"
#include "rules/pdn.h"
#include "rules/text.h"
#include "train/openings.h"

ABSL_FLAG(std::string, engine1, "", "match: command that runs the first Hub engine (e.g. \"build/tempo hub\")");
ABSL_FLAG(std::string, engine2, "", "match: command that runs the second Hub engine");
ABSL_FLAG(std::string, params1, "", "match: set-param values for engine 1, e.g. \"level=easy,tt-mb=4\"");
ABSL_FLAG(std::string, params2, "", "match: set-param values for engine 2");
ABSL_FLAG(std::string, name1, "", "match: engine 1's name in the results (default: its id name and params)");
ABSL_FLAG(std::string, name2, "", "match: engine 2's name in the results");
ABSL_FLAG(std::string, openings, "data/openings.txt",
          "match, selfplay, book build: opening lines (one line of PDN moves per opening)");
ABSL_FLAG(int, games, 0,
          "match, selfplay: number of games (match: 0 = every opening with both colours; selfplay: 0 = 10000)");
ABSL_FLAG(double, match_movetime, 0, "match: seconds per move");
ABSL_FLAG(int, match_depth, 0, "match: fixed search depth per move");
ABSL_FLAG(std::int64_t, match_nodes, 0, "match: fixed node count per move");
ABSL_FLAG(double, match_time, 0, "match: seconds per side for the whole game (with --match-inc)");
ABSL_FLAG(double, match_inc, 0, "match: seconds added after every move (with --match-time)");
ABSL_FLAG(double, match_margin, 1.0, "match: seconds an engine may overstep its clock before it loses on time");
ABSL_FLAG(int, match_max_plies, 400, "match: adjudicate a draw after this many plies");
ABSL_FLAG(int, concurrency, 2, "match: games played at the same time (each runs two engine processes)");
ABSL_FLAG(std::string, pdn, "match.pdn", "match: write every game to this PDN file (an existing one is replaced)");
ABSL_FLAG(bool, resume, false,
          "match: continue the match in --pdn: its finished games count, only the missing ones are played and "
          "appended (a file from another match is refused; a larger --games extends the match)");
ABSL_FLAG(std::string, ponder, "",
          "match: which engine ponders during its opponent's move (1, 2 or both): it gets `go ponder` on the "
          "position the opponent must move from, and `stop` once the opponent has moved");

namespace tempo::cli {
namespace {

using Clock = std::chrono::steady_clock;

struct EngineSpec {
  std::string command;
  std::vector<std::pair<std::string, std::string>> params;
  std::string name;
  bool ponder = false;  // searches the opponent's position while the opponent thinks
};

struct TimeControl {
  double movetime = 0;
  int depth = 0;
  std::int64_t nodes = 0;
  double game_time = 0, increment = 0, margin = 1.0;

  std::string level_line(double clock_s) const {
    if (game_time > 0) return absl::StrFormat("level time=%.3f inc=%.3f", std::max(clock_s, 0.001), increment);
    if (depth > 0) return absl::StrCat("level depth=", depth);
    if (nodes > 0) return absl::StrCat("level nodes=", nodes);
    return absl::StrFormat("level move-time=%.3f", movetime);
  }
  // The TimeControl tag: what a resumed match must play with too.
  std::string tag() const {
    if (game_time > 0) return absl::StrFormat("time=%g inc=%g", game_time, increment);
    if (depth > 0) return absl::StrCat("depth=", depth);
    if (nodes > 0) return absl::StrCat("nodes=", nodes);
    return absl::StrFormat("move-time=%g", movetime);
  }
  // How long to wait for `done` before the engine is declared silent.
  int wait_ms(double clock_s) const {
    if (game_time > 0) return static_cast<int>((std::max(clock_s, 0.0) + margin) * 1000) + 2000;
    if (movetime > 0) return static_cast<int>(movetime * 1000 * 3) + 5000;
    return 120000;  // depth / nodes: generous, the engine decides
  }
};

struct GameRecord {
  std::string error;  // not played: an engine could not start (the match stops)
  int number = 0;
  int opening = 0;
  bool engine1_white = true;
  PdnGame pdn;
  std::string reason;
  double points1 = 0;  // engine 1's score in this game
};

// One engine of one worker: a process, started and handshaked on demand.
class Player {
 public:
  explicit Player(const EngineSpec& spec) : spec_(spec) {}

  absl::Status ensure_started() {
    if (proc_.running()) return absl::OkStatus();
    if (absl::Status s = proc_.start(spec_.command); !s.ok()) return s;
    if (absl::Status s = proc_.send("hub"); !s.ok()) return s;
    if (absl::Status s = expect("wait", 10000); !s.ok()) return s;
    for (const auto& [k, v] : spec_.params) {
      if (absl::Status s = proc_.send(hub::format_line({"set-param", {{"name", k, true}, {"value", v, true}}}));
          !s.ok())
        return s;
    }
    if (absl::Status s = proc_.send("init"); !s.ok()) return s;
    return expect("ready", 30000);
  }

  // Asks for a move; returns the `done` line's move text.
  absl::StatusOr<std::string> best_move(const std::string& pos_line, const std::string& level_line, int wait_ms) {
    if (absl::Status s = stop_ponder(); !s.ok()) return s;
    for (const std::string& l : {pos_line, level_line, std::string("go think")}) {
      if (absl::Status s = proc_.send(l); !s.ok()) return s;
    }
    const auto deadline = Clock::now() + std::chrono::milliseconds(wait_ms);
    while (true) {
      const int left =
          static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count());
      absl::StatusOr<std::string> line = proc_.read_line(std::max(left, 0));
      if (!line.ok()) {
        if (absl::IsDeadlineExceeded(line.status())) {
          // Ask it to stop; a move that still comes is accepted but the engine is restarted later.
          proc_.send("stop").IgnoreError();
          absl::StatusOr<std::string> late = wait_done(2000);
          proc_.stop();
          if (late.ok()) return absl::DeadlineExceededError(absl::StrCat("answered ", *late, " only after stop"));
        } else {
          proc_.stop();
        }
        return line.status();
      }
      absl::StatusOr<hub::Line> parsed = hub::parse_line(*line);
      if (!parsed.ok()) continue;
      if (parsed->command == "error") last_error_ = parsed->value("message").value_or("");
      if (parsed->command == "done") {
        std::optional<std::string> move = parsed->value("move");
        if (!move)
          return absl::InvalidArgumentError(
              absl::StrCat("done without a move", last_error_.empty() ? "" : ": ", last_error_));
        return *move;
      }
    }
  }

  // Ready for a new game. An error means the engine cannot be started.
  absl::Status new_game() {
    // A ponder search left from the last game that cannot be stopped: that
    // game is scored already; the engine is restarted below.
    if (!stop_ponder().ok()) restart();
    if (absl::Status s = ensure_started(); !s.ok()) return s;
    return proc_.send("new-game");
  }
  void restart() {
    pondering_ = false;
    proc_.stop();
  }

  // While the opponent thinks: search the position it must move from, so the
  // table is warm for our next move (the app's pondering). Only for engines
  // given --ponder; failures show at the next stop_ponder().
  void start_ponder(const std::string& pos_line) {
    if (!spec_.ponder || !proc_.running()) return;
    if (!proc_.send(pos_line).ok() || !proc_.send("go ponder").ok()) return;
    pondering_ = true;
  }
  // Ends a ponder: `stop`, and its `done` (a move for the opponent) is dropped.
  absl::Status stop_ponder() {
    if (!pondering_) return absl::OkStatus();
    pondering_ = false;
    absl::Status s = proc_.send("stop");
    if (s.ok()) s = wait_done(5000).status();
    if (!s.ok()) {
      proc_.stop();
      return absl::Status(s.code(), absl::StrCat("stopping the ponder search: ", s.message()));
    }
    return absl::OkStatus();
  }
  std::string id_name() const { return id_name_; }

 private:
  absl::Status expect(const std::string& word, int timeout_ms) {
    while (true) {
      absl::StatusOr<std::string> line = proc_.read_line(timeout_ms);
      if (!line.ok())
        return absl::Status(line.status().code(),
                            absl::StrCat("waiting for ", quote(word), ": ", line.status().message()));
      absl::StatusOr<hub::Line> parsed = hub::parse_line(*line);
      if (!parsed.ok()) continue;
      if (parsed->command == "id") id_name_ = parsed->value("name").value_or("");
      if (parsed->command == word) return absl::OkStatus();
    }
  }
  absl::StatusOr<std::string> wait_done(int timeout_ms) {
    while (true) {
      absl::StatusOr<std::string> line = proc_.read_line(timeout_ms);
      if (!line.ok()) return line.status();
      if (line->rfind("done", 0) == 0) return *line;
    }
  }

  const EngineSpec& spec_;
  EngineProcess proc_;
  std::string id_name_;
  std::string last_error_;
  bool pondering_ = false;  // a `go ponder` is running
};

// The `pos` line: the position after the last irreversible move, and the
// reversible moves since, so the engine can see repetitions.
std::string pos_line(const Game& game) {
  const int window = std::min<int>(game.counters().reversible_plies, game.ply());
  const int from = game.ply() - window;
  std::string moves;
  for (int i = from; i < game.ply(); ++i) absl::StrAppend(&moves, i > from ? " " : "", to_hub_move(game.moves()[i]));
  hub::Line l{"pos", {{"pos", to_hub_position(game.position(from)), true}}};
  if (!moves.empty()) l.args.push_back({"moves", moves, true});
  return hub::format_line(l);
}

GameRecord play_game(int number, const train::Opening& opening, int opening_index, bool engine1_white, Player& p1,
                     Player& p2, const EngineSpec& s1, const EngineSpec& s2, const TimeControl& tc, int max_plies,
                     const MatchTags& tags) {
  GameRecord rec;
  rec.number = number;
  rec.opening = opening_index;
  rec.engine1_white = engine1_white;
  Game game;
  for (const Move& m : opening.moves) game.play(m).IgnoreError();               // checked legal when the book was read
  Player* players[2] = {engine1_white ? &p1 : &p2, engine1_white ? &p2 : &p1};  // [white, black]
  double clock[2] = {tc.game_time, tc.game_time};
  std::optional<Color> loser;
  std::string reason;
  for (auto [p, spec] : {std::pair{&p1, &s1}, std::pair{&p2, &s2}}) {
    if (absl::Status s = p->new_game(); !s.ok()) {
      rec.error = absl::StrCat(spec->name, " did not start: ", s.message());
      return rec;
    }
  }
  const EngineSpec* specs[2] = {engine1_white ? &s1 : &s2, engine1_white ? &s2 : &s1};  // [white, black]
  // "Expert (white)": who lost a game by a fault, for the game's line and PDN.
  auto who = [&](int i) { return absl::StrCat(specs[i]->name, i == 0 ? " (white)" : " (black)"); };
  while (!loser) {
    const GameStatus st = game.status();
    if (st.over()) {
      reason = describe(st);
      break;
    }
    if (game.ply() >= max_plies) {
      reason = absl::StrCat("adjudicated draw after ", max_plies, " plies");
      break;
    }
    const Color side = game.current().side;
    const int i = side == Color::kWhite ? 0 : 1;
    const auto t0 = Clock::now();
    absl::StatusOr<std::string> text =
        players[i]->best_move(pos_line(game), tc.level_line(clock[i]), tc.wait_ms(clock[i]));
    const double used = std::chrono::duration<double>(Clock::now() - t0).count();
    if (!text.ok()) {
      // The engine to move crashed (or went silent): its loss, and its only.
      loser = side;
      const char* what = absl::IsUnavailable(text.status())        ? "crashed"
                         : absl::IsDeadlineExceeded(text.status()) ? "did not answer in time"
                                                                   : "failed";
      reason = absl::StrCat(who(i), " ", what, ", forfeits: ", text.status().message());
      players[i]->restart();
      break;
    }
    absl::StatusOr<Move> move = parse_hub_move(game.current(), *text);
    if (!move.ok()) move = parse_pdn_move(game.current(), *text);  // be lenient with PDN-speaking engines
    if (!move.ok()) {
      loser = side;
      reason = absl::StrCat(who(i), " played an illegal move ", quote(*text), ": ", move.status().message());
      players[i]->restart();
      break;
    }
    if (tc.game_time > 0) {
      clock[i] -= used;
      if (clock[i] < -tc.margin) {
        loser = side;
        reason = absl::StrFormat("%s lost on time (%.2f s over)", who(i), -clock[i]);
        break;
      }
      clock[i] += tc.increment;
    }
    game.play(*move).IgnoreError();
    if (!game.status().over() && game.ply() < max_plies) players[i]->start_ponder(pos_line(game));
  }
  const GameStatus st = game.status();
  std::string result;
  if (loser) {
    result = *loser == Color::kWhite ? "0-2" : "2-0";
  } else if (st.over()) {
    result = result_of(st);
  } else {
    result = "1-1";  // move-count adjudication
  }
  const double white_points = result == "2-0" ? 1.0 : result == "0-2" ? 0.0 : 0.5;
  rec.points1 = engine1_white ? white_points : 1.0 - white_points;
  rec.reason = reason;
  rec.pdn.game = game;
  rec.pdn.result = result;
  rec.pdn.set_tag("Event", "tempo match");
  for (const auto& [name, value] : tags) rec.pdn.set_tag(name, value);
  rec.pdn.set_tag("Termination", reason);
  return rec;
}

absl::StatusOr<EngineSpec> engine_spec(const std::string& command, const std::string& params, const std::string& name,
                                       const char* which) {
  EngineSpec spec;
  spec.command = command;
  if (spec.command.empty()) return absl::InvalidArgumentError(absl::StrCat("--", which, " is required"));
  for (absl::string_view kv : absl::StrSplit(params, ',', absl::SkipWhitespace())) {
    const std::size_t eq = kv.find('=');
    if (eq == absl::string_view::npos || eq == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("--params for ", which, ": ", quote(std::string(kv)), " is not name=value"));
    }
    spec.params.emplace_back(std::string(kv.substr(0, eq)), std::string(kv.substr(eq + 1)));
  }
  spec.name = name;
  if (spec.name.empty()) {
    spec.name = which;
    for (const auto& [k, v] : spec.params) absl::StrAppend(&spec.name, " ", k, "=", v);
  }
  return spec;
}

}  // namespace

// The book as given, or, for the default relative path, next to the source
// tree the program was built in (build/tempo -> ../data/openings.txt).
std::string find_openings(const std::string& path) {
  if (path != "data/openings.txt" || std::ifstream(path).good()) return path;
  char exe[4096];
  const ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
  if (n <= 0) return path;
  exe[n] = 0;
  std::string dir(exe);
  dir = dir.substr(0, dir.rfind('/'));
  for (const char* up : {"/../", "/../../"}) {
    const std::string candidate = dir + up + path;
    if (std::ifstream(candidate).good()) return candidate;
  }
  return path;
}

int run_match(const Args& args) {
  auto fail = [](const std::string& what) {
    std::fprintf(stderr, "tempo match: %s\n", what.c_str());
    return 2;
  };
  if (!args.empty()) return fail(absl::StrCat("unexpected argument ", quote(args[0])));
  absl::StatusOr<EngineSpec> s1 =
      engine_spec(absl::GetFlag(FLAGS_engine1), absl::GetFlag(FLAGS_params1), absl::GetFlag(FLAGS_name1), "engine1");
  absl::StatusOr<EngineSpec> s2 =
      engine_spec(absl::GetFlag(FLAGS_engine2), absl::GetFlag(FLAGS_params2), absl::GetFlag(FLAGS_name2), "engine2");
  if (!s1.ok()) return fail(std::string(s1.status().message()));
  if (!s2.ok()) return fail(std::string(s2.status().message()));
  if (const std::string p = absl::GetFlag(FLAGS_ponder); !p.empty()) {
    if (p != "1" && p != "2" && p != "both") return fail(absl::StrCat("--ponder: ", quote(p), " is not 1, 2 or both"));
    s1->ponder = p != "2";
    s2->ponder = p != "1";
  }
  TimeControl tc;
  tc.movetime = absl::GetFlag(FLAGS_match_movetime);
  tc.depth = absl::GetFlag(FLAGS_match_depth);
  tc.nodes = absl::GetFlag(FLAGS_match_nodes);
  tc.game_time = absl::GetFlag(FLAGS_match_time);
  tc.increment = absl::GetFlag(FLAGS_match_inc);
  tc.margin = absl::GetFlag(FLAGS_match_margin);
  const int forms = (tc.movetime > 0) + (tc.depth > 0) + (tc.nodes > 0) + (tc.game_time > 0);
  if (forms != 1) return fail("give exactly one of --match-movetime, --match-depth, --match-nodes, --match-time");
  if (tc.movetime < 0 || tc.game_time < 0 || tc.increment < 0 || tc.margin < 0 || tc.depth < 0 || tc.nodes < 0) {
    return fail("time control values must not be negative");
  }
  absl::StatusOr<std::vector<train::Opening>> openings =
      train::read_openings(find_openings(absl::GetFlag(FLAGS_openings)));
  if (!openings.ok()) return fail(std::string(openings.status().message()));
  int games = absl::GetFlag(FLAGS_games);
  if (games <= 0) games = 2 * static_cast<int>(openings->size());
  const int concurrency = absl::GetFlag(FLAGS_concurrency);    // 1..64 (cli/flags.cc)
  const int max_plies = absl::GetFlag(FLAGS_match_max_plies);  // 1.. (cli/flags.cc)
  const std::string pdn_path = absl::GetFlag(FLAGS_pdn);
  const bool resume = absl::GetFlag(FLAGS_resume);
  if (resume && pdn_path.empty()) return fail("--resume needs --pdn, the file of the match to continue");
  // Game n's tags: its place in the match and the settings that decide its
  // play, so a resume can tell this match's games from another's.
  std::string settings = absl::StrCat("params1=", absl::GetFlag(FLAGS_params1),
                                      "; params2=", absl::GetFlag(FLAGS_params2), "; max-plies=", max_plies);
  if (tc.game_time > 0) absl::StrAppend(&settings, absl::StrFormat("; margin=%g", tc.margin));
  if (s1->ponder || s2->ponder) absl::StrAppend(&settings, "; ponder=", absl::GetFlag(FLAGS_ponder));
  auto match_tags = [&](int number) -> MatchTags {
    const int g = number - 1;
    const train::Opening& opening = (*openings)[(g / 2) % static_cast<int>(openings->size())];
    const bool engine1_white = g % 2 == 0;
    return {{"Round", absl::StrCat(number)},
            {"White", engine1_white ? s1->name : s2->name},
            {"Black", engine1_white ? s2->name : s1->name},
            {"Opening", opening.text},
            {"TimeControl", tc.tag()},
            {"MatchSettings", settings}};
  };
  std::signal(SIGPIPE, SIG_IGN);  // a dying engine must not kill the referee

  absl::PrintF("match: %s vs %s, %d games, %d at a time, %d openings%s\n", s1->name, s2->name, games, concurrency,
               openings->size(),
               s1->ponder && s2->ponder ? ", both ponder"
               : s1->ponder             ? ", engine 1 ponders"
               : s2->ponder             ? ", engine 2 ponders"
                                        : "");
  std::fflush(stdout);
  MatchScore score;
  MatchScore as_colour[2];  // engine 1's games with White, with Black
  auto tally = [&](int g, double points1) {
    for (MatchScore* t : {&score, &as_colour[g % 2]}) {
      if (points1 == 1) ++t->wins;
      else if (points1 == 0) ++t->losses;
      else ++t->draws;
    }
  };
  // Resuming: games 1..done of this match are in the file already (the
  // settings are checked first, so a different match is named by what
  // differs in it, not by its first game's opening).
  int done = 0;
  MatchFile old;
  if (resume) {
    auto check_order = [&](int number) {
      MatchTags t = match_tags(number);
      std::stable_partition(t.begin(), t.end(),
                            [](const auto& kv) { return kv.first != "Round" && kv.first != "Opening"; });
      return t;
    };
    absl::StatusOr<MatchFile> read = read_match_file(pdn_path, check_order, [&](int number, const FinishedGame& f) {
      if (number > games) return;  // a smaller --games: the result of its first games only
      const double white_points = f.result == "2-0" ? 1.0 : f.result == "0-2" ? 0.0 : 0.5;
      tally(number - 1, (number - 1) % 2 == 0 ? white_points : 1.0 - white_points);
    });
    if (!read.ok()) return fail(absl::StrCat("--resume: ", read.status().message()));
    old = *read;
    done = std::min(old.games, games);
    absl::PrintF("resume: %d games of this match in %s (%s: +%d =%d -%d)%s, %d to play\n", old.games, pdn_path,
                 s1->name, score.wins, score.draws, score.losses,
                 old.cut_off ? absl::StrFormat(", the next one cut off (line %d): played again", old.cut_line) : "",
                 games - done);
    std::fflush(stdout);
  }
  // Games go to the PDN file as they finish, in game order: only games that
  // finished before an earlier one are held (at most --concurrency), so the
  // referee's memory does not grow with the match. Each game is flushed
  // whole, so a match stopped at any point can be resumed from the file.
  std::ofstream pdn_out;
  if (!pdn_path.empty() && done < games) {
    // Resuming appends: the games already there are never rewritten.
    pdn_out.open(pdn_path, std::ios::binary | (resume ? std::ios::app : std::ios::trunc));
    if (!pdn_out) return fail(absl::StrCat("cannot write ", pdn_path));
  }
  // Written before the first new game: a cut-off game stays (append only),
  // closed by an escape line, so every PDN reader starts the next game at its tags.
  std::string before_first = old.ends_in_newline ? "" : "\n";
  if (old.cut_off) absl::StrAppend(&before_first, kCutOffNote, "\n\n");
  std::map<int, PdnGame> waiting;  // finished games not yet written, by number
  int next_to_write = done;
  std::atomic<int> next{done};
  std::string not_started;  // set when an engine could not start: no more games
  std::mutex mu;
  const auto t0 = Clock::now();
  auto worker = [&] {
    Player p1(*s1), p2(*s2);
    while (true) {
      const int g = next.fetch_add(1);
      if (g >= games) break;
      const int op = (g / 2) % static_cast<int>(openings->size());
      const bool engine1_white = g % 2 == 0;
      GameRecord rec =
          play_game(g + 1, (*openings)[op], op, engine1_white, p1, p2, *s1, *s2, tc, max_plies, match_tags(g + 1));
      std::lock_guard<std::mutex> lock(mu);
      if (!not_started.empty()) break;
      if (!rec.error.empty()) {
        not_started = rec.error;
        next.store(games);  // the other workers stop after their game
        break;
      }
      tally(g, rec.points1);
      absl::PrintF("game %d/%d: %s - %s %s (%s) [%s: +%d =%d -%d]\n", g + 1, games,
                   rec.pdn.tag("White") ? *rec.pdn.tag("White") : "", rec.pdn.tag("Black") ? *rec.pdn.tag("Black") : "",
                   rec.pdn.result, rec.reason, s1->name, score.wins, score.draws, score.losses);
      std::fflush(stdout);
      if (pdn_out.is_open()) {
        waiting.emplace(g, std::move(rec.pdn));
        for (auto it = waiting.begin(); it != waiting.end() && it->first == next_to_write; it = waiting.erase(it)) {
          pdn_out << std::exchange(before_first, "") << write_pdn(it->second) << "\n";
          pdn_out.flush();
          ++next_to_write;
        }
      }
    }
  };
  std::vector<std::thread> threads;
  for (int i = 0; i < std::min(concurrency, games - done); ++i) threads.emplace_back(worker);
  for (std::thread& t : threads) t.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  // Games nobody could play score nothing: an error, no result line.
  if (!not_started.empty()) return fail(not_started);

  if (pdn_out.is_open()) {
    pdn_out.close();
    if (!pdn_out) return fail(absl::StrCat("cannot write ", pdn_path));
  }
  // By colour: a first-move edge (or a colour-dependent bug) shows here.
  absl::PrintF("colours: %s with White +%d =%d -%d (%.1f/%d), with Black +%d =%d -%d (%.1f/%d)\n", s1->name,
               as_colour[0].wins, as_colour[0].draws, as_colour[0].losses, as_colour[0].points(), as_colour[0].games(),
               as_colour[1].wins, as_colour[1].draws, as_colour[1].losses, as_colour[1].points(), as_colour[1].games());
  const EloEstimate elo = estimate_elo(score);
  absl::PrintF("result: %s vs %s: +%d =%d -%d, score %.1f/%d (%.1f%%), Elo %s, %.0f s%s%s\n", s1->name, s2->name,
               score.wins, score.draws, score.losses, score.points(), score.games(), 100 * elo.score, format_elo(elo),
               seconds, pdn_path.empty() ? "" : ", games in ", pdn_path);
  return 0;
}

}  // namespace tempo::cli
