// `tempo hub`: the Hub protocol (version 2) on stdin/stdout.
//
// The main thread reads stdin: it answers `ping` at once (also while a search
// runs), stops the search on `stop`, and quits as soon as stdin closes. The
// game, the table, the database and the one search at a time (pondering
// included) are a search::Session's (search/session.h): the table lives for
// the whole session and is handed to every search, exactly as the app does;
// only `new-game` (and a changed `tt-mb`) clears it.
#include <cstdio>
#include <functional>
#include <iostream>
#include <mutex>
#include <optional>
#include <string>

#include "absl/flags/flag.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/commands.h"
#include "cli/egdb_file.h"
#include "cli/flags.h"
#include "protocol/hub.h"
#include "rules/movegen.h"
#include "rules/notation.h"
#include "rules/score.h"
#include "rules/text.h"
#include "search/search.h"
#include "search/session.h"

namespace tempo::cli {
namespace {

constexpr char kVersion[] = "0.1";
// The longest input line read (a `pos` line with a long move list is tens of
// KB); the rest of a longer one is dropped unread into memory.
constexpr std::size_t kMaxLineBytes = 1 << 20;

// One line of `in` without its newline, at most kMaxLineBytes kept; *too_long
// when more was dropped. False at the end of input.
bool read_bounded_line(std::istream& in, std::string& line, bool* too_long) {
  line.clear();
  *too_long = false;
  std::streambuf* buf = in.rdbuf();
  bool any = false;
  for (int c = buf->sbumpc(); c != std::char_traits<char>::eof(); c = buf->sbumpc()) {
    any = true;
    if (c == '\n') return true;
    if (line.size() < kMaxLineBytes) {
      line.push_back(static_cast<char>(c));
    } else {
      *too_long = true;
    }
  }
  return any;
}

class HubSession {
 public:
  ~HubSession() { session_.stop(); }

  // Handles one input line; false means quit.
  bool handle(const std::string& text);
  // stdin closed: stop at once.
  void shutdown() { session_.stop(); }
  // A line longer than kMaxLineBytes was dropped whole: say so.
  void refuse_long_line() {
    emit(hub::format_line(
        hub::Line{"error", {{"message", absl::StrCat("line longer than ", kMaxLineBytes, " bytes ignored"), true}}}));
  }
  // A command-line start value; false (after a message on stderr) if bad.
  bool set_start_param(const std::string& name, const std::string& value) {
    bool ok = true;
    set_param(hub::Line{"set-param", {{"name", name, true}, {"value", value, true}}}, [&](absl::string_view why) {
      std::fprintf(stderr, "tempo hub: %s\n", std::string(why).c_str());
      ok = false;
    });
    return ok;
  }
  // The default database (cli/egdb_file.h), when no --egdb is given: one
  // that cannot be used is said once on stderr, and the session plays
  // without one (the `param` line then shows the empty value).
  void use_default_egdb(const EgdbChoice& found) {
    if (found.path.empty()) return;
    if (absl::Status st = set_egdb(found.path); !st.ok()) {
      std::fprintf(stderr, "tempo hub: the endgame database from %s is not used: %s; playing without one\n",
                   found.origin.c_str(), std::string(st.message()).c_str());
    }
  }

 private:
  void emit(const std::string& line) {
    std::lock_guard<std::mutex> lock(out_mu_);
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
  }
  void error(absl::string_view message) {
    emit(hub::format_line({"error", {{"message", std::string(message), true}}}));
  }

  void announce();
  // Applies a set-param; a bad value goes to `complain` and changes nothing.
  void set_param(const hub::Line& line, const std::function<void(absl::string_view)>& complain);
  // The database at `path` (empty: none) from now on; an error keeps the one in use.
  absl::Status set_egdb(const std::string& path);
  void set_position(const hub::Line& line);
  void go(const hub::Line& line);
  void answer(const absl::StatusOr<SearchResult>& result);
  void report(const Position& root, const Progress& p);

