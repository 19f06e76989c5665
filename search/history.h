// Move-ordering memory for one search (internal to search/): killer moves
// per ply and a from/to history of quiet moves that caused cut-offs.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "rules/move.h"
#include "rules/position.h"

namespace tempo::ordering {

struct Killers {
  Move first, second;

  void add(const Move& m) {
    if (m == first) return;
    second = first;
    first = m;
  }
};

// history[side][from][to], bit indices. Bounded so it never overflows and
// recent successes weigh more (values are halved when one gets too large).
class History {
 public:
  static constexpr int kMax = 1 << 20;

  void clear() { std::memset(table_, 0, sizeof(table_)); }
  int get(Color side, const Move& m) const { return table_[static_cast<int>(side)][m.from][m.to]; }
  void reward(Color side, const Move& m, int depth) { bump(side, m, depth * depth); }
  void punish(Color side, const Move& m, int depth) { bump(side, m, -depth * depth); }

 private:
  void bump(Color side, const Move& m, int delta) {
    int& v = table_[static_cast<int>(side)][m.from][m.to];
    v += delta;
    if (v > kMax || v < -kMax) age();
  }
  void age() {
    for (auto& side : table_)
      for (auto& from : side)
        for (int& v : from) v /= 2;
  }
  int table_[2][64][64];
};

}  // namespace tempo::ordering
