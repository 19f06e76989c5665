// What a search is asked to do: the difficulty level, the level's parameters
// and the limits of one search.
//
// kParamSpecs lists every level parameter once: its names, type, range, value
// at each level and help text. Every interface reads, checks and documents
// the parameters through it (search(), the C ABI's overrides, the Hub's
// set-param, `tempo analyse` flags, Python keywords), so a value one of them
// accepts, all accept. A new parameter is a Params field plus one row here
// (and, for the C ABI, a struct field and its override bit).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "search/strength.h"

namespace tempo {

inline constexpr int kMaxPly = 128;  // deepest line the search follows
inline constexpr int kMaxMultiPv = 32;
inline constexpr int kMaxThreads = 64;  // search threads in one call

enum class Level : std::uint8_t { kEasy = 0, kMedium = 1, kHard = 2, kExpert = 3 };
inline constexpr int kLevelCount = 4;
// The levels' names, indexed by Level: what the Hub, the CLI and Python say
// and read (the C ABI numbers them TEMPO_LEVEL_*; Dart's TempoLevel is
// checked against both by tests/ffi/dart_syntax_test.py).
inline constexpr std::string_view kLevelNames[kLevelCount] = {"easy", "medium", "hard", "expert"};
const char* level_name(Level l);
absl::StatusOr<Level> parse_level(std::string_view name);

// How strong and how human the search plays. The member values are Expert's
// (full strength); for_level() gives any level's from kParamSpecs.
struct Params {
  int max_depth = kMaxPly - 1;     // plies
  int time_limit_ms = 10'000;      // per move when the caller gives no time of its own, 0 = none
  int eval_noise = 0;              // uniform +-noise/2 added at leaves (100 = a man)
  double blunder_probability = 0;  // chance of a deliberate weaker root move
  int blunder_margin = 0;          // how much weaker it may be (static score)
  double feature_scale = 1.0;      // evaluation positional terms, 0 = material only
  bool use_table = true;
  bool use_killers = true;
  // Search threads sharing the caller's table (Lazy SMP). 1 at every level:
  // one thread is exactly reproducible, and the levels' shallow caps finish
  // before helper threads pay for their start (docs/strength.md).
  int threads = 1;
  bool fresh_table = false;  // clear the caller's table before the search
  // The compiled-in opening book (search/book.h): a position in it is
  // answered at once with a book move (not when a depth, `infinite` or
  // multi-PV is asked: that is analysis). book_variety > 0: a seeded pick
  // among the book moves scoring within that many points (100 = a man) of
  // the best; 0: always the best.
  bool book = true;
  int book_variety = 10;
  // Set together by `strength` (set_strength(), the ladder in strength.h):
  int max_nodes = 0;                  // node cap per move, 0 = none (caps every limit but `infinite`)
  int blunder_depth = 0;              // plies a blunder candidate is looked at; 0 = static score
  int capture_horizon = kMaxPly - 1;  // captures the quiescence search follows before it evaluates
  int strength = kFullStrength;       // the ladder's point; setting it sets the fields above and more
  // The app's old search, for comparison matches only (the Hub's `classic`):
  // iterative deepening over plain alpha-beta to a fixed depth, leaves
  // evaluated as they stand (no quiescence, even with a capture pending), no
  // PVS, reductions, extensions, pruning or aspiration, and no draw rules.
  // Not a level parameter, so not in kParamSpecs.
  bool classic = false;

