// `tempo bench [FILE]`: searches every position of data/bench.fen (or FILE)
// to a fixed depth with a fresh table each, then prints the total node count
// (a signature: it changes only when search behaviour changes) and the speed.
// Level parameters (--threads 2, ...) change the search it measures; with
// several threads the node count varies from run to run and is no signature.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/str_format.h"
#include "cli/commands.h"
#include "cli/flags.h"
#include "rules/fen.h"
#include "rules/notation.h"
#include "rules/score.h"
#include "rules/text.h"
#include "search/search.h"
#include "search/session.h"

namespace tempo::cli {
namespace {

constexpr int kDefaultBenchDepth = 12;

// data/bench.fen next to the source tree: from the working directory, or
// relative to the program (build/tempo -> ../data).
std::string find_bench_file() {
  std::vector<std::string> candidates = {"data/bench.fen", "../data/bench.fen"};
  char exe[4096];
  const ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
  if (n > 0) {
    exe[n] = 0;
    std::string dir(exe);
    dir = dir.substr(0, dir.rfind('/'));
    candidates.push_back(dir + "/../data/bench.fen");
    candidates.push_back(dir + "/../../data/bench.fen");
  }
  for (const std::string& c : candidates) {
    if (std::ifstream(c).good()) return c;
  }
  return "";
}

// Every thread's (the search's helper threads included).
double process_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace

int run_bench(const Args& args, const ParamArgs& param_args) {
  if (args.size() > 1) {
    std::fprintf(stderr, "tempo bench: expected at most one argument (a FEN file)\n");
    return 2;
  }
  const std::string path = args.empty() ? find_bench_file() : args[0];
  absl::StatusOr<std::string> file = path.empty() ? absl::NotFoundError("cannot open data/bench.fen")
                                                  : read_small_file(path, 16u << 20);  // read no further
  if (!file.ok()) {
    std::fprintf(stderr, "tempo bench: %s\n", std::string(file.status().message()).c_str());
    return 2;
  }
  std::istringstream in(*file);
  std::vector<Position> positions;
  std::string text;
  for (int line = 1; std::getline(in, text); ++line) {
    if (const auto hash = text.find('#'); hash != std::string::npos) text.resize(hash);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\r' || text.back() == '\t')) text.pop_back();
    if (text.empty()) continue;
    absl::StatusOr<Position> pos = parse_fen(text);
    if (!pos.ok()) {
      std::fprintf(stderr, "tempo bench: %s:%d: %s\n", path.c_str(), line, std::string(pos.status().message()).c_str());
      return 2;
    }
    positions.push_back(*pos);
  }
  int depth = absl::GetFlag(FLAGS_depth);
  if (depth == 0) depth = kDefaultBenchDepth;
  if (depth < 1 || depth >= kMaxPly) {
    std::fprintf(stderr, "tempo bench: --depth must be 1..%d\n", kMaxPly - 1);
    return 2;
  }
  Session session;
  if (absl::Status st = session.resize_table(absl::GetFlag(FLAGS_tt_mb)); !st.ok()) {
    std::fprintf(stderr, "tempo bench: --%s\n", std::string(st.message()).c_str());
    return 2;
  }
  Params params;             // full strength, with the flags' changes
  params.time_limit_ms = 0;  // a fixed depth is fixed work: no time cap may cut it (unless asked)
  if (absl::Status st = apply_param_flags(param_args, params); !st.ok()) {
    std::fprintf(stderr, "tempo bench: %s\n", std::string(st.message()).c_str());
    return 2;
  }

  std::uint64_t total_nodes = 0;
  const auto t0 = std::chrono::steady_clock::now();
  const double cpu0 = process_cpu_seconds();
  for (std::size_t i = 0; i < positions.size(); ++i) {
    // Every position starts from an empty table and no history.
    if (absl::Status st = session.clear_table(); !st.ok()) return 1;
    session.game() = *Game::from_position(positions[i]);  // valid: parse_fen checked it
    SearchRequest req;
    req.limits.depth = depth;
    req.params = params;
    absl::StatusOr<SearchResult> r = session.search(std::move(req));
    if (!r.ok()) {
      std::fprintf(stderr, "tempo bench: position %zu: %s\n", i + 1, std::string(r.status().message()).c_str());
      return 1;
    }
    total_nodes += r->nodes;
    std::printf("position %2zu depth %d score %s nodes %llu time %.3f bestmove %s\n", i + 1, r->depth,
                score_text(r->score).c_str(), static_cast<unsigned long long>(r->nodes), r->time_ms / 1000.0,
                r->has_move ? line_text(positions[i], {&r->best_move, 1}).c_str() : "none");
    std::fflush(stdout);
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double cpu = process_cpu_seconds() - cpu0;
  // On a shared machine the wall clock includes time the threads did not
  // run; the CPU-time figure is the engine's own speed (over all threads).
  std::printf("bench depth %d positions %zu nodes %llu time %.3f nps %.0f cpu %.3f cpu_nps %.0f%s\n", depth,
              positions.size(), static_cast<unsigned long long>(total_nodes), s, s > 0 ? total_nodes / s : 0.0, cpu,
              cpu > 0 ? total_nodes / cpu : 0.0,
              params.threads > 1 ? absl::StrFormat(" threads %d", params.threads).c_str() : "");
  return 0;
}

}  // namespace tempo::cli