  // Session state (touched by the main thread only, never during a search
  // except through the copies handed to the search).
  Limits limits_ = [] {
    Limits l;
    l.depth = 0;
    l.movetime_ms = 1000;
    return l;
  }();
  Level level_ = Level::kExpert;
  Params params_ = Params::for_level(Level::kExpert);  // level_'s values and the overrides since
  std::uint64_t seed_ = 0;
  std::uint64_t searches_ = 0;  // since new-game; varies the seed move by move
  int multipv_ = 1;
  bool classic_ = false;  // Params::classic: the app's old search, for comparison matches
  int table_mib_ = kTableSize.default_mib;
  std::string egdb_path_;  // the endgame database file or directory in use, empty for none
  MappedEgdb egdb_;        // that file, mapped once per set-param (or the default found)

  std::mutex out_mu_;
  // Last: its search, which writes through emit(), stops before the rest goes.
  Session session_;  // the game from the last good `pos`, the table, the database
};

void HubSession::announce() {
  emit(absl::StrCat("id name=Tempo version=", kVersion, " author=\"The Tempo authors\" country=Netherlands"));
  emit(absl::StrFormat("param name=%s value=%d type=int min=%d max=%d", av(kTableSize.name), table_mib_,
                       kTableSize.min_mib, kTableSize.max_mib));
  std::string levels;
  for (std::string_view l : kLevelNames) absl::StrAppend(&levels, levels.empty() ? "" : " ", av(l));
  emit(absl::StrCat("param name=level value=", level_name(level_), " type=enum values=\"", levels, "\""));
  emit(absl::StrFormat("param name=seed value=%d type=int min=0 max=4294967295", seed_));
  emit(absl::StrFormat("param name=multipv value=%d type=int min=%d max=%d", multipv_,
                       static_cast<int>(limit_spec(LimitId::kMultiPv).min),
                       static_cast<int>(limit_spec(LimitId::kMultiPv).max)));
  emit(absl::StrCat("param name=classic value=", classic_ ? "true" : "false", " type=bool"));
  emit(hub::format_line(
      hub::Line{"param", {{"name", "egdb", true}, {"value", egdb_path_, true}, {"type", "string", true}}}));
  for (const ParamSpec& p : kParamSpecs) {
    const std::string value = p.value_text(p.get(params_));
    switch (p.type) {
      case ParamType::kBool: emit(absl::StrCat("param name=", av(p.name), " value=", value, " type=bool")); break;
      case ParamType::kInt:
      case ParamType::kReal:
        emit(absl::StrCat("param name=", av(p.name), " value=", value,
                          " type=", p.type == ParamType::kInt ? "int" : "real", " min=", p.value_text(p.min),
                          " max=", p.value_text(p.max)));
        break;
    }
  }
  emit("wait");
}

void HubSession::set_param(const hub::Line& line, const std::function<void(absl::string_view)>& complain) {
  const std::optional<std::string> name = line.value("name"), value = line.value("value");
  if (!name || !value) return complain("set-param: needs name= and value=");
  if (*name == kTableSize.name) {
    int mib = 0;
    if (!absl::SimpleAtoi(*value, &mib) || !kTableSize.check(mib, "").ok()) {
      return complain(
          absl::StrCat("set-param tt-mb: ", quote(*value), " is not a size in MiB ", kTableSize.range_text()));
    }
    if (mib != table_mib_) {
      if (absl::Status st = session_.resize_table(mib); !st.ok()) {
        return complain(absl::StrCat("set-param tt-mb: ", st.message()));
      }
      table_mib_ = mib;
    }
  } else if (*name == "level") {
    absl::StatusOr<Level> l = parse_level(*value);
    if (!l.ok()) return complain(absl::StrCat("set-param level: ", l.status().message()));
    level_ = *l;
    params_ = Params::for_level(*l);
  } else if (*name == "seed") {
    std::uint64_t s = 0;
    if (!absl::SimpleAtoi(*value, &s))
      return complain(absl::StrCat("set-param seed: ", quote(*value), " is not a number"));
    seed_ = s;
  } else if (*name == "multipv") {
    const LimitSpec& spec = limit_spec(LimitId::kMultiPv);
    int k = 0;
    if (!absl::SimpleAtoi(*value, &k) || !spec.check(k, "multipv").ok()) {
      return complain(absl::StrCat("set-param multipv: ", quote(*value), " is not ", spec.range_text()));
    }
    multipv_ = k;
  } else if (*name == "egdb") {
    // An empty value is none: the default database too is turned off.
    if (absl::Status st = set_egdb(*value); !st.ok()) return complain(absl::StrCat("set-param egdb: ", st.message()));
  } else if (*name == "classic") {
    if (*value != "true" && *value != "false") {
      return complain(absl::StrCat("set-param classic: ", quote(*value), " is not true or false"));
    }
    classic_ = *value == "true";
  }
  if (const ParamSpec* spec = find_param(*name); spec != nullptr && *name == spec->name) {
    if (absl::Status st = tempo::set_param(params_, *spec, *value, absl::StrCat("set-param ", av(spec->name)));
        !st.ok()) {
      return complain(st.message());
    }
  }
  // Unknown parameters are ignored, as the protocol asks.
}

absl::Status HubSession::set_egdb(const std::string& path) {
  if (absl::Status st = attach_egdb_file(session_, path, &egdb_); !st.ok()) return st;
  egdb_path_ = path;
  return absl::OkStatus();
}

void HubSession::set_position(const hub::Line& line) {
  const std::optional<std::string> text = line.value("pos");
  if (!text) return error("pos: needs pos=<side and 50 squares>");
  absl::StatusOr<Position> start = parse_hub_position(*text);
  if (!start.ok()) return error(absl::StrCat("pos: ", start.status().message()));
  absl::StatusOr<Game> game = Game::from_position(*start);
  if (!game.ok()) return error(absl::StrCat("pos: ", game.status().message()));
  // Hub move text, or PDN text as some GUIs send (`19x30`, long form); moves
  // past a draw rule are the GUI's business. A bad command keeps the
  // previous position: nothing is lost.
  if (const std::optional<std::string> list = line.value("moves")) {
    if (absl::Status st = game->play_line(*list, /*stop_at_draw=*/false); !st.ok()) {
      return error(absl::StrCat("pos: ", st.message()));
    }
  }
  session_.game() = *std::move(game);
}

void HubSession::report(const Position& root, const Progress& p) {
  const std::string pv = p.pv ? line_text(root, p.pv->view(), Notation::kHub) : "";
  const double seconds = p.time_ms / 1000.0;
  const double mnps = p.time_ms > 0 ? static_cast<double>(p.nodes) / (p.time_ms / 1000.0) / 1e6 : 0.0;
  hub::Line info{"info", {}};
  info.args.push_back({"depth", absl::StrCat(p.depth), true});
  info.args.push_back({"mean-depth", absl::StrFormat("%.1f", p.mean_depth), true});
  info.args.push_back({"score", score_text(p.score), true});  // the scale GUIs read (rules/score.h)
  info.args.push_back({"nodes", absl::StrCat(p.nodes), true});
  info.args.push_back({"time", absl::StrFormat("%.3f", seconds), true});
  info.args.push_back({"nps", absl::StrFormat("%.2f", mnps), true});
  if (multipv_ > 1) info.args.push_back({"multipv", absl::StrCat(p.multipv_index + 1), true});
  info.args.push_back({"pv", pv, true});
  if (p.book) info.args.push_back({"book", "", false});  // the opening book's move, played at once
  emit(hub::format_line(info));
}

void HubSession::go(const hub::Line& line) {
  const bool ponder = line.has("ponder");
  SearchRequest req;
  req.limits = limits_;
  req.params = params_;
  req.params.classic = classic_;
  req.seed = seed_ + searches_++;
  req.multipv = line.has("analyze") ? multipv_ : 1;
  req.on_progress = [this, root = session_.game().current()](const Progress& p) { report(root, p); };
  // `go ponder`: the clock is not running, so the session searches without
  // limits until `ponder-hit` (then with these limits, the table warm) or `stop`.
  const Session::Done done = [this](const absl::StatusOr<SearchResult>& r) { answer(r); };
  if (absl::Status st = ponder ? session_.start_ponder(std::move(req), done) : session_.start(std::move(req), done);
      !st.ok()) {
    error(absl::StrCat("go: ", st.message()));
  }
}

// On the search's thread. `level infinite` answers once the GUI says stop:
// an infinite search returns only when cancelled.
void HubSession::answer(const absl::StatusOr<SearchResult>& result) {
  if (!result.ok()) {
    error(absl::StrCat("go: ", result.status().message()));
    return emit("done");
  }
  if (!result->has_move) {
    error("go: no legal move, the side to move has lost");
    return emit("done");
  }
  std::string done = absl::StrCat("done move=", to_hub_move(result->best_move));
  if (result->pv.size >= 2) absl::StrAppend(&done, " ponder=", to_hub_move(result->pv.moves[1]));
  emit(done);
}

bool HubSession::handle(const std::string& text) {
  absl::StatusOr<hub::Line> parsed = hub::parse_line(text);
  if (!parsed.ok()) {
    error(parsed.status().message());
    return true;
  }
  const hub::Line& line = *parsed;
  const std::string& cmd = line.command;
  if (cmd.empty()) return true;
  if (cmd == "ping") {
    emit("pong");
  } else if (cmd == "stop") {
    session_.stop();  // the search answers `done`
  } else if (cmd == "ponder-hit") {
    session_.ponder_hit();
  } else if (cmd == "quit") {
    session_.stop();
    return false;
  } else if (session_.searching()) {
    // While searching the protocol only allows ping, stop and ponder-hit.
    error(absl::StrCat(cmd, ": not allowed during a search (send stop first)"));
  } else if (cmd == "hub") {
    announce();
  } else if (cmd == "init") {
    emit("ready");
  } else if (cmd == "set-param") {
    set_param(line, [this](absl::string_view why) { error(why); });
  } else if (cmd == "new-game") {
    if (absl::Status s = session_.clear_table(); !s.ok()) error(s.message());
    searches_ = 0;
  } else if (cmd == "pos") {
    set_position(line);
  } else if (cmd == "level") {
    absl::StatusOr<Limits> l = hub::parse_limits(line);
    if (l.ok()) limits_ = *l;
    else error(l.status().message());
  } else if (cmd == "go") {
    go(line);
  }
  // Anything else is ignored (forward compatibility).
  return true;
}

}  // namespace

int run_hub(const Args& args, const ParamArgs& params) {
  if (!args.empty()) {
    std::fprintf(stderr, "tempo hub: unexpected argument %s\n", quote(args[0]).c_str());
    return 2;
  }
  std::ios::sync_with_stdio(false);
  // --level, --seed, --multipv, --tt-mb, --egdb set the parameters' start values
  // (a GUI's set-param still overrides them).
  HubSession session;
  for (const auto& [name, value] : {std::pair<std::string, std::string>{"level", absl::GetFlag(FLAGS_level)},
                                    {"seed", absl::StrCat(absl::GetFlag(FLAGS_seed))},
                                    {"multipv", absl::StrCat(absl::GetFlag(FLAGS_multipv))},
                                    {"tt-mb", absl::StrCat(absl::GetFlag(FLAGS_tt_mb))}}) {
    if (!session.set_start_param(name, value)) return 2;
  }
  // Full strength plays the book's best move: Expert's book-variety (the
  // app's "little variety") only with --book-variety or a GUI's set-param.
  if (!session.set_start_param("book-variety", "0")) return 2;
  // --egdb as given (a bad one stops here, an empty one is none), else the
  // first database found in the standard places.
  if (const EgdbChoice egdb = chosen_egdb(); egdb.given) {
    if (!session.set_start_param("egdb", egdb.path)) return 2;
  } else {
    session.use_default_egdb(egdb);
  }
  // The level parameters (--max-depth ...), after --level, which would reset
  // them. Checked first so that an error names the flag as it was given.
  Params scratch;
  if (absl::Status st = apply_param_flags(params, scratch); !st.ok()) {
    std::fprintf(stderr, "tempo hub: %s\n", std::string(st.message()).c_str());
    return 2;
  }
  for (const ParamArg& p : params) {
    if (!session.set_start_param(std::string(p.spec->name), p.text)) return 2;
  }
  std::string line;
  bool too_long = false;
  while (read_bounded_line(std::cin, line, &too_long)) {
    if (too_long) {
      session.refuse_long_line();
      continue;
    }
    if (!session.handle(line)) return 0;
  }
  session.shutdown();  // stdin closed: quit at once
  return 0;
}

}  // namespace tempo::cli
