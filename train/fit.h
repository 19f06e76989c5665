// Fitting the evaluation's weights to self-play results (texel-style): the
// probability that White wins is modelled as sigmoid(score / K), with score
// the evaluation's White-view sum over its features (search/eval_features.h),
// and every weight, K included, is fitted by minimising the cross-entropy to
// the games' results with L2 regularisation (Adam over mini-batches).
//
// The opening weight of a man stays fixed at 100 (the score's unit); every
// other weight, material included, is learned.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"

namespace tempo::train {

struct FitOptions {
  std::vector<std::string> data;  // record files (train/records.h)
  std::string out;                // weights file to write (data/eval_weights.txt format)
  std::string init;               // weights to start from (same layout), or empty: hand-set start
  int layout = 0;                 // region layout (eval_features.h)
  int epochs = 30;
  int batch = 16384;
  double learning_rate = 1.0;  // Adam step, in score points
  double lambda = 0.75;        // target = lambda * result + (1 - lambda) * sigmoid(search score / K)
  double l2 = 3e-3;            // decoupled weight decay of every non-material weight, per step at full rate
  int validation_every = 10;   // games with number % this == 0 are held out (0 = none)
  std::uint64_t seed = 1;      // shuffling
};

// Fits, prints progress on stderr, writes `out`. Fails on unreadable data.
absl::Status fit(const FitOptions& options);

}  // namespace tempo::train
