// Fuzzes the Hub v2 line reader and the `level` reader: never crashes; an
// accepted line writes back to text that reads back to the same line (the
// writer's output is a fixed point); level limits are never negative.
#include <cstdint>

#include "protocol/hub.h"
#include "tests/fuzz/fuzz_support.h"

namespace {
bool same(const tempo::hub::Line& a, const tempo::hub::Line& b) {
  if (a.command != b.command || a.args.size() != b.args.size()) return false;
  for (std::size_t i = 0; i < a.args.size(); ++i) {
    if (a.args[i].name != b.args[i].name || a.args[i].has_value != b.args[i].has_value ||
        a.args[i].value != b.args[i].value)
      return false;
  }
  return true;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tempo;
  const absl::StatusOr<hub::Line> line = hub::parse_line(fuzz::as_text(data, size));
  if (!line.ok()) {
    FUZZ_CHECK(!line.status().message().empty(), "an error must say what is wrong");
    return 0;
  }
  const std::string text = hub::format_line(*line);
  const absl::StatusOr<hub::Line> again = hub::parse_line(text);
  FUZZ_CHECK(again.ok(), "own line rejected: %s", text.c_str());
  const std::string text2 = hub::format_line(*again);
  const absl::StatusOr<hub::Line> third = hub::parse_line(text2);
  FUZZ_CHECK(third.ok() && same(*again, *third) && text2 == text, "line writing is not stable: [%s] -> [%s]",
             text.c_str(), text2.c_str());
  const absl::StatusOr<Limits> limits = hub::parse_limits(*line);
  if (limits.ok()) {
    FUZZ_CHECK(limits->depth >= 0 && limits->movetime_ms >= 0 && limits->time_left_ms >= 0 &&
                   limits->increment_ms >= 0 && limits->moves_to_go >= 0,
               "negative limit from [%s]", text.c_str());
  } else {
    FUZZ_CHECK(!limits.status().message().empty(), "an error must say what is wrong");
  }
  return 0;
}
