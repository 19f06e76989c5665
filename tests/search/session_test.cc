// Session: the game, the table carried from move to move, the database
// (the background and ponder searches: session_concurrency_test.cc).
#include "search/session.h"

#include <gtest/gtest.h>

#include <vector>

#include "absl/strings/str_cat.h"
#include "tests/egdb/egdb_test_util.h"
#include "tests/search/search_test_util.h"
#include "tt/table.h"

namespace tempo {
namespace {

using testing::at_depth;
using testing::fen;

TEST(Session, StartsWithTheInitialPositionAndTheDefaultTable) {
  Session s;
  EXPECT_EQ(s.game().current(), Position::start());
  EXPECT_EQ(s.table().size(), kTableSize.default_bytes());
  EXPECT_FALSE(s.has_egdb());
  EXPECT_FALSE(s.searching());
}

TEST(Session, CarriesTheTableFromMoveToMove) {
  Session s;
  absl::StatusOr<SearchResult> first = s.search(at_depth(6));
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->tt_status, tt::Status::kFresh);
  ASSERT_TRUE(s.game().play(first->best_move).ok());
  absl::StatusOr<SearchResult> second = s.search(at_depth(6));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->tt_status, tt::Status::kReused);
  // A new game empties it.
  ASSERT_TRUE(s.clear_table().ok());
  absl::StatusOr<SearchResult> third = s.search(at_depth(6));
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->tt_status, tt::Status::kFresh);
}

TEST(Session, SearchesItsGameWithTheHistory) {
  // The three-for-one shot of search_test: the session searches the game's
  // current position, not the start.
  Session s;
  s.game() = *Game::from_position(fen("W:W27,28,32,33,37,38,39:B1,2,3,9,17,18"));
  absl::StatusOr<SearchResult> r = s.search(at_depth(4));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->best_move, make_move(28, 22));
}

TEST(Session, TableSizesAreTheSchemas) {
  Session s;
  for (int bad : {kTableSize.min_mib - 1, kTableSize.max_mib + 1}) {
    const absl::Status st = s.resize_table(bad);
    EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(st.message(), absl::StrCat("tt-mb: ", bad, " is not a size in MiB 0..4096"));
    EXPECT_EQ(s.table().size(), kTableSize.default_bytes()) << "a refused size keeps the table";
  }
  ASSERT_TRUE(s.resize_table(1).ok());
  EXPECT_EQ(s.table().size(), std::size_t{1} << 20);
  ASSERT_TRUE(s.resize_table(0).ok());  // no table: searches still answer
  EXPECT_TRUE(s.table().empty());
  absl::StatusOr<SearchResult> r = s.search(at_depth(4));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE(r->has_move);
  EXPECT_TRUE(s.clear_table().ok());
}

TEST(Session, SearchesInTheCallersBytes) {
  std::vector<std::uint8_t> mine(1 << 20, 0);
  Session s;
  ASSERT_TRUE(s.borrow_table(mine).ok());
  ASSERT_TRUE(s.search(at_depth(5)).ok());
  absl::StatusOr<tt::Info> info = tt::info(mine.data(), mine.size(), table_fingerprint());
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->status, tt::Status::kReused) << "the search wrote into the caller's bytes";
  EXPECT_EQ(info->generation, 1u);
  // Bytes too few to be a table are an error, not "no table".
  std::vector<std::uint8_t> short_buffer(100, 0);
  ASSERT_TRUE(s.borrow_table(short_buffer).ok());
  absl::StatusOr<SearchResult> r = s.search(at_depth(2));
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("table buffer"), std::string_view::npos) << r.status();
}

TEST(Session, AttachesOnlyAUsableDatabase) {
  egdb::testing::Built db;
  egdb::testing::build_into(db, 2, false, [](const egdb::Material&) { return true; });
  Session s;
  std::vector<std::uint8_t> junk(db.buffer.size(), 0x5a);
  const absl::Status st = s.attach_egdb(junk);
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("not a usable endgame database"), std::string_view::npos) << st.message();
  EXPECT_FALSE(s.has_egdb());

  ASSERT_TRUE(s.attach_egdb(db.buffer).ok());
  EXPECT_TRUE(s.has_egdb());
  s.game() = *Game::from_position(fen("W:WK46:B5"));
  absl::StatusOr<SearchResult> r = s.search(at_depth(4));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->egdb_status, egdb::Status::kOk);
  EXPECT_TRUE(r->egdb_root);
  EXPECT_EQ(r->egdb_value, egdb::Value::kWin);
  // A refused database keeps the one in use.
  EXPECT_FALSE(s.attach_egdb(junk).ok());
  EXPECT_TRUE(s.has_egdb());
  ASSERT_TRUE(s.attach_egdb({}).ok());
  EXPECT_FALSE(s.has_egdb());
}

}  // namespace
}  // namespace tempo
