// Fuzzes the PDN and Hub move readers.
//
// Input: `<FEN>\n<move text>`. When the first line is not a FEN the move text
// is read in one of a few fixed positions (picked by the first byte) that
// have quiet moves, men captures and ambiguous king captures. Checks: no
// crash; an accepted move is legal and writes back to text that reads back
// the same move; every legal move of the position round-trips both ways.
#include <cstdint>

#include "rules/fen.h"
#include "rules/movegen.h"
#include "rules/notation.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

constexpr const char* kPositions[] = {
    "W:W31-50:B1-20",                                                   // start
    "W:B12,13,14,16,18,19,21,23,24,26:W25,27,28,30,32,33,34,35,37,38",  // Woldouby
    "W:WK46:B9,12,14,23,32,33,40,41",                                   // king capture routes
    "B:BK5,K45:W10,14,19,28,29,32,37,39",                               // black kings
    "W:W27,28,32,33,37,38:B17,18,19,22,23,24",                          // men captures
    "W:WK3,K26,K48:B7,8,18,19,30,31,33,42",                             // several kings
};

void check_round_trips(const tempo::Position& pos) {
  using namespace tempo;
  MoveList legal;
  generate_moves(pos, legal);
  for (const Move& m : legal) {
    const std::string pdn = to_pdn(pos, m);
    const absl::StatusOr<Move> p = parse_pdn_move(pos, pdn);
    FUZZ_CHECK(p.ok() && *p == m, "PDN round trip failed for %s in %s", pdn.c_str(), to_fen(pos).c_str());
    const std::string hub = to_hub_move(m);
    const absl::StatusOr<Move> h = parse_hub_move(pos, hub);
    FUZZ_CHECK(h.ok() && *h == m, "Hub round trip failed for %s in %s", hub.c_str(), to_fen(pos).c_str());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tempo;
  std::string_view text = fuzz::as_text(data, size);
  Position pos;
  bool fixed = true;
  if (const std::size_t nl = text.find('\n'); nl != std::string_view::npos) {
    if (absl::StatusOr<Position> p = parse_fen(text.substr(0, nl)); p.ok()) {
      pos = *p;
      text.remove_prefix(nl + 1);
      fixed = false;
    }
  }
  if (fixed) {
    const std::size_t n = sizeof(kPositions) / sizeof(kPositions[0]);
    const absl::StatusOr<Position> p = parse_fen(kPositions[size ? data[0] % n : 0]);
    FUZZ_CHECK(p.ok(), "fixed position rejected: %s", std::string(p.status().message()).c_str());
    pos = *p;
    if (!text.empty()) text.remove_prefix(1);
  }
  MoveList legal;
  generate_moves(pos, legal);
  for (int reader = 0; reader < 2; ++reader) {
    const absl::StatusOr<Move> m = reader == 0 ? parse_pdn_move(pos, text) : parse_hub_move(pos, text);
    if (!m.ok()) {
      FUZZ_CHECK(!m.status().message().empty(), "an error must say what is wrong");
      continue;
    }
    FUZZ_CHECK(legal.contains(*m), "accepted a move that is not legal");
    const absl::StatusOr<Move> back =
        reader == 0 ? parse_pdn_move(pos, to_pdn(pos, *m)) : parse_hub_move(pos, to_hub_move(*m));
    FUZZ_CHECK(back.ok() && *back == *m, "move text round trip failed");
  }
  if (!fixed) check_round_trips(pos);
  return 0;
}
