// The date of a （盖章） block whose 〇 a seal's strokes crossed: OCR reads the thin
// ring as Latin letters ("二DQ二三年九月二十七日"); the date is still read, as a
// correction a person confirms.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "extract/kv_parts.h"

namespace shenbao::extract {
namespace {

FieldResult ReadDate(const std::vector<std::string>& texts) {
  static const AnalyzedPage page;
  KvCell cell;
  cell.page = &page;
  cell.box = cv::Rect(0, 0, 1400, 500);
  std::vector<TextLine> lines;
  int y = 10;
  for (const std::string& t : texts) {
    TextLine line;
    line.raw = line.text = t;
    line.box = cv::Rect(10, y, 800, 50);
    line.confidence = 0.8f;
    lines.push_back(line);
    y += 100;
  }
  FieldSpec spec;
  spec.id = "pledge_date";
  spec.type = FieldType::kDate;
  spec.part = CellPart::kDate;
  return ReadSignBlockPart(spec, cell, lines);
}

TEST(SignBlockDate, AZeroReadAsLettersUnderASealIsStillAZero) {
  for (const char* read : {"二DQ二三年九月二十七日", "二D二三年九月二十七日", "二Q二三年九月二十七日", "二@〇二三年九月二十七日"}) {
    const FieldResult f = ReadDate({"我市申报的所有材料均真实完整。", "申报城市人民政府（盖章）：", read});
    ASSERT_TRUE(f.value.is_string()) << read;
    EXPECT_EQ(f.value.get<std::string>(), "2023-09-27") << read;
    EXPECT_FALSE(f.correction.empty()) << read;
    EXPECT_LT(f.confidence, 0.9) << read;
  }
}

TEST(SignBlockDate, LettersThatAreNotAZeroMakeNoDate) {
  // Two letters' worth of year left after the ring: not four numerals.
  const FieldResult f = ReadDate({"申报城市人民政府（盖章）：", "DQ二三年九月二十七日"});
  EXPECT_TRUE(f.value.is_null());
  const FieldResult g = ReadDate({"申报城市人民政府（盖章）：", "二X二三年九月二十七日"});
  EXPECT_TRUE(g.value.is_null());
}

}  // namespace
}  // namespace shenbao::extract
