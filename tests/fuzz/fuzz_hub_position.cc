// Fuzzes the Hub position reader (`W` + 50 squares): never crashes, and an
// accepted position is valid and writes back to text that reads back the same.
#include <cstdint>

#include "rules/notation.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tempo;
  const absl::StatusOr<Position> pos = parse_hub_position(fuzz::as_text(data, size));
  if (!pos.ok()) {
    FUZZ_CHECK(!pos.status().message().empty(), "an error must say what is wrong");
    return 0;
  }
  FUZZ_CHECK(pos->validate().ok(), "accepted an invalid position");
  const std::string text = to_hub_position(*pos);
  const absl::StatusOr<Position> again = parse_hub_position(text);
  FUZZ_CHECK(again.ok() && *again == *pos, "Hub position round trip failed: %s", text.c_str());
  return 0;
}
