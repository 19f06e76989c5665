// The endgame database in full (ctest -L deep, minutes): every 2- to
// 4-piece slice generated and checked position by position, and the
// kings-only 5-piece slices for 4 kings against 1.
#include <gtest/gtest.h>

#include <vector>

#include "egdb/database.h"
#include "rules/fen.h"
#include "rules/movegen.h"
#include "rules/score.h"
#include "search/search.h"
#include "tests/egdb/egdb_test_util.h"

namespace tempo::egdb {
namespace {

void check_slice(const Database& db, const Material& m) {
  std::uint64_t wins = 0, draws = 0, losses = 0;
  for (std::uint64_t i = 0; i < slice_size(m); ++i) {
    const std::optional<Position> pos = position_at(m, i);
    if (!pos) continue;
    Value v;
    ASSERT_TRUE(db.probe(*pos, &v));
    MoveList moves;
    generate_moves(*pos, moves);
    bool to_loss = false, to_draw = false;
    for (const Move& mv : moves) {
      Value after;
      ASSERT_TRUE(db.probe(pos->after(mv), &after));
      to_loss = to_loss || after == Value::kLoss;
      to_draw = to_draw || after == Value::kDraw;
    }
    if (v == Value::kWin) {
      ASSERT_TRUE(to_loss) << to_fen(*pos);
      ++wins;
    } else if (v == Value::kLoss) {
      ASSERT_TRUE(!to_loss && !to_draw) << to_fen(*pos);
      ++losses;
    } else {
      ASSERT_TRUE(!to_loss && to_draw) << to_fen(*pos);
      ++draws;
    }
  }
  std::printf("%-10s %9llu wins %9llu draws %9llu losses\n", m.name().c_str(), static_cast<unsigned long long>(wins),
              static_cast<unsigned long long>(draws), static_cast<unsigned long long>(losses));
}

TEST(EgdbDeep, EveryFourPieceSliceIsConsistent) {
  testing::Built b;
  testing::build_into(b, 4, false, [](const Material&) { return true; });
  const Database db = Database::open(b.buffer.data(), b.buffer.size());
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(db.verify().ok());
  EXPECT_EQ(db.slices().size(), 4u + 12u + 25u);
  for (const Material& m : b.materials) check_slice(db, m);
}

TEST(EgdbDeep, FourKingsAgainstOneWin) {
  testing::Built b;
  testing::build_into(b, 5, true,
                      [](const Material& m) { return m.pieces() <= 4 || m.white_kings == 4 || m.black_kings == 4; });
  const Database db = Database::open(b.buffer.data(), b.buffer.size());
  ASSERT_TRUE(db.ok());
  check_slice(db, Material{0, 4, 0, 1});
  // The lone king on the long diagonal too: four kings win. Tempo's search
  // (without the database) proves it on its own.
  for (const char* f : {"W:WK1,K2,K3,K4:BK28", "W:WK47,K48,K49,K50:BK23", "W:WK6,K16,K26,K36:BK14"}) {
    const Position p = *parse_fen(f);
    Value v;
    ASSERT_TRUE(db.probe(p, &v));
    EXPECT_EQ(v, Value::kWin) << f;
    std::vector<std::uint8_t> table(64u << 20, 0);
    SearchRequest req;
    req.limits.depth = 31;
    req.tt = table.data();
    req.tt_len = table.size();
    absl::StatusOr<SearchResult> r = search(p, req);
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(is_win(r->score)) << f << ": " << score_text(r->score);
  }
}

}  // namespace
}  // namespace tempo::egdb
