#include "train/openings.h"

#include <cctype>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "rules/movegen.h"
#include "rules/notation.h"
#include "rules/text.h"

namespace tempo::train {

absl::StatusOr<std::vector<Opening>> parse_openings(std::string_view text) {
  std::vector<Opening> out;
  int line_no = 0;
  for (absl::string_view raw : absl::StrSplit(absl::string_view(text.data(), text.size()), '\n')) {
    ++line_no;
    absl::string_view line = raw;
    if (const std::size_t hash = line.find('#'); hash != absl::string_view::npos) line = line.substr(0, hash);
    line = absl::StripAsciiWhitespace(line);
    if (line.empty()) continue;
    Opening op;
    op.line = line_no;
    op.text = std::string(line);
    op.end = Position::start();
    for (absl::string_view token : absl::StrSplit(line, ' ', absl::SkipWhitespace())) {
      // Move numbers: `1.` or `1...`; results are not allowed in an opening.
      if (std::isdigit(static_cast<unsigned char>(token[0])) && token.back() == '.') continue;
      absl::StatusOr<Move> m = parse_pdn_move(op.end, std::string_view(token.data(), token.size()));
      if (!m.ok()) {
        return absl::InvalidArgumentError(absl::StrCat("openings line ", line_no, ": ", m.status().message()));
      }
      op.moves.push_back(*m);
      op.end.play(*m);
    }
    if (op.moves.empty()) return absl::InvalidArgumentError(absl::StrCat("openings line ", line_no, ": no moves"));
    MoveList after;
    if (generate_moves(op.end, after) == 0) {
      return absl::InvalidArgumentError(absl::StrCat("openings line ", line_no, ": the game is over after it"));
    }
    out.push_back(std::move(op));
  }
  if (out.empty()) return absl::InvalidArgumentError("openings: no opening lines");
  return out;
}

absl::StatusOr<std::vector<Opening>> read_openings(const std::string& path) {
  absl::StatusOr<std::string> text = read_small_file(path, 16u << 20);  // read no further than 16 MiB
  if (!text.ok()) return absl::Status(text.status().code(), absl::StrCat("openings: ", text.status().message()));
  absl::StatusOr<std::vector<Opening>> out = parse_openings(*text);
  if (!out.ok()) return absl::Status(out.status().code(), absl::StrCat(path, ": ", out.status().message()));
  return out;
}

}  // namespace tempo::train
