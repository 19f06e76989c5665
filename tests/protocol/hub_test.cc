#include "protocol/hub.h"

#include <gtest/gtest.h>

namespace tempo::hub {
namespace {

TEST(HubLine, ParsesFlagsValuesAndQuotes) {
  absl::StatusOr<Line> l =
      parse_line("pos pos=Wbbbbbbbbbbbbbbbbbbbbeeeeeeeeeewwwwwwwwwwwwwwwwwwww moves=\"32-28 18-23\" extra\r\n");
  ASSERT_TRUE(l.ok()) << l.status();
  EXPECT_EQ(l->command, "pos");
  ASSERT_EQ(l->args.size(), 3u);
  EXPECT_EQ(l->value("moves"), "32-28 18-23");
  EXPECT_TRUE(l->has("extra"));
  EXPECT_FALSE(l->value("extra").has_value());
  EXPECT_FALSE(l->has("missing"));
}

TEST(HubLine, EmptyQuotedValueAndBlankLine) {
  absl::StatusOr<Line> l = parse_line("  set-param name=x value=\"\"  ");
  ASSERT_TRUE(l.ok());
  EXPECT_EQ(l->command, "set-param");
  EXPECT_EQ(l->value("value"), "");
  absl::StatusOr<Line> blank = parse_line("   ");
  ASSERT_TRUE(blank.ok());
  EXPECT_EQ(blank->command, "");
}

TEST(HubLine, Errors) {
  EXPECT_FALSE(parse_line("pos moves=\"32-28").ok());
  absl::StatusOr<Line> l = parse_line("level =3");
  ASSERT_FALSE(l.ok());
  EXPECT_NE(l.status().message().find("no name"), std::string::npos);
}

TEST(HubLine, FormatQuotesWhatNeedsIt) {
  Line l{"id",
         {{"name", "Tempo", true}, {"author", "The Tempo authors", true}, {"empty", "", true}, {"flag", "", false}}};
  EXPECT_EQ(format_line(l), "id name=Tempo author=\"The Tempo authors\" empty=\"\" flag");
  EXPECT_EQ(quote_if_needed("a=b"), "\"a=b\"");
  EXPECT_EQ(quote_if_needed("say \"hi\""), "\"say 'hi'\"");
  absl::StatusOr<Line> back = parse_line(format_line(l));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->value("author"), "The Tempo authors");
}

Limits level(const char* text) {
  absl::StatusOr<Line> l = parse_line(text);
  EXPECT_TRUE(l.ok());
  absl::StatusOr<Limits> lim = parse_limits(*l);
  EXPECT_TRUE(lim.ok()) << text << ": " << lim.status();
  return lim.value_or(Limits{});
}

TEST(HubLevel, EveryForm) {
  EXPECT_EQ(level("level depth=7").depth, 7);
  EXPECT_EQ(level("level nodes=100000").nodes, 100000u);
  EXPECT_EQ(level("level move-time=1.5").movetime_ms, 1500);
  const Limits t = level("level moves=40 time=300 inc=0.25");
  EXPECT_EQ(t.moves_to_go, 40);
  EXPECT_EQ(t.time_left_ms, 300000);
  EXPECT_EQ(t.increment_ms, 250);
  const Limits sd = level("level time=60");
  EXPECT_EQ(sd.moves_to_go, 0);
  EXPECT_EQ(sd.time_left_ms, 60000);
  EXPECT_EQ(level("level time=10 moves=0").moves_to_go, 0);  // 0 = sudden death, as in every interface
  EXPECT_EQ(level("level time=0").time_left_ms, 1);          // a clock run out: move at once
  EXPECT_TRUE(level("level infinite").infinite);
  EXPECT_EQ(level("level depth=3 future-arg=1").depth, 3);
}

TEST(HubLevel, Errors) {
  for (const char* bad : {"level", "level depth=0", "level depth=x", "level depth=500", "level move-time=-1",
                          "level move-time=nan", "level time=abc", "level inc=2", "level time=10 moves=1001",
                          "level nodes=-5", "level move-time=86400.001", "level nodes=1125899906842625"}) {
    absl::StatusOr<Line> l = parse_line(bad);
    ASSERT_TRUE(l.ok());
    EXPECT_FALSE(parse_limits(*l).ok()) << bad;
  }
}

}  // namespace
}  // namespace tempo::hub
