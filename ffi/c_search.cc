// C ABI: tempo_search. Checks and converts the request, calls search(), and
// converts the result; the search itself is search/'s.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "ffi/c_boundary.h"
#include "search/search.h"

using namespace tempo;
using namespace tempo::ffi;

static_assert(TEMPO_MAX_MULTIPV == kMaxMultiPv);
static_assert(TEMPO_WIN_SCORE == kWinScore);
static_assert(TEMPO_WIN_THRESHOLD == kWinThreshold);
static_assert(TEMPO_LEVEL_EASY == static_cast<int>(Level::kEasy));
static_assert(TEMPO_LEVEL_EXPERT == static_cast<int>(Level::kExpert));

namespace {

tempo_status check_request(const tempo_search_request& r, char* error, std::size_t error_len) {
  auto bad = [&](std::string_view what) {
    set_error(error, error_len, what);
    return TEMPO_ERR_INVALID_ARGUMENT;
  };
  if (r.level < TEMPO_LEVEL_EASY || r.level > TEMPO_LEVEL_EXPERT) {
    return bad(absl::StrCat("level ", r.level, " is not 0..3 (easy, medium, hard, expert)"));
  }
  if (r.depth < 0 || r.depth >= kMaxPly) return bad(absl::StrCat("depth ", r.depth, " is not 0..", kMaxPly - 1));
  if (r.movetime_ms < 0) return bad(absl::StrCat("movetime_ms ", r.movetime_ms, " is negative"));
  if (r.time_left_ms < 0) return bad(absl::StrCat("time_left_ms ", r.time_left_ms, " is negative"));
  if (r.increment_ms < 0) return bad(absl::StrCat("increment_ms ", r.increment_ms, " is negative"));
  if (r.moves_to_go < 0) return bad(absl::StrCat("moves_to_go ", r.moves_to_go, " is negative"));
  if (r.multipv < 0 || r.multipv > TEMPO_MAX_MULTIPV) {
    return bad(absl::StrCat("multipv ", r.multipv, " is not 1..", TEMPO_MAX_MULTIPV, " (0 means 1)"));
  }
  if (r.size >= kSearchRequestV2 && r.overrides != 0) {
    constexpr std::uint32_t kKnown = TEMPO_OVERRIDE_MAX_DEPTH | TEMPO_OVERRIDE_TIME_LIMIT | TEMPO_OVERRIDE_EVAL_NOISE |
                                     TEMPO_OVERRIDE_BLUNDER_PROBABILITY | TEMPO_OVERRIDE_BLUNDER_MARGIN |
                                     TEMPO_OVERRIDE_FEATURE_SCALE | TEMPO_OVERRIDE_USE_TABLE | TEMPO_OVERRIDE_USE_KILLERS;
    const std::uint32_t o = r.overrides;
    if (o & ~kKnown) return bad(absl::StrCat("overrides has unknown bits 0x", absl::Hex(o & ~kKnown)));
    if ((o & TEMPO_OVERRIDE_MAX_DEPTH) && (r.max_depth < 1 || r.max_depth >= kMaxPly)) {
      return bad(absl::StrCat("max_depth ", r.max_depth, " is not 1..", kMaxPly - 1));
    }
    if ((o & TEMPO_OVERRIDE_TIME_LIMIT) && r.time_limit_ms < 0) {
      return bad(absl::StrCat("time_limit_ms ", r.time_limit_ms, " is negative"));
    }
    if ((o & TEMPO_OVERRIDE_EVAL_NOISE) && (r.eval_noise < 0 || r.eval_noise > 10000)) {
      return bad(absl::StrCat("eval_noise ", r.eval_noise, " is not 0..10000"));
    }
    if ((o & TEMPO_OVERRIDE_BLUNDER_PROBABILITY) && !(r.blunder_probability >= 0 && r.blunder_probability <= 1)) {
      return bad(absl::StrCat("blunder_probability ", r.blunder_probability, " is not 0..1"));
    }
    if ((o & TEMPO_OVERRIDE_BLUNDER_MARGIN) && (r.blunder_margin < 0 || r.blunder_margin > 10000)) {
      return bad(absl::StrCat("blunder_margin ", r.blunder_margin, " is not 0..10000"));
    }
    if ((o & TEMPO_OVERRIDE_FEATURE_SCALE) && !(r.feature_scale >= 0 && r.feature_scale <= 4)) {
      return bad(absl::StrCat("feature_scale ", r.feature_scale, " is not 0..4"));
    }
  }
  if (r.cancel != nullptr && reinterpret_cast<std::uintptr_t>(r.cancel) % alignof(int32_t) != 0) {
    set_error(error, error_len, "the cancel flag is not aligned for an int32_t");
    return TEMPO_ERR_MISALIGNED;
  }
  return TEMPO_OK;
}

// ABI 2: the request's own values for the parameters it flags (checked above).
void apply_overrides(const tempo_search_request& r, Params& p) {
  const std::uint32_t o = r.overrides;
  if (o & TEMPO_OVERRIDE_MAX_DEPTH) p.max_depth = r.max_depth;
  if (o & TEMPO_OVERRIDE_TIME_LIMIT) p.time_limit_ms = r.time_limit_ms;
  if (o & TEMPO_OVERRIDE_EVAL_NOISE) p.eval_noise = r.eval_noise;
  if (o & TEMPO_OVERRIDE_BLUNDER_PROBABILITY) p.blunder_probability = r.blunder_probability;
  if (o & TEMPO_OVERRIDE_BLUNDER_MARGIN) p.blunder_margin = r.blunder_margin;
  if (o & TEMPO_OVERRIDE_FEATURE_SCALE) p.feature_scale = r.feature_scale;
  if (o & TEMPO_OVERRIDE_USE_TABLE) p.use_table = r.use_table != 0;
  if (o & TEMPO_OVERRIDE_USE_KILLERS) p.use_killers = r.use_killers != 0;
}

void fill_result(const Position& root, const SearchResult& r, tempo_search_result* out) {
  out->has_move = r.has_move ? 1 : 0;
  out->best_move.size = sizeof(tempo_move);
  if (r.has_move) {
    to_c(root, r.best_move, &out->best_move);
  } else {
    tempo_move none{};
    none.size = sizeof none;
    out->best_move = none;
  }
  out->score = r.score;
  out->depth = r.depth;
  out->seldepth = r.seldepth;
  out->cancelled = r.cancelled ? 1 : 0;
  out->blunder = r.blunder ? 1 : 0;
  out->tt_status = static_cast<int32_t>(r.tt_status);
  out->tt_reason = static_cast<int32_t>(r.tt_reason);
  out->nodes = r.nodes;
  out->time_ms = r.time_ms;
  write_line(root, r.pv.moves, r.pv.size, out->pv, sizeof out->pv);
  int n = 0;
  for (const ScoredMove& sm : r.multipv) {
    if (n == TEMPO_MAX_MULTIPV) break;
    tempo_scored_move& c = out->multipv[n++];
    c.move.size = sizeof(tempo_move);
    to_c(root, sm.move, &c.move);
    c.score = sm.score;
    write_line(root, sm.pv.moves, sm.pv.size, c.pv, sizeof c.pv);
  }
  out->multipv_count = n;
}

}  // namespace

