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

// The fast model reads 陶瓷 as 陶资 at 0.99; the second model reads 陶瓷. The text stays
// the first reading's, the other character its runner-up, the value doubtful.
TEST(WithRunnerUps, TheTextStaysTheFirstReadingsAndTheOtherCharacterIsItsRunnerUp) {
  const OcrText first = OneLine({{"秦", 0.98f}, {"煌", 0.97f}, {"陶", 0.99f}, {"资", 0.99f}, {"有", 0.99f}});
  const OcrText second = OneLine({{"秦", 0.9f}, {"煌", 0.9f}, {"陶", 0.99f}, {"瓷", 0.999f}, {"有", 0.9f}});
  const OcrText out = WithRunnerUps(first, second);
  ASSERT_EQ(out.lines.size(), 1u);
  EXPECT_EQ(out.lines[0].text, "秦煌陶资有");
  EXPECT_EQ(out.lines[0].symbols[3].alternatives, std::vector<std::string>{"瓷"});
  EXPECT_TRUE(out.lines[0].symbols[2].alternatives.empty());
  EXPECT_TRUE(out.models_disagree);
  EXPECT_FALSE(out.models_agree);
  EXPECT_LT(out.confidence, 0.9f);
  EXPECT_LT(out.weakest_symbol, 0.99f * 0.9f);
}

// Where the second reading has a character more or less, the others still line up.
TEST(WithRunnerUps, CharactersOneReadingLacksDoNotShiftTheRunnerUps) {
  const OcrText first = OneLine({{"洪", 0.97f}, {"江", 0.99f}, {"信", 0.99f}, {"精", 0.99f}});
  const OcrText second = OneLine({{"潜", 0.9f}, {"江", 0.9f}, {"市", 0.4f}, {"信", 0.9f}, {"精", 0.9f}});
  const OcrText out = WithRunnerUps(first, second);
  EXPECT_EQ(out.lines[0].text, "洪江信精");
  EXPECT_EQ(out.lines[0].symbols[0].alternatives, std::vector<std::string>{"潜"});
  for (size_t i = 1; i < 4; ++i) EXPECT_TRUE(out.lines[0].symbols[i].alternatives.empty()) << i;
}

TEST(WithRunnerUps, TwoReadingsThatAgreeAreAVoteThatAgrees) {
  const OcrText first = OneLine({{"陶", 0.9f}, {"瓷", 0.9f}});
  const OcrText out = WithRunnerUps(first, OneLine({{"陶", 0.9f}, {"瓷", 0.8f}}));
  EXPECT_TRUE(out.models_agree);
  EXPECT_FALSE(out.models_disagree);
  EXPECT_GT(out.confidence, first.confidence);
}

TEST(WithRunnerUps, NoSecondReadingLeavesTheFirstAsItWas) {
  const OcrText first = OneLine({{"陶", 0.9f}, {"资", 0.9f}});
  const OcrText out = WithRunnerUps(first, OcrText{});
  EXPECT_EQ(out.lines[0].text, "陶资");
  EXPECT_FALSE(out.models_disagree);
  EXPECT_FLOAT_EQ(out.confidence, first.confidence);
}

// A line both models read alike at the cell's size, given a runner-up by another look
// (extract/near_miss.h): it is no longer a reading the models agree on.
TEST(WithRunnerUps, ReadingsThatDifferNoLongerAgree) {
  OcrText first = OneLine({{"座", 0.6f}, {"拟", 0.9f}});
  first.models_agree = true;  // two models read it so at the cell's size
  const OcrText out = WithRunnerUps(first, OneLine({{"虚", 0.9f}, {"拟", 0.9f}}));
  EXPECT_FALSE(out.models_agree);
  EXPECT_TRUE(out.models_disagree);
}

