// data/eval_weights.txt: the evaluation's trained weights as text.
//
//   # comments
//   tempo-eval-weights 1          format version
//   layout 0                      region layout (search/eval_features.h)
//   unit 8                        weights are in 1/unit of a score point (100 = a man)
//   term <name> <opening> <endgame>     one line per term, in the evaluation's order
//   pattern <table> <index> <opening> <endgame>   non-zero pattern weights only
//   checksum <16 hex digits>      FNV-1a 64 of every byte above this line
//
// The build turns the file into compiled-in tables (cmake/gen_eval_weights.cmake),
// refusing a file whose checksum or version is wrong.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>
#include "absl/strings/string_view.h"

#include "absl/status/statusor.h"
#include "search/eval_features.h"

namespace tempo::train {

inline constexpr int kWeightsFormat = 1;
inline constexpr int kWeightUnit = 8;

struct Weights {
  int layout = 0;
  std::array<std::array<std::int16_t, 2>, eval::kNumTerms> terms{};
  std::vector<std::array<std::int16_t, 2>> patterns;  // table * pattern_size() + index
  std::vector<std::string> comments;                  // written as `# ...` lines at the top

  int tables() const { return eval::kLayouts[layout].size; }
  int pattern_size() const { return eval::kLayouts[layout].pattern_size; }
};

std::uint64_t fnv1a64(absl::string_view bytes);

std::string format_weights(const Weights& w);
absl::StatusOr<Weights> parse_weights(absl::string_view text);
absl::StatusOr<Weights> read_weights(const std::string& path);

}  // namespace tempo::train
