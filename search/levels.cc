#include "search/levels.h"

#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"
#include "search/eval.h"

namespace tempo {

const char* level_name(Level l) {
  switch (l) {
    case Level::kEasy: return "easy";
    case Level::kMedium: return "medium";
    case Level::kHard: return "hard";
    case Level::kExpert: return "expert";
  }
  return "unknown";
}

absl::StatusOr<Level> parse_level(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  for (Level l : {Level::kEasy, Level::kMedium, Level::kHard, Level::kExpert}) {
    if (lower == level_name(l)) return l;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown level '", lower, "' (expected easy, medium, hard or expert)"));
}

// The app's current values (shared/reference/app-integration.md); Expert is
// full strength with no limits of its own.
Params Params::for_level(Level l) {
  Params p;
  switch (l) {
    case Level::kEasy:
      p.max_depth = 3; p.time_limit_ms = 1500; p.eval_noise = 150;
      p.blunder_probability = 0.20; p.blunder_margin = 200; p.feature_scale = 0.3;
      p.use_table = false; p.use_killers = false;
      break;
    case Level::kMedium:
      p.max_depth = 5; p.time_limit_ms = 3000; p.eval_noise = 40;
      p.blunder_probability = 0.05; p.blunder_margin = 80; p.feature_scale = 0.7;
      break;
    case Level::kHard:
      p.max_depth = 8; p.time_limit_ms = 5000; p.eval_noise = 5;
      p.blunder_probability = 0.005; p.blunder_margin = 20; p.feature_scale = 1.0;
      break;
    case Level::kExpert:
      break;
  }
  return p;
}

namespace levels {

bool pick_blunder(const Position& root, const MoveList& legal, const Move& best, const Params& params,
                  std::uint64_t seed, std::uint64_t root_key, Move* out) {
  if (params.blunder_probability <= 0 || legal.size < 2) return false;
  if (unit(mix(seed ^ 0xb1u, root_key)) >= params.blunder_probability) return false;
  const int scale = eval::scale_q10(params.feature_scale);
  int scores[MoveList::kCapacity];
  int top = -kWinScore;
  for (int i = 0; i < legal.size; ++i) {
    scores[i] = -eval::score(root.after(legal[i]), scale);
    top = std::max(top, scores[i]);
  }
  int candidates[MoveList::kCapacity];
  int n = 0;
  for (int i = 0; i < legal.size; ++i) {
    if (legal[i] == best || scores[i] < top - params.blunder_margin) continue;
    candidates[n++] = i;
  }
  if (n == 0) return false;
  *out = legal[candidates[mix(seed ^ 0xb2u, root_key) % static_cast<std::uint64_t>(n)]];
  return true;
}

}  // namespace levels
}  // namespace tempo
