// Searches a game with the installed C++ library and prints the best move.
#include <cstdio>

#include "protocol/hub.h"
#include "rules/game.h"
#include "rules/notation.h"
#include "rules/score.h"
#include "search/search.h"

int main() {
  tempo::Game game;
  if (!game.play_line("32-28 19-23").ok()) return 1;
  tempo::SearchRequest request;
  request.limits.depth = 4;
  const absl::StatusOr<tempo::SearchResult> r = tempo::search(game, request);
  if (!r.ok() || !r->has_move) return 1;
  // tempo::protocol too: the answer as a Hub line.
  const tempo::hub::Line done{"done", {{"move", tempo::to_hub_move(r->best_move), true}}};
  std::printf("bestmove %s score %s\n%s\n", tempo::to_pdn(game.current(), r->best_move).c_str(),
              tempo::score_text(r->score).c_str(), tempo::hub::format_line(done).c_str());
  return 0;
}
