#include "train/fit.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <numeric>
#include <random>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "search/eval.h"
#include "train/records.h"
#include "train/weights_file.h"

namespace tempo::train {
namespace {

using eval::kNumTerms;

// One position's features, computed again at every use: the fit keeps only
// the 32-byte records, about 64 bytes a position at the peak (with the
// array's growth and the shuffled order) where storing every position's
// features took about 200 bytes a position. Reused, so allocation-free after
// the first position.
struct Features {
  std::vector<std::int32_t> id;     // pattern: +-(table * pattern size + index + 1); term: +-(offset + term + 1)
  std::vector<std::int16_t> value;  // multiplier (1 for patterns)
  double phase = 0;                 // opening share, 0..1
  double drawish = 0;               // drawish scale, 0..1
};

struct Collect {
  Features& f;
  int pattern_size;
  int term_offset;
  void pattern(int table, int index, int sign) {
    f.id.push_back(sign * (table * pattern_size + index + 1));
    f.value.push_back(1);
  }
  void term(eval::Term t, int value) {
    if (value == 0) return;
    f.id.push_back(term_offset + t + 1);
    f.value.push_back(static_cast<std::int16_t>(value));
  }
};

void features_of(const Record& r, int layout, int pattern_size, int term_offset, Features& f) {
  const Position pos = r.position();
  f.id.clear();
  f.value.clear();
  Collect c{f, pattern_size, term_offset};
  eval::features(pos, layout, c);
  f.phase = static_cast<float>(eval::phase_of(pos)) / eval::kPhaseMax;
  f.drawish = static_cast<float>(eval::drawish_scale(pos)) / 16.0f;
}

double result_of(const Record& r) { return 0.5 * (r.result + 1); }  // 0, 0.5, 1 (White's view)

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

double cross_entropy(double p, double y) {
  p = std::clamp(p, 1e-9, 1 - 1e-9);
  return -(y * std::log(p) + (1 - y) * std::log(1 - p));
}

}  // namespace

absl::Status fit(const FitOptions& opt) {
  if (opt.layout < 0 || opt.layout >= eval::kNumLayouts) return absl::InvalidArgumentError("unknown layout");
  if (opt.data.empty()) return absl::InvalidArgumentError("no data files");
  const auto t0 = std::chrono::steady_clock::now();
  auto seconds = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };

  // ---------------------------------------------------------------- data
  const int tables = eval::kLayouts[opt.layout].size;
  const int pattern_size = eval::kLayouts[opt.layout].pattern_size;
  const int term_offset = tables * pattern_size;
  std::vector<Record> recs;
  std::size_t games = 0;
  for (const std::string& path : opt.data) {
    absl::StatusOr<std::vector<Record>> file = read_records(path);
    if (!file.ok()) return file.status();
    std::uint32_t last_game = ~0u;
    for (const Record& r : *file)
      if (r.game != last_game) ++games, last_game = r.game;
    if (recs.empty()) {
      recs = std::move(*file);  // no copy of the first (often the only) file
    } else {
      recs.insert(recs.end(), file->begin(), file->end());
    }
  }
  const std::size_t n = recs.size();
  if (n == 0) return absl::InvalidArgumentError("the data files hold no positions");
  if (n > std::numeric_limits<std::uint32_t>::max())
    return absl::InvalidArgumentError(absl::StrCat(n, " positions: more than 2^32 - 1 in one fit"));
  std::vector<std::uint32_t> train_rows, val_rows;
  for (std::uint32_t i = 0; i < n; ++i) {
    const bool held_out =
        opt.validation_every > 0 && recs[i].game % static_cast<std::uint32_t>(opt.validation_every) == 0;
    (held_out ? val_rows : train_rows).push_back(i);
  }
  std::fprintf(stderr, "fit: %zu positions from %zu games (%zu training, %zu held out), %.1f s\n", n, games,
               train_rows.size(), val_rows.size(), seconds());

  // The search scores' own scale, for the blended target: the K that best
  // turns them into the results.
  double k_search = 100;
  {
    double best = 1e300;
    for (double k = 20; k <= 1000; k *= 1.02) {
      double loss = 0;
      for (std::size_t i = 0; i < n; i += 7) loss += cross_entropy(sigmoid(recs[i].score / k), result_of(recs[i]));
      if (loss < best) best = loss, k_search = k;
    }
  }
  auto target_of = [&](const Record& r) {
    return static_cast<float>(opt.lambda * result_of(r) +
                              (1 - opt.lambda) * sigmoid(std::clamp<float>(r.score, -3000.0f, 3000.0f) / k_search));
  };

