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
  for (const auto& [s, confidence] : symbols) line.symbols.push_back({s, confidence, line.symbols.empty(), {}, {}});
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


// A symbol with the box the model gave it (x from, x to; the line 35 pixels high).
struct Placed {
  std::string text;
  float confidence;
  int x0, x1;
};

OcrText PlacedLine(const std::vector<Placed>& symbols) {
  OcrText text;
  OcrLine line;
  for (const Placed& p : symbols) {
    line.symbols.push_back({p.text, p.confidence, line.symbols.empty(), {}, {}});
    line.symbols.back().box = cv::Rect(p.x0, 5, p.x1 - p.x0, 35);
  }
  line.text = TextOf(line.symbols);
  line.confidence = 0.8f;
  text.lines.push_back(line);
  text.confidence = 0.8f;
  return text;
}

// chi_sim reads the upper ring of a '%' as a 9 of its own ("53%" as "539%", the 9's
// box over the '%'); the Latin model reads "53%". Both boxes are as the two models
// gave them for the E sample's 增效 cell.
TEST(VoteLines, ARingOfAPercentSignReadAsADigitIsNoDigit) {
  const OcrText latin = PlacedLine({{"5", 0.94f, 11, 36}, {"3", 0.98f, 40, 66}, {"%", 0.98f, 69, 102}});
  const OcrText chinese =
      PlacedLine({{"5", 0.99f, 11, 36}, {"3", 0.99f, 40, 66}, {"9", 0.97f, 69, 84}, {"%", 0.99f, 69, 102}});
  const OcrText voted = VoteLines(latin, chinese);
  ASSERT_EQ(voted.lines.size(), 1u);
  EXPECT_EQ(voted.lines[0].text, "53%");
  EXPECT_TRUE(voted.models_disagree);  // still a vote: a person sees it
}

// "52%" read "529%6" by one model, "52%" by the other (the D sample's 普及率): the
// ring after the '%' goes whatever its box says, no number goes on after a '%'.
TEST(VoteLines, RingsEitherSideOfAPercentSignAreDropped) {
  const OcrText chinese = PlacedLine({{"达", 0.99f, 27, 86},  {"5", 0.99f, 112, 127}, {"2", 0.99f, 133, 154},
                                      {"9", 0.94f, 157, 172}, {"%", 0.96f, 165, 189}, {"6", 0.91f, 182, 213},
                                      {"。", 0.98f, 207, 256}});
  const OcrText other = PlacedLine({{"达", 0.99f, 27, 86},
                                    {"5", 0.99f, 112, 127},
                                    {"2", 0.99f, 133, 172},
                                    {"%", 0.99f, 165, 196},
                                    {"。", 0.98f, 199, 213}});
  EXPECT_EQ(VoteLines(chinese, other).lines[0].text, "达52%。");
  EXPECT_EQ(VoteLines(other, chinese).lines[0].text, "达52%。");
}

// A digit one model missed, standing left of the '%' glyph, is a digit of the number.
TEST(VoteLines, ADigitLeftOfThePercentSignIsKept) {
  const OcrText first = PlacedLine({{"4", 0.99f, 10, 30}, {"9", 0.95f, 33, 53}, {"%", 0.99f, 56, 90}});
  const OcrText second = PlacedLine({{"4", 0.99f, 10, 30}, {"%", 0.99f, 56, 90}});
  EXPECT_EQ(VoteLines(first, second).lines[0].text, "49%");
}

}  // namespace
}  // namespace shenbao::ocr
