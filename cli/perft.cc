// `tempo perft`: one line per depth, `perft <depth> <leaves> <seconds> <Mleaves/s>`.
#include <chrono>
#include <cstdio>

#include "absl/flags/flag.h"
#include "absl/strings/str_format.h"
#include "cli/commands.h"
#include "cli/flags.h"
#include "rules/fen.h"
#include "rules/notation.h"
#include "rules/perft.h"
#include "rules/text.h"

namespace tempo::cli {

int run_perft(const Args& args) {
  if (!args.empty()) {
    std::fprintf(stderr, "tempo perft: unexpected argument %s\n", quote(args[0]).c_str());
    return 2;
  }
  Position pos = Position::start();
  if (const std::optional<std::string> fen = given_fen()) {
    absl::StatusOr<Position> parsed = parse_fen(*fen);
    if (!parsed.ok()) {
      std::fprintf(stderr, "tempo perft: %s\n", std::string(parsed.status().message()).c_str());
      return 2;
    }
    pos = *parsed;
  }
  int depth = absl::GetFlag(FLAGS_depth);
  if (depth == 0) depth = 9;
  if (depth < 1 || depth > 30) {
    std::fprintf(stderr, "tempo perft: --depth must be 1..30\n");
    return 2;
  }
  using Clock = std::chrono::steady_clock;
  if (absl::GetFlag(FLAGS_divide)) {
    const auto t0 = Clock::now();
    std::uint64_t total = 0;
    for (const auto& [move, n] : perft_divide(pos, depth)) {
      absl::PrintF("%s %d\n", to_pdn(pos, move), n);
      total += n;
    }
    const double s = std::chrono::duration<double>(Clock::now() - t0).count();
    absl::PrintF("perft %d %d %.3f %.1f\n", depth, total, s, s > 0 ? total / s / 1e6 : 0.0);
    return 0;
  }
  for (int d = 1; d <= depth; ++d) {
    const auto t0 = Clock::now();
    const std::uint64_t n = perft(pos, d);
    const double s = std::chrono::duration<double>(Clock::now() - t0).count();
    absl::PrintF("perft %d %d %.3f %.1f\n", d, n, s, s > 0 ? n / s / 1e6 : 0.0);
    std::fflush(stdout);
  }
  return 0;
}

}  // namespace tempo::cli
