#include "rules/notation.h"

#include <cctype>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "rules/movegen.h"
#include "rules/text.h"

namespace tempo {
namespace {

constexpr std::size_t kMaxMoveText = 256;  // 1 + 20 captures, generously

// Splits `a<sep>b<sep>c` into square numbers; `seps` collects the separators.
absl::StatusOr<std::vector<int>> split_squares(std::string_view text, std::string& seps) {
  std::vector<int> squares;
  std::size_t i = 0;
  while (true) {
    if (i >= text.size() || !std::isdigit(static_cast<unsigned char>(text[i]))) {
      return absl::InvalidArgumentError(
          absl::StrCat("bad move text ", quote(text), ": expected a square number at character ", i + 1));
    }
    int v = 0;
    const std::size_t start = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
      v = v * 10 + (text[i] - '0');
      if (v > 50) break;
      ++i;
    }
    if (v < 1 || v > 50) {
      return absl::InvalidArgumentError(
          absl::StrCat("bad move text ", quote(text), ": square at character ", start + 1, " is not 1..50"));
    }
    squares.push_back(v);
    if (i == text.size()) break;
    const char c = text[i];
    if (c != '-' && c != 'x' && c != 'X' && c != ':') {
      return absl::InvalidArgumentError(
          absl::StrCat("bad move text ", quote(text), ": expected '-' or 'x' at character ", i + 1));
    }
    seps += (c == '-') ? '-' : 'x';
    ++i;
  }
  return squares;
}

// The squares of a move's text and whether it is a quiet move (`-`) or a
// capture (`x`), with the checks PDN and Hub text share.
struct MoveText {
  std::vector<int> squares;  // at least two
  bool quiet = false;
};

absl::StatusOr<MoveText> read_move_text(std::string_view text) {
  if (text.size() > kMaxMoveText) {
    return absl::InvalidArgumentError(absl::StrCat("bad move text: ", text.size(), " characters is too long"));
  }
  std::string seps;
  absl::StatusOr<std::vector<int>> sq = split_squares(text, seps);
  if (!sq.ok()) return sq.status();
  const std::vector<int>& s = *sq;
  if (s.size() < 2) {
    return absl::InvalidArgumentError(absl::StrCat("bad move text ", quote(text), ": needs two squares"));
  }
  const bool quiet = seps.find('x') == std::string::npos;
  if (quiet && s.size() != 2) {
    return absl::InvalidArgumentError(absl::StrCat("bad move text ", quote(text), ": a quiet move has two squares"));
  }
  if (!quiet && seps.find('-') != std::string::npos) {
    return absl::InvalidArgumentError(absl::StrCat("bad move text ", quote(text), ": mixes '-' and 'x'"));
  }
  return MoveText{*std::move(sq), quiet};
}

}  // namespace

std::string to_pdn(const Position& pos, const Move& m) {
  if (!m.is_capture()) return absl::StrCat(m.from_square(), "-", m.to_square());
  MoveList legal;
  generate_moves(pos, legal);
  int same_ends = 0;
  for (const Move& x : legal) same_ends += (x.from == m.from && x.to == m.to);
  if (same_ends <= 1) return absl::StrCat(m.from_square(), "x", m.to_square());
  const std::vector<int> path = capture_path(pos, m);
  if (path.empty()) return absl::StrCat(m.from_square(), "x", m.to_square());
  return absl::StrJoin(path, "x");
}

absl::StatusOr<Move> parse_pdn_move(const Position& pos, std::string_view text) {
  absl::StatusOr<MoveText> read = read_move_text(text);
  if (!read.ok()) return read.status();
  const std::vector<int>& s = read->squares;
  const bool quiet = read->quiet;
  MoveList legal;
  generate_moves(pos, legal);
  const int from = bit_of_square(s.front()), to = bit_of_square(s.back());
  std::vector<Move> candidates;
  for (const Move& m : legal) {
    if (m.from == from && m.to == to && m.is_capture() != quiet) candidates.push_back(m);
  }
  if (candidates.empty()) {
    std::string why = "no legal move goes from " + std::to_string(s.front()) + " to " + std::to_string(s.back());
    if (quiet && has_capture(pos)) why += " (a capture is compulsory)";
    else if (!quiet && !has_capture(pos)) why += " (there is no capture in this position)";
    return absl::InvalidArgumentError(absl::StrCat("illegal move ", quote(text), ": ", why));
  }
  if (s.size() > 2) {
    // Long form: the given landing squares must appear, in order, on a route.
    std::vector<Move> matching;
    for (const CaptureRoute& r : capture_routes(pos, s.front(), s.back())) {
      std::size_t k = 1;
      for (std::size_t j = 1; j + 1 < r.squares.size() && k + 1 < s.size(); ++j) {
        if (r.squares[j] == s[k]) ++k;
      }
      if (k + 1 == s.size()) {
        const Move m{r.captured, static_cast<std::uint8_t>(from), static_cast<std::uint8_t>(to)};
        bool dup = false;
        for (const Move& x : matching) dup |= (x == m);
        if (!dup) matching.push_back(m);
      }
    }
    candidates = matching;
    if (candidates.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("illegal move ", quote(text), ": no legal capture passes those squares"));
    }
  }
  if (candidates.size() > 1) {
    return absl::InvalidArgumentError(absl::StrCat("ambiguous move ", quote(text), ": ", candidates.size(),
                                                   " legal captures go from ", s.front(), " to ", s.back(),
                                                   "; name the landing squares (long form)"));
  }
  return candidates.front();
}

