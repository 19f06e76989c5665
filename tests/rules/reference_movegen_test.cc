// Differential test: the bitboard move generator against a deliberately
// simple one written on a 10x10 array straight from the FMJD rules, on many
// random positions (kings everywhere, which perft from the start rarely sees).
#include <algorithm>
#include <random>
#include <set>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "rules/fen.h"
#include "rules/movegen.h"

namespace tempo {
namespace {

struct RefMove {
  int from, to;
  std::set<int> captured;  // square numbers
  auto key() const { return std::tuple(from, to, captured); }
  bool operator<(const RefMove& o) const { return key() < o.key(); }
  bool operator==(const RefMove& o) const { return key() == o.key(); }
};

int square_at(int r, int c) {
  if (r < 0 || r > 9 || c < 0 || c > 9 || (r + c) % 2 == 0) return 0;
  return r * 5 + c / 2 + 1;
}
void coords(int s, int& r, int& c) {
  r = (s - 1) / 5;
  const int k = (s - 1) % 5;
  c = (r % 2 == 0) ? 2 * k + 1 : 2 * k;
}

class Reference {
 public:
  explicit Reference(const Position& p) : pos_(p) {
    for (int s = 1; s <= 50; ++s) board_[s] = p.at(s);
  }

  std::set<RefMove> moves() {
    std::set<RefMove> caps;
    int best = 0;
    for (int s = 1; s <= 50; ++s) {
      if (!mine(board_[s])) continue;
      const Piece me = board_[s];
      board_[s] = Piece::kEmpty;  // the capturing piece's start square counts as empty
      std::set<int> taken;
      dfs(s, s, is_king(me), taken, caps, best);
      board_[s] = me;
    }
    if (!caps.empty()) return caps;
    std::set<RefMove> quiet;
    for (int s = 1; s <= 50; ++s) {
      if (!mine(board_[s])) continue;
      int r, c;
      coords(s, r, c);
      for (int dr : {-1, 1})
        for (int dc : {-1, 1}) {
          if (!is_king(board_[s])) {
            const int forward = pos_.side == Color::kWhite ? -1 : 1;
            if (dr != forward) continue;
            const int t = square_at(r + dr, c + dc);
            if (t && board_[t] == Piece::kEmpty) quiet.insert({s, t, {}});
          } else {
            for (int n = 1;; ++n) {
              const int t = square_at(r + n * dr, c + n * dc);
              if (!t || board_[t] != Piece::kEmpty) break;
              quiet.insert({s, t, {}});
            }
          }
        }
    }
    return quiet;
  }

 private:
  bool mine(Piece p) const { return pos_.side == Color::kWhite ? is_white(p) : is_black(p); }
  bool theirs(Piece p) const { return pos_.side == Color::kWhite ? is_black(p) : is_white(p); }

  void dfs(int from, int at, bool king, std::set<int>& taken, std::set<RefMove>& out, int& best) {
    int r, c;
    coords(at, r, c);
    bool extended = false;
    for (int dr : {-1, 1})
      for (int dc : {-1, 1}) {
        if (!king) {
          const int over = square_at(r + dr, c + dc), land = square_at(r + 2 * dr, c + 2 * dc);
          if (!over || !land || !theirs(board_[over]) || taken.count(over) || board_[land] != Piece::kEmpty) continue;
          extended = true;
          taken.insert(over);
          dfs(from, land, king, taken, out, best);
          taken.erase(over);
        } else {
          int n = 1, over = 0;
          for (;; ++n) {
            const int t = square_at(r + n * dr, c + n * dc);
            if (!t) break;
            if (board_[t] == Piece::kEmpty) continue;
            over = t;
            break;
          }
          if (!over || !theirs(board_[over]) || taken.count(over)) continue;
          taken.insert(over);
          for (int m = n + 1;; ++m) {
            const int land = square_at(r + m * dr, c + m * dc);
            if (!land || board_[land] != Piece::kEmpty) break;
            extended = true;
            dfs(from, land, king, taken, out, best);
          }
          taken.erase(over);
        }
      }
    if (!extended && !taken.empty()) {
      const int n = static_cast<int>(taken.size());
      if (n > best) {
        best = n;
        out.clear();
      }
      if (n == best) out.insert({from, at, taken});
    }
  }

