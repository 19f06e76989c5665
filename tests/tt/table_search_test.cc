// The table seen through the search: a zero buffer just works, moving the
// buffer between calls changes nothing, garbage never yields an illegal move,
// and the result says what the search found in the buffer.

#include <algorithm>
#include <cstring>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "rules/movegen.h"
#include "rules/position.h"
#include "search/search.h"
#include "tests/tt/tt_test_util.h"
#include "tt/table.h"

namespace tempo {
namespace {

using tt::testing::Rng;

bool legal(const Position& pos, const Move& m) {
  MoveList list;
  generate_moves(pos, list);
  return list.contains(m);
}

SearchResult search_ok(const Position& pos, int depth, std::uint8_t* buf, std::size_t len) {
  SearchRequest r;
  r.limits.depth = depth;
  r.tt = buf;
  r.tt_len = len;
  absl::StatusOr<SearchResult> res = search(pos, r);
  EXPECT_TRUE(res.ok()) << res.status();
  return res.ok() ? *res : SearchResult{};
}

// Positions of a game the engine plays against itself from `pos`.
std::vector<Position> self_play(Position pos, int plies, int depth) {
  std::vector<Position> out;
  std::vector<std::uint8_t> buf(tt::kMinBytes, 0);
  for (int i = 0; i < plies; ++i) {
    out.push_back(pos);
    const SearchResult r = search_ok(pos, depth, buf.data(), buf.size());
    if (!r.has_move) break;
    pos = pos.after(r.best_move);
  }
  return out;
}

TEST(TableSearchTest, ZeroBufferWorksAndIsReusedNextMove) {
  std::vector<std::uint8_t> buf(kTableSize.default_bytes(), 0);
  const SearchResult first = search_ok(Position::start(), 6, buf.data(), buf.size());
  ASSERT_TRUE(first.has_move);
  EXPECT_TRUE(legal(Position::start(), first.best_move));
  EXPECT_EQ(first.tt_status, tt::Status::kFresh);
  EXPECT_EQ(first.tt_reason, tt::Reason::kNone);
  const Position next = Position::start().after(first.best_move);
  const SearchResult second = search_ok(next, 6, buf.data(), buf.size());
  EXPECT_EQ(second.tt_status, tt::Status::kReused);
  auto info = tt::info(buf.data(), buf.size(), table_fingerprint());
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->generation, 2u);
  EXPECT_GT(info->fill, 0.0);
}

TEST(TableSearchTest, ReportsWhyATableWasReset) {
  std::vector<std::uint8_t> buf(tt::kMinBytes * 2, 0);
  ASSERT_TRUE(tt::Table::attach(buf.data(), buf.size(), table_fingerprint() ^ 1).ok());
  SearchResult r = search_ok(Position::start(), 3, buf.data(), buf.size());
  EXPECT_EQ(r.tt_status, tt::Status::kReset);
  EXPECT_EQ(r.tt_reason, tt::Reason::kFingerprint);
  r = search_ok(Position::start(), 3, buf.data(), buf.size() - 64);  // a shorter view
  EXPECT_EQ(r.tt_status, tt::Status::kReset);
  EXPECT_EQ(r.tt_reason, tt::Reason::kGeometry);
  buf[8] ^= 0x7f;  // another format version
  r = search_ok(Position::start(), 3, buf.data(), buf.size() - 64);
  EXPECT_EQ(r.tt_status, tt::Status::kReset);
  EXPECT_EQ(r.tt_reason, tt::Reason::kVersion);
  std::memset(buf.data(), 0xa5, 64);
  r = search_ok(Position::start(), 3, buf.data(), buf.size() - 64);
  EXPECT_EQ(r.tt_status, tt::Status::kReset);
  EXPECT_EQ(r.tt_reason, tt::Reason::kBadMagic);
  r = search_ok(Position::start(), 3, buf.data(), buf.size() - 64);
  EXPECT_EQ(r.tt_status, tt::Status::kReused);
}

TEST(TableSearchTest, BadBufferIsAClearError) {
  std::vector<std::uint8_t> buf(1000, 0);
  SearchRequest r;
  r.limits.depth = 2;
  r.tt = buf.data();
  r.tt_len = buf.size();
  auto res = search(Position::start(), r);
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.status().code(), absl::StatusCode::kInvalidArgument);
  for (auto b : buf) ASSERT_EQ(b, 0);
}

struct Call {
  Move best;
  int score;
  std::uint64_t nodes;
  bool operator==(const Call&) const = default;
};

// One search per position, the buffer carried from call to call; `move`
// relocates the buffer between calls (returns the buffer to use next).
template <typename Relocate>
std::vector<Call> walk(const std::vector<Position>& positions, int depth, Relocate relocate) {
  std::vector<std::uint8_t> first(tt::kMinBytes * 4, 0);
  std::uint8_t* buf = first.data();
  std::vector<Call> calls;
  for (std::size_t i = 0; i < positions.size(); ++i) {
    const SearchResult r = search_ok(positions[i], depth, buf, first.size());
    calls.push_back(Call{r.best_move, r.score, r.nodes});
    buf = relocate(buf, first.size(), i);
  }
  return calls;
}

