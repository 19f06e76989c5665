#include "train/book.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <unordered_map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "rules/movegen.h"
#include "rules/notation.h"
#include "rules/score.h"
#include "rules/zobrist.h"
#include "search/book.h"
#include "search/search.h"
#include "train/weights_file.h"

namespace tempo::train {
namespace {

struct Builder {
  const BookOptions& opt;
  std::vector<std::uint8_t> table;
  // Each position searched once: its kept moves.
  std::unordered_map<std::uint64_t, std::vector<BookEntry>> kept;
  // The most plies a position was expanded with (a transposition reached
  // again with more plies left is expanded again, from its kept moves).
  std::unordered_map<std::uint64_t, int> expanded;
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  std::uint64_t nodes = 0;

  absl::Status expand(const Position& pos, int plies) {
    const std::uint64_t key = zobrist::key(pos);
    if (auto it = expanded.find(key); it != expanded.end() && it->second >= plies) return absl::OkStatus();
    expanded[key] = plies;
    MoveList legal;
    generate_moves(pos, legal);
    if (legal.size == 0) return absl::OkStatus();
    if (legal.size == 1) {  // forced: the search answers it at once; no entry, one ply on
      return plies > 1 ? expand(pos.after(legal[0]), plies - 1) : absl::OkStatus();
    }
    auto found = kept.find(key);
    if (found == kept.end()) {
      absl::StatusOr<std::vector<BookEntry>> moves = search_position(pos, key, legal.size);
      if (!moves.ok()) return moves.status();
      found = kept.emplace(key, *std::move(moves)).first;
    }
    if (plies <= 1) return absl::OkStatus();
    const std::vector<BookEntry> moves = found->second;  // a copy: the map grows below
    for (const BookEntry& e : moves) {
      if (absl::Status st = expand(pos.after(e.move), plies - 1); !st.ok()) return st;
    }
    return absl::OkStatus();
  }

  absl::StatusOr<std::vector<BookEntry>> search_position(const Position& pos, std::uint64_t key, int legal) {
    SearchRequest req;
    req.params.book = false;
    req.params.time_limit_ms = 0;
    req.limits.depth = opt.depth;
    req.multipv = std::min(legal, kMaxMultiPv);
    req.tt = table.data();
    req.tt_len = table.size();
    absl::StatusOr<SearchResult> r = search(pos, req);
    if (!r.ok()) return r.status();
    nodes += r->nodes;
    std::vector<BookEntry> out;
    const int best = r->multipv.empty() ? 0 : r->multipv[0].score;
    for (const ScoredMove& m : r->multipv) {
      if (m.score < best - opt.margin || static_cast<int>(out.size()) == book::kMaxMoves) break;
      out.push_back(BookEntry{key, m.move, m.score});
    }
    if (opt.progress) {
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::string moves;
      for (const BookEntry& e : out)
        absl::StrAppend(&moves, " ", line_text(pos, {&e.move, 1}), " ", score_text(e.score));
      opt.progress(absl::StrFormat("book: %d positions, %.0f s, %.2f Mnodes/s:%s", kept.size() + 1, s,
                                   s > 0 ? static_cast<double>(nodes) / s / 1e6 : 0.0, moves));
    }
    return out;
  }
};

}  // namespace

absl::StatusOr<std::vector<BookEntry>> build_book(const BookOptions& opt) {
  if (opt.plies < 1 || opt.plies > 40) return absl::InvalidArgumentError("plies must be 1..40");
  if (opt.depth < 1 || opt.depth >= kMaxPly) return absl::InvalidArgumentError("depth must be 1..127");
  if (opt.margin < 0 || opt.margin > 10'000) return absl::InvalidArgumentError("margin must be 0..10000");
  if (absl::Status st = kTableSize.check(opt.tt_mib, "tt-mb"); !st.ok() || opt.tt_mib == 0)
    return absl::InvalidArgumentError("the table must be 1..4096 MiB");
  Builder b{opt, std::vector<std::uint8_t>(static_cast<std::size_t>(opt.tt_mib) << 20), {}, {}};
  for (const Position& root : opt.roots) {
    if (absl::Status st = b.expand(root, opt.plies); !st.ok()) return st;
  }
  std::vector<BookEntry> entries;
  for (const auto& [key, moves] : b.kept) entries.insert(entries.end(), moves.begin(), moves.end());
  // By key, then best first; ties in the search's order (stable: the map's
  // order does not matter, a position's moves are together and in order).
  std::stable_sort(entries.begin(), entries.end(), [](const BookEntry& a, const BookEntry& c) {
    return a.key != c.key ? a.key < c.key : a.score > c.score;
  });
  return entries;
}

std::string format_book(const std::vector<BookEntry>& entries, int depth, int margin,
                        const std::vector<std::string>& comments) {
  std::string out;
  for (const std::string& c : comments) absl::StrAppend(&out, "# ", c, "\n");
  absl::StrAppend(&out, "tempo-book 1\ndepth ", depth, "\nmargin ", margin, "\n");
  for (const BookEntry& e : entries) {
    absl::StrAppendFormat(&out, "entry %016x %d %d %x %d\n", e.key, e.move.from, e.move.to, e.move.captured, e.score);
  }
  absl::StrAppendFormat(&out, "checksum %016x\n", fnv1a64(out));
  return out;
}

}  // namespace tempo::train
