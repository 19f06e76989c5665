// The transposition table, living in a byte buffer the caller owns.
//
// The engine allocates no table memory and keeps no pointer into the buffer
// after a call returns. Any buffer of at least kMinBytes works, at any address;
// all-zero bytes are a valid empty table; attaching is O(1) in the buffer size
// (no pass over it); garbage, stale or foreign bytes are detected and treated
// as empty without being read as trusted data. See tt/FORMAT.md for the layout.
#pragma once

#include <cstddef>
#include <cstdint>

#include "absl/status/statusor.h"
#include "rules/move.h"
#include "rules/score.h"

namespace tempo::tt {

inline constexpr std::size_t kMinBytes = 64 * 1024;

// Buffer layout (tt/FORMAT.md): a 64-byte header, then 64-byte buckets of four
// 16-byte entries. Bump kFormatVersion whenever any of it changes.
inline constexpr std::uint32_t kFormatVersion = 1;
inline constexpr std::size_t kHeaderBytes = 64;
inline constexpr std::size_t kBucketBytes = 64;
inline constexpr std::size_t kEntriesPerBucket = 4;

// Drafts the table can hold; store() clamps to them, probe() rejects others.
inline constexpr int kMinDepth = -64;
inline constexpr int kMaxDepth = 127;

// What attach() found in the buffer.
enum class Status : std::uint8_t {
  kReused = 0,  // a valid table of this format: its entries are used
  kFresh = 1,   // all-zero header: a new, empty table
  kReset = 2,   // something else was there: treated as empty (see Reason)
};
enum class Reason : std::uint8_t {
  kNone = 0,
  kBadMagic = 1,       // not a Tempo table (garbage, or another program's bytes)
  kVersion = 2,        // another buffer-format version
  kGeometry = 3,       // written for a buffer of another length
  kFingerprint = 4,    // another hashing/evaluation fingerprint
  kByteOrder = 5,      // written on a machine of the other byte order
  kCorruptHeader = 6,  // header fields fail their checksum
};
const char* status_name(Status s);
const char* reason_name(Reason r);

enum class Bound : std::uint8_t { kNone = 0, kUpper = 1, kLower = 2, kExact = 3 };

// A compact move for the table: from, to and a hash of the captured set.
// Never trusted: the search plays it only if it matches a generated legal move.
std::uint32_t pack_move(const Move& m);
bool same_move(std::uint32_t packed, const Move& m);

struct ProbeResult {
  std::uint32_t move = 0;  // pack_move() value, 0 = none
  int score = 0;           // already adjusted to the probing ply (win/loss distances)
  int depth = 0;           // draft of the stored search, may be <= 0 for quiescence
  Bound bound = Bound::kNone;
};

// Scores beyond +-kWinThreshold (rules/score.h) mean "win/loss in N plies"
// and are stored relative to the node, restored relative to the root.

struct Info {
  std::size_t bytes = 0;  // buffer length used
  std::size_t buckets = 0;
  std::size_t entries = 0;           // buckets * 4
  std::uint32_t format_version = 0;  // as stored in the header; 0 when it is not a Tempo table
  std::uint32_t generation = 0;      // searches run on this table since it was fresh (0 unless reusable)
  double fill = 0;  // fraction of a sample of entries in use (0..1), from the current generation or older;
                    // 0 unless the table is reusable
  Status status = Status::kFresh;  // what attach() would report now
  Reason reason = Reason::kNone;
};

// A view of a caller's buffer for the length of one call. Not owning.
class Table {
 public:
  // Checks the header (O(1)); on anything but a valid table it writes a new
  // header, which makes every old entry invalid (entries are validated with a
  // per-table salt), so nothing is cleared. Starts a new generation.
  // Errors: null buffer, length below kMinBytes.
  static absl::StatusOr<Table> attach(std::uint8_t* buffer, std::size_t length, std::uint64_t fingerprint);

  Status status() const { return status_; }
  Reason reason() const { return reason_; }

  // Looks `key` up; `ply` is the distance from the root (for win scores).
  // On a hit fills `*out` (never null) with range-checked values and returns true.
  // A hit on an entry of an earlier search restamps it with this search's age
  // (so entries still in use survive replacement): probing writes too.
  bool probe(std::uint64_t key, int ply, ProbeResult* out) const;
  // Records a search result. Depth is clamped to kMinDepth..kMaxDepth and the
  // score to +-kWinScore; move 0 keeps the move already stored for this key.
  void store(std::uint64_t key, int ply, int depth, int score, Bound bound, std::uint32_t move);
  void prefetch(std::uint64_t key) const;

  // The header's search counter after this attach (1 on a fresh table).
  std::uint32_t generation() const { return generation_; }
  // Whether several threads may use this table at once: the buffer is
  // 8-byte aligned, so its words are read and written atomically (words.h).
  bool shareable() const { return aligned_; }
  std::size_t buckets() const { return buckets_; }

 private:
  std::uint8_t* base_ = nullptr;  // first bucket
  std::size_t buckets_ = 0;
  std::uint64_t salt_ = 0;
  std::uint32_t generation_ = 0;
  std::uint8_t age_ = 0;  // 1..63, the 6-bit generation stamp of new entries
  bool aligned_ = false;
  Status status_ = Status::kFresh;
  Reason reason_ = Reason::kNone;
  std::uint8_t* header_ = nullptr;
  friend absl::StatusOr<Info> info(const std::uint8_t*, std::size_t, std::uint64_t);
};

// Table facts without starting a search (reads the header and a small sample).
absl::StatusOr<Info> info(const std::uint8_t* buffer, std::size_t length, std::uint64_t fingerprint);

// Makes the buffer an empty table (all zero). The only operation that touches
// every byte; do not run it while a search uses the buffer.
absl::Status clear(std::uint8_t* buffer, std::size_t length);

}  // namespace tempo::tt
