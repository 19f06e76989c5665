// The table's 64-byte header: what it says, whether to trust it, and how to
// write a new one. Offsets and meanings are documented in tt/FORMAT.md.
#pragma once

#include <cstddef>
#include <cstdint>

#include "tt/table.h"

namespace tempo::tt::internal {

// Word offsets (bytes) inside the header.
inline constexpr std::size_t kMagicAt = 0;
inline constexpr std::size_t kLayoutAt = 8;  // version u32, bucket bytes u16, entries per bucket u16
inline constexpr std::size_t kLengthAt = 16;
inline constexpr std::size_t kBucketsAt = 24;
inline constexpr std::size_t kFingerprintAt = 32;
inline constexpr std::size_t kSaltAt = 40;
inline constexpr std::size_t kChecksumAt = 48;    // over the six words before it
inline constexpr std::size_t kGenerationAt = 56;  // generation u32, reserved u32 (0)

// "TEMPO-TT" in byte order.
inline constexpr std::uint64_t kMagic = 0x54542D4F504D4554ULL;

// Bucket count of a buffer of `length` bytes (length >= kMinBytes).
constexpr std::size_t buckets_for(std::size_t length) { return (length - kHeaderBytes) / kBucketBytes; }

struct HeaderState {
  Status status = Status::kFresh;
  Reason reason = Reason::kNone;
  std::uint32_t version = 0;     // as found; 0 when the magic is wrong
  std::uint32_t generation = 0;  // as found (meaningful when kReused)
  std::uint64_t salt = 0;        // kReused: the table's salt; otherwise the salt a new header gets
};

// Reads the header of a buffer of `length` bytes and decides what it is.
HeaderState read_header(const std::uint8_t* buffer, bool aligned, std::size_t length, std::uint64_t fingerprint);

// Writes a complete valid header, magic last. A concurrent reader that catches
// it half-written sees a header failing its checks (every word but the
// generation counter is under the checksum) and resets the table: entries are
// lost, bad data is never trusted.
void write_header(std::uint8_t* buffer, bool aligned, std::size_t length, std::uint64_t fingerprint, std::uint64_t salt,
                  std::uint32_t generation);

// Advances the generation counter of a valid header (a lost increment from a
// concurrent attach is harmless).
void write_generation(std::uint8_t* buffer, bool aligned, std::uint32_t generation);

std::uint64_t header_checksum(const std::uint64_t words[6]);

}  // namespace tempo::tt::internal
