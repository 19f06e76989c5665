#include "protocol/hub.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <type_traits>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "rules/score.h"
#include "rules/text.h"

namespace tempo::hub {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// A limit's value as the Hub writes it (times in seconds, counts as whole
// numbers), in the limit's own unit, checked against its range (every
// interface's: search/params.h's kLimitSpecs). A move time or clock of 0 s
// (a clock run out) is 1 ms: move at once.
absl::StatusOr<double> parse_limit(const Line& line, LimitId id) {
  const LimitSpec& spec = limit_spec(id);
  const std::string text = *line.value(spec.hub);
  const bool seconds = id == LimitId::kMoveTime || id == LimitId::kTimeLeft || id == LimitId::kIncrement;
  double v = 0;
  if (seconds) {
    double s = 0;
    if (absl::SimpleAtod(text, &s) && std::isfinite(s) && s >= 0 && s * 1000.0 <= spec.max) {
      return std::max(spec.min, std::round(s * 1000.0));
    }
    return absl::InvalidArgumentError(absl::StrCat("level: ", av(spec.hub), "=", quote(text),
                                                   " is not a time in seconds (0..", spec.max / 1000, ")"));
  }
  std::uint64_t n = 0;
  if (absl::SimpleAtoi(text, &n)) v = static_cast<double>(n);
  if (!absl::SimpleAtoi(text, &n) || !spec.check(v, spec.hub).ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("level: ", av(spec.hub), "=", quote(text), " is not a whole number in ", spec.range_text()));
  }
  return v;
}

}  // namespace

std::optional<std::string> Line::value(std::string_view name) const {
  for (const Arg& a : args) {
    if (a.has_value && a.name == name) return a.value;
  }
  return std::nullopt;
}

bool Line::has(std::string_view name) const {
  for (const Arg& a : args) {
    if (a.name == name) return true;
  }
  return false;
}

absl::StatusOr<Line> parse_line(std::string_view text) {
  Line line;
  std::size_t i = 0;
  const std::size_t n = text.size();
  auto skip = [&] {
    while (i < n && is_space(text[i])) ++i;
  };
  skip();
  while (i < n && !is_space(text[i])) line.command += text[i++];
  while (true) {
    skip();
    if (i >= n) break;
    const std::size_t start = i;
    Arg arg;
    while (i < n && !is_space(text[i]) && text[i] != '=') arg.name += text[i++];
    if (i < n && text[i] == '=') {
      if (arg.name.empty()) {
        return absl::InvalidArgumentError(
            absl::StrCat(quote(line.command), ": argument at column ", start + 1, " has '=' but no name"));
      }
      ++i;
      arg.has_value = true;
      if (i < n && text[i] == '"') {
        const std::size_t close = text.find('"', i + 1);
        if (close == std::string_view::npos) {
          return absl::InvalidArgumentError(
              absl::StrCat(quote(line.command), ": value of ", quote(arg.name), " has no closing quote"));
        }
        arg.value = std::string(text.substr(i + 1, close - i - 1));
        i = close + 1;
      } else {
        while (i < n && !is_space(text[i])) arg.value += text[i++];
      }
    }
    line.args.push_back(std::move(arg));
  }
  return line;
}

std::string quote_if_needed(std::string_view value) {
  std::string v(value);
  for (char& c : v) {
    if (c == '"') c = '\'';
    if (c == '\n' || c == '\r') c = ' ';
  }
  bool needs = v.empty();
  for (char c : v) needs |= (is_space(c) || c == '=');
  return needs ? absl::StrCat("\"", v, "\"") : v;
}

std::string format_line(const Line& line) {
  std::string out = line.command;
  for (const Arg& a : line.args) {
    absl::StrAppend(&out, " ", a.name);
    if (a.has_value) absl::StrAppend(&out, "=", quote_if_needed(a.value));
  }
  return out;
}

absl::StatusOr<Limits> parse_limits(const Line& line) {
  Limits limits;
  bool any = false;
  // Sets `field` from the argument when there is one; false on error.
  auto take = [&](LimitId id, auto& field) -> absl::Status {
    if (!line.value(limit_spec(id).hub)) return absl::OkStatus();
    absl::StatusOr<double> v = parse_limit(line, id);
    if (!v.ok()) return v.status();
    field = static_cast<std::remove_reference_t<decltype(field)>>(*v);
    any = true;
    return absl::OkStatus();
  };
  for (auto st : {take(LimitId::kDepth, limits.depth), take(LimitId::kNodes, limits.nodes),
                  take(LimitId::kMoveTime, limits.movetime_ms), take(LimitId::kTimeLeft, limits.time_left_ms)}) {
    if (!st.ok()) return st;
  }
  if (limits.time_left_ms > 0) {
    for (auto st : {take(LimitId::kIncrement, limits.increment_ms), take(LimitId::kMovesToGo, limits.moves_to_go)}) {
      if (!st.ok()) return st;
    }
  } else if (line.value("inc") || line.value("moves")) {
    return absl::InvalidArgumentError("level: inc= and moves= need time=");
  }
  if (line.has("infinite")) {
    limits = Limits{};
    limits.infinite = true;
    any = true;
  }
  if (!any) {
    return absl::InvalidArgumentError("level: expected depth=, nodes=, move-time=, time= or infinite");
  }
  return limits;
}

}  // namespace tempo::hub
