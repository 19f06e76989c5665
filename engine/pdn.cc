#include "engine/pdn.h"

#include <cctype>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "engine/fen.h"
#include "engine/notation.h"
#include "engine/text.h"

namespace tempo {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
// Characters that end a bare token in move text.
bool is_delimiter(char c) {
  return is_space(c) || c == '{' || c == '}' || c == '(' || c == ')' || c == '[' || c == ']' || c == ';' ||
         c == '$' || c == '"';
}

// A game being read: its tags, then moves once the first one arrives (the FEN
// tag may come after other tags, so the Game is built lazily).
struct Draft {
  PdnGame out;
  bool started = false;    // any tag, move or result seen
  bool built = false;      // out.game set up from the FEN tag
  bool has_moves = false;
  bool has_result = false;
};

class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {
    // A UTF-8 byte order mark is not part of the text.
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = line_start_ = 3;
  }

  absl::StatusOr<std::vector<PdnGame>> read() {
    while (true) {
      skip_space();
      if (pos_ >= text_.size()) break;
      const char c = text_[pos_];
      absl::Status st;
      if (c == '[') {
        if (draft_.has_moves || draft_.has_result) st = finish();
        if (st.ok()) st = read_tag();
      } else if (c == '{') {
        st = read_comment();
      } else if (c == ';') {
        const std::size_t from = pos_ + 1;
        skip_to_line_end();
        keep_comment(text_.substr(from, pos_ - from));
      } else if (c == '%' && pos_ == line_start_) {
        skip_to_line_end();  // PDN escape line
      } else if (c == '(') {
        st = skip_variation();
      } else if (c == '$') {
        st = read_nag();
      } else if (c == ')' || c == '}' || c == ']' || c == '"') {
        st = error(absl::StrCat("unexpected ", quote(std::string_view(&c, 1))));
      } else {
        st = read_token();
      }
      if (!st.ok()) return st;
    }
    if (absl::Status st = finish(); !st.ok()) return st;
    return std::move(games_);
  }

 private:
  int game_number() const { return static_cast<int>(games_.size()) + 1; }

  absl::Status error_at(std::size_t line, std::size_t column, absl::string_view what) const {
    return absl::InvalidArgumentError(
        absl::StrCat("PDN game ", game_number(), ", line ", line, ", column ", column, ": ", what));
  }
  absl::Status error(absl::string_view what) const { return error_at(line_, pos_ - line_start_ + 1, what); }

  void advance() {
    if (text_[pos_] == '\n') {
      ++line_;
      line_start_ = pos_ + 1;
    }
    ++pos_;
  }
  void skip_space() {
    while (pos_ < text_.size() && is_space(text_[pos_])) advance();
  }
  void skip_to_line_end() {
    while (pos_ < text_.size() && text_[pos_] != '\n') advance();
  }

  absl::Status skip_comment() {
    const std::size_t line = line_, column = pos_ - line_start_ + 1;
    advance();  // '{'
    while (pos_ < text_.size() && text_[pos_] != '}') advance();
    if (pos_ >= text_.size()) return error_at(line, column, "comment '{' is never closed");
    advance();
    return absl::OkStatus();
  }

  // A comment of the game itself (not of a variation): kept with the number
  // of moves read so far, its whitespace runs folded to single spaces.
  absl::Status read_comment() {
    const std::size_t from = pos_ + 1;
    if (absl::Status st = skip_comment(); !st.ok()) return st;
    keep_comment(text_.substr(from, pos_ - 1 - from));
    return absl::OkStatus();
  }
  void keep_comment(std::string_view raw) {
    std::string text;
    for (char c : raw) {
      if (is_space(c) || c == '\r') {
        if (!text.empty() && text.back() != ' ') text += ' ';
      } else {
        text += c;
      }
    }
    if (!text.empty() && text.back() == ' ') text.pop_back();
    if (text.empty()) return;
    const int ply = draft_.built ? draft_.out.game.ply() : 0;
    auto& comments = draft_.out.comments;
    if (!comments.empty() && comments.back().first == ply) {
      absl::StrAppend(&comments.back().second, " ", text);  // one comment per place
    } else {
      comments.emplace_back(ply, std::move(text));
    }
  }

