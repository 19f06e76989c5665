#include "rules/game.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "rules/fen.h"
#include "rules/movegen.h"
#include "rules/notation.h"
#include "rules/text.h"
#include "rules/zobrist.h"

namespace tempo {

std::string describe(const GameStatus& status) {
  switch (status.state) {
    case GameState::kOngoing: return "ongoing";
    case GameState::kWin:
      return status.winner == Color::kWhite ? "white wins (black has no legal move)"
                                            : "black wins (white has no legal move)";
    case GameState::kDraw: return absl::StrCat("draw (", draw_rule_name(status.draw_rule), ")");
  }
  return "unknown";
}

Game::Game() : Game(Position::start()) {}

Game::Game(const Position& start) {
  positions_.push_back(start);
  keys_.push_back(zobrist::key(start));
  counters_.push_back(DrawCounters::at_start(start));
}

absl::StatusOr<Game> Game::from_position(const Position& start) {
  if (absl::Status st = start.validate(); !st.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("bad start position: ", st.message()));
  }
  return Game(start);
}

absl::StatusOr<Game> Game::from_fen(std::string_view fen) {
  absl::StatusOr<Position> pos = parse_fen(fen);
  if (!pos.ok()) return pos.status();
  return Game(*pos);
}

void Game::legal_moves(MoveList& list) const {
  list.clear();
  const GameStatus s = status();
  if (s.state == GameState::kDraw) return;
  generate_moves(current(), list);
}

absl::Status Game::play(const Move& m, bool stop_at_draw) {
  const GameStatus s = status();
  if (s.state == GameState::kWin || (s.over() && stop_at_draw)) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot play after ply ", ply(), ": the game is over, ", describe(s)));
  }
  const Position& before = current();
  MoveList legal;
  generate_moves(before, legal);
  if (!legal.contains(m)) {
    std::string text = m.is_capture() ? to_hub_move(m) : absl::StrCat(m.from_square(), "-", m.to_square());
    return absl::InvalidArgumentError(absl::StrCat("illegal move ", text, " at ply ", ply() + 1, " (",
                                                   before.side == Color::kWhite ? "white" : "black", " to move)"));
  }
  const Position after = before.after(m);
  const std::uint64_t k = zobrist::key_after(keys_.back(), before, m);
  const DrawCounters c = counters_.back().next(before, m, after);
  moves_.push_back(m);
  positions_.push_back(after);
  keys_.push_back(k);
  counters_.push_back(c);
  return absl::OkStatus();
}

absl::StatusOr<Move> Game::play_text(std::string_view text, bool stop_at_draw) {
  const Position& pos = current();
  absl::StatusOr<Move> m = parse_pdn_move(pos, text);
  if (!m.ok()) {
    // Hub text `from x to x captured...` differs from the PDN long form only
    // in meaning; the two readings cannot both be legal (a PDN route ends on
    // an empty square, a Hub text ends on a captured piece), so try both.
    absl::StatusOr<Move> hub = parse_hub_move(pos, text);
    if (!hub.ok()) {
      if (hub.status().message() == m.status().message()) return m.status();
      return absl::InvalidArgumentError(
          absl::StrCat("as PDN: ", m.status().message(), "; as Hub: ", hub.status().message()));
    }
    m = hub;
  }
  if (absl::Status st = play(*m, stop_at_draw); !st.ok()) return st;
  return *m;
}

absl::Status Game::play_line(std::string_view text, bool stop_at_draw) {
  Game next = *this;
  int n = 0;
  for (absl::string_view token : absl::StrSplit(av(text), absl::ByAnyChar(" \t\r\n"), absl::SkipEmpty())) {
    if (token.back() == '.') continue;  // a move number
    ++n;
    const std::string_view move(token.data(), token.size());
    if (absl::StatusOr<Move> m = next.play_text(move, stop_at_draw); !m.ok()) {
      return absl::Status(m.status().code(), absl::StrCat("move ", n, " ", quote(move), ": ", m.status().message()));
    }
  }
  *this = std::move(next);
  return absl::OkStatus();
}

absl::Status Game::undo() {
  if (moves_.empty()) return absl::FailedPreconditionError("cannot undo: no move has been played");
  moves_.pop_back();
  positions_.pop_back();
  keys_.pop_back();
  counters_.pop_back();
  return absl::OkStatus();
}

int Game::occurrences() const {
  // Only positions since the last man move or capture can repeat, and only
  // every second one has the same side to move.
  const int now = ply();
  const int window = counters_.back().reversible_plies;
  int count = 1;
  for (int p = now - 2; p >= 0 && p >= now - window; p -= 2) {
    if (keys_[p] == keys_[now] && positions_[p] == positions_[now]) ++count;
  }
  return count;
}

GameStatus Game::status() const {
  GameStatus s;
  MoveList legal;
  if (generate_moves(current(), legal) == 0) {
    s.state = GameState::kWin;
    s.winner = ~current().side;
    return s;
  }
  DrawRule rule = occurrences() >= 3 ? DrawRule::kRepetition : counters().rule();
  if (rule != DrawRule::kNone) {
    s.state = GameState::kDraw;
    s.draw_rule = rule;
  }
  return s;
}

}  // namespace tempo
