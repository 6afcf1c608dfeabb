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

// chi_sim reads 坤宏轴承 as 坤宏和轴承, the 和 over the 宏's glyph; chi_sim_int reads
// 坤宏轴承. Boxes as the two models gave them for the A sample's cell: 宏 and 轴 stand
// one character pitch apart, with no room for a character between them.
TEST(VoteLines, ACharacterOnlyTheFirstModelReadWhereThereIsNoRoomIsDropped) {
  const OcrText first = PlacedLine({{"坤", 0.99f, 0, 70}, {"宏", 0.99f, 69, 119}, {"和", 0.90f, 98, 114},
                                    {"轴", 0.99f, 113, 183}, {"承", 0.99f, 162, 208}, {"有", 0.99f, 207, 249},
                                    {"限", 0.99f, 256, 302}});
  const OcrText second = PlacedLine({{"坤", 0.99f, 0, 66}, {"宏", 0.99f, 69, 115}, {"轴", 0.99f, 113, 160},
                                     {"承", 0.99f, 162, 205}, {"有", 0.99f, 207, 250}, {"限", 0.99f, 256, 300}});
  const OcrText voted = VoteLines(first, second);
  EXPECT_EQ(voted.lines[0].text, "坤宏轴承有限");
  EXPECT_TRUE(voted.models_disagree);  // still a vote: a person sees it
  // At the start of a line, over the first character's glyph (和孟梅).
  const OcrText name = PlacedLine({{"和", 0.95f, -10, 15}, {"孟", 0.99f, 0, 40}, {"梅", 0.99f, 45, 85}});
  EXPECT_EQ(VoteLines(name, PlacedLine({{"孟", 0.99f, 0, 40}, {"梅", 0.99f, 45, 85}})).lines[0].text, "孟梅");
  // After a narrower sign (5G+和柔性): no room between the + and 柔 for a character.
  const OcrText plus = PlacedLine({{"5", 0.99f, 0, 20}, {"G", 0.99f, 22, 45}, {"+", 0.99f, 48, 70},
                                   {"和", 0.92f, 66, 90}, {"柔", 0.99f, 76, 120}, {"性", 0.99f, 126, 170}});
  const OcrText without = PlacedLine({{"5", 0.99f, 0, 20}, {"G", 0.99f, 22, 45}, {"+", 0.99f, 48, 70},
                                      {"柔", 0.99f, 76, 120}, {"性", 0.99f, 126, 170}});
  EXPECT_EQ(VoteLines(plus, without).lines[0].text, "5G+柔性");
  // With a character's room after the +, the character stays.
  const OcrText spaced = PlacedLine({{"5", 0.99f, 0, 20}, {"G", 0.99f, 22, 45}, {"+", 0.99f, 48, 70},
                                     {"数", 0.92f, 76, 120}, {"柔", 0.99f, 126, 170}, {"性", 0.99f, 176, 220}});
  const OcrText spaced_without = PlacedLine({{"5", 0.99f, 0, 20}, {"G", 0.99f, 22, 45}, {"+", 0.99f, 48, 70},
                                             {"柔", 0.99f, 126, 170}, {"性", 0.99f, 176, 220}});
  EXPECT_EQ(VoteLines(spaced, spaced_without).lines[0].text, "5G+数柔性");
}

// A character the second model missed where the line leaves room for one is kept, and
// so is one only the second model read (it is the model that reads what chi_sim misses).
TEST(VoteLines, ACharacterOnlyOneModelReadWhereThereIsRoomIsKept) {
  const OcrText first = PlacedLine({{"宜", 0.99f, 0, 40}, {"昌", 0.99f, 50, 90}, {"市", 0.95f, 100, 140},
                                    {"经", 0.99f, 150, 190}, {"信", 0.99f, 200, 240}});
  const OcrText second = PlacedLine({{"宜", 0.99f, 0, 40}, {"昌", 0.99f, 50, 90}, {"经", 0.99f, 150, 190},
                                     {"信", 0.99f, 200, 240}});
  EXPECT_EQ(VoteLines(first, second).lines[0].text, "宜昌市经信");
  const OcrText crowded = PlacedLine({{"工", 0.99f, 0, 40}, {"信", 0.99f, 50, 90}, {"厅", 0.99f, 100, 140},
                                      {"函", 0.99f, 150, 190}});
  const OcrText more = PlacedLine({{"工", 0.99f, 0, 40}, {"信", 0.99f, 50, 90}, {"管", 0.95f, 60, 80},
                                   {"厅", 0.99f, 100, 140}, {"函", 0.99f, 150, 190}});
  EXPECT_EQ(VoteLines(crowded, more).lines[0].text, "工信管厅函");
}

}  // namespace
}  // namespace shenbao::ocr