  // Variations are alternative lines, not the game: skipped, nesting and
  // comments included.
  absl::Status skip_variation() {
    const std::size_t line = line_, column = pos_ - line_start_ + 1;
    int depth = 0;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '{') {
        if (absl::Status st = skip_comment(); !st.ok()) return st;
        continue;
      }
      if (c == ';') {  // a line comment may hold a ')' that closes nothing
        skip_to_line_end();
        continue;
      }
      if (c == '(') ++depth;
      if (c == ')' && --depth == 0) {
        advance();
        return absl::OkStatus();
      }
      advance();
    }
    return error_at(line, column, "variation '(' is never closed");
  }

  absl::Status read_nag() {
    advance();  // '$'
    if (pos_ >= text_.size() || !is_digit(text_[pos_])) return error("expected a number after '$'");
    while (pos_ < text_.size() && is_digit(text_[pos_])) advance();
    return absl::OkStatus();
  }

  absl::Status read_tag() {
    draft_.started = true;
    advance();  // '['
    skip_space();
    const std::size_t name_start = pos_;
    while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) advance();
    if (pos_ == name_start) return error("expected a tag name after '['");
    std::string name(text_.substr(name_start, pos_ - name_start));
    skip_space();
    if (pos_ >= text_.size() || text_[pos_] != '"') return error(absl::StrCat("expected '\"' to open the value of tag ", name));
    const std::size_t value_line = line_, value_column = pos_ - line_start_ + 1;
    advance();
    std::string value;
    while (true) {
      if (pos_ >= text_.size()) return error_at(value_line, value_column, absl::StrCat("value of tag ", name, " is never closed"));
      char c = text_[pos_];
      if (c == '"') break;
      if (c == '\n') return error(absl::StrCat("value of tag ", name, " runs past the end of the line"));
      if (c == '\\' && pos_ + 1 < text_.size() && (text_[pos_ + 1] == '"' || text_[pos_ + 1] == '\\')) {
        advance();
        c = text_[pos_];
      }
      value += c;
      advance();
    }
    advance();  // closing '"'
    skip_space();
    if (pos_ >= text_.size() || text_[pos_] != ']') return error(absl::StrCat("expected ']' to close tag ", name));
    advance();
    if (name == "FEN") {
      fen_line_ = value_line;
      fen_column_ = value_column;
    }
    if (name == "GameType") {
      const std::string_view v = value;
      const std::string_view type = v.substr(0, v.find(','));
      if (type != "20") {
        return error_at(value_line, value_column,
                        absl::StrCat("GameType ", quote(v), " is not international draughts (20)"));
      }
    }
    draft_.out.set_tag(name, value);
    return absl::OkStatus();
  }

  absl::Status build() {
    if (draft_.built) return absl::OkStatus();
    draft_.built = true;
    if (const std::string* fen = draft_.out.tag("FEN")) {
      absl::StatusOr<Game> g = Game::from_fen(*fen);
      if (!g.ok()) return error_at(fen_line_, fen_column_, g.status().message());
      draft_.out.game = std::move(*g);
    }
    return absl::OkStatus();
  }

  absl::Status read_token() {
    const std::size_t line = line_, column = pos_ - line_start_ + 1, start = pos_;
    while (pos_ < text_.size() && !is_delimiter(text_[pos_])) advance();
    std::string_view tok = text_.substr(start, pos_ - start);
    draft_.started = true;

    if (absl::StatusOr<std::string> r = normalise_result(tok); r.ok()) {
      if (absl::Status st = build(); !st.ok()) return st;
      draft_.out.result = *r;
      draft_.has_result = true;
      return finish();
    }
    if (draft_.has_result) return error_at(line, column, "move text after the result");
    // Move number: `12.` or `12...`, possibly glued to the move.
    std::size_t k = 0;
    while (k < tok.size() && is_digit(tok[k])) ++k;
    if (k > 0 && k < tok.size() && tok[k] == '.') {
      while (k < tok.size() && tok[k] == '.') ++k;
      tok.remove_prefix(k);
    } else if (tok.starts_with("...")) {
      tok.remove_prefix(3);
    }
    // Old files pad single-digit squares: `1- 7`, `18x 9`. Join the pieces.
    std::string joined(tok);
    while (!joined.empty() && (joined.back() == '-' || joined.back() == 'x' || joined.back() == 'X')) {
      std::size_t j = pos_;
      while (j < text_.size() && (text_[j] == ' ' || text_[j] == '\t')) ++j;
      if (j >= text_.size() || !is_digit(text_[j])) break;
      while (pos_ < j) advance();
      while (pos_ < text_.size() && !is_delimiter(text_[pos_])) {
        joined += text_[pos_];
        advance();
      }
    }
    tok = joined;
    // Annotation marks after the move.
    while (!tok.empty() && (tok.back() == '!' || tok.back() == '?')) tok.remove_suffix(1);
    if (tok.empty()) return absl::OkStatus();

    if (absl::Status st = build(); !st.ok()) return st;
    Game& game = draft_.out.game;
    const Position& pos = game.current();
    const int number = (game.ply() + (game.start().side == Color::kBlack ? 1 : 0)) / 2 + 1;
    const std::string which =
        absl::StrCat("move ", number, pos.side == Color::kWhite ? " (white) " : " (black) ", quote(tok), ": ");
    if (const GameStatus s = game.status(); s.state == GameState::kWin) {
      return error_at(line, column, absl::StrCat(which, "the game is already over, ", describe(s)));
    }
    absl::StatusOr<Move> m = parse_pdn_move(pos, tok);
    if (!m.ok()) return error_at(line, column, absl::StrCat(which, m.status().message()));
    // Records are read as played: a game that went on past a draw rule (older
    // rules, an arbiter's decision) is still a legal record.
    if (absl::Status st = game.play(*m, /*stop_at_draw=*/false); !st.ok()) {
      return error_at(line, column, absl::StrCat(which, st.message()));
    }
    draft_.has_moves = true;
    return absl::OkStatus();
  }

  absl::Status finish() {
    if (!draft_.started) return absl::OkStatus();
    if (absl::Status st = build(); !st.ok()) return st;
    if (!draft_.has_result) {
      if (const std::string* tag = draft_.out.tag("Result")) {
        if (absl::StatusOr<std::string> r = normalise_result(*tag); r.ok()) draft_.out.result = *r;
      }
    }
    games_.push_back(std::move(draft_.out));
    draft_ = Draft{};
    fen_line_ = fen_column_ = 0;
    return absl::OkStatus();
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t line_start_ = 0;
  std::size_t fen_line_ = 0, fen_column_ = 0;
  Draft draft_;
  std::vector<PdnGame> games_;
};

