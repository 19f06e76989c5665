// Command-line flags shared by the subcommands (absl flags are process-wide,
// so each name is declared once here). Dashes in flag names are accepted:
// `--tt-mb` and `--tt_mb` are the same flag. The level parameters
// (--max-depth ...) are not absl flags: see param_flags.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/flags/commandlineflag.h"
#include "absl/flags/declare.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tempo::cli {

// A text flag that remembers whether it was given at all, so that `--fen ''`
// (an unset shell variable) is an empty FEN, not "no --fen".
struct GivenText {
  bool given = false;
  std::string text;
};
bool AbslParseFlag(absl::string_view in, GivenText* out, std::string* error);
std::string AbslUnparseFlag(const GivenText& value);

}  // namespace tempo::cli

ABSL_DECLARE_FLAG(tempo::cli::GivenText, fen);
ABSL_DECLARE_FLAG(int, depth);
ABSL_DECLARE_FLAG(bool, divide);
ABSL_DECLARE_FLAG(std::string, moves);
ABSL_DECLARE_FLAG(int, movetime);
ABSL_DECLARE_FLAG(std::int64_t, nodes);
ABSL_DECLARE_FLAG(int, multipv);
ABSL_DECLARE_FLAG(std::string, level);
ABSL_DECLARE_FLAG(std::uint64_t, seed);
ABSL_DECLARE_FLAG(int, tt_mb);
ABSL_DECLARE_FLAG(tempo::cli::GivenText, egdb);
ABSL_DECLARE_FLAG(int, pieces);
ABSL_DECLARE_FLAG(bool, kings_only);

namespace tempo::cli {

// --fen as given: nullopt when the flag is absent (the command's default
// position). A given value, even an empty one (`--fen ''`, an unset shell
// variable), is the caller's to parse, so it fails like any other bad FEN.
std::optional<std::string> given_fen();

}  // namespace tempo::cli

namespace tempo::cli {

// Which commands take a flag is said where it is defined: its help text
// starts with them, "analyse, hub: ..." ("egdb build: ..." names the egdb
// command). Each command's --help lists exactly those flags, so a new flag
// cannot be missing from it.
bool flag_of_command(const absl::CommandLineFlag& f, std::string_view command);
// A flag's name as the documentation spells it: tt_mb -> tt-mb.
std::string dashed(std::string_view name);
// The flags of `command`, by name.
std::vector<const absl::CommandLineFlag*> command_flags(std::string_view command);

// A numeric flag's allowed values, [lo, hi] (hi may be infinite): never
// negative, narrower where flags.cc's table says. nullopt: not numeric.
std::optional<std::pair<double, double>> flag_range(const absl::CommandLineFlag& f);
std::string range_text(std::pair<double, double> range);

// Sets the flags given in argv[1..] (`--name=value`, `--name value`,
// `--bool`, `--nobool`; dashes or underscores; `--` ends the flags) and
// returns argv[0] and the other arguments. The error is one line naming the
// flag: unknown, without a value, a value that is not of the flag's type
// (overflow included) or out of its range.
absl::StatusOr<std::vector<std::string>> parse_flags(const std::vector<std::string>& argv);

}  // namespace tempo::cli
