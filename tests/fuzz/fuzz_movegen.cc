// Fuzzes the move generator on arbitrary valid positions (25 bytes -> a
// position, see fuzz_support.h). Checks the rules' invariants on every move:
// own piece moves to an empty square, only opponents are taken, the majority
// rule holds, counts agree, capture routes exist, the position after the move
// is valid and its Zobrist key matches the incremental update.
#include <cstdint>

#include "rules/fen.h"
#include "rules/movegen.h"
#include "rules/zobrist.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tempo;
  fuzz::ByteReader in{data, size};
  const Position pos = fuzz::position_from_bytes(in);
  FUZZ_CHECK(pos.validate().ok(), "position_from_bytes made an invalid position");
  const std::string fen = to_fen(pos);

  MoveList list;
  const int n = generate_moves(pos, list);
  // Known limit (docs/hardening.md): composed positions can have more legal
  // captures than MoveList::kCapacity; the list is then cut and flagged.
  // Such positions are kept out of the count checks below.
  if (list.overflowed) {
    FUZZ_CHECK(n == MoveList::kCapacity, "overflowed list not full in %s", fen.c_str());
    return 0;
  }
  FUZZ_CHECK(n == list.size, "generate_moves count differs from the list");
  FUZZ_CHECK(count_moves(pos) == n, "count_moves %d != generated %d in %s", count_moves(pos), n, fen.c_str());
  const bool must_capture = has_capture(pos);
  FUZZ_CHECK(must_capture == (n > 0 && list[0].is_capture()), "has_capture disagrees in %s", fen.c_str());

  const Bitboard own = pos.pieces(pos.side), opp = pos.pieces(~pos.side);
  const std::uint64_t key = zobrist::key(pos);
  for (int i = 0; i < n; ++i) {
    const Move& m = list[i];
    FUZZ_CHECK(own & bb(m.from), "move from a square without an own piece in %s", fen.c_str());
    FUZZ_CHECK(m.is_capture() == must_capture, "capture is compulsory in %s", fen.c_str());
    FUZZ_CHECK((m.captured & ~opp) == 0, "captures a non-opponent in %s", fen.c_str());
    FUZZ_CHECK(m.capture_count() == list[0].capture_count(), "majority rule broken in %s", fen.c_str());
    FUZZ_CHECK(m.to == m.from ? m.is_capture() : !(pos.occupied() & bb(m.to)), "lands on a taken square in %s",
               fen.c_str());
    for (int j = 0; j < i; ++j) FUZZ_CHECK(!(list[j] == m), "duplicate move in %s", fen.c_str());
    const Position after = pos.after(m);
    FUZZ_CHECK(after.validate().ok(), "invalid position after a move in %s", fen.c_str());
    FUZZ_CHECK(zobrist::key_after(key, pos, m) == zobrist::key(after), "incremental key differs in %s", fen.c_str());
    const std::vector<int> path = capture_path(pos, m);
    FUZZ_CHECK(path.size() >= 2 && path.front() == m.from_square() && path.back() == m.to_square(),
               "capture_path wrong in %s", fen.c_str());
    if (m.is_capture()) {
      FUZZ_CHECK(static_cast<int>(path.size()) == m.capture_count() + 1, "route length %zu for %d captures in %s",
                 path.size(), m.capture_count(), fen.c_str());
    }
  }
  return 0;
}
