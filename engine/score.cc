#include "engine/score.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace tempo {

std::string score_text(int score) {
  if (is_win(score)) return absl::StrCat("win in ", plies_to_end(score));
  if (is_loss(score)) return absl::StrCat("loss in ", plies_to_end(score));
  return absl::StrFormat("%+.2f", score / 100.0);
}

}  // namespace tempo
