// Game (a record with PDN tags and result), its status, and PDN reading.
#include <pybind11/stl.h>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "ffi/python/bindings.h"
#include "rules/fen.h"
#include "rules/game.h"
#include "rules/pdn.h"

namespace tempo::python {
namespace {

Game new_game(py::handle start) {
  if (start.is_none()) return Game();
  if (py::isinstance<py::str>(start)) return value_or_raise(Game::from_fen(start.cast<std::string>()));
  if (py::isinstance<Position>(start)) return value_or_raise(Game::from_position(start.cast<const Position&>()));
  throw py::type_error(absl::StrCat("Game start must be a Position, a FEN string or None, got ",
                                    std::string(py::str(py::type::of(start).attr("__name__")))));
}

PdnGame with_game(Game game) {
  PdnGame g;
  g.game = std::move(game);
  return g;
}

// The result a PDN export states: the recorded one, or the one the rules
// imply when the record says "*" and the game is over.
std::string export_result(const PdnGame& g) {
  if (g.result == "*") return result_of(g.game.status());
  return g.result;
}

}  // namespace

void bind_game(py::module_& m) {
  py::enum_<GameState>(m, "GameState", "Whether a game goes on, is won (the side to move has no legal move) or drawn.")
      .value("ONGOING", GameState::kOngoing)
      .value("WIN", GameState::kWin)
      .value("DRAW", GameState::kDraw);
  py::enum_<DrawRule>(m, "DrawRule", "The FMJD rule that drew a game.")
      .value("NONE", DrawRule::kNone)
      .value("REPETITION", DrawRule::kRepetition)
      .value("TWENTY_FIVE_MOVES", DrawRule::kTwentyFiveMoves)
      .value("SIXTEEN_MOVES", DrawRule::kSixteenMoves)
      .value("FIVE_MOVES", DrawRule::kFiveMoves)
      .def_property_readonly(
          "description", [](DrawRule r) { return draw_rule_name(r); },
          "The rule in words, e.g. 'threefold repetition'.");

  py::class_<GameStatus>(m, "GameStatus",
                         "Whether a game is over: won (the side to move has no legal move) or drawn by a rule.")
      .def_readonly("state", &GameStatus::state, "GameState.ONGOING, WIN or DRAW.")
      .def_property_readonly("over", &GameStatus::over, "True once the game is won or drawn.")
      .def_property_readonly(
          "winner",
          [](const GameStatus& s) -> std::optional<Color> {
            if (s.state != GameState::kWin) return std::nullopt;
            return s.winner;
          },
          "The winning side, or None unless the state is WIN.")
      .def_property_readonly(
          "draw_rule", [](const GameStatus& s) { return s.draw_rule; },
          "The rule that drew the game (DrawRule.NONE unless the state is DRAW).")
      .def_property_readonly("result", &result_of, "PDN result: '2-0', '0-2', '1-1', or '*' while ongoing.")
      .def("__str__", &describe)
      .def("__repr__", [](const GameStatus& s) { return absl::StrCat("GameStatus('", describe(s), "')"); })
      .def(
          "__eq__", [](const GameStatus& a, const GameStatus& b) { return a == b; }, py::is_operator());

  py::class_<PdnGame>(m, "Game",
                      "A game record: a start position, the legal moves played since, PDN tags and result.\n\n"
                      "Every move is checked against the rules. status() applies the FMJD draw rules "
                      "(threefold repetition, 25-, 16- and 5-move rules).")
      .def(py::init([](py::handle start) { return with_game(new_game(start)); }), py::arg("start") = py::none(),
           "A game from `start` (a Position or FEN string), or from the standard start position.")
      .def_static(
          "from_pdn", [](const std::string& text) { return value_or_raise(parse_pdn_game(text)); }, py::arg("text"),
          "Exactly one game from PDN text; ValueError names the line and column of a problem.")
      .def_property_readonly(
          "start", [](const PdnGame& g) { return g.game.start(); }, "The position the game starts from.")
      .def_property_readonly(
          "position", [](const PdnGame& g) { return g.game.current(); }, "The current position.")
      .def_property_readonly(
          "ply", [](const PdnGame& g) { return g.game.ply(); }, "Moves (plies) played so far.")
      .def("__len__", [](const PdnGame& g) { return g.game.ply(); })
      .def_property_readonly(
          "moves", [](const PdnGame& g) { return line_from(g.game.start(), g.game.moves().data(), g.game.ply()); },
          "Every move played, in order.")
      .def(
          "position_at",
          [](const PdnGame& g, int ply) {
            if (ply < 0) ply += g.game.ply() + 1;
            if (ply < 0 || ply > g.game.ply())
              throw py::index_error(absl::StrCat("ply ", ply, " is outside 0..", g.game.ply()));
            return g.game.position(ply);
          },
          py::arg("ply"), "The position after `ply` moves (0 = start; negative counts from the end).")
      .def(
          "legal_moves",
          [](const PdnGame& g) {
            MoveList list;
            g.game.legal_moves(list);
            std::vector<PyMove> out;
            for (const Move& mv : list) out.push_back({g.game.current(), mv});
            return out;
          },
          "Legal moves now (none once the game is over, drawn games included).")
      .def(
          "play",
          [](PdnGame& g, py::handle mv) {
            const Position before = g.game.current();
            const Move move = resolve_move(before, mv);
            raise_if_error(g.game.play(move));
            return PyMove{before, move};
          },
          py::arg("move"), "Plays a Move or move text; returns the Move. ValueError if illegal or the game is over.")
      .def(
          "undo",
          [](PdnGame& g) {
            if (g.game.ply() == 0) throw py::index_error("undo: no move has been played");
            const PyMove last{g.game.position(g.game.ply() - 1), g.game.moves().back()};
            raise_if_error(g.game.undo());
            return last;
          },
          "Takes back the last move and returns it.")
      .def(
          "occurrences", [](const PdnGame& g) { return g.game.occurrences(); },
          "How often the current position has occurred in this game, counting itself.")
      .def(
          "status", [](const PdnGame& g) { return g.game.status(); },
          "The GameStatus now: ongoing, won (the side to move has no move) or drawn by an FMJD rule.")
      .def_property(
          "result", [](const PdnGame& g) { return g.result; },
          [](PdnGame& g, const std::string& r) { g.result = value_or_raise(normalise_result(r), "result"); },
          "The recorded PDN result ('2-0', '0-2', '1-1', '0-0', '*'); accepts '1-0', '0-1', '1/2-1/2'.")
      .def_property_readonly(
          "tags",
          [](const PdnGame& g) {
            py::dict d;
            for (const auto& [k, v] : g.tags) d[py::str(k)] = v;
            return d;
          },
          "A copy of the PDN tag pairs, in file order; change them with set_tag().")
      .def(
          "tag",
          [](const PdnGame& g, const std::string& name) -> std::optional<std::string> {
            const std::string* v = g.tag(name);
            if (v == nullptr) return std::nullopt;
            return *v;
          },
          py::arg("name"), "The value of a PDN tag, or None when the game has no such tag.")
      .def(
          "set_tag", [](PdnGame& g, const std::string& name, const std::string& value) { g.set_tag(name, value); },
          py::arg("name"), py::arg("value"), "Sets a PDN tag (replacing one of the same name; new tags go last).")
      .def_property_readonly(
          "comments", [](const PdnGame& g) { return g.comments; },
          "PDN comments as (ply, text) pairs: the text follows the ply-th move (0 = before the first).")
      .def_property_readonly(
          "nags", [](const PdnGame& g) { return g.nags; },
          "Numeric annotation glyphs as (ply, nag) pairs: $nag on the ply-th move (0 = before the first). "
          "The marks ! ? !! ?? !? ?! read as $1..$6 and are written back as marks.")
      .def_property_readonly(
          "variations", [](const PdnGame& g) { return g.variations; },
          "Variations as (ply, text) pairs: each follows the ply-th move, an alternative to it. The text is "
          "what stood inside the parentheses (whitespace folded, nested variations and comments kept); its "
          "moves are not checked. Written back by pdn().")
      .def(
          "set_comment",
          [](PdnGame& g, int ply, const std::string& text) {
            if (ply < 0 || ply > g.game.ply())
              throw py::index_error(absl::StrCat("ply ", ply, " is outside 0..", g.game.ply()));
            auto& c = g.comments;
            auto at = std::find_if(c.begin(), c.end(), [&](const auto& e) { return e.first >= ply; });
            if (at != c.end() && at->first == ply) {
              if (text.empty()) c.erase(at);
              else at->second = text;
            } else if (!text.empty()) {
              c.insert(at, {ply, text});
            }
          },
          py::arg("ply"), py::arg("text"),
          "Sets the comment after the ply-th move (0 = before the first); empty text removes it.")
      .def(
          "pdn",
          [](const PdnGame& g) {
            PdnGame out = g;
            out.result = export_result(g);
            return write_pdn(out);
          },
          "PDN text of the game (tags, numbered moves, result; the result the rules imply when none is recorded).")
      .def(
          "copy", [](const PdnGame& g) { return g; }, "An independent copy of the record.")
      .def("__copy__", [](const PdnGame& g) { return g; })
      .def(
          "__deepcopy__", [](const PdnGame& g, py::dict) { return g; }, py::arg("memo"))
      .def("__repr__",
           [](const PdnGame& g) {
             return absl::StrCat("<tempo.Game ", g.game.ply(), " plies, ", describe(g.game.status()), ", now ",
                                 to_fen(g.game.current()), ">");
           })
      .def(py::pickle([](const PdnGame& g) { return write_pdn(g); },
                      [](const std::string& text) { return value_or_raise(parse_pdn_game(text), "pickled Game"); }));

  m.def(
      "read_pdn", [](const std::string& text) { return value_or_raise(parse_pdn(text)); }, py::arg("text"),
      "Every game in PDN text, in order. ValueError names the game, line and column of the first problem; "
      "read_games() reads on past bad games instead.");
  // The engine of tempo.read_games(): one piece of a file, bad games kept
  // as (game, line, column, reason).
  m.def(
      "_read_pdn_entries",
      [](const std::string& text, int first_number, int first_line) {
        py::list out;
        for (PdnEntry& e : read_pdn_games(text, first_number, first_line)) {
          py::object game = py::none(), error = py::none();
          if (e.ok) game = py::cast(std::move(e.game));
          else error = py::make_tuple(e.error.game, e.error.line, e.error.column, e.error.reason);
          out.append(py::make_tuple(e.number, e.line, game, error));
        }
        return out;
      },
      py::arg("text"), py::arg("first_number") = 1, py::arg("first_line") = 1,
      "Games of one piece of PDN text as (number, line, Game or None, None or (game, line, column, reason)).");
}

}  // namespace tempo::python
