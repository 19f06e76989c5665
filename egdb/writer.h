// Writing the database buffer (egdb/FORMAT.md): a slice's values compressed
// into blocks, and the slices gathered under a header and a directory.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "egdb/index.h"

namespace tempo::egdb {

// One code per position: 0 draw, 1 win, 2 loss, kDontCare for a number
// that is not a position or a position the search never asks about (a
// capture pending); the writer gives those whatever value compresses best.
inline constexpr std::uint8_t kDontCare = 0xff;

// The stored form of one slice: block directory and blocks.
std::vector<std::uint8_t> compress_slice(std::span<const std::uint8_t> codes);

// The database buffer holding these compressed slices (any order; each
// material at most once).
std::vector<std::uint8_t> assemble(const std::vector<std::pair<Material, std::vector<std::uint8_t>>>& slices);

}  // namespace tempo::egdb
