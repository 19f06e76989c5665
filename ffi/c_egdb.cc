// C ABI: facts about an endgame database buffer, and probing it. The
// database itself is egdb/'s; this only converts.
#include <cstdint>

#include "egdb/database.h"
#include "ffi/c_boundary.h"

using namespace tempo;
using namespace tempo::ffi;

static_assert(TEMPO_EGDB_OK == static_cast<int>(egdb::Status::kOk));
static_assert(TEMPO_EGDB_NONE == static_cast<int>(egdb::Status::kNone));
static_assert(TEMPO_EGDB_TRUNCATED == static_cast<int>(egdb::Status::kTruncated));
static_assert(TEMPO_EGDB_BAD_MAGIC == static_cast<int>(egdb::Status::kBadMagic));
static_assert(TEMPO_EGDB_BYTE_ORDER == static_cast<int>(egdb::Status::kByteOrder));
static_assert(TEMPO_EGDB_VERSION == static_cast<int>(egdb::Status::kVersion));
static_assert(TEMPO_EGDB_CORRUPT_HEADER == static_cast<int>(egdb::Status::kCorruptHeader));
static_assert(TEMPO_EGDB_CORRUPT_DIRECTORY == static_cast<int>(egdb::Status::kCorruptDirectory));

namespace {

egdb::Database open_buffer(const uint8_t* buffer, uint64_t size) {
  if (size > SIZE_MAX) return egdb::Database();  // cannot be a real buffer
  return egdb::Database::open(buffer, static_cast<std::size_t>(size));
}

}  // namespace

extern "C" {

tempo_status tempo_egdb_get_info(const uint8_t* egdb, uint64_t egdb_size, tempo_egdb_info* out) {
  return guard([&] {
    if (tempo_status st = check_struct(out, kEgdbInfoV1); st != TEMPO_OK) return st;
    const egdb::Database db = open_buffer(egdb, egdb_size);
    out->status = static_cast<int32_t>(db.status());
    out->max_pieces = db.max_pieces();
    out->slices = static_cast<int32_t>(db.slices().size());
    out->bytes = egdb_size;
    return TEMPO_OK;
  });
}

tempo_status tempo_egdb_probe(const uint8_t* egdb, uint64_t egdb_size, const tempo_position* pos, int32_t* value,
                              int32_t* found) {
  return guard([&] {
    if (value == nullptr || found == nullptr) return TEMPO_ERR_NULL_POINTER;
    *value = 0;
    *found = 0;
    if (pos == nullptr) return TEMPO_ERR_NULL_POINTER;
    if (tempo_status st = check_struct(pos, kPositionV1); st != TEMPO_OK) return st;
    Position p;
    if (tempo_status st = to_engine(*pos, &p, nullptr, 0); st != TEMPO_OK) return st;
    const egdb::Database db = open_buffer(egdb, egdb_size);
    egdb::Value v;
    if (db.probe(p, &v)) {
      *value = static_cast<int32_t>(v);
      *found = 1;
    }
    return TEMPO_OK;
  });
}

}  // extern "C"
