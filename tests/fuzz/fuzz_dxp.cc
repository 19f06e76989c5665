// Fuzzes the DamExchange message decoder: never crashes; an accepted message
// encodes to text that decodes to a message encoding the same way (a fixed
// point); a MOVE message is matched against the legal moves of a few
// positions without crashing, and a match is a legal move.
#include <cstdint>

#include "protocol/dxp.h"
#include "rules/fen.h"
#include "rules/movegen.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tempo;
  const absl::StatusOr<dxp::Message> msg = dxp::decode(fuzz::as_text(data, size));
  if (!msg.ok()) {
    FUZZ_CHECK(!msg.status().message().empty(), "an error must say what is wrong");
    return 0;
  }
  const std::string text = dxp::encode(*msg);
  FUZZ_CHECK(text.size() <= dxp::kMaxMessage, "encoded message too long");
  const absl::StatusOr<dxp::Message> again = dxp::decode(text);
  FUZZ_CHECK(again.ok(), "own message rejected: %s (%s)", text.c_str(), std::string(again.status().message()).c_str());
  FUZZ_CHECK(dxp::encode(*again) == text, "message encoding is not stable: %s", text.c_str());
  if (const auto* req = std::get_if<dxp::GameRequest>(&*msg); req && req->start) {
    FUZZ_CHECK(req->start->validate().ok(), "GAMEREQ accepted an invalid position");
  }
  if (const auto* mv = std::get_if<dxp::MoveMessage>(&*msg)) {
    for (const char* fen : {"W:W31-50:B1-20", "B:W31-50:B1-20", "W:WK46,K3,31,33,38,42:B8,12,17,K45,K5,19",
                            "W:W27,28,32,33,37,38:B17,18,19,22,23,24"}) {
      const Position pos = *parse_fen(fen);
      const absl::StatusOr<Move> m = dxp::to_move(pos, *mv);
      if (!m.ok()) continue;
      MoveList legal;
      generate_moves(pos, legal);
      FUZZ_CHECK(legal.contains(*m), "to_move gave an illegal move in %s", fen);
    }
  }
  return 0;
}
