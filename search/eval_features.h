// What the evaluation looks at (internal to search/ and train/): the board
// regions whose contents index the pattern tables, and the global terms that
// patterns cannot see. The evaluation (eval.cc) sums trained weights over
// these features; the fitter (train/fit.cc) reads the same features to train
// the weights, so the two can never disagree about what a weight means.
//
// Everything is from White's view. Colour symmetry holds by construction:
// every region has a mirror region (the board turned half a turn), the pair
// shares one table, and Black's region is read turned and with the colours
// swapped, then subtracted. Every term is White's count minus Black's.
#pragma once

#include <array>
#include <cstdint>

#include "rules/board.h"
#include "rules/position.h"

#if defined(__BMI2__)
#include <immintrin.h>
#endif

namespace tempo::eval {

// ------------------------------------------------------------------ regions
// A region is a window of board rows and columns; its playable squares are
// each empty (0), a white man (1) or a black man (2), so a region of n squares
// has 3^n configurations, each with a weight. Kings are left out of the
// patterns (they count as empty): they are few, move far, and have their own
// terms.
inline constexpr int kMaxRegionSquares = 12;

constexpr int column_of_square(int s) {
  const int row = row_of_square(s), p = (s - 1) % 5;
  return row % 2 == 0 ? 2 * p + 1 : 2 * p;
}

constexpr Bitboard window_mask(int row0, int col0, int rows, int cols) {
  Bitboard m = 0;
  for (int s = 1; s <= kNumSquares; ++s) {
    const int r = row_of_square(s), c = column_of_square(s);
    if (r >= row0 && r < row0 + rows && c >= col0 && c < col0 + cols) m |= square_bb(s);
  }
  return m;
}

constexpr int power_of_3(int n) { return n == 0 ? 1 : 3 * power_of_3(n - 1); }

// One table of the evaluation: the region on White's side of its pair, and
// its mirror, which Black's men are read from.
struct RegionPair {
  Bitboard white_region;  // read as is
  Bitboard black_region;  // the half-turned region, read turned with colours swapped
};

// Region layouts the fitter can compare (`tempo fit --layout N`); the
// evaluation uses the layout its weights were fitted for.
//   0: 4x4 blocks (8 squares) at even rows and columns: 16 blocks, 8 tables,
//      tiling the board twice over.
//   1: layout 0 and the 9 blocks at odd rows and columns (13 tables).
//   2: windows 4 columns wide and 6 rows deep (12 squares, 3^12 entries), the
//      shape the strongest pattern engines read: White's four bottom windows,
//      each sharing its table with the half-turned top window (4 tables).
//   3: windows 4 columns wide and 5 rows deep (10 squares): the four on each
//      half, and four more across the middle (rows 3-7 and their mirrors):
//      8 tables.
struct Layout {
  std::array<RegionPair, 32> pairs{};
  int size = 0;          // tables
  int squares = 0;       // squares in each region
  int pattern_size = 0;  // entries per table, 3^squares
};

constexpr Layout make_layout(int which) {
  Layout l;
  // Windows are 4 columns wide (2 playable squares a row) and `rows` deep.
  const int rows = which == 2 ? 6 : which == 3 ? 5 : 4;
  l.squares = 2 * rows;
  l.pattern_size = power_of_3(l.squares);
  auto add = [&l, rows](int r0, int c0) {
    constexpr int cols = 4;
    // The pair of window (r0, c0) is the half-turned window; one that is its
    // own mirror reads the same squares twice, once per colour.
    l.pairs[l.size++] =
        RegionPair{window_mask(r0, c0, rows, cols), window_mask(10 - rows - r0, 10 - cols - c0, rows, cols)};
  };
  if (which <= 1) {
    for (int r0 : {4, 6})
      for (int c0 : {0, 2, 4, 6}) add(r0, c0);
    if (which == 1) {
      for (int c0 : {1, 3, 5}) add(5, c0);
      add(3, 3);
      add(3, 5);
    }
  } else if (which == 2) {
    for (int c0 : {0, 2, 4, 6}) add(4, c0);
  } else {
    for (int r0 : {5, 3})
      for (int c0 : {0, 2, 4, 6}) add(r0, c0);
  }
  return l;
}
inline constexpr int kNumLayouts = 4;
inline constexpr std::array<Layout, kNumLayouts> kLayouts = {make_layout(0), make_layout(1), make_layout(2),
                                                             make_layout(3)};

// Bits of `b` selected by `mask`, packed low (BMI2 pext where the CPU has it;
// the portable loop gives the same result everywhere else).
inline std::uint32_t extract(Bitboard b, Bitboard mask) {
#if defined(__BMI2__)
  return static_cast<std::uint32_t>(_pext_u64(b, mask));
#else
  std::uint32_t r = 0;
  int k = 0;
  for (Bitboard m = mask; m; m &= m - 1, ++k) r |= static_cast<std::uint32_t>((b >> lsb(m)) & 1) << k;
  return r;
#endif
}

// Base-3 digits of an n-bit set, in order and reversed (the reversed read is
// the half-turned region: turning the board reverses the bit order).
template <int N>
struct Base3 {
  std::array<std::uint32_t, 1 << N> forward{}, reversed{};
};
template <int N>
constexpr Base3<N> make_base3() {
  Base3<N> t;
  for (int b = 0; b < (1 << N); ++b) {
    std::uint32_t f = 0, r = 0, p = 1;
    for (int i = 0; i < N; ++i, p *= 3) {
      f += static_cast<std::uint32_t>((b >> i) & 1) * p;
      r += static_cast<std::uint32_t>((b >> (N - 1 - i)) & 1) * p;
    }
    t.forward[b] = f;
    t.reversed[b] = r;
  }
  return t;
}
template <int N>
inline constexpr Base3<N> kBase3 = make_base3<N>();

// Pattern indices of one region pair of N squares: White's read and Black's read.
template <int N>
inline int white_index(const RegionPair& p, Bitboard white_men, Bitboard black_men) {
  return static_cast<int>(kBase3<N>.forward[extract(white_men, p.white_region)] +
                          2 * kBase3<N>.forward[extract(black_men, p.white_region)]);
}
template <int N>
inline int black_index(const RegionPair& p, Bitboard white_men, Bitboard black_men) {
  return static_cast<int>(kBase3<N>.reversed[extract(black_men, p.black_region)] +
                          2 * kBase3<N>.reversed[extract(white_men, p.black_region)]);
}

// ------------------------------------------------------------------ terms
// Global terms, each White's value minus Black's, each with an opening and an
// endgame weight like the patterns.
enum Term : int {
  kMan = 0,    // men (the opening weight is fixed at 100: the score's unit)
  kKing,       // kings
  kFirstKing,  // a king against none: the first king is worth most
  kTempo,      // sum of the men's advancement in rows
  kRunaway1,   // a man with a free path to promotion, 1..4 rows to go,
  kRunaway2,   //   and no opponent king to come back
  kRunaway3,
  kRunaway4,
  kBreakthrough,  // only own men ahead of a man within 4 rows, no opponent king
  kMobility,      // men with a free step forward
  kLocked,        // few free moves on the board: free-move difference times how locked
  kBalance,       // |men on the left wing - men on the right wing|
  kKingMobility,  // squares the kings reach
  kKingDiagonal,  // kings on the long diagonal
  kKingTrapped,   // kings with no move
  kSideToMove,    // +1 when White is to move: the tempo of having the move
  kNumTerms
};
inline constexpr const char* kTermNames[kNumTerms] = {"man",           "king",          "first-king",   "tempo",
                                                      "runaway-1",     "runaway-2",     "runaway-3",    "runaway-4",
                                                      "breakthrough",  "mobility",      "locked",       "balance",
                                                      "king-mobility", "king-diagonal", "king-trapped", "side-to-move"};

// Game phase: pieces on the board, 40 = opening weights only, 0 = endgame only.
inline constexpr int kPhaseMax = 40;

namespace detail {

constexpr Bitboard squares_mask(std::initializer_list<int> squares) {
  Bitboard m = 0;
  for (int s : squares) m |= square_bb(s);
  return m;
}
constexpr Bitboard columns_mask(int lo, int hi) {
  Bitboard m = 0;
  for (int s = 1; s <= kNumSquares; ++s)
    if (column_of_square(s) >= lo && column_of_square(s) <= hi) m |= square_bb(s);
  return m;
}
inline constexpr Bitboard kLeftWing = columns_mask(0, 3);
inline constexpr Bitboard kRightWing = columns_mask(6, 9);
inline constexpr Bitboard kMainDiagonal = squares_mask({5, 10, 14, 19, 23, 28, 32, 37, 41, 46});

// kCones.cone[colour][bit]: the squares ahead of a man that an opponent would
// have to reach to stop it promoting (the widening triangle in front of it).
struct ConeTable {
  std::array<std::array<Bitboard, 64>, 2> cone{};
};
constexpr ConeTable make_cones() {
  ConeTable t{};
  for (int s = 1; s <= kNumSquares; ++s) {
    const int r = row_of_square(s), c = column_of_square(s), b = bit_of_square(s);
    for (int x = 1; x <= kNumSquares; ++x) {
      const int rx = row_of_square(x), cx = column_of_square(x);
      const int dc = cx > c ? cx - c : c - cx;
      if (rx < r && dc <= r - rx) t.cone[0][b] |= square_bb(x);
      if (rx > r && dc <= rx - r) t.cone[1][b] |= square_bb(x);
    }
  }
  return t;
}
inline constexpr ConeTable kCones = make_cones();

// Rows advanced, summed over men, by bit-sliced popcounts: slice k holds the
// squares whose advancement has bit k set.
struct TempoSlices {
  std::array<std::array<Bitboard, 4>, 2> slice{};
};
constexpr TempoSlices make_tempo_slices() {
  TempoSlices t{};
  for (int s = 1; s <= kNumSquares; ++s) {
    const int white_rank = 9 - row_of_square(s), black_rank = row_of_square(s);
    for (int k = 0; k < 4; ++k) {
      if ((white_rank >> k) & 1) t.slice[0][k] |= square_bb(s);
      if ((black_rank >> k) & 1) t.slice[1][k] |= square_bb(s);
    }
  }
  return t;
}
inline constexpr TempoSlices kTempoSlices = make_tempo_slices();

inline int tempo_count(Bitboard men, int colour) {
  int n = 0;
  for (int k = 0; k < 4; ++k) n += popcount(men & kTempoSlices.slice[colour][k]) << k;
  return n;
}

inline int king_reach(int bit, Bitboard occupied) {
  int n = 0;
  for (int d = 0; d < 4; ++d) {
    const Bitboard r = ray(d, bit);
    const Bitboard blockers = r & occupied;
    if (!blockers) {
      n += popcount(r);
      continue;
    }
    const int b = nearest(d, blockers);
    n += popcount(r & ~(ray(d, b) | tempo::bb(b)));
  }
  return n;
}

// Colour C's share of the terms (added with sign `kSign`). Returns C's men
// with a free step (for the locked-position term).
template <Color C, typename Sink>
int side_terms(const Position& pos, Sink& sink) {
  constexpr Color Them = ~C;
  constexpr int kSign = C == Color::kWhite ? 1 : -1;
  constexpr int kC = static_cast<int>(C);
  const Bitboard men = pos.men(C), kings = pos.kings_of(C);
  const Bitboard empty = pos.empty_squares(), occupied = pos.occupied();

  sink.term(kTempo, kSign * tempo_count(men, kC));
  sink.term(kBalance, kSign * std::abs(popcount(men & kLeftWing) - popcount(men & kRightWing)));

  Bitboard movable;
  if constexpr (C == Color::kWhite) {
    movable = men & (shift<kDownRight>(empty) | shift<kDownLeft>(empty));
  } else {
    movable = men & (shift<kUpLeft>(empty) | shift<kUpRight>(empty));
  }
  const int free_men = popcount(movable);
  sink.term(kMobility, kSign * free_men);

  if (!pos.kings_of(Them)) {
    const Bitboard near = C == Color::kWhite ? (row_mask(1) | row_mask(2) | row_mask(3) | row_mask(4))
                                             : (row_mask(8) | row_mask(7) | row_mask(6) | row_mask(5));
    int runaway[5] = {0, 0, 0, 0, 0}, broken = 0;
    for (Bitboard m = men & near; m; m &= m - 1) {
      const int b = lsb(m);
      const Bitboard cone = kCones.cone[kC][b];
      if (cone & pos.men(Them)) continue;
      const int row = row_of_square(square_of_bit(b));
      const int to_go = C == Color::kWhite ? row : 9 - row;
      if (cone & occupied) {
        ++broken;
      } else {
        ++runaway[to_go];
      }
    }
    for (int k = 1; k <= 4; ++k)
      if (runaway[k]) sink.term(static_cast<Term>(kRunaway1 + k - 1), kSign * runaway[k]);
    if (broken) sink.term(kBreakthrough, kSign * broken);
  }

  if (kings) {
    int reach = 0, trapped = 0;
    for (Bitboard k = kings; k; k &= k - 1) {
      const int r = king_reach(lsb(k), occupied);
      reach += r;
      trapped += r == 0;
    }
    sink.term(kKingMobility, kSign * reach);
    sink.term(kKingDiagonal, kSign * popcount(kings & kMainDiagonal));
    if (trapped) sink.term(kKingTrapped, kSign * trapped);
  }
  return free_men;
}

}  // namespace detail

// Feeds every feature of `pos` to `sink`, White's view:
//   sink.pattern(table, index, sign)  // sign +1 White's region, -1 Black's
//   sink.term(term, value)
// Terms with value 0 may be left out. The phase is for the caller
// (phase_of); the features do not depend on it.
template <int kLayoutIndex, typename Sink>
inline void features(const Position& pos, Sink& sink) {
  constexpr const Layout& L = kLayouts[kLayoutIndex];
  constexpr int N = L.squares;
  const Bitboard wm = pos.men(Color::kWhite), bm = pos.men(Color::kBlack);
  for (int t = 0; t < L.size; ++t) {
    sink.pattern(t, white_index<N>(L.pairs[t], wm, bm), +1);
    sink.pattern(t, black_index<N>(L.pairs[t], wm, bm), -1);
  }
  const int wk = popcount(pos.kings_of(Color::kWhite)), bk = popcount(pos.kings_of(Color::kBlack));
  sink.term(kMan, popcount(wm) - popcount(bm));
  if (wk != bk) sink.term(kKing, wk - bk);
  if ((wk == 0) != (bk == 0)) sink.term(kFirstKing, wk ? 1 : -1);
  const int free_w = detail::side_terms<Color::kWhite>(pos, sink);
  const int free_b = detail::side_terms<Color::kBlack>(pos, sink);
  // Locked positions (men only: a king always has spare moves somewhere):
  // the side with more free moves wins the tempo fight.
  constexpr int kLockedBelow = 10;
  const int free_men = free_w + free_b;
  if (!pos.kings && wm && bm && free_men < kLockedBelow) {
    sink.term(kLocked, (kLockedBelow - free_men) * (free_w - free_b));
  }
  sink.term(kSideToMove, pos.side == Color::kWhite ? 1 : -1);
}

// Same for a layout chosen at run time (the fitter).
template <typename Sink>
inline void features(const Position& pos, int layout, Sink& sink) {
  switch (layout) {
    case 0: features<0>(pos, sink); break;
    case 1: features<1>(pos, sink); break;
    case 2: features<2>(pos, sink); break;
    default: features<3>(pos, sink); break;
  }
}

inline int phase_of(const Position& pos) { return std::min(popcount(pos.occupied()), kPhaseMax); }

}  // namespace tempo::eval
