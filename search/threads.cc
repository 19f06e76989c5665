// Lazy SMP: starting the helpers, and merging what every thread found.
#include "search/threads.h"

#include <exception>
#include <memory>
#include <thread>
#include <vector>

#include "search/searcher.h"

namespace tempo {

bool helper_skips(int index, int depth) {
  int size = 1, first = 1, count = 2;  // helpers first .. first+count-1 use blocks of `size`
  while (index >= first + count) {
    first += count;
    ++size;
    count = 2 * size;
  }
  const int phase = index - first;
  return ((depth + phase) / size) % 2 != 0;
}

SearchResult search_threads(Searcher& main, const SearchRequest& request, const Game& game, Shared& shared,
                            tt::Table* table, const egdb::Database* db) {
  const int threads = shared.threads;
  // Each helper builds its own state on its own thread, so its memory comes
  // from that thread's allocator arena and shares no cache line with the
  // main thread's per-node data.
  std::vector<std::unique_ptr<Searcher>> helpers(static_cast<std::size_t>(threads - 1));
  std::vector<std::thread> running;
  running.reserve(static_cast<std::size_t>(threads - 1));
  // Whatever happens on this thread (a progress callback may throw),
  // nothing outlives the call: the helpers are stopped and joined.
  struct Joiner {
    Shared& shared;
    std::vector<std::thread>& running;
    ~Joiner() {
      shared.stop.store(true, std::memory_order_relaxed);
      for (std::thread& t : running)
        if (t.joinable()) t.join();
    }
  } joiner{shared, running};
  for (int i = 1; i < threads; ++i) {
    std::unique_ptr<Searcher>& slot = helpers[static_cast<std::size_t>(i - 1)];
    try {
      running.emplace_back([&slot, &request, &game, &shared, table, db, i] {
        try {
          auto h = std::make_unique<Searcher>(request, game, shared, i);
          h->set_table(table);
          h->set_egdb(db);
          h->prepare();
          slot = std::move(h);
        } catch (const std::exception&) {
          return;
        }
        slot->iterate();
      });
    } catch (const std::exception&) {
      break;
    }
  }
  main.iterate();
  for (std::thread& t : running) t.join();

  // The deepest completed iteration answers; among equals, the main thread.
  Searcher* best = &main;
  std::uint64_t nodes = main.nodes();
  std::uint64_t hits = main.egdb_hits();
  bool cancelled = main.cancelled();
  int searched = 1;
  for (const std::unique_ptr<Searcher>& h : helpers) {
    if (!h) continue;
    ++searched;
    nodes += h->nodes();
    hits += h->egdb_hits();
    cancelled = cancelled || h->cancelled();
    if (h->completed_depth() > best->completed_depth()) best = h.get();
  }
  // Progress came from the main thread; a deeper answer from a helper is
  // reported too, so the last report is the answer.
  if (best != &main && request.on_progress) best->report(nodes);
  SearchResult result = best->conclude();
  result.nodes = nodes;
  result.cancelled = cancelled;
  result.threads = searched;
  result.egdb_hits = hits;
  return result;
}

}  // namespace tempo