  Position pos_;
  Piece board_[51];
};

std::set<RefMove> engine_moves(const Position& pos) {
  MoveList list;
  generate_moves(pos, list);
  std::set<RefMove> out;
  for (const Move& m : list) {
    RefMove r{m.from_square(), m.to_square(), {}};
    for (int s = 1; s <= 50; ++s)
      if (m.captured & square_bb(s)) r.captured.insert(s);
    EXPECT_TRUE(out.insert(r).second) << "duplicate move from the generator in " << to_fen(pos);
  }
  return out;
}

Position random_position(std::mt19937_64& rng) {
  Position p = Position::empty(rng() & 1 ? Color::kWhite : Color::kBlack);
  std::vector<int> squares(50);
  for (int i = 0; i < 50; ++i) squares[i] = i + 1;
  std::shuffle(squares.begin(), squares.end(), rng);
  const int white = 1 + static_cast<int>(rng() % 12), black = 1 + static_cast<int>(rng() % 12);
  const int king_pct = static_cast<int>(rng() % 101);
  int placed_w = 0, placed_b = 0;
  for (int s : squares) {
    const bool want_white = placed_w < white, want_black = placed_b < black;
    if (!want_white && !want_black) break;
    const bool as_white = want_white && (!want_black || (rng() & 1));
    const bool king = static_cast<int>(rng() % 100) < king_pct;
    const int row = row_of_square(s);
    if (!king && ((as_white && row == 0) || (!as_white && row == 9))) continue;
    p.set(s, as_white ? (king ? Piece::kWhiteKing : Piece::kWhiteMan) : (king ? Piece::kBlackKing : Piece::kBlackMan));
    (as_white ? placed_w : placed_b)++;
  }
  return p;
}

TEST(ReferenceMovegen, RandomPositionsAgree) {
  std::mt19937_64 rng(20261123);
  int with_captures = 0, with_king_captures = 0;
  for (int i = 0; i < 100000; ++i) {
    const Position pos = random_position(rng);
    ASSERT_TRUE(pos.validate().ok());
    const std::set<RefMove> expected = Reference(pos).moves();
    const std::set<RefMove> got = engine_moves(pos);
    ASSERT_EQ(got.size(), expected.size()) << to_fen(pos);
    ASSERT_TRUE(got == expected) << to_fen(pos);
    if (!expected.empty() && !expected.begin()->captured.empty()) {
      ++with_captures;
      if (pos.kings & bb(bit_of_square(expected.begin()->from))) ++with_king_captures;
    }
    EXPECT_EQ(has_capture(pos), !expected.empty() && !expected.begin()->captured.empty()) << to_fen(pos);
    EXPECT_EQ(count_moves(pos), static_cast<int>(expected.size())) << to_fen(pos);
  }
  // The sample must exercise what it is meant to.
  EXPECT_GT(with_captures, 15000);
  EXPECT_GT(with_king_captures, 5000);
}

TEST(ReferenceMovegen, RandomGamesAgree) {
  std::mt19937_64 rng(7);
  for (int game = 0; game < 300; ++game) {
    Position pos = Position::start();
    for (int ply = 0; ply < 200; ++ply) {
      const std::set<RefMove> expected = Reference(pos).moves();
      ASSERT_TRUE(engine_moves(pos) == expected) << to_fen(pos);
      MoveList list;
      if (generate_moves(pos, list) == 0) break;
      pos.play(list[static_cast<int>(rng() % list.size)]);
    }
  }
}

}  // namespace
}  // namespace tempo
