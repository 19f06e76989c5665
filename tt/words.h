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

// A strong 64-bit mixer (the MurmurHash3 finaliser): salts and header checksums.
constexpr std::uint64_t mix64(std::uint64_t z) {
  z ^= z >> 33;
  z *= 0xff51afd7ed558ccdULL;
  z ^= z >> 33;
  z *= 0xc4ceb9fe1a85ec53ULL;
  return z ^ (z >> 33);
}

}  // namespace tempo::tt::internal
