// The table's contract on one thread: empty buffers, store/probe, win scores,
// replacement, header checks, errors, info and clear.
#include "tt/table.h"

#include <cstring>
#include <vector>

#include "absl/status/status.h"
#include "gtest/gtest.h"
#include "rules/move.h"
#include "tests/tt/tt_test_util.h"
#include "tt/words.h"

namespace tempo::tt {
namespace {

constexpr std::size_t kTestBytes = 4u << 20;  // a table of the size the app uses

using testing::kFingerprint;
using testing::Rng;

Table attach_ok(std::vector<std::uint8_t>& buf, std::uint64_t fp = kFingerprint) {
  auto t = Table::attach(buf.data(), buf.size(), fp);
  EXPECT_TRUE(t.ok()) << t.status();
  return *t;
}

TEST(TableTest, ZeroBufferIsFreshAndEmptyThenReused) {
  std::vector<std::uint8_t> buf(kTestBytes, 0);
  Table t = attach_ok(buf);
  EXPECT_EQ(t.status(), Status::kFresh);
  EXPECT_EQ(t.reason(), Reason::kNone);
  EXPECT_EQ(t.generation(), 1u);
  EXPECT_EQ(t.buckets(), (kTestBytes - kHeaderBytes) / kBucketBytes);
  Rng rng{1};
  ProbeResult r;
  for (int i = 0; i < 10000; ++i) EXPECT_FALSE(t.probe(rng.next(), 0, &r));
  Table again = attach_ok(buf);
  EXPECT_EQ(again.status(), Status::kReused);
  EXPECT_EQ(again.reason(), Reason::kNone);
  EXPECT_EQ(again.generation(), 2u);
}

TEST(TableTest, ProbeAfterStoreReturnsStoredData) {
  std::vector<std::uint8_t> buf(kMinBytes, 0);
  Table t = attach_ok(buf);
  const Move m = make_move(32, 28);
  t.store(0xdeadbeefcafef00dULL, 3, 7, -123, Bound::kLower, pack_move(m));
  ProbeResult r;
  ASSERT_TRUE(t.probe(0xdeadbeefcafef00dULL, 3, &r));
  EXPECT_TRUE(same_move(r.move, m));
  EXPECT_EQ(r.score, -123);
  EXPECT_EQ(r.depth, 7);
  EXPECT_EQ(r.bound, Bound::kLower);
  EXPECT_FALSE(t.probe(0xdeadbeefcafef00cULL, 3, &r));

  // Survives re-attaching (the next search call).
  Table next = attach_ok(buf);
  ASSERT_TRUE(next.probe(0xdeadbeefcafef00dULL, 0, &r));
  EXPECT_EQ(r.score, -123);
  EXPECT_EQ(r.depth, 7);
}

TEST(TableTest, ManyKeysMostlyFoundWhenTheTableIsLarge) {
  std::vector<std::uint8_t> buf(kTestBytes, 0);
  Table t = attach_ok(buf);
  Rng rng{7};
  std::vector<std::uint64_t> keys(20000);
  for (auto& k : keys) k = rng.next();
  for (std::size_t i = 0; i < keys.size(); ++i)
    t.store(keys[i], 0, static_cast<int>(i % 30), static_cast<int>(i % 2000) - 1000, Bound::kExact,
            static_cast<std::uint32_t>(i + 1));
  int found = 0;
  ProbeResult r;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (!t.probe(keys[i], 0, &r)) continue;
    ++found;
    EXPECT_EQ(r.move, i + 1);
    EXPECT_EQ(r.depth, static_cast<int>(i % 30));
    EXPECT_EQ(r.score, static_cast<int>(i % 2000) - 1000);
  }
  // 20k keys in 262k slots: all but a handful of bucket overflows are found.
  EXPECT_GT(found, 19900);
}

TEST(TableTest, WinAndLossScoresAreStoredRelativeToTheNode) {
  std::vector<std::uint8_t> buf(kMinBytes, 0);
  Table t = attach_ok(buf);
  // At ply 5, "win in 9 plies from the root" is a win 4 plies below this node.
  t.store(11, 5, 4, kWinScore - 9, Bound::kExact, 0);
  t.store(12, 5, 4, -(kWinScore - 9), Bound::kExact, 0);
  t.store(13, 5, 4, 250, Bound::kExact, 0);
  ProbeResult r;
  ASSERT_TRUE(t.probe(11, 3, &r));  // reached by transposition at ply 3: win in 7
  EXPECT_EQ(r.score, kWinScore - 7);
  ASSERT_TRUE(t.probe(12, 3, &r));
  EXPECT_EQ(r.score, -(kWinScore - 7));
  ASSERT_TRUE(t.probe(11, 5, &r));
  EXPECT_EQ(r.score, kWinScore - 9);
  ASSERT_TRUE(t.probe(12, 8, &r));
  EXPECT_EQ(r.score, -(kWinScore - 12));
  ASSERT_TRUE(t.probe(13, 40, &r));  // ordinary scores do not move
  EXPECT_EQ(r.score, 250);
  // A win further from the root than the score range can say is a miss, not a wrong score.
  EXPECT_FALSE(t.probe(11, 999, &r));
  EXPECT_FALSE(t.probe(12, 999, &r));
  // The next search, one move later (ply 0 is now the old ply 2).
  Table next = attach_ok(buf);
  ASSERT_TRUE(next.probe(11, 3, &r));
  EXPECT_EQ(r.score, kWinScore - 7);
}

TEST(TableTest, OutOfRangeStoresAreClamped) {
  std::vector<std::uint8_t> buf(kMinBytes, 0);
  Table t = attach_ok(buf);
  t.store(21, 0, 1000, 99999, Bound::kUpper, 5);
  t.store(22, 0, -1000, -99999, Bound::kLower, 6);
  t.store(23, -5, 3, kWinScore, Bound::kExact, 7);  // negative ply treated as 0
  ProbeResult r;
  ASSERT_TRUE(t.probe(21, 0, &r));
  EXPECT_EQ(r.depth, kMaxDepth);
  EXPECT_EQ(r.score, kWinScore);
  ASSERT_TRUE(t.probe(22, 0, &r));
  EXPECT_EQ(r.depth, kMinDepth);
  EXPECT_EQ(r.score, -kWinScore);
  ASSERT_TRUE(t.probe(23, 0, &r));
  EXPECT_EQ(r.score, kWinScore);
}

TEST(TableTest, SameKeyKeepsDeeperResultOfThisSearchAndOldMove) {
  std::vector<std::uint8_t> buf(kMinBytes, 0);
  Table t = attach_ok(buf);
  t.store(31, 0, 12, 40, Bound::kLower, 77);
  t.store(31, 0, 2, 10, Bound::kUpper, 0);  // much shallower, not exact: ignored
  ProbeResult r;
  ASSERT_TRUE(t.probe(31, 0, &r));
  EXPECT_EQ(r.depth, 12);
  EXPECT_EQ(r.move, 77u);
  t.store(31, 0, 10, 15, Bound::kUpper, 0);  // close enough in depth: replaces, keeps the move
  ASSERT_TRUE(t.probe(31, 0, &r));
  EXPECT_EQ(r.depth, 10);
  EXPECT_EQ(r.score, 15);
  EXPECT_EQ(r.move, 77u);
  t.store(31, 0, 1, -5, Bound::kExact, 78);  // exact always replaces
  ASSERT_TRUE(t.probe(31, 0, &r));
  EXPECT_EQ(r.depth, 1);
  EXPECT_EQ(r.move, 78u);
  Table next = attach_ok(buf);  // a later search replaces older results
  next.store(31, 0, 0, 3, Bound::kUpper, 0);
  ASSERT_TRUE(next.probe(31, 0, &r));
  EXPECT_EQ(r.depth, 0);
  EXPECT_EQ(r.move, 78u);
}

TEST(TableTest, ReplacementPrefersDepth) {
  std::vector<std::uint8_t> buf(kMinBytes, 0);
  Table t = attach_ok(buf);
  const auto keys = testing::keys_in_one_bucket(t.buckets(), 5, 42);
  const int depths[4] = {10, 2, 8, 6};
  for (int i = 0; i < 4; ++i) t.store(keys[i], 0, depths[i], i, Bound::kExact, 0);
  ProbeResult r;
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(t.probe(keys[i], 0, &r)) << i;
  t.store(keys[4], 0, 5, 4, Bound::kExact, 0);
  EXPECT_TRUE(t.probe(keys[4], 0, &r));
  EXPECT_FALSE(t.probe(keys[1], 0, &r));  // the shallowest went
  EXPECT_TRUE(t.probe(keys[0], 0, &r));
  EXPECT_TRUE(t.probe(keys[2], 0, &r));
  EXPECT_TRUE(t.probe(keys[3], 0, &r));
}

TEST(TableTest, ReplacementEvictsOlderGenerationsFirst) {
  std::vector<std::uint8_t> buf(kMinBytes, 0);
  const auto keys = testing::keys_in_one_bucket((kMinBytes - kHeaderBytes) / kBucketBytes, 6, 43);
  {
    Table old = attach_ok(buf);
    old.store(keys[0], 0, 6, 0, Bound::kExact, 0);
    old.store(keys[1], 0, 6, 0, Bound::kExact, 0);
  }
  Table t = attach_ok(buf);
  t.store(keys[2], 0, 1, 0, Bound::kExact, 0);
  t.store(keys[3], 0, 2, 0, Bound::kExact, 0);
  ProbeResult r;
  // Older entries are evicted before shallower entries of this search.
  t.store(keys[4], 0, 1, 0, Bound::kExact, 0);
  t.store(keys[5], 0, 1, 0, Bound::kExact, 0);
  EXPECT_FALSE(t.probe(keys[0], 0, &r));
  EXPECT_FALSE(t.probe(keys[1], 0, &r));
  for (int i = 2; i < 6; ++i) EXPECT_TRUE(t.probe(keys[i], 0, &r)) << i;
}

TEST(TableTest, DeepEntriesOfThePreviousSearchSurviveShallowOnes) {
  std::vector<std::uint8_t> buf(kMinBytes, 0);
  const auto keys = testing::keys_in_one_bucket((kMinBytes - kHeaderBytes) / kBucketBytes, 5, 44);
  {
    Table old = attach_ok(buf);
    old.store(keys[0], 0, 20, 0, Bound::kExact, 0);
  }
  Table t = attach_ok(buf);
  for (int i = 1; i < 5; ++i) t.store(keys[i], 0, 3, 0, Bound::kExact, 0);
  ProbeResult r;
  EXPECT_TRUE(t.probe(keys[0], 0, &r));  // 20 plies, one generation old, beats 3 plies now
  EXPECT_FALSE(t.probe(keys[1], 0, &r));
}

TEST(TableTest, ProbedEntriesOfEarlierSearchesAreKeptLikeNewOnes) {
  std::vector<std::uint8_t> buf(kMinBytes, 0);
  const auto keys = testing::keys_in_one_bucket((kMinBytes - kHeaderBytes) / kBucketBytes, 6, 46);
  {
    Table old = attach_ok(buf);
    old.store(keys[0], 0, 4, 0, Bound::kExact, 0);
    old.store(keys[1], 0, 4, 0, Bound::kExact, 0);
  }
  Table t = attach_ok(buf);
  ProbeResult r;
  ASSERT_TRUE(t.probe(keys[1], 0, &r));  // used again in this search
  t.store(keys[2], 0, 3, 0, Bound::kExact, 0);
  t.store(keys[3], 0, 3, 0, Bound::kExact, 0);
  t.store(keys[4], 0, 3, 0, Bound::kExact, 0);  // evicts keys[0], not keys[1]
  EXPECT_FALSE(t.probe(keys[0], 0, &r));
  EXPECT_TRUE(t.probe(keys[1], 0, &r));
  EXPECT_EQ(r.depth, 4);
}

TEST(TableTest, EntriesAgeOutOverGenerations) {
  std::vector<std::uint8_t> buf(kMinBytes, 0);
  const auto keys = testing::keys_in_one_bucket((kMinBytes - kHeaderBytes) / kBucketBytes, 5, 45);
  {
    Table old = attach_ok(buf);
    for (int i = 0; i < 4; ++i) old.store(keys[i], 0, 40, 0, Bound::kExact, 0);
  }
  for (int g = 0; g < 10; ++g) attach_ok(buf);
  Table t = attach_ok(buf);
  t.store(keys[4], 0, 0, 0, Bound::kExact, 0);
  ProbeResult r;
  EXPECT_TRUE(t.probe(keys[4], 0, &r));
}

TEST(TableTest, GenerationAgeWrapsWithoutLosingEntries) {
  std::vector<std::uint8_t> buf(kMinBytes, 0);
  for (int g = 0; g < 200; ++g) {
    Table t = attach_ok(buf);
    EXPECT_EQ(t.generation(), static_cast<std::uint32_t>(g + 1));
    t.store(1000 + g, 0, 5, g, Bound::kExact, 1);
    ProbeResult r;
    ASSERT_TRUE(t.probe(1000 + g, 0, &r));
    EXPECT_EQ(r.score, g);
  }
}

// ---------------------------------------------------------------- header checks

struct Tampered {
  std::vector<std::uint8_t> buf;
  explicit Tampered(std::size_t length = kMinBytes) : buf(length, 0) {
    Table t = attach_ok(buf);
    t.store(99, 0, 5, 17, Bound::kExact, 3);
  }
  void expect_reset(Reason why, std::size_t length = kMinBytes, std::uint64_t fp = kFingerprint) {
    auto i = info(buf.data(), length, fp);
    ASSERT_TRUE(i.ok());
    EXPECT_EQ(i->status, Status::kReset);
    EXPECT_EQ(i->reason, why);
    auto t = Table::attach(buf.data(), length, fp);
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(t->buckets(), (length - kHeaderBytes) / kBucketBytes);
    EXPECT_EQ(t->status(), Status::kReset);
    EXPECT_EQ(t->reason(), why) << reason_name(t->reason());
    EXPECT_EQ(t->generation(), 1u);
    ProbeResult r;
    EXPECT_FALSE(t->probe(99, 0, &r));  // the old entry is gone without being cleared
    // and the buffer is a valid table again
    auto again = Table::attach(buf.data(), length, fp);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->status(), Status::kReused);
    EXPECT_EQ(again->generation(), 2u);
  }
};

