// The endgame database: numbering, generation, the stored form, the reader's
// defences against bad buffers, and the search's use of it. Everything here
// is generated in the test (2- and 3-piece slices and 3 kings against 1, a
// few seconds); the whole 4-piece set and 4 kings against 1 are checked
// under `ctest -L deep` (tests/deep/egdb_deep_test.cc).
#include <gtest/gtest.h>

#include <cstring>

#include "egdb/database.h"
#include "egdb/format.h"
#include "egdb/index.h"
#include "rules/fen.h"
#include "rules/game.h"
#include "rules/movegen.h"
#include "rules/score.h"
#include "search/search.h"
#include "tests/egdb/egdb_test_util.h"

namespace tempo::egdb {
namespace {

const testing::Built& small() {
  static const testing::Built* b = [] {  // built once, thread-safely
    auto* built = new testing::Built;
    testing::build_into(*built, 4, false, [](const Material& m) {
      return m.pieces() <= 3 || (m.men() == 0 && (m.white_kings == 3 || m.black_kings == 3));
    });
    return built;
  }();
  return *b;
}

Position fen(const char* text) {
  absl::StatusOr<Position> p = parse_fen(text);
  EXPECT_TRUE(p.ok()) << text;
  return *p;
}

Value probe_or_die(const Database& db, const Position& p) {
  Value v = Value::kDraw;
  EXPECT_TRUE(db.probe(p, &v)) << to_fen(p);
  return v;
}

Value neg(Value v) { return static_cast<Value>(-static_cast<int>(v)); }

// Every position of a slice (every `step`-th) against its moves' values.
void check_consistency(const Database& db, const Material& m, std::uint64_t step) {
  std::uint64_t checked = 0;
  for (std::uint64_t i = 0; i < slice_size(m); i += step) {
    const std::optional<Position> pos = position_at(m, i);
    if (!pos) continue;
    ASSERT_EQ(index_of(*pos), i);
    const Value v = probe_or_die(db, *pos);
    MoveList moves;
    generate_moves(*pos, moves);
    bool to_loss = false, to_draw = false;
    for (const Move& mv : moves) {
      const Value after = probe_or_die(db, pos->after(mv));
      to_loss = to_loss || after == Value::kLoss;
      to_draw = to_draw || after == Value::kDraw;
    }
    const std::string where = m.name() + " " + to_fen(*pos);
    if (v == Value::kWin) {
      ASSERT_TRUE(to_loss) << where << ": a win with no move to a loss";
    } else if (v == Value::kLoss) {
      ASSERT_TRUE(!to_loss && !to_draw) << where << ": a loss with a move not to a win";
    } else {
      ASSERT_TRUE(!to_loss && to_draw) << where << ": a draw without a drawing move, or winning";
    }
    ++checked;
  }
  EXPECT_GT(checked, 0u) << m.name();
}

TEST(EgdbIndex, NumbersRoundTrip) {
  for (const auto& group : build_plan(5, false)) {
    for (const Material& m : group) {
      const std::uint64_t size = slice_size(m);
      ASSERT_GT(size, 0u) << m.name();
      int valid = 0;
      for (std::uint64_t i = 0; i < size; i += 1 + size / 200) {
        const std::optional<Position> p = position_at(m, i);
        if (!p) continue;
        ++valid;
        ASSERT_TRUE(p->validate().ok()) << m.name() << " " << i;
        ASSERT_EQ(material_of(*p), m);
        ASSERT_EQ(index_of(*p), i) << m.name() << " " << to_fen(*p);
        // The colour mirror: Black to move, same value, same number.
        Position mirror = white_to_move(*p);
        ASSERT_EQ(mirror, *p);
        Position black = Position::empty(Color::kBlack);
        for (int s = 1; s <= 50; ++s) {
          const Piece q = p->at(s);
          const Piece swapped = q == Piece::kWhiteMan    ? Piece::kBlackMan
                                : q == Piece::kBlackMan  ? Piece::kWhiteMan
                                : q == Piece::kWhiteKing ? Piece::kBlackKing
                                : q == Piece::kBlackKing ? Piece::kWhiteKing
                                                         : Piece::kEmpty;
          black.set(51 - s, swapped);
        }
        ASSERT_EQ(white_to_move(black), *p);
      }
      EXPECT_GT(valid, 0) << m.name();
      EXPECT_FALSE(position_at(m, size).has_value());
    }
  }
}

TEST(EgdbIndex, PlanSolvesEveryExitFirst) {
  // Promotions lead to fewer men, captures to fewer pieces: both come earlier.
  const auto plan = build_plan(5, false);
  for (std::size_t k = 1; k < plan.size(); ++k) {
    const Material& a = plan[k - 1][0];
    const Material& b = plan[k][0];
    EXPECT_TRUE(a.pieces() < b.pieces() || (a.pieces() == b.pieces() && a.men() <= b.men()));
  }
  std::size_t slices = 0;
  for (const auto& g : plan) slices += g.size();
  EXPECT_EQ(slices, 4u + 12u + 25u + 44u);  // materials of 2, 3, 4, 5 pieces with a piece a side
}

TEST(Egdb, SlicesAreConsistent) {
  const testing::Built& b = small();
  const Database db = Database::open(b.buffer.data(), b.buffer.size());
  ASSERT_TRUE(db.ok()) << status_name(db.status());
  ASSERT_TRUE(db.verify().ok());
  for (const Material& m : b.materials) check_consistency(db, m, m.pieces() <= 3 ? 1 : 53);
}

TEST(Egdb, StoredValuesAreTheGeneratorsOnQuietPositions) {
  const testing::Built& b = small();
  const Database db = Database::open(b.buffer.data(), b.buffer.size());
  for (const Material& m : b.materials) {
    for (std::uint64_t i = 0; i < slice_size(m); i += 3) {
      const std::optional<Position> pos = position_at(m, i);
      if (!pos || has_capture(*pos)) continue;
      Value v;
      ASSERT_TRUE(db.probe_quiet(*pos, &v));
      ASSERT_EQ(v, b.gen.value(m, i)) << m.name() << " " << to_fen(*pos);
    }
  }
}

// Known endings, each checked by Tempo's own search without the database
// (a forced win it proves must be a database win; where the theory says
// draw, it must find none) as well as pinned to the theory's value.
int search_score(const Position& p, int depth) {
  std::vector<std::uint8_t> table(4u << 20, 0);  // king endings need a table to reach these depths quickly
  SearchRequest req;
  req.limits.depth = depth;
  req.tt = table.data();
  req.tt_len = table.size();
  absl::StatusOr<SearchResult> r = search(p, req);
  EXPECT_TRUE(r.ok());
  return r->score;
}

TEST(Egdb, TwoKingsAgainstOneDraw) {
  const Database db = Database::open(small().buffer.data(), small().buffer.size());
  for (const char* f : {"W:WK28,K33:BK3", "B:WK28,K33:BK3", "W:WK31,K36:BK46", "W:WK11,K44:BK24", "B:WK1,K2:BK48"}) {
    EXPECT_EQ(probe_or_die(db, fen(f)), Value::kDraw) << f;
    EXPECT_FALSE(is_win(std::abs(search_score(fen(f), 12)))) << f;
  }
  // Unless the lone king is caught in the corner: 46-5 with kings on 46 and 50.
  EXPECT_EQ(probe_or_die(db, fen("W:WK46,K50:BK5")), Value::kWin);
  EXPECT_TRUE(is_win(search_score(fen("W:WK46,K50:BK5"), 12)));
}

TEST(Egdb, ThreeKingsAgainstOneOnTheLongDiagonalDraw) {
  const Database db = Database::open(small().buffer.data(), small().buffer.size());
  // The lone king on the long diagonal (46-5), nothing to take at once.
  for (const char* f : {"W:WK1,K2,K3:BK28", "W:WK47,K48,K49:BK23", "B:WK16,K17,K35:BK41", "W:WK15,K25,K36:BK37"}) {
    EXPECT_EQ(probe_or_die(db, fen(f)), Value::kDraw) << f;
    EXPECT_FALSE(is_win(search_score(fen(f), 12))) << f;
  }
}

TEST(Egdb, ThreeKingsAgainstOneOffTheDiagonal) {
  const Database db = Database::open(small().buffer.data(), small().buffer.size());
  // On 10x10 three kings catch a lone king off the long diagonal only when
  // it cannot reach the diagonal in time: these are caught, and the search
  // proves it without the database.
  for (const char* f : {"W:WK11,K12,K13:BK35"}) {
    EXPECT_EQ(probe_or_die(db, fen(f)), Value::kWin) << f;
    const int s = search_score(fen(f), 15);
    EXPECT_TRUE(is_win(s)) << f << " search: " << score_text(s);
  }
  // Otherwise the lone king runs to the diagonal: even with White holding
  // it (46), a draw, and the search finds no win.
  for (const char* f : {"W:WK46,K33,K38:BK3"}) {
    EXPECT_EQ(probe_or_die(db, fen(f)), Value::kDraw) << f;
    EXPECT_FALSE(is_win(search_score(fen(f), 12))) << f;
  }
}

TEST(Egdb, ForwardSearchAgreesOnASample) {
  const testing::Built& b = small();
  const Database db = Database::open(b.buffer.data(), b.buffer.size());
  int proven = 0;
  for (const Material& m : b.materials) {
    if (m.pieces() != 3) continue;
    for (std::uint64_t i = 7; i < slice_size(m); i += 1009) {
      const std::optional<Position> pos = position_at(m, i);
      if (!pos) continue;
      const int s = search_score(*pos, 9);
      const Value v = probe_or_die(db, *pos);
      if (is_win(s)) {
        EXPECT_EQ(v, Value::kWin) << to_fen(*pos);
        ++proven;
      } else if (is_loss(s)) {
        EXPECT_EQ(v, Value::kLoss) << to_fen(*pos);
        ++proven;
      }
    }
  }
  EXPECT_GT(proven, 20);
}

TEST(EgdbBuffer, BadBuffersGiveAStatusAndAnEmptyDatabase) {
  const std::vector<std::uint8_t>& good = small().buffer;
  const Position p = fen("W:WK28,K33:BK3");
  auto status_of = [&](const std::vector<std::uint8_t>& bytes, std::size_t len) {
    const Database db = Database::open(bytes.data(), len);
    Value v;
    if (!db.ok()) {
      EXPECT_FALSE(db.probe(p, &v));
    }
    return db.status();
  };
  EXPECT_EQ(Database::open(nullptr, 100).status(), Status::kNone);
  EXPECT_EQ(Database::open(good.data(), 0).status(), Status::kNone);
  EXPECT_EQ(status_of(good, good.size()), Status::kOk);
  EXPECT_EQ(status_of(good, 7), Status::kTruncated);
  EXPECT_EQ(status_of(good, 40), Status::kTruncated);
  EXPECT_EQ(status_of(good, good.size() - 1), Status::kTruncated);
  std::vector<std::uint8_t> padded = good;
  padded.resize(good.size() + 100, 0xee);  // a longer buffer (a padded asset) is fine
  EXPECT_EQ(status_of(padded, padded.size()), Status::kOk);
  std::vector<std::uint8_t> garbage(5000);
  for (std::size_t i = 0; i < garbage.size(); ++i) garbage[i] = static_cast<std::uint8_t>(i * 131 + 7);
  EXPECT_EQ(status_of(garbage, garbage.size()), Status::kBadMagic);
  std::vector<std::uint8_t> x = good;
  format::store64(x.data(), __builtin_bswap64(format::kMagic));
  EXPECT_EQ(status_of(x, x.size()), Status::kByteOrder);
  x = good;
  x[format::kVersionAt] = 2;
  EXPECT_EQ(status_of(x, x.size()), Status::kVersion);
  x = good;
  x[format::kMaxPiecesAt] ^= 1;
  EXPECT_EQ(status_of(x, x.size()), Status::kCorruptHeader);
  x = good;
  x[format::kHeaderBytes + 9] ^= 0x40;  // a directory entry
  EXPECT_EQ(status_of(x, x.size()), Status::kCorruptDirectory);
  // Damaged data: open() is O(slices) and does not see it; verify() does,
  // and probes stay inside the buffer whatever they read.
  x = good;
  for (std::size_t i = x.size() / 2; i < x.size(); i += 97) x[i] ^= 0x5a;
  const Database damaged = Database::open(x.data(), x.size());
  ASSERT_TRUE(damaged.ok());
  EXPECT_FALSE(damaged.verify().ok());
  for (const Material& m : small().materials) {
    for (std::uint64_t i = 0; i < slice_size(m); i += 101) {
      if (const auto q = position_at(m, i)) {
        Value v;
        (void)damaged.probe(*q, &v);
      }
    }
  }
}

TEST(EgdbBuffer, AnyAddress) {
  const std::vector<std::uint8_t>& good = small().buffer;
  const Position p = fen("W:WK11,K12,K13:BK35");
  for (std::size_t shift = 0; shift < 8; ++shift) {
    std::vector<std::uint8_t> moved(good.size() + shift);
    std::memcpy(moved.data() + shift, good.data(), good.size());
    const Database db = Database::open(moved.data() + shift, good.size());
    ASSERT_TRUE(db.ok());
    EXPECT_EQ(probe_or_die(db, p), Value::kWin);
  }
}

// The search with the database.
TEST(EgdbSearch, RootInTheDatabaseKeepsItsValue) {
  const std::vector<std::uint8_t>& buf = small().buffer;
  const Database db = Database::open(buf.data(), buf.size());
  for (const char* f : {"W:WK11,K12,K13:BK35", "W:WK46,K33,K38:BK3", "W:WK1,K2,K3:BK28", "B:WK46,K33,K38:BK3"}) {
    const Position p = fen(f);
    SearchRequest req;
    req.limits.depth = 8;
    req.egdb = buf.data();
    req.egdb_len = buf.size();
    absl::StatusOr<SearchResult> r = search(p, req);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->egdb_status, Status::kOk);
    ASSERT_TRUE(r->egdb_root) << f;
    const Value root = probe_or_die(db, p);
    EXPECT_EQ(r->egdb_value, root);
    const Value after = neg(probe_or_die(db, p.after(r->best_move)));
    EXPECT_EQ(after, root) << f << ": the move throws the value away";
  }
}

TEST(EgdbSearch, WinsAKnownWinInPlay) {
  // Both sides played by the search with the database: White's known win
  // (three kings catching a lone king off the long diagonal) is won in
  // play, although the database keeps only win/draw/loss: the search
  // finds the way among the moves that keep the win.
  const std::vector<std::uint8_t>& buf = small().buffer;
  absl::StatusOr<Game> game = Game::from_fen("W:WK11,K12,K13:BK35");
  ASSERT_TRUE(game.ok());
  int plies = 0;
  for (; plies < 60 && !game->status().over(); ++plies) {
    SearchRequest req;
    req.limits.depth = 14;
    req.egdb = buf.data();
    req.egdb_len = buf.size();
    absl::StatusOr<SearchResult> r = search(*game, req);
    ASSERT_TRUE(r.ok());
    ASSERT_TRUE(r->has_move);
    ASSERT_TRUE(game->play(r->best_move).ok());
  }
  EXPECT_EQ(game->status().state, GameState::kWin) << describe(game->status()) << " after " << plies << " plies";
  EXPECT_EQ(game->status().winner, Color::kWhite);
}

TEST(EgdbSearch, BadBufferIsReportedAndIgnored) {
  std::vector<std::uint8_t> garbage(4096, 0x42);
  SearchRequest req;
  req.limits.depth = 6;
  req.egdb = garbage.data();
  req.egdb_len = garbage.size();
  absl::StatusOr<SearchResult> r = search(Position::start(), req);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->egdb_status, Status::kBadMagic);
  EXPECT_TRUE(r->has_move);
  EXPECT_EQ(r->egdb_hits, 0u);
  // The same search without a buffer: same move, same nodes.
  SearchRequest plain;
  plain.limits.depth = 6;
  absl::StatusOr<SearchResult> q = search(Position::start(), plain);
  EXPECT_EQ(q->egdb_status, Status::kNone);
  EXPECT_EQ(q->nodes, r->nodes);
  EXPECT_EQ(q->best_move, r->best_move);
}

TEST(EgdbSearch, ProbesBelowARootOutsideTheDatabase) {
  // Five pieces: not stored here, but captures lead into the 3- and
  // 4-piece slices.
  const std::vector<std::uint8_t>& buf = small().buffer;
  SearchRequest req;
  req.limits.depth = 8;
  req.egdb = buf.data();
  req.egdb_len = buf.size();
  absl::StatusOr<SearchResult> r = search(fen("W:WK47,K48,K49:BK3,K4"), req);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->egdb_root);
  EXPECT_GT(r->egdb_hits, 0u);
}

// The bound the front ends map files against (FORMAT.md, "Size"): every
// slice up to 6 pieces stored raw; a real database is far below it.
TEST(Egdb, LargestDatabaseIsTheDocumentedBound) {
  EXPECT_EQ(max_database_bytes(), 12434257576u);
  EXPECT_LT(small().buffer.size(), max_database_bytes());
}

}  // namespace
}  // namespace tempo::egdb
