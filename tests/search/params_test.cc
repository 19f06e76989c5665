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

TEST(Params, LevelsKeepTheAppsValues) {
  const Params easy = Params::for_level(Level::kEasy);
  EXPECT_EQ(easy.max_depth, 3);
  EXPECT_EQ(easy.time_limit_ms, 1500);
  EXPECT_EQ(easy.eval_noise, 150);
  EXPECT_EQ(easy.blunder_probability, 0.20);
  EXPECT_EQ(easy.blunder_margin, 200);
  EXPECT_EQ(easy.feature_scale, 0.3);
  EXPECT_FALSE(easy.use_table);
  EXPECT_FALSE(easy.use_killers);
  const Params medium = Params::for_level(Level::kMedium);
  EXPECT_EQ(medium.max_depth, 5);
  EXPECT_EQ(medium.time_limit_ms, 3000);
  EXPECT_EQ(medium.eval_noise, 40);
  EXPECT_EQ(medium.blunder_probability, 0.05);
  EXPECT_EQ(medium.blunder_margin, 80);
  EXPECT_EQ(medium.feature_scale, 0.7);
  EXPECT_TRUE(medium.use_table && medium.use_killers);
  const Params hard = Params::for_level(Level::kHard);
  EXPECT_EQ(hard.max_depth, 8);
  EXPECT_EQ(hard.time_limit_ms, 5000);
  EXPECT_EQ(hard.eval_noise, 5);
  EXPECT_EQ(hard.blunder_probability, 0.005);
  EXPECT_EQ(hard.blunder_margin, 20);
  EXPECT_EQ(hard.feature_scale, 1.0);
  EXPECT_EQ(Params::for_level(Level::kExpert), Params{});
  EXPECT_EQ(Params{}.max_depth, kMaxPly - 1);
  EXPECT_EQ(Params{}.time_limit_ms, 10'000);
  for (Level l : {Level::kEasy, Level::kMedium, Level::kHard, Level::kExpert}) {
    EXPECT_TRUE(check_params(Params::for_level(l)).ok()) << level_name(l);
    // No level searches without end when the caller gives no limit.
    EXPECT_GT(Params::for_level(l).time_limit_ms, 0) << level_name(l);
    EXPECT_FALSE(Params::for_level(l).fresh_table) << level_name(l);
  }
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
