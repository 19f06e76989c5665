// The parameter schema (search/params.h): the levels' values, the ranges, the
// two ways in (numbers, text) and their error messages. That every interface
// agrees with it is tests/python/test_param_interfaces.py's job.
#include "search/params.h"

#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

#include "gtest/gtest.h"
#include "rules/score.h"
#include "rules/text.h"

namespace tempo {
namespace {

TEST(Params, LevelsArePointsOfTheStrengthLadder) {
  for (Level l : {Level::kEasy, Level::kMedium, Level::kHard, Level::kExpert}) {
    const Params p = Params::for_level(l);
    Params ladder = p;
    set_strength(ladder, p.strength);
    EXPECT_EQ(p, ladder) << level_name(l) << ": its values are its strength's";
    EXPECT_EQ(p.strength, level_step(static_cast<int>(l)).strength);
    EXPECT_TRUE(check_params(p).ok()) << level_name(l);
    // No level searches without end when the caller gives no limit.
    EXPECT_GT(p.time_limit_ms, 0) << level_name(l);
    EXPECT_FALSE(p.fresh_table) << level_name(l);
    EXPECT_TRUE(p.use_table && p.use_killers) << level_name(l);
    EXPECT_EQ(p.threads, 1) << level_name(l);
  }
  EXPECT_EQ(Params::for_level(Level::kEasy).time_limit_ms, 1500);
  EXPECT_EQ(Params::for_level(Level::kMedium).time_limit_ms, 3000);
  EXPECT_EQ(Params::for_level(Level::kHard).time_limit_ms, 5000);
  EXPECT_LT(Params::for_level(Level::kEasy).strength, Params::for_level(Level::kMedium).strength);
  EXPECT_LT(Params::for_level(Level::kMedium).strength, Params::for_level(Level::kHard).strength);
  EXPECT_EQ(Params::for_level(Level::kExpert), Params{});
  EXPECT_EQ(Params{}.strength, kFullStrength);
  EXPECT_EQ(Params{}.max_depth, kMaxPly - 1);
  EXPECT_EQ(Params{}.max_nodes, 0);
  EXPECT_EQ(Params{}.time_limit_ms, 10'000);
}

TEST(Params, StrengthSetsTheRowsAndInterpolatesBetweenThem) {
  for (int i = 0; i < kStepCount; ++i) {
    const StrengthStep& row = kStrengthSteps[i];
    Params p;
    set_strength(p, row.strength);
    EXPECT_EQ(p.strength, row.strength);
    EXPECT_EQ(p.max_depth, row.max_depth) << row.strength;
    EXPECT_EQ(p.max_nodes, row.max_nodes) << row.strength;
    EXPECT_EQ(p.eval_noise, row.eval_noise) << row.strength;
    EXPECT_EQ(p.blunder_probability, row.blunder_probability) << row.strength;
    EXPECT_EQ(p.blunder_margin, row.blunder_margin) << row.strength;
    EXPECT_EQ(p.blunder_depth, row.blunder_depth) << row.strength;
    EXPECT_EQ(p.capture_horizon, row.capture_horizon) << row.strength;
    EXPECT_EQ(p.feature_scale, row.feature_scale) << row.strength;
  }
  // Half way between the first two rows: half way in every setting.
  const StrengthStep &a = kStrengthSteps[0], &b = kStrengthSteps[1];
  Params mid;
  set_strength(mid, (a.strength + b.strength) / 2);
  EXPECT_NEAR(mid.blunder_probability, (a.blunder_probability + b.blunder_probability) / 2, 1e-9);
  EXPECT_NEAR(mid.max_nodes, (a.max_nodes + b.max_nodes) / 2.0, 1.0);
  EXPECT_NEAR(mid.feature_scale, (a.feature_scale + b.feature_scale) / 2, 1e-9);
  // Stronger never means a smaller budget, a shallower cap or more blunders
  // (0 nodes = no budget, the strongest).
  Params prev;
  set_strength(prev, kMinStrength);
  for (int s = kMinStrength + 10; s <= kMaxStrength; s += 10) {
    Params p;
    set_strength(p, s);
    EXPECT_GE(p.max_depth, prev.max_depth) << s;
    EXPECT_TRUE(p.max_nodes == 0 || (prev.max_nodes != 0 && p.max_nodes >= prev.max_nodes)) << s;
    EXPECT_LE(p.blunder_probability, prev.blunder_probability) << s;
    EXPECT_LE(p.eval_noise, prev.eval_noise) << s;
    EXPECT_TRUE(check_params(p).ok()) << s;
    prev = p;
  }
  // At and above the last row: full strength.
  for (int s : {kFullStrength, kMaxStrength}) {
    Params p;
    set_strength(p, 500);
    set_strength(p, s);
    Params full;
    full.strength = s;
    EXPECT_EQ(p, full) << s;
  }
}

TEST(Params, StrengthThroughTheSchemaAndWhatComesAfterIt) {
  const ParamSpec* strength = find_param("strength");
  ASSERT_NE(strength, nullptr);
  EXPECT_EQ(strength, &kParamSpecs[kStrengthParam]);
  EXPECT_EQ(strength->min, kMinStrength);
  EXPECT_EQ(strength->max, kMaxStrength);
  Params p;
  ASSERT_TRUE(set_param(p, *find_param("max-nodes"), "123", "max-nodes").ok());
  ASSERT_TRUE(set_param(p, *strength, "400", "strength").ok());  // resets what it sets ...
  EXPECT_EQ(p.max_nodes, kStrengthSteps[0].max_nodes);
  ASSERT_TRUE(set_param(p, *find_param("max-nodes"), "123", "max-nodes").ok());  // ... and a later one wins
  EXPECT_EQ(p.max_nodes, 123);
  EXPECT_EQ(p.strength, 400);
  EXPECT_EQ(p.eval_noise, kStrengthSteps[0].eval_noise);
  const Params before = p;
  EXPECT_FALSE(set_param(p, *strength, "399", "strength").ok());
  EXPECT_FALSE(set_param(p, *strength, "3001", "strength").ok());
  EXPECT_EQ(p, before);
}

TEST(Params, BothSpellingsFindTheSameSpec) {
  for (const ParamSpec& s : kParamSpecs) {
    EXPECT_EQ(find_param(s.name), &s);
    EXPECT_EQ(find_param(s.field), &s);
  }
  EXPECT_EQ(find_param("no-such"), nullptr);
  EXPECT_EQ(find_param(""), nullptr);
}

TEST(Params, NumbersAtAndBeyondTheEnds) {
  for (const ParamSpec& s : kParamSpecs) {
    Params p;
    const Params before = p;
    if (s.type == ParamType::kBool) {
      EXPECT_TRUE(set_param(p, s, 0.0, s.field).ok());
      EXPECT_TRUE(set_param(p, s, 1.0, s.field).ok());
      EXPECT_FALSE(set_param(p, s, 2.0, s.field).ok());
      continue;
    }
    const double below = s.type == ParamType::kInt ? s.min - 1 : std::nextafter(s.min, -HUGE_VAL);
    const double above = s.type == ParamType::kInt ? s.max + 1 : std::nextafter(s.max, HUGE_VAL);
    EXPECT_FALSE(set_param(p, s, below, s.field).ok()) << s.field;
    EXPECT_FALSE(set_param(p, s, above, s.field).ok()) << s.field;
    EXPECT_FALSE(set_param(p, s, std::nan(""), s.field).ok()) << s.field;
    EXPECT_EQ(p, before) << "a refused value changed nothing";
    ASSERT_TRUE(set_param(p, s, s.min, s.field).ok()) << s.field;
    EXPECT_EQ(s.get(p), s.min);
    ASSERT_TRUE(set_param(p, s, s.max, s.field).ok()) << s.field;
    EXPECT_EQ(s.get(p), s.max);
    EXPECT_TRUE(check_params(p).ok());
  }
  Params p;
  EXPECT_FALSE(set_param(p, *find_param("max_depth"), 2.5, "max_depth").ok()) << "ints are whole";
}

TEST(Params, TextAsTheHubAndTheFlagsSendIt) {
  Params p;
  const ParamSpec& depth = *find_param("max-depth");
  EXPECT_TRUE(set_param(p, depth, std::string_view("127"), "--max-depth").ok());
  EXPECT_EQ(p.max_depth, 127);
  for (const char* bad : {"0", "128", "1.5", "abc", "", "99999999999999999999999"}) {
    absl::Status st = set_param(p, depth, std::string_view(bad), "--max-depth");
    ASSERT_FALSE(st.ok()) << bad;
    EXPECT_EQ(std::string(st.message()),
              std::string("--max-depth: ") + quote(bad) + " is not a whole number in 1..127");
  }
  EXPECT_EQ(p.max_depth, 127);

  const ParamSpec& scale = *find_param("feature-scale");
  EXPECT_TRUE(set_param(p, scale, std::string_view("0.25"), "x").ok());
  EXPECT_EQ(p.feature_scale, 0.25);
  for (const char* bad : {"nan", "inf", "-0.0001", "4.0000001", "high"}) {
    EXPECT_FALSE(set_param(p, scale, std::string_view(bad), "x").ok()) << bad;
  }
  const ParamSpec& table = *find_param("use-table");
  EXPECT_TRUE(set_param(p, table, std::string_view("false"), "x").ok());
  EXPECT_FALSE(p.use_table);
  for (const char* bad : {"1", "True", "yes", ""}) {
    absl::Status st = set_param(p, table, std::string_view(bad), "set-param use-table");
    EXPECT_EQ(std::string(st.message()), std::string("set-param use-table: ") + quote(bad) + " is not true or false");
  }
}

TEST(Params, RangeAndValueText) {
  EXPECT_EQ(find_param("max-depth")->range_text(), "1..127");
  EXPECT_EQ(find_param("time-limit")->range_text(), "0..86400000");
  EXPECT_EQ(find_param("blunder-probability")->range_text(), "0..1");
  EXPECT_EQ(find_param("use-killers")->range_text(), "true|false");
  EXPECT_EQ(find_param("blunder-probability")->value_text(0.005), "0.005");
  EXPECT_EQ(find_param("feature-scale")->value_text(1.0), "1");
  EXPECT_EQ(find_param("use-table")->value_text(0), "false");
}

TEST(Params, OutOfRangeRequestNamesTheField) {
  Params p;
  p.blunder_margin = 10001;
  absl::Status st = check_params(p);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(std::string(st.message()), "blunder_margin: '10001' is not a whole number in 0..10000");
}

TEST(Params, LevelNames) {
  for (Level l : {Level::kEasy, Level::kMedium, Level::kHard, Level::kExpert}) {
    EXPECT_EQ(*parse_level(level_name(l)), l);
  }
  EXPECT_EQ(*parse_level("HaRd"), Level::kHard);
  EXPECT_EQ(std::string(parse_level("grandmaster").status().message()),
            "'grandmaster' is not a level (easy, medium, hard or expert)");
}

}  // namespace
}  // namespace tempo