  // ---------------------------------------------------------------- weights
  // w[2 * feature + 0] opening, [.. + 1] endgame, in score points.
  const std::size_t num_features = static_cast<std::size_t>(term_offset) + kNumTerms;
  std::vector<double> w(2 * num_features, 0.0);
  auto term_at = [&](int t) { return 2 * (static_cast<std::size_t>(term_offset) + t); };
  if (!opt.init.empty()) {
    absl::StatusOr<Weights> init = read_weights(opt.init);
    if (!init.ok()) return init.status();
    if (init->layout != opt.layout) return absl::InvalidArgumentError("--init has another layout than --layout");
    for (std::size_t i = 0; i < init->patterns.size(); ++i)
      for (int ph = 0; ph < 2; ++ph) w[2 * i + ph] = static_cast<double>(init->patterns[i][ph]) / kWeightUnit;
    for (int t = 0; t < kNumTerms; ++t)
      for (int ph = 0; ph < 2; ++ph) w[term_at(t) + ph] = static_cast<double>(init->terms[t][ph]) / kWeightUnit;
  } else {
    w[term_at(eval::kMan)] = w[term_at(eval::kMan) + 1] = 100;
    w[term_at(eval::kKing)] = w[term_at(eval::kKing) + 1] = 300;
  }
  w[term_at(eval::kMan)] = 100;  // the unit
  std::vector<bool> regularised(w.size(), true);
  for (int t : {eval::kMan, eval::kKing, eval::kFirstKing})
    regularised[term_at(t)] = regularised[term_at(t) + 1] = false;
  double log_k = std::log(k_search);

  Features feats;
  auto score_of = [&](const Features& f) {
    double s = 0;
    for (std::size_t j = 0; j < f.id.size(); ++j) {
      const std::int32_t id = f.id[j];
      const std::size_t at = 2 * static_cast<std::size_t>(std::abs(id) - 1);
      const double v = (id < 0 ? -1.0 : 1.0) * f.value[j];
      s += v * (f.phase * w[at] + (1 - f.phase) * w[at + 1]);
    }
    return s * f.drawish;
  };
  auto loss_on = [&](const std::vector<std::uint32_t>& which, bool on_results) {
    double loss = 0;
    for (std::uint32_t i : which) {
      features_of(recs[i], opt.layout, pattern_size, term_offset, feats);
      loss += cross_entropy(sigmoid(score_of(feats) / std::exp(log_k)),
                            on_results ? result_of(recs[i]) : target_of(recs[i]));
    }
    return which.empty() ? 0.0 : loss / static_cast<double>(which.size());
  };