TEST(TableHeaderTest, AnotherFingerprintResets) { Tampered().expect_reset(Reason::kFingerprint, kMinBytes, 1); }

TEST(TableHeaderTest, AnotherLengthResets) {
  // A shorter view (a truncated file).
  Tampered(kMinBytes + 64).expect_reset(Reason::kGeometry, kMinBytes);
  // A longer view of a buffer (a bigger allocation holding an old table).
  Tampered t;
  t.buf.resize(kMinBytes + 4096, 0);
  t.expect_reset(Reason::kGeometry, t.buf.size());
}

TEST(TableHeaderTest, AnotherVersionResets) {
  Tampered t;
  t.buf[8] = static_cast<std::uint8_t>(kFormatVersion + 1);
  t.expect_reset(Reason::kVersion);
}

TEST(TableHeaderTest, CorruptFieldResets) {
  for (int byte : {9, 12, 16, 27, 33, 41, 47, 50, 63}) {
    Tampered t;
    t.buf[byte] ^= 0x10;
    t.expect_reset(byte == 9 ? Reason::kVersion : Reason::kCorruptHeader);
  }
}

TEST(TableHeaderTest, GenerationFieldIsNotUnderTheChecksum) {
  Tampered t;
  t.buf[56] = 200;
  auto tab = Table::attach(t.buf.data(), t.buf.size(), kFingerprint);
  ASSERT_TRUE(tab.ok());
  EXPECT_EQ(tab->status(), Status::kReused);
  EXPECT_EQ(tab->generation(), 201u);
}

