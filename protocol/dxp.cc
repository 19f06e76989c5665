#include "protocol/dxp.h"

#include <algorithm>
#include <cctype>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "rules/movegen.h"
#include "rules/text.h"

namespace tempo::dxp {
namespace {

std::string pad_name(std::string_view name) {
  std::string s(name.substr(0, kNameWidth));
  for (char& c : s) {
    if (!std::isprint(static_cast<unsigned char>(c))) c = '?';
  }
  s.resize(kNameWidth, ' ');
  return s;
}

std::string trim_right(std::string_view s) {
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return std::string(s);
}

std::string num(int v, int width) { return absl::StrFormat("%0*d", width, v); }

// Reads fixed-width fields left to right, remembering the first error.
class Reader {
 public:
  Reader(std::string_view text, char type) : text_(text), type_(type) {}

  bool number(int width, const char* field, int* out) {
    if (!take(width, field)) return false;
    int v = 0;
    for (char c : last_) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return fail(field, "is not a number");
      v = v * 10 + (c - '0');
    }
    *out = v;
    return true;
  }
  bool chars(int width, const char* field, std::string* out) {
    if (!take(width, field)) return false;
    *out = std::string(last_);
    return true;
  }
  bool color(const char* field, Color* out) {
    if (!take(1, field)) return false;
    if (last_[0] == 'W') *out = Color::kWhite;
    else if (last_[0] == 'Z') *out = Color::kBlack;
    else return fail(field, "must be W (white) or Z (black)");
    return true;
  }
  bool fail(const char* field, std::string_view why) {
    if (error_.empty()) {
      error_ = absl::StrCat("DXP '", std::string(1, type_), "' message: ", field, " ",
                            absl::string_view(why.data(), why.size()), " (at character ", pos_ + 1 - last_.size(), ")");
    }
    return false;
  }
  std::size_t remaining() const { return text_.size() - pos_; }
  absl::Status status() const { return error_.empty() ? absl::OkStatus() : absl::InvalidArgumentError(error_); }

 private:
  bool take(int width, const char* field) {
    if (!error_.empty()) return false;
    if (text_.size() - pos_ < static_cast<std::size_t>(width)) {
      last_ = {};
      return fail(field, absl::StrCat("is missing (message too short: ", text_.size() + 1, " characters)"));
    }
    last_ = text_.substr(pos_, width);
    pos_ += width;
    return true;
  }
  std::string_view text_;
  char type_;
  std::size_t pos_ = 1;  // after the type letter
  std::string_view last_;
  std::string error_;
};

bool in_range(int v, int lo, int hi) { return v >= lo && v <= hi; }

}  // namespace

std::string encode(const Message& message) {
  struct Visitor {
    std::string operator()(const GameRequest& r) const {
      std::string s = absl::StrCat("R", num(r.version, 2), pad_name(r.initiator),
                                   r.follower_color == Color::kWhite ? "W" : "Z", num(r.minutes, 3), num(r.moves, 3));
      if (!r.start) return s + "A";
      s += "B";
      s += r.start->side == Color::kWhite ? 'W' : 'Z';
      for (int sq = 1; sq <= kNumSquares; ++sq) {
        switch (r.start->at(sq)) {
          case Piece::kWhiteMan: s += 'w'; break;
          case Piece::kBlackMan: s += 'z'; break;
          case Piece::kWhiteKing: s += 'W'; break;
          case Piece::kBlackKing: s += 'Z'; break;
          default: s += 'e'; break;
        }
      }
      return s;
    }
    std::string operator()(const GameAccept& a) const {
      return absl::StrCat("A", pad_name(a.follower), static_cast<int>(a.code));
    }
    std::string operator()(const MoveMessage& m) const {
      std::string s = absl::StrCat("M", num(m.seconds, 4), num(m.from, 2), num(m.to, 2),
                                   num(static_cast<int>(m.captured.size()), 2));
      for (int c : m.captured) s += num(c, 2);
      return s;
    }
    std::string operator()(const GameEnd& e) const {
      return absl::StrCat("E", static_cast<int>(e.reason), e.stop ? 1 : 0);
    }
    std::string operator()(const Chat& c) const {
      std::string s = "C" + c.text;
      for (char& ch : s) {
        if (ch == '\0') ch = ' ';
      }
      return s;
    }
    std::string operator()(const BackRequest& b) const {
      return absl::StrCat("B", num(b.move_number, 3), b.side == Color::kWhite ? "W" : "Z");
    }
    std::string operator()(const BackAccept& k) const { return absl::StrCat("K", static_cast<int>(k.code)); }
  };
  return std::visit(Visitor{}, message);
}

