// Whatever bytes are in the buffer, the table never crashes, never reads out
// of bounds (run under ASan/UBSan) and never returns an out-of-range result.
#include <cstring>
#include <vector>

#include "gtest/gtest.h"
#include "tests/tt/tt_test_util.h"
#include "tt/table.h"

namespace tempo::tt {
namespace {

constexpr std::size_t kTestBytes = 4u << 20;  // a table of the size the app uses

using testing::in_range;
using testing::kFingerprint;
using testing::Rng;

void fill_random(std::uint8_t* p, std::size_t n, Rng& rng) {
  for (std::size_t i = 0; i < n; i += 8) {
    const std::uint64_t v = rng.next();
    std::memcpy(p + i, &v, std::min<std::size_t>(8, n - i));
  }
}

void exercise(std::uint8_t* buf, std::size_t len, Rng& rng, int ops) {
  auto t = Table::attach(buf, len, kFingerprint);
  ASSERT_TRUE(t.ok()) << t.status();
  ASSERT_LE(static_cast<int>(t->status()), 2);
  ProbeResult r;
  for (int i = 0; i < ops; ++i) {
    const std::uint64_t key = rng.next();
    t->prefetch(key);
    if (t->probe(key, rng.range(0, 200), &r)) {
      ASSERT_TRUE(in_range(r));
    }
    if (i % 4 == 0)
      t->store(key, rng.range(0, 200), rng.range(-100, 200), rng.range(-40000, 40000),
               static_cast<Bound>(rng.range(0, 3)), static_cast<std::uint32_t>(rng.next()));
  }
  auto i = info(buf, len, kFingerprint);
  ASSERT_TRUE(i.ok());
  EXPECT_GE(i->fill, 0.0);
  EXPECT_LE(i->fill, 1.0);
}

TEST(TableGarbageTest, ThousandsOfRandomBuffers) {
  Rng rng{99};
  int reset = 0;
  for (int n = 0; n < 2000; ++n) {
    const std::size_t len = kMinBytes + rng.range(0, 300);
    const int offset = rng.range(0, 7);
    std::vector<std::uint8_t> raw(len + 8);
    fill_random(raw.data(), raw.size(), rng);
    std::uint8_t* buf = raw.data() + offset;
    auto t = Table::attach(buf, len, kFingerprint);
    ASSERT_TRUE(t.ok());
    if (t->status() == Status::kReset && t->reason() == Reason::kBadMagic) ++reset;
    exercise(buf, len, rng, 200);
  }
  EXPECT_EQ(reset, 2000);
}

TEST(TableGarbageTest, RandomEntriesUnderAValidHeaderNeverValidate) {
  Rng rng{5};
  std::vector<std::uint8_t> buf(kTestBytes, 0);
  ASSERT_TRUE(Table::attach(buf.data(), buf.size(), kFingerprint).ok());
  fill_random(buf.data() + kHeaderBytes, buf.size() - kHeaderBytes, rng);
  auto t = Table::attach(buf.data(), buf.size(), kFingerprint);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->status(), Status::kReused);
  ProbeResult r;
  int hits = 0;
  for (int i = 0; i < 200000; ++i) hits += t->probe(rng.next(), 0, &r);
  EXPECT_EQ(hits, 0);
  exercise(buf.data(), buf.size(), rng, 20000);
}

TEST(TableGarbageTest, RandomHeadersWithTheRightMagicAreReset) {
  Rng rng{6};
  for (int n = 0; n < 2000; ++n) {
    std::vector<std::uint8_t> buf(kMinBytes, 0);
    ASSERT_TRUE(Table::attach(buf.data(), buf.size(), kFingerprint).ok());
    fill_random(buf.data() + 8, kHeaderBytes - 8 - 8, rng);  // all but magic and generation
    if (n % 2) buf[8] = static_cast<std::uint8_t>(kFormatVersion), buf[9] = buf[10] = buf[11] = 0;
    auto t = Table::attach(buf.data(), buf.size(), kFingerprint);
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(t->status(), Status::kReset);
    EXPECT_EQ(t->reason(), n % 2 ? Reason::kCorruptHeader : Reason::kVersion);
  }
}

// An entry whose check matches but whose fields are out of range (what a bit
// flip in a stored file, or a bug in a writer, would give) is a miss.
TEST(TableGarbageTest, ValidatingEntriesWithBadFieldsAreMisses) {
  const std::uint64_t key = 0x0123456789abcdefULL;
  struct Bad {
    int shift;
    std::uint64_t field_mask;
    std::uint64_t value;
  };
  const Bad bads[] = {
      {48, 0xff, static_cast<std::uint8_t>(-100)},  // depth below kMinDepth
      {48, 0xff, static_cast<std::uint8_t>(-65)},
      {32, 0xffff, static_cast<std::uint16_t>(kWinScore + 1)},  // score out of range
      {32, 0xffff, static_cast<std::uint16_t>(-32768)},
      {58, 0x3f, 0},  // age 0
  };
  for (const Bad& bad : bads) {
    std::vector<std::uint8_t> buf(kMinBytes, 0);
    auto t = Table::attach(buf.data(), buf.size(), kFingerprint);
    ASSERT_TRUE(t.ok());
    t->store(key, 0, 5, 10, Bound::kExact, 3);
    ProbeResult r;
    ASSERT_TRUE(t->probe(key, 0, &r));
    // An empty bucket takes its first slot.
    std::uint8_t* slot = buf.data() + kHeaderBytes + testing::bucket_of(key, t->buckets()) * kBucketBytes;
    const std::uint64_t data = testing::read_le(slot + 8);
    const std::uint64_t forged = (data & ~(bad.field_mask << bad.shift)) | (bad.value << bad.shift);
    testing::write_le(slot + 8, forged);
    testing::write_le(slot, testing::read_le(slot) ^ data ^ forged);  // still validates
    EXPECT_FALSE(t->probe(key, 0, &r)) << bad.shift << " " << bad.value;
    // and a store over it works
    t->store(key, 0, 6, 11, Bound::kLower, 4);
    ASSERT_TRUE(t->probe(key, 0, &r));
    EXPECT_EQ(r.depth, 6);
    EXPECT_EQ(r.move, 4u);
  }
}

}  // namespace
}  // namespace tempo::tt
