#include "cli/flags.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "rules/text.h"

ABSL_FLAG(tempo::cli::GivenText, fen, {},
          "perft, analyse, dxp, egdb probe: start position as PDN FEN (default: the initial position)");
ABSL_FLAG(int, depth, 0, "perft, analyse, bench, dxp: search or perft depth in plies (0 = the command's default)");
ABSL_FLAG(bool, divide, false, "perft: list every root move with its count");
ABSL_FLAG(std::string, moves, "",
          "analyse: moves played from the start position, PDN text separated by spaces (\"32-28 18-23\")");
ABSL_FLAG(int, movetime, 0, "analyse, dxp: search time per move in milliseconds (0 = not given)");
ABSL_FLAG(std::int64_t, nodes, 0, "analyse, selfplay: search node limit (0 = not given)");
ABSL_FLAG(int, multipv, 1, "analyse, hub: number of best root moves to score and print (1..32)");
ABSL_FLAG(std::string, level, "expert", "analyse, hub, dxp: playing level: easy, medium, hard or expert");
ABSL_FLAG(std::uint64_t, seed, 0,
          "analyse, hub, dxp, selfplay, fit: seed of all randomness (noise, blunders, sampling)");
ABSL_FLAG(int, tt_mb, 4, "analyse, bench, hub, dxp: transposition table size in MiB (0 = no table)");
ABSL_FLAG(tempo::cli::GivenText, egdb, {},
          "analyse, hub, dxp, egdb probe, egdb info: endgame database: a directory holding tempo.egdb, or the file; "
          "empty = none. Not given: $TEMPO_EGDB (a path, or empty for none), else the first of "
          "$XDG_DATA_HOME/tempo/egdb (~/.local/share/tempo/egdb) and egdb/ next to the tempo program that holds one "
          "(docs/egdb.md)");
ABSL_FLAG(int, pieces, 4, "egdb build: largest number of pieces (2..6)");
ABSL_FLAG(bool, kings_only, false, "egdb build: only the slices without men");

