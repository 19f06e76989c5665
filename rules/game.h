// A game record: the start position and every move played since, with the
// position, Zobrist key and draw-rule counters after each move.
//
// Every move is checked against the legal move list before it is recorded, so
// a Game only ever holds a legal game. It knows when the game is over: the
// side to move has no legal move (and loses), or a draw rule applies
// (threefold repetition, the 25-, 16- and 5-move rules; see draw.h).
//
// The one record of a history: search() takes one (repetitions, draw
// counters), and every outer layer (the C ABI, the Python module, the Hub
// loop, `tempo analyse`, DXP, self-play) builds one instead of replaying
// moves itself.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "rules/draw.h"
#include "rules/move.h"
#include "rules/position.h"

namespace tempo {

enum class GameState : std::uint8_t { kOngoing = 0, kWin, kDraw };

// Plain data: `winner` is meaningful only for kWin, `draw_rule` only for kDraw.
struct GameStatus {
  GameState state = GameState::kOngoing;
  Color winner = Color::kWhite;
  DrawRule draw_rule = DrawRule::kNone;

  bool over() const { return state != GameState::kOngoing; }
  friend bool operator==(const GameStatus&, const GameStatus&) = default;
};

// "ongoing", "white wins (black has no legal move)", "draw (25-move rule)"...
std::string describe(const GameStatus& status);

class Game {
 public:
  // A game from the standard start position.
  Game();
  // A game from any valid position (checked with Position::validate).
  static absl::StatusOr<Game> from_position(const Position& start);
  static absl::StatusOr<Game> from_fen(std::string_view fen);

  const Position& start() const { return positions_.front(); }
  const Position& current() const { return positions_.back(); }
  std::uint64_t key() const { return keys_.back(); }
  const DrawCounters& counters() const { return counters_.back(); }
  // Moves played so far, in order; moves()[i] was played in position(i).
  const std::vector<Move>& moves() const { return moves_; }
  int ply() const { return static_cast<int>(moves_.size()); }

  // The position, key and counters after `ply` moves (0 = start), 0 <= ply <= ply().
  const Position& position(int ply) const { return positions_[ply]; }
  std::uint64_t key(int ply) const { return keys_[ply]; }
  const DrawCounters& counters(int ply) const { return counters_[ply]; }
  // Keys of every position so far, start first (for repetition checks in search).
  std::span<const std::uint64_t> keys() const { return keys_; }

  // Plays a legal move of the current position. Fails (and changes nothing)
  // when the move is not legal or the game is already over. With
  // `stop_at_draw` false a drawn game may go on (for records of games whose
  // players or rules did not stop there); status() still reports the draw.
  absl::Status play(const Move& m, bool stop_at_draw = true);
  // Plays move text: PDN (`32-28`, `19x30`, long form `47x38x24x13x36`) or
  // Hub (`28x19x23`: from, to, captured squares). Returns the move played.
  absl::StatusOr<Move> play_text(std::string_view text, bool stop_at_draw = true);
  // Plays move text separated by spaces, each as play_text() reads it; move
  // numbers ("12.", "12...") are skipped. On error nothing is played and the
  // message names the move: "move 3 '18-24': ...".
  absl::Status play_line(std::string_view text, bool stop_at_draw = true);
  // Takes back the last move. Fails when no move has been played.
  absl::Status undo();

  // Legal moves of the current position (empty when the game is over by a
  // draw rule, as no move may be played then).
  void legal_moves(MoveList& list) const;

  // How often the current position (same pieces, same side to move) has
  // occurred in this game, counting itself.
  int occurrences() const;

  // Ongoing, won by one side (the other has no legal move), or drawn by a
  // rule. A side without a legal move loses even if a draw count would also
  // end the game on that ply.
  GameStatus status() const;

 private:
  explicit Game(const Position& start);

  std::vector<Position> positions_;     // ply() + 1 entries
  std::vector<std::uint64_t> keys_;     // zobrist::key of each position
  std::vector<DrawCounters> counters_;  // draw counters of each position
  std::vector<Move> moves_;
};

}  // namespace tempo
