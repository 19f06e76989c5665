// The table proper: attach, probe, store. Layout and rules in tt/FORMAT.md.
//
// Entries are two little-endian words, `check = key ^ salt ^ data` and `data`.
// An entry counts only if its check matches the probing key under this table's
// salt, so a torn entry (two writers racing), a garbage entry, or an entry left
// over from before a reset (another salt) reads as a miss, without locks and
// without clearing anything. What a matching entry says is still range checked.
#include "tt/table.h"

#include <algorithm>
#include <cstring>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "tt/header.h"
#include "tt/words.h"

namespace tempo::tt {
namespace {

using internal::bucket_index;
using internal::load_word;
using internal::store_word;

// The data word: move 32 bits | score 16 (signed) | depth 8 (signed) | bound 2 | age 6.
constexpr int kScoreShift = 32;
constexpr int kDepthShift = 48;
constexpr int kBoundShift = 56;
constexpr int kAgeShift = 58;
// Ages run 1..63 so that a stored entry's data word is never 0 (= empty).
constexpr int kAges = 63;

struct Entry {
  std::uint32_t move;
  int score;
  int depth;
  Bound bound;
  int age;
};

constexpr Entry decode(std::uint64_t d) {
  return Entry{static_cast<std::uint32_t>(d), static_cast<std::int16_t>(d >> kScoreShift),
               static_cast<std::int8_t>(d >> kDepthShift), static_cast<Bound>((d >> kBoundShift) & 3),
               static_cast<int>(d >> kAgeShift)};
}

constexpr std::uint64_t encode(std::uint32_t move, int score, int depth, Bound bound, int age) {
  return std::uint64_t{move} | (std::uint64_t{static_cast<std::uint16_t>(score)} << kScoreShift) |
         (std::uint64_t{static_cast<std::uint8_t>(depth)} << kDepthShift) |
         (std::uint64_t{static_cast<std::uint8_t>(bound)} << kBoundShift) | (std::uint64_t(age) << kAgeShift);
}

constexpr bool plausible(const Entry& e) {
  return e.age >= 1 && e.depth >= kMinDepth && e.depth <= kMaxDepth && e.score >= -kWinScore && e.score <= kWinScore;
}

constexpr int age_of(std::uint32_t generation) { return 1 + static_cast<int>(generation % kAges); }

// How many generations ago an entry was written (0 = this search); a
// malformed age counts as the oldest.
constexpr int age_distance(int current, int age) {
  const int d = current - age;  // current is 1..63, age 0..63
  return age < 1 ? kAges : d < 0 ? d + kAges : d;
}

// Replacement values: below any stored entry's (>= kMinDepth - 8 * kAges).
constexpr int kAgePenalty = 8;
constexpr int kEmptyValue = -100000;

// Win/loss distances beyond this many plies are not representable.
constexpr int kMaxMateDistance = kWinScore - kWinThreshold;

absl::Status check_buffer(const std::uint8_t* buffer, std::size_t length, const char* what) {
  if (buffer == nullptr) return absl::InvalidArgumentError(absl::StrCat(what, ": the table buffer is null"));
  if (length < kMinBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, ": the table buffer has ", length, " bytes, the minimum is ", kMinBytes, " (64 KiB)"));
  }
  return absl::OkStatus();
}

}  // namespace

const char* status_name(Status s) {
  switch (s) {
    case Status::kReused: return "reused";
    case Status::kFresh: return "fresh";
    case Status::kReset: return "reset";
  }
  return "unknown";
}

const char* reason_name(Reason r) {
  switch (r) {
    case Reason::kNone: return "none";
    case Reason::kBadMagic: return "bad-magic";
    case Reason::kVersion: return "version";
    case Reason::kGeometry: return "geometry";
    case Reason::kFingerprint: return "fingerprint";
    case Reason::kByteOrder: return "byte-order";
    case Reason::kCorruptHeader: return "corrupt-header";
  }
  return "unknown";
}