namespace tempo::cli {
namespace {

// Value ranges narrower than "not negative" (every numeric flag's rule).
// Ranges the commands check against other sources (the search limits'
// kLimitSpecs, the egdb format's piece count) stay there.
struct FlagRange {
  std::string_view name;
  double lo, hi;
};
constexpr FlagRange kFlagRanges[] = {
    {"dxp_port", 0, 65535}, {"dxp_timeout", 0, 86400},      {"games", 0, 1000000},
    {"concurrency", 1, 64}, {"match_max_plies", 1, 100000},
};

bool numeric(const absl::CommandLineFlag& f) {
  return f.IsOfType<int>() || f.IsOfType<std::int64_t>() || f.IsOfType<std::uint64_t>() || f.IsOfType<double>();
}

// What a value of the flag's type looks like, for the error line.
std::string kind(const absl::CommandLineFlag& f) {
  if (f.IsOfType<bool>()) return "true or false";
  if (f.IsOfType<int>()) return "a whole number up to 2147483647";
  if (f.IsOfType<std::int64_t>()) return "a whole number up to 9223372036854775807";
  if (f.IsOfType<std::uint64_t>()) return "a whole number 0..18446744073709551615";
  if (f.IsOfType<double>()) return "a number";
  return "text";
}

// tempo's own flags are defined in cli/; absl's (--flagfile ...) are not taken.
bool ours(const absl::CommandLineFlag& f) {
  const std::string file = f.Filename();
  return file.rfind("cli/", 0) == 0 || file.find("/cli/") != std::string::npos;
}

}  // namespace

std::string dashed(std::string_view name) {
  std::string s(name);
  std::replace(s.begin(), s.end(), '_', '-');
  return s;
}

std::optional<std::pair<double, double>> flag_range(const absl::CommandLineFlag& f) {
  if (!numeric(f)) return std::nullopt;
  for (const FlagRange& r : kFlagRanges) {
    if (r.name == std::string_view(f.Name().data(), f.Name().size())) return std::pair{r.lo, r.hi};
  }
  return std::pair{0.0, HUGE_VAL};
}

bool flag_of_command(const absl::CommandLineFlag& f, std::string_view command) {
  if (!ours(f)) return false;
  const std::string help = f.Help();
  const std::size_t colon = help.find(": ");
  if (colon == std::string::npos) return false;
  for (absl::string_view item : absl::StrSplit(absl::string_view(help).substr(0, colon), ", ")) {
    const absl::string_view word = item.substr(0, item.find(' '));
    if (std::string_view(word.data(), word.size()) == command) return true;
  }
  return false;
}

std::vector<const absl::CommandLineFlag*> command_flags(std::string_view command) {
  std::vector<const absl::CommandLineFlag*> out;
  for (const auto& [name, flag] : absl::GetAllFlags()) {
    if (flag_of_command(*flag, command)) out.push_back(flag);
  }
  std::sort(out.begin(), out.end(), [](const auto* a, const auto* b) { return a->Name() < b->Name(); });
  return out;
}

absl::StatusOr<std::vector<std::string>> parse_flags(const std::vector<std::string>& argv) {
  std::vector<std::string> positional;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& arg = argv[i];
    if (i == 0 || arg.size() < 2 || arg[0] != '-') {
      positional.push_back(arg);
      continue;
    }
    if (arg == "--") {
      positional.insert(positional.end(), argv.begin() + static_cast<std::ptrdiff_t>(i) + 1, argv.end());
      break;
    }
    const std::size_t start = arg[1] == '-' ? 2 : 1;
    const std::size_t eq = arg.find('=');
    std::string name = arg.substr(start, eq == std::string::npos ? std::string::npos : eq - start);
    std::replace(name.begin(), name.end(), '-', '_');
    absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
    std::optional<std::string> value;
    if (eq != std::string::npos) value = arg.substr(eq + 1);
    if ((flag == nullptr || !ours(*flag)) && name.rfind("no", 0) == 0 && !value) {  // --nodivide
      absl::CommandLineFlag* negated = absl::FindCommandLineFlag(name.substr(2));
      if (negated != nullptr && ours(*negated) && negated->IsOfType<bool>()) {
        flag = negated;
        value = "false";
      }
    }
    if (flag == nullptr || !ours(*flag)) {
      return absl::InvalidArgumentError(absl::StrCat("unknown flag --", dashed(name)));
    }
    const std::string shown = absl::StrCat("--", dashed(std::string(flag->Name())));
    if (!value) {
      if (flag->IsOfType<bool>()) {
        value = "true";
      } else if (i + 1 < argv.size()) {
        value = argv[++i];
      } else {
        return absl::InvalidArgumentError(absl::StrCat(shown, " needs a value (", kind(*flag), ")"));
      }
    }
    std::string why;
    if (!flag->ParseFrom(*value, &why)) {
      return absl::InvalidArgumentError(absl::StrCat(shown, ": ", quote(*value), " is not ", kind(*flag)));
    }
    if (const auto range = flag_range(*flag)) {
      const double v = std::strtod(value->c_str(), nullptr);
      if (!(v >= range->first && v <= range->second)) {
        return absl::InvalidArgumentError(
            absl::StrCat(shown, ": ", *value, " is out of range (", range_text(*range), ")"));
      }
    }
  }
  return positional;
}

std::string range_text(std::pair<double, double> range) {
  if (std::isinf(range.second)) return range.first == 0 ? "0 or more" : absl::StrCat(range.first, " or more");
  return absl::StrCat(range.first, "..", range.second);
}

bool AbslParseFlag(absl::string_view in, GivenText* out, std::string* /*error*/) {
  out->given = true;
  out->text = std::string(in);
  return true;
}

std::string AbslUnparseFlag(const GivenText& value) { return value.text; }

std::optional<std::string> given_fen() {
  GivenText fen = absl::GetFlag(FLAGS_fen);
  if (!fen.given) return std::nullopt;
  return std::move(fen.text);
}

}  // namespace tempo::cli
