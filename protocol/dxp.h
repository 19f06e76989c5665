// DamExchange Protocol (DXP): the messages two engines exchange over TCP.
//
// Each message is ASCII with a type letter first and fixed-width fields
// (numbers zero-padded, names space-padded to 32), terminated by a NUL byte
// on the wire. encode() gives the text without the NUL; decode() takes the
// text without it. This file is pure codec; the socket loop is cli/dxp.cc.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "rules/move.h"
#include "rules/position.h"

namespace tempo::dxp {

inline constexpr int kDefaultPort = 27531;
inline constexpr int kNameWidth = 32;
inline constexpr std::size_t kMaxMessage = 1024;  // longer input is refused

struct GameRequest {  // R
  int version = 1;
  std::string initiator;  // up to 32 characters
  Color follower_color = Color::kBlack;
  int minutes = 0;                // thinking time per side for the game (0..999)
  int moves = 0;                  // moves in that time, 0 = all
  std::optional<Position> start;  // empty: the initial position
};

enum class AcceptCode : std::uint8_t { kAccept = 0, kVersion = 1, kNotThisGame = 2, kNoGames = 3 };
struct GameAccept {  // A
  std::string follower;
  AcceptCode code = AcceptCode::kAccept;
};

struct MoveMessage {          // M
  int seconds = 0;            // time used on this move (0..9999)
  int from = 0, to = 0;       // squares 1..50
  std::vector<int> captured;  // squares, any order
};

enum class EndReason : std::uint8_t { kUnknown = 0, kGiveUp = 1, kDraw = 2, kWin = 3 };
struct GameEnd {  // E
  EndReason reason = EndReason::kUnknown;
  bool stop = false;  // true: no next game
};

struct Chat {  // C
  std::string text;
};

struct BackRequest {  // B
  int move_number = 1;
  Color side = Color::kWhite;
};

enum class BackCode : std::uint8_t { kAccept = 0, kNotSupported = 1, kOther = 2 };
struct BackAccept {  // K
  BackCode code = BackCode::kAccept;
};

using Message = std::variant<GameRequest, GameAccept, MoveMessage, GameEnd, Chat, BackRequest, BackAccept>;

std::string encode(const Message& m);
// Errors name the message type and the field that is wrong.
absl::StatusOr<Message> decode(std::string_view text);

// The legal move of `pos` a MOVE message names (same from, to and captured
// set), or an error saying why none matches.
absl::StatusOr<Move> to_move(const Position& pos, const MoveMessage& m);
MoveMessage from_move(const Move& m, int seconds);

}  // namespace tempo::dxp
