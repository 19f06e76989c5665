// Legal move generation under FMJD rules.
//
// Capture is mandatory and the side must take the maximum number of pieces
// (men and kings count the same). Captured pieces leave the board only after
// the whole sequence, may not be jumped twice and block the way meanwhile
// (the Turkish strike); the capturing piece's start square counts as empty.
// Kings fly. A man promotes only when its move ends on the far row. Two routes
// of the same piece to the same square over the same pieces are one move.
#pragma once

#include <cstdint>
#include <vector>

#include "rules/move.h"
#include "rules/position.h"

namespace tempo {

// All legal moves of the side to move. Returns the count.
int generate_moves(const Position& pos, MoveList& list);

// Legal captures only (empty when the side to move has none).
int generate_captures(const Position& pos, MoveList& list);

// True when the side to move must capture.
bool has_capture(const Position& pos);

// Number of legal moves, faster than generating them when there is no capture.
int count_moves(const Position& pos);

// Men of the side to move with a free square diagonally forward (a quiet
// step; kings and captures are not considered). A cheap "can move" test.
Bitboard movable_men(const Position& pos);

// A capture route: where the piece stands and what each jump takes.
struct CaptureRoute {
  std::vector<int> squares;  // from, every landing square, to
  Bitboard captured = 0;
  std::vector<int> taken;  // the square of the piece each jump takes, jump by jump (squares.size() - 1 of them)
};

// One canonical route of a legal move: from, each square the piece stands on
// before its next capture, and to, with the piece each jump takes (what an
// app shows step by step). For a quiet move squares {from, to}, nothing
// taken. Squares are numbered 1..50. Empty if `m` is not legal in `pos`.
CaptureRoute capture_route(const Position& pos, const Move& m);
// Its squares alone.
std::vector<int> capture_path(const Position& pos, const Move& m);

// Every landing-square sequence of every route of the legal captures that go
// from `from_square` to `to_square` (1..50), with the captured set of each.
// Used to read the long PDN form, which names some of the landing squares.
std::vector<CaptureRoute> capture_routes(const Position& pos, int from_square, int to_square);

}  // namespace tempo
