// The learned evaluation: pattern tables and terms from eval_features.h with
// the weights fitted by `tempo fit` (see eval.h). Weights are stored in
// 1/kWeightUnit of a score point; the opening and endgame sums are blended
// once at the end.
//
// Drawish material (a lone king against too little, or kings on both sides
// with a small edge) scales the whole score down: the search must not chase
// a nominal advantage that cannot win. That rule is not learned: it is the
// game's arithmetic, and self-play reaches such endings too rarely to learn it.
#include "search/eval.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "search/eval_weights_data.h"  // generated from data/eval_weights.txt

namespace tempo::eval {
namespace {

static_assert(weights::kLayout >= 0 && weights::kLayout < kNumLayouts, "weights for an unknown region layout");
static_assert(weights::kNumTables == kLayouts[weights::kLayout].size, "weights and layout disagree on the tables");
static_assert(weights::kPatternSize == kLayouts[weights::kLayout].pattern_size,
              "weights and layout disagree on the table size (cmake/gen_eval_weights.cmake)");
static_assert(weights::kNumTermsInFile == kNumTerms, "weights and evaluation disagree on the terms");

constexpr bool same_text(const char* a, const char* b) {
  while (*a && *a == *b) ++a, ++b;
  return *a == *b;
}
constexpr bool term_names_match() {
  for (int t = 0; t < kNumTerms; ++t)
    if (!same_text(weights::kTermNamesInFile[t], kTermNames[t])) return false;
  return true;
}
static_assert(term_names_match(), "data/eval_weights.txt names its terms differently from search/eval_features.h");

// Opening and endgame sums of every weight.
struct Sums {
  int w[2] = {0, 0};
  void pattern(int table, int index, int sign) {
    const auto& x = weights::kPatterns[table][index];
    w[0] += sign * x[0];
    w[1] += sign * x[1];
  }
  void term(Term t, int value) {
    w[0] += value * weights::kTerms[t][0];
    w[1] += value * weights::kTerms[t][1];
  }
};

// Opening/endgame blend, in score points.
int blend(const int (&w)[2], int phase) {
  const int x = w[0] * phase + w[1] * (kPhaseMax - phase);
  return x / (kPhaseMax * weights::kWeightUnit);
}

}  // namespace

int drawish_scale(const Position& pos) {
  const int wm = popcount(pos.men(Color::kWhite)), bm = popcount(pos.men(Color::kBlack));
  const int wk = popcount(pos.kings_of(Color::kWhite)), bk = popcount(pos.kings_of(Color::kBlack));
  const int wn = wm + wk, bn = bm + bk;
  // A lone king holds against up to three pieces when it has a king to help.
  if ((bk == 1 && bn == 1 && wn <= 3 && wk >= 1) || (wk == 1 && wn == 1 && bn <= 3 && bk >= 1)) return 1;
  // Kings on both sides and at most a king's worth of men more: rarely won.
  if (wk && bk && std::abs((wm - bm) + 3 * (wk - bk)) <= 3) return 6;
  return 16;
}

std::uint64_t weights_checksum() { return weights::kChecksum; }

int scale_q10(double feature_scale) {
  if (!(feature_scale > 0)) return 0;
  return static_cast<int>(std::lround(std::min(feature_scale, 4.0) * kFullScale));
}

int plain_material(const Position& pos) {
  return kManValue * (popcount(pos.men(Color::kWhite)) - popcount(pos.men(Color::kBlack))) +
         kKingValue * (popcount(pos.kings_of(Color::kWhite)) - popcount(pos.kings_of(Color::kBlack)));
}

Breakdown breakdown(const Position& pos) {
  Breakdown b;
  b.phase = phase_of(pos);
  struct Split {
    int patterns[2] = {0, 0};
    std::array<std::array<int, 2>, kNumTerms> terms{};
    void pattern(int table, int index, int sign) {
      patterns[0] += sign * weights::kPatterns[table][index][0];
      patterns[1] += sign * weights::kPatterns[table][index][1];
    }
    void term(Term t, int value) {
      terms[t][0] += value * weights::kTerms[t][0];
      terms[t][1] += value * weights::kTerms[t][1];
    }
  } split;
  features<weights::kLayout>(pos, split);
  int total[2] = {split.patterns[0], split.patterns[1]};
  for (const auto& t : split.terms) total[0] += t[0], total[1] += t[1];
  b.learned = blend(total, b.phase);
  b.material = plain_material(pos);
  b.positional = b.learned - b.material;
  b.patterns = blend(split.patterns, b.phase);
  for (int t = 0; t < kNumTerms; ++t) {
    const int w[2] = {split.terms[t][0], split.terms[t][1]};
    b.terms[t] = blend(w, b.phase);
  }
  b.scale_num = drawish_scale(pos);
  return b;
}

int score(const Position& pos, int scale_q10) {
  Sums sums;
  features<weights::kLayout>(pos, sums);
  int s = blend(sums.w, phase_of(pos));
  if (scale_q10 != kFullScale) {
    // Weaker levels: plain material plus a share of what the learned weights
    // add to it (the patterns carry material too, so the learned material
    // terms alone are not "material only").
    const int m = plain_material(pos);
    s = m + (s - m) * scale_q10 / kFullScale;
  }
  if (const int num = drawish_scale(pos); num != 16) s = s * num / 16;
  return pos.side == Color::kWhite ? s : -s;
}

}  // namespace tempo::eval
