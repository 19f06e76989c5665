// Fuzzes the PDN game reader: never crashes; every game it accepts starts
// from a valid position, its moves are legal in sequence, and writing it back
// gives PDN that reads back to the same start, moves and result (and writes
// back identically).
#include <cstdint>

#include "engine/fen.h"
#include "engine/movegen.h"
#include "engine/pdn.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tempo;
  const absl::StatusOr<std::vector<PdnGame>> games = parse_pdn(fuzz::as_text(data, size));
  if (!games.ok()) {
    FUZZ_CHECK(!games.status().message().empty(), "an error must say what is wrong");
    return 0;
  }
  for (const PdnGame& g : *games) {
    FUZZ_CHECK(g.game.start().validate().ok(), "game starts from an invalid position");
    Position pos = g.game.start();
    for (int i = 0; i < g.game.ply(); ++i) {
      MoveList legal;
      generate_moves(pos, legal);
      FUZZ_CHECK(legal.contains(g.game.moves()[i]), "move %d of a game is illegal", i + 1);
      pos.play(g.game.moves()[i]);
    }
    FUZZ_CHECK(pos == g.game.current(), "replayed moves do not reach the game's position");
    const std::string text = write_pdn(g);
    const absl::StatusOr<PdnGame> back = parse_pdn_game(text);
    FUZZ_CHECK(back.ok(), "own PDN rejected: %s\n%s", std::string(back.status().message()).c_str(), text.c_str());
    FUZZ_CHECK(back->game.start() == g.game.start(), "start changed in the PDN round trip:\n%s", text.c_str());
    FUZZ_CHECK(back->game.moves() == g.game.moves(), "moves changed in the PDN round trip:\n%s", text.c_str());
    FUZZ_CHECK(back->result == g.result, "result %s became %s:\n%s", g.result.c_str(), back->result.c_str(),
               text.c_str());
    FUZZ_CHECK(write_pdn(*back) == text, "PDN writing is not stable:\n%s", text.c_str());
  }
  return 0;
}
