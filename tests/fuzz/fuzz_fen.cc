// Fuzzes the PDN FEN reader: never crashes, and whatever it accepts is a
// valid position that writes back to a FEN which reads back the same.
#include <cstdint>

#include "rules/fen.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tempo;
  const absl::StatusOr<Position> pos = parse_fen(fuzz::as_text(data, size));
  if (!pos.ok()) {
    FUZZ_CHECK(!pos.status().message().empty(), "an error must say what is wrong");
    return 0;
  }
  FUZZ_CHECK(pos->validate().ok(), "accepted an invalid position");
  const std::string fen = to_fen(*pos);
  const absl::StatusOr<Position> again = parse_fen(fen);
  FUZZ_CHECK(again.ok(), "own FEN rejected: %s", fen.c_str());
  FUZZ_CHECK(*again == *pos, "FEN round trip changed the position: %s", fen.c_str());
  FUZZ_CHECK(to_fen(*again) == fen, "FEN writing is not stable: %s", fen.c_str());
  return 0;
}
