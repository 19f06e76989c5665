// A deterministic mixed workload on a table buffer, logged so that runs can be
// compared: the same script on the same bytes must give the same log wherever
// the bytes live (another allocation, a misaligned view, a file, a thread).
#pragma once

#include <cstdint>
#include <vector>

#include "tests/tt/tt_test_util.h"
#include "tt/table.h"

namespace tempo::tt::testing {

struct ScriptLog {
  std::vector<std::uint64_t> events;
  friend bool operator==(const ScriptLog&, const ScriptLog&) = default;
};

// One search call's worth of work: attach, then `ops` stores and probes of
// keys from a pool small enough for plenty of hits and replacements.
inline void run_script_call(std::uint8_t* buf, std::size_t len, Rng& rng, int ops, ScriptLog* log) {
  auto t = Table::attach(buf, len, kFingerprint);
  if (!t.ok()) {
    log->events.push_back(~0ULL);
    return;
  }
  log->events.push_back(static_cast<std::uint64_t>(t->status()) << 32 | t->generation());
  const std::uint64_t pool = 6 * t->buckets();  // more keys than slots: replacement happens
  for (int i = 0; i < ops; ++i) {
    const std::uint64_t key = mix_key(rng.next() % pool);
    const int ply = rng.range(0, 20);
    if (rng.next() % 2) {
      int score = rng.range(-2000, 2000);
      if (rng.next() % 8 == 0) score = (score < 0 ? -1 : 1) * (kWinScore - rng.range(ply, ply + 40));
      t->store(key, ply, rng.range(-3, 30), score, static_cast<Bound>(rng.range(1, 3)),
               static_cast<std::uint32_t>(rng.next() % 3 == 0 ? 0 : rng.next() | 1));
    } else {
      ProbeResult r;
      if (t->probe(key, ply, &r)) {
        log->events.push_back(key ^ r.move ^ (std::uint64_t(static_cast<std::uint16_t>(r.score)) << 32) ^
                              (std::uint64_t(static_cast<std::uint8_t>(r.depth)) << 48) ^
                              (std::uint64_t(r.bound) << 56));
      } else {
        log->events.push_back(0);
      }
    }
  }
}

}  // namespace tempo::tt::testing
