// Little-endian 64-bit words in the caller's buffer, at any address.
//
// An 8-byte-aligned buffer is read and written with relaxed std::atomic_ref
// accesses, so searches sharing one buffer from several threads are free of
// data races (entries are validated lock-free, see table.cc). A misaligned
// buffer falls back to memcpy: it works, but must not be shared between
// threads. The bytes are little-endian on every host (a big-endian host swaps),
// so a buffer written on one machine reads the same on any other.
#pragma once

#include <atomic>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace tempo::tt::internal {

constexpr std::uint64_t to_little(std::uint64_t v) {
  if constexpr (std::endian::native == std::endian::little) return v;
  else return __builtin_bswap64(v);
}

inline bool word_aligned(const std::uint8_t* p) {
  return reinterpret_cast<std::uintptr_t>(p) % std::atomic_ref<std::uint64_t>::required_alignment == 0;
}

// `aligned` must be word_aligned(p) (computed once per table, not per access).
inline std::uint64_t load_word(const std::uint8_t* p, bool aligned) {
  std::uint64_t v;
  if (aligned) {
    v = std::atomic_ref<std::uint64_t>(*reinterpret_cast<std::uint64_t*>(const_cast<std::uint8_t*>(p)))
            .load(std::memory_order_relaxed);
  } else {
    std::memcpy(&v, p, sizeof v);
  }
  return to_little(v);
}

inline void store_word(std::uint8_t* p, bool aligned, std::uint64_t v) {
  v = to_little(v);
  if (aligned) {
    std::atomic_ref<std::uint64_t>(*reinterpret_cast<std::uint64_t*>(p)).store(v, std::memory_order_relaxed);
  } else {
    std::memcpy(p, &v, sizeof v);
  }
}

// The high 64 bits of a * b in plain 64-bit arithmetic (used where there is
// no 128-bit integer type, such as 32-bit ARM; tested against it elsewhere).
constexpr std::uint64_t mul_high_portable(std::uint64_t a, std::uint64_t b) {
  const std::uint64_t a_lo = a & 0xffffffffu, a_hi = a >> 32, b_lo = b & 0xffffffffu, b_hi = b >> 32;
  const std::uint64_t lo_lo = a_lo * b_lo, hi_lo = a_hi * b_lo, lo_hi = a_lo * b_hi, hi_hi = a_hi * b_hi;
  const std::uint64_t cross = (lo_lo >> 32) + (hi_lo & 0xffffffffu) + lo_hi;
  return hi_hi + (hi_lo >> 32) + (cross >> 32);
}

// The high 64 bits of a * b.
constexpr std::uint64_t mul_high(std::uint64_t a, std::uint64_t b) {
#if defined(__SIZEOF_INT128__)
  return static_cast<std::uint64_t>((static_cast<unsigned __int128>(a) * b) >> 64);
#else
  return mul_high_portable(a, b);
#endif
}

// The bucket of a key: the high bits of key * buckets, so any bucket count works.
constexpr std::size_t bucket_index(std::uint64_t key, std::size_t buckets) {
  return static_cast<std::size_t>(mul_high(key, buckets));
}

// A strong 64-bit mixer (the MurmurHash3 finaliser): salts and header checksums.
constexpr std::uint64_t mix64(std::uint64_t z) {
  z ^= z >> 33;
  z *= 0xff51afd7ed558ccdULL;
  z ^= z >> 33;
  z *= 0xc4ceb9fe1a85ec53ULL;
  return z ^ (z >> 33);
}

}  // namespace tempo::tt::internal
