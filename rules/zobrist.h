// Zobrist keys: 64-bit, generated at compile time from a fixed seed, so every
// process, isolate and build computes the same key for the same position
// (the caller-owned transposition table relies on it).
#pragma once

#include <array>
#include <cstdint>

#include "rules/board.h"
#include "rules/move.h"
#include "rules/position.h"

namespace tempo::zobrist {

// Bump when the keys change: it is part of the table's fingerprint.
inline constexpr std::uint32_t kVersion = 1;
inline constexpr std::uint64_t kSeed = 0x7e4d90c1a2b3f5e7ULL;

constexpr std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

struct Keys {
  // [piece kind][bit]: 0 white man, 1 black man, 2 white king, 3 black king
  std::array<std::array<std::uint64_t, 64>, 4> piece{};
  std::uint64_t black_to_move = 0;
};

constexpr Keys make_keys() {
  Keys k{};
  std::uint64_t state = kSeed;
  for (auto& kind : k.piece)
    for (int b = 0; b < 64; ++b) kind[b] = ((kValid >> b) & 1) ? splitmix64(state) : 0;
  k.black_to_move = splitmix64(state);
  return k;
}
inline constexpr Keys kKeys = make_keys();

constexpr std::uint64_t pieces_key(Bitboard b, int kind) {
  std::uint64_t h = 0;
  for (; b; b &= b - 1) h ^= kKeys.piece[kind][lsb(b)];
  return h;
}

// Full key of a position.
constexpr std::uint64_t key(const Position& p) {
  return pieces_key(p.white & ~p.kings, 0) ^ pieces_key(p.black & ~p.kings, 1) ^ pieces_key(p.white & p.kings, 2) ^
         pieces_key(p.black & p.kings, 3) ^ (p.side == Color::kBlack ? kKeys.black_to_move : 0);
}

// Key of `before.after(m)`, updated incrementally from `k` = key(before).
constexpr std::uint64_t key_after(std::uint64_t k, const Position& before, const Move& m) {
  const bool white = before.side == Color::kWhite;
  const int us = white ? 0 : 1, them = white ? 1 : 0;
  const bool was_king = before.kings & bb(m.from);
  const bool promotes = !was_king && (bb(m.to) & (white ? kWhitePromotion : kBlackPromotion));
  k ^= kKeys.piece[was_king ? us + 2 : us][m.from];
  k ^= kKeys.piece[(was_king || promotes) ? us + 2 : us][m.to];
  const Bitboard their = before.pieces(white ? Color::kBlack : Color::kWhite);
  k ^= pieces_key(m.captured & their & ~before.kings, them) ^ pieces_key(m.captured & their & before.kings, them + 2);
  return k ^ kKeys.black_to_move;
}

}  // namespace tempo::zobrist
