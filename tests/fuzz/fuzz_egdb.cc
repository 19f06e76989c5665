// Fuzzes the endgame database reader: whatever the buffer holds, open,
// probe and verify never crash or read outside it. Input layout:
//   byte 0: mode (even: the input is the buffer, at offset byte 1 & 7;
//           odd: a real database of every 2- and 3-piece slice is patched
//           by the rest of the input as (u16 offset, u8 value) triples, and
//           its header and directory checksums are fixed up afterwards, so
//           forged directories and blocks reach the probing code)
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "egdb/database.h"
#include "egdb/format.h"
#include "egdb/generate.h"
#include "egdb/writer.h"
#include "rules/position.h"

namespace {

#define EGDB_FUZZ_CHECK(cond, what)                  \
  do {                                               \
    if (!(cond)) {                                   \
      std::fprintf(stderr, "fuzz_egdb: %s\n", what); \
      std::abort();                                  \
    }                                                \
  } while (0)

const std::vector<std::uint8_t>& real_database() {
  static const std::vector<std::uint8_t> db = [] {  // built once, thread-safely
    tempo::egdb::Generator gen;
    std::vector<std::pair<tempo::egdb::Material, std::vector<std::uint8_t>>> slices;
    for (const auto& group : tempo::egdb::build_plan(3, false)) {
      if (!gen.solve(group).ok()) std::abort();
      for (const auto& m : group) slices.emplace_back(m, gen.compressed(m));
    }
    return tempo::egdb::assemble(slices);
  }();
  return db;
}

// The database is built before the first input (seconds), so that its
// building never counts against an input's time limit.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  real_database();
  return 0;
}

// Positions of 2 and 3 pieces spread over the board, both sides to move.
void probe_many(const tempo::egdb::Database& db, std::uint32_t seed) {
  using namespace tempo;
  std::uint32_t x = seed * 2654435761u + 1;
  auto next = [&x] {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return x;
  };
  for (int k = 0; k < 300; ++k) {
    Position p = Position::empty(next() & 1 ? Color::kWhite : Color::kBlack);
    const int n = 2 + static_cast<int>(next() % 2);
    for (int i = 0; i < n; ++i) {
      const int sq = 1 + static_cast<int>(next() % 50);
      if (p.at(sq) != Piece::kEmpty) continue;
      Piece piece = static_cast<Piece>(1 + next() % 4);
      if (i == 0) piece = Piece::kWhiteKing;
      if (i == 1) piece = Piece::kBlackKing;
      p.set(sq, piece);
    }
    if (!p.validate().ok()) continue;
    egdb::Value v;
    if (db.probe(p, &v)) {
      EGDB_FUZZ_CHECK(v == egdb::Value::kWin || v == egdb::Value::kDraw || v == egdb::Value::kLoss,
                      "value out of range");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tempo;
  using namespace tempo::egdb;
  if (size < 2) return 0;
  std::vector<std::uint8_t> buf;
  std::size_t offset = 0;
  if (!(data[0] & 1)) {
    offset = data[1] & 7;
    buf.assign(offset, 0);
    buf.insert(buf.end(), data + 2, data + size);
  } else {
    buf = real_database();
    for (std::size_t i = 2; i + 3 <= size; i += 3) {
      const std::size_t at = (std::size_t{data[i]} | std::size_t{data[i + 1]} << 8) % buf.size();
      buf[at] = data[i + 2];
    }
    // Forge the checksums over whatever the patches left.
    using namespace tempo::egdb::format;
    const std::uint64_t count = load32(buf.data() + kSlicesAt);
    if (kHeaderBytes + count * kEntryBytes <= buf.size()) {
      store64(buf.data() + kDirChecksumAt, checksum(buf.data() + kHeaderBytes, count * kEntryBytes, kDirSeed));
    }
    store64(buf.data() + kHeaderChecksumAt, checksum(buf.data(), kHeaderChecksumAt, kHeaderSeed));
  }
  const std::uint8_t* p = buf.data() + offset;
  const std::size_t len = buf.size() - offset;
  const Database db = Database::open(len ? p : nullptr, len);
  EGDB_FUZZ_CHECK(db.ok() || db.max_pieces() == 0, "a refused buffer still answers");
  probe_many(db, static_cast<std::uint32_t>(size));
  (void)db.verify();
  return 0;
}
