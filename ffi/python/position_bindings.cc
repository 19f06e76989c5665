// Color, Piece, Position, Move and perft for Python.
#include <pybind11/stl.h>

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "ffi/python/bindings.h"
#include "rules/fen.h"
#include "rules/movegen.h"
#include "rules/notation.h"
#include "rules/perft.h"

namespace tempo::python {

void raise_if_error(const absl::Status& status, const std::string& context) {
  if (status.ok()) return;
  std::string message(status.message().data(), status.message().size());
  if (!context.empty()) message = context + ": " + message;
  throw py::value_error(message);
}

std::vector<int> squares_of(Bitboard b) {
  std::vector<int> out;
  for (; b; b &= b - 1) out.push_back(square_of_bit(lsb(b)));
  return out;
}

std::vector<PyMove> line_from(Position pos, const Move* moves, int count) {
  std::vector<PyMove> out;
  out.reserve(count);
  for (int i = 0; i < count; ++i) {
    out.push_back({pos, moves[i]});
    pos.play(moves[i]);
  }
  return out;
}

namespace {

bool is_legal(const Position& pos, const Move& m) {
  MoveList list;
  generate_moves(pos, list);
  return list.contains(m);
}

}  // namespace

Move resolve_move(const Position& pos, py::handle move_or_text) {
  if (py::isinstance<PyMove>(move_or_text)) {
    const PyMove& pm = move_or_text.cast<const PyMove&>();
    if (pm.before == pos || is_legal(pos, pm.move)) return pm.move;
    throw py::value_error(absl::StrCat("move ", to_hub_move(pm.move), " is not legal in ", to_fen(pos)));
  }
  if (py::isinstance<py::str>(move_or_text)) {
    const std::string text = move_or_text.cast<std::string>();
    absl::StatusOr<Move> m = parse_pdn_move(pos, text);
    if (m.ok()) return *m;
    // Hub text (`28x19x23`: captured squares instead of landing squares).
    if (absl::StatusOr<Move> hub = parse_hub_move(pos, text); hub.ok()) return *hub;
    raise_if_error(m.status());
  }
  throw py::type_error(absl::StrCat("expected a tempo.Move or move text (str), got ",
                                    std::string(py::str(py::type::of(move_or_text).attr("__name__")))));
}

namespace {

// A hash for Python dicts and sets (not the engine's Zobrist key).
std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h;
}
py::ssize_t position_hash(const Position& pos) {
  std::uint64_t h = mix(mix(mix(0, pos.white), pos.black), pos.kings);
  return static_cast<py::ssize_t>(mix(h, static_cast<std::uint64_t>(pos.side)));
}

constexpr char kPieceChars[] = ".wbWB";

void check_square(int square) {
  if (square < 1 || square > kNumSquares)
    throw py::index_error(absl::StrCat("square ", square, " is off the board (squares are 1..50)"));
}

std::vector<PyMove> legal_moves(const Position& pos) {
  MoveList list;
  generate_moves(pos, list);
  std::vector<PyMove> out;
  out.reserve(list.size);
  for (const Move& m : list) out.push_back({pos, m});
  return out;
}

// A 10x10 text board, White at the bottom, for print() and the REPL.
std::string diagram(const Position& pos) {
  std::string out;
  for (int row = 0; row < 10; ++row) {
    for (int col = 0; col < 10; ++col) {
      const bool dark = (row + col) % 2 == 1;
      if (!dark) {
        out += "  ";
        continue;
      }
      const int square = row * 5 + col / 2 + 1;
      out += ' ';
      out += kPieceChars[static_cast<int>(pos.at(square))];
    }
    while (out.back() == ' ') out.pop_back();
    out += '\n';
  }
  out += pos.side == Color::kWhite ? "White to move" : "Black to move";
  return out;
}

Position from_pieces(Color side, const std::vector<int>& white_men, const std::vector<int>& white_kings,
                     const std::vector<int>& black_men, const std::vector<int>& black_kings) {
  Position pos = Position::empty(side);
  const std::pair<const std::vector<int>*, Piece> groups[] = {{&white_men, Piece::kWhiteMan},
                                                              {&white_kings, Piece::kWhiteKing},
                                                              {&black_men, Piece::kBlackMan},
                                                              {&black_kings, Piece::kBlackKing}};
  for (const auto& [squares, piece] : groups) {
    for (int s : *squares) {
      if (s < 1 || s > kNumSquares) throw py::value_error(absl::StrCat("square ", s, " is off the board (1..50)"));
      if (pos.at(s) != Piece::kEmpty) throw py::value_error(absl::StrCat("square ", s, " is given twice"));
      pos.set(s, piece);
    }
  }
  raise_if_error(pos.validate());
  return pos;
}

}  // namespace