TEST(TableHeaderTest, ForeignBytesReset) {
  Tampered t;
  std::memcpy(t.buf.data(), "PK\x03\x04 not a table", 16);
  t.expect_reset(Reason::kBadMagic);
  Tampered z;  // only the magic zeroed: not all-zero, so not fresh
  std::memset(z.buf.data(), 0, 8);
  z.expect_reset(Reason::kBadMagic);
}

TEST(TableHeaderTest, ByteSwappedMagicIsReportedAsByteOrder) {
  Tampered t;
  const std::uint64_t magic = testing::read_le(t.buf.data());
  testing::write_le(t.buf.data(), __builtin_bswap64(magic));
  t.expect_reset(Reason::kByteOrder);
}

TEST(TableHeaderTest, ZeroedHeaderIsFresh) {
  Tampered t;
  std::memset(t.buf.data(), 0, kHeaderBytes);
  auto tab = Table::attach(t.buf.data(), t.buf.size(), kFingerprint);
  ASSERT_TRUE(tab.ok());
  EXPECT_EQ(tab->status(), Status::kFresh);
}

TEST(TableHeaderTest, ResetTwiceInARowGivesNewSalts) {
  // fingerprint A -> B -> A: entries of the first A table must not come back.
  std::vector<std::uint8_t> buf(kMinBytes, 0);
  attach_ok(buf, 1).store(5, 0, 4, 44, Bound::kExact, 1);
  attach_ok(buf, 2).store(6, 0, 4, 66, Bound::kExact, 1);
  Table a = attach_ok(buf, 1);
  EXPECT_EQ(a.status(), Status::kReset);
  ProbeResult r;
  EXPECT_FALSE(a.probe(5, 0, &r));
  EXPECT_FALSE(a.probe(6, 0, &r));
}

