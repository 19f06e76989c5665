#include "rules/perft.h"

#include "rules/movegen.h"

namespace tempo {

std::uint64_t perft(const Position& pos, int depth) {
  if (depth <= 0) return 1;
  if (depth == 1) return static_cast<std::uint64_t>(count_moves(pos));
  MoveList list;
  generate_moves(pos, list);
  std::uint64_t n = 0;
  for (const Move& m : list) n += perft(pos.after(m), depth - 1);
  return n;
}

std::vector<std::pair<Move, std::uint64_t>> perft_divide(const Position& pos, int depth) {
  std::vector<std::pair<Move, std::uint64_t>> out;
  if (depth <= 0) return out;
  MoveList list;
  generate_moves(pos, list);
  for (const Move& m : list) out.emplace_back(m, perft(pos.after(m), depth - 1));
  return out;
}

}  // namespace tempo