std::string to_hub_move(const Move& m) {
  if (!m.is_capture()) return absl::StrCat(m.from_square(), "-", m.to_square());
  std::string out = absl::StrCat(m.from_square(), "x", m.to_square());
  for (int s = 1; s <= kNumSquares; ++s) {
    if (m.captured & square_bb(s)) absl::StrAppend(&out, "x", s);
  }
  return out;
}

absl::StatusOr<Move> parse_hub_move(const Position& pos, std::string_view text) {
  absl::StatusOr<MoveText> read = read_move_text(text);
  if (!read.ok()) return read.status();
  const std::vector<int>& s = read->squares;
  const bool quiet = read->quiet;
  Bitboard captured = 0;
  for (std::size_t i = 2; i < s.size(); ++i) {
    if (captured & square_bb(s[i])) {
      return absl::InvalidArgumentError(
          absl::StrCat("bad move text ", quote(text), ": square ", s[i], " captured twice"));
    }
    captured |= square_bb(s[i]);
  }
  MoveList legal;
  generate_moves(pos, legal);
  const int from = bit_of_square(s[0]), to = bit_of_square(s[1]);
  int matches = 0;
  Move found;
  for (const Move& m : legal) {
    if (m.from != from || m.to != to || m.is_capture() == quiet) continue;
    // A bare `fromxto` is accepted when it names a single legal capture.
    if (s.size() == 2 || m.captured == captured) {
      found = m;
      ++matches;
    }
  }
  if (matches == 1) return found;
  if (matches > 1) {
    return absl::InvalidArgumentError(absl::StrCat("ambiguous move ", quote(text), ": ", matches,
                                                   " legal captures go from ", s[0], " to ", s[1],
                                                   "; list the captured squares"));
  }
  return absl::InvalidArgumentError(absl::StrCat("illegal move ", quote(text), " in this position"));
}

std::string line_text(Position pos, std::span<const Move> line, Notation notation, std::size_t max_length) {
  std::string out;
  for (const Move& m : line) {
    const std::string text = notation == Notation::kPdn ? to_pdn(pos, m) : to_hub_move(m);
    if (out.size() + (out.empty() ? 0 : 1) + text.size() > max_length) break;
    if (!out.empty()) out += ' ';
    out += text;
    pos.play(m);
  }
  return out;
}

std::string to_hub_position(const Position& pos) {
  std::string out(1, pos.side == Color::kWhite ? 'W' : 'B');
  for (int s = 1; s <= kNumSquares; ++s) {
    switch (pos.at(s)) {
      case Piece::kWhiteMan: out += 'w'; break;
      case Piece::kBlackMan: out += 'b'; break;
      case Piece::kWhiteKing: out += 'W'; break;
      case Piece::kBlackKing: out += 'B'; break;
      default: out += 'e'; break;
    }
  }
  return out;
}

absl::StatusOr<Position> parse_hub_position(std::string_view text) {
  if (text.size() != 51) {
    return absl::InvalidArgumentError(
        absl::StrCat("bad Hub position: expected 51 characters (side + 50 squares), got ", text.size()));
  }
  Position pos;
  if (text[0] == 'W') pos.side = Color::kWhite;
  else if (text[0] == 'B') pos.side = Color::kBlack;
  else return absl::InvalidArgumentError("bad Hub position: first character must be W or B (side to move)");
  for (int s = 1; s <= kNumSquares; ++s) {
    Piece p;
    switch (text[s]) {
      case 'w': p = Piece::kWhiteMan; break;
      case 'b': p = Piece::kBlackMan; break;
      case 'W': p = Piece::kWhiteKing; break;
      case 'B': p = Piece::kBlackKing; break;
      case 'e':
      case '.': p = Piece::kEmpty; break;
      default:
        return absl::InvalidArgumentError(absl::StrCat("bad Hub position: square ", s, " is ", quote(text.substr(s, 1)),
                                                       "; expected one of w b W B e"));
    }
    pos.set(s, p);
  }
  if (absl::Status st = pos.validate(); !st.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("bad Hub position: ", st.message()));
  }
  return pos;
}

}  // namespace tempo
