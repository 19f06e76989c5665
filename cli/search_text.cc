#include "cli/search_text.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "engine/notation.h"

namespace tempo::cli {

std::string line_text(Position pos, std::span<const Move> line) {
  std::string out;
  for (const Move& m : line) {
    if (!out.empty()) out += ' ';
    out += to_pdn(pos, m);
    pos.play(m);
  }
  return out;
}

absl::StatusOr<std::vector<Move>> parse_move_list(Position pos, std::string_view text) {
  std::vector<Move> moves;
  for (absl::string_view token : absl::StrSplit(absl::string_view(text.data(), text.size()), ' ', absl::SkipEmpty())) {
    if (token.back() == '.') continue;  // a move number
    absl::StatusOr<Move> m = parse_pdn_move(pos, std::string_view(token.data(), token.size()));
    if (!m.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("move ", moves.size() + 1, " '", token, "': ", m.status().message()));
    }
    moves.push_back(*m);
    pos.play(*m);
  }
  return moves;
}

}  // namespace tempo::cli