// ---------------------------------------------------------------- errors, info, clear

TEST(TableErrorTest, NullOrTooSmallIsAClearError) {
  std::vector<std::uint8_t> buf(kMinBytes, 0);
  auto null = Table::attach(nullptr, kTestBytes, kFingerprint);
  ASSERT_FALSE(null.ok());
  EXPECT_EQ(null.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(null.status().message().find("null"), absl::string_view::npos) << null.status();
  auto small = Table::attach(buf.data(), kMinBytes - 1, kFingerprint);
  ASSERT_FALSE(small.ok());
  EXPECT_EQ(small.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(small.status().message().find("65535"), absl::string_view::npos) << small.status();
  EXPECT_FALSE(info(nullptr, kMinBytes, kFingerprint).ok());
  EXPECT_FALSE(info(buf.data(), 100, kFingerprint).ok());
  EXPECT_FALSE(clear(nullptr, kMinBytes).ok());
  EXPECT_FALSE(clear(buf.data(), 0).ok());
  // Nothing was written by the failed calls.
  for (auto b : buf) ASSERT_EQ(b, 0);
}

TEST(TableInfoTest, ReportsGeometryGenerationAndFill) {
  std::vector<std::uint8_t> buf(kTestBytes, 0);
  auto fresh = info(buf.data(), buf.size(), kFingerprint);
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(fresh->status, Status::kFresh);
  EXPECT_EQ(fresh->bytes, kTestBytes);
  EXPECT_EQ(fresh->buckets, 65535u);
  EXPECT_EQ(fresh->entries, 65535u * 4);
  EXPECT_EQ(fresh->generation, 0u);
  EXPECT_EQ(fresh->fill, 0.0);
  for (auto b : buf) ASSERT_EQ(b, 0);  // info writes nothing

  Table t = attach_ok(buf);
  Rng rng{3};
  for (int i = 0; i < 131070; ++i) t.store(rng.next(), 0, 1, 0, Bound::kExact, 1);
  auto half = info(buf.data(), buf.size(), kFingerprint);
  ASSERT_TRUE(half.ok());
  EXPECT_EQ(half->status, Status::kReused);
  EXPECT_EQ(half->format_version, kFormatVersion);
  EXPECT_EQ(half->generation, 1u);
  // About 131k distinct keys in 262k slots (a few collide in full buckets).
  EXPECT_GT(half->fill, 0.40);
  EXPECT_LT(half->fill, 0.55);

  ASSERT_TRUE(clear(buf.data(), buf.size()).ok());
  auto cleared = info(buf.data(), buf.size(), kFingerprint);
  ASSERT_TRUE(cleared.ok());
  EXPECT_EQ(cleared->status, Status::kFresh);
  EXPECT_EQ(cleared->fill, 0.0);
}

TEST(TableInfoTest, OtherFingerprintIsReportedWithoutFill) {
  std::vector<std::uint8_t> buf(kMinBytes, 0);
  attach_ok(buf).store(1, 0, 1, 0, Bound::kExact, 1);
  auto i = info(buf.data(), buf.size(), kFingerprint + 1);
  ASSERT_TRUE(i.ok());
  EXPECT_EQ(i->status, Status::kReset);
  EXPECT_EQ(i->reason, Reason::kFingerprint);
  EXPECT_EQ(i->format_version, kFormatVersion);
  EXPECT_EQ(i->fill, 0.0);
}

// ---------------------------------------------------------------- moves and names

TEST(TableMoveTest, PackedMovesTellMovesApart) {
  const Move a = make_move(32, 28), b = make_move(32, 27), c = make_move(33, 28);
  const Move k1 = make_move(46, 5, square_bb(37) | square_bb(19));
  const Move k2 = make_move(46, 5, square_bb(41) | square_bb(19));
  EXPECT_EQ(pack_move(kNullMove), 0u);
  for (const Move& m : {a, b, c, k1, k2}) {
    EXPECT_NE(pack_move(m), 0u);
    EXPECT_TRUE(same_move(pack_move(m), m));
  }
  EXPECT_FALSE(same_move(pack_move(a), b));
  EXPECT_FALSE(same_move(pack_move(a), c));
  EXPECT_FALSE(same_move(pack_move(k1), k2));
  EXPECT_FALSE(same_move(0, kNullMove));  // 0 means "no move", never a match
}

TEST(TableMoveTest, NamesAreReadable) {
  EXPECT_STREQ(status_name(Status::kReused), "reused");
  EXPECT_STREQ(status_name(Status::kFresh), "fresh");
  EXPECT_STREQ(status_name(Status::kReset), "reset");
  EXPECT_STREQ(reason_name(Reason::kGeometry), "geometry");
  EXPECT_STREQ(reason_name(Reason::kCorruptHeader), "corrupt-header");
}

}  // namespace
}  // namespace tempo::tt