extern "C" tempo_status tempo_search(const tempo_search_request* request, uint8_t* tt, size_t tt_len,
                                     tempo_search_result* result, char* error, size_t error_len) {
  return guard([&] {
    clear_error(error, error_len);
    if (tempo_status st = check_struct(request, kSearchRequestV1); st != TEMPO_OK) return st;
    if (tempo_status st = check_struct(result, kSearchResultV1); st != TEMPO_OK) return st;
    if (request->start == nullptr) {
      set_error(error, error_len, "request->start is NULL");
      return TEMPO_ERR_NULL_POINTER;
    }
    if (tempo_status st = check_struct(request->start, kPositionV1); st != TEMPO_OK) {
      set_error(error, error_len, "request->start: bad struct");
      return st;
    }
    Position start;
    if (tempo_status st = to_engine(*request->start, &start, error, error_len); st != TEMPO_OK) return st;
    if (tempo_status st = check_move_array(request->moves, request->move_size, request->move_count); st != TEMPO_OK) {
      set_error(error, error_len, "request->moves: bad array (NULL with a count, misaligned, or move_size too small)");
      return st;
    }
    if (tempo_status st = check_request(*request, error, error_len); st != TEMPO_OK) return st;
    if (tt == nullptr && tt_len != 0) {
      set_error(error, error_len, "table buffer is NULL but tt_len is not 0");
      return TEMPO_ERR_NULL_POINTER;
    }
    if (tt != nullptr && tt_len < TEMPO_TABLE_MIN_BYTES) {
      set_error(error, error_len, absl::StrCat("table buffer has ", tt_len, " bytes; at least ",
                                               TEMPO_TABLE_MIN_BYTES, " are needed"));
      return TEMPO_ERR_TABLE;
    }

    // The history, checked move by move so the error can say which ply.
    std::vector<Move> moves;
    moves.reserve(request->move_count);
    Position root = start;
    for (uint32_t i = 0; i < request->move_count; ++i) {
      Move m;
      char why[160] = "";
      if (find_legal(root, *move_at(request->moves, request->move_size, i), &m, why, sizeof why) != TEMPO_OK) {
        set_error(error, error_len, absl::StrCat("history ply ", i + 1, ": ", why));
        return TEMPO_ERR_ILLEGAL_MOVE;
      }
      moves.push_back(m);
      root.play(m);
    }

    SearchRequest req;
    req.start = start;
    req.moves = moves;
    req.limits.depth = request->depth;
    req.limits.movetime_ms = request->movetime_ms;
    req.limits.nodes = request->nodes;
    req.limits.time_left_ms = request->time_left_ms;
    req.limits.increment_ms = request->increment_ms;
    req.limits.moves_to_go = request->moves_to_go;
    req.limits.infinite = request->infinite != 0;
    req.params = Params::for_level(static_cast<Level>(request->level));
    if (request->size >= kSearchRequestV2) apply_overrides(*request, req.params);
    req.seed = request->seed;
    req.multipv = request->multipv == 0 ? 1 : request->multipv;
    req.tt = tt;
    req.tt_len = tt_len;
    req.cancel = request->cancel;
    if (request->on_progress != nullptr) {
      const tempo_progress_fn fn = request->on_progress;
      void* const user = request->progress_user_data;
      req.on_progress = [fn, user, &root](const Progress& p) {
        tempo_progress c;
        c.size = sizeof c;
        c.depth = p.depth;
        c.seldepth = p.seldepth;
        c.score = p.score;
        c.nodes = p.nodes;
        c.time_ms = p.time_ms;
        c.multipv_index = p.multipv_index;
        c.pv[0] = '\0';
        if (p.pv != nullptr) write_line(root, p.pv->moves, p.pv->size, c.pv, sizeof c.pv);
        fn(&c, user);
      };
    }

    absl::StatusOr<SearchResult> r = search(req);
    if (!r.ok()) {
      set_error(error, error_len, message_of(r.status()));
      return r.status().code() == absl::StatusCode::kInvalidArgument ? TEMPO_ERR_INVALID_ARGUMENT
                                                                     : TEMPO_ERR_INTERNAL;
    }
    fill_result(root, *r, result);
    return TEMPO_OK;
  });
}