std::string escape(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '"' || c == '\\') out += '\\';
    out += (c == '\n' || c == '\r') ? ' ' : c;
  }
  return out;
}

}  // namespace

const std::string* PdnGame::tag(std::string_view name) const {
  for (const auto& [k, v] : tags) {
    if (k == name) return &v;
  }
  return nullptr;
}

void PdnGame::set_tag(std::string_view name, std::string_view value) {
  for (auto& [k, v] : tags) {
    if (k == name) {
      v = std::string(value);
      return;
    }
  }
  tags.emplace_back(std::string(name), std::string(value));
}

absl::StatusOr<std::vector<PdnGame>> parse_pdn(std::string_view text) { return Reader(text).read(); }

absl::StatusOr<PdnGame> parse_pdn_game(std::string_view text) {
  absl::StatusOr<std::vector<PdnGame>> games = parse_pdn(text);
  if (!games.ok()) return games.status();
  if (games->size() != 1) {
    return absl::InvalidArgumentError(absl::StrCat("expected one PDN game, found ", games->size()));
  }
  return std::move(games->front());
}

absl::StatusOr<std::string> normalise_result(std::string_view token) {
  if (token == "2-0" || token == "1-0") return std::string("2-0");
  if (token == "0-2" || token == "0-1") return std::string("0-2");
  if (token == "1-1" || token == "1/2-1/2") return std::string("1-1");
  if (token == "0-0") return std::string("0-0");
  if (token == "*") return std::string("*");
  return absl::InvalidArgumentError(absl::StrCat(quote(token), " is not a PDN result (2-0 0-2 1-1 0-0 *)"));
}

std::string result_of(const GameStatus& status) {
  switch (status.state) {
    case GameState::kWin: return status.winner == Color::kWhite ? "2-0" : "0-2";
    case GameState::kDraw: return "1-1";
    case GameState::kOngoing: break;
  }
  return "*";
}

std::string write_pdn(const PdnGame& in) {
  PdnGame g;
  g.tags = in.tags;
  g.set_tag("Result", in.result);
  const Position& start = in.game.start();
  if (!(start == Position::start())) {
    if (!g.tag("GameType")) g.set_tag("GameType", "20");
    g.set_tag("FEN", to_fen(start));
  } else if (const std::string* fen = g.tag("FEN")) {
    // A FEN tag naming the start position is harmless; any other would lie.
    (void)fen;
    g.set_tag("FEN", to_fen(start));
  }
  std::string out;
  for (const auto& [k, v] : g.tags) absl::StrAppend(&out, "[", k, " \"", escape(v), "\"]\n");
  out += '\n';

  std::string line;
  auto emit = [&](std::string_view word) {
    if (!line.empty() && line.size() + 1 + word.size() > 79) {
      out += line;
      out += '\n';
      line.clear();
    }
    if (!line.empty()) line += ' ';
    line.append(word.data(), word.size());
  };
  // Comments go word by word, so they wrap like the moves.
  std::size_t next_comment = 0;
  auto emit_comments = [&](int ply) {
    for (; next_comment < in.comments.size() && in.comments[next_comment].first <= ply; ++next_comment) {
      std::string text;
      for (char c : in.comments[next_comment].second) text += c == '}' ? ')' : c;  // '}' would end it early
      const std::vector<std::string> words = absl::StrSplit(text, ' ', absl::SkipEmpty());
      for (std::size_t w = 0; w < words.size(); ++w) {
        emit(absl::StrCat(w == 0 ? "{" : "", words[w], w + 1 == words.size() ? "}" : ""));
      }
    }
  };
  const Game& game = in.game;
  emit_comments(0);
  const int offset = start.side == Color::kBlack ? 1 : 0;
  for (int i = 0; i < game.ply(); ++i) {
    const Position& pos = game.position(i);
    const int number = (i + offset) / 2 + 1;
    std::string word;
    if (pos.side == Color::kWhite) word = absl::StrCat(number, ". ");
    else if (i == 0) word = absl::StrCat(number, "... ");
    absl::StrAppend(&word, to_pdn(pos, game.moves()[i]));
    emit(word);
    emit_comments(i + 1);
  }
  emit(in.result);
  out += line;
  out += '\n';
  return out;
}

}  // namespace tempo
