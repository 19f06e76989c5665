#include "rules/movegen.h"

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

// The squares of `r` (a ray in Dir) before the nearest of `blockers` (a
// subset of it), the whole ray when there is none: masks, no second lookup.
template <int Dir>
inline Bitboard before_first(Bitboard r, Bitboard blockers) {
  if constexpr (kStep[Dir] > 0) {
    return r & (blockers - 1) & ~blockers;  // below the lowest blocker
  } else {
    return r & (~Bitboard{0} << (64 - std::countl_zero(blockers)));  // above the highest one
  }
}

// The nearest square of `b` (a non-empty subset of a ray in Dir), as a bitboard.
template <int Dir>
inline Bitboard first_of(Bitboard b) {
  if constexpr (kStep[Dir] > 0) {
    return b & (0 - b);
  } else {
    return bb(63 - std::countl_zero(b));
  }
}

// Opponents a piece moving in Dir could take: the square behind them is free.
template <int Dir>
inline Bitboard takeable(Bitboard opponents, Bitboard empty) {
  return opponents & raw_shift<opposite(Dir)>(empty);
}

// Depth-first search over capture sequences of one piece. `empty` is the set
// of squares a piece may land on: empty at the start of the move, plus the
// capturing piece's own start square. Captured pieces stay off that set, so
// they block until the move is over.
//
// Moves come out in one fixed order (kings, then men, each in bit order;
// directions 0..3 at every square; landing squares in bit order; depth
// first), which the search's move ordering and the bench signature rely on.
struct CaptureSearch {
  Bitboard opponents;
  Bitboard empty;
  Bitboard blocking;                // kValid & ~empty: what stops a king's slide
  std::array<Bitboard, 4> exposed;  // per direction: the takeable<Dir>() opponents
  int from;
  int best;         // most pieces taken by any sequence found so far
  int piece_begin;  // the current piece's first move in the list
  MoveList* list;

  void start_piece(int sq, Bitboard empty_squares) {
    from = sq;
    empty = empty_squares | bb(sq);
    piece_begin = list->size;
  }

  // Only sequences of two or more captures of the same piece can reach the
  // same square over the same pieces by another route.
  bool seen(const Move& m) const {
    for (int i = piece_begin; i < list->size; ++i)
      if (list->moves[i] == m) return true;
    return false;
  }

