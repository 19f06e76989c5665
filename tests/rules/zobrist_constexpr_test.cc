// Regression: zobrist::key_after() is declared constexpr but called the
// non-constexpr Position::pieces(), which GCC 12 rejects as soon as any file
// uses it. Found by the movegen fuzzer's replay build. Evaluating it at
// compile time keeps it constexpr; the runtime check keeps it right.
#include <gtest/gtest.h>

#include "rules/movegen.h"
#include "rules/zobrist.h"

namespace tempo {
namespace {

constexpr Position kWhiteCaptures = [] {
  Position p;
  p.white = square_bb(28);
  p.black = square_bb(23) | square_bb(22);
  p.kings = square_bb(22);
  return p;
}();
constexpr Move kCapture = make_move(28, 19, square_bb(23));
constexpr Position kAfterCapture = [] {
  Position q;
  q.white = square_bb(19);
  q.black = square_bb(22);
  q.kings = square_bb(22);
  q.side = Color::kBlack;
  return q;
}();
static_assert(zobrist::key_after(zobrist::key(kWhiteCaptures), kWhiteCaptures, kCapture) ==
              zobrist::key(kAfterCapture));

TEST(ZobristHardening, IncrementalKeyMatchesFullKeyAfterEveryMoveOfAShortGame) {
  Position pos = Position::start();
  for (int ply = 0; ply < 60; ++ply) {
    MoveList list;
    if (generate_moves(pos, list) == 0) break;
    const Move m = list[(ply * 7) % list.size];
    const std::uint64_t k = zobrist::key_after(zobrist::key(pos), pos, m);
    pos.play(m);
    ASSERT_EQ(k, zobrist::key(pos)) << "ply " << ply;
  }
}

}  // namespace
}  // namespace tempo
