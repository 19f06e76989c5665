// A table buffer is relocatable: moved to another allocation, a misaligned
// view, another thread, or through a file, it keeps working exactly as before.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "tests/tt/tt_script.h"
#include "tests/tt/tt_test_util.h"
#include "tt/table.h"

namespace tempo::tt {
namespace {

using testing::Rng;
using testing::run_script_call;
using testing::ScriptLog;

constexpr std::size_t kLen = 256 * 1024 + 40;  // not a whole number of buckets on purpose
constexpr int kCalls = 8;
constexpr int kOps = 30000;

ScriptLog reference() {
  std::vector<std::uint8_t> buf(kLen, 0);
  Rng rng{2024};
  ScriptLog log;
  for (int c = 0; c < kCalls; ++c) run_script_call(buf.data(), kLen, rng, kOps, &log);
  return log;
}

TEST(TableRelocationTest, ScriptHitsAndReplaces) {
  const ScriptLog log = reference();
  int hits = 0, misses = 0;
  for (auto e : log.events) (e ? hits : misses)++;
  EXPECT_GT(hits, kCalls * kOps / 10);
  EXPECT_GT(misses, kCalls * kOps / 10);
}

TEST(TableRelocationTest, MovingTheBufferBetweenCallsChangesNothing) {
  const ScriptLog want = reference();
  ScriptLog got;
  Rng rng{2024};
  // Calls 0-1 in one allocation, 2-3 in another, 4-5 in a misaligned view,
  // 6-7 on another thread in yet another allocation.
  std::vector<std::uint8_t> a(kLen, 0);
  for (int c = 0; c < 2; ++c) run_script_call(a.data(), kLen, rng, kOps, &got);
  std::vector<std::uint8_t> b(a);
  std::memset(a.data(), 0xee, a.size());  // the old copy is gone
  for (int c = 2; c < 4; ++c) run_script_call(b.data(), kLen, rng, kOps, &got);
  std::vector<std::uint8_t> raw(kLen + 16);
  std::uint8_t* odd = raw.data() + 5;
  std::memcpy(odd, b.data(), kLen);
  for (int c = 4; c < 6; ++c) run_script_call(odd, kLen, rng, kOps, &got);
  std::vector<std::uint8_t> d(odd, odd + kLen);
  std::thread other([&] {
    for (int c = 6; c < 8; ++c) run_script_call(d.data(), kLen, rng, kOps, &got);
  });
  other.join();
  EXPECT_TRUE(got == want);
  EXPECT_EQ(got.events.size(), want.events.size());
}

TEST(TableRelocationTest, MisalignedBuffersWorkAtEveryOffset) {
  for (int offset = 0; offset < 8; ++offset) {
    std::vector<std::uint8_t> raw(kMinBytes + 8, 0);
    std::uint8_t* buf = raw.data() + offset;
    auto t = Table::attach(buf, kMinBytes, testing::kFingerprint);
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(t->status(), Status::kFresh);
    for (std::uint64_t k = 1; k <= 500; ++k) t->store(testing::mix_key(k), 0, 5, static_cast<int>(k), Bound::kExact, 9);
    auto again = Table::attach(buf, kMinBytes, testing::kFingerprint);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->status(), Status::kReused);
    int found = 0;
    ProbeResult r;
    for (std::uint64_t k = 1; k <= 500; ++k)
      if (again->probe(testing::mix_key(k), 0, &r)) {
        ++found;
        EXPECT_EQ(r.score, static_cast<int>(k));
      }
    EXPECT_GT(found, 490) << "offset " << offset;
    EXPECT_EQ(raw[kMinBytes + offset], 0) << "wrote past the end";
  }
}

TEST(TableRelocationTest, BufferWrittenToAFileAndReadBackIsReused) {
  std::vector<std::uint8_t> buf(kLen, 0);
  Rng rng{77};
  ScriptLog first;
  run_script_call(buf.data(), kLen, rng, kOps, &first);
  const std::string path = ::testing::TempDir() + "/tempo_tt_file_test.bin";
  {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(buf.data()), static_cast<std::streamsize>(buf.size()));
    ASSERT_TRUE(out.good());
  }
  std::vector<std::uint8_t> loaded(kLen);
  {
    std::ifstream in(path, std::ios::binary);
    in.read(reinterpret_cast<char*>(loaded.data()), static_cast<std::streamsize>(loaded.size()));
    ASSERT_EQ(in.gcount(), static_cast<std::streamsize>(kLen));
  }
  std::remove(path.c_str());
  auto i = info(loaded.data(), kLen, testing::kFingerprint);
  ASSERT_TRUE(i.ok());
  EXPECT_EQ(i->status, Status::kReused);
  EXPECT_EQ(i->generation, 1u);
  EXPECT_GT(i->fill, 0.05);

  // The loaded copy and the original behave identically from here on.
  Rng r1 = rng, r2 = rng;
  ScriptLog a, b;
  run_script_call(buf.data(), kLen, r1, kOps, &a);
  run_script_call(loaded.data(), kLen, r2, kOps, &b);
  EXPECT_EQ(a.events.front() >> 32, static_cast<std::uint64_t>(Status::kReused));
  EXPECT_TRUE(a == b);

  // A truncated file is another geometry: reset, never trusted.
  auto t = Table::attach(loaded.data(), kLen - 1000, testing::kFingerprint);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->status(), Status::kReset);
  EXPECT_EQ(t->reason(), Reason::kGeometry);
}

}  // namespace
}  // namespace tempo::tt
