// Board geometry: how the 50 playable squares map onto a 64-bit bitboard.
//
// Squares are numbered 1..50 in the FMJD way: square 1 is the top-right dark
// square of row 0 (Black's back row), square 50 the bottom-left one of row 9
// (White's back row). Inside the engine a square is a *bit index* 0..53: every
// pair of rows takes 11 bits (5 + 5 + one unused "ghost" bit), so that the four
// diagonal steps are the same shift everywhere on the board:
//
//   up-left  -6   up-right  -5      (towards square 1, White's forward)
//   down-left +5  down-right +6     (towards square 50, Black's forward)
//
// A step that would leave the board lands on a ghost bit or outside bits
// 0..53, so masking with kValid is the whole edge test.
#pragma once

#include <array>
#include <bit>
#include <cstdint>

namespace tempo {

using Bitboard = std::uint64_t;

inline constexpr int kNumSquares = 50;
inline constexpr int kNumBits = 54;

// Square number 1..50 -> bit index.
constexpr int bit_of_square(int square) {
  int i = square - 1;
  return i + (i / 5) / 2;
}

// Bit index -> square number 1..50, or 0 for a ghost / off-board bit.
constexpr int square_of_bit(int bit) {
  if (bit < 0 || bit >= kNumBits) return 0;
  int pair = bit / 11, r = bit % 11;
  if (r == 10) return 0;
  return pair * 10 + r + 1;
}

constexpr Bitboard valid_mask() {
  Bitboard m = 0;
  for (int s = 1; s <= kNumSquares; ++s) m |= Bitboard{1} << bit_of_square(s);
  return m;
}
inline constexpr Bitboard kValid = valid_mask();

constexpr Bitboard bb(int bit) { return Bitboard{1} << bit; }
constexpr Bitboard square_bb(int square) { return bb(bit_of_square(square)); }

// Row 0..9 of a square (row 0 holds squares 1-5).
constexpr int row_of_square(int square) { return (square - 1) / 5; }

constexpr Bitboard row_mask(int row) {
  Bitboard m = 0;
  for (int s = row * 5 + 1; s <= row * 5 + 5; ++s) m |= square_bb(s);
  return m;
}
// A white man promotes on row 0, a black man on row 9.
inline constexpr Bitboard kWhitePromotion = row_mask(0);
inline constexpr Bitboard kBlackPromotion = row_mask(9);

// Directions, in the order up-left, up-right, down-left, down-right.
enum Direction : int { kUpLeft = 0, kUpRight = 1, kDownLeft = 2, kDownRight = 3 };
inline constexpr std::array<int, 4> kStep = {-6, -5, 5, 6};
constexpr int opposite(int dir) { return 3 - dir; }

// Shift a whole bitboard one step in a direction, dropping what leaves the board.
template <int Dir>
constexpr Bitboard shift(Bitboard b) {
  if constexpr (kStep[Dir] < 0) {
    return (b >> -kStep[Dir]) & kValid;
  } else {
    return (b << kStep[Dir]) & kValid;
  }
}

// Every bit moved `n` steps in a direction, unmasked: the caller masks the
// result with a set of real squares (a step off the board lands on a ghost bit
// or outside bits 0..53, and a step between two real squares is always a true
// diagonal step, so a mask of squares is the whole edge test).
template <int Dir>
constexpr Bitboard raw_shift(Bitboard b, int n = 1) {
  if constexpr (kStep[Dir] < 0) {
    return b >> (-kStep[Dir] * n);
  } else {
    return b << (kStep[Dir] * n);
  }
}

// The squares reached from each square of `from` by sliding in a direction
// over `open` squares (every distance from 0 to the edge), all at once: a
// Kogge-Stone fill, four doubling steps cover the nine steps of the longest
// diagonal. `from` itself is in the result; `open` must hold real squares only.
template <int Dir>
constexpr Bitboard slide_fill(Bitboard from, Bitboard open) {
  from |= open & raw_shift<Dir>(from, 1);
  open &= raw_shift<Dir>(open, 1);
  from |= open & raw_shift<Dir>(from, 2);
  open &= raw_shift<Dir>(open, 2);
  from |= open & raw_shift<Dir>(from, 4);
  open &= raw_shift<Dir>(open, 4);
  return from | (open & raw_shift<Dir>(from, 8));
}

constexpr int step_bit(int bit, int dir) {
  int next = bit + kStep[dir];
  if (next < 0 || next >= kNumBits || !((kValid >> next) & 1)) return -1;
  return next;
}

// kRay[dir][bit]: every square from `bit` (exclusive) to the edge in `dir`.
struct RayTable {
  std::array<std::array<Bitboard, 64>, 4> ray{};
};
constexpr RayTable make_rays() {
  RayTable t{};
  for (int d = 0; d < 4; ++d) {
    for (int b = 0; b < kNumBits; ++b) {
      if (!((kValid >> b) & 1)) continue;
      Bitboard r = 0;
      for (int n = step_bit(b, d); n >= 0; n = step_bit(n, d)) r |= bb(n);
      t.ray[d][b] = r;
    }
  }
  return t;
}
inline constexpr RayTable kRays = make_rays();

constexpr Bitboard ray(int dir, int bit) { return kRays.ray[dir][bit]; }

// The nearest set bit of `blockers` (which must lie on ray(dir, from)) from `from`.
constexpr int nearest(int dir, Bitboard blockers) {
  return kStep[dir] > 0 ? std::countr_zero(blockers) : 63 - std::countl_zero(blockers);
}

constexpr int lsb(Bitboard b) { return std::countr_zero(b); }
constexpr int popcount(Bitboard b) { return std::popcount(b); }

}  // namespace tempo
