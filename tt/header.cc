#include "tt/header.h"

#include "tt/words.h"

namespace tempo::tt::internal {
namespace {

constexpr std::uint64_t layout_word() {
  return std::uint64_t{kFormatVersion} | (std::uint64_t{kBucketBytes} << 32) | (std::uint64_t{kEntriesPerBucket} << 48);
}

// The salt of a table made from an all-zero header depends only on what the
// table is for, so every fresh buffer of one length and fingerprint (and two
// threads attaching the same fresh buffer at once) gets the same header.
std::uint64_t fresh_salt(std::size_t length, std::uint64_t fingerprint) {
  return mix64(fingerprint ^ mix64(length ^ 0x5a17c0ffee5a17c0ULL));
}

// A reset derives the new salt from the old header bytes: deterministic (the
// same buffer contents give the same search) and, with overwhelming
// probability, different from the salt of whatever table was there.
std::uint64_t reset_salt(const std::uint64_t words[8]) {
  std::uint64_t h = 0x7265736574ULL;
  for (int i = 0; i < 8; ++i) h = mix64(h ^ words[i]);
  if (h == words[kSaltAt / 8]) h = mix64(h + 1);
  return h;
}

}  // namespace

std::uint64_t header_checksum(const std::uint64_t words[6]) {
  std::uint64_t h = 0x636865636b73756dULL;
  for (int i = 0; i < 6; ++i) h = mix64(h ^ words[i]);
  return h;
}

HeaderState read_header(const std::uint8_t* buffer, bool aligned, std::size_t length, std::uint64_t fingerprint) {
  std::uint64_t w[8];
  bool zero = true;
  for (int i = 0; i < 8; ++i) {
    w[i] = load_word(buffer + 8 * i, aligned);
    zero = zero && w[i] == 0;
  }
  HeaderState s;
  if (zero) {
    s.status = Status::kFresh;
    s.salt = fresh_salt(length, fingerprint);
    return s;
  }
  s.status = Status::kReset;
  s.salt = reset_salt(w);
  const std::uint64_t magic = w[kMagicAt / 8];
  if (magic != kMagic) {
    // A writer that stored the words in its own (big-endian) byte order.
    s.reason = magic == byteswap64(kMagic) ? Reason::kByteOrder : Reason::kBadMagic;
    return s;
  }
  const std::uint64_t layout = w[kLayoutAt / 8];
  s.version = static_cast<std::uint32_t>(layout);
  // The version word keeps its place in every format, so it is checked before
  // the checksum (whose definition another version may change).
  if (s.version != kFormatVersion) {
    s.reason = Reason::kVersion;
    return s;
  }
  if (header_checksum(w) != w[kChecksumAt / 8] || (w[kGenerationAt / 8] >> 32) != 0) {
    s.reason = Reason::kCorruptHeader;
    return s;
  }
  if (layout != layout_word() || w[kLengthAt / 8] != length || w[kBucketsAt / 8] != buckets_for(length)) {
    s.reason = Reason::kGeometry;
    return s;
  }
  if (w[kFingerprintAt / 8] != fingerprint) {
    s.reason = Reason::kFingerprint;
    return s;
  }
  s.status = Status::kReused;
  s.salt = w[kSaltAt / 8];
  s.generation = static_cast<std::uint32_t>(w[kGenerationAt / 8]);
  return s;
}

void write_header(std::uint8_t* buffer, bool aligned, std::size_t length, std::uint64_t fingerprint, std::uint64_t salt,
                  std::uint32_t generation) {
  std::uint64_t w[8] = {kMagic, layout_word(), length, buckets_for(length), fingerprint, salt, 0, generation};
  w[kChecksumAt / 8] = header_checksum(w);
  for (int i = 7; i >= 0; --i) store_word(buffer + 8 * i, aligned, w[i]);
}

void write_generation(std::uint8_t* buffer, bool aligned, std::uint32_t generation) {
  store_word(buffer + kGenerationAt, aligned, generation);
}

}  // namespace tempo::tt::internal
