#include "engine/movegen.h"

#include <algorithm>

namespace tempo {
namespace {

// kNeighbor[dir][bit]: the adjacent square in `dir`, or -1 off the board.
struct NeighborTable {
  std::array<std::array<std::int8_t, 64>, 4> next{};
};
constexpr NeighborTable make_neighbors() {
  NeighborTable t{};
  for (int d = 0; d < 4; ++d)
    for (int b = 0; b < 64; ++b) t.next[d][b] = static_cast<std::int8_t>(b < kNumBits ? step_bit(b, d) : -1);
  return t;
}
constexpr NeighborTable kNeighbor = make_neighbors();

// The squares of ray(dir, from) strictly before the first of `occupied`.
inline Bitboard free_run(int dir, int from, Bitboard occupied) {
  const Bitboard r = ray(dir, from);
  const Bitboard blockers = r & occupied;
  if (!blockers) return r;
  const int b = nearest(dir, blockers);
  return r & ~(ray(dir, b) | bb(b));
}

// Depth-first search over capture sequences of one piece. `empty` is the set
// of squares a piece may land on: empty at the start of the move, plus the
// capturing piece's own start square. Captured pieces stay off that set, so
// they block until the move is over.
struct CaptureSearch {
  Bitboard opponents;
  Bitboard empty;
  int from;
  int best;  // most pieces taken by any sequence found so far
  MoveList* list;

  void record(int to, Bitboard captured, int count) {
    if (count < best) return;
    if (count > best) {
      best = count;
      list->clear();
    }
    const Move m{captured, static_cast<std::uint8_t>(from), static_cast<std::uint8_t>(to)};
    // Only sequences of two or more captures can reach the same square over
    // the same pieces by another route.
    if (count >= 2 && list->contains(m)) return;
    list->push(m);
  }

  void man(int sq, Bitboard captured, int count) {
    bool extended = false;
    for (int d = 0; d < 4; ++d) {
      const int mid = kNeighbor.next[d][sq];
      if (mid < 0 || !(opponents & ~captured & bb(mid))) continue;
      const int land = kNeighbor.next[d][mid];
      if (land < 0 || !(empty & bb(land))) continue;
      extended = true;
      man(land, captured | bb(mid), count + 1);
    }
    if (!extended && count > 0) record(sq, captured, count);
  }

