// Transposition-table speed: probe and store per operation, attach (which
// must not depend on the buffer size), and copying a whole buffer, on 4 MiB
// and 64 MiB buffers.
//
//   build/tempo_bench --benchmark_filter=BM_Tt
//
// Keys are random, so nearly every operation touches a new cache line, as in
// a search whose table is much larger than the caches.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "tt/table.h"

namespace tempo {
namespace {

constexpr std::uint64_t kFingerprint = 0x7474626e6368ULL;
constexpr int kBatch = 1024;

std::uint64_t next_key(std::uint64_t& s) {
  std::uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::size_t bytes_of(const benchmark::State& state) { return static_cast<std::size_t>(state.range(0)) << 20; }

// items_per_second = operations per second (ns per operation = 1e9 / it).
void per_op(benchmark::State& state) {
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * kBatch);
}

// A table filled by storing as many keys as it has entries (from `seed`).
std::vector<std::uint8_t> filled(std::size_t bytes, std::uint64_t seed) {
  std::vector<std::uint8_t> buf(bytes, 0);
  tt::Table t = *tt::Table::attach(buf.data(), buf.size(), kFingerprint);
  for (std::size_t i = 0; i < t.buckets() * tt::kEntriesPerBucket; ++i)
    t.store(next_key(seed), 0, static_cast<int>(i % 20), 0, tt::Bound::kExact, 1);
  return buf;
}

void BM_TtStore(benchmark::State& state) {
  std::vector<std::uint8_t> buf = filled(bytes_of(state), 1);
  tt::Table t = *tt::Table::attach(buf.data(), buf.size(), kFingerprint);
  std::uint64_t s = 2;
  int depth = 0;
  for (auto _ : state) {
    for (int i = 0; i < kBatch; ++i) t.store(next_key(s), 0, depth++ & 31, 5, tt::Bound::kLower, 77);
    benchmark::ClobberMemory();
  }
  per_op(state);
}
BENCHMARK(BM_TtStore)->Arg(1)->Arg(4)->Arg(64);

// The search's pattern: probe a node on entry, store its result on exit (the
// bucket is in cache by then). Random keys: every pair misses the caches once.
void BM_TtProbeThenStore(benchmark::State& state) {
  std::vector<std::uint8_t> buf = filled(bytes_of(state), 1);
  tt::Table t = *tt::Table::attach(buf.data(), buf.size(), kFingerprint);
  std::uint64_t s = 3;
  int depth = 0;
  std::size_t hits = 0;
  for (auto _ : state) {
    for (int i = 0; i < kBatch; ++i) {
      const std::uint64_t key = next_key(s);
      tt::ProbeResult r;
      hits += t.probe(key, 0, &r);
      t.store(key, 0, depth++ & 31, 5, tt::Bound::kLower, 77);
    }
    benchmark::ClobberMemory();
  }
  benchmark::DoNotOptimize(hits);
  per_op(state);  // one item = a probe and a store
}
BENCHMARK(BM_TtProbeThenStore)->Arg(4)->Arg(64);

void BM_TtProbeHit(benchmark::State& state) {
  // Probe keys that were stored (most are still there).
  std::vector<std::uint8_t> buf = filled(bytes_of(state), 1);
  tt::Table t = *tt::Table::attach(buf.data(), buf.size(), kFingerprint);
  std::uint64_t s = 1;
  std::size_t n = 0, hits = 0, probes = 0;
  const std::size_t entries = t.buckets() * tt::kEntriesPerBucket;
  for (auto _ : state) {
    for (int i = 0; i < kBatch; ++i) {
      if (++n == entries) s = 1, n = 0;
      tt::ProbeResult r;
      hits += t.probe(next_key(s), 0, &r);
    }
    probes += kBatch;
  }
  per_op(state);
  state.counters["hit_rate"] = static_cast<double>(hits) / static_cast<double>(probes);
}
BENCHMARK(BM_TtProbeHit)->Arg(4)->Arg(64);

void BM_TtProbeMiss(benchmark::State& state) {
  std::vector<std::uint8_t> buf = filled(bytes_of(state), 1);
  tt::Table t = *tt::Table::attach(buf.data(), buf.size(), kFingerprint);
  std::uint64_t s = 999999;
  std::size_t hits = 0;
  for (auto _ : state) {
    for (int i = 0; i < kBatch; ++i) {
      tt::ProbeResult r;
      hits += t.probe(next_key(s), 0, &r);
    }
  }
  benchmark::DoNotOptimize(hits);
  per_op(state);
}
BENCHMARK(BM_TtProbeMiss)->Arg(1)->Arg(4)->Arg(64);

// Prefetch a batch ahead, then probe: the pattern a search uses after
// generating moves.
void BM_TtPrefetchedProbe(benchmark::State& state) {
  std::vector<std::uint8_t> buf = filled(bytes_of(state), 1);
  tt::Table t = *tt::Table::attach(buf.data(), buf.size(), kFingerprint);
  std::uint64_t s = 1;
  std::uint64_t keys[16];
  std::size_t hits = 0;
  for (auto _ : state) {
    for (int i = 0; i < kBatch; i += 16) {
      for (auto& k : keys) t.prefetch(k = next_key(s));
      for (auto k : keys) {
        tt::ProbeResult r;
        hits += t.probe(k, 0, &r);
      }
    }
  }
  benchmark::DoNotOptimize(hits);
  per_op(state);
}
BENCHMARK(BM_TtPrefetchedProbe)->Arg(4)->Arg(64);

// Attach must be O(1): the same time for 4 MiB and 64 MiB (and for a buffer
// that needs a reset).
void BM_TtAttach(benchmark::State& state) {
  std::vector<std::uint8_t> buf = filled(bytes_of(state), 1);
  for (auto _ : state) {
    auto t = tt::Table::attach(buf.data(), buf.size(), kFingerprint);
    benchmark::DoNotOptimize(t);
  }
}
BENCHMARK(BM_TtAttach)->Arg(4)->Arg(64);

void BM_TtAttachReset(benchmark::State& state) {
  std::vector<std::uint8_t> buf = filled(bytes_of(state), 1);
  std::uint64_t fp = 1;
  for (auto _ : state) {
    auto t = tt::Table::attach(buf.data(), buf.size(), ++fp);  // another fingerprint every time
    benchmark::DoNotOptimize(t);
  }
}
BENCHMARK(BM_TtAttachReset)->Arg(4)->Arg(64);

// One copy of a whole table, what a TransferableTypedData hand-over would pay
// twice per search (the Dart service lends its native table instead, with no
// copy: ffi/dart/README.md): into memory already touched (Uint8List.setAll
// into a worker's native buffer), and into new memory
// (TransferableTypedData.fromList allocates its own).
void BM_TtCopy(benchmark::State& state) {
  std::vector<std::uint8_t> from = filled(bytes_of(state), 1);
  std::vector<std::uint8_t> to(from.size(), 0);
  for (auto _ : state) {
    std::memcpy(to.data(), from.data(), from.size());
    benchmark::DoNotOptimize(to.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(from.size()));
}
BENCHMARK(BM_TtCopy)->Arg(4)->Arg(64);

void BM_TtCopyToNewMemory(benchmark::State& state) {
  std::vector<std::uint8_t> from = filled(bytes_of(state), 1);
  for (auto _ : state) {
    std::unique_ptr<std::uint8_t[]> to(new std::uint8_t[from.size()]);
    std::memcpy(to.get(), from.data(), from.size());
    benchmark::DoNotOptimize(to.get());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(from.size()));
}
BENCHMARK(BM_TtCopyToNewMemory)->Arg(4)->Arg(64);

}  // namespace
}  // namespace tempo