  static constexpr Params for_level(Level l);
  friend constexpr bool operator==(const Params&, const Params&) = default;
};

static_assert(kFullDepth == kMaxPly - 1);

// Sets `strength` and the parameters its ladder sets (step_at() in
// strength.h): depth cap, node budget, noise, blunders, capture horizon and
// feature scale.
constexpr void set_strength(Params& p, int strength) {
  const StrengthStep s = step_at(strength);
  p.strength = strength;
  p.max_depth = s.max_depth;
  p.max_nodes = s.max_nodes;
  p.eval_noise = s.eval_noise;
  p.blunder_probability = s.blunder_probability;
  p.blunder_margin = s.blunder_margin;
  p.blunder_depth = s.blunder_depth;
  p.capture_horizon = s.capture_horizon;
  p.feature_scale = s.feature_scale;
}

// When to stop. Zero means "not set"; with nothing set the search runs to
// Params::max_depth or the level's time_limit_ms, whichever comes first.
// `infinite` overrides all of them, the level's caps included: the search
// runs until the cancel flag is set (pondering, analysis).
struct Limits {
  int depth = 0;
  std::uint64_t nodes = 0;
  int movetime_ms = 0;
  int time_left_ms = 0;  // game clock of the side to move
  int increment_ms = 0;
  int moves_to_go = 0;    // 0 = sudden death
  bool infinite = false;  // only the cancel flag stops it (one is required)
};

// The limits of one search and the number of lines, as every interface
// takes them (kLimitSpecs). A value given must lie in the limit's range, the
// same in every interface; "not given" is 0 where a field cannot be absent
// (Limits, the C ABI's zero-filled request, the CLI's flag defaults), None
// in Python and an absent argument in the Hub.
enum class LimitId : std::uint8_t { kDepth, kMoveTime, kNodes, kTimeLeft, kIncrement, kMovesToGo, kMultiPv };

struct LimitSpec {
  LimitId id;
  std::string_view field;  // C ABI field, Python keyword: "movetime_ms"
  std::string_view flag;   // `tempo analyse` flag, empty when none: "movetime"
  std::string_view hub;    // Hub argument, empty when none: "move-time" (Hub times are in seconds)
  double min, max;         // inclusive, when given
  std::string_view help;

  // Ok, or why `v` (a value given) is not in range; `shown_as` names the
  // limit as the caller spells it.
  absl::Status check(double v, std::string_view shown_as) const;
  std::string range_text() const;  // "1..127"
};

inline constexpr double kMaxLimitMs = 86'400'000;                // a day
inline constexpr double kMaxLimitNodes = 1'125'899'906'842'624;  // 2^50: exact as a double

// Indexed by LimitId.
inline constexpr LimitSpec kLimitSpecs[] = {
    {LimitId::kDepth, "depth", "depth", "depth", 1, kMaxPly - 1, "search depth in plies"},
    {LimitId::kMoveTime, "movetime_ms", "movetime", "move-time", 1, kMaxLimitMs, "think at most this long (ms)"},
    {LimitId::kNodes, "nodes", "nodes", "nodes", 1, kMaxLimitNodes, "stop after this many nodes"},
    {LimitId::kTimeLeft, "time_left_ms", "", "time", 1, kMaxLimitMs, "game clock of the side to move (ms)"},
    {LimitId::kIncrement, "increment_ms", "", "inc", 0, kMaxLimitMs, "increment per move (ms), with a clock"},
    {LimitId::kMovesToGo, "moves_to_go", "", "moves", 0, 1000, "moves to the next time control, 0 = sudden death"},
    {LimitId::kMultiPv, "multipv", "multipv", "multipv", 1, kMaxMultiPv, "best root moves to score"},
};
constexpr const LimitSpec& limit_spec(LimitId id) { return kLimitSpecs[static_cast<int>(id)]; }
static_assert([] {
  for (int i = 0; i < static_cast<int>(std::size(kLimitSpecs)); ++i)
    if (static_cast<int>(kLimitSpecs[i].id) != i) return false;
  return true;
}());

// Every limit given (non-zero) is in range and multipv is 1..kMaxMultiPv
// (what search() checks before it starts).
absl::Status check_limits(const Limits& limits, int multipv);

// The size of the table a session keeps (search/session.h), in MiB: one
// default and one range for every interface (the Hub's and the CLI's tt-mb,
// Python, the C ABI's TEMPO_TABLE_DEFAULT_BYTES). 0 = no table.
struct TableSizeSpec {
  std::string_view name;  // Hub parameter and CLI flag
  int default_mib, min_mib, max_mib;
  std::string_view help;

