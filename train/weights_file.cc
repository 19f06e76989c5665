#include "train/weights_file.h"

#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "rules/text.h"

namespace tempo::train {

std::uint64_t fnv1a64(absl::string_view bytes) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::string format_weights(const Weights& w) {
  std::string out;
  for (const std::string& c : w.comments) absl::StrAppend(&out, "# ", c, "\n");
  absl::StrAppend(&out, "tempo-eval-weights ", kWeightsFormat, "\nlayout ", w.layout, "\nunit ", kWeightUnit, "\n");
  for (int t = 0; t < eval::kNumTerms; ++t)
    absl::StrAppendFormat(&out, "term %s %d %d\n", eval::kTermNames[t], w.terms[t][0], w.terms[t][1]);
  for (std::size_t i = 0; i < w.patterns.size(); ++i) {
    if (w.patterns[i][0] == 0 && w.patterns[i][1] == 0) continue;
    absl::StrAppendFormat(&out, "pattern %d %d %d %d\n", i / w.pattern_size(), i % w.pattern_size(), w.patterns[i][0],
                          w.patterns[i][1]);
  }
  absl::StrAppendFormat(&out, "checksum %016x\n", fnv1a64(out));
  return out;
}

absl::StatusOr<Weights> parse_weights(absl::string_view text) {
  const std::size_t at = text.rfind("checksum ");
  if (at == absl::string_view::npos || (at > 0 && text[at - 1] != '\n'))
    return absl::DataLossError("no checksum line: the file is cut short or not a weights file");
  std::uint64_t stated = 0;
  absl::string_view hex = absl::StripAsciiWhitespace(text.substr(at + 9));
  if (!absl::SimpleHexAtoi(hex, &stated)) return absl::DataLossError("the checksum line is not 16 hex digits");
  if (fnv1a64(text.substr(0, at)) != stated) return absl::DataLossError("checksum mismatch: the file is damaged");
  Weights w;
  bool have_format = false, have_layout = false;
  int terms_seen = 0, line_no = 0;
  for (absl::string_view line : absl::StrSplit(text.substr(0, at), '\n')) {
    ++line_no;
    if (line.empty()) continue;
    if (line[0] == '#') {
      w.comments.emplace_back(absl::StripAsciiWhitespace(line.substr(1)));
      continue;
    }
    std::vector<absl::string_view> f = absl::StrSplit(line, ' ', absl::SkipEmpty());
    auto bad = [&](absl::string_view why) {
      return absl::DataLossError(absl::StrCat("line ", line_no, ": ", why, ": '", line, "'"));
    };
    auto num = [](absl::string_view s, int lo, int hi, int* out) {
      return absl::SimpleAtoi(s, out) && *out >= lo && *out <= hi;
    };
    // The reasons are the build's (cmake/gen_eval_weights.cmake): both readers refuse alike.
    if (f[0] == "term" || f[0] == "pattern") {
      for (std::size_t k = f[0] == "term" ? 2 : 3; k < f.size(); ++k) {
        std::int64_t v = 0;
        if (absl::SimpleAtoi(f[k], &v) && (v < -32768 || v > 32767)) {
          return bad(absl::StrCat("weight ", v, " does not fit 16 bits"));
        }
      }
    }
    if (f[0] == "tempo-eval-weights") {
      int v = 0;
      if (f.size() != 2 || !num(f[1], 0, 1000, &v)) return bad("bad version line");
      if (v != kWeightsFormat) {
        return bad(absl::StrCat("weights format ", v, ", this build reads format ", kWeightsFormat));
      }
      have_format = true;
    } else if (f[0] == "layout") {
      if (f.size() != 2 || !num(f[1], 0, eval::kNumLayouts - 1, &w.layout)) return bad("unknown layout");
      w.patterns.assign(static_cast<std::size_t>(w.tables()) * w.pattern_size(), {0, 0});
      have_layout = true;
    } else if (f[0] == "unit") {
      int u = 0;
      if (f.size() != 2 || !num(f[1], 1, 1 << 20, &u) || u != kWeightUnit) return bad("unsupported weight unit");
    } else if (f[0] == "term") {
      int a = 0, b = 0;
      if (f.size() != 4 || terms_seen >= eval::kNumTerms || f[1] != eval::kTermNames[terms_seen] ||
          !num(f[2], -32768, 32767, &a) || !num(f[3], -32768, 32767, &b))
        return bad(
            absl::StrCat("expected term ", terms_seen < eval::kNumTerms ? eval::kTermNames[terms_seen] : "(none)"));
      w.terms[terms_seen][0] = static_cast<std::int16_t>(a);
      w.terms[terms_seen][1] = static_cast<std::int16_t>(b);
      ++terms_seen;
    } else if (f[0] == "pattern") {
      int t = 0, i = 0, a = 0, b = 0;
      if (!have_layout) return bad("pattern before layout");
      if (f.size() != 5 || !num(f[1], 0, w.tables() - 1, &t) || !num(f[2], 0, w.pattern_size() - 1, &i) ||
          !num(f[3], -32768, 32767, &a) || !num(f[4], -32768, 32767, &b))
        return bad("bad pattern line");
      w.patterns[static_cast<std::size_t>(t) * w.pattern_size() + i] = {static_cast<std::int16_t>(a),
                                                                        static_cast<std::int16_t>(b)};
    } else {
      return absl::DataLossError(absl::StrCat("line ", line_no, ": unknown line '", line, "'"));
    }
  }
  if (!have_format || !have_layout) return absl::DataLossError("missing format or layout line");
  if (terms_seen != eval::kNumTerms)
    return absl::DataLossError(absl::StrCat(terms_seen, " terms, the evaluation has ", eval::kNumTerms));
  return w;
}

absl::StatusOr<Weights> read_weights(const std::string& path) {
  absl::StatusOr<std::string> text = read_small_file(path, 16u << 20);  // a weights file is about 100 KB
  if (!text.ok()) return text.status();
  absl::StatusOr<Weights> w = parse_weights(*text);
  if (!w.ok()) return absl::DataLossError(absl::StrCat(path, ": ", w.status().message()));
  return w;
}

}  // namespace tempo::train