  void record(int to, Bitboard captured, int count) {
    if (count < best) return;
    if (count > best) {
      best = count;
      list->clear();
      piece_begin = 0;
    }
    const Move m{captured, static_cast<std::uint8_t>(from), static_cast<std::uint8_t>(to)};
    if (count >= 2 && seen(m)) return;
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

  // The king on `sq` starts; `dirs[d]` holds it when it has a piece to take in d.
  void start_king(int sq, const std::array<Bitboard, 4>& dirs) {
    blocking = kValid & ~empty;
    exposed = {tempo::takeable<0>(opponents, empty), tempo::takeable<1>(opponents, empty),
               tempo::takeable<2>(opponents, empty), tempo::takeable<3>(opponents, empty)};
    const Bitboard k = bb(sq);
    if (dirs[0] & k) king_take<0>(sq, 0, 0);
    if (dirs[1] & k) king_take<1>(sq, 0, 0);
    if (dirs[2] & k) king_take<2>(sq, 0, 0);
    if (dirs[3] & k) king_take<3>(sq, 0, 0);
  }

  // The empty squares from which a king sliding in Dir meets one of
  // `victims` first: all such squares at once.
  template <int Dir>
  Bitboard sees(Bitboard victims) const {
    constexpr int back = opposite(Dir);
    return slide_fill<back>(raw_shift<back>(victims) & empty, empty);
  }

  // From `sq`, take the nearest piece in Dir (the caller knows there is one
  // to take) and go on from every landing square behind it.
  template <int Dir>
  void king_take(int sq, Bitboard captured, int count) {
    const Bitboard r = ray(Dir, sq), blockers = r & blocking;
    const Bitboard victim = first_of<Dir>(blockers);
    // The free squares behind the victim, up to the next blocker.
    const Bitboard behind = kStep[Dir] > 0 ? r & ~((victim << 1) - 1) : r & (victim - 1);
    king_land<Dir>(before_first<Dir>(behind, blockers ^ victim), captured | victim, count + 1);
  }

  // One capture in Dir is made; `landings` are the squares the king may stop
  // on. From each, it may turn to either side; along Dir, every landing
  // reaches the same next piece, so only the first one looks that way. When
  // no landing goes on, every landing ends a sequence. When one does, the
  // others' shorter sequences could never be kept (the longer one is
  // compulsory), so they are not recorded at all.
  template <int Dir>
  void king_land(Bitboard landings, Bitboard captured, int count) {
    const Bitboard first = first_of<Dir>(landings);
    // Which landings go on, and in which direction (the two sideways ones
    // for every landing, straight on for the first).
    const Bitboard on0 = goes_on<0, Dir>(landings, first, captured);
    const Bitboard on1 = goes_on<1, Dir>(landings, first, captured);
    const Bitboard on2 = goes_on<2, Dir>(landings, first, captured);
    const Bitboard on3 = goes_on<3, Dir>(landings, first, captured);
    if (const Bitboard on = on0 | on1 | on2 | on3) {
      for (Bitboard l = on; l; l &= l - 1) {
        const Bitboard at = l & (0 - l);
        const int sq = lsb(l);
        if (on0 & at) king_take<0>(sq, captured, count);
        if (on1 & at) king_take<1>(sq, captured, count);
        if (on2 & at) king_take<2>(sq, captured, count);
        if (on3 & at) king_take<3>(sq, captured, count);
      }
      return;
    }
    if (count < best) return;
    if (count > best) {
      best = count;
      list->clear();
      piece_begin = 0;
    }
    for (Bitboard l = landings; l; l &= l - 1) {
      const Move m{captured, static_cast<std::uint8_t>(from), static_cast<std::uint8_t>(lsb(l))};
      if (count >= 2 && seen(m)) continue;
      list->push(m);
    }
  }

  // The landings (after a capture in Came) from which the king takes on in To.
  template <int To, int Came>
  Bitboard goes_on(Bitboard landings, Bitboard first, Bitboard captured) const {
    if constexpr (To == opposite(Came)) {
      return 0;
    } else if constexpr (To == Came) {
      // The piece right after the run of landings, seen from all of them.
      return (raw_shift<To>(landings) & exposed[To] & ~captured) ? first : 0;
    } else {
      return landings & sees<To>(exposed[To] & ~captured);
    }
  }
};

template <int Dir>
inline Bitboard man_jumpers(Bitboard men, Bitboard opp, Bitboard empty) {
  // men that have an opponent next to them in Dir with an empty square behind
  constexpr int back = opposite(Dir);
  return shift<back>(shift<back>(empty) & opp) & men;
}

// The pieces of `opp` that one of `kings` can take in Dir: all kings at once,
// sliding over the empty squares.
template <int Dir>
inline Bitboard king_victims(Bitboard kings, Bitboard opp, Bitboard empty) {
  return raw_shift<Dir>(slide_fill<Dir>(kings, empty)) & takeable<Dir>(opp, empty);
}

// The kings that can take a piece in Dir: back from the victims, over the
// empty squares, to the king that sees each.
template <int Dir>
inline Bitboard kings_taking(Bitboard kings, Bitboard opp, Bitboard empty) {
  constexpr int back = opposite(Dir);
  return raw_shift<back>(slide_fill<back>(king_victims<Dir>(kings, opp, empty), empty)) & kings;
}

// Kept out of line: the kings' fills need many registers, which the men-only
// positions of the opening and middlegame should not pay for on every call.
[[gnu::noinline]] bool kings_can_take(Bitboard kings, Bitboard opp, Bitboard empty) {
  return king_victims<kUpLeft>(kings, opp, empty) | king_victims<kUpRight>(kings, opp, empty) |
         king_victims<kDownLeft>(kings, opp, empty) | king_victims<kDownRight>(kings, opp, empty);
}

[[gnu::noinline]] void king_captures(CaptureSearch& cs, Bitboard kings, Bitboard empty) {
  const std::array<Bitboard, 4> dirs = {
      kings_taking<kUpLeft>(kings, cs.opponents, empty), kings_taking<kUpRight>(kings, cs.opponents, empty),
      kings_taking<kDownLeft>(kings, cs.opponents, empty), kings_taking<kDownRight>(kings, cs.opponents, empty)};
  for (Bitboard k = dirs[0] | dirs[1] | dirs[2] | dirs[3]; k; k &= k - 1) {
    cs.start_piece(lsb(k), empty);
    cs.start_king(cs.from, dirs);
  }
}

template <Color Us>
int captures(const Position& pos, MoveList& list) {
  list.clear();
  CaptureSearch cs{pos.pieces(~Us), 0, 0, {}, 0, 1, 0, &list};
  const Bitboard empty = pos.empty_squares();
  if (const Bitboard kings = pos.kings_of(Us)) king_captures(cs, kings, empty);
  // Only men with a capture in front of or behind them can start a sequence.
  const Bitboard opp = cs.opponents, men = pos.men(Us);
  const Bitboard jumpers = man_jumpers<kUpLeft>(men, opp, empty) | man_jumpers<kUpRight>(men, opp, empty) |
                           man_jumpers<kDownLeft>(men, opp, empty) | man_jumpers<kDownRight>(men, opp, empty);
  for (Bitboard m = jumpers; m; m &= m - 1) {
    cs.start_piece(lsb(m), empty);
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
  const Bitboard kings = pos.kings_of(Us);
  return kings && kings_can_take(kings, opp, empty);
}

// The quiet moves of the king on `from` in Dir.
template <int Dir>
inline void add_king_run(MoveList& list, int from, Bitboard occupied) {
  const Bitboard r = ray(Dir, from);
  for (Bitboard t = before_first<Dir>(r, r & occupied); t; t &= t - 1) {
    list.push(Move{0, static_cast<std::uint8_t>(from), static_cast<std::uint8_t>(lsb(t))});
  }
}

template <Color Us>
int quiet_moves(const Position& pos, MoveList& list) {
  list.clear();
  const Bitboard empty = pos.empty_squares(), occupied = pos.occupied();
  for (Bitboard k = pos.kings_of(Us); k; k &= k - 1) {
    const int from = lsb(k);
    add_king_run<kUpLeft>(list, from, occupied);
    add_king_run<kUpRight>(list, from, occupied);
    add_king_run<kDownLeft>(list, from, occupied);
    add_king_run<kDownRight>(list, from, occupied);
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
  // Kings' runs in one direction never overlap (a run stops at the first
  // piece), so one fill of all kings counts them all.
  if (const Bitboard kings = pos.kings_of(Us)) {
    n += popcount(slide_fill<kUpLeft>(kings, empty)) + popcount(slide_fill<kUpRight>(kings, empty)) +
         popcount(slide_fill<kDownLeft>(kings, empty)) + popcount(slide_fill<kDownRight>(kings, empty)) -
         4 * popcount(kings);
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
  Bitboard target;  // the pieces the route must take, all of them
  int to;
  bool is_king;
  bool all_landings;         // every route (true) or stop at the first one
  std::vector<int> squares;  // bit indices: from, then each landing
  std::vector<int> dirs;     // direction of each capture
  std::vector<int> victims;  // bit index of each captured piece
  std::vector<CaptureRoute>* out;
  long budget = 200000;  // bounds pathological composed positions

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
  RouteSearch rs{pos.empty_squares() | bb(m.from),
                 m.captured,
                 m.to,
                 static_cast<bool>(pos.kings & bb(m.from)),
                 all_landings,
                 {},
                 {},
                 {},
                 &out};
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
