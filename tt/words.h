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

#include "rules/intrinsics.h"

namespace tempo::tt::internal {

// libc++ before LLVM 19 (Emscripten 3.1.6's, the Android NDK's) has no
// std::atomic_ref: there the same relaxed accesses go through the compiler
// builtins atomic_ref is made of.
#if defined(__cpp_lib_atomic_ref)
inline constexpr std::size_t kWordAlignment = std::atomic_ref<std::uint64_t>::required_alignment;
inline std::uint64_t relaxed_load(const std::uint64_t* p) {
  return std::atomic_ref<std::uint64_t>(*const_cast<std::uint64_t*>(p)).load(std::memory_order_relaxed);
}
inline void relaxed_store(std::uint64_t* p, std::uint64_t v) {
  std::atomic_ref<std::uint64_t>(*p).store(v, std::memory_order_relaxed);
}
#else
inline constexpr std::size_t kWordAlignment = sizeof(std::uint64_t);
inline std::uint64_t relaxed_load(const std::uint64_t* p) { return __atomic_load_n(p, __ATOMIC_RELAXED); }
inline void relaxed_store(std::uint64_t* p, std::uint64_t v) { __atomic_store_n(p, v, __ATOMIC_RELAXED); }
#endif

inline std::uint64_t to_little(std::uint64_t v) {
  if constexpr (std::endian::native == std::endian::little) return v;
  else return byteswap64(v);
}

inline bool word_aligned(const std::uint8_t* p) { return reinterpret_cast<std::uintptr_t>(p) % kWordAlignment == 0; }

// `aligned` must be word_aligned(p) (computed once per table, not per access).
inline std::uint64_t load_word(const std::uint8_t* p, bool aligned) {
  std::uint64_t v;
  if (aligned) {
    v = relaxed_load(reinterpret_cast<const std::uint64_t*>(p));
  } else {
    std::memcpy(&v, p, sizeof v);
  }
  return to_little(v);
}

inline void store_word(std::uint8_t* p, bool aligned, std::uint64_t v) {
  v = to_little(v);
  if (aligned) {
    relaxed_store(reinterpret_cast<std::uint64_t*>(p), v);
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
