// Field types of FORMS.md (extract/value_types.h).
#include "extract/value_types.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace shenbao::extract {
namespace {

using nlohmann::json;

void ExpectValid(const ParsedValue& v, const json& value) {
  EXPECT_TRUE(v.valid) << v.error;
  EXPECT_FALSE(v.blank);
  EXPECT_EQ(v.value, value);
  EXPECT_EQ(v.error, "");
}

void ExpectBlank(const ParsedValue& v) {
  EXPECT_TRUE(v.blank);
  EXPECT_TRUE(v.valid);
  EXPECT_TRUE(v.value.is_null());
  EXPECT_EQ(v.error, "");
}

void ExpectInvalid(const ParsedValue& v) {
  EXPECT_FALSE(v.valid) << v.value.dump();
  EXPECT_FALSE(v.blank);
  EXPECT_NE(v.error, "");
}

bool Contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// ---- ParseFieldType / FieldTypeName ----------------------------------------------------

TEST(ParseFieldType, KnowsEveryTypeOfFormsMd) {
  EXPECT_EQ(ParseFieldType("text"), FieldType::kText);
  EXPECT_EQ(ParseFieldType("paragraph"), FieldType::kParagraph);
  EXPECT_EQ(ParseFieldType("int"), FieldType::kInt);
  EXPECT_EQ(ParseFieldType("decimal(2)"), FieldType::kDecimal2);
  EXPECT_EQ(ParseFieldType("decimal"), FieldType::kDecimal2);
  EXPECT_EQ(ParseFieldType("date"), FieldType::kDate);
  EXPECT_EQ(ParseFieldType("enum"), FieldType::kEnum);
  EXPECT_EQ(ParseFieldType("phone"), FieldType::kPhone);
  EXPECT_EQ(ParseFieldType("email"), FieldType::kEmail);
  EXPECT_EQ(ParseFieldType("uscc"), FieldType::kUscc);
  EXPECT_EQ(ParseFieldType("percent"), FieldType::kPercent);
}

TEST(ParseFieldType, RejectsUnknownNames) {
  EXPECT_EQ(ParseFieldType("money"), std::nullopt);
  EXPECT_EQ(ParseFieldType(""), std::nullopt);
  EXPECT_EQ(ParseFieldType("Text"), std::nullopt);
}

TEST(FieldTypeName, RoundTripsThroughParseFieldType) {
  for (FieldType t : {FieldType::kText, FieldType::kParagraph, FieldType::kInt, FieldType::kDecimal2,
                      FieldType::kDate, FieldType::kEnum, FieldType::kPhone, FieldType::kEmail,
                      FieldType::kUscc, FieldType::kPercent})
    EXPECT_EQ(ParseFieldType(FieldTypeName(t)), t) << FieldTypeName(t);
  EXPECT_STREQ(FieldTypeName(FieldType::kDecimal2), "decimal(2)");
}

// ---- blank -----------------------------------------------------------------------------

TEST(ParseValue, EmptyOrWhitespaceIsBlankForEveryType) {
  for (FieldType t : {FieldType::kText, FieldType::kParagraph, FieldType::kInt, FieldType::kDecimal2,
                      FieldType::kDate, FieldType::kEnum, FieldType::kPhone, FieldType::kEmail,
                      FieldType::kUscc, FieldType::kPercent}) {
    SCOPED_TRACE(FieldTypeName(t));
    ExpectBlank(ParseValue(t, ""));
    ExpectBlank(ParseValue(t, "  \t\n\u3000"));
  }
}

// ---- text / paragraph ------------------------------------------------------------------

TEST(ParseText, NormalizesOcrText) {
  ExpectValid(ParseValue(FieldType::kText, " 武 汉 市 经 济 (湖北) "), "武汉市经济（湖北）");
  ExpectValid(ParseValue(FieldType::kText, "ＡＢＣ有限公司"), "ABC有限公司");
}

TEST(ParseParagraph, JoinsLinesInOrder) {
  ExpectValid(ParseValue(FieldType::kParagraph, "第一行，\n第 二 行。"), "第一行，第二行。");
  ExpectValid(ParseValue(FieldType::kParagraph, "Hello\nWorld\n"), "Hello World");
}

// ---- int -------------------------------------------------------------------------------

TEST(ParseInt, ReadsDigits) {
  ExpectValid(ParseValue(FieldType::kInt, "12"), 12);
  ExpectValid(ParseValue(FieldType::kInt, " ０１２ "), 12);
  ExpectValid(ParseValue(FieldType::kInt, "2024"), 2024);
  ExpectValid(ParseValue(FieldType::kInt, "0"), 0);
  EXPECT_TRUE(ParseValue(FieldType::kInt, "12").value.is_number_integer());
}

TEST(ParseInt, FixesDigitLookalikesAndRecordsIt) {
  ParsedValue v = ParseValue(FieldType::kInt, "l2");
  ExpectValid(v, 12);
  EXPECT_EQ(v.correction, "l2→12");
  EXPECT_EQ(ParseValue(FieldType::kInt, "1O").value, 10);
  EXPECT_EQ(ParseValue(FieldType::kInt, "l").value, 1);
  EXPECT_EQ(ParseValue(FieldType::kInt, "12").correction, "");
}

TEST(ParseInt, RejectsNonIntegers) {
  ExpectInvalid(ParseValue(FieldType::kInt, "12.5"));
  ExpectInvalid(ParseValue(FieldType::kInt, "-3"));
  ExpectInvalid(ParseValue(FieldType::kInt, "abc"));
  ExpectInvalid(ParseValue(FieldType::kInt, "SOB"));  // all lookalikes: a word, not a number
  ExpectInvalid(ParseValue(FieldType::kInt, "十二"));
  ExpectInvalid(ParseValue(FieldType::kInt, "99999999999999999999999"));
}

// ---- decimal(2) ------------------------------------------------------------------------

TEST(ParseDecimal, ReadsThousandsSeparatorsAsJsonNumber) {
  ParsedValue v = ParseValue(FieldType::kDecimal2, "1,234.50");
  ExpectValid(v, 1234.5);
  EXPECT_TRUE(v.value.is_number());
  EXPECT_EQ(v.value.dump(), "1234.5");
}

TEST(ParseDecimal, IgnoresWanYuanSuffix) {
  ExpectValid(ParseValue(FieldType::kDecimal2, "1,234.50万元"), 1234.5);
  ExpectValid(ParseValue(FieldType::kDecimal2, "500 万元"), 500.0);
  ExpectValid(ParseValue(FieldType::kDecimal2, "¥100"), 100.0);
}

TEST(ParseDecimal, AcceptsPlainAndFullWidthNumbers) {
  ExpectValid(ParseValue(FieldType::kDecimal2, "100"), 100.0);
  ExpectValid(ParseValue(FieldType::kDecimal2, "0.5"), 0.5);
  ExpectValid(ParseValue(FieldType::kDecimal2, "１２３．４５"), 123.45);
  ExpectValid(ParseValue(FieldType::kDecimal2, "12.340"), 12.34);  // trailing zero is no third decimal
  ExpectValid(ParseValue(FieldType::kDecimal2, "0"), 0.0);
}

TEST(ParseDecimal, NegativeIsInvalid) {
  ParsedValue v = ParseValue(FieldType::kDecimal2, "-5");
  ExpectInvalid(v);
  EXPECT_TRUE(Contains(v.error, "负"));
}

TEST(ParseDecimal, RejectsMalformedNumbers) {
  ExpectInvalid(ParseValue(FieldType::kDecimal2, "1,23.4"));
  ExpectInvalid(ParseValue(FieldType::kDecimal2, "12.345"));
  ExpectInvalid(ParseValue(FieldType::kDecimal2, "abc"));
  ExpectInvalid(ParseValue(FieldType::kDecimal2, "1.2.3"));
  ExpectInvalid(ParseValue(FieldType::kDecimal2, "."));
  ExpectInvalid(ParseValue(FieldType::kDecimal2, "1234567890123456789"));
}

// ---- percent ---------------------------------------------------------------------------

TEST(ParsePercent, ReadsNumbersWithOrWithoutPercentSign) {
  ExpectValid(ParseValue(FieldType::kPercent, "35%"), 35);
  ExpectValid(ParseValue(FieldType::kPercent, "35.5"), 35.5);
  ExpectValid(ParseValue(FieldType::kPercent, "３５％"), 35);
  ExpectValid(ParseValue(FieldType::kPercent, "0"), 0);
  ExpectValid(ParseValue(FieldType::kPercent, "100%"), 100);
  EXPECT_TRUE(ParseValue(FieldType::kPercent, "35%").value.is_number());
}

TEST(ParsePercent, RejectsOutOfRangeAndGarbage) {
  ExpectInvalid(ParseValue(FieldType::kPercent, "100.5"));
  ExpectInvalid(ParseValue(FieldType::kPercent, "150%"));
  ExpectInvalid(ParseValue(FieldType::kPercent, "-1"));
  ExpectInvalid(ParseValue(FieldType::kPercent, "abc"));
  ExpectInvalid(ParseValue(FieldType::kPercent, "30%-50%"));
}

TEST(ParseValue, PrintedUnitAloneIsBlank) {
  // The form prints the unit; an empty cell reads as the unit alone.
  ExpectBlank(ParseValue(FieldType::kPercent, " % "));
  ExpectBlank(ParseValue(FieldType::kDecimal2, "万元"));
}

// ---- date ------------------------------------------------------------------------------

TEST(ParseDate, ReadsEveryPrintedForm) {
  const json expected = "2024-09-03";
  ExpectValid(ParseValue(FieldType::kDate, "2024年9月3日"), expected);
  ExpectValid(ParseValue(FieldType::kDate, "2024 年 9 月 3 日"), expected);
  ExpectValid(ParseValue(FieldType::kDate, "2024年09月03日"), expected);
  ExpectValid(ParseValue(FieldType::kDate, "2024.9.3"), expected);
  ExpectValid(ParseValue(FieldType::kDate, "2024-09-03"), expected);
  ExpectValid(ParseValue(FieldType::kDate, "2024/9/3"), expected);
  ExpectValid(ParseValue(FieldType::kDate, "２０２４年９月３日"), expected);
  ExpectValid(ParseValue(FieldType::kDate, "20240903"), expected);
  ExpectValid(ParseValue(FieldType::kDate, "2024年9月3号"), expected);
  ExpectValid(ParseValue(FieldType::kDate, "2024.09.03."), expected);
}

TEST(ParseDate, ReadsChineseNumerals) {
  ExpectValid(ParseValue(FieldType::kDate, "二〇二四年九月三日"), "2024-09-03");
  ExpectValid(ParseValue(FieldType::kDate, "二零二四年十月十一日"), "2024-10-11");
  ExpectValid(ParseValue(FieldType::kDate, "二〇二四年十二月二十三日"), "2024-12-23");
  ExpectValid(ParseValue(FieldType::kDate, "二O二四年三月三十一日"), "2024-03-31");  // Latin O
  ExpectValid(ParseValue(FieldType::kDate, "二○二四年九月三十日"), "2024-09-30");    // U+25CB
  ExpectValid(ParseValue(FieldType::kDate, "二〇二五年一月十日"), "2025-01-10");
  ExpectValid(ParseValue(FieldType::kDate, "二 〇 二 四 年 九 月 三 日"), "2024-09-03");
}

TEST(ParseDate, BlankDateLineIsNull) {
  ExpectBlank(ParseValue(FieldType::kDate, "年 月 日"));
  ExpectBlank(ParseValue(FieldType::kDate, "年月日"));
  ExpectBlank(ParseValue(FieldType::kDate, "    年    月    日  "));
  ExpectBlank(ParseValue(FieldType::kDate, "____年__月__日"));
}

TEST(ParseDate, ImpossibleDatesAreInvalid) {
  ParsedValue v = ParseValue(FieldType::kDate, "2024年13月40日");
  ExpectInvalid(v);
  EXPECT_TRUE(v.value.is_null());
  EXPECT_TRUE(Contains(v.error, "日期不存在")) << v.error;
  ExpectInvalid(ParseValue(FieldType::kDate, "2023年2月29日"));
  ExpectInvalid(ParseValue(FieldType::kDate, "2024-04-31"));
  ExpectInvalid(ParseValue(FieldType::kDate, "二〇二四年十三月一日"));
  ExpectInvalid(ParseValue(FieldType::kDate, "2024年0月1日"));
}

TEST(ParseDate, LeapDayIsValid) {
  ExpectValid(ParseValue(FieldType::kDate, "2024年2月29日"), "2024-02-29");
  ExpectValid(ParseValue(FieldType::kDate, "2000.2.29"), "2000-02-29");
}

TEST(ParseDate, UnreadableOrIncompleteDatesAreInvalid) {
  ParsedValue v = ParseValue(FieldType::kDate, "明天");
  ExpectInvalid(v);
  EXPECT_TRUE(Contains(v.error, "无法识别的日期")) << v.error;
  ExpectInvalid(ParseValue(FieldType::kDate, "2024年9月"));
  ExpectInvalid(ParseValue(FieldType::kDate, "2024.9"));
  ExpectInvalid(ParseValue(FieldType::kDate, "24.9.3"));
  ExpectInvalid(ParseValue(FieldType::kDate, "2024年九十九月三日"));
}

// ---- enum ------------------------------------------------------------------------------

const std::vector<std::string> kStatus = {"在建", "已建成"};
const std::vector<std::string> kLevels = {"产线", "车间", "工厂"};
const std::vector<std::string> kOperators = {"中国移动", "中国电信", "中国联通", "中国广电"};

TEST(ParseEnum, ExactMatchAfterNormalization) {
  ParsedValue v = ParseValue(FieldType::kEnum, "在 建", kStatus);
  ExpectValid(v, "在建");
  EXPECT_EQ(v.correction, "");
  ExpectValid(ParseValue(FieldType::kEnum, "中國移動", kOperators), "中国移动");
}

TEST(ParseEnum, SnapsToTheUniqueNearestChoiceAndRecordsIt) {
  ParsedValue v = ParseValue(FieldType::kEnum, "在见", kStatus);
  ExpectValid(v, "在建");
  EXPECT_EQ(v.correction, "在见→在建");
  ParsedValue w = ParseValue(FieldType::kEnum, "已建戍", kStatus);
  ExpectValid(w, "已建成");
  EXPECT_EQ(w.correction, "已建戍→已建成");
  ExpectValid(ParseValue(FieldType::kEnum, "中国移劝", kOperators), "中国移动");
}

TEST(ParseEnum, DoesNotSnapBeyondAThirdOfTheLength) {
  ExpectInvalid(ParseValue(FieldType::kEnum, "中国X劝", kOperators));  // distance 2 > 4/3
  ExpectInvalid(ParseValue(FieldType::kEnum, "完全不同的东西", kStatus));
}

TEST(ParseEnum, DoesNotSnapOnATie) {
  ParsedValue v = ParseValue(FieldType::kEnum, "车线", kLevels);  // 1 from 产线 and 车间
  ExpectInvalid(v);
  EXPECT_TRUE(v.value.is_null());
}

TEST(ParseEnum, ReadsTheTickedCheckbox) {
  ExpectValid(ParseValue(FieldType::kEnum, "□产线 ☑车间 □工厂", kLevels), "车间");
  ExpectValid(ParseValue(FieldType::kEnum, "□产线 □车间 ■工厂", kLevels), "工厂");
  ExpectValid(ParseValue(FieldType::kEnum, "□产线 √□车间 □工厂", kLevels), "车间");
}

TEST(ParseEnum, NoneOrTwoTickedIsInvalid) {
  ExpectInvalid(ParseValue(FieldType::kEnum, "□产线 □车间 □工厂", kLevels));
  ExpectInvalid(ParseValue(FieldType::kEnum, "☑产线 ■车间 □工厂", kLevels));
}

TEST(ParseEnum, WithoutChoicesKeepsTheText) {
  ExpectValid(ParseValue(FieldType::kEnum, "任 意"), "任意");
}

// ---- phone -----------------------------------------------------------------------------

TEST(ParsePhone, MobileIsElevenDigits) {
  ExpectValid(ParseValue(FieldType::kPhone, "13871234567"), "13871234567");
  ExpectValid(ParseValue(FieldType::kPhone, "138 7123 4567"), "13871234567");
  ExpectValid(ParseValue(FieldType::kPhone, "138-7123-4567"), "13871234567");
  ExpectValid(ParseValue(FieldType::kPhone, "+86 138 7123 4567"), "13871234567");
  ExpectValid(ParseValue(FieldType::kPhone, "１３８７１２３４５６７"), "13871234567");
}

TEST(ParsePhone, RejectsMalformedMobiles) {
  ExpectInvalid(ParseValue(FieldType::kPhone, "12871234567"));   // 1[3-9] only
  ExpectInvalid(ParseValue(FieldType::kPhone, "1387123456"));    // 10 digits
  ExpectInvalid(ParseValue(FieldType::kPhone, "138712345678"));  // 12 digits
  ExpectInvalid(ParseValue(FieldType::kPhone, "abc"));
  ExpectInvalid(ParseValue(FieldType::kPhone, "13871234567/13871234568"));
}

TEST(ParsePhone, LandlineIsAreaHyphenNumber) {
  const json expected = "027-85319454";
  ExpectValid(ParseValue(FieldType::kPhone, "（027）85319454"), expected);
  ExpectValid(ParseValue(FieldType::kPhone, "(027)85319454"), expected);
  ExpectValid(ParseValue(FieldType::kPhone, "027 85319454"), expected);
  ExpectValid(ParseValue(FieldType::kPhone, "027-85319454"), expected);
  ExpectValid(ParseValue(FieldType::kPhone, "02785319454"), expected);
  ExpectValid(ParseValue(FieldType::kPhone, "０２７－８５３１９４５４"), expected);
  ExpectValid(ParseValue(FieldType::kPhone, "027—85319454"), expected);
}

TEST(ParsePhone, AreaCodeLengthFollowsTheNumberingPlan) {
  ExpectValid(ParseValue(FieldType::kPhone, "01062345678"), "010-62345678");
  ExpectValid(ParseValue(FieldType::kPhone, "0716-8123456"), "0716-8123456");
  ExpectValid(ParseValue(FieldType::kPhone, "07168123456"), "0716-8123456");
  ExpectValid(ParseValue(FieldType::kPhone, "(0755)26543210"), "0755-26543210");
}

TEST(ParsePhone, ASeparatorOutOfPlaceMarksAMisreadNumberBeginningWithZeroOrOne) {
  ExpectInvalid(ParseValue(FieldType::kPhone, "0271-5319454"));  // 027 is three digits
  ExpectInvalid(ParseValue(FieldType::kPhone, "02-705319454"));
}

TEST(ParsePhone, LocalNumberMayBeginWithZeroOrOneAsFormsMdAllows) {
  // FORMS.md: landline 0\d{2,3}-?\d{7,8}, however printed (B sample typical-01).
  ExpectValid(ParseValue(FieldType::kPhone, "027 00888128"), "027-00888128");
  ExpectValid(ParseValue(FieldType::kPhone, "（027）04815234"), "027-04815234");
  ExpectValid(ParseValue(FieldType::kPhone, "02712473197"), "027-12473197");
  ExpectValid(ParseValue(FieldType::kPhone, "027-05319454"), "027-05319454");
  // The space after the area code, as the Latin model read it.
  ExpectValid(ParseValue(FieldType::kPhone, "(020)_69942060"), "020-69942060");
}

TEST(ParsePhone, DropsALabelReadWithTheNumber) {
  ExpectValid(ParseValue(FieldType::kPhone, "手机：13871234567"), "13871234567");
  ExpectValid(ParseValue(FieldType::kPhone, "Tel: 027-85319454"), "027-85319454");
}

TEST(ParsePhone, RejectsExtensionsAndServiceNumbers) {
  ExpectInvalid(ParseValue(FieldType::kPhone, "027-85319454-8001"));
  ExpectInvalid(ParseValue(FieldType::kPhone, "400-800-8888"));
}

TEST(ParsePhone, LandlineWithoutAreaCodeIsInvalid) {
  ParsedValue v = ParseValue(FieldType::kPhone, "85319454");
  ExpectInvalid(v);
  EXPECT_TRUE(Contains(v.error, "区号")) << v.error;
  ExpectInvalid(ParseValue(FieldType::kPhone, "027-853194"));  // 6-digit number
}

TEST(ParsePhone, FixesDigitLookalikesAndRecordsIt) {
  ParsedValue v = ParseValue(FieldType::kPhone, "1387l234567");
  ExpectValid(v, "13871234567");
  EXPECT_EQ(v.correction, "1387l234567→13871234567");
  ParsedValue w = ParseValue(FieldType::kPhone, "O27-853I9454");
  ExpectValid(w, "027-85319454");
  EXPECT_EQ(w.correction, "O27-853I9454→027-85319454");
  ExpectValid(ParseValue(FieldType::kPhone, "139S7B34567"), "13957834567");
  EXPECT_EQ(ParseValue(FieldType::kPhone, "13871234567").correction, "");
}

// ---- email -----------------------------------------------------------------------------

TEST(ParseEmail, LowerCasesAndRemovesOcrSpaces) {
  ExpectValid(ParseValue(FieldType::kEmail, "ZhangSan@Example.COM"), "zhangsan@example.com");
  ExpectValid(ParseValue(FieldType::kEmail, "zhang san @ qq . com"), "zhangsan@qq.com");
  ExpectValid(ParseValue(FieldType::kEmail, "ｔｅｓｔ＠ｑｑ．ｃｏｍ"), "test@qq.com");
  ExpectValid(ParseValue(FieldType::kEmail, "li.si-01@mail.hb.gov.cn"), "li.si-01@mail.hb.gov.cn");
}

TEST(ParseEmail, DropsALabelReadWithTheAddress) {
  ExpectValid(ParseValue(FieldType::kEmail, "邮箱：Li@HB.gov.cn"), "li@hb.gov.cn");
}

TEST(ParseEmail, CommaInDomainIsFixedAndRecorded) {
  ParsedValue v = ParseValue(FieldType::kEmail, "test@qq,com");
  ExpectValid(v, "test@qq.com");
  EXPECT_EQ(v.correction, "test@qq,com→test@qq.com");
}

TEST(ParseEmail, RejectsMalformedAddresses) {
  ExpectInvalid(ParseValue(FieldType::kEmail, "a@b"));
  ExpectInvalid(ParseValue(FieldType::kEmail, "a@@b.com"));
  ExpectInvalid(ParseValue(FieldType::kEmail, "a@b@c.com"));
  ExpectInvalid(ParseValue(FieldType::kEmail, "@qq.com"));
  ExpectInvalid(ParseValue(FieldType::kEmail, "abc"));
  ExpectInvalid(ParseValue(FieldType::kEmail, "张三@qq.com"));
  ExpectInvalid(ParseValue(FieldType::kEmail, "a@.com"));
}

// ---- uscc ------------------------------------------------------------------------------

// Codes published as valid in python-stdnum's tests (tests/test_cn_uscc.doctest), each
// re-checked here with an independent implementation of GB 32100-2015.
const char* const kRealCodes[] = {
    "91110000600037341L", "91110000710926094P", "121200004013590816", "91310000631696382C",
    "9144030071526726XG", "91420684MA4927PJ7B", "91440300568520498A", "91620105L015101280",
    "92340621MA2UK3PJXE", "91340600MA2PBN188W",
};

TEST(UsccCheckDigitValid, AcceptsRealCodes) {
  for (const char* code : kRealCodes) EXPECT_TRUE(UsccCheckDigitValid(code)) << code;
}

TEST(UsccCheckDigitValid, MatchesAHandComputation) {
  // 9 1 1 1 0 0 0 0 6 0 0 0 3 7 3 4 1 × weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28:
  // 9+3+9+27+0+0+0+0+120+0+0+0+24+168+30+120+28 = 538; 538 mod 31 = 11; 31-11 = 20 = 'L'.
  EXPECT_TRUE(UsccCheckDigitValid("91110000600037341L"));
  // 911101087226175627 looks like a code, but its 17 characters weigh 998; 998 mod 31 = 6;
  // 31-6 = 25 = 'R', not 7.
  EXPECT_FALSE(UsccCheckDigitValid("911101087226175627"));
  EXPECT_TRUE(UsccCheckDigitValid("91110108722617562R"));
}

TEST(UsccCheckDigitValid, RejectsWrongCheckLengthAndCharset) {
  EXPECT_FALSE(UsccCheckDigitValid("91110000600037341N"));
  EXPECT_FALSE(UsccCheckDigitValid("91110000600037341"));
  EXPECT_FALSE(UsccCheckDigitValid("91110000600037341LL"));
  EXPECT_FALSE(UsccCheckDigitValid("91110000600037341l"));  // lower case is not the charset
  EXPECT_FALSE(UsccCheckDigitValid("9111000060003IOZSV"));
  EXPECT_FALSE(UsccCheckDigitValid(""));
}

TEST(ParseUscc, NormalizesToEighteenUpperCaseCharacters) {
  ExpectValid(ParseValue(FieldType::kUscc, "91110000600037341L"), "91110000600037341L");
  ExpectValid(ParseValue(FieldType::kUscc, " 9111 0000 6000 3734 1L "), "91110000600037341L");
  ExpectValid(ParseValue(FieldType::kUscc, "91420684ma4927pj7b"), "91420684MA4927PJ7B");
  ExpectValid(ParseValue(FieldType::kUscc, "９１１１００００６０００３７３４１Ｌ"), "91110000600037341L");
  ParsedValue v = ParseValue(FieldType::kUscc, "91110000600037341l");  // lower-case L stays L
  ExpectValid(v, "91110000600037341L");
  EXPECT_EQ(v.correction, "");
}

TEST(ParseUscc, FixesLettersThatNeverOccurInACode) {
  ParsedValue v = ParseValue(FieldType::kUscc, "9111OOOO6OOO37341L");
  ExpectValid(v, "91110000600037341L");
  EXPECT_EQ(v.correction, "9111OOOO6OOO37341L→91110000600037341L");
  // B and L cannot stand in the administrative division code (characters 3–8).
  ParsedValue w = ParseValue(FieldType::kUscc, "914206B4MA4927PJ7B");
  ExpectValid(w, "91420684MA4927PJ7B");
  EXPECT_EQ(w.correction, "914206B4MA4927PJ7B→91420684MA4927PJ7B");
  ExpectValid(ParseValue(FieldType::kUscc, "9I34O6OOMA2PBNl88W"), "91340600MA2PBN188W");
}

TEST(ParseUscc, WrongCheckDigitIsInvalidWithTheSpecMessage) {
  ParsedValue v = ParseValue(FieldType::kUscc, "91110000600037341N");
  ExpectInvalid(v);
  EXPECT_EQ(v.error, "统一社会信用代码校验位不符");
  EXPECT_EQ(v.value, "91110000600037341N");
  EXPECT_EQ(ParseValue(FieldType::kUscc, "911101087226175627").error, "统一社会信用代码校验位不符");
}

TEST(ParseUscc, RejectsWrongLengthAndCharacters) {
  ParsedValue v = ParseValue(FieldType::kUscc, "9111000060003734");
  ExpectInvalid(v);
  EXPECT_TRUE(Contains(v.error, "18位")) << v.error;
  ExpectInvalid(ParseValue(FieldType::kUscc, "91110000600037341LX"));
  ExpectInvalid(ParseValue(FieldType::kUscc, "91AB0000600037341L"));  // region code must be digits
  ExpectInvalid(ParseValue(FieldType::kUscc, "9111000060003734中L"));
  ExpectInvalid(ParseValue(FieldType::kUscc, "91110000600037341V"));
}

// ---- CharsetFor ------------------------------------------------------------------------

TEST(CharsetFor, GivesAsciiWhitelistsForCodeTypes) {
  EXPECT_EQ(CharsetFor(FieldType::kInt), "0123456789");
  EXPECT_EQ(CharsetFor(FieldType::kUscc), "0123456789ABCDEFGHJKLMNPQRTUWXY");
  EXPECT_NE(CharsetFor(FieldType::kPhone).find('-'), std::string::npos);
  EXPECT_NE(CharsetFor(FieldType::kEmail).find('@'), std::string::npos);
  EXPECT_NE(CharsetFor(FieldType::kPercent).find('%'), std::string::npos);
}

TEST(CharsetFor, IsEmptyForTypesPrintedInChinese) {
  EXPECT_EQ(CharsetFor(FieldType::kText), "");
  EXPECT_EQ(CharsetFor(FieldType::kParagraph), "");
  EXPECT_EQ(CharsetFor(FieldType::kEnum), "");
  EXPECT_EQ(CharsetFor(FieldType::kDate), "");  // 2024年9月3日 needs 年月日
}

// ---- robustness ------------------------------------------------------------------------

TEST(ParseValue, NeverThrowsOnGarbageInvalidUtf8OrHugeInput) {
  std::string huge_digits(200000, '7');
  std::string huge_text;
  for (int i = 0; i < 20000; ++i) huge_text += "武 (汉) ";
  const std::vector<std::string> inputs = {
      "\xff\xfe\x80\x81", "\xe6\xad", std::string("1\0" "2", 3), "\x01\x02\x03", huge_digits, huge_text,
      std::string(100000, '@'), std::string(100000, ','), "年年年月月月日日日", "()()()", "--",
  };
  for (FieldType t : {FieldType::kText, FieldType::kParagraph, FieldType::kInt, FieldType::kDecimal2,
                      FieldType::kDate, FieldType::kEnum, FieldType::kPhone, FieldType::kEmail,
                      FieldType::kUscc, FieldType::kPercent}) {
    for (const std::string& raw : inputs) {
      SCOPED_TRACE(std::string(FieldTypeName(t)) + " input of " + std::to_string(raw.size()) + " bytes");
      ParsedValue v;
      EXPECT_NO_THROW(v = ParseValue(t, raw, kStatus));
      if (v.blank) {
        EXPECT_TRUE(v.valid && v.value.is_null());
      }
      if (!v.valid) {
        EXPECT_NE(v.error, "");
      }
      // What goes into the record must be valid UTF-8, or dumping it throws.
      EXPECT_NO_THROW((void)json({v.value, v.error, v.correction}).dump());
    }
  }
}

TEST(ParseValue, IsSafeToCallFromSeveralThreads) {
  // Each thread builds its own transliterator and break iterator.
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&failures, t] {
      for (int i = 0; i < 200; ++i) {
        if (ParseValue(FieldType::kEnum, "中國移劝", kOperators).value != "中国移动") ++failures[t];
        if (ParseValue(FieldType::kDate, "二〇二四年九月三日").value != "2024-09-03") ++failures[t];
        if (ParseValue(FieldType::kText, "武 汉 (湖北)").value != "武汉（湖北）") ++failures[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures, std::vector<int>(4, 0));
}

TEST(ParseValue, HugeNumbersAreInvalidNotCrashes) {
  std::string huge(200000, '7');
  ExpectInvalid(ParseValue(FieldType::kInt, huge));
  ExpectInvalid(ParseValue(FieldType::kDecimal2, huge));
  ExpectInvalid(ParseValue(FieldType::kPhone, huge));
  ExpectInvalid(ParseValue(FieldType::kUscc, huge));
  ExpectInvalid(ParseValue(FieldType::kDate, huge));
}

}  // namespace
}  // namespace shenbao::extract

