#include "rules/score.h"

#include "absl/strings/str_format.h"

namespace tempo {

std::string score_text(int score) {
  const int shown = shown_score(score);
  // Whole hundredths: no rounding of a real number can move a win's plies.
  return absl::StrFormat("%c%d.%02d", shown < 0 ? '-' : '+', (shown < 0 ? -shown : shown) / 100,
                         (shown < 0 ? -shown : shown) % 100);
}

}  // namespace tempo
