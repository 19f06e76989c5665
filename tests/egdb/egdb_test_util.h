// Small endgame databases generated for the tests, once per test binary.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "egdb/generate.h"
#include "egdb/writer.h"

namespace tempo::egdb::testing {

// A generator holding the solved groups of build_plan(pieces, kings_only)
// that `keep` accepts, and the database buffer assembled from them.
struct Built {
  Generator gen;
  std::vector<Material> materials;
  std::vector<std::uint8_t> buffer;
};

template <typename Keep>
void build_into(Built& b, int pieces, bool kings_only, Keep keep) {
  std::vector<std::pair<Material, std::vector<std::uint8_t>>> slices;
  for (const auto& group : build_plan(pieces, kings_only)) {
    if (!keep(group[0]) || b.gen.solved(group[0])) continue;
    if (!b.gen.solve(group).ok()) std::abort();
    for (const Material& m : group) b.materials.push_back(m);
  }
  for (const Material& m : b.materials) slices.emplace_back(m, b.gen.compressed(m));
  b.buffer = assemble(slices);
}

}  // namespace tempo::egdb::testing
