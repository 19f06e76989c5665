#include "protocol/hub.h"

#include <cctype>
#include <cmath>
#include <cstdlib>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "engine/score.h"
#include "engine/text.h"

namespace tempo::hub {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Seconds as a real number -> milliseconds, refusing negatives, NaN and
// anything beyond a day (which would overflow the limits' int).
absl::StatusOr<int> parse_seconds(const Line& line, std::string_view name) {
  const std::string text = *line.value(name);
  double s = 0;
  if (!absl::SimpleAtod(text, &s) || !std::isfinite(s) || s < 0 || s > 86400.0 * 7) {
    return absl::InvalidArgumentError(
        absl::StrCat("level: ", av(name), "=", quote(text), " is not a time in seconds (0..604800)"));
  }
  return static_cast<int>(std::llround(s * 1000.0));
}

absl::StatusOr<std::uint64_t> parse_count(const Line& line, std::string_view name, std::uint64_t max) {
  const std::string text = *line.value(name);
  std::uint64_t n = 0;
  if (!absl::SimpleAtoi(text, &n) || n < 1 || n > max) {
    return absl::InvalidArgumentError(absl::StrCat("level: ", av(name), "=", quote(text), " is not a whole number 1..", max));
  }
  return n;
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
  auto skip = [&] { while (i < n && is_space(text[i])) ++i; };
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
        return absl::InvalidArgumentError(absl::StrCat(quote(line.command), ": argument at column ", start + 1,
                                                       " has '=' but no name"));
      }
      ++i;
      arg.has_value = true;
      if (i < n && text[i] == '"') {
        const std::size_t close = text.find('"', i + 1);
        if (close == std::string_view::npos) {
          return absl::InvalidArgumentError(absl::StrCat(quote(line.command), ": value of ", quote(arg.name),
                                                         " has no closing quote"));
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
  if (line.value("depth")) {
    absl::StatusOr<std::uint64_t> d = parse_count(line, "depth", kMaxPly - 1);
    if (!d.ok()) return d.status();
    limits.depth = static_cast<int>(*d);
    any = true;
  }
  if (line.value("nodes")) {
    absl::StatusOr<std::uint64_t> nodes = parse_count(line, "nodes", std::uint64_t{1} << 50);
    if (!nodes.ok()) return nodes.status();
    limits.nodes = *nodes;
    any = true;
  }
  if (line.value("move-time")) {
    absl::StatusOr<int> ms = parse_seconds(line, "move-time");
    if (!ms.ok()) return ms.status();
    limits.movetime_ms = std::max(1, *ms);
    any = true;
  }
  if (line.value("time")) {
    absl::StatusOr<int> ms = parse_seconds(line, "time");
    if (!ms.ok()) return ms.status();
    limits.time_left_ms = std::max(1, *ms);
    if (line.value("inc")) {
      absl::StatusOr<int> inc = parse_seconds(line, "inc");
      if (!inc.ok()) return inc.status();
      limits.increment_ms = *inc;
    }
    if (line.value("moves")) {
      absl::StatusOr<std::uint64_t> moves = parse_count(line, "moves", 1000);
      if (!moves.ok()) return moves.status();
      limits.moves_to_go = static_cast<int>(*moves);
    }
    any = true;
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
