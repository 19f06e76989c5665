// `tempo fit`: fits the evaluation's weights to self-play records (train/fit.h).
#include <cstdio>
#include <string>

#include "absl/flags/flag.h"
#include "absl/strings/str_split.h"
#include "cli/commands.h"
#include "cli/flags.h"
#include "search/eval_features.h"
#include "train/fit.h"

ABSL_DECLARE_FLAG(std::string, out);
ABSL_FLAG(std::string, data, "", "fit: game files from `tempo selfplay` (or older record files), separated by commas");
ABSL_FLAG(std::string, init, "", "fit: weights file to start from (default: hand-set material, empty patterns)");
ABSL_FLAG(int, layout, 0, "fit: region layout, 0 to 3 (search/eval_features.h)");
ABSL_FLAG(int, epochs, 30, "fit: passes over the data, 1..10000");
ABSL_FLAG(double, lambda, 0.75, "fit: weight of the game result in the target, 0..1 (the rest: the search score)");
ABSL_FLAG(double, l2, 3e-3, "fit: L2 regularisation (decoupled weight decay per step) of the positional weights, >= 0");
ABSL_FLAG(double, learning_rate, 1.0, "fit: Adam step in score points, > 0");

namespace tempo::cli {

int run_fit(const Args& args) {
  auto fail = [](const std::string& what) {
    std::fprintf(stderr, "tempo fit: %s\n", what.c_str());
    return 2;
  };
  if (!args.empty()) return fail("unexpected argument '" + args[0] + "'");
  train::FitOptions opt;
  for (absl::string_view f : absl::StrSplit(absl::GetFlag(FLAGS_data), ',', absl::SkipEmpty()))
    opt.data.emplace_back(f);
  if (opt.data.empty()) return fail("--data FILE[,FILE...] is required");
  opt.out = absl::GetFlag(FLAGS_out);
  if (opt.out.empty()) return fail("--out FILE is required");
  opt.init = absl::GetFlag(FLAGS_init);
  opt.layout = absl::GetFlag(FLAGS_layout);
  opt.epochs = absl::GetFlag(FLAGS_epochs);
  opt.lambda = absl::GetFlag(FLAGS_lambda);
  opt.l2 = absl::GetFlag(FLAGS_l2);
  opt.learning_rate = absl::GetFlag(FLAGS_learning_rate);
  opt.seed = absl::GetFlag(FLAGS_seed);
  if (opt.layout < 0 || opt.layout >= eval::kNumLayouts) return fail("--layout must be 0 to 3");
  if (opt.epochs < 1 || opt.epochs > 10000) return fail("--epochs must be 1..10000");
  if (!(opt.lambda >= 0 && opt.lambda <= 1)) return fail("--lambda must be within 0..1");
  if (!(opt.l2 >= 0)) return fail("--l2 must not be negative");
  if (!(opt.learning_rate > 0)) return fail("--learning-rate must be positive");
  if (absl::Status s = train::fit(opt); !s.ok()) {
    std::fprintf(stderr, "tempo fit: %s\n", std::string(s.message()).c_str());
    return 1;
  }
  return 0;
}

}  // namespace tempo::cli