  // ---------------------------------------------------------------- Adam
  std::vector<double> grad(w.size()), m(w.size()), v(w.size());
  double gk = 0, mk = 0, vk = 0;
  constexpr double kBeta1 = 0.9, kBeta2 = 0.999, kEps = 1e-8;
  std::mt19937_64 rng(opt.seed);
  long step = 0;
  const double v0 = loss_on(val_rows, true);
  std::fprintf(
      stderr, "fit: start: held-out loss %.5f, search scores alone %.5f (K %.0f)\n", v0,
      [&] {
        double l = 0;
        for (std::uint32_t i : val_rows) l += cross_entropy(sigmoid(recs[i].score / k_search), result_of(recs[i]));
        return val_rows.empty() ? 0.0 : l / static_cast<double>(val_rows.size());
      }(),
      k_search);
  double best_val = 1e300;
  std::vector<double> best_w = w;
  double best_log_k = log_k;
  int best_epoch = 0;
  for (int epoch = 1; epoch <= opt.epochs; ++epoch) {
    std::shuffle(train_rows.begin(), train_rows.end(), rng);
    // Step size decays to a tenth over the run: big moves first, then settle.
    const double lr = opt.learning_rate * std::pow(0.1, static_cast<double>(epoch - 1) / std::max(1, opt.epochs - 1));
    for (std::size_t b0 = 0; b0 < train_rows.size(); b0 += static_cast<std::size_t>(opt.batch)) {
      const std::size_t b1 = std::min(train_rows.size(), b0 + static_cast<std::size_t>(opt.batch));
      std::fill(grad.begin(), grad.end(), 0.0);
      gk = 0;
      const double k = std::exp(log_k);
      for (std::size_t j = b0; j < b1; ++j) {
        const Record& r = recs[train_rows[j]];
        features_of(r, opt.layout, pattern_size, term_offset, feats);
        const double s = score_of(feats);
        const double err = sigmoid(s / k) - target_of(r);  // d loss / d (s / k)
        gk += err * (-s / k);                              // d loss / d log k
        const double ds = err / k * feats.drawish;
        const double ph = feats.phase;
        for (std::size_t f = 0; f < feats.id.size(); ++f) {
          const std::int32_t id = feats.id[f];
          const std::size_t at = 2 * static_cast<std::size_t>(std::abs(id) - 1);
          const double g = ds * (id < 0 ? -1.0 : 1.0) * feats.value[f];
          grad[at] += g * ph;
          grad[at + 1] += g * (1 - ph);
        }
      }
      const double inv = 1.0 / static_cast<double>(b1 - b0);
      ++step;
      const double c1 = 1 - std::pow(kBeta1, static_cast<double>(step));
      const double c2 = 1 - std::pow(kBeta2, static_cast<double>(step));
      for (std::size_t p = 0; p < w.size(); ++p) {
        const double g = grad[p] * inv;
        // Decoupled weight decay (AdamW): an L2 penalty inside Adam's
        // normalised step would push rarely seen weights to zero at full
        // speed; decay shrinks every weight by the same small fraction.
        if (regularised[p]) w[p] *= 1 - lr * opt.l2;
        if (g == 0 && m[p] == 0) continue;  // never seen, never moved
        m[p] = kBeta1 * m[p] + (1 - kBeta1) * g;
        v[p] = kBeta2 * v[p] + (1 - kBeta2) * g * g;
        w[p] -= lr * (m[p] / c1) / (std::sqrt(v[p] / c2) + kEps);
      }
      w[term_at(eval::kMan)] = 100;
      gk *= inv;
      mk = kBeta1 * mk + (1 - kBeta1) * gk;
      vk = kBeta2 * vk + (1 - kBeta2) * gk * gk;
      log_k -= 0.01 * lr / opt.learning_rate * (mk / c1) / (std::sqrt(vk / c2) + kEps);
    }
    const double val = loss_on(val_rows, true);
    std::fprintf(stderr, "fit: epoch %d/%d: held-out loss %.5f, K %.1f, man %.0f/%.0f king %.0f/%.0f, %.0f s\n", epoch,
                 opt.epochs, val, std::exp(log_k), w[term_at(eval::kMan)], w[term_at(eval::kMan) + 1],
                 w[term_at(eval::kKing)], w[term_at(eval::kKing) + 1], seconds());
    if (val < best_val || val_rows.empty()) best_val = val, best_w = w, best_log_k = log_k, best_epoch = epoch;
  }

  // ---------------------------------------------------------------- write
  Weights out;
  out.layout = opt.layout;
  out.patterns.assign(static_cast<std::size_t>(tables) * pattern_size, {0, 0});
  auto q = [](double x) {
    return static_cast<std::int16_t>(std::clamp(std::lround(x * kWeightUnit), -32767L, 32767L));
  };
  for (std::size_t i = 0; i < out.patterns.size(); ++i) out.patterns[i] = {q(best_w[2 * i]), q(best_w[2 * i + 1])};
  for (int t = 0; t < kNumTerms; ++t) out.terms[t] = {q(best_w[term_at(t)]), q(best_w[term_at(t) + 1])};
  out.comments = {
      "Tempo evaluation weights (train/weights_file.h describes the format).",
      absl::StrFormat("Fitted by `tempo fit` from %d positions of %d self-play games (%d held out).", n, games,
                      val_rows.size()),
      absl::StrFormat("layout %d, epoch %d of %d, lambda %.2f, l2 %g, K %.1f, held-out loss %.5f (start %.5f)",
                      opt.layout, best_epoch, opt.epochs, opt.lambda, opt.l2, std::exp(best_log_k), best_val, v0),
  };
  std::ofstream f(opt.out, std::ios::binary | std::ios::trunc);
  f << format_weights(out);
  if (!f) return absl::InternalError(absl::StrCat("cannot write ", opt.out));
  std::fprintf(stderr, "fit: wrote %s (best epoch %d, held-out loss %.5f), %.0f s\n", opt.out.c_str(), best_epoch,
               best_val, seconds());
  return absl::OkStatus();
}

}  // namespace tempo::train
