// search() for Python: options in, a result object out. The GIL is released
// while the engine thinks, so searches in several threads run in parallel;
// the calling thread takes it back only to run on_info and, every few
// milliseconds, Python's signal handlers (Ctrl-C stops any search).
#include <pybind11/functional.h>
#include <pybind11/stl.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <limits>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "ffi/python/bindings.h"
#include "rules/game.h"
#include "rules/notation.h"
#include "rules/pdn.h"
#include "rules/score.h"
#include "rules/text.h"
#include "search/params.h"
#include "search/search.h"
#include "search/session.h"
#include "tt/table.h"

namespace tempo::python {
namespace {

// How often a waiting search() looks at Python's signals (Ctrl-C).
constexpr int kSignalPollMs = 10;

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

// Plies to a forced win; None for anything else (a loss included).
std::optional<int> win_plies(int score) {
  if (is_win(score)) return plies_to_end(score);
  return std::nullopt;
}
// Plies to a forced loss (0: lost now, no legal move); None for anything else.
std::optional<int> loss_plies(int score) {
  if (is_loss(score)) return plies_to_end(score);
  return std::nullopt;
}

// A limit keyword: None is "not given"; a value out of the limit's range
// (search/params.h's kLimitSpecs, every interface's; 0 included) is a
// ValueError.
long long limit_value(const std::optional<long long>& v, LimitId id) {
  if (!v) return 0;
  const LimitSpec& spec = limit_spec(id);
  raise_if_error(spec.check(static_cast<double>(*v), spec.field));
  return *v;
}

// The level's parameters as keyword arguments (search/params.h's
// kParamSpecs): None keeps the level's value; a value of the wrong kind is a
// TypeError, one out of range a ValueError naming the keyword. `strength`
// applies first, whatever the keywords' order: the others refine it.
void apply_params(Params& params, const py::kwargs& kwargs) {
  const std::string_view strength = kParamSpecs[kStrengthParam].field;
  std::vector<std::pair<py::handle, py::handle>> ordered;
  for (const auto& [key, value] : kwargs) {
    if (std::string(py::str(key)) == strength) ordered.insert(ordered.begin(), {key, value});
    else ordered.emplace_back(key, value);
  }
  for (const auto& [key, value] : ordered) {
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
        v = PyLong_AsDouble(value.ptr());     // exact for every value in range
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
                          std::optional<long long> nodes, std::optional<long long> multipv, const std::string& level,
                          std::uint64_t seed, py::handle tt_buffer, const std::function<void(const PyInfo&)>& on_info,
                          CancelToken* cancel, std::optional<long long> time_left_ms,
                          std::optional<long long> increment_ms, std::optional<long long> moves_to_go, bool infinite,
                          py::handle egdb_buffer, const py::kwargs& params) {
  // One call, one session (search/session.h): the search's own copy of the
  // game (another Python thread may play on the caller's while the GIL is
  // released), the caller's table or a private one, the database, the token.
  SearchRequest request;
  // The caller's table, used in place; or the session's own default-size one.
  std::optional<BufferView> view;
  if (!tt_buffer.is_none()) view.emplace(tt_buffer, "tt", /*writable=*/true);
  Session session = view ? Session({view->data(), view->size()}) : Session();
  if (py::isinstance<Position>(target)) {
    session.game() = value_or_raise(Game::from_position(target.cast<const Position&>()));
  } else if (py::isinstance<PdnGame>(target)) {
    session.game() = target.cast<const PdnGame&>().game;
  } else {
    throw py::type_error(absl::StrCat("search() needs a tempo.Position or tempo.Game, got ",
                                      std::string(py::str(py::type::of(target).attr("__name__")))));
  }

  request.limits.depth = static_cast<int>(limit_value(depth, LimitId::kDepth));
  request.limits.movetime_ms = static_cast<int>(limit_value(movetime_ms, LimitId::kMoveTime));
  request.limits.time_left_ms = static_cast<int>(limit_value(time_left_ms, LimitId::kTimeLeft));
  request.limits.increment_ms = static_cast<int>(limit_value(increment_ms, LimitId::kIncrement));
  request.limits.moves_to_go = static_cast<int>(limit_value(moves_to_go, LimitId::kMovesToGo));
  request.limits.nodes = static_cast<std::uint64_t>(limit_value(nodes, LimitId::kNodes));
  request.multipv = multipv ? static_cast<int>(limit_value(multipv, LimitId::kMultiPv)) : 1;
  // Pondering: only the caller's token ends it (the level's caps do not).
  if (infinite && cancel == nullptr) {
    throw py::value_error("infinite=True needs cancel=CancelToken(): nothing else ends the search");
  }
  request.limits.infinite = infinite;
  request.params = Params::for_level(value_or_raise(parse_level(level), "level"));
  apply_params(request.params, params);
  request.seed = seed;

  // The endgame database: read in place, never written (bytes will do); a
  // buffer that is not one is refused, naming what is wrong with it.
  std::optional<BufferView> egdb_view;
  if (!egdb_buffer.is_none()) {
    egdb_view.emplace(egdb_buffer, "egdb", /*writable=*/false);
    if (absl::Status st = session.attach_egdb({egdb_view->data(), egdb_view->size()}); !st.ok()) {
      throw py::value_error(absl::StrCat("egdb: ", st.message()));
    }
  }

  CancelToken local_cancel;
  CancelToken* token = cancel != nullptr ? cancel : &local_cancel;
  session.borrow_cancel(&token->flag);

  // The search runs on a worker thread while this, the calling thread, waits
  // without the GIL. Every kSignalPollMs it takes the GIL back to run the
  // signal handlers: Ctrl-C (KeyboardInterrupt) cancels the search, which
  // stops within milliseconds, leaves the table as consistent as any
  // cancelled search does, and the exception propagates once it has
  // returned. on_info runs here too, on the calling thread, with the GIL:
  // the worker hands each iteration over and waits until it has been shown.
  // An exception on_info raises stops the search the same way.
  struct Handoff {
    std::mutex mu;
    std::condition_variable cv;
    const Progress* pending = nullptr;  // an iteration waiting for on_info
    bool done = false;                  // the search has returned
  } h;
  if (on_info) {
    request.on_progress = [&h](const Progress& p) {
      std::unique_lock<std::mutex> lock(h.mu);
      h.pending = &p;
      h.cv.notify_all();
      h.cv.wait(lock, [&h] { return h.pending == nullptr; });
    };
  }
  std::exception_ptr error;  // from on_info or a signal handler
  const Position root = session.game().current();
  absl::StatusOr<SearchResult> found;
  {
    py::gil_scoped_release release;
    // The session's background search (a token already set stops it at once).
    const absl::Status started = session.start(std::move(request), [&h, &found](absl::StatusOr<SearchResult> r) {
      std::lock_guard<std::mutex> lock(h.mu);
      found = std::move(r);
      h.done = true;
      h.cv.notify_all();
    });
    std::unique_lock<std::mutex> lock(h.mu);
    if (!started.ok()) {  // a fresh session runs no search: not expected
      found = started;
      h.done = true;
    }
    while (!h.done) {
      h.cv.wait_for(lock, std::chrono::milliseconds(kSignalPollMs), [&h] { return h.done || h.pending != nullptr; });
      if (h.done) break;
      const Progress* p = h.pending;
      lock.unlock();
      {
        py::gil_scoped_acquire acquire;
        try {
          if (!error && PyErr_CheckSignals() != 0) throw py::error_already_set();
          if (!error && p != nullptr) {
            PyInfo info{p->depth, p->seldepth, p->score, p->nodes, p->time_ms, p->multipv_index, {}};
            if (p->pv != nullptr) info.pv = line_from(root, p->pv->moves, p->pv->size);
            on_info(info);
          }
        } catch (...) {
          if (!error) error = std::current_exception();
          token->cancel();
        }
      }
      lock.lock();
      if (p != nullptr) {
        h.pending = nullptr;
        h.cv.notify_all();
      }
    }
    lock.unlock();
    session.stop();  // joins the finished search
  }
  if (error) std::rethrow_exception(error);
  PySearchResult out{value_or_raise(std::move(found)), root, {}, {}};
  out.pv = line_from(root, out.result.pv.moves, out.result.pv.size);
  for (const ScoredMove& sm : out.result.multipv) {
    out.multipv.push_back({PyMove{root, sm.move}, sm.score, line_from(root, sm.pv.moves, sm.pv.size)});
  }
  return out;
}

std::string search_doc() {
  std::string doc =
      "Searches a Position, or a Game (whose history counts for repetitions and the draw rules), and returns "
      "a SearchResult. The GIL is released while the engine thinks, so searches in several threads (each with "
      "its own table) run in parallel.\n\n"
      "Limits (give any; the search stops at the first one reached; None = not given, a value given must be "
      "in its range, as in tempo.LIMITS):\n"
      "  depth: plies, 1..127.  movetime_ms: milliseconds for this move, 1..86400000.  nodes: 1..2^50.\n"
      "  time_left_ms, increment_ms, moves_to_go: a game clock; the engine budgets its time from it.\n"
      "  None of them: the level's own depth within its time cap (time_limit_ms: 10 s at expert).\n"
      "  infinite=True: search until cancel (required) is triggered, whatever the level (pondering: fill tt "
      "while the opponent thinks; the result then holds the table status and statistics).\n\n"
      "Levels: level='easy', 'medium', 'hard' or 'expert' (the default) sets every difficulty parameter at "
      "once; the weaker levels add evaluation noise and deliberate blunders, drawn from `seed` (same seed, "
      "same game). multipv=K scores the K best root moves (result.multipv).\n\n"
      "The table: tt is a writable buffer (bytearray, writable memoryview, numpy uint8 array) of at least "
      "TABLE_MIN_BYTES, used in place and never copied; keep it between searches and the next one reuses what "
      "this one learnt (result.tt_status 'reused'). Zeros, garbage or a table of another build are detected and "
      "treated as empty ('fresh' / 'reset', with result.tt_reason). A read-only buffer raises TypeError. "
      "tt=None uses a private 4 MiB table for this call. threads=N searches with N threads over the one tt "
      "(1 at every level). fresh_table=True clears tt first. table_info() and clear_table() inspect and reset "
      "one.\n\n"
      "egdb: a buffer (bytes, memoryview, mmap) holding an endgame database made by `tempo egdb build`, read in "
      "place; a buffer that is not one raises ValueError naming what is wrong ('bad-magic', 'truncated', ...).\n\n"
      "Progress and stopping: on_info(info) is called with a SearchInfo after each iteration (with the GIL, "
      "on the calling thread), and once more when the move played is not the last line's first; an exception "
      "it raises stops the search and propagates. Ctrl-C (SIGINT) stops any search, infinite ones included, "
      "within milliseconds and raises KeyboardInterrupt; the table stays usable (a given cancel token is left "
      "cancelled). cancel=CancelToken() lets another "
      "thread stop the search; the result then has cancelled=True and the best move so far.\n\n"
      "The result: best_move (None when the side to move has no legal move, and so has lost), score (side to "
      "move's view, 100 = one man), win_in / loss_in (plies to a forced win / loss, else None; loss_in 0 for no "
      "legal move), score_text (men on the scale GUIs read: '+0.25', a win in 7 plies '+99.93'), depth, "
      "seldepth, nodes, time_ms, pv, multipv, cancelled, blunder (the level chose a weaker move on purpose), "
      "tt_status and tt_reason.\n\n"
      "Errors: ValueError for an out-of-range limit or parameter, an unknown level, or infinite without "
      "cancel; TypeError for a wrong type or a read-only table.\n\n"
      "The level's parameters, keyword by keyword (None keeps the level's value; tempo.PARAMS lists them with "
      "each level's value):\n";
  for (const ParamSpec& s : kParamSpecs)
    absl::StrAppend(&doc, "  ", av(s.field), " (", s.range_text(), "): ", av(s.help), "\n");
  return doc;
}

// tempo.PARAMS: the schema itself, for scripts, tests and documentation.
// kLimitSpecs as Python sees them: the keyword, the Hub and CLI names, the
// range of a given value.
py::list limits_table() {
  py::list out;
  for (const LimitSpec& s : kLimitSpecs) {
    py::dict d;
    d["field"] = std::string(s.field);
    d["flag"] = std::string(s.flag);
    d["hub"] = std::string(s.hub);
    d["min"] = static_cast<long long>(s.min);
    d["max"] = static_cast<long long>(s.max);
    d["help"] = std::string(s.help);
    out.append(d);
  }
  return out;
}

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
  m.attr("LIMITS") = limits_table();
  py::class_<CancelToken>(m, "CancelToken",
                          "Stops a search from another thread: pass it as search(..., cancel=token) "
                          "and call token.cancel().")
      .def(py::init<>())
      .def("cancel", &CancelToken::cancel, "Asks the search to stop (it returns its best move so far).")
      .def("reset", &CancelToken::reset, "Makes the token usable for another search.")
      .def_property_readonly("cancelled", &CancelToken::cancelled, "True once cancel() was called (until reset()).");

  py::class_<PyInfo>(m, "SearchInfo", "Progress after each completed iteration, passed to on_info.")
      .def_readonly("depth", &PyInfo::depth, "The iteration's depth in plies.")
      .def_readonly("seldepth", &PyInfo::seldepth, "The deepest ply reached (captures searched further).")
      .def_readonly("score", &PyInfo::score, "Side to move's view, 100 = one man.")
      .def_readonly("nodes", &PyInfo::nodes, "Nodes searched so far.")
      .def_readonly("time_ms", &PyInfo::time_ms, "Milliseconds since the search started.")
      .def_readonly("multipv_index", &PyInfo::multipv_index, "0 for the best line.")
      .def_readonly("pv", &PyInfo::pv, "The line the score belongs to, as Moves.")
      .def("__repr__", [](const PyInfo& i) {
        return absl::StrCat("<SearchInfo depth ", i.depth, " score ", score_text(i.score), " nodes ", i.nodes, ">");
      });

  py::class_<PyScoredLine>(m, "ScoredLine", "One root move of a multi-PV search with its score and line.")
      .def_readonly("move", &PyScoredLine::move, "The root move.")
      .def_readonly("score", &PyScoredLine::score, "Its score, side to move's view, 100 = one man.")
      .def_readonly("pv", &PyScoredLine::pv, "The line starting with the move.")
      .def("__repr__", [](const PyScoredLine& l) {
        return absl::StrCat("<ScoredLine ", to_pdn(l.move.before, l.move.move), " ", score_text(l.score), ">");
      });

  py::class_<PySearchResult>(m, "SearchResult", "What a search found.")
      .def_property_readonly(
          "best_move",
          [](const PySearchResult& r) -> std::optional<PyMove> {
            if (!r.result.has_move) return std::nullopt;
            return PyMove{r.root, r.result.best_move};
          },
          "The move to play, or None when the side to move has no legal move (and has lost).")
      .def_property_readonly(
          "score", [](const PySearchResult& r) { return r.result.score; },
          "Side to move's view, 100 = one man; beyond +-29000 a win/loss (see win_in).")
      .def_property_readonly(
          "win_in", [](const PySearchResult& r) { return win_plies(r.result.score); },
          "Plies to a forced win, or None (not a forced win).")
      .def_property_readonly(
          "loss_in", [](const PySearchResult& r) { return loss_plies(r.result.score); },
          "Plies to a forced loss (0: lost now, no legal move), or None.")
      .def_property_readonly(
          "score_text", [](const PySearchResult& r) { return score_text(r.result.score); },
          "Men on the scale GUIs read, as the Hub and `tempo analyse` show it: '+0.25'; a win "
          "in n plies is 100 - n/100 men ('+99.93': 7 plies), a loss its negative.")
      .def_property_readonly(
          "depth", [](const PySearchResult& r) { return r.result.depth; },
          "The last completed iteration's depth in plies.")
      .def_property_readonly(
          "seldepth", [](const PySearchResult& r) { return r.result.seldepth; },
          "The deepest ply reached (captures searched further).")
      .def_property_readonly(
          "nodes", [](const PySearchResult& r) { return r.result.nodes; }, "Nodes searched.")
      .def_property_readonly(
          "time_ms", [](const PySearchResult& r) { return r.result.time_ms; }, "Milliseconds the search took.")
      .def_readonly("pv", &PySearchResult::pv, "The principal variation, best move first.")
      .def_readonly("multipv", &PySearchResult::multipv, "Scored root moves, best first.")
      .def_property_readonly(
          "cancelled", [](const PySearchResult& r) { return r.result.cancelled; },
          "True when a CancelToken (or an on_info exception) stopped the search early.")
      .def_property_readonly(
          "blunder", [](const PySearchResult& r) { return r.result.blunder; },
          "True when the level chose a deliberately weaker move.")
      .def_property_readonly(
          "book", [](const PySearchResult& r) { return r.result.book; },
          "True when the move is the opening book's (played at once: depth 0, no nodes).")
      .def_property_readonly(
          "tt_status", [](const PySearchResult& r) { return tt::status_name(r.result.tt_status); },
          "What the search found in the table: 'reused', 'fresh' or 'reset'.")
      .def_property_readonly(
          "tt_reason", [](const PySearchResult& r) { return tt::reason_name(r.result.tt_reason); },
          "Why a table was reset ('bad-magic', 'version', ...), or 'none'.")
      .def_property_readonly(
          "egdb_status", [](const PySearchResult& r) { return egdb::status_name(r.result.egdb_status); },
          "What the egdb buffer was: 'ok', 'none' (not given), or why it was not used ('bad-magic', ...).")
      .def_property_readonly(
          "egdb_value",
          [](const PySearchResult& r) -> std::optional<std::string> {
            if (!r.result.egdb_root) return std::nullopt;
            return std::string(egdb::value_name(r.result.egdb_value));
          },
          "The database's value of the position searched ('win', 'draw', 'loss'), or None when it is not in it.")
      .def_property_readonly(
          "egdb_hits", [](const PySearchResult& r) { return r.result.egdb_hits; },
          "Positions of the search tree scored by the endgame database.")
      .def_property_readonly(
          "position", [](const PySearchResult& r) { return r.root; }, "The position searched.")
      .def("__repr__", [](const PySearchResult& r) {
        return absl::StrCat("<SearchResult best ",
                            r.result.has_move ? to_pdn(r.root, r.result.best_move) : std::string("none"), " score ",
                            score_text(r.result.score), " depth ", r.result.depth, " nodes ", r.result.nodes, ">");
      });

  m.def("search", &run_search, py::arg("position_or_game"), py::kw_only(), py::arg("depth") = py::none(),
        py::arg("movetime_ms") = py::none(), py::arg("nodes") = py::none(), py::arg("multipv") = 1,
        py::arg("level") = "expert", py::arg("seed") = 0, py::arg("tt") = py::none(), py::arg("on_info") = py::none(),
        py::arg("cancel") = py::none(), py::arg("time_left_ms") = py::none(), py::arg("increment_ms") = py::none(),
        py::arg("moves_to_go") = py::none(), py::arg("infinite") = false, py::arg("egdb") = py::none(),
        search_doc().c_str());
  m.def(
      "score_text", [](int score) { return score_text(score); }, py::arg("score"),
      "A score (100 = a man, a win in n plies = 30000 - n) as shown everywhere: '+0.25', a win in 7 plies "
      "'+99.93', a loss in 4 plies '-99.96' (the scale GUIs read; the Hub and `tempo analyse` print the same).");
}

}  // namespace tempo::python
