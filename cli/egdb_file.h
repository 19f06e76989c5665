// Reading an endgame database file for the commands that take --egdb.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace tempo::cli {

// The bytes of `path`, or of `path`/tempo.egdb when it is a directory. The
// contents are not judged here: the search opens them and reports.
absl::StatusOr<std::vector<std::uint8_t>> read_egdb(const std::string& path);

// The database file name inside a build directory.
inline constexpr const char* kEgdbFileName = "tempo.egdb";

}  // namespace tempo::cli
