// C ABI: facts about a table buffer, and clearing it. The table itself is
// tt/'s; this only converts.
#include "ffi/c_boundary.h"
#include "search/search.h"
#include "tt/table.h"

using namespace tempo;
using namespace tempo::ffi;

static_assert(TEMPO_TABLE_MIN_BYTES == tt::kMinBytes);
static_assert(TEMPO_TABLE_DEFAULT_BYTES == kTableSize.default_bytes());
static_assert(TEMPO_TABLE_REUSED == static_cast<int>(tt::Status::kReused));
static_assert(TEMPO_TABLE_FRESH == static_cast<int>(tt::Status::kFresh));
static_assert(TEMPO_TABLE_RESET == static_cast<int>(tt::Status::kReset));
static_assert(TEMPO_TABLE_REASON_NONE == static_cast<int>(tt::Reason::kNone));
static_assert(TEMPO_TABLE_REASON_BAD_MAGIC == static_cast<int>(tt::Reason::kBadMagic));
static_assert(TEMPO_TABLE_REASON_VERSION == static_cast<int>(tt::Reason::kVersion));
static_assert(TEMPO_TABLE_REASON_GEOMETRY == static_cast<int>(tt::Reason::kGeometry));
static_assert(TEMPO_TABLE_REASON_FINGERPRINT == static_cast<int>(tt::Reason::kFingerprint));
static_assert(TEMPO_TABLE_REASON_BYTE_ORDER == static_cast<int>(tt::Reason::kByteOrder));
static_assert(TEMPO_TABLE_REASON_CORRUPT_HEADER == static_cast<int>(tt::Reason::kCorruptHeader));

extern "C" {

tempo_status tempo_table_get_info(const uint8_t* tt, size_t tt_len, tempo_table_info* out) {
  return guard([&] {
    if (tt == nullptr) return TEMPO_ERR_NULL_POINTER;
    if (tempo_status st = check_struct(out, kTableInfoV1); st != TEMPO_OK) return st;
    if (tt_len < tt::kMinBytes) return TEMPO_ERR_TABLE;
    absl::StatusOr<tt::Info> info = tt::info(tt, tt_len, table_fingerprint());
    if (!info.ok()) return TEMPO_ERR_TABLE;
    out->format_version = info->format_version;
    out->generation = info->generation;
    out->status = static_cast<int32_t>(info->status);
    out->reason = static_cast<int32_t>(info->reason);
    out->reserved0 = 0;
    out->bytes = info->bytes;
    out->entries = info->entries;
    out->fill = info->fill;
    return TEMPO_OK;
  });
}

tempo_status tempo_table_clear(uint8_t* tt, size_t tt_len) {
  return guard([&] {
    if (tt == nullptr) return TEMPO_ERR_NULL_POINTER;
    if (tt_len < tt::kMinBytes) return TEMPO_ERR_TABLE;
    return tt::clear(tt, tt_len).ok() ? TEMPO_OK : TEMPO_ERR_TABLE;
  });
}

}  // extern "C"
