// Readings of one line merged character by character (VoteLines, VoteReadings).
#include "ocr/line_vote.h"

#include <gtest/gtest.h>

namespace shenbao::ocr {
namespace {

TEST(VoteReadings, EachCharacterGoesToTheMajority) {
  // Every reading has one error, each in a different place: the vote has none.
  const VotedLine voted = VoteReadings({{"在中国作家协会", 0.8f},
                                        {"在巾国作家协会", 0.9f},
                                        {"在中国作家办会", 0.9f},
                                        {"在中国作象协会", 0.7f},
                                        {"左中国作家协会", 0.6f}});
  EXPECT_EQ(voted.text, "在中国作家协会");
  EXPECT_GT(voted.agreement, 0.7f);
  EXPECT_LT(voted.agreement, 1.0f);
}

TEST(VoteReadings, DroppedAndExtraCharactersAreOutvoted) {
  const VotedLine voted = VoteReadings(
      {{"韩国小馆", 0.5f}, {"韩国馆", 0.5f}, {"韩国小馆，", 0.5f}, {"韩国小馆", 0.4f}, {"|韩国小馆", 0.3f}});
  EXPECT_EQ(voted.text, "韩国小馆");
}

TEST(VoteReadings, AgreementIsFullWhenAllReadingsAgree) {
  const VotedLine voted = VoteReadings({{"怪我咯", 0.9f}, {"怪我咯", 0.8f}, {"怪我咯", 0.7f}});
  EXPECT_EQ(voted.text, "怪我咯");
  EXPECT_FLOAT_EQ(voted.agreement, 1.0f);
}

TEST(VoteReadings, TiesGoToTheSurerReading) {
  EXPECT_EQ(VoteReadings({{"花园", 0.3f}, {"花圆", 0.9f}}).text, "花圆");
  EXPECT_EQ(VoteReadings({{"花园", 0.9f}, {"花圆", 0.3f}}).text, "花园");
}

TEST(VoteReadings, NothingToVoteOnGivesNothing) {
  EXPECT_EQ(VoteReadings({}).text, "");
  EXPECT_EQ(VoteReadings({{"", 0.f}, {"", 0.f}}).text, "");
}

OcrText OneLine(const std::vector<std::pair<std::string, float>>& symbols) {
  OcrText text;
  OcrLine line;
  for (const auto& [s, confidence] : symbols) line.symbols.push_back({s, confidence, line.symbols.empty(), {}});
  line.text = TextOf(line.symbols);
  line.confidence = 0.8f;
  text.lines.push_back(line);
  text.confidence = 0.8f;
  return text;
}

TEST(VoteLines, WhereTheModelsDifferTheOtherReadingIsKeptAsARunnerUp) {
  const OcrText first = OneLine({{"融", 0.95f}, {"雁", 0.6f}, {"应", 0.95f}, {"用", 0.95f}});
  const OcrText second = OneLine({{"融", 0.9f}, {"合", 0.5f}, {"应", 0.9f}, {"用", 0.9f}});
  const OcrText voted = VoteLines(first, second);
  ASSERT_EQ(voted.lines.size(), 1u);
  EXPECT_TRUE(voted.models_disagree);
  EXPECT_EQ(voted.lines[0].text, "融雁应用");
  EXPECT_EQ(voted.lines[0].symbols[1].alternatives, std::vector<std::string>{"合"});
  EXPECT_TRUE(voted.lines[0].symbols[0].alternatives.empty());
}

}  // namespace
}  // namespace shenbao::ocr
