#include "egdb/generate.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "egdb/writer.h"
#include "rules/movegen.h"

namespace tempo::egdb {
namespace {

constexpr std::uint8_t kDrawCode = 0, kWinCode = 1, kLossCode = 2;
// Working state bits of a position while its pair is solved.
constexpr std::uint8_t kValueBits = 3;  // 0 unsettled, 1 win, 2 loss
constexpr std::uint8_t kDrawExit = 4;   // a move out of the pair draws: never a loss
constexpr std::uint8_t kInvalid = 8;    // the number is not a position

std::uint8_t get2(const std::vector<std::uint8_t>& t, std::uint64_t i) { return t[i >> 2] >> (2 * (i & 3)) & 3; }

}  // namespace

std::vector<std::vector<Material>> build_plan(int pieces, bool kings_only) {
  std::vector<Material> all;
  for (int wm = 0; wm <= pieces; ++wm)
    for (int wk = 0; wk <= pieces; ++wk)
      for (int bm = 0; bm <= pieces; ++bm)
        for (int bk = 0; bk <= pieces; ++bk) {
          const Material m{wm, wk, bm, bk};
          if (!m.valid() || m.pieces() > pieces || (kings_only && m.men() > 0)) continue;
          all.push_back(m);
        }
  std::stable_sort(all.begin(), all.end(), [](const Material& a, const Material& b) {
    if (a.pieces() != b.pieces()) return a.pieces() < b.pieces();
    if (a.men() != b.men()) return a.men() < b.men();
    return a.code() < b.code();
  });
  std::vector<std::vector<Material>> plan;
  std::vector<Material> done;
  for (const Material& m : all) {
    if (std::find(done.begin(), done.end(), m) != done.end()) continue;
    std::vector<Material> group{m};
    done.push_back(m);
    if (!(m.swapped() == m)) {
      group.push_back(m.swapped());
      done.push_back(m.swapped());
    }
    plan.push_back(group);
  }
  return plan;
}

Generator::Generator() { lookup_.fill(-1); }

int Generator::slot(const Material& m) {
  constexpr int n = kMaxPieces + 1;
  return ((m.white_men * n + m.white_kings) * n + m.black_men) * n + m.black_kings;
}

bool Generator::solved(const Material& m) const { return m.valid() && lookup_[slot(m)] >= 0; }

const std::vector<std::uint8_t>& Generator::values(const Material& m) const { return tables_[lookup_[slot(m)]]; }

Value Generator::value(const Material& m, std::uint64_t index) const {
  const std::uint8_t c = get2(values(m), index);
  return c == kWinCode ? Value::kWin : c == kLossCode ? Value::kLoss : Value::kDraw;
}

absl::Status Generator::add(const Material& m, std::vector<std::uint8_t> packed) {
  if (!m.valid()) return absl::InvalidArgumentError("not a database slice");
  if (packed.size() != (slice_size(m) + 3) / 4)
    return absl::InvalidArgumentError(
        absl::StrCat("slice ", m.name(), ": ", packed.size(), " bytes, expected ", (slice_size(m) + 3) / 4));
  if (solved(m)) return absl::AlreadyExistsError(absl::StrCat("slice ", m.name(), " is already solved"));
  lookup_[slot(m)] = static_cast<int>(tables_.size());
  tables_.push_back(std::move(packed));
  materials_.push_back(m);
  return absl::OkStatus();
}

bool Generator::lookup(const Position& pos, std::uint8_t* code) const {
  if (pos.pieces(pos.side) == 0) {
    *code = kLossCode;
    return true;
  }
  const Position w = white_to_move(pos);
  const Material m = material_of(w);
  if (!solved(m)) return false;
  *code = get2(tables_[lookup_[slot(m)]], index_of(w));
  return true;
}

absl::StatusOr<GroupStats> Generator::solve(const std::vector<Material>& group) {
  if (group.empty() || group.size() > 2) return absl::InvalidArgumentError("a group is one slice or a mirror pair");
  for (const Material& m : group) {
    if (!m.valid()) return absl::InvalidArgumentError("not a database slice");
    if (solved(m)) return absl::AlreadyExistsError(absl::StrCat("slice ", m.name(), " is already solved"));
  }
  const int n = static_cast<int>(group.size());
  // Which member of the group holds a material (the mirror of the other).
  auto member = [&](const Material& m) { return m == group[0] ? 0 : 1; };
  std::vector<std::uint8_t> state[2], pending[2];
  std::vector<std::uint64_t> queue;  // member << 63 | index, settled wins and losses
  GroupStats stats;

  // Pass 1: every position's moves.
  for (int g = 0; g < n; ++g) {
    const Material& m = group[g];
    const std::uint64_t size = slice_size(m);
    state[g].assign(size, 0);
    pending[g].assign(size, 0);
    MoveList moves;
    for (std::uint64_t i = 0; i < size; ++i) {
      const std::optional<Position> pos = position_at(m, i);
      if (!pos) {
        state[g][i] = kInvalid;
        continue;
      }
      ++stats.positions;
      // Most positions have neither a capture nor a man one step from
      // promotion: every move stays in the pair, and counting them is enough.
      if (!(pos->men(Color::kWhite) & row_mask(1)) && !has_capture(*pos)) {
        const int quiet = count_moves(*pos);
        std::uint8_t s = 0;
        if (quiet == 0) {
          s = kLossCode;
          queue.push_back(std::uint64_t(g) << 63 | i);
        }
        state[g][i] = s;
        pending[g][i] = static_cast<std::uint8_t>(std::min(quiet, 255));
        continue;
      }
      generate_moves(*pos, moves);
      if (moves.overflowed) return absl::InternalError("move list overflow");
      std::uint8_t s = 0;
      int quiet = 0;
      for (const Move& mv : moves) {
        const bool promotes = !(pos->kings & bb(mv.from)) && (bb(mv.to) & kWhitePromotion);
        if (!mv.is_capture() && !promotes) {
          ++quiet;
          continue;
        }
        std::uint8_t c;
        if (!lookup(pos->after(mv), &c))
          return absl::FailedPreconditionError(absl::StrCat("slice ", m.name(), " needs a slice not solved yet"));
        if (c == kLossCode) {
          s = (s & ~kValueBits) | kWinCode;
          break;
        }
        if (c == kDrawCode) s |= kDrawExit;
      }
      if ((s & kValueBits) == 0 && quiet == 0 && !(s & kDrawExit)) s |= kLossCode;
      if (s & kValueBits) queue.push_back(std::uint64_t(g) << 63 | i);
      state[g][i] = s;
      pending[g][i] = static_cast<std::uint8_t>(std::min(quiet, 255));
    }
  }

  // Pass 2: predecessors of settled positions.
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const int g = static_cast<int>(queue[head] >> 63);
    const std::uint64_t i = queue[head] & ~(std::uint64_t{1} << 63);
    const bool lost = (state[g][i] & kValueBits) == kLossCode;
    const Position pos = *position_at(group[g], i);  // White to move; Black just moved
    const Bitboard empty = pos.empty_squares();
    auto update = [&](const Position& before) {
      if (has_capture(before)) return;  // the quiet move was not legal there
      const Position w = white_to_move(before);
      const int h = n == 1 ? 0 : member(material_of(w));
      const std::uint64_t j = index_of(w);
      std::uint8_t& s = state[h][j];
      if (s & kValueBits) return;
      if (lost) {
        s |= kWinCode;
      } else if (--pending[h][j] == 0 && !(s & kDrawExit)) {
        s |= kLossCode;
      } else {
        return;
      }
      queue.push_back(std::uint64_t(h) << 63 | j);
    };
    for (Bitboard b = pos.black; b; b &= b - 1) {
      const int t = lsb(b);
      const bool king = pos.kings & bb(t);
      Position before = pos;
      before.side = Color::kBlack;
      if (king) {
        for (int d = 0; d < 4; ++d) {
          for (int u = step_bit(t, d); u >= 0 && (empty & bb(u)); u = step_bit(u, d)) {
            before.black = pos.black ^ bb(t) ^ bb(u);
            before.kings = pos.kings ^ bb(t) ^ bb(u);
            update(before);
          }
        }
      } else {
        // Black men step towards square 50: they came from one row up.
        for (int d : {kUpLeft, kUpRight}) {
          const int u = step_bit(t, d);
          if (u < 0 || !(empty & bb(u))) continue;
          before.black = pos.black ^ bb(t) ^ bb(u);
          update(before);
        }
      }
    }
  }

