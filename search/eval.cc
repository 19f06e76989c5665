// Hand-crafted evaluation, computed from White's view and negated for Black.
//
// Material dominates (man 100, king 300); the positional terms below are
// small, cheap bitboard counts, all multiplied by the feature scale so weaker
// levels can play more "materialistically". Drawish material (a lone king
// against too little) scales the whole score down: the search must not chase
// a nominal advantage that cannot win.
#include "search/eval.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>

#include "engine/board.h"

namespace tempo::eval {
namespace {

constexpr int column_of_square(int s) {
  const int row = row_of_square(s), p = (s - 1) % 5;
  return row % 2 == 0 ? 2 * p + 1 : 2 * p;
}

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

// Squares that matter in every phase.
constexpr Bitboard kCentre = squares_mask({22, 23, 24, 27, 28, 29});
constexpr Bitboard kWideCentre = squares_mask({17, 18, 19, 32, 33, 34});
constexpr Bitboard kLeftWing = columns_mask(0, 3);
constexpr Bitboard kRightWing = columns_mask(6, 9);
constexpr Bitboard kMainDiagonal = squares_mask({5, 10, 14, 19, 23, 28, 32, 37, 41, 46});
constexpr Bitboard kDoubleDiagonals = squares_mask({1, 7, 12, 18, 23, 29, 34, 40, 45, 6, 11, 17, 22, 28, 33, 39, 44, 50});
// Back-row men that stop the opponent promoting: 47-49 for White, 2-4 for Black.
constexpr Bitboard kWhiteGuard = squares_mask({47, 48, 49});
constexpr Bitboard kBlackGuard = squares_mask({2, 3, 4});
// Outposts: the advanced central squares a supported man holds (24/27 and neighbours).
constexpr Bitboard kWhiteOutpost = squares_mask({22, 23, 24, 25});
constexpr Bitboard kBlackOutpost = squares_mask({26, 27, 28, 29});

// kCone[colour][bit]: the squares in front of a man that an opponent would
// have to reach to stop it promoting (the widening triangle ahead of it).
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
constexpr ConeTable kCones = make_cones();

// Advancement by rank (0 = own back row .. 8 = one step from promotion), for
// a full board (midgame) and a bare one (endgame); interpolated by material.
constexpr std::array<int, 10> kAdvanceMidgame = {0, 1, 2, 3, 4, 4, 4, 5, 6, 0};
constexpr std::array<int, 10> kAdvanceEndgame = {0, 4, 8, 12, 17, 23, 30, 40, 52, 0};
// A free path to promotion with `n` rows to go, no opponent king to catch it.
constexpr std::array<int, 10> kRunaway = {0, 130, 90, 60, 35, 0, 0, 0, 0, 0};
// Broken through: no opponent man left in the cone ahead, only own men (which
// cost tempi to clear), and no opponent king.
constexpr std::array<int, 10> kBreakthrough = {0, 60, 40, 25, 12, 0, 0, 0, 0, 0};
// Locked positions: below this many movable men (both sides together) the
// side with more free moves wins the tempo fight: the other runs out and must
// give material. Weighted by how locked it is.
constexpr int kLockedBelow = 10;
constexpr int kLockedWeight = 3;

// Piece-square weights of a man (advancement + centre), stored bit-sliced:
// slice k holds the squares whose weight has bit k set, so a whole side's sum
// is a handful of popcounts.
constexpr int kSlices = 7;  // weights below 128
using Slices = std::array<Bitboard, kSlices>;

constexpr int man_square_weight(Color c, int square, bool endgame) {
  const int rank = c == Color::kWhite ? 9 - row_of_square(square) : row_of_square(square);
  int w = endgame ? kAdvanceEndgame[rank] : kAdvanceMidgame[rank];
  if (kCentre & square_bb(square)) w += 7;
  if (kWideCentre & square_bb(square)) w += 3;
  return w;
}

constexpr Slices make_slices(Color c, bool endgame) {
  Slices sl{};
  for (int s = 1; s <= kNumSquares; ++s) {
    const int w = man_square_weight(c, s, endgame);
    for (int k = 0; k < kSlices; ++k)
      if ((w >> k) & 1) sl[k] |= square_bb(s);
  }
  return sl;
}
constexpr std::array<std::array<Slices, 2>, 2> kManSlices = {{
    {make_slices(Color::kWhite, false), make_slices(Color::kWhite, true)},
    {make_slices(Color::kBlack, false), make_slices(Color::kBlack, true)},
}};

inline int sliced_sum(const Slices& sl, Bitboard men) {
  int s = 0;
  for (int k = 0; k < kSlices; ++k) s += popcount(men & sl[k]) << k;
  return s;
}

int free_squares(int bit, Bitboard occupied) {
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

// Adds colour C's positional terms to `t` (White's view: Black's count
// negative), phase 0..40 pieces. Returns how many of C's men have a free step.
template <Color C>
int side_terms(const Position& pos, int pieces_on_board, Terms& t) {
  constexpr Color Them = ~C;
  constexpr int kSign = C == Color::kWhite ? 1 : -1;
  const Bitboard own = pos.pieces(C), men = pos.men(C), kings = pos.kings_of(C);
  const Bitboard empty = pos.empty_squares(), occupied = pos.occupied();

  // Advancement (tempo) and centre: worth little on a full board, advancement
  // much in the endgame.
  const int phase = std::min(pieces_on_board, 40);  // 40 = midgame weight, 0 = endgame
  const auto& slices = kManSlices[static_cast<int>(C)];
  t.advancement += kSign * ((sliced_sum(slices[0], men) * phase + sliced_sum(slices[1], men) * (40 - phase)) / 40);

  // The back row guard matters while the opponent still has men to promote.
  if (pos.men(Them) && pieces_on_board > 14) t.guard += kSign * 5 * popcount(men & (C == Color::kWhite ? kWhiteGuard : kBlackGuard));

  // Left/right balance: a side crowded on one wing is brittle.
  const int left = popcount(men & kLeftWing), right = popcount(men & kRightWing);
  t.balance -= kSign * 3 * std::abs(left - right);

  // Formations: a man backed by two men behind it (the base of a triangle),
  // and an outpost that is held that way.
  Bitboard supported;
  if constexpr (C == Color::kWhite) {
    supported = men & shift<kUpLeft>(own) & shift<kUpRight>(own);
  } else {
    supported = men & shift<kDownLeft>(own) & shift<kDownRight>(own);
  }
  t.formation += kSign * (2 * popcount(supported) +
                          8 * popcount(supported & (C == Color::kWhite ? kWhiteOutpost : kBlackOutpost)));

  // Men that can move at all: a side out of free moves must give material.
  Bitboard movable;
  if constexpr (C == Color::kWhite) {
    movable = men & (shift<kDownRight>(empty) | shift<kDownLeft>(empty));
  } else {
    movable = men & (shift<kUpLeft>(empty) | shift<kUpRight>(empty));
  }
  const int free_men = popcount(movable);
  t.mobility += kSign * 2 * free_men;

  // Runaway men: nothing in front of them and no opponent king to come back;
  // breakthroughs: only own men in front.
  if (!pos.kings_of(Them)) {
    const Bitboard near = C == Color::kWhite ? (row_mask(1) | row_mask(2) | row_mask(3) | row_mask(4))
                                             : (row_mask(8) | row_mask(7) | row_mask(6) | row_mask(5));
    for (Bitboard m = men & near; m; m &= m - 1) {
      const int b = lsb(m);
      const Bitboard cone = kCones.cone[static_cast<int>(C)][b];
      if (cone & pos.men(Them)) continue;
      const int row = row_of_square(square_of_bit(b));
      const int to_go = C == Color::kWhite ? row : 9 - row;
      t.breakthrough += kSign * ((cone & occupied) ? kBreakthrough[to_go] : kRunaway[to_go]);
    }
  }

  // Kings: mobility, the long diagonals, and safety from being trapped.
  int k_score = 0;
  for (Bitboard k = kings; k; k &= k - 1) {
    const int b = lsb(k);
    const int mob = free_squares(b, occupied);
    k_score += 2 * mob;
    if (mob == 0) k_score -= 20;
    if (tempo::bb(b) & kMainDiagonal) k_score += 12;
    if (tempo::bb(b) & kDoubleDiagonals) k_score += 4;
  }
  t.kings += kSign * k_score;
  return free_men;
}

}  // namespace

int scale_q10(double feature_scale) {
  if (!(feature_scale > 0)) return 0;
  return static_cast<int>(std::lround(std::min(feature_scale, 4.0) * kFullScale));
}

Breakdown breakdown(const Position& pos) {
  Breakdown b;
  const int wm = popcount(pos.men(Color::kWhite)), bm = popcount(pos.men(Color::kBlack));
  const int wk = popcount(pos.kings_of(Color::kWhite)), bk = popcount(pos.kings_of(Color::kBlack));
  b.material = kMan * (wm - bm) + kKing * (wk - bk);
  const int pieces = wm + bm + wk + bk;
  Terms& t = b.terms;
  const int free_w = side_terms<Color::kWhite>(pos, pieces, t);
  const int free_b = side_terms<Color::kBlack>(pos, pieces, t);
  // Locked positions (men only: a king always has spare moves somewhere).
  const int free_men = free_w + free_b;
  if (!pos.kings && wm && bm && free_men < kLockedBelow) {
    t.locked = kLockedWeight * (kLockedBelow - free_men) * (free_w - free_b);
  }
  b.positional = t.sum();

  // Drawish material: a lone king holds against up to three pieces, and a
  // king-versus-kings ending with a small edge is rarely won.
  const int wn = wm + wk, bn = bm + bk;
  if ((bk == 1 && bn == 1 && wn <= 3 && wk >= 1) || (wk == 1 && wn == 1 && bn <= 3 && bk >= 1)) {
    b.scale_num = 1;
  } else if (wk && bk && std::abs(b.material) <= kKing) {
    b.scale_num = 6;
  }
  return b;
}

int score(const Position& pos, int scale_q10) {
  if (scale_q10 == 0) {
    const int m = kMan * (popcount(pos.men(Color::kWhite)) - popcount(pos.men(Color::kBlack))) +
                  kKing * (popcount(pos.kings_of(Color::kWhite)) - popcount(pos.kings_of(Color::kBlack)));
    return pos.side == Color::kWhite ? m : -m;
  }
  const Breakdown b = breakdown(pos);
  int s = b.material;
  if (scale_q10 > 0) {
    s += (b.positional * scale_q10) / kFullScale;
    if (b.scale_num != 16) s = s * b.scale_num / 16;
  }
  return pos.side == Color::kWhite ? s : -s;
}

}  // namespace tempo::eval
