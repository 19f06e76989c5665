// Fuzzes the transposition table with arbitrary buffer contents: whatever the
// bytes, attach/probe/store/info never crash or read out of bounds, and every
// probe hit is in range. Input layout:
//   byte 0: mode (even: the input is the raw buffer, tiled over 64 KiB;
//           odd: a valid table of stored entries is patched by the input,
//           with entry check words fixed up so forged data validates)
//   byte 1: buffer offset 0..7 (misaligned views)
//   rest:   buffer bytes (even) or patches of (u16 offset, u8 value) (odd)
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "tt/table.h"

namespace {

#define TT_FUZZ_CHECK(cond, what)                  \
  do {                                             \
    if (!(cond)) {                                 \
      std::fprintf(stderr, "fuzz_tt: %s\n", what); \
      std::abort();                                \
    }                                              \
  } while (0)

std::uint64_t le64(const std::uint8_t* p) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}
void put_le64(std::uint8_t* p, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}
std::uint64_t key_of(std::uint64_t i) {
  std::uint64_t z = i * 0x9e3779b97f4a7c15ULL + 0x1234567;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

constexpr std::uint64_t kFingerprint = 0xf022ULL;

void check_hit(const tempo::tt::ProbeResult& r, int ply) {
  using namespace tempo;
  using namespace tempo::tt;
  TT_FUZZ_CHECK(r.depth >= kMinDepth && r.depth <= kMaxDepth, "depth out of range");
  TT_FUZZ_CHECK(r.score >= -kWinScore && r.score <= kWinScore, "score out of range");
  TT_FUZZ_CHECK(static_cast<int>(r.bound) <= 3, "bound out of range");
  (void)ply;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tempo;
  using namespace tempo::tt;
  if (size < 2) return 0;
  const bool patch = data[0] & 1;
  const std::size_t offset = data[1] & 7;
  data += 2;
  size -= 2;
  const std::size_t len = kMinBytes + (size % 97);  // also lengths that are not whole buckets
  std::vector<std::uint8_t> raw(len + offset);
  std::uint8_t* buf = raw.data() + offset;
  constexpr int kKeys = 600;

  if (!patch) {
    for (std::size_t i = 0; size && i < len; ++i) buf[i] = data[i % size];
  } else {
    auto t = Table::attach(buf, len, kFingerprint);
    TT_FUZZ_CHECK(t.ok(), "attach of a zero buffer failed");
    for (int k = 0; k < kKeys; ++k) t->store(key_of(k), k % 9, k % 40 - 5, (k * 37) % 4000 - 2000, Bound(k % 4), k + 1);
    // Patch bytes; when a patch lands in an entry's data word, fix its check
    // word so the entry still validates (the salt cancels out).
    for (std::size_t i = 0; i + 3 <= size; i += 3) {
      const std::size_t at = (std::size_t{data[i]} | std::size_t{data[i + 1]} << 8) % len;
      const std::size_t entry = at < kHeaderBytes ? 0 : kHeaderBytes + (at - kHeaderBytes) / 16 * 16;
      const bool in_data = at >= kHeaderBytes && at - entry >= 8 && entry + 16 <= len;
      if (in_data) {
        const std::uint64_t before = le64(buf + entry + 8);
        buf[at] = data[i + 2];
        const std::uint64_t after = le64(buf + entry + 8);
        put_le64(buf + entry, le64(buf + entry) ^ before ^ after);
      } else {
        buf[at] = data[i + 2];
      }
    }
  }

  auto info_before = info(buf, len, kFingerprint);
  TT_FUZZ_CHECK(info_before.ok(), "info failed on a long enough buffer");
  auto t = Table::attach(buf, len, kFingerprint);
  TT_FUZZ_CHECK(t.ok(), "attach failed on a long enough buffer");
  TT_FUZZ_CHECK(t->status() == info_before->status && t->reason() == info_before->reason, "info and attach disagree");
  for (int k = 0; k < kKeys; ++k) {
    ProbeResult r;
    const int ply = k % 130;
    if (t->probe(key_of(k), ply, &r)) check_hit(r, ply);
    if (k % 3 == 0) t->store(key_of(k + kKeys), ply, k - 300, k * 101 - 30000, Bound(k % 4), 0);
  }
  auto after = info(buf, len, kFingerprint);
  TT_FUZZ_CHECK(after.ok() && after->status == Status::kReused, "table not reusable after a search");
  TT_FUZZ_CHECK(after->fill >= 0 && after->fill <= 1, "fill out of range");
  return 0;
}
