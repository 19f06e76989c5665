#include "rules/fen.h"

#include <cctype>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "rules/text.h"

namespace tempo {
namespace {

// Longer inputs are certainly not FENs (the longest real one is ~150 chars).
constexpr std::size_t kMaxFenLength = 1024;

// `lead` is how many characters were trimmed off the front, so that the
// reported position counts from the start of the caller's text.
absl::Status error_at(std::string_view fen, std::size_t at, std::string_view what, std::size_t lead) {
  const std::string shown = at < fen.size() ? absl::StrCat(" (", quote(fen.substr(at, 1)), ")") : " (end of text)";
  return absl::InvalidArgumentError(
      absl::StrCat("bad FEN at character ", at + 1 + lead, shown, ": ", absl::string_view(what.data(), what.size())));
}

// Reads a square number 1..50 at fen[i]; advances i.
absl::StatusOr<int> read_square(std::string_view fen, std::size_t& i, std::size_t lead) {
  if (i >= fen.size() || !std::isdigit(static_cast<unsigned char>(fen[i]))) {
    return error_at(fen, i, "expected a square number", lead);
  }
  const std::size_t start = i;
  int v = 0;
  while (i < fen.size() && std::isdigit(static_cast<unsigned char>(fen[i]))) {
    v = v * 10 + (fen[i] - '0');
    if (v > 50) return error_at(fen, start, "square number out of range 1..50", lead);
    ++i;
  }
  if (v < 1) return error_at(fen, start, "square number out of range 1..50", lead);
  return v;
}

}  // namespace

absl::StatusOr<Position> parse_fen(std::string_view fen) {
  if (fen.size() > kMaxFenLength) {
    return absl::InvalidArgumentError(
        absl::StrCat("bad FEN: ", fen.size(), " characters is too long to be a position"));
  }
  // Tolerate surrounding spaces and the quotes of a PDN [FEN "..."] tag.
  std::size_t lead = 0;
  while (!fen.empty() && (fen.front() == ' ' || fen.front() == '"')) {
    fen.remove_prefix(1);
    ++lead;
  }
  while (!fen.empty() && (fen.back() == ' ' || fen.back() == '"' || fen.back() == '\n' || fen.back() == '\r'))
    fen.remove_suffix(1);
  if (fen.empty()) return absl::InvalidArgumentError("bad FEN: empty text");

  Position pos;
  std::size_t i = 0;
  if (fen[0] == 'W' || fen[0] == 'w') pos.side = Color::kWhite;
  else if (fen[0] == 'B' || fen[0] == 'b') pos.side = Color::kBlack;
  else return error_at(fen, 0, "side to move must be W or B", lead);
  i = 1;

  bool seen[2] = {false, false};
  Bitboard taken = 0;
  while (i < fen.size()) {
    if (fen[i] != ':') return error_at(fen, i, "expected ':' before a colour block", lead);
    ++i;
    if (i >= fen.size()) return error_at(fen, i, "expected colour W or B after ':'", lead);
    // Lidraughts appends move counters (`:H0:F1`): read and ignored.
    if (fen[i] == 'H' || fen[i] == 'F') {
      ++i;
      if (i >= fen.size() || !std::isdigit(static_cast<unsigned char>(fen[i]))) {
        return error_at(fen, i, "expected a number after the H or F counter", lead);
      }
      while (i < fen.size() && std::isdigit(static_cast<unsigned char>(fen[i]))) ++i;
      continue;
    }
    int colour;
    if (fen[i] == 'W' || fen[i] == 'w') colour = 0;
    else if (fen[i] == 'B' || fen[i] == 'b') colour = 1;
    else return error_at(fen, i, "colour block must start with W or B", lead);
    if (seen[colour]) return error_at(fen, i, "colour block given twice", lead);
    seen[colour] = true;
    ++i;
    bool first = true;
    while (i < fen.size() && fen[i] != ':') {
      if (!first) {
        if (fen[i] != ',') return error_at(fen, i, "expected ',' between squares", lead);
        ++i;
      }
      first = false;
      bool king = false;
      if (i < fen.size() && (fen[i] == 'K' || fen[i] == 'k')) {
        king = true;
        ++i;
      }
      const std::size_t at = i;
      absl::StatusOr<int> a = read_square(fen, i, lead);
      if (!a.ok()) return a.status();
      int b = *a;
      if (i < fen.size() && fen[i] == '-') {
        ++i;
        absl::StatusOr<int> hi = read_square(fen, i, lead);
        if (!hi.ok()) return hi.status();
        b = *hi;
        if (b < *a) return error_at(fen, at, "range runs backwards", lead);
      }
      for (int s = *a; s <= b; ++s) {
        if (taken & square_bb(s)) return error_at(fen, at, absl::StrCat("square ", s, " is given twice"), lead);
        taken |= square_bb(s);
        pos.set(s, colour == 0 ? (king ? Piece::kWhiteKing : Piece::kWhiteMan)
                               : (king ? Piece::kBlackKing : Piece::kBlackMan));
      }
    }
  }
  if (absl::Status st = pos.validate(); !st.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("bad FEN: ", st.message()));
  }
  return pos;
}

std::string to_fen(const Position& pos) {
  auto block = [&](Color c) {
    std::vector<std::string> items;
    const Bitboard men = pos.men(c), kings = pos.kings_of(c);
    for (int s = 1; s <= kNumSquares; ++s) {
      if (kings & square_bb(s)) {
        items.push_back(absl::StrCat("K", s));
      } else if (men & square_bb(s)) {
        int e = s;
        while (e + 1 <= kNumSquares && (men & square_bb(e + 1))) ++e;
        if (e - s >= 2) {
          items.push_back(absl::StrCat(s, "-", e));
          s = e;
        } else {
          items.push_back(absl::StrCat(s));
        }
      }
    }
    return absl::StrCat(c == Color::kWhite ? "W" : "B", absl::StrJoin(items, ","));
  };
  return absl::StrCat(pos.side == Color::kWhite ? "W" : "B", ":", block(Color::kWhite), ":", block(Color::kBlack));
}

}  // namespace tempo
