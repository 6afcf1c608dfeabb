// Unicode normalization of OCR text (extract/normalize.h).
#include "extract/normalize.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace shenbao::extract {
namespace {

const std::string kReplacement = "\xEF\xBF\xBD";  // U+FFFD, what invalid UTF-8 becomes

// ---- NormalizeText ---------------------------------------------------------------------

TEST(NormalizeText, RemovesTesseractSpacesBetweenChineseCharacters) {
  EXPECT_EQ(NormalizeText("武 汉 市 经 济"), "武汉市经济");
  EXPECT_EQ(NormalizeText("武汉市  东湖\t新技术\n开发区"), "武汉市东湖新技术开发区");
}

TEST(NormalizeText, RemovesSpacesAroundChinesePunctuation) {
  EXPECT_EQ(NormalizeText("好 ， 的 。"), "好，的。");
  EXPECT_EQ(NormalizeText("《 通 知 》 “ 说 明 ”"), "《通知》“说明”");
}

TEST(NormalizeText, RemovesSpacesBetweenChineseAndLatin) {
  EXPECT_EQ(NormalizeText("使 用 5G 技 术"), "使用5G技术");
  EXPECT_EQ(NormalizeText("Industrial Internet 平台"), "Industrial Internet平台");
}

TEST(NormalizeText, KeepsOneSpaceBetweenLatinWords) {
  EXPECT_EQ(NormalizeText("Hello   World"), "Hello World");
  EXPECT_EQ(NormalizeText("5G  network\tslicing"), "5G network slicing");
  EXPECT_EQ(NormalizeText("Huawei Technologies Co. Ltd"), "Huawei Technologies Co. Ltd");
}

TEST(NormalizeText, FullWidthLettersAndDigitsBecomeAscii) {
  EXPECT_EQ(NormalizeText("ＡＢＣ有限公司"), "ABC有限公司");
  EXPECT_EQ(NormalizeText("５Ｇ工厂"), "5G工厂");
  EXPECT_EQ(NormalizeText("ＡＢＣ　ＤＥＦ"), "ABC DEF");  // U+3000 between Latin words
}

TEST(NormalizeText, LeavesFiveGAlone) {
  EXPECT_EQ(NormalizeText("5G"), "5G");
  EXPECT_EQ(NormalizeText("5G+工业互联网"), "5G+工业互联网");
}

TEST(NormalizeText, KeepsChinesePunctuationFullWidth) {
  EXPECT_EQ(NormalizeText("（湖北）"), "（湖北）");
  EXPECT_EQ(NormalizeText("电话：027，邮箱；是！否？"), "电话：027，邮箱；是！否？");
  const std::string all = "〔〕【】《》“”‘’、。—…·";
  EXPECT_EQ(NormalizeText(all), all);
  EXPECT_EQ(NormalizeText("等等……"), "等等……");
  EXPECT_EQ(NormalizeText("——"), "——");
}

TEST(NormalizeText, KeepsFullWidthPunctuationAsPrintedEvenBesideLatin) {
  // NFKC alone would make these ASCII; no Chinese neighbour restores them here.
  EXPECT_EQ(NormalizeText("（5G）"), "（5G）");
  EXPECT_EQ(NormalizeText("ABC：DEF，GHI；JKL！？"), "ABC：DEF，GHI；JKL！？");
}

TEST(NormalizeText, WidensAsciiPunctuationInChineseText) {
  EXPECT_EQ(NormalizeText("武汉(湖北)有限公司"), "武汉（湖北）有限公司");
  EXPECT_EQ(NormalizeText("电话:027-85319454"), "电话：027-85319454");
  EXPECT_EQ(NormalizeText("北京,上海;广州"), "北京，上海；广州");
  EXPECT_EQ(NormalizeText("是吗?好!"), "是吗？好！");
  EXPECT_EQ(NormalizeText("工厂 , 车间"), "工厂，车间");
}

TEST(NormalizeText, WidensBothBracketsOfAPair) {
  EXPECT_EQ(NormalizeText("项目(5G)"), "项目（5G）");
  EXPECT_EQ(NormalizeText("(5G)工厂"), "（5G）工厂");
  EXPECT_EQ(NormalizeText("湖北),"), "湖北），");
}

TEST(NormalizeText, LeavesAsciiPunctuationBetweenLatinAndDigits) {
  EXPECT_EQ(NormalizeText("1,234.50"), "1,234.50");
  EXPECT_EQ(NormalizeText("10:30"), "10:30");
  EXPECT_EQ(NormalizeText("ABC (Wuhan) Co."), "ABC (Wuhan) Co.");
  EXPECT_EQ(NormalizeText("共3,000万元"), "共3,000万元");
}

TEST(NormalizeText, Trims) {
  EXPECT_EQ(NormalizeText("  中国 移动  "), "中国移动");
  EXPECT_EQ(NormalizeText("\u3000\u3000中国\u3000"), "中国");
}

TEST(NormalizeText, EmptyAndWhitespaceOnlyGiveEmpty) {
  EXPECT_EQ(NormalizeText(""), "");
  EXPECT_EQ(NormalizeText(" \t\r\n\u3000\u00A0"), "");
}

TEST(NormalizeText, DropsZeroWidthAndControlCharacters) {
  EXPECT_EQ(NormalizeText("武\u200B汉\uFEFF市"), "武汉市");
  EXPECT_EQ(NormalizeText(std::string("武\0汉", 7)), "武汉");
}

TEST(NormalizeText, DoesNotConvertTraditionalCharacters) {
  EXPECT_EQ(NormalizeText("中國 移動"), "中國移動");
}

TEST(NormalizeText, InvalidUtf8BecomesReplacementCharacters) {
  EXPECT_EQ(NormalizeText("\xff\xfe武汉"), kReplacement + kReplacement + "武汉");
  EXPECT_EQ(NormalizeText("武汉\xe6\xad"), "武汉" + kReplacement);
}

TEST(NormalizeText, HandlesVeryLongInput) {
  std::string raw, expected;
  for (int i = 0; i < 50000; ++i) {
    raw += "武 ";
    expected += "武";
  }
  EXPECT_EQ(NormalizeText(raw), expected);
  std::string latin(100000, 'a');
  EXPECT_EQ(NormalizeText(latin), latin);
}

// ---- NormalizeParagraph ----------------------------------------------------------------

TEST(NormalizeParagraph, JoinsChineseLinesWithoutSpaces) {
  EXPECT_EQ(NormalizeParagraph({"武汉市东湖", "新 技 术 开发区"}), "武汉市东湖新技术开发区");
  EXPECT_EQ(NormalizeParagraph({"建设5G", "工厂。"}), "建设5G工厂。");
}

TEST(NormalizeParagraph, JoinsLatinLinesWithOneSpace) {
  EXPECT_EQ(NormalizeParagraph({"Industrial", "Internet"}), "Industrial Internet");
}

TEST(NormalizeParagraph, KeepsLineOrderAndSkipsEmptyLines) {
  EXPECT_EQ(NormalizeParagraph({"第一行，", "", "   ", "第 二 行"}), "第一行，第二行");
  EXPECT_EQ(NormalizeParagraph({"乙", "甲"}), "乙甲");
}

TEST(NormalizeParagraph, EmptyInputGivesEmpty) {
  EXPECT_EQ(NormalizeParagraph({}), "");
  EXPECT_EQ(NormalizeParagraph({"", " "}), "");
}

// ---- RemoveWhitespace / ToHalfWidth ----------------------------------------------------

TEST(RemoveWhitespace, RemovesAsciiAndUnicodeWhitespace) {
  EXPECT_EQ(RemoveWhitespace("a b\t\u3000c\n\u00A0d"), "abcd");
  EXPECT_EQ(RemoveWhitespace("武 汉"), "武汉");
  EXPECT_EQ(RemoveWhitespace(""), "");
}

TEST(ToHalfWidth, ConvertsFullWidthDigitsLettersAndPunctuation) {
  EXPECT_EQ(ToHalfWidth("０２７－８５３１９４５４"), "027-85319454");
  EXPECT_EQ(ToHalfWidth("（０２７）"), "(027)");
  EXPECT_EQ(ToHalfWidth("ＡＢＣ＠ｑｑ．ｃｏｍ"), "ABC@qq.com");
  EXPECT_EQ(ToHalfWidth("３５％"), "35%");
}

TEST(ToHalfWidth, LeavesChineseCharactersAlone) {
  EXPECT_EQ(ToHalfWidth("２０２４年９月３日"), "2024年9月3日");
}

// ---- CountChars ------------------------------------------------------------------------

TEST(CountChars, CountsCharactersAndPunctuationButNotWhitespace) {
  EXPECT_EQ(CountChars("武汉 市"), 3u);
  EXPECT_EQ(CountChars("5G工厂，"), 5u);
  EXPECT_EQ(CountChars("中\u3000国\n"), 2u);
  EXPECT_EQ(CountChars(""), 0u);
  EXPECT_EQ(CountChars(" \t\n"), 0u);
}

TEST(CountChars, CountsGraphemeClustersNotCodePoints) {
  EXPECT_EQ(CountChars("e\u0301"), 1u);                           // e + combining acute
  EXPECT_EQ(CountChars("\U0001F1E8\U0001F1F3"), 1u);              // flag: two regional indicators
  EXPECT_EQ(CountChars("\U0001F468\u200D\U0001F469\u200D\U0001F467"), 1u);  // ZWJ family
}

TEST(CountChars, SurvivesInvalidUtf8) {
  EXPECT_EQ(CountChars("\xff\xfe"), 2u);
}

// ---- ToSimplified ----------------------------------------------------------------------

TEST(ToSimplified, ConvertsTraditionalToSimplified) {
  EXPECT_EQ(ToSimplified("中國移動"), "中国移动");
  EXPECT_EQ(ToSimplified("湖北省經濟和信息化廳"), "湖北省经济和信息化厅");
}

TEST(ToSimplified, LeavesSimplifiedAndAsciiAlone) {
  EXPECT_EQ(ToSimplified("中国联通 5G"), "中国联通 5G");
  EXPECT_EQ(ToSimplified(""), "");
}

// ---- EditDistance ----------------------------------------------------------------------

TEST(EditDistance, CountsCodePointsNotBytes) {
  EXPECT_EQ(EditDistance("在见", "在建"), 1);
  EXPECT_EQ(EditDistance("武汉", "武"), 1);
  EXPECT_EQ(EditDistance("中国移动", "中国联通"), 2);
}

TEST(EditDistance, ClassicCases) {
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3);
  EXPECT_EQ(EditDistance("", "abc"), 3);
  EXPECT_EQ(EditDistance("abc", ""), 3);
  EXPECT_EQ(EditDistance("", ""), 0);
  EXPECT_EQ(EditDistance("same", "same"), 0);
}

TEST(EditDistance, IsSymmetric) {
  EXPECT_EQ(EditDistance("已建成", "建成了吗"), EditDistance("建成了吗", "已建成"));
}

}  // namespace
}  // namespace shenbao::extract
