// tempo_web_speed: perft and a fixed-depth search of data/bench.fen, timed.
// The same program is built natively and for WebAssembly (ffi/web/web.cmake;
// in wasm it runs under Node with the real filesystem), so
// ffi/web/bench/compare.sh can put the two speeds side by side from one run
// on one machine. Its output is also a signature: nodes and moves must be
// the same in both builds.
//
// Usage: tempo_web_speed <bench.fen> <perft depth> <search depth>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "rules/fen.h"
#include "rules/notation.h"
#include "rules/perft.h"
#include "rules/position.h"
#include "search/search.h"

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s <bench.fen> <perft depth> <search depth>\n", argv[0]);
    return 2;
  }
  const int perft_depth = std::atoi(argv[2]);
  const int search_depth = std::atoi(argv[3]);
  std::ifstream in(argv[1]);
  if (!in || perft_depth < 1 || perft_depth > 12 || search_depth < 1 || search_depth > 30) {
    std::fprintf(stderr, "%s: cannot open %s, or a depth out of range\n", argv[0], argv[1]);
    return 2;
  }
  std::vector<tempo::Position> positions;
  for (std::string text; std::getline(in, text);) {
    if (const auto hash = text.find('#'); hash != std::string::npos) text.resize(hash);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) text.pop_back();
    if (text.empty()) continue;
    absl::StatusOr<tempo::Position> pos = tempo::parse_fen(text);
    if (!pos.ok()) {
      std::fprintf(stderr, "%s: %s\n", argv[0], std::string(pos.status().message()).c_str());
      return 2;
    }
    positions.push_back(*pos);
  }

  auto t0 = std::chrono::steady_clock::now();
  const std::uint64_t leaves = tempo::perft(positions.at(0), perft_depth);
  double s = seconds_since(t0);
  std::printf("perft depth %d leaves %llu time %.3f mnps %.2f\n", perft_depth, static_cast<unsigned long long>(leaves),
              s, s > 0 ? leaves / s / 1e6 : 0.0);

  const std::size_t tt_len = std::size_t{4} << 20;  // the default table, fresh for every position
  std::unique_ptr<std::uint8_t[]> table(new std::uint8_t[tt_len]);
  std::uint64_t nodes = 0;
  t0 = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < positions.size(); ++i) {
    std::fill(table.get(), table.get() + tt_len, std::uint8_t{0});
    tempo::SearchRequest req;
    req.limits.depth = search_depth;
    req.params.time_limit_ms = 0;  // fixed work
    req.tt = table.get();
    req.tt_len = tt_len;
    absl::StatusOr<tempo::SearchResult> r = tempo::search(positions[i], req);
    if (!r.ok()) {
      std::fprintf(stderr, "%s: position %zu: %s\n", argv[0], i + 1, std::string(r.status().message()).c_str());
      return 1;
    }
    nodes += r->nodes;
    std::printf("position %zu nodes %llu bestmove %s\n", i + 1, static_cast<unsigned long long>(r->nodes),
                r->has_move ? tempo::line_text(positions[i], {&r->best_move, 1}).c_str() : "none");
  }
  s = seconds_since(t0);
  std::printf("search depth %d positions %zu nodes %llu time %.3f knps %.0f\n", search_depth, positions.size(),
              static_cast<unsigned long long>(nodes), s, s > 0 ? nodes / s / 1e3 : 0.0);
  return 0;
}
