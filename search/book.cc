#include "search/book.h"

#include <algorithm>

#include "rules/movegen.h"
#include "rules/zobrist.h"
#include "search/book_data.h"  // generated from data/book.txt by cmake/gen_book.cmake
#include "search/levels.h"

namespace tempo::book {
namespace {

using data::kEntries;

// The binary search needs the generator's order: by key, then best first.
constexpr bool sorted() {
  for (std::size_t i = 1; i < kEntries.size(); ++i) {
    const data::Entry& a = kEntries[i - 1];
    const data::Entry& b = kEntries[i];
    if (a.key > b.key || (a.key == b.key && a.score < b.score)) return false;
  }
  return true;
}
static_assert(sorted(), "data/book.txt must be sorted by key, then by score, best first");

constexpr std::size_t kPositions = [] {
  std::size_t n = 0;
  for (std::size_t i = 0; i < kEntries.size(); ++i)
    if (i == 0 || kEntries[i].key != kEntries[i - 1].key) ++n;
  return n;
}();

}  // namespace

int probe(const Position& pos, std::span<BookMove> out) {
  if (out.empty() || kEntries.empty()) return 0;
  const std::uint64_t key = zobrist::key(pos);
  const auto* first = std::lower_bound(kEntries.begin(), kEntries.end(), key,
                                       [](const data::Entry& e, std::uint64_t k) { return e.key < k; });
  if (first == kEntries.end() || first->key != key) return 0;
  MoveList legal;
  generate_moves(pos, legal);
  int n = 0;
  for (const auto* e = first; e != kEntries.end() && e->key == key && n < static_cast<int>(out.size()); ++e) {
    const Move m{e->captured, e->from, e->to};
    if (std::find(legal.moves, legal.moves + legal.size, m) == legal.moves + legal.size) return 0;  // a collision
    out[n++] = BookMove{m, e->score};
  }
  return n;
}

const BookMove& choose(std::span<const BookMove> moves, int variety, std::uint64_t seed, std::uint64_t key) {
  if (variety <= 0) return moves[0];
  std::size_t within = 1;
  while (within < moves.size() && moves[within].score >= moves[0].score - variety) ++within;
  return moves[levels::mix(seed ^ 0x426f6f6bULL, key) % within];
}

std::size_t entry_count() { return kEntries.size(); }
std::size_t position_count() { return kPositions; }
std::uint64_t checksum() { return data::kChecksum; }
int build_margin() { return data::kMargin; }
int build_depth() { return data::kDepth; }

}  // namespace tempo::book
