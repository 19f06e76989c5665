// The weights file (train/weights_file.h) and the compiled-in tables made
// from it: the build uses exactly its weights file (data/eval_weights.txt,
// or the file -DTEMPO_EVAL_WEIGHTS names), and a damaged or foreign file is
// refused with the reason.
#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "absl/strings/str_format.h"
#include "search/eval.h"
#include "search/eval_weights_data.h"  // generated from TEMPO_EVAL_WEIGHTS
#include "search/search.h"
#include "train/weights_file.h"

namespace tempo {
namespace {

const std::string kWeightsPath = TEMPO_EVAL_WEIGHTS;

TEST(EvalWeights, CompiledTablesMatchTheDataFile) {
  absl::StatusOr<train::Weights> w = train::read_weights(kWeightsPath);
  ASSERT_TRUE(w.ok()) << w.status();
  EXPECT_EQ(w->layout, eval::weights::kLayout);
  EXPECT_EQ(train::kWeightUnit, eval::weights::kWeightUnit);
  for (int t = 0; t < eval::kNumTerms; ++t) {
    EXPECT_EQ(w->terms[t][0], eval::weights::kTerms[t][0]) << eval::kTermNames[t];
    EXPECT_EQ(w->terms[t][1], eval::weights::kTerms[t][1]) << eval::kTermNames[t];
  }
  int differ = 0;
  for (int t = 0; t < w->tables(); ++t)
    for (int i = 0; i < w->pattern_size(); ++i)
      for (int ph = 0; ph < 2; ++ph)
        differ +=
            w->patterns[static_cast<std::size_t>(t) * w->pattern_size() + i][ph] != eval::weights::kPatterns[t][i][ph];
  EXPECT_EQ(differ, 0);
}

TEST(EvalWeights, ChecksumIsInTheTableFingerprint) {
  absl::StatusOr<train::Weights> w = train::read_weights(kWeightsPath);
  ASSERT_TRUE(w.ok()) << w.status();
  const std::string text = train::format_weights(*w);
  // Formatting what was read gives back the same file, checksum and all.
  EXPECT_EQ(eval::weights_checksum(), train::fnv1a64(text.substr(0, text.rfind("checksum "))));
  EXPECT_NE(table_fingerprint(), 0u);
}

TEST(EvalWeights, RoundTripAndDamage) {
  train::Weights w;
  w.layout = 0;
  w.patterns.assign(static_cast<std::size_t>(w.tables()) * w.pattern_size(), {0, 0});
  w.terms[eval::kMan] = {800, 900};
  w.patterns[123] = {-5, 7};
  w.comments = {"a test"};
  const std::string text = train::format_weights(w);
  absl::StatusOr<train::Weights> back = train::parse_weights(text);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->terms, w.terms);
  EXPECT_EQ(back->patterns, w.patterns);

  // One digit changed: the checksum says so.
  std::string damaged = text;
  damaged[damaged.find("800")] = '7';
  absl::StatusOr<train::Weights> bad = train::parse_weights(damaged);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("checksum"), absl::string_view::npos) << bad.status();
  // Cut short: no checksum line.
  EXPECT_FALSE(train::parse_weights(text.substr(0, text.size() / 2)).ok());
  // Another format version, correctly summed: refused by name.
  std::string other = text.substr(0, text.rfind("checksum "));
  other.replace(other.find("tempo-eval-weights 1"), 20, "tempo-eval-weights 9");
  other += absl::StrFormat("checksum %016x\n", train::fnv1a64(other));
  bad = train::parse_weights(other);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("format 9"), absl::string_view::npos) << bad.status();
}

// Two readers of one format: the build's (cmake/gen_eval_weights.cmake, a
// CMake script because an app developer's machine has only a compiler and
// CMake) and tempo's (train/weights_file.cc). CompiledTablesMatchTheDataFile
// holds them to the same values; this holds them to the same refusals: the
// files tests/tests.cmake's weights.refuses_* feed the script, with the
// reason the script gives.
TEST(EvalWeights, BothReadersRefuseTheSameDamage) {
  const std::pair<const char*, const char*> cases[] = {
      {"damaged_weights.txt", "checksum mismatch"},
      {"future_weights.txt", "line 2: weights format 2, this build reads format 1"},
      {"unknown_line_weights.txt", "line 5: unknown line 'bias 3'"},
      {"wide_weights.txt", "weight 40000 does not fit 16 bits"},
  };
  for (const auto& [file, why] : cases) {
    absl::StatusOr<train::Weights> w =
        train::read_weights(std::string(TEMPO_SOURCE_DIR) + "/tests/search/data/" + file);
    ASSERT_FALSE(w.ok()) << file;
    EXPECT_NE(w.status().message().find(why), absl::string_view::npos) << file << ": " << w.status();
  }
}

}  // namespace
}  // namespace tempo