std::uint32_t pack_move(const Move& m) {
  // 20 bits of a multiplicative hash of the captured set tell apart the rare
  // moves with the same from and to (a king taking different pieces); a
  // collision only makes a legal move the first one tried.
  const std::uint32_t taken = m.captured ? static_cast<std::uint32_t>((m.captured * 0x9e3779b97f4a7c15ULL) >> 44) : 0;
  return (m.from & 63u) | ((m.to & 63u) << 6) | (taken << 12);
}

bool same_move(std::uint32_t packed, const Move& m) { return packed != 0 && packed == pack_move(m); }

absl::StatusOr<Table> Table::attach(std::uint8_t* buffer, std::size_t length, std::uint64_t fingerprint) {
  if (absl::Status s = check_buffer(buffer, length, "tt::attach"); !s.ok()) return s;
  const bool aligned = internal::word_aligned(buffer);
  const internal::HeaderState h = internal::read_header(buffer, aligned, length, fingerprint);
  Table t;
  if (h.status == Status::kReused) {
    t.generation_ = h.generation + 1;
    internal::write_generation(buffer, aligned, t.generation_);
  } else {
    t.generation_ = 1;
    internal::write_header(buffer, aligned, length, fingerprint, h.salt, t.generation_);
  }
  t.header_ = buffer;
  t.base_ = buffer + kHeaderBytes;
  t.buckets_ = internal::buckets_for(length);
  t.salt_ = h.salt;
  t.age_ = static_cast<std::uint8_t>(age_of(t.generation_));
  t.aligned_ = aligned;
  t.status_ = h.status;
  t.reason_ = h.reason;
  return t;
}

bool Table::probe(std::uint64_t key, int ply, ProbeResult* out) const {
  const std::uint8_t* b = base_ + bucket_index(key, buckets_) * kBucketBytes;
  const std::uint64_t want = key ^ salt_;
  for (std::size_t i = 0; i < kEntriesPerBucket; ++i, b += 16) {
    const std::uint64_t data = load_word(b + 8, aligned_);
    if (data == 0 || (load_word(b, aligned_) ^ data) != want) continue;
    const Entry e = decode(data);
    if (!plausible(e)) return false;
    ply = std::clamp(ply, 0, kMaxMateDistance);
    int score = e.score;
    if (score > kWinThreshold) {
      score -= ply;
      if (score <= kWinThreshold) return false;  // a win further than the table can express
    } else if (score < -kWinThreshold) {
      score += ply;
      if (score >= -kWinThreshold) return false;
    }
    // An entry of an earlier search that is still useful now is restamped
    // with this search's age, so replacement keeps it like a new one.
    if (e.age != age_) {
      const std::uint64_t fresh = (data & ~(std::uint64_t{63} << kAgeShift)) | (std::uint64_t(age_) << kAgeShift);
      std::uint8_t* w = const_cast<std::uint8_t*>(b);
      store_word(w + 8, aligned_, fresh);
      store_word(w, aligned_, want ^ fresh);
    }
    out->move = e.move;
    out->score = score;
    out->depth = e.depth;
    out->bound = e.bound;
    return true;
  }
  return false;
}

