// `tempo selfplay`: training data for the evaluation (train/selfplay.h).
#include <cstdio>
#include <string>

#include "absl/flags/flag.h"
#include "cli/commands.h"
#include "cli/flags.h"
#include "train/selfplay.h"

ABSL_DECLARE_FLAG(std::string, openings);
ABSL_DECLARE_FLAG(int, games);
ABSL_FLAG(
    std::string, out, "",
    "selfplay, egdb build, fit, book build: where to write: selfplay's game file (appended to: an interrupted run "
    "resumes), egdb build's directory, fit's weights file, book build's book");
ABSL_FLAG(int, threads, 2, "selfplay: games played at once (one per core)");
ABSL_FLAG(int, random_plies, 4, "selfplay: random near-best moves after each opening, 0..20");

namespace tempo::cli {

int run_selfplay(const Args& args) {
  auto fail = [](const std::string& what) {
    std::fprintf(stderr, "tempo selfplay: %s\n", what.c_str());
    return 2;
  };
  if (!args.empty()) return fail("unexpected argument '" + args[0] + "'");
  train::SelfplayOptions opt;
  opt.out = absl::GetFlag(FLAGS_out);
  if (opt.out.empty()) return fail("--out FILE is required");
  absl::StatusOr<std::vector<train::Opening>> book = train::read_openings(find_openings(absl::GetFlag(FLAGS_openings)));
  if (!book.ok()) return fail(std::string(book.status().message()));
  opt.openings = *std::move(book);
  opt.games = absl::GetFlag(FLAGS_games);
  if (opt.games <= 0) opt.games = 10000;
  const std::int64_t nodes = absl::GetFlag(FLAGS_nodes);
  if (nodes != 0) {
    if (nodes < 100 || nodes > 100000000) return fail("--nodes must be 100..100000000");
    opt.nodes = static_cast<std::uint64_t>(nodes);
  }
  opt.threads = absl::GetFlag(FLAGS_threads);
  if (opt.threads < 1 || opt.threads > 256) return fail("--threads must be 1..256");
  opt.random_plies = absl::GetFlag(FLAGS_random_plies);
  if (opt.random_plies < 0 || opt.random_plies > 20) return fail("--random-plies must be 0..20");
  opt.seed = absl::GetFlag(FLAGS_seed);
  if (absl::Status s = train::selfplay(opt); !s.ok()) {
    std::fprintf(stderr, "tempo selfplay: %s\n", std::string(s.message()).c_str());
    return 1;
  }
  return 0;
}

}  // namespace tempo::cli