void bind_position(py::module_& m) {
  py::enum_<Color>(m, "Color", "Side: White moves first and starts on squares 31-50.")
      .value("WHITE", Color::kWhite)
      .value("BLACK", Color::kBlack)
      .def(
          "__invert__", [](Color c) { return ~c; }, "The other side.");

  py::enum_<Piece>(m, "Piece", "What stands on a square.")
      .value("EMPTY", Piece::kEmpty)
      .value("WHITE_MAN", Piece::kWhiteMan)
      .value("BLACK_MAN", Piece::kBlackMan)
      .value("WHITE_KING", Piece::kWhiteKing)
      .value("BLACK_KING", Piece::kBlackKing)
      .def_property_readonly(
          "is_white", [](Piece p) { return is_white(p); }, "True for a white man or king.")
      .def_property_readonly(
          "is_black", [](Piece p) { return is_black(p); }, "True for a black man or king.")
      .def_property_readonly(
          "is_king", [](Piece p) { return is_king(p); }, "True for a king of either colour.");

  py::class_<PyMove>(m, "Move",
                     "A legal move together with the position it is played in.\n\n"
                     "Get moves from Position.legal_moves(), Position.parse_move() or a search "
                     "result; str(move) is its PDN text.")
      .def_property_readonly(
          "from_square", [](const PyMove& pm) { return pm.move.from_square(); }, "Square (1..50) the piece leaves.")
      .def_property_readonly(
          "to_square", [](const PyMove& pm) { return pm.move.to_square(); }, "Square (1..50) the piece ends on.")
      .def_property_readonly(
          "captured", [](const PyMove& pm) { return squares_of(pm.move.captured); },
          "Squares of the pieces taken, increasing (empty for a quiet move).")
      .def_property_readonly(
          "path", [](const PyMove& pm) { return capture_path(pm.before, pm.move); },
          "One route of the move: from, every landing square, to (squares 1..50).")
      .def_property_readonly(
          "captured_in_order", [](const PyMove& pm) { return capture_route(pm.before, pm.move).taken; },
          "The piece each jump of `path` takes, jump by jump: jump i goes from path[i] to "
          "path[i + 1] over captured_in_order[i] (empty for a quiet move).")
      .def_property_readonly(
          "is_capture", [](const PyMove& pm) { return pm.move.is_capture(); },
          "True when the move takes at least one piece.")
      .def_property_readonly(
          "is_promotion",
          [](const PyMove& pm) {
            const bool king = pm.before.kings & bb(pm.move.from);
            const Bitboard row = pm.before.side == Color::kWhite ? kWhitePromotion : kBlackPromotion;
            return !king && (bb(pm.move.to) & row) != 0;
          },
          "True when a man ends this move on the far row and is crowned.")
      .def_property_readonly(
          "position", [](const PyMove& pm) { return pm.before; }, "The position the move is played in.")
      .def(
          "after", [](const PyMove& pm) { return pm.before.after(pm.move); }, "The position after this move.")
      .def(
          "pdn", [](const PyMove& pm) { return to_pdn(pm.before, pm.move); },
          "PDN move text: `32-28`, `19x30`, or the long form when the short one is ambiguous.")
      .def(
          "hub", [](const PyMove& pm) { return to_hub_move(pm.move); },
          "Hub move text: `28x19x23` (from, to, then every captured square).")
      .def("__str__", [](const PyMove& pm) { return to_pdn(pm.before, pm.move); })
      .def("__repr__", [](const PyMove& pm) { return absl::StrCat("Move('", to_pdn(pm.before, pm.move), "')"); })
      .def(
          "__eq__", [](const PyMove& a, const PyMove& b) { return a.before == b.before && a.move == b.move; },
          py::is_operator())
      .def("__hash__",
           [](const PyMove& pm) {
             return position_hash(pm.before) ^ position_hash(pm.before.after(pm.move)) ^
                    static_cast<py::ssize_t>(pm.move.captured);
           })
      .def(py::pickle(
          [](const PyMove& pm) { return py::make_tuple(to_fen(pm.before), to_hub_move(pm.move)); },
          [](const py::tuple& t) {
            if (t.size() != 2) throw py::value_error("bad pickled Move");
            const Position pos = value_or_raise(parse_fen(t[0].cast<std::string>()), "pickled Move");
            return PyMove{pos, value_or_raise(parse_hub_move(pos, t[1].cast<std::string>()), "pickled Move")};
          }));

  py::class_<Position>(m, "Position",
                       "A draughts position: the pieces on squares 1..50 and the side to move.\n\n"
                       "Immutable: play() returns a new position. Squares are numbered the FMJD way "
                       "(1 top right, Black's side; 50 bottom left, White's side).")
      .def_static("start", &Position::start, "White on 31-50, Black on 1-20, White to move.")
      .def_static("empty", &Position::empty, py::arg("side_to_move") = Color::kWhite,
                  "An empty board with the given side to move.")
      .def_static(
          "from_fen", [](const std::string& fen) { return value_or_raise(parse_fen(fen)); }, py::arg("fen"),
          "Reads PDN FEN (`W:W31-50:B1-20`, `B:BK17,K24:W6,9`). ValueError says what is wrong.")
      .def_static(
          "from_hub", [](const std::string& s) { return value_or_raise(parse_hub_position(s)); }, py::arg("text"),
          "Reads a Hub position string (side, then 50 of `w b W B e`); ValueError says what is wrong.")
      .def_static("from_pieces", &from_pieces, py::kw_only(), py::arg("side_to_move") = Color::kWhite,
                  py::arg("white_men") = std::vector<int>{}, py::arg("white_kings") = std::vector<int>{},
                  py::arg("black_men") = std::vector<int>{}, py::arg("black_kings") = std::vector<int>{},
                  "Builds a position from square lists; ValueError if it breaks a rule "
                  "(a man on its own promotion row, more than 20 pieces a side, a square twice).")
      .def("fen", &to_fen, "PDN FEN of this position (`W:W31-50:B1-20`).")
      .def("hub", &to_hub_position, "Hub position string: the side to move, then squares 1..50 as `w b W B e`.")
      .def("legal_moves", &legal_moves, "Every legal move (captures only when a capture is possible).")
      .def(
          "parse_move",
          [](const Position& pos, const std::string& text) {
            return PyMove{pos, resolve_move(pos, py::str(text))};
          },
          py::arg("text"),
          "The legal move named by PDN (or Hub) move text; ValueError if malformed, illegal or ambiguous.")
      .def(
          "play", [](const Position& pos, py::handle mv) { return pos.after(resolve_move(pos, mv)); }, py::arg("move"),
          "The position after a move (a Move or move text); ValueError if not legal here.")
      .def("must_capture", &has_capture, "True when the side to move has a capture (and so must take).")
      .def(
          "is_game_over", [](const Position& pos) { return count_moves(pos) == 0; },
          "True when the side to move has no legal move, and so has lost.")
      .def_property_readonly(
          "side_to_move", [](const Position& pos) { return pos.side; }, "Color.WHITE or Color.BLACK: whose turn it is.")
      .def(
          "__getitem__",
          [](const Position& pos, int square) {
            check_square(square);
            return pos.at(square);
          },
          py::arg("square"), "The piece on a square (1..50); IndexError off the board.")
      .def(
          "with_piece",
          [](const Position& pos, int square, Piece piece) {
            check_square(square);
            Position p = pos;
            p.set(square, piece);
            raise_if_error(p.validate());
            return p;
          },
          py::arg("square"), py::arg("piece"), "A copy with `piece` on `square` (Piece.EMPTY clears it).")
      .def(
          "with_side_to_move",
          [](const Position& pos, Color c) {
            Position p = pos;
            p.side = c;
            return p;
          },
          py::arg("side"), "A copy with `side` to move.")
      .def(
          "squares",
          [](const Position& pos) {
            std::vector<Piece> out(kNumSquares);
            for (int s = 1; s <= kNumSquares; ++s) out[s - 1] = pos.at(s);
            return out;
          },
          "The 50 squares in order: element i is square i + 1.")
      .def(
          "pieces", [](const Position& pos, Color c) { return squares_of(pos.pieces(c)); }, py::arg("color"),
          "Squares of every piece of a colour.")
      .def(
          "men", [](const Position& pos, Color c) { return squares_of(pos.men(c)); }, py::arg("color"),
          "Squares of the men (not kings) of a colour, increasing.")
      .def(
          "kings", [](const Position& pos, Color c) { return squares_of(pos.kings_of(c)); }, py::arg("color"),
          "Squares of the kings of a colour, increasing.")
      .def("diagram", &diagram, "A text board: w/b men, W/B kings, White at the bottom.")
      .def("__str__", &to_fen)
      .def("__repr__", [](const Position& pos) { return absl::StrCat("Position('", to_fen(pos), "')"); })
      .def(
          "__eq__", [](const Position& a, const Position& b) { return a == b; }, py::is_operator())
      .def("__hash__", &position_hash)
      .def(py::pickle([](const Position& pos) { return to_fen(pos); },
                      [](const std::string& fen) { return value_or_raise(parse_fen(fen), "pickled Position"); }));

  m.def(
      "perft",
      [](const Position& pos, int depth) {
        if (depth < 0 || depth > 30) throw py::value_error(absl::StrCat("perft depth ", depth, " is outside 0..30"));
        py::gil_scoped_release release;
        return perft(pos, depth);
      },
      py::arg("position"), py::arg("depth"),
      "Leaf count of the legal-move tree to `depth` (bulk counted). Releases the GIL.");
  m.def(
      "perft_divide",
      [](const Position& pos, int depth) {
        if (depth < 1 || depth > 30) throw py::value_error(absl::StrCat("perft depth ", depth, " is outside 1..30"));
        std::vector<std::pair<Move, std::uint64_t>> counts;
        {
          py::gil_scoped_release release;
          counts = perft_divide(pos, depth);
        }
        std::vector<std::pair<PyMove, std::uint64_t>> out;
        for (const auto& [mv, n] : counts) out.push_back({PyMove{pos, mv}, n});
        return out;
      },
      py::arg("position"), py::arg("depth"),
      "Each legal move with the leaves below it at `depth`, in generation order.");
}

}  // namespace tempo::python