void Table::store(std::uint64_t key, int ply, int depth, int score, Bound bound, std::uint32_t move) {
  depth = std::clamp(depth, kMinDepth, kMaxDepth);
  ply = std::clamp(ply, 0, kMaxMateDistance);
  score = std::clamp(score, -kWinScore, kWinScore);
  // Win/loss scores are distances from the root; the table keeps them as
  // distances from this node, so a transposition at another ply reads right.
  if (score > kWinThreshold) score = std::min(score + ply, kWinScore);
  else if (score < -kWinThreshold) score = std::max(score - ply, -kWinScore);

  std::uint8_t* b = base_ + bucket_index(key, buckets_) * kBucketBytes;
  const std::uint64_t want = key ^ salt_;
  std::uint64_t data[kEntriesPerBucket], check[kEntriesPerBucket];
  for (std::size_t i = 0; i < kEntriesPerBucket; ++i) {
    check[i] = load_word(b + 16 * i, aligned_);
    data[i] = load_word(b + 16 * i + 8, aligned_);
  }
  std::size_t slot = kEntriesPerBucket;
  for (std::size_t i = 0; i < kEntriesPerBucket; ++i)
    if (data[i] != 0 && (check[i] ^ data[i]) == want) slot = i;
  if (slot < kEntriesPerBucket) {
    // The same position: keep a deeper result of this search unless the new
    // one is exact, and keep the old move when the new result has none.
    // (Always replacing measured no better on bench/carryover_bench.cc:
    // node ratios 0.922 / 0.787 / 0.722 against 0.918 / 0.788 / 0.693.)
    const Entry old = decode(data[slot]);
    if (plausible(old)) {
      if (old.age == age_ && bound != Bound::kExact && depth + 3 < old.depth) return;
      if (move == 0) move = old.move;
    }
  } else {
    // The victim is the entry worth least: an empty one, else the one with the
    // lowest draft, counting each generation of age as 8 plies less (entries
    // of earlier searches go first, a deep one survives a few moves). Written
    // without branches on the entries: they are unpredictable.
    int worst = 0;
    for (std::size_t i = 0; i < kEntriesPerBucket; ++i) {
      const Entry e = decode(data[i]);
      const int value = data[i] == 0 ? kEmptyValue : e.depth - kAgePenalty * age_distance(age_, e.age);
      const bool lower = i == 0 || value < worst;
      worst = lower ? value : worst;
      slot = lower ? i : slot;
    }
  }
  std::uint8_t* const e = b + 16 * slot;
  const std::uint64_t stored = encode(move, score, depth, bound, age_);
  store_word(e + 8, aligned_, stored);
  store_word(e, aligned_, want ^ stored);
}

void Table::prefetch(std::uint64_t key) const { tempo::prefetch(base_ + bucket_index(key, buckets_) * kBucketBytes); }

absl::StatusOr<Info> info(const std::uint8_t* buffer, std::size_t length, std::uint64_t fingerprint) {
  if (absl::Status s = check_buffer(buffer, length, "tt::info"); !s.ok()) return s;
  const bool aligned = internal::word_aligned(buffer);
  const internal::HeaderState h = internal::read_header(buffer, aligned, length, fingerprint);
  Info i;
  i.bytes = length;
  i.buckets = internal::buckets_for(length);
  i.entries = i.buckets * kEntriesPerBucket;
  i.format_version = h.version;
  i.status = h.status;
  i.reason = h.reason;
  if (h.status != Status::kReused) return i;
  i.generation = h.generation;
  // A fixed sample of buckets spread over the table keeps this O(1). Entries
  // are counted by their data word (the key is unknown here), so after a
  // reset, entries of the old table count until they are overwritten.
  const std::size_t sample = std::min<std::size_t>(i.buckets, 1024);
  std::size_t used = 0;
  for (std::size_t k = 0; k < sample; ++k) {
    const std::size_t index = static_cast<std::size_t>(std::uint64_t{k} * i.buckets / sample);
    const std::uint8_t* b = buffer + kHeaderBytes + index * kBucketBytes;
    for (std::size_t e = 0; e < kEntriesPerBucket; ++e)
      if (load_word(b + 16 * e + 8, aligned) != 0) ++used;
  }
  i.fill = static_cast<double>(used) / static_cast<double>(sample * kEntriesPerBucket);
  return i;
}

absl::Status clear(std::uint8_t* buffer, std::size_t length) {
  if (absl::Status s = check_buffer(buffer, length, "tt::clear"); !s.ok()) return s;
  std::memset(buffer, 0, length);
  return absl::OkStatus();
}

}  // namespace tempo::tt