namespace shenbao::extract {
namespace {

TEST(ParseEmailDomainSnap, OneSlipFromACommonDomainIsSnappedAndRecorded) {
  const ParsedValue v = ParseValue(FieldType::kEmail, "wujia@qg.com");
  EXPECT_TRUE(v.valid);
  EXPECT_EQ(v.value, "wujia@qq.com");
  EXPECT_FALSE(v.correction.empty());
}

TEST(ParseEmailOnesAndLs, AnLAgainstADigitRunIsTheOneItMostLikelyIsAndRecorded) {
  // The Latin model reads a 1 after letters as l; the address is pinyin and digits.
  for (const auto& [read, truth] : std::vector<std::pair<std::string, std::string>>{
           {"dingjuanl730@qq.com", "dingjuan1730@qq.com"},
           {"cuibol007@qq.com", "cuibo1007@qq.com"},
           {"yangting77l@foxmail.com", "yangting771@foxmail.com"},
           {"wang.l5@126.com", "wang.15@126.com"},
           // A capital I before lower-case letters: an l without the dot of an i.
           {"Iping.xxh8@126.com", "lping.xxh8@126.com"}}) {
    const ParsedValue v = ParseValue(FieldType::kEmail, read);
    EXPECT_TRUE(v.valid) << read;
    EXPECT_EQ(v.value, truth) << read;
    // A likelihood, not a certainty: recorded, so the value goes to a person.
    EXPECT_FALSE(v.correction.empty()) << read;
  }
}

TEST(ParseEmailOnesAndLs, AnLAmongLettersOrInTheDomainIsKept) {
  for (const std::string address : {"liuyong@foxmail.com", "l.ping8@126.com", "wang77lin@qq.com",
                                    "lbinit53@whsteel.com.cn", "xiaol@qq.com", "qi2008@qq.com"}) {
    const ParsedValue v = ParseValue(FieldType::kEmail, address);
    EXPECT_EQ(v.value, address);
    EXPECT_TRUE(v.correction.empty()) << address;
  }
}

TEST(ParseEmailDomainSnap, AnUncommonDomainIsKeptAsRead) {
  const ParsedValue v = ParseValue(FieldType::kEmail, "zfang@hbjxt.gov.cn");
  EXPECT_EQ(v.value, "zfang@hbjxt.gov.cn");
}

}  // namespace
}  // namespace shenbao::extract
