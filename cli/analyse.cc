// `tempo analyse`: one `info` line per completed iteration (and per line with
// --multipv), then `bestmove <move>`.
#include <algorithm>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "cli/commands.h"
#include "cli/egdb_file.h"
#include "cli/flags.h"
#include "rules/game.h"
#include "rules/notation.h"
#include "rules/score.h"
#include "rules/text.h"
#include "search/search.h"
#include "search/session.h"

namespace tempo::cli {
int run_analyse(const Args& args, const ParamArgs& param_args) {
  if (!args.empty()) {
    std::fprintf(stderr, "tempo analyse: unexpected argument %s\n", quote(args[0]).c_str());
    return 2;
  }
  Session session;
  Game& game = session.game();
  if (const std::optional<std::string> fen = given_fen()) {
    absl::StatusOr<Game> from_fen = Game::from_fen(*fen);
    if (!from_fen.ok()) {
      std::fprintf(stderr, "tempo analyse: --fen: %s\n", std::string(from_fen.status().message()).c_str());
      return 2;
    }
    game = *std::move(from_fen);
  }
  // A drawn position may still be analysed: the moves go on past the rules.
  if (absl::Status st = game.play_line(absl::GetFlag(FLAGS_moves), /*stop_at_draw=*/false); !st.ok()) {
    std::fprintf(stderr, "tempo analyse: --moves: %s\n", std::string(st.message()).c_str());
    return 2;
  }
  absl::StatusOr<Level> level = parse_level(absl::GetFlag(FLAGS_level));
  if (!level.ok()) {
    std::fprintf(stderr, "tempo analyse: --level: %s\n", std::string(level.status().message()).c_str());
    return 2;
  }
  if (absl::Status st = session.resize_table(absl::GetFlag(FLAGS_tt_mb)); !st.ok()) {
    std::fprintf(stderr, "tempo analyse: --%s\n", std::string(st.message()).c_str());
    return 2;
  }
  // The limits' ranges are every interface's (search/params.h's kLimitSpecs).
  const std::pair<LimitId, double> limit_flags[] = {
      {LimitId::kDepth, absl::GetFlag(FLAGS_depth)},
      {LimitId::kMoveTime, absl::GetFlag(FLAGS_movetime)},
      {LimitId::kNodes, static_cast<double>(absl::GetFlag(FLAGS_nodes))},
      {LimitId::kMultiPv, absl::GetFlag(FLAGS_multipv)},
  };
  for (const auto& [id, v] : limit_flags) {
    const LimitSpec& spec = limit_spec(id);
    if (v == 0 && id != LimitId::kMultiPv) continue;  // the flag's default: not given
    if (absl::Status st = spec.check(v, absl::StrCat("--", av(spec.flag))); !st.ok()) {
      std::fprintf(stderr, "tempo analyse: %s\n", std::string(st.message()).c_str());
      return 2;
    }
  }
  const std::int64_t nodes = absl::GetFlag(FLAGS_nodes);

  SearchRequest req;
  req.params = Params::for_level(*level);
  if (absl::Status st = apply_param_flags(param_args, req.params); !st.ok()) {
    std::fprintf(stderr, "tempo analyse: %s\n", std::string(st.message()).c_str());
    return 2;
  }
  req.limits.depth = absl::GetFlag(FLAGS_depth);
  req.limits.movetime_ms = absl::GetFlag(FLAGS_movetime);
  req.limits.nodes = static_cast<std::uint64_t>(nodes);
  // No limit at all: a sensible default analysis depth (within the level's
  // time cap), unless --time-limit alone was asked for.
  const bool time_limit_given =
      std::any_of(param_args.begin(), param_args.end(), [](const ParamArg& p) { return p.spec->name == "time-limit"; });
  if (req.limits.depth == 0 && req.limits.movetime_ms == 0 && req.limits.nodes == 0 && !time_limit_given) {
    req.limits.depth = 14;
  }
  req.multipv = absl::GetFlag(FLAGS_multipv);
  req.seed = absl::GetFlag(FLAGS_seed);
  // --egdb (a bad one is status 2, an empty one none), else the default
  // database found (a bad one is said on stderr and the search goes on without).
  MappedEgdb egdb_file;
  if (const EgdbChoice egdb = chosen_egdb(); !egdb.path.empty()) {
    if (absl::Status st = attach_egdb_file(session, egdb.path, &egdb_file); !st.ok()) {
      if (egdb.given) {
        std::fprintf(stderr, "tempo analyse: --egdb: %s\n", std::string(st.message()).c_str());
        return 2;
      }
      std::fprintf(stderr, "tempo analyse: the endgame database from %s is not used: %s; searching without one\n",
                   egdb.origin.c_str(), std::string(st.message()).c_str());
    }
  }
  const Position& root = game.current();
  const bool several = req.multipv > 1;
  req.on_progress = [&](const Progress& p) {
    std::string line = absl::StrFormat("info depth %d seldepth %d", p.depth, p.seldepth);
    if (several) absl::StrAppendFormat(&line, " multipv %d", p.multipv_index + 1);
    const double s = static_cast<double>(p.time_ms) / 1000.0;
    absl::StrAppendFormat(&line, " score %s nodes %d time %.3f nps %.2f pv %s", score_text(p.score), p.nodes, s,
                          s > 0 ? static_cast<double>(p.nodes) / s / 1e6 : 0.0, line_text(root, p.pv->view()));
    std::printf("%s\n", line.c_str());
    std::fflush(stdout);
  };
  absl::StatusOr<SearchResult> result = session.search(std::move(req));
  if (!result.ok()) {
    std::fprintf(stderr, "tempo analyse: %s\n", std::string(result.status().message()).c_str());
    return 2;
  }
  if (session.has_egdb()) {
    std::printf("info egdb %s hits %llu", egdb::status_name(result->egdb_status),
                static_cast<unsigned long long>(result->egdb_hits));
    if (result->egdb_root) std::printf(" root %s", egdb::value_name(result->egdb_value));
    std::printf("\n");
  }
  if (!result->has_move) {
    std::printf("bestmove none\n");
    return 0;
  }
  std::printf("bestmove %s\n", to_pdn(root, result->best_move).c_str());
  return 0;
}

}  // namespace tempo::cli
