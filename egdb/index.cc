#include "egdb/index.h"

#include <string>

namespace tempo::egdb {
namespace {

struct Binomials {
  std::array<std::array<std::uint64_t, kMaxPieces + 1>, 51> c{};
};
constexpr Binomials make_binomials() {
  Binomials t{};
  for (int n = 0; n <= 50; ++n) {
    t.c[n][0] = 1;
    for (int k = 1; k <= kMaxPieces; ++k) t.c[n][k] = n == 0 ? 0 : t.c[n - 1][k - 1] + t.c[n - 1][k];
  }
  return t;
}
constexpr Binomials kBinomials = make_binomials();

// Square numbers (1..50) of the set bits, ascending.
int squares_of(Bitboard b, int* out) {
  int n = 0;
  for (; b; b &= b - 1) out[n++] = square_of_bit(lsb(b));
  return n;
}

// Bit (square - 1) set for every square of `b`: 50 bits without ghosts.
std::uint64_t dense(Bitboard b) {
  std::uint64_t d = 0;
  for (; b; b &= b - 1) d |= std::uint64_t{1} << (square_of_bit(lsb(b)) - 1);
  return d;
}

// Rank of ascending values v[0] < v[1] < ... : sum of C(v[i], i + 1).
std::uint64_t rank(const int* v, int k) {
  std::uint64_t r = 0;
  for (int i = 0; i < k; ++i) r += kBinomials.c[v[i]][i + 1];
  return r;
}

// The k values (each below n) of rank r, ascending.
void unrank(std::uint64_t r, int k, int n, int* v) {
  int top = n - 1;
  for (int i = k; i >= 1; --i) {
    while (kBinomials.c[top][i] > r) --top;
    v[i - 1] = top;
    r -= kBinomials.c[top][i];
    --top;
  }
}

// Position among the squares outside `taken` (dense) of square s (1..50).
int free_rank(int s, std::uint64_t taken) {
  return (s - 1) - std::popcount(taken & ((std::uint64_t{1} << (s - 1)) - 1));
}

// The square (1..50) that is the v-th one outside `taken`, or 0.
int free_square(int v, std::uint64_t taken) {
  for (int s = 1; s <= 50; ++s) {
    if (taken >> (s - 1) & 1) continue;
    if (v-- == 0) return s;
  }
  return 0;
}

}  // namespace

std::uint32_t Material::code() const {
  return static_cast<std::uint32_t>(white_men) | static_cast<std::uint32_t>(white_kings) << 8 |
         static_cast<std::uint32_t>(black_men) << 16 | static_cast<std::uint32_t>(black_kings) << 24;
}

Material Material::from_code(std::uint32_t code) {
  return {static_cast<int>(code & 0xff), static_cast<int>(code >> 8 & 0xff), static_cast<int>(code >> 16 & 0xff),
          static_cast<int>(code >> 24 & 0xff)};
}

bool Material::valid() const {
  if (white_men < 0 || white_kings < 0 || black_men < 0 || black_kings < 0) return false;
  return white_men + white_kings >= 1 && black_men + black_kings >= 1 && pieces() <= kMaxPieces;
}

std::string Material::name() const {
  auto side = [](int men, int kings) {
    std::string s;
    if (men) s += std::to_string(men) + "M";
    if (kings) s += std::to_string(kings) + "K";
    return s.empty() ? std::string("0") : s;
  };
  return side(white_men, white_kings) + "-" + side(black_men, black_kings);
}

std::uint64_t choose(int n, int k) {
  if (n < 0 || n > 50 || k < 0 || k > kMaxPieces) return 0;
  return kBinomials.c[n][k];
}

std::uint64_t slice_size(const Material& m) {
  const int free1 = 50 - m.white_men - m.black_men;
  return choose(45, m.white_men) * choose(45, m.black_men) * choose(free1, m.white_kings) *
         choose(free1 - m.white_kings, m.black_kings);
}

Position white_to_move(const Position& pos) {
  if (pos.side == Color::kWhite) return pos;
  // Square s <-> 51 - s is bit i <-> 53 - i (board.h's layout is symmetric).
  auto flip = [](Bitboard b) {
    Bitboard r = 0;
    for (; b; b &= b - 1) r |= bb(53 - lsb(b));
    return r;
  };
  Position m;
  m.white = flip(pos.black);
  m.black = flip(pos.white);
  m.kings = flip(pos.kings);
  m.side = Color::kWhite;
  return m;
}

Material material_of(const Position& pos) {
  const Color us = pos.side, them = ~pos.side;
  return {popcount(pos.men(us)), popcount(pos.kings_of(us)), popcount(pos.men(them)), popcount(pos.kings_of(them))};
}

std::uint64_t index_of(const Position& pos) {
  const Material m = material_of(pos);
  int s[kMaxPieces], v[kMaxPieces];
  // White men: squares 6..50.
  int k = squares_of(pos.men(Color::kWhite), s);
  for (int i = 0; i < k; ++i) v[i] = s[i] - 6;
  std::uint64_t index = rank(v, k);
  // Black men: squares 1..45.
  k = squares_of(pos.men(Color::kBlack), s);
  for (int i = 0; i < k; ++i) v[i] = s[i] - 1;
  index = index * choose(45, m.black_men) + rank(v, k);
  std::uint64_t taken = dense(pos.men(Color::kWhite) | pos.men(Color::kBlack));
  const int free1 = 50 - m.white_men - m.black_men;
  k = squares_of(pos.kings_of(Color::kWhite), s);
  for (int i = 0; i < k; ++i) v[i] = free_rank(s[i], taken);
  index = index * choose(free1, m.white_kings) + rank(v, k);
  taken |= dense(pos.kings_of(Color::kWhite));
  k = squares_of(pos.kings_of(Color::kBlack), s);
  for (int i = 0; i < k; ++i) v[i] = free_rank(s[i], taken);
  index = index * choose(free1 - m.white_kings, m.black_kings) + rank(v, k);
  return index;
}

std::optional<Position> position_at(const Material& m, std::uint64_t index) {
  if (!m.valid() || index >= slice_size(m)) return std::nullopt;
  const int free1 = 50 - m.white_men - m.black_men;
  const std::uint64_t n_bk = choose(free1 - m.white_kings, m.black_kings);
  const std::uint64_t n_wk = choose(free1, m.white_kings);
  const std::uint64_t n_bm = choose(45, m.black_men);
  const std::uint64_t r_bk = index % n_bk;
  index /= n_bk;
  const std::uint64_t r_wk = index % n_wk;
  index /= n_wk;
  const std::uint64_t r_bm = index % n_bm;
  const std::uint64_t r_wm = index / n_bm;

  Position pos = Position::empty(Color::kWhite);
  int v[kMaxPieces];
  unrank(r_wm, m.white_men, 45, v);
  for (int i = 0; i < m.white_men; ++i) pos.white |= square_bb(v[i] + 6);
  unrank(r_bm, m.black_men, 45, v);
  for (int i = 0; i < m.black_men; ++i) {
    const Bitboard sq = square_bb(v[i] + 1);
    if (pos.white & sq) return std::nullopt;  // both colours' men on one square
    pos.black |= sq;
  }
  std::uint64_t taken = dense(pos.white | pos.black);
  unrank(r_wk, m.white_kings, free1, v);
  Bitboard kings = 0;
  for (int i = 0; i < m.white_kings; ++i) kings |= square_bb(free_square(v[i], taken));
  pos.white |= kings;
  pos.kings |= kings;
  taken |= dense(kings);
  unrank(r_bk, m.black_kings, free1 - m.white_kings, v);
  kings = 0;
  for (int i = 0; i < m.black_kings; ++i) kings |= square_bb(free_square(v[i], taken));
  pos.black |= kings;
  pos.kings |= kings;
  return pos;
}

}  // namespace tempo::egdb
