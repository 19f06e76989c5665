// search() for Python: options in, a result object out. The GIL is released
// while the engine thinks, so searches in several threads run in parallel;
// the progress callback takes the GIL back only for the call.
#include <pybind11/functional.h>
#include <pybind11/stl.h>

#include <atomic>
#include <cmath>
#include <cstdint>
#include <exception>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/game.h"
#include "engine/notation.h"
#include "engine/pdn.h"
#include "engine/score.h"
#include "engine/text.h"
#include "ffi/python/bindings.h"
#include "search/params.h"
#include "search/search.h"
#include "tt/table.h"

namespace tempo::python {
namespace {

// Set from any thread to stop a search; the search polls it.
struct CancelToken {
  std::int32_t flag = 0;
  void cancel() { std::atomic_ref<std::int32_t>(flag).store(1, std::memory_order_relaxed); }
  void reset() { std::atomic_ref<std::int32_t>(flag).store(0, std::memory_order_relaxed); }
  bool cancelled() const {
    return std::atomic_ref<std::int32_t>(const_cast<std::int32_t&>(flag)).load(std::memory_order_relaxed) != 0;
  }
};

struct PyScoredLine {
  PyMove move;
  int score = 0;
  std::vector<PyMove> pv;
};

struct PyInfo {
  int depth = 0;
  int seldepth = 0;
  int score = 0;
  std::uint64_t nodes = 0;
  std::int64_t time_ms = 0;
  int multipv_index = 0;
  std::vector<PyMove> pv;
};

struct PySearchResult {
  SearchResult result;
  Position root;
  std::vector<PyMove> pv;
  std::vector<PyScoredLine> multipv;
};

// Plies to a forced win (positive) or loss (negative); None for ordinary scores.
std::optional<int> win_plies(int score) {
  if (is_win(score)) return plies_to_end(score);
  if (is_loss(score)) return -plies_to_end(score);
  return std::nullopt;
}

int optional_int(const std::optional<long long>& v, const char* name, long long lo, long long hi) {
  if (!v) return 0;
  if (*v < lo || *v > hi) throw py::value_error(absl::StrCat(name, " = ", *v, " is outside ", lo, "..", hi));
  return static_cast<int>(*v);
}

// The level's parameters as keyword arguments (search/params.h's
// kParamSpecs): None keeps the level's value; a value of the wrong kind is a
// TypeError, one out of range a ValueError naming the keyword.
void apply_params(Params& params, const py::kwargs& kwargs) {
  for (const auto& [key, value] : kwargs) {
    const std::string name = py::str(key);
    const ParamSpec* spec = find_param(name);
    if (spec == nullptr || name != spec->field) {
      throw py::type_error(absl::StrCat("search() got an unexpected keyword argument '", name, "'"));
    }
    if (value.is_none()) continue;
    const bool is_bool = py::isinstance<py::bool_>(value);
    double v = 0;
    switch (spec->type) {
      case ParamType::kBool:
        if (!is_bool) throw py::type_error(absl::StrCat(name, " must be True or False"));
        v = value.cast<bool>() ? 1 : 0;
        break;
      case ParamType::kInt: {
        if (is_bool || !py::isinstance<py::int_>(value)) throw py::type_error(absl::StrCat(name, " must be an int"));
        v = PyLong_AsDouble(value.ptr());  // exact for every value in range
        if (v == -1.0 && PyErr_Occurred()) {  // beyond a double: out of every range
          PyErr_Clear();
          v = PyObject_RichCompareBool(value.ptr(), py::int_(0).ptr(), Py_GT) == 1 ? HUGE_VAL : -HUGE_VAL;
        }
        break;
      }
      case ParamType::kReal:
        if (is_bool || !(py::isinstance<py::float_>(value) || py::isinstance<py::int_>(value))) {
          throw py::type_error(absl::StrCat(name, " must be a number"));
        }
        v = value.cast<double>();
        break;
    }
    raise_if_error(set_param(params, *spec, v, spec->field));
  }
}

PySearchResult run_search(py::handle target, std::optional<long long> depth, std::optional<long long> movetime_ms,
                          std::optional<long long> nodes, int multipv, const std::string& level, std::uint64_t seed,
                          py::handle tt_buffer, const std::function<void(const PyInfo&)>& on_info,
                          CancelToken* cancel, std::optional<long long> time_left_ms,
                          std::optional<long long> increment_ms, std::optional<long long> moves_to_go,
                          py::handle egdb_buffer, const py::kwargs& params) {
  // The search's own copy of the game: another Python thread may play on
  // the caller's while the GIL is released.
  SearchRequest request;
  Game game;
  if (py::isinstance<Position>(target)) {
    game = value_or_raise(Game::from_position(target.cast<const Position&>()));
  } else if (py::isinstance<PdnGame>(target)) {
    game = target.cast<const PdnGame&>().game;
  } else {
    throw py::type_error(absl::StrCat("search() needs a tempo.Position or tempo.Game, got ",
                                      std::string(py::str(py::type::of(target).attr("__name__")))));
  }

  constexpr long long kMaxMs = 1LL << 30;
  request.limits.depth = optional_int(depth, "depth", 1, kMaxPly - 1);
  request.limits.movetime_ms = optional_int(movetime_ms, "movetime_ms", 1, kMaxMs);
  request.limits.time_left_ms = optional_int(time_left_ms, "time_left_ms", 1, kMaxMs);
  request.limits.increment_ms = optional_int(increment_ms, "increment_ms", 0, kMaxMs);
  request.limits.moves_to_go = optional_int(moves_to_go, "moves_to_go", 0, 10000);
  if (nodes) {
    if (*nodes < 1) throw py::value_error(absl::StrCat("nodes = ", *nodes, " must be at least 1"));
    request.limits.nodes = static_cast<std::uint64_t>(*nodes);
  }
  if (multipv < 1 || multipv > kMaxMultiPv)
    throw py::value_error(absl::StrCat("multipv = ", multipv, " is outside 1..", kMaxMultiPv));
  request.multipv = multipv;
  request.params = Params::for_level(value_or_raise(parse_level(level), "level"));
  apply_params(request.params, params);
  request.seed = seed;

  // The caller's buffer, used in place; or a private default-size table.
  std::optional<BufferView> view;
  std::vector<std::uint8_t> private_table;
  if (tt_buffer.is_none()) {
    private_table.assign(tt::kDefaultBytes, 0);
    request.tt = private_table.data();
    request.tt_len = private_table.size();
  } else {
    view.emplace(tt_buffer, "tt", /*writable=*/true);
    request.tt = view->data();
    request.tt_len = view->size();
  }

  // The endgame database: read in place, never written (bytes will do).
  std::optional<BufferView> egdb_view;
  if (!egdb_buffer.is_none()) {
    egdb_view.emplace(egdb_buffer, "egdb", /*writable=*/false);
    request.egdb = egdb_view->data();
    request.egdb_len = egdb_view->size();
  }

  CancelToken local_cancel;
  CancelToken* token = cancel != nullptr ? cancel : &local_cancel;
  request.cancel = &token->flag;

  // A Python exception in the callback (or Ctrl-C) stops the search and is
  // raised once the search has returned.
  std::exception_ptr callback_error;
  const Position root = game.current();
  if (on_info) {
    request.on_progress = [&](const Progress& p) {
      py::gil_scoped_acquire acquire;
      if (callback_error) return;
      try {
        if (PyErr_CheckSignals() != 0) throw py::error_already_set();
        PyInfo info{p.depth, p.seldepth, p.score, p.nodes, p.time_ms, p.multipv_index, {}};
        if (p.pv != nullptr) info.pv = line_from(root, p.pv->moves, p.pv->size);
        on_info(info);
      } catch (...) {
        callback_error = std::current_exception();
        token->cancel();
      }
    };
  }

  absl::StatusOr<SearchResult> found;
  {
    py::gil_scoped_release release;
    found = search(game, request);
  }
  if (callback_error) std::rethrow_exception(callback_error);
  PySearchResult out{value_or_raise(std::move(found)), root, {}, {}};
  out.pv = line_from(root, out.result.pv.moves, out.result.pv.size);
  for (const ScoredMove& sm : out.result.multipv) {
    out.multipv.push_back({PyMove{root, sm.move}, sm.score, line_from(root, sm.pv.moves, sm.pv.size)});
  }
  return out;
}

std::string search_doc() {
  std::string doc =
      "Searches a Position, or a Game (whose history counts for repetitions and draw rules).\n\n"
      "Limits: depth (plies), movetime_ms, nodes, or a game clock (time_left_ms, increment_ms, moves_to_go); "
      "none at all searches to the level's depth. level: 'easy', 'medium', 'hard', 'expert'. seed drives all "
      "randomness of the weaker levels. tt: a writable buffer (bytearray, memoryview, numpy uint8 array, at least "
      "TABLE_MIN_BYTES) holding the transposition table, used in place and kept by you between searches; None uses "
      "a private 4 MiB table. egdb: a buffer (bytes, memoryview, mmap) holding an endgame database made by "
      "`tempo egdb build`, read in place; a bad one is reported in egdb_status and not used. on_info(info) is called after each iteration; an exception it raises stops the "
      "search and propagates. cancel: a CancelToken another thread may trigger. The GIL is released while "
      "searching.\n\n"
      "The level's parameters, keyword by keyword (None keeps the level's value; out of range raises ValueError; "
      "tempo.PARAMS lists them):\n";
  for (const ParamSpec& s : kParamSpecs) absl::StrAppend(&doc, "  ", av(s.field), " (", s.range_text(), "): ", av(s.help), "\n");
  return doc;
}

// tempo.PARAMS: the schema itself, for scripts, tests and documentation.
py::list params_table() {
  py::list out;
  for (int i = 0; i < kParamCount; ++i) {
    const ParamSpec& s = kParamSpecs[i];
    auto value = [&](double v) -> py::object {
      switch (s.type) {
        case ParamType::kInt: return py::int_(static_cast<long long>(v));
        case ParamType::kReal: return py::float_(v);
        case ParamType::kBool: return py::bool_(v != 0);
      }
      return py::none();
    };
    py::dict levels;
    for (int l = 0; l < kLevelCount; ++l) levels[level_name(static_cast<Level>(l))] = value(s.at_level[l]);
    py::dict d;
    d["name"] = std::string(s.name);
    d["field"] = std::string(s.field);
    d["type"] = s.type == ParamType::kInt ? "int" : s.type == ParamType::kReal ? "real" : "bool";
    d["min"] = value(s.min);
    d["max"] = value(s.max);
    d["levels"] = levels;
    d["help"] = std::string(s.help);
    d["override_bit"] = 1u << i;
    out.append(d);
  }
  return out;
}

}  // namespace

void bind_search(py::module_& m) {
  m.attr("PARAMS") = params_table();
  py::class_<CancelToken>(m, "CancelToken",
                          "Stops a search from another thread: pass it as search(..., cancel=token) "
                          "and call token.cancel().")
      .def(py::init<>())
      .def("cancel", &CancelToken::cancel, "Asks the search to stop (it returns its best move so far).")
      .def("reset", &CancelToken::reset, "Makes the token usable for another search.")
      .def_property_readonly("cancelled", &CancelToken::cancelled);

  py::class_<PyInfo>(m, "SearchInfo", "Progress after each completed iteration, passed to on_info.")
      .def_readonly("depth", &PyInfo::depth)
      .def_readonly("seldepth", &PyInfo::seldepth)
      .def_readonly("score", &PyInfo::score, "Side to move's view, 100 = one man.")
      .def_readonly("nodes", &PyInfo::nodes)
      .def_readonly("time_ms", &PyInfo::time_ms)
      .def_readonly("multipv_index", &PyInfo::multipv_index, "0 for the best line.")
      .def_readonly("pv", &PyInfo::pv)
      .def("__repr__", [](const PyInfo& i) {
        return absl::StrCat("<SearchInfo depth ", i.depth, " score ", score_text(i.score), " nodes ", i.nodes, ">");
      });

  py::class_<PyScoredLine>(m, "ScoredLine", "One root move of a multi-PV search with its score and line.")
      .def_readonly("move", &PyScoredLine::move)
      .def_readonly("score", &PyScoredLine::score)
      .def_readonly("pv", &PyScoredLine::pv)
      .def("__repr__", [](const PyScoredLine& l) {
        return absl::StrCat("<ScoredLine ", to_pdn(l.move.before, l.move.move), " ", score_text(l.score), ">");
      });

  py::class_<PySearchResult>(m, "SearchResult", "What a search found.")
      .def_property_readonly("best_move", [](const PySearchResult& r) -> std::optional<PyMove> {
            if (!r.result.has_move) return std::nullopt;
            return PyMove{r.root, r.result.best_move};
          }, "The move to play, or None when the side to move has no legal move (and has lost).")
      .def_property_readonly("score", [](const PySearchResult& r) { return r.result.score; },
                             "Side to move's view, 100 = one man; beyond +-29000 a win/loss (see win_in).")
      .def_property_readonly("win_in", [](const PySearchResult& r) { return win_plies(r.result.score); },
                             "Plies to a forced win (positive) or loss (negative), or None.")
      .def_property_readonly("score_text", [](const PySearchResult& r) { return score_text(r.result.score); },
                             "'+0.25', 'win in 7', 'loss in 4'.")
      .def_property_readonly("depth", [](const PySearchResult& r) { return r.result.depth; })
      .def_property_readonly("seldepth", [](const PySearchResult& r) { return r.result.seldepth; })
      .def_property_readonly("nodes", [](const PySearchResult& r) { return r.result.nodes; })
      .def_property_readonly("time_ms", [](const PySearchResult& r) { return r.result.time_ms; })
      .def_readonly("pv", &PySearchResult::pv, "The principal variation, best move first.")
      .def_readonly("multipv", &PySearchResult::multipv, "Scored root moves, best first.")
      .def_property_readonly("cancelled", [](const PySearchResult& r) { return r.result.cancelled; })
      .def_property_readonly("blunder", [](const PySearchResult& r) { return r.result.blunder; },
                             "True when the level chose a deliberately weaker move.")
      .def_property_readonly("tt_status", [](const PySearchResult& r) { return tt::status_name(r.result.tt_status); },
                             "What the search found in the table: 'reused', 'fresh' or 'reset'.")
      .def_property_readonly("tt_reason", [](const PySearchResult& r) { return tt::reason_name(r.result.tt_reason); },
                             "Why a table was reset ('bad-magic', 'version', ...), or 'none'.")
      .def_property_readonly("egdb_status", [](const PySearchResult& r) { return egdb::status_name(r.result.egdb_status); },
                             "What the egdb buffer was: 'ok', 'none' (not given), or why it was not used ('bad-magic', ...).")
      .def_property_readonly("egdb_value", [](const PySearchResult& r) -> std::optional<std::string> {
            if (!r.result.egdb_root) return std::nullopt;
            return std::string(egdb::value_name(r.result.egdb_value));
          }, "The database's value of the position searched ('win', 'draw', 'loss'), or None when it is not in it.")
      .def_property_readonly("egdb_hits", [](const PySearchResult& r) { return r.result.egdb_hits; },
                             "Positions of the search tree scored by the endgame database.")
      .def_property_readonly("position", [](const PySearchResult& r) { return r.root; }, "The position searched.")
      .def("__repr__", [](const PySearchResult& r) {
        return absl::StrCat("<SearchResult best ",
                            r.result.has_move ? to_pdn(r.root, r.result.best_move) : std::string("none"), " score ",
                            score_text(r.result.score), " depth ", r.result.depth, " nodes ", r.result.nodes, ">");
      });

  m.def("search", &run_search, py::arg("position_or_game"), py::kw_only(), py::arg("depth") = py::none(),
        py::arg("movetime_ms") = py::none(), py::arg("nodes") = py::none(), py::arg("multipv") = 1,
        py::arg("level") = "expert", py::arg("seed") = 0, py::arg("tt") = py::none(),
        py::arg("on_info") = py::none(), py::arg("cancel") = py::none(),
        py::arg("time_left_ms") = py::none(), py::arg("increment_ms") = py::none(),
        py::arg("moves_to_go") = py::none(), py::arg("egdb") = py::none(), search_doc().c_str());
}

}  // namespace tempo::python
