// The endgame database, read from a byte buffer the caller owns.
//
// The engine never allocates or copies the database: it reads the caller's
// bytes (a mapped file, a Dart asset, Python bytes) at any address, for the
// length of a call. Opening checks the header and the slice directory in
// O(number of slices): a null, truncated, foreign or damaged buffer gives a
// status saying so and a database that knows nothing (every probe misses);
// nothing is ever read outside the buffer, whatever its bytes. The layout is
// documented in egdb/FORMAT.md.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "egdb/index.h"
#include "rules/position.h"

namespace tempo::egdb {

inline constexpr std::uint32_t kFormatVersion = 1;

// What open() found.
enum class Status : std::uint8_t {
  kOk = 0,
  kNone = 1,              // no buffer (null or empty)
  kTruncated = 2,         // shorter than its header says (or than a header)
  kBadMagic = 3,          // not a Tempo endgame database
  kByteOrder = 4,         // written on a machine of the other byte order
  kVersion = 5,           // another format version
  kCorruptHeader = 6,     // header fields fail their checksum
  kCorruptDirectory = 7,  // the slice directory fails its checksum or its checks
};
const char* status_name(Status s);

// Win, draw or loss for the side to move.
enum class Value : std::int8_t { kLoss = -1, kDraw = 0, kWin = 1 };
const char* value_name(Value v);

// The largest database the format can hold: every slice of up to kMaxPieces
// pieces, every block stored raw (FORMAT.md, "Size"). A file longer than this
// is not a database; the front ends that map files refuse it unread.
std::uint64_t max_database_bytes();

struct SliceInfo {
  Material material;
  std::uint64_t positions = 0;  // index values (valid or not)
  std::uint64_t bytes = 0;      // stored size, block directory included
};

class Database {
 public:
  Database() = default;
  // Never fails: a bad buffer gives status() != kOk and an empty database.
  static Database open(const std::uint8_t* buffer, std::size_t length);

  Status status() const { return status_; }
  bool ok() const { return status_ == Status::kOk; }
  // Most pieces of any stored position (0 when nothing is stored).
  int max_pieces() const { return max_pieces_; }
  const std::vector<SliceInfo>& slices() const { return slices_; }
  bool has(const Material& m) const;

  // The value of a position with no capture pending for the side to move,
  // if its slice is stored. Allocation-free: the search calls it.
  bool probe_quiet(const Position& pos, Value* out) const;
  // Any position: a capture pending is played out (the best of the maximal
  // captures, each child probed in turn). A side without pieces to move has
  // lost. Misses when a needed slice is not stored.
  bool probe(const Position& pos, Value* out) const;

  // Recomputes every slice's data checksum (reads the whole buffer, unlike
  // open()). OK, or which slice is damaged.
  absl::Status verify() const;

 private:
  struct Slice {
    std::uint64_t offset = 0, bytes = 0, positions = 0, blocks = 0, checksum = 0;
    Material material;
  };
  // Slice number + 1 by material code (each count 0..kMaxPieces), 0 = absent.
  static constexpr int kCodes = (kMaxPieces + 1) * (kMaxPieces + 1) * (kMaxPieces + 1) * (kMaxPieces + 1);
  static int slot(const Material& m);
  bool read(const Slice& s, std::uint64_t index, Value* out) const;

  const std::uint8_t* base_ = nullptr;
  std::size_t length_ = 0;
  Status status_ = Status::kNone;
  int max_pieces_ = 0;
  std::vector<Slice> dir_;
  std::vector<SliceInfo> slices_;
  std::array<std::uint16_t, kCodes> lookup_{};
};

}  // namespace tempo::egdb