  // `came` is the direction of the previous capture (-1 at the start);
  // `forward` says whether to try capturing further along that same line:
  // every landing square of one segment reaches the same next piece in that
  // direction, so only one of them needs to look.
  void king(int sq, int came, bool forward, Bitboard captured, int count) {
    bool extended = false;
    const Bitboard blocking = kValid & ~empty;
    for (int d = 0; d < 4; ++d) {
      if (came >= 0 && (d == opposite(came) || (d == came && !forward))) continue;
      const Bitboard blockers = ray(d, sq) & blocking;
      if (!blockers) continue;
      const int victim = nearest(d, blockers);
      if (!(opponents & ~captured & bb(victim))) continue;
      const Bitboard landings = free_run(d, victim, blocking);
      if (!landings) continue;
      extended = true;
      const Bitboard now_captured = captured | bb(victim);
      const int first = nearest(d, landings);
      for (Bitboard l = landings; l; l &= l - 1) {
        const int land = lsb(l);
        king(land, d, land == first, now_captured, count + 1);
      }
    }
    if (!extended && count > 0) record(sq, captured, count);
  }
};

template <int Dir>
inline Bitboard man_jumpers(Bitboard men, Bitboard opp, Bitboard empty) {
  // men that have an opponent next to them in Dir with an empty square behind
  constexpr int back = opposite(Dir);
  return shift<back>(shift<back>(empty) & opp) & men;
}

template <Color Us>
int captures(const Position& pos, MoveList& list) {
  list.clear();
  CaptureSearch cs{pos.pieces(~Us), 0, 0, 1, &list};
  const Bitboard empty = pos.empty_squares();
  for (Bitboard k = pos.kings_of(Us); k; k &= k - 1) {
    cs.from = lsb(k);
    cs.empty = empty | bb(cs.from);
    cs.king(cs.from, -1, true, 0, 0);
  }
  // Only men with a capture in front of or behind them can start a sequence.
  const Bitboard opp = cs.opponents, men = pos.men(Us);
  const Bitboard jumpers = man_jumpers<kUpLeft>(men, opp, empty) | man_jumpers<kUpRight>(men, opp, empty) |
                           man_jumpers<kDownLeft>(men, opp, empty) | man_jumpers<kDownRight>(men, opp, empty);
  for (Bitboard m = jumpers; m; m &= m - 1) {
    cs.from = lsb(m);
    cs.empty = empty | bb(cs.from);
    cs.man(cs.from, 0, 0);
  }
  return list.size;
}

template <Color Us>
bool any_capture(const Position& pos) {
  const Bitboard opp = pos.pieces(~Us), empty = pos.empty_squares(), men = pos.men(Us);
  if (man_jumpers<kUpLeft>(men, opp, empty) | man_jumpers<kUpRight>(men, opp, empty) |
      man_jumpers<kDownLeft>(men, opp, empty) | man_jumpers<kDownRight>(men, opp, empty))
    return true;
  const Bitboard occupied = pos.occupied();
  for (Bitboard k = pos.kings_of(Us); k; k &= k - 1) {
    const int sq = lsb(k);
    for (int d = 0; d < 4; ++d) {
      const Bitboard blockers = ray(d, sq) & occupied;
      if (!blockers) continue;
      const int victim = nearest(d, blockers);
      if (!(opp & bb(victim))) continue;
      const int beyond = kNeighbor.next[d][victim];
      if (beyond >= 0 && (empty & bb(beyond))) return true;
    }
  }
  return false;
}

template <Color Us>
int quiet_moves(const Position& pos, MoveList& list) {
  list.clear();
  const Bitboard empty = pos.empty_squares(), occupied = pos.occupied();
  for (Bitboard k = pos.kings_of(Us); k; k &= k - 1) {
    const int from = lsb(k);
    for (int d = 0; d < 4; ++d) {
      for (Bitboard t = free_run(d, from, occupied); t; t &= t - 1) {
        list.push(Move{0, static_cast<std::uint8_t>(from), static_cast<std::uint8_t>(lsb(t))});
      }
    }
  }
  constexpr int left = Us == Color::kWhite ? kUpLeft : kDownLeft;
  constexpr int right = Us == Color::kWhite ? kUpRight : kDownRight;
  const Bitboard men = pos.men(Us);
  for (Bitboard t = shift<left>(men) & empty; t; t &= t - 1) {
    const int to = lsb(t);
    list.push(Move{0, static_cast<std::uint8_t>(to - kStep[left]), static_cast<std::uint8_t>(to)});
  }
  for (Bitboard t = shift<right>(men) & empty; t; t &= t - 1) {
    const int to = lsb(t);
    list.push(Move{0, static_cast<std::uint8_t>(to - kStep[right]), static_cast<std::uint8_t>(to)});
  }
  return list.size;
}

template <Color Us>
int count_quiet(const Position& pos) {
  constexpr int left = Us == Color::kWhite ? kUpLeft : kDownLeft;
  constexpr int right = Us == Color::kWhite ? kUpRight : kDownRight;
  const Bitboard empty = pos.empty_squares(), men = pos.men(Us);
  int n = popcount(shift<left>(men) & empty) + popcount(shift<right>(men) & empty);
  const Bitboard occupied = pos.occupied();
  for (Bitboard k = pos.kings_of(Us); k; k &= k - 1) {
    const int from = lsb(k);
    for (int d = 0; d < 4; ++d) n += popcount(free_run(d, from, occupied));
  }
  return n;
}

template <Color Us>
int all_moves(const Position& pos, MoveList& list) {
  if (any_capture<Us>(pos)) return captures<Us>(pos, list);
  return quiet_moves<Us>(pos, list);
}

// Follows capture routes restricted to the pieces in `target`, recording the
// landing squares, for capture_path() and capture_routes().
struct RouteSearch {
  Bitboard empty;
  Bitboard target;     // the pieces the route must take, all of them
  int to;
  bool is_king;
  bool all_landings;   // every route (true) or stop at the first one
  std::vector<int> squares;  // bit indices: from, then each landing
  std::vector<int> dirs;     // direction of each capture
  std::vector<int> victims;  // bit index of each captured piece
  std::vector<CaptureRoute>* out;
  long budget = 200000;      // bounds pathological composed positions

  bool done() const { return budget <= 0 || (!all_landings && !out->empty()); }

