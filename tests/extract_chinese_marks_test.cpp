// Marks of Chinese typesetting put right in text values (extract/chinese_marks.h), and
// what a user sees of it: the value a text or paragraph field parses to.
#include "extract/chinese_marks.h"

#include <gtest/gtest.h>

#include <string>

#include "extract/value_types.h"

namespace shenbao::extract {
namespace {

// ---- PairChineseQuotes ------------------------------------------------------------------

TEST(PairChineseQuotes, StraightAndMiscurledQuotesBecomeAPair) {
  EXPECT_EQ(PairChineseQuotes("推进\"5G+工业互联网\"融合"), "推进“5G+工业互联网”融合");
  EXPECT_EQ(PairChineseQuotes("推进“5G+工业互联网\"融合"), "推进“5G+工业互联网”融合");
  EXPECT_EQ(PairChineseQuotes("推进”5G+工业互联网\"融合"), "推进“5G+工业互联网”融合");
  // The second model reads a closing ” as “.
  EXPECT_EQ(PairChineseQuotes("建设“5G+工业互联网“公共服务平台"), "建设“5G+工业互联网”公共服务平台");
}

TEST(PairChineseQuotes, PairsInOrderWithinASentence) {
  EXPECT_EQ(PairChineseQuotes("实施\"百千万\"行动，建设\"5G工厂\"。"), "实施“百千万”行动，建设“5G工厂”。");
  // Each sentence on its own: a mark lost in one does not turn the next around.
  EXPECT_EQ(PairChineseQuotes("印发“方案。推进\"5G+工业互联网\"融合。"), "印发“方案。推进“5G+工业互联网”融合。");
}

TEST(PairChineseQuotes, AnApostropheBesideChineseClosesAnOpenQuote) {
  EXPECT_EQ(PairChineseQuotes("已印发“5G+工业互联网'专项行动方案"), "已印发“5G+工业互联网”专项行动方案");
}

TEST(PairChineseQuotes, ALoneUnderscoreStandsForTheMissingMark) {
  EXPECT_EQ(PairChineseQuotes("西安市_5G+工业互联网\"发展基础较好"), "西安市“5G+工业互联网”发展基础较好");
  // With the quotes balanced, an underscore is no quote (DropStrayUnderscores drops it).
  EXPECT_EQ(PairChineseQuotes("宜昌市“_5G+工业互联网\"发展"), "宜昌市“_5G+工业互联网”发展");
}

TEST(PairChineseQuotes, AnUnbalancedQuoteIsLeftAsRead) {
  EXPECT_EQ(PairChineseQuotes("他说：\"项目已完成"), "他说：\"项目已完成");
  EXPECT_EQ(PairChineseQuotes("“甲”乙“丙"), "“甲”乙“丙");
  // Two apostrophes: which one closes the quote is not known.
  EXPECT_EQ(PairChineseQuotes("“甲'乙'丙"), "“甲'乙'丙");
}

TEST(PairChineseQuotes, LatinTextKeepsItsQuotes) {
  EXPECT_EQ(PairChineseQuotes("model \"X1\" rev 2"), "model \"X1\" rev 2");
  EXPECT_EQ(PairChineseQuotes("O'Brien"), "O'Brien");
}

// ---- DropStrayUnderscores ---------------------------------------------------------------

TEST(DropStrayUnderscores, AnUnderscoreBesideChineseIsDropped) {
  EXPECT_EQ(DropStrayUnderscores("新建5G_基站5002个"), "新建5G基站5002个");
  EXPECT_EQ(DropStrayUnderscores("典型应用场景_28个"), "典型应用场景28个");
  EXPECT_EQ(DropStrayUnderscores("宜昌市“_5G+工业互联网”"), "宜昌市“5G+工业互联网”");
  EXPECT_EQ(DropStrayUnderscores("356万台_（套）"), "356万台（套）");
  EXPECT_EQ(DropStrayUnderscores("工业和信息化部_ 5G工厂名录"), "工业和信息化部5G工厂名录");
}

TEST(DropStrayUnderscores, LatinUnderscoresAndBlanksStay) {
  EXPECT_EQ(DropStrayUnderscores("邮箱lying_zx15@dfmc.com.cn"), "邮箱lying_zx15@dfmc.com.cn");
  EXPECT_EQ(DropStrayUnderscores("file_name_v2"), "file_name_v2");
  EXPECT_EQ(DropStrayUnderscores("日期：____年"), "日期：____年");
}

// ---- MendFullStops ----------------------------------------------------------------------

TEST(MendFullStops, AnAsciiDotEndingAChineseSentenceIsAFullStop) {
  EXPECT_EQ(MendFullStops("工作方案目标明确、措施可行."), "工作方案目标明确、措施可行。");
  EXPECT_EQ(MendFullStops("打造5G工厂17个以上.。"), "打造5G工厂17个以上。");
  EXPECT_EQ(MendFullStops("符合条件. 同意推荐"), "符合条件。同意推荐");
  EXPECT_EQ(MendFullStops("报送我局.\n联系人"), "报送我局。\n联系人");
}

TEST(MendFullStops, DotsInNumbersAddressesAndEllipsesStay) {
  EXPECT_EQ(MendFullStops("下降32.5%"), "下降32.5%");
  EXPECT_EQ(MendFullStops("网址www.miit.gov.cn。"), "网址www.miit.gov.cn。");
  EXPECT_EQ(MendFullStops("附件1.申报书"), "附件1.申报书");
  EXPECT_EQ(MendFullStops("等等..."), "等等...");
  EXPECT_EQ(MendFullStops("Co. Ltd"), "Co. Ltd");
}

// ---- MendCitedDocNumbers / NormalizeDocNumber --------------------------------------------

TEST(MendCitedDocNumbers, ACitedNumbersYearBracketsBecomeHexagonal) {
  const std::string expected = "《5G全连接工厂建设指南》（工信厅信管〔2022〕23号）。";
  EXPECT_EQ(MendCitedDocNumbers("《5G全连接工厂建设指南》（工信厅信管〔[2022]23号）。"), expected);
  EXPECT_EQ(MendCitedDocNumbers("《5G全连接工厂建设指南》（工信厅信管【2022 ] 23号）。"), expected);
  EXPECT_EQ(MendCitedDocNumbers("《5G全连接工厂建设指南》（工信厅信管〔2022] 23号）。"), expected);
  EXPECT_EQ(MendCitedDocNumbers(expected), expected);
}

TEST(MendCitedDocNumbers, OtherBracketedYearsStay) {
  EXPECT_EQ(MendCitedDocNumbers("规划（2021-2025年）"), "规划（2021-2025年）");
  EXPECT_EQ(MendCitedDocNumbers("年度（2024）目标"), "年度（2024）目标");
  EXPECT_EQ(MendCitedDocNumbers("[2024]57号"), "[2024]57号");  // no issuer before it
}

TEST(NormalizeDocNumber, RestoresHexagonalBracketsAroundTheYear) {
  const std::string expected = "鄂经信办函〔2024〕57号";
  EXPECT_EQ(NormalizeDocNumber("鄂经信办函[2024]57号"), expected);
  EXPECT_EQ(NormalizeDocNumber("鄂经信办函(2024)57号"), expected);
  EXPECT_EQ(NormalizeDocNumber("鄂经信办函（2024）57号"), expected);
  EXPECT_EQ(NormalizeDocNumber("鄂经信办函【2024】57号"), expected);
  EXPECT_EQ(NormalizeDocNumber("鄂经信办函［２０２４］５７号"), expected);
  EXPECT_EQ(NormalizeDocNumber("鄂经信办函〔2024〕57号"), expected);
  EXPECT_EQ(NormalizeDocNumber("鄂经信办函 〔 2024 〕 57 号"), expected);
  EXPECT_EQ(NormalizeDocNumber("鄂经信办函(2024]57号"), expected);
}

TEST(NormalizeDocNumber, ABracketReadTwiceIsOne) {
  EXPECT_EQ(NormalizeDocNumber("闽工信函信息【〔2024〕25号"), "闽工信函信息〔2024〕25号");
  EXPECT_EQ(NormalizeDocNumber("闽工信函信息〔[2024]]25号"), "闽工信函信息〔2024〕25号");
}

TEST(NormalizeDocNumber, LeavesOtherBracketsAlone) {
  EXPECT_EQ(NormalizeDocNumber("工信部[57]号"), "工信部[57]号");
  EXPECT_EQ(NormalizeDocNumber("工信部[20245]号"), "工信部[20245]号");
  EXPECT_EQ(NormalizeDocNumber("57号"), "57号");
  EXPECT_EQ(NormalizeDocNumber(""), "");
}

// ---- the values a user sees -------------------------------------------------------------

TEST(ChineseMarksInValues, TextAndParagraphValuesArePutRight) {
  const ParsedValue opinion =
      ParseValue(FieldType::kParagraph, "宜昌市“_5G+工业互联网\"发展基础较好，\n工作方案目标明确。");
  EXPECT_EQ(opinion.value, "宜昌市“5G+工业互联网”发展基础较好，工作方案目标明确。");
  EXPECT_TRUE(opinion.correction.empty());  // normalization, not a guess
  EXPECT_EQ(ParseValue(FieldType::kText, "\"5G+工业互联网\"_平台").value, "“5G+工业互联网”平台");
  EXPECT_EQ(ParseValue(FieldType::kParagraph, "西安市_5G+工业互联网\"发展").value, "西安市“5G+工业互联网”发展");
  EXPECT_EQ(ParseValue(FieldType::kParagraph, "措施可行.").value, "措施可行。");
}

TEST(ChineseMarksInValues, EmailsKeepTheirUnderscore) {
  EXPECT_EQ(ParseValue(FieldType::kEmail, "lying_zx15@dfmc.com.cn").value, "lying_zx15@dfmc.com.cn");
}

}  // namespace
}  // namespace shenbao::extract
