// Helpers shared by the table tests.
#pragma once

#include <cstdint>
#include <cstring>
#include <vector>

#include "tt/table.h"
#include "tt/words.h"

namespace tempo::tt::testing {

inline constexpr std::uint64_t kFingerprint = 0x1234abcd5678ef90ULL;

// Deterministic key/value streams (no global state, no std::random engine
// differences between standard libraries).
struct Rng {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  int range(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<std::uint64_t>(hi - lo + 1)); }
};

// Spreads small integers over the key space, like Zobrist keys.
inline std::uint64_t mix_key(std::uint64_t i) {
  Rng r{i * 0x2545f4914f6cdd1dULL};
  return r.next();
}

// The bucket a key maps to (FORMAT.md: high 64 bits of key * buckets).
inline std::size_t bucket_of(std::uint64_t key, std::size_t buckets) { return internal::bucket_index(key, buckets); }

// `n` distinct keys that share one bucket.
inline std::vector<std::uint64_t> keys_in_one_bucket(std::size_t buckets, int n, std::uint64_t seed) {
  Rng rng{seed};
  const std::uint64_t base = rng.next();
  const std::size_t target = bucket_of(base, buckets);
  std::vector<std::uint64_t> keys;
  for (std::uint64_t k = base; static_cast<int>(keys.size()) < n; k = (k & ~0xffffULL) | (rng.next() & 0xffff))
    if (bucket_of(k, buckets) == target && (keys.empty() || k != keys.back())) {
      bool dup = false;
      for (auto x : keys) dup = dup || x == k;
      if (!dup) keys.push_back(k);
    }
  return keys;
}

inline bool operator==(const ProbeResult& a, const ProbeResult& b) {
  return a.move == b.move && a.score == b.score && a.depth == b.depth && a.bound == b.bound;
}

// A probe result that the table may legally return.
inline bool in_range(const ProbeResult& r) {
  return r.depth >= kMinDepth && r.depth <= kMaxDepth && r.score >= -kWinScore && r.score <= kWinScore &&
         static_cast<int>(r.bound) <= 3;
}

// Reads / writes a little-endian word of a buffer (for tampering in tests).
inline std::uint64_t read_le(const std::uint8_t* p) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}
inline void write_le(std::uint8_t* p, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}

}  // namespace tempo::tt::testing
