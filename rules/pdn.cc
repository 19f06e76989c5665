#include "rules/pdn.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "rules/fen.h"
#include "rules/notation.h"
#include "rules/text.h"

namespace tempo {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
// Characters that end a bare token in move text.
bool is_delimiter(char c) {
  return is_space(c) || c == '{' || c == '}' || c == '(' || c == ')' || c == '[' || c == ']' || c == ';' || c == '$' ||
         c == '"';
}

// A game being read: its tags, then moves once the first one arrives (the FEN
// tag may come after other tags, so the Game is built lazily).
struct Draft {
  PdnGame out;
  bool started = false;  // any tag, move or result seen
  bool built = false;    // out.game set up from the FEN tag
  bool has_moves = false;
  bool has_result = false;
};

// Folds runs of whitespace to one space and trims the ends.
std::string fold_space(std::string_view raw) {
  std::string text;
  for (char c : raw) {
    if (is_space(c)) {
      if (!text.empty() && text.back() != ' ') text += ' ';
    } else {
      text += c;
    }
  }
  if (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

// NAG numbers of the annotation marks ! ? !! ?? !? ?! (0: not a mark).
int mark_nag(std::string_view mark) {
  constexpr std::string_view kMarks[] = {"!", "?", "!!", "??", "!?", "?!"};
  for (int i = 0; i < 6; ++i) {
    if (mark == kMarks[i]) return i + 1;
  }
  return 0;
}

class Reader {
 public:
  Reader(std::string_view text, int first_number, int first_line)
      : text_(text), line_(static_cast<std::size_t>(first_line)), first_number_(first_number) {
    // A UTF-8 byte order mark is not part of the text.
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = line_start_ = 3;
  }

  // Stops at the first error.
  absl::StatusOr<std::vector<PdnGame>> read() {
    while (true) {
      skip_space();
      if (pos_ >= text_.size()) break;
      if (absl::Status st = step(); !st.ok()) return st;
    }
    if (absl::Status st = finish(); !st.ok()) return st;
    std::vector<PdnGame> out;
    out.reserve(entries_.size());
    for (PdnEntry& e : entries_) out.push_back(std::move(e.game));
    return out;
  }

  // Records an error as that game's entry and reads on from the next game.
  std::vector<PdnEntry> read_all() {
    while (true) {
      skip_space();
      if (pos_ >= text_.size()) break;
      const std::size_t before = pos_;
      if (!step().ok()) recover(before);
    }
    if (!finish().ok()) recover(pos_);
    return std::move(entries_);
  }

 private:
  // One element of the text: a tag, comment, variation, NAG or token.
  absl::Status step() {
    const char c = text_[pos_];
    if (c == '[') {
      if (draft_.has_moves || draft_.has_result) {
        if (absl::Status st = finish(); !st.ok()) return st;
      }
      return read_tag();
    }
    if (c == '{') return read_comment();
    if (c == ';') {
      const std::size_t from = pos_ + 1;
      skip_to_line_end();
      keep_comment(text_.substr(from, pos_ - from));
      return absl::OkStatus();
    }
    if (c == '%' && pos_ == line_start_) {
      skip_to_line_end();  // PDN escape line
      return absl::OkStatus();
    }
    if (c == '(') return read_variation();
    if (c == '$') return read_nag();
    if (c == ')' || c == '}' || c == ']' || c == '"') {
      return error(absl::StrCat("unexpected ", quote(std::string_view(&c, 1))));
    }
    return read_token();
  }

  // After an error: the game is recorded as bad, then the text is skipped
  // to the next game's first tag line (once past the bad game's move text)
  // or past the next result token.
  void recover(std::size_t step_start) {
    PdnEntry bad;
    bad.number = game_number();
    bad.line = draft_.started ? static_cast<int>(draft_line_) : error_.line;
    bad.error = error_;
    entries_.push_back(std::move(bad));
    bool past_tags = draft_.has_moves || draft_.has_result || !in_tag_;
    if (in_tag_) skip_to_line_end();
    draft_ = Draft{};
    fen_line_ = fen_column_ = 0;
    in_tag_ = false;
    if (pos_ == step_start && pos_ < text_.size()) advance();  // always move on
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (tag_line_at(pos_)) {
        if (past_tags) return;
        skip_to_line_end();
        continue;
      }
      if (is_space(c)) {
        advance();
        continue;
      }
      past_tags = true;
      if (c == ';') {
        skip_to_line_end();
      } else if (c == '{') {
        advance();
        while (pos_ < text_.size() && text_[pos_] != '}' && !tag_line_at(pos_)) advance();
        if (pos_ < text_.size() && text_[pos_] == '}') advance();
      } else {
        const std::size_t start = pos_;
        while (pos_ < text_.size() && !is_delimiter(text_[pos_])) advance();
        if (pos_ == start) {
          advance();
        } else if (normalise_result(text_.substr(start, pos_ - start)).ok()) {
          return;
        }
      }
    }
  }

  int game_number() const { return first_number_ + static_cast<int>(entries_.size()); }

  absl::Status error_at(std::size_t line, std::size_t column, absl::string_view what) {
    error_ = PdnError{game_number(), static_cast<int>(line), static_cast<int>(column), std::string(what)};
    return absl::InvalidArgumentError(error_.message());
  }
  absl::Status error(absl::string_view what) { return error_at(line_, pos_ - line_start_ + 1, what); }

  // A line starting with a tag pair, `[Name "`: the start of a game's tags,
  // which no comment or variation runs across.
  bool tag_line_at(std::size_t at) const {
    if (at != line_start_ || at >= text_.size() || text_[at] != '[') return false;
    std::size_t k = at + 1;
    const std::size_t name = k;
    while (k < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[k])) || text_[k] == '_')) ++k;
    if (k == name) return false;
    while (k < text_.size() && (text_[k] == ' ' || text_[k] == '\t')) ++k;
    return k < text_.size() && text_[k] == '"';
  }

  void start_draft() {
    if (!draft_.started) draft_line_ = line_;
    draft_.started = true;
  }
  int ply_now() const { return draft_.built ? draft_.out.game.ply() : 0; }

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
    while (pos_ < text_.size() && text_[pos_] != '}' && !tag_line_at(pos_)) advance();
    if (pos_ >= text_.size() || text_[pos_] != '}') return error_at(line, column, "comment '{' is never closed");
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
    std::string text = fold_space(raw);
    if (text.empty()) return;
    for (char& c : text) {
      if (c == '}') c = ')';  // only a `;` comment holds one; written in braces it would end early
    }
    const int ply = ply_now();
    auto& comments = draft_.out.comments;
    if (!comments.empty() && comments.back().first == ply) {
      absl::StrAppend(&comments.back().second, " ", text);  // one comment per place
    } else {
      comments.emplace_back(ply, std::move(text));
    }
  }

  // Variations are alternative lines, not the game: kept as text (nesting
  // and comments included) after the move they follow; their moves are not
  // read. A `;` comment in one becomes `{...}`, since the text is written
  // back on other lines.
  absl::Status read_variation() {
    const std::size_t line = line_, column = pos_ - line_start_ + 1;
    std::string raw;
    int depth = 0;
    while (pos_ < text_.size() && !tag_line_at(pos_)) {
      const char c = text_[pos_];
      if (c == '{') {
        const std::size_t from = pos_;
        if (absl::Status st = skip_comment(); !st.ok()) return st;
        raw.append(text_.substr(from, pos_ - from));
        continue;
      }
      if (c == ';') {  // a line comment may hold a ')' that closes nothing
        const std::size_t from = pos_ + 1;
        skip_to_line_end();
        std::string text = fold_space(text_.substr(from, pos_ - from));
        for (char& t : text) {
          if (t == '}') t = ')';
        }
        absl::StrAppend(&raw, " {", text, "} ");
        continue;
      }
      if (c == '(') ++depth;
      if (c == ')' && --depth == 0) {
        advance();
        draft_.out.variations.emplace_back(ply_now(), fold_space(std::string_view(raw).substr(1)));
        return absl::OkStatus();
      }
      raw += c;
      advance();
    }
    return error_at(line, column, "variation '(' is never closed");
  }

  absl::Status read_nag() {
    const std::size_t line = line_, column = pos_ - line_start_ + 1;
    advance();  // '$'
    if (pos_ >= text_.size() || !is_digit(text_[pos_])) return error("expected a number after '$'");
    int nag = 0;
    while (pos_ < text_.size() && is_digit(text_[pos_])) {
      nag = std::min(nag * 10 + (text_[pos_] - '0'), 1000);
      advance();
    }
    if (nag > 255) return error_at(line, column, "a NAG is a number from $0 to $255");
    draft_.out.nags.emplace_back(ply_now(), nag);
    return absl::OkStatus();
  }

  absl::Status read_tag() {
    start_draft();
    in_tag_ = true;
    advance();  // '['
    skip_space();
    const std::size_t name_start = pos_;
    while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_'))
      advance();
    if (pos_ == name_start) return error("expected a tag name after '['");
    std::string name(text_.substr(name_start, pos_ - name_start));
    skip_space();
    if (pos_ >= text_.size() || text_[pos_] != '"')
      return error(absl::StrCat("expected '\"' to open the value of tag ", name));
    const std::size_t value_line = line_, value_column = pos_ - line_start_ + 1;
    advance();
    std::string value;
    while (true) {
      if (pos_ >= text_.size())
        return error_at(value_line, value_column, absl::StrCat("value of tag ", name, " is never closed"));
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
    in_tag_ = false;
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
    start_draft();

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
    // Annotation marks after the move (or standing alone after it).
    std::size_t marks = tok.size();
    while (marks > 0 && (tok[marks - 1] == '!' || tok[marks - 1] == '?')) --marks;
    const int nag = mark_nag(tok.substr(marks));
    tok = tok.substr(0, marks);
    if (tok.empty()) {
      if (nag != 0) draft_.out.nags.emplace_back(ply_now(), nag);
      return absl::OkStatus();
    }

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
    if (nag != 0) draft_.out.nags.emplace_back(game.ply(), nag);
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
    PdnEntry entry;
    entry.number = game_number();
    entry.line = static_cast<int>(draft_line_);
    entry.ok = true;
    entry.game = std::move(draft_.out);
    entries_.push_back(std::move(entry));
    draft_ = Draft{};
    fen_line_ = fen_column_ = 0;
    return absl::OkStatus();
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t line_start_ = 0;
  std::size_t fen_line_ = 0, fen_column_ = 0;
  std::size_t draft_line_ = 0;
  const int first_number_;
  bool in_tag_ = false;  // reading a tag pair
  Draft draft_;
  PdnError error_;
  std::vector<PdnEntry> entries_;
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

std::string PdnError::message() const {
  return absl::StrCat("PDN game ", game, ", line ", line, ", column ", column, ": ", reason);
}

absl::StatusOr<std::vector<PdnGame>> parse_pdn(std::string_view text) { return Reader(text, 1, 1).read(); }

std::vector<PdnEntry> read_pdn_games(std::string_view text, int first_number, int first_line) {
  return Reader(text, first_number, first_line).read_all();
}

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
    // A line starting `[` might read as a tag pair: a comment's or a
    // variation's word starts one a space in.
    if (line.empty() && word.starts_with('[')) line += ' ';
    line.append(word.data(), word.size());
  };
  // Comments and variations go word by word, so they wrap like the moves.
  auto emit_words = [&](const char* open, const std::string& text, const char* close) {
    const std::vector<std::string> words = absl::StrSplit(text, ' ', absl::SkipEmpty());
    if (words.empty()) emit(absl::StrCat(open, close));
    for (std::size_t w = 0; w < words.size(); ++w) {
      emit(absl::StrCat(w == 0 ? open : "", words[w], w + 1 == words.size() ? close : ""));
    }
  };
  // What follows the ply-th move: its NAGs ($n; the first mark glued to the
  // move as `!`), comments and variations.
  std::size_t next_nag = 0, next_comment = 0, next_variation = 0;
  auto emit_after = [&](int ply, std::string move_word) {
    for (; next_nag < in.nags.size() && in.nags[next_nag].first <= ply; ++next_nag) {
      const int nag = in.nags[next_nag].second;
      constexpr const char* kMarks[] = {"", "!", "?", "!!", "??", "!?", "?!"};
      const bool mark =
          !move_word.empty() && nag >= 1 && nag <= 6 && move_word.back() != '!' && move_word.back() != '?';
      if (mark) {
        move_word += kMarks[nag];
        continue;
      }
      if (!move_word.empty()) emit(std::exchange(move_word, ""));
      emit(absl::StrCat("$", nag));
    }
    if (!move_word.empty()) emit(move_word);
    for (; next_comment < in.comments.size() && in.comments[next_comment].first <= ply; ++next_comment) {
      std::string text = in.comments[next_comment].second;
      for (char& c : text) {
        if (c == '}') c = ')';  // '}' would end it early
      }
      emit_words("{", text, "}");
    }
    for (; next_variation < in.variations.size() && in.variations[next_variation].first <= ply; ++next_variation) {
      emit_words("(", in.variations[next_variation].second, ")");
    }
  };
  const Game& game = in.game;
  emit_after(0, "");
  const int offset = start.side == Color::kBlack ? 1 : 0;
  for (int i = 0; i < game.ply(); ++i) {
    const Position& pos = game.position(i);
    const int number = (i + offset) / 2 + 1;
    std::string word;
    if (pos.side == Color::kWhite) word = absl::StrCat(number, ". ");
    else if (i == 0) word = absl::StrCat(number, "... ");
    absl::StrAppend(&word, to_pdn(pos, game.moves()[i]));
    emit_after(i + 1, std::move(word));
  }
  emit(in.result);
  out += line;
  out += '\n';
  return out;
}

}  // namespace tempo
