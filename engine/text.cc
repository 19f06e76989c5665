#include "engine/text.h"

#include "absl/strings/str_cat.h"

namespace tempo {

std::string quote(std::string_view text) {
  constexpr std::size_t kShown = 60;
  std::string out = "'";
  for (char c : text.substr(0, kShown)) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7f) out += c; else absl::StrAppend(&out, "\\x", absl::Hex(u, absl::kZeroPad2));
  }
  if (text.size() > kShown) out += "...";
  out += '\'';
  return out;
}

}  // namespace tempo
