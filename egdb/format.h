// Byte layout of the database buffer (egdb/FORMAT.md), shared by the reader
// (database.cc) and the writer (writer.cc).
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "rules/intrinsics.h"

namespace tempo::egdb::format {

// "TEMPO-EG" in byte order.
inline constexpr std::uint64_t kMagic = 0x47452D4F504D4554ULL;
inline constexpr std::size_t kHeaderBytes = 64;
inline constexpr std::size_t kEntryBytes = 48;
inline constexpr std::uint32_t kBlockPositions = 4096;  // positions per compressed block
inline constexpr std::uint32_t kRawBlockBytes = kBlockPositions / 4;
inline constexpr std::uint32_t kRawFlag = 0x80000000u;  // block offset flag: stored 2 bits a position
// The numbering of positions inside a slice (egdb/index.h); a new numbering
// gets a new value here and in FORMAT.md.
inline constexpr std::uint64_t kIndexScheme = 1;

// Header byte offsets.
inline constexpr std::size_t kMagicAt = 0, kVersionAt = 8, kMaxPiecesAt = 12, kLengthAt = 16, kSlicesAt = 24,
                             kBlockAt = 28, kSchemeAt = 32, kDirChecksumAt = 40, kHeaderChecksumAt = 48,
                             kReservedAt = 56;
// Directory entry byte offsets.
inline constexpr std::size_t kMaterialAt = 0, kEntryReservedAt = 4, kPositionsAt = 8, kOffsetAt = 16, kBytesAt = 24,
                             kDataChecksumAt = 32, kEntryReserved2At = 40;

// Stored 2-bit values.
inline constexpr std::uint8_t kDraw = 0, kWin = 1, kLoss = 2;

inline std::uint64_t load64(const std::uint8_t* p) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  if constexpr (std::endian::native == std::endian::big) v = byteswap64(v);
  return v;
}
inline std::uint32_t load32(const std::uint8_t* p) {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  if constexpr (std::endian::native == std::endian::big) v = byteswap32(v);
  return v;
}
inline void store64(std::uint8_t* p, std::uint64_t v) {
  if constexpr (std::endian::native == std::endian::big) v = byteswap64(v);
  std::memcpy(p, &v, 8);
}
inline void store32(std::uint8_t* p, std::uint32_t v) {
  if constexpr (std::endian::native == std::endian::big) v = byteswap32(v);
  std::memcpy(p, &v, 4);
}

inline std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// Checksum of a byte range: whole 8-byte words, then the tail, then the length.
inline std::uint64_t checksum(const std::uint8_t* p, std::size_t n, std::uint64_t seed) {
  std::uint64_t h = seed;
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) h = mix(h ^ load64(p + i)) + i;
  std::uint64_t tail = 0;
  for (std::size_t j = 0; i + j < n; ++j) tail |= std::uint64_t{p[i + j]} << (8 * j);
  return mix(mix(h ^ tail) ^ n);
}
inline constexpr std::uint64_t kHeaderSeed = 0x6865616465720001ULL;
inline constexpr std::uint64_t kDirSeed = 0x6469726563740001ULL;
inline constexpr std::uint64_t kDataSeed = 0x736c696365000001ULL;

}  // namespace tempo::egdb::format
