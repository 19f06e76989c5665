#include "train/openings.h"

#include <set>

#include <gtest/gtest.h>

#include "rules/fen.h"

namespace tempo::train {
namespace {

TEST(Openings, DataFileIsLegalAndVaried) {
  absl::StatusOr<std::vector<Opening>> ops = read_openings(std::string(TEMPO_SOURCE_DIR) + "/data/openings.txt");
  ASSERT_TRUE(ops.ok()) << ops.status();
  EXPECT_GE(ops->size(), 30u);
  std::set<std::string> ends;
  for (const Opening& op : *ops) {
    EXPECT_GE(op.moves.size(), 4u) << "line " << op.line << ": " << op.text;
    EXPECT_TRUE(op.end.validate().ok());
    ends.insert(to_fen(op.end));
  }
  EXPECT_EQ(ends.size(), ops->size()) << "two openings reach the same position";
}

TEST(Openings, ParsesNumbersCommentsAndBlankLines) {
  absl::StatusOr<std::vector<Opening>> ops =
      parse_openings("# c\n\n1. 32-28 18-23 2. 38-32   # x\n33-28 17-22 28x17 11x22\n");
  ASSERT_TRUE(ops.ok()) << ops.status();
  ASSERT_EQ(ops->size(), 2u);
  EXPECT_EQ((*ops)[0].line, 3);
  EXPECT_EQ((*ops)[0].moves.size(), 3u);
  EXPECT_EQ((*ops)[0].end.side, Color::kBlack);
  EXPECT_EQ((*ops)[1].moves.size(), 4u);
}

TEST(Openings, IllegalMoveNamesTheLine) {
  absl::StatusOr<std::vector<Opening>> ops = parse_openings("32-28 18-23\n32-28 18-24\n");
  ASSERT_FALSE(ops.ok());
  EXPECT_NE(ops.status().message().find("line 2"), std::string::npos) << ops.status();
  EXPECT_FALSE(parse_openings("# only comments\n").ok());
  EXPECT_FALSE(read_openings("/nonexistent/openings.txt").ok());
}

}  // namespace
}  // namespace tempo::train
