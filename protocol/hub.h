// Hub protocol version 2: the line format shared by engine and GUI.
//
// Every line is `command name=value name=value ...`; a value holding a space,
// `=`, a quote or nothing is double-quoted; a bare `name` is a flag. Both
// sides ignore what they do not know, so the parser keeps every argument and
// the caller looks up the ones it understands. This file only reads and
// writes lines; the engine loop lives in cli/hub.cc.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "search/params.h"

namespace tempo::hub {

struct Arg {
  std::string name;
  std::string value;
  bool has_value = false;  // false: a flag (`go think`: `think` is a flag)
};

struct Line {
  std::string command;
  std::vector<Arg> args;

  // The value of `name`, if it was given with `=value`.
  std::optional<std::string> value(std::string_view name) const;
  // True when `name` appears, as a flag or with a value.
  bool has(std::string_view name) const;
};

// Reads one line (trailing `\r`/`\n` ignored). An empty or blank line gives an
// empty command. Errors: an unterminated quote, a name missing before `=`.
absl::StatusOr<Line> parse_line(std::string_view text);

// Writes a line, quoting values that need it (a `"` inside a value, which
// the protocol cannot carry, becomes `'`).
std::string format_line(const Line& line);
std::string quote_if_needed(std::string_view value);

// `level ...` -> search limits. Accepts depth=, nodes=, move-time=,
// [moves=] time= [inc=] and infinite; times are seconds (reals). Errors say
// which argument was bad. Unknown arguments are ignored.
absl::StatusOr<Limits> parse_limits(const Line& line);

}  // namespace tempo::hub
