#include "rules/text.h"

#include <cstdio>
#include <memory>

#include "absl/strings/str_cat.h"

namespace tempo {

std::string quote(std::string_view text) {
  constexpr std::size_t kShown = 60;
  std::string out = "'";
  for (char c : text.substr(0, kShown)) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7f) out += c;
    else absl::StrAppend(&out, "\\x", absl::Hex(u, absl::kZeroPad2));
  }
  if (text.size() > kShown) out += "...";
  out += '\'';
  return out;
}

absl::StatusOr<std::string> read_small_file(const std::string& path, std::size_t max_bytes) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) return absl::NotFoundError(absl::StrCat("cannot open ", quote(path)));
  std::string text;
  char chunk[65536];
  while (true) {
    const std::size_t n = std::fread(chunk, 1, sizeof chunk, f.get());
    if (text.size() + n > max_bytes) {
      return absl::InvalidArgumentError(absl::StrCat(quote(path), " is longer than ", max_bytes, " bytes"));
    }
    text.append(chunk, n);
    if (n < sizeof chunk) break;
  }
  if (std::ferror(f.get())) return absl::DataLossError(absl::StrCat("error reading ", quote(path)));
  return text;
}

}  // namespace tempo