  for (int g = 0; g < n; ++g) {
    const std::uint64_t size = slice_size(group[g]);
    std::vector<std::uint8_t> packed((size + 3) / 4, 0);
    for (std::uint64_t i = 0; i < size; ++i) {
      const std::uint8_t s = state[g][i];
      const std::uint8_t v = s & kValueBits;
      packed[i >> 2] |= static_cast<std::uint8_t>(v << (2 * (i & 3)));
      if (s & kInvalid) continue;
      if (v == kWinCode) ++stats.wins;
      else if (v == kLossCode) ++stats.losses;
      else ++stats.draws;
    }
    state[g].clear();
    state[g].shrink_to_fit();
    pending[g].clear();
    pending[g].shrink_to_fit();
    if (absl::Status st = add(group[g], std::move(packed)); !st.ok()) return st;
  }
  return stats;
}

std::vector<std::uint8_t> Generator::compressed(const Material& m) const {
  const std::vector<std::uint8_t>& t = values(m);
  const std::uint64_t size = slice_size(m);
  std::vector<std::uint8_t> codes(size);
  for (std::uint64_t i = 0; i < size; ++i) {
    const std::optional<Position> pos = position_at(m, i);
    codes[i] = (!pos || has_capture(*pos)) ? kDontCare : get2(t, i);
  }
  return compress_slice(codes);
}

}  // namespace tempo::egdb
