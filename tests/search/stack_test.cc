// Stack use of one search, measured on a thread with a small stack, as a
// background isolate's thread may have: the test gives the thread a stack it
// allocated itself, paints it with a pattern, runs searches that go as deep
// as the search can (long king endgames up to kMaxPly), and reads back how
// much of the pattern was overwritten. Overflowing hits a guard page and
// kills the test. The figure is printed (and recorded as a test property);
// docs/hardening.md keeps the measured values.
#include <pthread.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

#include <gtest/gtest.h>

#include "rules/fen.h"
#include "search/search.h"
#include "tt/table.h"

namespace tempo {
namespace {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kSanitized = true;  // instrumented frames are several times larger
#else
constexpr bool kSanitized = false;
#endif
constexpr std::size_t kSmallStack = 256 * 1024;
constexpr std::size_t kStack = kSanitized ? 8 * kSmallStack : kSmallStack;
constexpr std::uint8_t kPaint = 0xA5;

struct Job {
  const char* fen;
  Limits limits;
  int multipv;
  int max_pv = 0;    // out
  int seldepth = 0;  // out
  bool ok = false;   // out
};

void* run(void* arg) {
  auto* jobs = static_cast<std::vector<Job>*>(arg);
  std::vector<std::uint8_t> table(tt::kMinBytes * 16, 0);
  for (Job& job : *jobs) {
    SearchRequest r;
    r.limits = job.limits;
    r.params = Params::for_level(Level::kExpert);
    r.params.time_limit_ms = 0;
    r.multipv = job.multipv;
    r.tt = table.data();
    r.tt_len = table.size();
    const absl::StatusOr<SearchResult> res = search(*parse_fen(job.fen), r);
    job.ok = res.ok();
    if (res.ok()) {
      job.max_pv = res->pv.size;
      for (const ScoredMove& sm : res->multipv) job.max_pv = std::max(job.max_pv, sm.pv.size);
      job.seldepth = res->seldepth;
    }
  }
  return nullptr;
}

// Runs `jobs` on a thread whose painted stack is `size` bytes; returns the
// bytes used (high-water mark).
std::size_t stack_high_water(std::vector<Job>& jobs, std::size_t size) {
  const std::size_t page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  void* mem = mmap(nullptr, size + page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  EXPECT_NE(mem, MAP_FAILED);
  auto* base = static_cast<std::uint8_t*>(mem);
  mprotect(base, page, PROT_NONE);  // guard page below the stack (it grows down)
  std::uint8_t* stack = base + page;
  std::memset(stack, kPaint, size);
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstack(&attr, stack, size);
  pthread_t thread;
  EXPECT_EQ(pthread_create(&thread, &attr, run, &jobs), 0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
  std::size_t untouched = 0;
  while (untouched < size && stack[untouched] == kPaint) ++untouched;
  munmap(base, size + page);
  return size - untouched;
}

TEST(SearchStack, DeepestSearchesFitInASmallThreadStack) {
  std::vector<Job> jobs = {
      {"W:W31-50:B1-20", Limits{.depth = 9}, 1},
      {"W:W31-50:B1-20", Limits{.depth = 6}, 8},
      // Kings only: nothing ends the lines, so the search runs out to kMaxPly.
      {"W:WK46,K3:BK5", Limits{.nodes = 300000}, 1},
      {"B:WK26,K48,32,37,41:BK4,K15,13,18,22", Limits{.nodes = 300000}, 1},
      // Long capture chains for quiescence.
      {"W:WK46,K3,31,33,38,42:B8,12,17,K45,K5,19", Limits{.nodes = 300000}, 3},
  };
  const std::size_t used = stack_high_water(jobs, kStack);
  int deepest = 0;
  for (const Job& j : jobs) {
    EXPECT_TRUE(j.ok) << j.fen;
    EXPECT_LE(j.max_pv, kMaxPly) << j.fen;
    deepest = std::max(deepest, j.seldepth);
  }
  std::printf("search stack high-water mark: %zu bytes (%.1f KiB) of %zu; deepest seldepth %d%s\n", used, used / 1024.0,
              kStack, deepest, kSanitized ? " (sanitizer build)" : "");
  RecordProperty("stack_bytes", static_cast<int>(used));
  if (!kSanitized) {
    EXPECT_LT(used, kSmallStack * 3 / 4) << "less than a quarter of a 256 KiB stack left";
  }
}

}  // namespace
}  // namespace tempo