  constexpr std::size_t default_bytes() const { return static_cast<std::size_t>(default_mib) << 20; }
  // Ok, or why `mib` is not a table size; `shown_as` names it as the caller spells it.
  absl::Status check(double mib, std::string_view shown_as) const;
  std::string range_text() const;  // "0..4096"
};
inline constexpr TableSizeSpec kTableSize = {"tt-mb", 4, 0, 4096, "transposition table size in MiB (0 = no table)"};

enum class ParamType : std::uint8_t { kInt, kReal, kBool };

// One level parameter. Values travel as doubles (exact for every int here);
// a bool is 0 or 1.
struct ParamSpec {
  std::string_view name;   // Hub parameter and CLI flag: "max-depth"
  std::string_view field;  // Params member, C ABI field, Python keyword: "max_depth"
  ParamType type;
  double min, max;               // inclusive
  double at_level[kLevelCount];  // easy, medium, hard, expert
  std::string_view help;
  int Params::*int_field = nullptr;  // exactly one of the three, per type
  double Params::*real_field = nullptr;
  bool Params::*bool_field = nullptr;

  constexpr double get(const Params& p) const {
    if (int_field) return p.*int_field;
    if (real_field) return p.*real_field;
    return p.*bool_field ? 1 : 0;
  }
  // Unchecked: check() first. Setting `strength` sets the parameters of its
  // ladder too (set_strength()).
  constexpr void set(Params& p, double v) const {
    if (int_field == &Params::strength) set_strength(p, static_cast<int>(v));
    else if (int_field) p.*int_field = static_cast<int>(v);
    else if (real_field) p.*real_field = v;
    else p.*bool_field = v != 0;
  }
  // Ok, or why `v` is not a value of this parameter; `shown_as` names the
  // parameter as the caller spells it ("max_depth", "--max-depth").
  absl::Status check(double v, std::string_view shown_as) const;
  // "1..127", "0..1", "true|false".
  std::string range_text() const;
  // The value as the Hub and the CLI write it: "127", "0.005", "true".
  std::string value_text(double v) const;
};

// The order is the C ABI's: parameter i is override bit 1 << i.
inline constexpr ParamSpec kParamSpecs[] = {
    {"max-depth",
     "max_depth",
     ParamType::kInt,
     1,
     kMaxPly - 1,
     {level_step(0).max_depth, level_step(1).max_depth, level_step(2).max_depth, level_step(3).max_depth},
     "search depth cap in plies (caps every limit)",
     &Params::max_depth},
    {"time-limit",
     "time_limit_ms",
     ParamType::kInt,
     0,
     86'400'000,
     {1500, 3000, 5000, 10'000},
     "the level's time cap per move in ms when the caller gives no move time or clock; 0 = none",
     &Params::time_limit_ms},
    {"eval-noise",
     "eval_noise",
     ParamType::kInt,
     0,
     10'000,
     {level_step(0).eval_noise, level_step(1).eval_noise, level_step(2).eval_noise, level_step(3).eval_noise},
     "uniform +-noise/2 added to every evaluation (100 = a man)",
     &Params::eval_noise},
    {"blunder-probability",
     "blunder_probability",
     ParamType::kReal,
     0,
     1,
     {level_step(0).blunder_probability, level_step(1).blunder_probability, level_step(2).blunder_probability,
      level_step(3).blunder_probability},
     "chance of a deliberately weaker root move",
     nullptr,
     &Params::blunder_probability},
    {"blunder-margin",
     "blunder_margin",
     ParamType::kInt,
     0,
     10'000,
     {level_step(0).blunder_margin, level_step(1).blunder_margin, level_step(2).blunder_margin,
      level_step(3).blunder_margin},
     "how much weaker a deliberate blunder may look (to a blunder-depth look; 100 = a man)",
     &Params::blunder_margin},
    {"feature-scale",
     "feature_scale",
     ParamType::kReal,
     0,
     4,
     {level_step(0).feature_scale, level_step(1).feature_scale, level_step(2).feature_scale,
      level_step(3).feature_scale},
     "weight of the evaluation's positional terms; 0 = material only",
     nullptr,
     &Params::feature_scale},
    {"use-table",
     "use_table",
     ParamType::kBool,
     0,
     1,
     {1, 1, 1, 1},
     "use the transposition table (false: the buffer is not even read)",
     nullptr,
     nullptr,
     &Params::use_table},
    {"use-killers",
     "use_killers",
     ParamType::kBool,
     0,
     1,
     {1, 1, 1, 1},
     "use killer moves in move ordering",
     nullptr,
     nullptr,
     &Params::use_killers},
    {"threads",
     "threads",
     ParamType::kInt,
     1,
     kMaxThreads,
     {1, 1, 1, 1},
     "search threads sharing the table; 1 is exactly reproducible, more are faster but vary run to run",
     &Params::threads},
    {"fresh-table",
     "fresh_table",
     ParamType::kBool,
     0,
     1,
     {0, 0, 0, 0},
     "clear the table before the search (nothing carried over from earlier moves)",
     nullptr,
     nullptr,
     &Params::fresh_table},
    // Appended: set by `strength` (strength.h's ladder), each settable alone.
    {"max-nodes",
     "max_nodes",
     ParamType::kInt,
     0,
     1'000'000'000,
     {level_step(0).max_nodes, level_step(1).max_nodes, level_step(2).max_nodes, level_step(3).max_nodes},
     "node budget per move, 0 = none: the same play on a phone and a desktop (caps every limit)",
     &Params::max_nodes},
    {"blunder-depth",
     "blunder_depth",
     ParamType::kInt,
     0,
     16,
     {level_step(0).blunder_depth, level_step(1).blunder_depth, level_step(2).blunder_depth,
      level_step(3).blunder_depth},
     "plies (then captures) a blunder is looked at, so only refutations deeper than this are missed; 0 = static score",
     &Params::blunder_depth},
    {"capture-horizon",
     "capture_horizon",
     ParamType::kInt,
     0,
     kMaxPly - 1,
     {level_step(0).capture_horizon, level_step(1).capture_horizon, level_step(2).capture_horizon,
      level_step(3).capture_horizon},
     "captures the quiescence search follows past the depth before it scores the position as it stands",
     &Params::capture_horizon},
    // After the parameters it sets, so that for_level() applies it over
    // them (it sets them to the same values: checked below).
    {"strength",
     "strength",
     ParamType::kInt,
     kMinStrength,
     kMaxStrength,
     {level_step(0).strength, level_step(1).strength, level_step(2).strength, level_step(3).strength},
     "Elo-like playing strength: sets max-depth, max-nodes, eval-noise, the blunder parameters, capture-horizon "
     "and feature-scale from one table; parameters given with it override them",
     &Params::strength},
    // Appended after `strength` (which keeps its C ABI bit): the opening book (ABI 6).
    {"book",
     "book",
     ParamType::kBool,
     0,
     1,
     {0, 0, 0, 1},
     "answer positions of the compiled-in opening book at once with a book move (not with a depth, infinite or "
     "multi-PV)",
     nullptr,
     nullptr,
     &Params::book},
    {"book-variety",
     "book_variety",
     ParamType::kInt,
     0,
     100,
     {0, 0, 0, 10},
     "with book: a seeded pick among the book moves within this much of the best (100 = a man); 0 = the best",
     &Params::book_variety},
};
inline constexpr int kParamCount = static_cast<int>(std::size(kParamSpecs));

constexpr Params Params::for_level(Level l) {
  Params p;
  for (const ParamSpec& s : kParamSpecs) s.set(p, s.at_level[static_cast<int>(l)]);
  return p;
}
static_assert(Params{} == Params::for_level(Level::kExpert), "Params' member values are Expert's");
static_assert(
    [] {
      for (int l = 0; l < kLevelCount; ++l)
        for (const ParamSpec& s : kParamSpecs)
          if (s.get(Params::for_level(static_cast<Level>(l))) != s.at_level[l]) return false;
      return true;
    }(),
    "a level's values are its strength's");
// Where `strength` sits: the parameters given with it in one request (the C
// ABI, Python, Dart, the web package, CLI flags) apply after it, whatever
// their order, so they override what it set. The Hub applies set-param
// commands in the order they come (like `level`).
inline constexpr int kStrengthParam = 13;
static_assert(kParamSpecs[kStrengthParam].int_field == &Params::strength);

// By either spelling ("max-depth" or "max_depth"); null when unknown.
const ParamSpec* find_param(std::string_view name);

// Checks and sets one parameter; on error `params` is unchanged.
absl::Status set_param(Params& params, const ParamSpec& spec, double value, std::string_view shown_as);
// The same from text, as the Hub and the CLI get it: a whole number, a real
// number, or true/false.
absl::Status set_param(Params& params, const ParamSpec& spec, std::string_view text, std::string_view shown_as);

// Every parameter in range (what search() checks before it starts).
absl::Status check_params(const Params& params);

}  // namespace tempo
