// Text helpers every layer shares.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tempo {

// Bad input, shown in an error message the one way every layer uses: between
// single quotes, printable ASCII as is, any other byte as \xNN, cut after 60
// bytes with "..." (a message must stay one readable line, whatever a fuzzer
// or a broken GUI sends).
std::string quote(std::string_view text);

// The whole of a small text file (opening book, weights, position list),
// read up to max_bytes and no further: a longer file, /dev/zero or an endless
// pipe is an error naming the file, never unbounded memory.
absl::StatusOr<std::string> read_small_file(const std::string& path, std::size_t max_bytes);

// Debian's Abseil has its own string_view type: StrCat and friends need this.
inline absl::string_view av(std::string_view s) { return {s.data(), s.size()}; }

}  // namespace tempo