TEST(DifferingCharacters, EachCharacterGetsWhatTheOtherReadsInItsPlace) {
  const OcrText first = OneLine({{"滩", 0.6f}, {"坊", 0.9f}, {"联", 0.9f}, {"亮", 0.9f}});
  // The other reading drops 联 and reads 潍 for 滩.
  const std::vector<std::string> differing = DifferingCharacters(first, OneLine({{"潍", 0.9f}, {"坊", 0.9f}, {"亮", 0.9f}}));
  EXPECT_EQ(differing, (std::vector<std::string>{"潍", "", "", ""}));
  EXPECT_TRUE(DifferingCharacters(first, OcrText{}).empty());
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

// Both models read a ring after the '%' (E sample's 25.8%, read "25.8%6，" and
// "25.8%6,"); one model read the '%' as "96" ("52%" as "5296", the other "529%6"); the
// two rings read "06" or "8" after it. No number goes on right after a '%'.
TEST(VoteLines, RingsAfterAPercentSignAreDroppedWhicheverModelReadThem) {
  const OcrText first = PlacedLine({{"8", 0.99f, 1223, 1266}, {"%", 0.96f, 1258, 1284}, {"6", 0.86f, 1276, 1307},
                                    {"，", 0.99f, 1306, 1347}, {"生", 0.98f, 1347, 1391}});
  const OcrText second = PlacedLine({{"8", 0.99f, 1223, 1266}, {"%", 0.98f, 1258, 1284}, {"6", 0.96f, 1276, 1307},
                                     {",", 0.99f, 1312, 1359}, {"生", 0.99f, 1358, 1391}});
  EXPECT_EQ(VoteLines(first, second).lines[0].text, "8%，生");

  const OcrText percent = PlacedLine({{"5", 0.99f, 112, 128}, {"2", 0.99f, 134, 155}, {"9", 0.94f, 158, 172},
                                      {"%", 0.96f, 166, 189}, {"6", 0.90f, 183, 213}, {"。", 0.99f, 207, 256}});
  const OcrText rings = PlacedLine({{"5", 0.99f, 122, 145}, {"2", 0.99f, 134, 155}, {"9", 0.93f, 158, 189},
                                    {"6", 0.97f, 183, 213}, {"。", 0.98f, 213, 261}});
  EXPECT_EQ(VoteLines(percent, rings).lines[0].text, "52%。");

  const OcrText two = PlacedLine({{"4", 0.99f, 774, 818}, {"%", 0.97f, 810, 834}, {"0", 0.95f, 828, 844},
                                  {"6", 0.92f, 848, 863}, {"。", 0.99f, 863, 914}});
  const OcrText one = PlacedLine({{"4", 0.99f, 774, 799}, {"%", 0.93f, 824, 836}, {"8", 0.96f, 828, 844},
                                  {"。", 0.99f, 848, 863}});
  EXPECT_EQ(VoteLines(two, one).lines[0].text, "4%。");
  // A digit after the rings: a number of its own, which a '%' does not run into.
  const OcrText digits = PlacedLine({{"5", 0.99f, 0, 20}, {"%", 0.97f, 22, 50}, {"6", 0.95f, 60, 80},
                                     {"0", 0.95f, 82, 100}, {"1", 0.95f, 102, 120}});
  const OcrText other = PlacedLine({{"5", 0.99f, 0, 20}, {"%", 0.97f, 22, 50}, {"6", 0.95f, 60, 80},
                                    {"0", 0.95f, 82, 100}, {"l", 0.90f, 102, 120}});
  EXPECT_EQ(VoteLines(digits, other).lines[0].text, "5%601");
}

// chi_sim read "42家" as "442家", its two 4s one over the other; chi_sim_int "42家".
TEST(VoteLines, AGlyphOneModelReadTwiceIsOneCharacter) {
  const OcrText first = PlacedLine({{"业", 1.00f, 1020, 1045}, {"4", 0.89f, 1045, 1061}, {"4", 0.99f, 1050, 1070},
                                    {"2", 1.00f, 1066, 1088}, {"家", 0.99f, 1105, 1133}});
  const OcrText second = PlacedLine({{"业", 1.00f, 1037, 1060}, {"4", 0.99f, 1060, 1075}, {"2", 0.99f, 1066, 1120},
                                     {"家", 0.99f, 1140, 1151}});
  EXPECT_EQ(VoteLines(first, second).lines[0].text, "业42家");
  // Two glyphs side by side, one of them missed by a model, are two characters.
  const OcrText both = PlacedLine({{"4", 0.99f, 0, 20}, {"4", 0.95f, 25, 45}, {"2", 0.99f, 50, 70}});
  const OcrText missed = PlacedLine({{"4", 0.99f, 0, 20}, {"2", 0.99f, 50, 70}});
  EXPECT_EQ(VoteLines(both, missed).lines[0].text, "442");
}

// The first model put 有 in 5G+柔性 and placed 柔 at 125–141, the second model at
// 93–141 (boxes as the two models gave them for the A sample's cell): the glyph is
// where either model saw it, and between the + and 柔 there is no room for 有.
TEST(VoteLines, ACharacterIsWhereEitherModelPlacedIt) {
  const OcrText first =
      PlacedLine({{"5", 0.98f, 0, 21},      {"G", 0.99f, 24, 47},     {"+", 0.99f, 51, 70},
                  {"有", 0.91f, 75, 104},   {"柔", 0.99f, 125, 141},  {"性", 0.99f, 139, 191},
                  {"光", 0.99f, 192, 242},  {"器", 0.99f, 241, 290},  {"件", 0.99f, 296, 351},
                  {"封", 0.99f, 350, 421},  {"装", 1.00f, 393, 420},  {"车", 0.99f, 444, 489}});
  const OcrText second =
      PlacedLine({{"5", 0.99f, 0, 21},      {"G", 0.99f, 24, 47},     {"+", 0.99f, 51, 70},
                  {"柔", 0.97f, 93, 141},   {"性", 1.00f, 148, 203},  {"光", 1.00f, 205, 252},
                  {"器", 0.99f, 251, 290},  {"件", 0.99f, 301, 351},  {"封", 1.00f, 350, 400},
                  {"装", 1.00f, 399, 420},  {"车", 0.99f, 444, 490}});
  EXPECT_EQ(VoteLines(first, second).lines[0].text, "5G+柔性光器件封装车");
  // 数字孪生柔性 read 数字挛生和柔性 and 数字根生柔性 (the A sample's cell): 生 is at
  // 221–252 to one model and 256–282 to the other, which leaves no room before 柔.
  const OcrText with = PlacedLine({{"数", 0.99f, 95, 120},   {"字", 0.99f, 138, 179}, {"挛", 0.90f, 184, 208},
                                   {"生", 0.99f, 221, 252},  {"和", 0.98f, 256, 277}, {"柔", 0.99f, 299, 304},
                                   {"性", 0.99f, 306, 365},  {"原", 1.00f, 364, 405}, {"料", 0.99f, 405, 453},
                                   {"药", 0.99f, 454, 461},  {"工", 0.99f, 494, 516}, {"厂", 1.00f, 520, 559}});
  const OcrText without = PlacedLine({{"数", 0.99f, 96, 148},  {"字", 1.00f, 168, 189}, {"根", 0.96f, 197, 236},
                                      {"生", 1.00f, 256, 282}, {"柔", 0.99f, 299, 304}, {"性", 1.00f, 323, 365},
                                      {"原", 1.00f, 364, 405}, {"料", 1.00f, 410, 458}, {"药", 1.00f, 457, 495},
                                      {"工", 1.00f, 494, 541}, {"厂", 1.00f, 540, 569}});
  EXPECT_EQ(VoteLines(with, without).lines[0].text, "数字根生柔性原料药工厂");
}

// The second model read a '-' at the end of 企业 over the 业's own glyph (a D
// sample's paragraph line, boxes as the models gave them).
TEST(VoteLines, ASymbolAtTheLineEndOverItsNeighboursGlyphIsThatGlyph) {
  const OcrText first = PlacedLine({{"以", 1.00f, 1172, 1198}, {"上", 1.00f, 1217, 1240}, {"企", 1.00f, 1328, 1395},
                                    {"业", 0.97f, 1376, 1418}});
  const OcrText second = PlacedLine({{"以", 1.00f, 1172, 1198}, {"上", 1.00f, 1217, 1240}, {"企", 1.00f, 1328, 1376},
                                     {"业", 1.00f, 1376, 1403}, {"-", 0.94f, 1402, 1418}});
  EXPECT_EQ(VoteLines(first, second).lines[0].text, "以上企业");
  // A mark after the last glyph is the line's own.
  const OcrText stop = PlacedLine({{"以", 1.00f, 1172, 1198}, {"上", 1.00f, 1217, 1240}, {"企", 1.00f, 1328, 1376},
                                   {"业", 1.00f, 1376, 1403}, {"。", 0.94f, 1410, 1440}});
  EXPECT_EQ(VoteLines(first, stop).lines[0].text, "以上企业。");
  // A stroke one model alone saw after the last character (a held-out D scan's 信息化部_).
  const OcrText stroke = PlacedLine({{"以", 1.00f, 1172, 1198}, {"上", 1.00f, 1217, 1240}, {"企", 1.00f, 1328, 1376},
                                     {"业", 1.00f, 1376, 1403}, {"_", 0.95f, 1488, 1504}});
  EXPECT_EQ(VoteLines(first, stroke).lines[0].text, "以上企业");
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