TEST(TableSearchTest, MovingTheBufferBetweenCallsGivesTheSameSearch) {
  const std::vector<Position> positions = self_play(Position::start(), 12, 5);
  ASSERT_EQ(positions.size(), 12u);
  const auto stay = [](std::uint8_t* b, std::size_t, std::size_t) { return b; };
  const std::vector<Call> want = walk(positions, 7, stay);

  std::vector<std::vector<std::uint8_t>> homes;  // every allocation the buffer visits
  const auto move = [&](std::uint8_t* b, std::size_t len, std::size_t i) {
    homes.emplace_back(len + 8);
    std::uint8_t* to = homes.back().data() + (i % 3 == 2 ? 3 : 0);  // sometimes misaligned
    std::memcpy(to, b, len);
    std::memset(b, 0x5a, len);  // the old place is overwritten
    return to;
  };
  homes.reserve(positions.size());
  EXPECT_EQ(walk(positions, 7, move), want);

  // Each call on a thread of its own.
  std::vector<Call> got;
  std::vector<std::uint8_t> buf(tt::kMinBytes * 4, 0);
  for (const Position& p : positions) {
    std::thread t([&] {
      const SearchResult r = search_ok(p, 7, buf.data(), buf.size());
      got.push_back(Call{r.best_move, r.score, r.nodes});
    });
    t.join();
  }
  EXPECT_EQ(got, want);
}

TEST(TableSearchTest, RandomBuffersNeverGiveAnIllegalMove) {
  const std::vector<Position> positions = self_play(Position::start(), 30, 3);
  Rng rng{1234};
  std::vector<std::uint8_t> raw(tt::kMinBytes + 8);
  for (int n = 0; n < 1000; ++n) {
    for (std::size_t i = 0; i < raw.size(); i += 8) {
      const std::uint64_t v = rng.next();
      std::memcpy(raw.data() + i, &v, 8);
    }
    const Position& pos = positions[n % positions.size()];
    const SearchResult r = search_ok(pos, 3, raw.data() + n % 8, tt::kMinBytes);
    ASSERT_TRUE(r.has_move);
    ASSERT_TRUE(legal(pos, r.best_move)) << n;
    EXPECT_EQ(r.tt_status, tt::Status::kReset);
  }
}

// The hardest garbage: every entry validates (a valid table whose data words
// were replaced by random ones, check words fixed up), so the search sees
// random moves, scores, depths and bounds on every probe.
TEST(TableSearchTest, ForgedEntriesNeverGiveAnIllegalMove) {
  const std::vector<Position> positions = self_play(Position::start(), 30, 3);
  Rng rng{4321};
  std::vector<std::uint8_t> buf(tt::kMinBytes);
  for (int n = 0; n < 500; ++n) {
    std::fill(buf.begin(), buf.end(), 0);
    const Position& pos = positions[n % positions.size()];
    search_ok(pos, 4, buf.data(), buf.size());  // fills the table with entries of these positions
    for (std::size_t e = tt::kHeaderBytes; e + 16 <= buf.size(); e += 16) {
      const std::uint64_t data = tt::testing::read_le(buf.data() + e + 8);
      if (data == 0) continue;
      std::uint64_t forged = rng.next();
      if (n % 2) forged = (forged & ~(0x3fULL << 58)) | (data & (0x3fULL << 58));  // keep a plausible age
      tt::testing::write_le(buf.data() + e + 8, forged);
      tt::testing::write_le(buf.data() + e, tt::testing::read_le(buf.data() + e) ^ data ^ forged);
    }
    const SearchResult r = search_ok(pos, 1 + n % 5, buf.data(), buf.size());
    ASSERT_TRUE(r.has_move);
    ASSERT_TRUE(legal(pos, r.best_move)) << n;
    Position line = pos;
    for (int i = 0; i < r.pv.size; ++i) {
      ASSERT_TRUE(legal(line, r.pv.moves[i])) << n << " pv move " << i;
      line = line.after(r.pv.moves[i]);
    }
    EXPECT_EQ(r.tt_status, tt::Status::kReused);
  }
}

// Searches running at once on one shared (aligned) buffer: each returns a
// legal move (ThreadSanitizer checks the sharing: ctest -R Concurrency).
TEST(TableSearchConcurrencyTest, SearchesSharingOneBuffer) {
  const std::vector<Position> positions = self_play(Position::start(), 8, 3);
  std::vector<std::uint8_t> buf(tt::kMinBytes * 4, 0);
  std::vector<SearchResult> results(positions.size());
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < positions.size(); ++i)
    threads.emplace_back([&, i] { results[i] = search_ok(positions[i], 6, buf.data(), buf.size()); });
  for (auto& t : threads) t.join();
  for (std::size_t i = 0; i < positions.size(); ++i) {
    ASSERT_TRUE(results[i].has_move);
    EXPECT_TRUE(legal(positions[i], results[i].best_move)) << i;
  }
  auto info = tt::info(buf.data(), buf.size(), table_fingerprint());
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->status, tt::Status::kReused);
}

}  // namespace
}  // namespace tempo