  void found(Bitboard captured) {
    CaptureRoute r{{}, captured, {}};
    for (int v : victims) r.taken.push_back(square_of_bit(v));
    for (std::size_t i = 0; i < squares.size(); ++i) {
      int sq = squares[i];
      // An intermediate king landing on a straight continuation is written as
      // the square just behind the captured piece (PDN's long form).
      if (!all_landings && i > 0 && i < dirs.size() && dirs[i] == dirs[i - 1]) {
        sq = kNeighbor.next[dirs[i - 1]][victims[i - 1]];
      }
      r.squares.push_back(square_of_bit(sq));
    }
    out->push_back(std::move(r));
  }

  void visit(int sq, int came, Bitboard captured) {
    if (done()) return;
    --budget;
    squares.push_back(sq);
    if (captured == target) {
      if (sq == to) found(captured);
    } else {
      const Bitboard blocking = kValid & ~empty;
      for (int d = 0; d < 4 && !done(); ++d) {
        if (came >= 0 && d == opposite(came)) continue;
        int victim;
        Bitboard landings;
        if (is_king) {
          const Bitboard blockers = ray(d, sq) & blocking;
          if (!blockers) continue;
          victim = nearest(d, blockers);
          landings = free_run(d, victim, blocking);
        } else {
          victim = kNeighbor.next[d][sq];
          if (victim < 0) continue;
          const int land = kNeighbor.next[d][victim];
          landings = land >= 0 ? (bb(land) & empty) : 0;
        }
        if (!(target & ~captured & bb(victim)) || !landings) continue;
        dirs.push_back(d);
        victims.push_back(victim);
        for (Bitboard l = landings; l && !done(); l &= l - 1) visit(lsb(l), d, captured | bb(victim));
        dirs.pop_back();
        victims.pop_back();
      }
    }
    squares.pop_back();
  }
};

std::vector<CaptureRoute> routes(const Position& pos, const Move& m, bool all_landings) {
  std::vector<CaptureRoute> out;
  RouteSearch rs{pos.empty_squares() | bb(m.from), m.captured, m.to, static_cast<bool>(pos.kings & bb(m.from)),
                 all_landings, {}, {}, {}, &out};
  rs.visit(m.from, -1, 0);
  return out;
}

}  // namespace

int generate_moves(const Position& pos, MoveList& list) {
  return pos.side == Color::kWhite ? all_moves<Color::kWhite>(pos, list) : all_moves<Color::kBlack>(pos, list);
}

int generate_captures(const Position& pos, MoveList& list) {
  return pos.side == Color::kWhite ? captures<Color::kWhite>(pos, list) : captures<Color::kBlack>(pos, list);
}

bool has_capture(const Position& pos) {
  return pos.side == Color::kWhite ? any_capture<Color::kWhite>(pos) : any_capture<Color::kBlack>(pos);
}

int count_moves(const Position& pos) {
  if (has_capture(pos)) {
    MoveList list;
    return generate_captures(pos, list);
  }
  return pos.side == Color::kWhite ? count_quiet<Color::kWhite>(pos) : count_quiet<Color::kBlack>(pos);
}

Bitboard movable_men(const Position& pos) {
  const Color us = pos.side;
  const Bitboard men = pos.men(us), empty = pos.empty_squares();
  if (us == Color::kWhite) return men & (shift<kDownRight>(empty) | shift<kDownLeft>(empty));
  return men & (shift<kUpLeft>(empty) | shift<kUpRight>(empty));
}

CaptureRoute capture_route(const Position& pos, const Move& m) {
  MoveList legal;
  generate_moves(pos, legal);
  if (!legal.contains(m)) return {};
  if (!m.is_capture()) return {{m.from_square(), m.to_square()}, 0, {}};
  std::vector<CaptureRoute> found = routes(pos, m, /*all_landings=*/false);
  if (found.empty()) return {};
  return std::move(found.front());
}

std::vector<int> capture_path(const Position& pos, const Move& m) { return capture_route(pos, m).squares; }

std::vector<CaptureRoute> capture_routes(const Position& pos, int from_square, int to_square) {
  std::vector<CaptureRoute> out;
  if (from_square < 1 || from_square > kNumSquares || to_square < 1 || to_square > kNumSquares) return out;
  MoveList legal;
  generate_captures(pos, legal);
  const int from = bit_of_square(from_square), to = bit_of_square(to_square);
  for (const Move& m : legal) {
    if (m.from != from || m.to != to) continue;
    std::vector<CaptureRoute> r = routes(pos, m, /*all_landings=*/true);
    out.insert(out.end(), r.begin(), r.end());
  }
  return out;
}

}  // namespace tempo
