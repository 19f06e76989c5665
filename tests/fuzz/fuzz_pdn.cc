// Fuzzes the PDN game reader: never crashes; every game it accepts starts
// from a valid position, its moves are legal in sequence, and writing it back
// gives PDN that reads back to the same start, moves, result, comments, NAGs
// and variations (and writes back identically). The reader that reads on past
// bad games (read_pdn_games) never crashes either, gives every entry a game or
// an error with its place, and agrees with parse_pdn on a text without errors.
#include <cstdint>

#include "rules/fen.h"
#include "rules/movegen.h"
#include "rules/pdn.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tempo;
  const std::string_view input = fuzz::as_text(data, size);
  const std::vector<PdnEntry> entries = read_pdn_games(input);
  bool all_ok = true;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const PdnEntry& e = entries[i];
    FUZZ_CHECK(e.number == static_cast<int>(i) + 1, "entry %zu has number %d", i, e.number);
    all_ok = all_ok && e.ok;
    if (!e.ok) {
      FUZZ_CHECK(e.error.game == e.number && e.error.line >= 1 && e.error.column >= 1 && !e.error.reason.empty(),
                 "a bad game's error must say where and what");
    }
  }
  const absl::StatusOr<std::vector<PdnGame>> games = parse_pdn(input);
  FUZZ_CHECK(games.ok() == all_ok, "parse_pdn %s but read_pdn_games %s", games.ok() ? "accepts" : "rejects",
             all_ok ? "accepts" : "rejects");
  if (!games.ok()) {
    FUZZ_CHECK(!games.status().message().empty(), "an error must say what is wrong");
    return 0;
  }
  FUZZ_CHECK(games->size() == entries.size(), "parse_pdn and read_pdn_games count different games");
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
    FUZZ_CHECK(back->comments == g.comments, "comments changed in the PDN round trip:\n%s", text.c_str());
    FUZZ_CHECK(back->nags == g.nags, "NAGs changed in the PDN round trip:\n%s", text.c_str());
    FUZZ_CHECK(back->variations == g.variations, "variations changed in the PDN round trip:\n%s", text.c_str());
    FUZZ_CHECK(write_pdn(*back) == text, "PDN writing is not stable:\n%s", text.c_str());
  }
  return 0;
}