namespace tempo::tt {
namespace {

// The bucket formula is part of the format: check the portable 128-bit
// product against known values.
TEST(TableMoveTest, BucketIndexIsTheHighHalfOfKeyTimesBuckets) {
  EXPECT_EQ(internal::mul_high(0, 12345), 0u);
  EXPECT_EQ(internal::mul_high(~0ULL, ~0ULL), ~0ULL - 1);
  EXPECT_EQ(internal::mul_high(1ULL << 63, 6), 3u);
  EXPECT_EQ(internal::mul_high(0x9e3779b97f4a7c15ULL, 65535), 40502u);
  EXPECT_EQ(internal::bucket_index(~0ULL, 65535), 65534u);
  static_assert(internal::mul_high(0xffffffffffffffffULL, 2) == 1);
  testing::Rng rng{8};
  for (int i = 0; i < 100000; ++i) {
    const std::uint64_t a = rng.next(), b = i % 2 ? rng.next() : rng.next() >> rng.range(0, 63);
    ASSERT_EQ(internal::mul_high_portable(a, b), internal::mul_high(a, b)) << a << " " << b;
  }
  EXPECT_EQ(internal::mul_high_portable(~0ULL, ~0ULL), ~0ULL - 1);
}

}  // namespace
}  // namespace tempo::tt