absl::StatusOr<Message> decode(std::string_view text) {
  if (text.empty()) return absl::InvalidArgumentError("DXP: empty message");
  if (text.size() > kMaxMessage) {
    return absl::InvalidArgumentError(absl::StrCat("DXP: message of ", text.size(), " characters is too long"));
  }
  const char type = text[0];
  Reader r(text, type);
  switch (type) {
    case 'R': {
      GameRequest g;
      std::string name, start;
      r.number(2, "version", &g.version);
      r.chars(kNameWidth, "initiator name", &name);
      r.color("follower colour", &g.follower_color);
      r.number(3, "thinking time", &g.minutes);
      r.number(3, "number of moves", &g.moves);
      r.chars(1, "start", &start);
      if (!r.status().ok()) return r.status();
      g.initiator = trim_right(name);
      if (start == "B") {
        Color side = Color::kWhite;
        r.color("side to move", &side);
        std::string squares;
        r.chars(kNumSquares, "board", &squares);
        if (!r.status().ok()) return r.status();
        Position p = Position::empty(side);
        for (int sq = 1; sq <= kNumSquares; ++sq) {
          switch (squares[sq - 1]) {
            case 'w': p.set(sq, Piece::kWhiteMan); break;
            case 'z': p.set(sq, Piece::kBlackMan); break;
            case 'W': p.set(sq, Piece::kWhiteKing); break;
            case 'Z': p.set(sq, Piece::kBlackKing); break;
            case 'e': break;
            default:
              return absl::InvalidArgumentError(absl::StrCat("DXP 'R' message: board square ", sq, " is ",
                                                             quote(squares.substr(sq - 1, 1)), ", expected e w z W Z"));
          }
        }
        if (absl::Status s = p.validate(); !s.ok()) {
          return absl::InvalidArgumentError(absl::StrCat("DXP 'R' message: start position: ", s.message()));
        }
        g.start = p;
      } else if (start != "A") {
        return absl::InvalidArgumentError(absl::StrCat("DXP 'R' message: start ", quote(start), " must be A or B"));
      }
      return g;
    }
    case 'A': {
      GameAccept a;
      std::string name;
      int code = 0;
      r.chars(kNameWidth, "follower name", &name);
      r.number(1, "acceptance code", &code);
      if (!r.status().ok()) return r.status();
      if (!in_range(code, 0, 3))
        return absl::InvalidArgumentError(absl::StrCat("DXP 'A' message: acceptance code ", code, " is not 0..3"));
      a.follower = trim_right(name);
      a.code = static_cast<AcceptCode>(code);
      return a;
    }
    case 'M': {
      MoveMessage m;
      int count = 0;
      r.number(4, "time", &m.seconds);
      r.number(2, "from square", &m.from);
      r.number(2, "to square", &m.to);
      r.number(2, "number captured", &count);
      if (!r.status().ok()) return r.status();
      if (!in_range(m.from, 1, 50) || !in_range(m.to, 1, 50)) {
        return absl::InvalidArgumentError(
            absl::StrCat("DXP 'M' message: squares ", m.from, "-", m.to, " are not 1..50"));
      }
      if (count > 20)
        return absl::InvalidArgumentError(absl::StrCat("DXP 'M' message: ", count, " captures is more than 20"));
      for (int i = 0; i < count; ++i) {
        int sq = 0;
        if (!r.number(2, "captured square", &sq)) return r.status();
        if (!in_range(sq, 1, 50)) {
          return absl::InvalidArgumentError(absl::StrCat("DXP 'M' message: captured square ", sq, " is not 1..50"));
        }
        m.captured.push_back(sq);
      }
      return m;
    }
    case 'E': {
      GameEnd e;
      int reason = 0, stop = 0;
      r.number(1, "reason", &reason);
      r.number(1, "stop code", &stop);
      if (!r.status().ok()) return r.status();
      if (!in_range(reason, 0, 3) || !in_range(stop, 0, 1)) {
        return absl::InvalidArgumentError(
            absl::StrCat("DXP 'E' message: reason ", reason, " / stop code ", stop, " out of range"));
      }
      e.reason = static_cast<EndReason>(reason);
      e.stop = stop == 1;
      return e;
    }
    case 'C': return Chat{std::string(text.substr(1))};
    case 'B': {
      BackRequest b;
      r.number(3, "move number", &b.move_number);
      r.color("side to move", &b.side);
      if (!r.status().ok()) return r.status();
      return b;
    }
    case 'K': {
      int code = 0;
      r.number(1, "code", &code);
      if (!r.status().ok()) return r.status();
      if (!in_range(code, 0, 2))
        return absl::InvalidArgumentError(absl::StrCat("DXP 'K' message: code ", code, " is not 0..2"));
      return BackAccept{static_cast<BackCode>(code)};
    }
    default: {
      return absl::InvalidArgumentError(absl::StrCat("DXP: unknown message type ", quote(std::string(1, type))));
    }
  }
}

absl::StatusOr<Move> to_move(const Position& pos, const MoveMessage& m) {
  Bitboard captured = 0;
  for (int sq : m.captured) {
    if (!in_range(sq, 1, 50))
      return absl::InvalidArgumentError(absl::StrCat("DXP move: captured square ", sq, " is not 1..50"));
    // A piece is taken once: a square listed twice is not a move (the C ABI refuses it too).
    if (captured & square_bb(sq))
      return absl::InvalidArgumentError(absl::StrCat("DXP move: captured square ", sq, " is listed twice"));
    captured |= square_bb(sq);
  }
  if (!in_range(m.from, 1, 50) || !in_range(m.to, 1, 50)) {
    return absl::InvalidArgumentError(absl::StrCat("DXP move: squares ", m.from, "-", m.to, " are not 1..50"));
  }
  MoveList legal;
  generate_moves(pos, legal);
  const Move wanted = make_move(m.from, m.to, captured);
  for (const Move& x : legal) {
    if (x == wanted) return x;
  }
  return absl::InvalidArgumentError(absl::StrCat("DXP move ", m.from, m.captured.empty() ? "-" : "x", m.to,
                                                 " capturing ", m.captured.size(), " piece(s) is not legal here"));
}

MoveMessage from_move(const Move& m, int seconds) {
  MoveMessage out;
  out.seconds = std::clamp(seconds, 0, 9999);
  out.from = m.from_square();
  out.to = m.to_square();
  for (int sq = 1; sq <= kNumSquares; ++sq) {
    if (m.captured & square_bb(sq)) out.captured.push_back(sq);
  }
  return out;
}

}  // namespace tempo::dxp
