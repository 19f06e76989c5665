// Fuzzes search() on arbitrary table bytes plus an arbitrary valid position.
//
// Input bytes: 25 for the position (fuzz_support.h), then mode, depth,
// multipv, level, moves played from the position (count + choices), the
// buffer's extra length and misalignment, and the rest is table material:
//   mode 0: the whole buffer is the input tiled (garbage header and entries)
//   mode 1: a valid header (a search ran first), entries = input tiled
//   mode 2: a table filled by a real search, then XOR-ed with the input
//           (bit flips and torn entries in an otherwise valid table)
//   mode 3: no table
// Checks: the search never fails on a valid request and never crashes; its
// move is legal and heads its PV; every PV is a legal line; scores are in
// range; a search on a copy of the same bytes gives the same answer (no
// uninitialised or address-dependent reads); a second search reuses the table.
#include <cstdint>
#include <cstring>
#include <vector>

#include "rules/fen.h"
#include "rules/game.h"
#include "rules/movegen.h"
#include "search/search.h"
#include "tests/fuzz/fuzz_support.h"
#include "tt/table.h"

namespace {

using namespace tempo;

void check_line(const Position& root, const Line& line, const char* what, const std::string& fen) {
  FUZZ_CHECK(line.size >= 0 && line.size <= kMaxPly, "%s length %d out of range in %s", what, line.size, fen.c_str());
  Position p = root;
  for (int i = 0; i < line.size; ++i) {
    MoveList legal;
    generate_moves(p, legal);
    FUZZ_CHECK(legal.contains(line.moves[i]), "%s move %d is illegal in %s", what, i, fen.c_str());
    p.play(line.moves[i]);
  }
}

void check_result(const Position& root, const SearchRequest& req, const SearchResult& r, const std::string& fen) {
  MoveList legal;
  generate_moves(root, legal);
  FUZZ_CHECK(r.has_move == (legal.size > 0), "has_move wrong in %s", fen.c_str());
  if (!r.has_move) return;
  FUZZ_CHECK(legal.contains(r.best_move), "best move illegal in %s", fen.c_str());
  FUZZ_CHECK(r.score >= -kWinScore && r.score <= kWinScore, "score %d out of range in %s", r.score, fen.c_str());
  check_line(root, r.pv, "pv", fen);
  FUZZ_CHECK(r.pv.size == 0 || r.pv.moves[0] == r.best_move, "pv does not start with the best move in %s", fen.c_str());
  FUZZ_CHECK(static_cast<int>(r.multipv.size()) <= std::min(req.multipv, legal.size), "too many multipv lines");
  for (const ScoredMove& sm : r.multipv) {
    FUZZ_CHECK(legal.contains(sm.move), "multipv move illegal in %s", fen.c_str());
    FUZZ_CHECK(sm.score >= -kWinScore && sm.score <= kWinScore, "multipv score out of range");
    check_line(root, sm.pv, "multipv line", fen);
  }
}

void tile(std::uint8_t* dst, std::size_t len, const std::uint8_t* src, std::size_t n, bool xor_in) {
  if (n == 0) return;
  for (std::size_t i = 0; i < len; ++i) {
    if (xor_in) dst[i] ^= src[i % n];
    else dst[i] = src[i % n];
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::ByteReader in{data, size};
  const Position start = fuzz::position_from_bytes(in);
  const int mode = in.u8() % 4;
  const int depth = 1 + in.u8() % 5;
  const int multipv = 1 + in.u8() % 3;
  const Level level = static_cast<Level>(in.u8() % 4);
  // Some moves played from the start position, so the history path is fuzzed too.
  absl::StatusOr<Game> from_start = Game::from_position(start);
  FUZZ_CHECK(from_start.ok(), "position_from_bytes made an invalid position: %s",
             std::string(from_start.status().message()).c_str());
  Game game = *std::move(from_start);
  for (int n = in.u8() % 8; n > 0; --n) {
    MoveList legal;
    if (generate_moves(game.current(), legal) == 0) break;
    if (!game.play(legal[in.u8() % legal.size], /*stop_at_draw=*/false).ok()) break;
  }
  const Position pos = game.current();
  const std::size_t length = tt::kMinBytes + in.u8() % 128;
  const std::size_t misalign = in.u8() % 8;
  const std::string fen = to_fen(pos);

  SearchRequest req;
  req.params = Params::for_level(level);
  req.limits.depth = depth;
  req.limits.nodes = 20000;  // bounded time per input whatever the level
  req.params.time_limit_ms = 0;
  req.multipv = multipv;
  req.seed = 12345;

  std::vector<std::uint8_t> storage(length + 8, 0);
  std::uint8_t* table = storage.data() + misalign;
  if (mode == 0) tile(table, length, in.rest(), in.left(), false);
  if (mode == 1 || mode == 2) {
    SearchRequest fill = req;
    fill.tt = table;
    fill.tt_len = length;
    fill.limits.depth = 4;
    const absl::StatusOr<SearchResult> first = search(game, fill);
    FUZZ_CHECK(first.ok(), "search on a fresh table failed: %s", std::string(first.status().message()).c_str());
    if (mode == 1) tile(table + 64, length - 64, in.rest(), in.left(), false);
    else tile(table + 64, length - 64, in.rest(), in.left(), true);
  }
  if (mode != 3) {
    req.tt = table;
    req.tt_len = length;
  }
  // The same bytes in a second buffer at another address.
  std::vector<std::uint8_t> copy(table, table + length);

  const absl::StatusOr<SearchResult> r = search(game, req);
  FUZZ_CHECK(r.ok(), "search failed on a valid request: %s (%s)", std::string(r.status().message()).c_str(),
             fen.c_str());
  check_result(pos, req, *r, fen);

  if (mode != 3) {
    SearchRequest again = req;
    again.tt = copy.data();
    const absl::StatusOr<SearchResult> r2 = search(game, again);
    FUZZ_CHECK(r2.ok(), "search on the copy failed");
    FUZZ_CHECK(r2->best_move == r->best_move && r2->score == r->score && r2->nodes == r->nodes,
               "same bytes, different answer in %s (nodes %llu vs %llu)", fen.c_str(),
               static_cast<unsigned long long>(r->nodes), static_cast<unsigned long long>(r2->nodes));
    // The table now holds this search's entries: a second search reuses them
    // (with no or one legal move the search answers without the table; the
    // easiest level plays without one).
    const absl::StatusOr<SearchResult> r3 = search(game, req);
    FUZZ_CHECK(r3.ok(), "second search failed");
    MoveList legal;
    if (req.params.use_table && generate_moves(pos, legal) >= 2) {
      FUZZ_CHECK(r3->tt_status == tt::Status::kReused, "second search did not reuse the table in %s", fen.c_str());
    }
    check_result(pos, req, *r3, fen);
  }
  return 0;
}
