// C ABI: tempo_search. Checks and converts the request, calls search(), and
// converts the result; the search itself is search/'s.
#include <atomic>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "ffi/c_boundary.h"
#include "rules/text.h"
#include "search/search.h"

using namespace tempo;
using namespace tempo::ffi;

static_assert(TEMPO_MAX_MULTIPV == kMaxMultiPv);
static_assert(TEMPO_WIN_SCORE == kWinScore);
static_assert(TEMPO_WIN_THRESHOLD == kWinThreshold);
static_assert(TEMPO_LEVEL_EASY == static_cast<int>(Level::kEasy));
static_assert(TEMPO_LEVEL_EXPERT == static_cast<int>(Level::kExpert) && TEMPO_LEVEL_EXPERT + 1 == kLevelCount);

namespace {

// Where each level parameter sits in the request, in kParamSpecs order, so
// parameter i is override bit 1 << i (checked below at compile time).
struct CField {
  std::string_view field;
  std::uint32_t bit;
  std::uint32_t needs_size;                      // the request size that covers the field
  int32_t tempo_search_request::*i32 = nullptr;  // ints and bools (non-zero = true)
  double tempo_search_request::*real = nullptr;
};
constexpr CField kCFields[] = {
    {"max_depth", TEMPO_OVERRIDE_MAX_DEPTH, kSearchRequestV2, &tempo_search_request::max_depth},
    {"time_limit_ms", TEMPO_OVERRIDE_TIME_LIMIT, kSearchRequestV2, &tempo_search_request::time_limit_ms},
    {"eval_noise", TEMPO_OVERRIDE_EVAL_NOISE, kSearchRequestV2, &tempo_search_request::eval_noise},
    {"blunder_probability", TEMPO_OVERRIDE_BLUNDER_PROBABILITY, kSearchRequestV2, nullptr,
     &tempo_search_request::blunder_probability},
    {"blunder_margin", TEMPO_OVERRIDE_BLUNDER_MARGIN, kSearchRequestV2, &tempo_search_request::blunder_margin},
    {"feature_scale", TEMPO_OVERRIDE_FEATURE_SCALE, kSearchRequestV2, nullptr, &tempo_search_request::feature_scale},
    {"use_table", TEMPO_OVERRIDE_USE_TABLE, kSearchRequestV2, &tempo_search_request::use_table},
    {"use_killers", TEMPO_OVERRIDE_USE_KILLERS, kSearchRequestV2, &tempo_search_request::use_killers},
    {"threads", TEMPO_OVERRIDE_THREADS, kSearchRequestThreads, &tempo_search_request::threads},
    {"fresh_table", TEMPO_OVERRIDE_FRESH_TABLE, kSearchRequestFreshTable, &tempo_search_request::fresh_table},
    {"max_nodes", TEMPO_OVERRIDE_MAX_NODES, kSearchRequestMaxNodes, &tempo_search_request::max_nodes},
    {"blunder_depth", TEMPO_OVERRIDE_BLUNDER_DEPTH, kSearchRequestBlunderDepth, &tempo_search_request::blunder_depth},
    {"capture_horizon", TEMPO_OVERRIDE_CAPTURE_HORIZON, kSearchRequestCaptureHorizon,
     &tempo_search_request::capture_horizon},
    {"strength", TEMPO_OVERRIDE_STRENGTH, kSearchRequestStrength, &tempo_search_request::strength},
    {"book", TEMPO_OVERRIDE_BOOK, kSearchRequestBook, &tempo_search_request::book},
    {"book_variety", TEMPO_OVERRIDE_BOOK_VARIETY, kSearchRequestBookVariety, &tempo_search_request::book_variety},
};
constexpr bool fields_match_schema() {
  if (std::size(kCFields) != std::size(kParamSpecs)) return false;
  for (std::size_t i = 0; i < std::size(kCFields); ++i) {
    const CField& c = kCFields[i];
    const ParamSpec& s = kParamSpecs[i];
    if (c.field != s.field || c.bit != 1u << i) return false;
    if ((c.real != nullptr) != (s.type == ParamType::kReal)) return false;
  }
  return true;
}
static_assert(fields_match_schema(), "tempo.h's overrides must follow search/params.h's kParamSpecs");
constexpr std::uint32_t kKnownOverrides = (1u << std::size(kCFields)) - 1;

double value_of(const tempo_search_request& r, const CField& c, ParamType type) {
  if (c.real != nullptr) return r.*c.real;
  if (type == ParamType::kBool) return r.*c.i32 != 0 ? 1 : 0;
  return r.*c.i32;
}

// ABI 2: the level's values with the request's own for the parameters it
// flags; each checked against its range. A bit whose field lies beyond the
// caller's size (threads in an ABI 2 request) is refused as it always was.
absl::Status apply_overrides(const tempo_search_request& r, Params& p) {
  // A bit no version defines is refused; so is one whose field lies beyond
  // the caller's struct (below).
  const std::uint32_t known = kKnownOverrides;
  if (r.overrides & ~known) {
    return absl::InvalidArgumentError(absl::StrCat("overrides has unknown bits 0x", absl::Hex(r.overrides & ~known),
                                                   " for a request of ", r.size, " bytes"));
  }
  // `strength` first: the other overrides refine what it sets.
  auto apply = [&](std::size_t i) -> absl::Status {
    if (!(r.overrides & kCFields[i].bit)) return absl::OkStatus();
    if (r.size < kCFields[i].needs_size) {
      return absl::InvalidArgumentError(absl::StrCat(
          "overrides has bit 0x", absl::Hex(kCFields[i].bit), " (", av(kCFields[i].field), ") but the request's size ",
          r.size, " does not reach that field (", kCFields[i].needs_size, " bytes, ABI ",
          kCFields[i].needs_size > kSearchRequestV5   ? 6
          : kCFields[i].needs_size > kSearchRequestV3 ? 5
                                                      : 3,
          ")"));
    }
    const ParamSpec& spec = kParamSpecs[i];
    return set_param(p, spec, value_of(r, kCFields[i], spec.type), spec.field);
  };
  if (absl::Status st = apply(kStrengthParam); !st.ok()) return st;
  for (std::size_t i = 0; i < std::size(kCFields); ++i) {
    if (i == static_cast<std::size_t>(kStrengthParam)) continue;
    if (absl::Status st = apply(i); !st.ok()) return st;
  }
  return absl::OkStatus();
}

Limits limits_of(const tempo_search_request& r) {
  Limits limits;
  limits.depth = r.depth;
  limits.movetime_ms = r.movetime_ms;
  limits.nodes = r.nodes;
  limits.time_left_ms = r.time_left_ms;
  limits.increment_ms = r.increment_ms;
  limits.moves_to_go = r.moves_to_go;
  limits.infinite = r.infinite != 0;
  return limits;
}

tempo_status check_request(const tempo_search_request& r, char* error, std::size_t error_len) {
  auto bad = [&](std::string_view what) {
    set_error(error, error_len, what);
    return TEMPO_ERR_INVALID_ARGUMENT;
  };
  if (r.level < TEMPO_LEVEL_EASY || r.level > TEMPO_LEVEL_EXPERT) {
    std::string names;
    for (std::string_view l : kLevelNames) absl::StrAppend(&names, names.empty() ? "" : ", ", av(l));
    return bad(absl::StrCat("level ", r.level, " is not 0..", kLevelCount - 1, " (", names, ")"));
  }
  // The ranges are every interface's (search/params.h).
  if (absl::Status st = check_limits(limits_of(r), r.multipv == 0 ? 1 : r.multipv); !st.ok()) {
    return bad(std::string(st.message()));
  }
  if (r.cancel != nullptr && reinterpret_cast<std::uintptr_t>(r.cancel) % alignof(int32_t) != 0) {
    set_error(error, error_len, "the cancel flag is not aligned for an int32_t");
    return TEMPO_ERR_MISALIGNED;
  }
  return TEMPO_OK;
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

// A result for a caller built against ABI 1-2 (tempo_move of 52 bytes):
// the same values in that layout, captured_in_order left out.
void fill_result_v1(const Position& root, const SearchResult& r, tempo_search_result* out) {
  auto full = std::make_unique<tempo_search_result>();
  full->size = sizeof(tempo_search_result);
  fill_result(root, r, full.get());
  auto v1 = std::make_unique<SearchResultV1>();
  auto move_bytes = [](const tempo_move& m, MoveV1* o) {
    std::memcpy(o->bytes, reinterpret_cast<const unsigned char*>(&m) + sizeof m.size, sizeof o->bytes);
  };
  v1->size = out->size;
  v1->has_move = full->has_move;
  v1->best_move_size = kMoveV1;
  move_bytes(full->best_move, &v1->best_move);
  v1->score = full->score;
  v1->depth = full->depth;
  v1->seldepth = full->seldepth;
  v1->cancelled = full->cancelled;
  v1->blunder = full->blunder;
  v1->tt_status = full->tt_status;
  v1->tt_reason = full->tt_reason;
  v1->multipv_count = full->multipv_count;
  v1->nodes = full->nodes;
  v1->time_ms = full->time_ms;
  std::memcpy(v1->pv, full->pv, sizeof v1->pv);
  for (int i = 0; i < TEMPO_MAX_MULTIPV; ++i) {
    ScoredMoveV1& o = v1->multipv[i];
    const tempo_scored_move& in = full->multipv[i];
    o.move_size = i < full->multipv_count ? kMoveV1 : in.move.size;
    move_bytes(in.move, &o.move);
    o.score = in.score;
    std::memcpy(o.pv, in.pv, sizeof o.pv);
  }
  std::memcpy(out, v1.get(), sizeof(SearchResultV1));  // the caller's struct is at least this long
}

}  // namespace

extern "C" tempo_status tempo_search(const tempo_search_request* request, uint8_t* tt, size_t tt_len,
                                     tempo_search_result* result, char* error, size_t error_len) {
  return guard([&] {
    clear_error(error, error_len);
    if (tempo_status st = check_struct(request, kSearchRequestV1, "request", error, error_len); st != TEMPO_OK)
      return st;
    if (tempo_status st = check_struct(result, kSearchResultV1, "result", error, error_len); st != TEMPO_OK) return st;
    if (tempo_status st = check_struct(request->start, kPositionV1, "request->start", error, error_len);
        st != TEMPO_OK) {
      return st;
    }
    Position start;
    if (tempo_status st = to_engine(*request->start, &start, error, error_len); st != TEMPO_OK) return st;
    if (tempo_status st = check_move_array(request->moves, request->move_size, request->move_count, "request->moves",
                                           error, error_len);
        st != TEMPO_OK) {
      return st;
    }
    if (tempo_status st = check_request(*request, error, error_len); st != TEMPO_OK) return st;
    Params params = Params::for_level(static_cast<Level>(request->level));
    if (request->size >= kSearchRequestV2) {
      if (absl::Status st = apply_overrides(*request, params); !st.ok()) {
        set_error(error, error_len, message_of(st));
        return TEMPO_ERR_INVALID_ARGUMENT;
      }
    }
    if (tt == nullptr && tt_len != 0) {
      set_error(error, error_len, "table buffer is NULL but tt_len is not 0");
      return TEMPO_ERR_NULL_POINTER;
    }
    if (tt != nullptr && tt_len < TEMPO_TABLE_MIN_BYTES) {
      set_error(error, error_len,
                absl::StrCat("table buffer has ", tt_len, " bytes; at least ", TEMPO_TABLE_MIN_BYTES, " are needed"));
      return TEMPO_ERR_TABLE;
    }

    // The history, checked move by move so the error can say which ply; a
    // game drawn by a rule may be searched on (a GUI decides when it ends).
    Game game;
    if (tempo_status st = build_game(start, request->moves, request->move_size, request->move_count,
                                     /*stop_at_draw=*/false, "history ply", &game, error, error_len);
        st != TEMPO_OK) {
      return st;
    }
    const Position& root = game.current();

    SearchRequest req;
    req.limits = limits_of(*request);
    req.params = params;
    req.seed = request->seed;
    req.multipv = request->multipv == 0 ? 1 : request->multipv;
    req.tt = tt;
    req.tt_len = tt_len;
    req.cancel = request->cancel;
    if (request->size >= kSearchRequestV3 && request->egdb != nullptr) {
      // A size beyond the address space cannot be a real buffer: no database.
      if (request->egdb_size <= SIZE_MAX) {
        req.egdb = request->egdb;
        req.egdb_len = static_cast<std::size_t>(request->egdb_size);
      }
    }
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

    absl::StatusOr<SearchResult> r = search(game, req);
    if (!r.ok()) {
      set_error(error, error_len, message_of(r.status()));
      return r.status().code() == absl::StatusCode::kInvalidArgument ? TEMPO_ERR_INVALID_ARGUMENT : TEMPO_ERR_INTERNAL;
    }
    if (result->size >= kSearchResultV3) {
      fill_result(root, *r, result);
    } else {
      fill_result_v1(root, *r, result);
    }
    return TEMPO_OK;
  });
}

extern "C" void tempo_cancel_abandon(void* cancel) {
  // Called from a finalizer on any thread while a search reads the flag with
  // relaxed atomic loads: the store must be atomic too. Nothing else is
  // touched: the memory stays the searching side's to free.
  if (cancel == nullptr) return;
#if defined(__cpp_lib_atomic_ref)
  std::atomic_ref<std::int32_t>(*static_cast<std::int32_t*>(cancel))
      .store(TEMPO_CANCEL_ABANDONED, std::memory_order_relaxed);
#else  // libc++ before LLVM 19 (Emscripten's, the Android NDK's): the builtin atomic_ref is made of
  __atomic_store_n(static_cast<std::int32_t*>(cancel), TEMPO_CANCEL_ABANDONED, __ATOMIC_RELAXED);
#endif
}
