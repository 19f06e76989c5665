#include "search/params.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "rules/text.h"

namespace tempo {
namespace {

// Shortest text that reads back as `v`, never in exponent form (a GUI's
// spin box and a person both read 86400000 better than 8.64e+07).
std::string number_text(double v) {
  if (!std::isfinite(v)) return std::isnan(v) ? "nan" : (v > 0 ? "inf" : "-inf");
  char buf[400];
#if defined(__cpp_lib_to_chars)
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
  return ec == std::errc() ? std::string(buf, end) : absl::StrCat(v);
#else
  // libc++ 14 (Emscripten 3.1.6's) has no floating-point
  // to_chars: the fewest decimals that read back as v, the same text.
  for (int decimals = 0; decimals <= 17; ++decimals) {
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    if (std::strtod(buf, nullptr) == v) return buf;
  }
  return absl::StrCat(v);
#endif
}

// What a valid value looks like, for error messages and help.
std::string expected(const ParamSpec& s) {
  switch (s.type) {
    case ParamType::kInt: return absl::StrCat("a whole number in ", s.range_text());
    case ParamType::kReal: return absl::StrCat("a number in ", s.range_text());
    case ParamType::kBool: return "true or false";
  }
  return "";
}

absl::Status not_a_value(const ParamSpec& s, std::string_view shown_as, std::string_view value) {
  return absl::InvalidArgumentError(absl::StrCat(av(shown_as), ": ", quote(value), " is not ", expected(s)));
}

}  // namespace

const char* level_name(Level l) {
  const int i = static_cast<int>(l);
  return i < kLevelCount ? kLevelNames[i].data() : "unknown";  // the names are literals: NUL-terminated
}

absl::StatusOr<Level> parse_level(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  for (int i = 0; i < kLevelCount; ++i) {
    if (lower == kLevelNames[i]) return static_cast<Level>(i);
  }
  return absl::InvalidArgumentError(absl::StrCat(quote(name), " is not a level (easy, medium, hard or expert)"));
}

std::string TableSizeSpec::range_text() const { return absl::StrCat(min_mib, "..", max_mib); }

absl::Status TableSizeSpec::check(double mib, std::string_view shown_as) const {
  if (mib >= min_mib && mib <= max_mib && mib == std::trunc(mib)) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(av(shown_as), ": ", number_text(mib), " is not a size in MiB ", range_text()));
}

std::string ParamSpec::range_text() const {
  if (type == ParamType::kBool) return "true|false";
  return absl::StrCat(number_text(min), "..", number_text(max));
}

std::string ParamSpec::value_text(double v) const {
  if (type == ParamType::kBool) return v != 0 ? "true" : "false";
  return number_text(v);
}

absl::Status ParamSpec::check(double v, std::string_view shown_as) const {
  bool ok = v >= min && v <= max;  // false for NaN
  if (type == ParamType::kInt || type == ParamType::kBool) ok = ok && v == std::trunc(v);
  if (ok) return absl::OkStatus();
  return not_a_value(*this, shown_as, type == ParamType::kBool ? number_text(v) : value_text(v));
}

const ParamSpec* find_param(std::string_view name) {
  for (const ParamSpec& s : kParamSpecs) {
    if (name == s.name || name == s.field) return &s;
  }
  return nullptr;
}

absl::Status set_param(Params& params, const ParamSpec& spec, double value, std::string_view shown_as) {
  if (absl::Status st = spec.check(value, shown_as); !st.ok()) return st;
  spec.set(params, value);
  return absl::OkStatus();
}

absl::Status set_param(Params& params, const ParamSpec& spec, std::string_view text, std::string_view shown_as) {
  double v = 0;
  switch (spec.type) {
    case ParamType::kInt: {
      std::int64_t n = 0;
      if (!absl::SimpleAtoi(av(text), &n)) return not_a_value(spec, shown_as, text);
      v = static_cast<double>(n);
      break;
    }
    case ParamType::kReal:
      if (!absl::SimpleAtod(av(text), &v) || !std::isfinite(v)) return not_a_value(spec, shown_as, text);
      break;
    case ParamType::kBool:
      if (text != "true" && text != "false") return not_a_value(spec, shown_as, text);
      v = text == "true" ? 1 : 0;
      break;
  }
  // The message quotes the caller's text, not the number it read.
  if (!spec.check(v, shown_as).ok()) return not_a_value(spec, shown_as, text);
  spec.set(params, v);
  return absl::OkStatus();
}

absl::Status check_params(const Params& params) {
  for (const ParamSpec& s : kParamSpecs) {
    if (absl::Status st = s.check(s.get(params), s.field); !st.ok()) return st;
  }
  return absl::OkStatus();
}

std::string LimitSpec::range_text() const { return absl::StrCat(number_text(min), "..", number_text(max)); }

absl::Status LimitSpec::check(double v, std::string_view shown_as) const {
  if (v >= min && v <= max && v == std::trunc(v)) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(av(shown_as), ": ", number_text(v), " is not a whole number in ", range_text()));
}

absl::Status check_limits(const Limits& l, int multipv) {
  const std::pair<LimitId, double> given[] = {
      {LimitId::kDepth, l.depth},
      {LimitId::kMoveTime, l.movetime_ms},
      {LimitId::kNodes, static_cast<double>(l.nodes)},
      {LimitId::kTimeLeft, l.time_left_ms},
      {LimitId::kIncrement, l.increment_ms},
      {LimitId::kMovesToGo, l.moves_to_go},
      {LimitId::kMultiPv, multipv},
  };
  for (const auto& [id, v] : given) {
    const LimitSpec& s = limit_spec(id);
    if (v == 0 && id != LimitId::kMultiPv) continue;  // not given
    if (absl::Status st = s.check(v, s.field); !st.ok()) return st;
  }
  return absl::OkStatus();
}

}  // namespace tempo
