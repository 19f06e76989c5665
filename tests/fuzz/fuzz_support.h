// Helpers shared by the fuzzers: a check that aborts with a message (so
// libFuzzer records the input as a crash), and ways to turn raw bytes into
// text and into a valid position.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "rules/board.h"
#include "rules/position.h"

#define FUZZ_CHECK(cond, ...)                                                       \
  do {                                                                              \
    if (!(cond)) {                                                                  \
      std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      std::fprintf(stderr, "  " __VA_ARGS__);                                       \
      std::fprintf(stderr, "\n");                                                   \
      std::abort();                                                                 \
    }                                                                               \
  } while (0)

namespace tempo::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return size == 0 ? std::string_view() : std::string_view(reinterpret_cast<const char*>(data), size);
}

// Reads bytes from the front of the input; past the end it gives zeros.
struct ByteReader {
  const std::uint8_t* data;
  std::size_t size;
  std::size_t pos = 0;

  std::uint8_t u8() { return pos < size ? data[pos++] : 0; }
  std::uint64_t u64() {
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= std::uint64_t{u8()} << (8 * i);
    return v;
  }
  std::size_t left() const { return size - pos; }
  const std::uint8_t* rest() const { return data + pos; }
};

// Any 25 bytes give a position that passes validate(): bits outside the 50
// squares are dropped, overlaps go to White, surplus pieces (more than 20 a
// side) are removed from the high squares down, men on their promotion row
// become kings.
inline Position position_from_bytes(ByteReader& in) {
  Position p;
  p.white = in.u64() & kValid;
  p.black = in.u64() & kValid & ~p.white;
  const std::uint64_t kings = in.u64();
  p.side = (in.u8() & 1) ? Color::kBlack : Color::kWhite;
  while (popcount(p.white) > 20) p.white &= ~(Bitboard{1} << (63 - std::countl_zero(p.white)));
  while (popcount(p.black) > 20) p.black &= ~(Bitboard{1} << (63 - std::countl_zero(p.black)));
  p.kings = kings & (p.white | p.black);
  p.kings |= (p.white & kWhitePromotion) | (p.black & kBlackPromotion);
  return p;
}

}  // namespace tempo::fuzz
