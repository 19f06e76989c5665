// C ABI: the state of a game (won, drawn and by which rule, or going on) from
// a start position and the moves played. The rules are rules/game's.
#include "ffi/c_boundary.h"
#include "rules/game.h"
#include "rules/movegen.h"

using namespace tempo;
using namespace tempo::ffi;

static_assert(TEMPO_DRAW_NONE == static_cast<int>(DrawRule::kNone));
static_assert(TEMPO_DRAW_REPETITION == static_cast<int>(DrawRule::kRepetition));
static_assert(TEMPO_DRAW_25_MOVES == static_cast<int>(DrawRule::kTwentyFiveMoves));
static_assert(TEMPO_DRAW_16_MOVES == static_cast<int>(DrawRule::kSixteenMoves));
static_assert(TEMPO_DRAW_5_MOVES == static_cast<int>(DrawRule::kFiveMoves));

extern "C" tempo_status tempo_game_status(const tempo_position* start, const tempo_move* moves, uint32_t move_size,
                                          uint32_t move_count, tempo_game_state* out, char* error, size_t error_len) {
  return guard([&] {
    clear_error(error, error_len);
    if (tempo_status st = check_struct(start, kPositionV1, "start", error, error_len); st != TEMPO_OK) return st;
    if (tempo_status st = check_struct(out, kGameStateV1, "out", error, error_len); st != TEMPO_OK) return st;
    if (tempo_status st = check_move_array(moves, move_size, move_count, "moves", error, error_len); st != TEMPO_OK) {
      return st;
    }
    Position p;
    if (tempo_status st = to_engine(*start, &p, error, error_len); st != TEMPO_OK) return st;
    Game game;
    if (tempo_status st =
            build_game(p, moves, move_size, move_count, /*stop_at_draw=*/true, "ply", &game, error, error_len);
        st != TEMPO_OK) {
      return st;
    }

    const GameStatus status = game.status();
    switch (status.state) {
      case GameState::kOngoing: out->result = TEMPO_RESULT_ONGOING; break;
      case GameState::kWin:
        out->result = status.winner == Color::kWhite ? TEMPO_RESULT_WHITE_WINS : TEMPO_RESULT_BLACK_WINS;
        break;
      case GameState::kDraw: out->result = TEMPO_RESULT_DRAW; break;
    }
    out->draw_rule = status.state == GameState::kDraw ? static_cast<int32_t>(status.draw_rule) : TEMPO_DRAW_NONE;
    const Position& now = game.current();
    out->side_to_move = now.side == Color::kWhite ? TEMPO_WHITE : TEMPO_BLACK;
    out->plies = move_count;
    MoveList list;
    game.legal_moves(list);
    out->legal_moves = static_cast<uint32_t>(list.size);
    const DrawCounters& c = game.counters();
    out->king_plies = c.king_plies;
    out->endgame_plies = c.endgame == EndgameClass::kNone ? 0 : c.endgame_plies;
    out->repetitions = static_cast<uint32_t>(game.occurrences());
    out->position.size = sizeof(tempo_position);
    to_c(now, &out->position);
    return TEMPO_OK;
  });
}
