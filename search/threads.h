// Lazy SMP (internal to search/): several threads search one root together.
//
// Every thread runs its own iterative deepening on the same root over the one
// caller-owned table, the helpers skipping some depths so that they run ahead
// of the main thread and fill the table with what it is about to need. Each
// helper allocates its own state on its own thread. The threads share only
// the table and the few counters in Shared, which they touch at their polls:
// no lock anywhere. The first thread to finish its last iteration (or any
// stop) ends the search; the deepest completed iteration answers. The calling
// thread is the main thread: it alone reports progress.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace tempo {

class Searcher;
struct SearchRequest;
struct SearchResult;
class Game;
namespace tt {
class Table;
}
namespace egdb {
class Database;
}

using Clock = std::chrono::steady_clock;

// What the threads of one search share. Each field is touched at polls and
// between iterations only, never per node.
struct Shared {
  std::atomic<bool> stop{false};          // any thread's stop ends every thread's search
  std::atomic<std::uint64_t> counted{0};  // nodes all threads had counted at their last polls
  std::atomic<std::uint64_t> granted{0};  // node-limit budget handed out so far
  int threads = 1;
  Clock::time_point start;
};

// Which depths helper thread `index` (1..) leaves out: in blocks of `size`
// depths, every other block, shifted by `phase`. Helper 1 searches the even
// depths, helper 2 the odd ones, helpers 3-6 two depths of every four, and so
// on: about half the helpers are always one depth ahead of the main thread.
bool helper_skips(int index, int depth);

// Runs `main` (prepared, on the calling thread) and shared.threads - 1
// helpers to the end, joins them all, and returns the deepest answer with
// every thread's nodes. A helper whose state cannot be allocated, or a
// thread the system refuses, is simply not there (SearchResult::threads
// counts those that searched).
SearchResult search_threads(Searcher& main, const SearchRequest& request, const Game& game, Shared& shared,
                            tt::Table* table, const egdb::Database* db);

}  // namespace tempo
