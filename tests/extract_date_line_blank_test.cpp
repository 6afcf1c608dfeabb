// The date line of a signature block (from: date-line) with a seal over it. Left
// blank, 年 月 日: what is left of the seal's strokes after dropout (its code runs
// through the blanks) reads as a stray character, "年月唱"; the date is blank on
// paper (null, sent to a person as under a seal), not missing from the record.
// Filled in Chinese numerals: the seal's strokes make the thin 〇 a mark.
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "extract/form_reader.h"

namespace shenbao::extract {
namespace {

class NoOcr : public ocr::OcrEngine {
 public:
  ocr::OcrText Recognize(const cv::Mat&, ocr::TextKind) override { return {}; }
};

std::optional<FieldResult> DateOf(const std::string& line_text, bool seal_over_it) {
  FormTemplate form;
  form.id = "test-summary";
  FieldSpec date;
  date.id = "date";
  date.type = FieldType::kDate;
  date.locate = Locate::kDateLine;
  form.fields.push_back(date);
  std::vector<AnalyzedPage> pages(1);
  AnalyzedPage& page = pages.front();
  page.image.page = 1;
  for (const char* text : {"填报单位：武汉长江新区产业促进局", line_text.c_str()}) {
    TextLine line;
    line.raw = line.text = text;
    line.box = cv::Rect(1300, 700 + 100 * static_cast<int>(page.lines.size()), 500, 60);
    line.confidence = 0.7f;
    page.lines.push_back(line);
  }
  if (seal_over_it) {
    ocr::SealCandidate seal;
    seal.center = cv::Point2f(1500, 780);
    seal.radius_x = seal.radius_y = 250;
    seal.bbox = cv::Rect(1250, 530, 500, 500);
    page.seals.push_back(seal);
  }
  NoOcr engine;
  Record record;
  ReadDocument(form, TemplateMatch{}, pages, engine, ReadOptions{}, record);
  for (const auto& [id, f] : record.fields)
    if (id == "date") return f;
  return std::nullopt;
}

TEST(DateLine, BlankDateUnderASealWithAStrayCharacterIsBlank) {
  for (const char* read : {"年月唱", "年”月提", "年 月 日"}) {
    const std::optional<FieldResult> f = DateOf(read, true);
    ASSERT_TRUE(f.has_value()) << read;
    EXPECT_TRUE(f->value.is_null()) << read;
    EXPECT_LT(f->confidence, 0.9) << read;  // under a seal: a person looks
  }
}

TEST(DateLine, AZeroOfAChineseNumeralYearReadAsAMarkIsStillAZero) {
  // The seal's strokes cross the 〇: read as "@" beside a 〇 of the same ring, or as
  // letters alone. A correction: a person confirms it.
  for (const char* read : {"二@〇二四年十月二十六日", "二DQ二四年十月二十六日"}) {
    const std::optional<FieldResult> f = DateOf(read, true);
    ASSERT_TRUE(f.has_value()) << read;
    EXPECT_EQ(f->value, "2024-10-26") << read;
    EXPECT_FALSE(f->correction.empty()) << read;
    EXPECT_LT(f->confidence, 0.9) << read;
  }
  // Five numerals and no ring to merge: not a year, so no date.
  const std::optional<FieldResult> five = DateOf("二@二〇二四年十月二十六日", true);
  EXPECT_TRUE(!five.has_value() || five->value.is_null());
}

TEST(DateLine, DatesAndLinesWithNumbersAreNotTakenForBlank) {
  const std::optional<FieldResult> dated = DateOf("2023年8月23日", true);
  ASSERT_TRUE(dated.has_value());
  EXPECT_EQ(dated->value, "2023-08-23");
  // Numbers between the marks: a date read badly, not a blank one.
  EXPECT_FALSE(DateOf("年8月唱", true).has_value());
  // No seal: a stray character in 年 月 日 is not explained by one.
  EXPECT_FALSE(DateOf("年月唱", false).has_value());
}

}  // namespace
}  // namespace shenbao::extract
