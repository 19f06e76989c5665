#include "egdb/database.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "egdb/format.h"
#include "rules/movegen.h"

namespace tempo::egdb {

using namespace format;

const char* status_name(Status s) {
  switch (s) {
    case Status::kOk: return "ok";
    case Status::kNone: return "none";
    case Status::kTruncated: return "truncated";
    case Status::kBadMagic: return "bad-magic";
    case Status::kByteOrder: return "byte-order";
    case Status::kVersion: return "version";
    case Status::kCorruptHeader: return "corrupt-header";
    case Status::kCorruptDirectory: return "corrupt-directory";
  }
  return "unknown";
}

const char* value_name(Value v) {
  switch (v) {
    case Value::kLoss: return "loss";
    case Value::kDraw: return "draw";
    case Value::kWin: return "win";
  }
  return "unknown";
}

int Database::slot(const Material& m) {
  constexpr int n = kMaxPieces + 1;
  return ((m.white_men * n + m.white_kings) * n + m.black_men) * n + m.black_kings;
}

bool Database::has(const Material& m) const { return m.valid() && lookup_[slot(m)] != 0; }

Database Database::open(const std::uint8_t* buffer, std::size_t length) {
  Database db;
  if (buffer == nullptr || length == 0) return db;  // kNone
  // A refused buffer answers nothing: none of what was read before the
  // fault is kept (max_pieces() is 0, no slices).
  auto fail = [](Status s) {
    Database refused;
    refused.status_ = s;
    return refused;
  };
  if (length < 8) return fail(Status::kTruncated);
  const std::uint64_t magic = load64(buffer + kMagicAt);
  if (magic != kMagic) return fail(magic == byteswap64(kMagic) ? Status::kByteOrder : Status::kBadMagic);
  if (length < kHeaderBytes) return fail(Status::kTruncated);
  // The version keeps its place in every format: checked before the checksum.
  if (load32(buffer + kVersionAt) != kFormatVersion) return fail(Status::kVersion);
  if (checksum(buffer, kHeaderChecksumAt, kHeaderSeed) != load64(buffer + kHeaderChecksumAt) ||
      load64(buffer + kReservedAt) != 0) {
    return fail(Status::kCorruptHeader);
  }
  if (load64(buffer + kSchemeAt) != kIndexScheme || load32(buffer + kBlockAt) != kBlockPositions) {
    return fail(Status::kVersion);
  }
  const std::uint64_t total = load64(buffer + kLengthAt);
  if (total > length) return fail(Status::kTruncated);
  const std::uint32_t max_pieces = load32(buffer + kMaxPiecesAt);
  const std::uint64_t count = load32(buffer + kSlicesAt);
  if (max_pieces > static_cast<std::uint32_t>(kMaxPieces) || count > 4096 ||
      kHeaderBytes + count * kEntryBytes > total) {
    return fail(Status::kCorruptHeader);
  }
  const std::uint8_t* dir = buffer + kHeaderBytes;
  if (checksum(dir, count * kEntryBytes, kDirSeed) != load64(buffer + kDirChecksumAt)) {
    return fail(Status::kCorruptDirectory);
  }
  const std::uint64_t data_start = kHeaderBytes + count * kEntryBytes;
  db.dir_.reserve(count);
  for (std::uint64_t i = 0; i < count; ++i) {
    const std::uint8_t* e = dir + i * kEntryBytes;
    Slice s;
    s.material = Material::from_code(load32(e + kMaterialAt));
    s.positions = load64(e + kPositionsAt);
    s.offset = load64(e + kOffsetAt);
    s.bytes = load64(e + kBytesAt);
    s.checksum = load64(e + kDataChecksumAt);
    s.blocks = (s.positions + kBlockPositions - 1) / kBlockPositions;
    const bool fits = s.offset >= data_start && s.offset <= total && s.bytes <= total - s.offset;
    if (!s.material.valid() || s.material.pieces() > static_cast<int>(max_pieces) ||
        s.material.code() != load32(e + kMaterialAt) || s.positions != slice_size(s.material) || !fits ||
        s.bytes < 4 * s.blocks || load32(e + kEntryReservedAt) != 0 || load64(e + kEntryReserved2At) != 0 ||
        db.lookup_[slot(s.material)] != 0) {
      db.dir_.clear();
      db.lookup_.fill(0);
      return fail(Status::kCorruptDirectory);
    }
    db.dir_.push_back(s);
    db.lookup_[slot(s.material)] = static_cast<std::uint16_t>(i + 1);
    db.max_pieces_ = std::max(db.max_pieces_, s.material.pieces());
  }
  db.base_ = buffer;
  db.length_ = total;
  db.status_ = Status::kOk;
  db.slices_.reserve(db.dir_.size());
  for (const Slice& s : db.dir_) db.slices_.push_back(SliceInfo{s.material, s.positions, s.bytes});
  return db;
}

bool Database::read(const Slice& s, std::uint64_t index, Value* out) const {
  if (index >= s.positions) return false;
  const std::uint64_t block = index / kBlockPositions;
  const std::uint32_t within = static_cast<std::uint32_t>(index % kBlockPositions);
  const std::uint8_t* slice = base_ + s.offset;
  const std::uint32_t word = load32(slice + 4 * block);
  const std::uint64_t start = word & ~kRawFlag;
  const std::uint64_t end = block + 1 < s.blocks ? (load32(slice + 4 * (block + 1)) & ~kRawFlag) : s.bytes;
  // Offsets come from the buffer: a damaged one must not lead outside it.
  if (start < 4 * s.blocks || end > s.bytes || start > end) return false;
  const std::uint8_t* p = slice + start;
  const std::uint8_t* stop = slice + end;
  std::uint8_t v;
  if (word & kRawFlag) {
    if (within / 4 >= end - start) return false;
    v = p[within / 4] >> (2 * (within % 4)) & 3;
  } else {
    // Runs: value in the top two bits and length-1 in the low six; top bits 3
    // repeat the previous run's value for 64 * (low six + 1) positions.
    std::uint32_t seen = 0;
    std::uint8_t last = kDraw;
    for (;;) {
      if (p == stop) return false;
      const std::uint8_t b = *p++;
      std::uint32_t len;
      if ((b >> 6) == 3) {
        len = 64u * ((b & 63u) + 1);
      } else {
        last = b >> 6;
        len = (b & 63u) + 1;
      }
      seen += len;
      if (within < seen) break;
    }
    v = last;
  }
  if (v == kWin) *out = Value::kWin;
  else if (v == kLoss) *out = Value::kLoss;
  else if (v == kDraw) *out = Value::kDraw;
  else return false;
  return true;
}

bool Database::probe_quiet(const Position& pos, Value* out) const {
  if (popcount(pos.occupied()) > max_pieces_) return false;
  const Position w = white_to_move(pos);
  // A man on its own promotion row has no number (callers pass valid positions; this keeps it so).
  if ((w.men(Color::kWhite) & kWhitePromotion) || (w.men(Color::kBlack) & kBlackPromotion)) return false;
  const Material m = material_of(w);
  if (!m.valid()) return false;
  const int n = lookup_[slot(m)];
  if (n == 0) return false;
  return read(dir_[n - 1], index_of(w), out);
}

bool Database::probe(const Position& pos, Value* out) const {
  if (!ok()) return false;
  if (pos.pieces(pos.side) == 0) {
    *out = Value::kLoss;
    return true;
  }
  if (popcount(pos.occupied()) > max_pieces_) return false;
  if (!has_capture(pos)) return probe_quiet(pos, out);
  MoveList captures;
  generate_captures(pos, captures);
  Value best = Value::kLoss;
  for (const Move& m : captures) {
    Value v;
    if (!probe(pos.after(m), &v)) return false;
    best = std::max(best, static_cast<Value>(-static_cast<int>(v)));
  }
  *out = best;
  return true;
}

absl::Status Database::verify() const {
  if (!ok()) return absl::FailedPreconditionError(absl::StrCat("endgame database: ", status_name(status_)));
  for (const Slice& s : dir_) {
    if (checksum(base_ + s.offset, s.bytes, kDataSeed) != s.checksum) {
      return absl::DataLossError(absl::StrCat("endgame database: slice ", s.material.name(), " is damaged (checksum)"));
    }
  }
  return absl::OkStatus();
}

std::uint64_t max_database_bytes() {
  std::uint64_t bytes = format::kHeaderBytes;
  for (int wm = 0; wm <= kMaxPieces; ++wm)
    for (int wk = 0; wm + wk <= kMaxPieces; ++wk)
      for (int bm = 0; wm + wk + bm <= kMaxPieces; ++bm)
        for (int bk = 0; wm + wk + bm + bk <= kMaxPieces; ++bk) {
          const Material m{wm, wk, bm, bk};
          if (!m.valid()) continue;
          const std::uint64_t n = slice_size(m);
          const std::uint64_t blocks = (n + format::kBlockPositions - 1) / format::kBlockPositions;
          bytes += format::kEntryBytes + 4 * blocks + blocks * format::kRawBlockBytes;
        }
  return bytes;
}

}  // namespace tempo::egdb
