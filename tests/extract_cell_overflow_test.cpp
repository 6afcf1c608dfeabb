// A value typed past its cell's right rule is read whole, and only then: text that
// ends inside the rule, and the next cell's own text, are left where they are.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "extract/form_reader.h"
#include "ocr/cell_overflow.h"
#include "ocr/ocr_engine.h"

namespace shenbao {
namespace {

// A two-cell ruled row on white paper, 300 dpi-like sizes: the cell under test is
// x ∈ [100, 500) between rules at x = 97..99 and 500..502, 70 px tall.
constexpr int kRuleLeft = 97, kRuleRight = 500, kRuleWidth = 3;
const cv::Rect kCell(100, 103, 400, 70);  // inside the rules

cv::Mat RuledRow() {
  cv::Mat page(300, 1100, CV_8UC1, cv::Scalar(255));
  for (int y : {100, 173}) cv::rectangle(page, cv::Rect(kRuleLeft, y, 1000, kRuleWidth), cv::Scalar(0), cv::FILLED);
  for (int x : {kRuleLeft, kRuleRight, 1094})
    cv::rectangle(page, cv::Rect(x, 100, kRuleWidth, 76), cv::Scalar(0), cv::FILLED);
  return page;
}

void Write(cv::Mat& page, const std::string& text, int x) {
  cv::putText(page, text, cv::Point(x, 153), cv::FONT_HERSHEY_SIMPLEX, 1.3, cv::Scalar(0), 3, cv::LINE_AA);
}

TEST(CellOverflow, TextAcrossTheRuleWidensTheCellToItsEnd) {
  cv::Mat page = RuledRow();
  Write(page, "caosi898@outlook.com", 110);
  int baseline = 0;
  const int text_end =
      110 + cv::getTextSize("caosi898@outlook.com", cv::FONT_HERSHEY_SIMPLEX, 1.3, 3, &baseline).width;
  ASSERT_GT(text_end, kRuleRight + 40);  // the address runs well past the rule
  const ocr::CellOverflow overflow = ocr::FindTextOverflowRight(page, kCell);
  EXPECT_NEAR(overflow.rule_x, kRuleRight, 3);  // the rule and its blurred edges
  EXPECT_GE(overflow.region.br().x, text_end - 10);  // takes in the rest of the address (ink ends a
                                                    // few px before the advance width)
  EXPECT_LT(overflow.region.br().x, text_end + 20);  // and stops at its end, not at the next rule
}

TEST(CellOverflow, TextEndingInsideTheCellIsLeftAlone) {
  cv::Mat page = RuledRow();
  Write(page, "zhang@qq.com", 110);
  Write(page, "next cell", 515);  // the neighbour's own text, after its padding
  const ocr::CellOverflow overflow = ocr::FindTextOverflowRight(page, kCell);
  EXPECT_EQ(overflow.region, kCell);
  EXPECT_EQ(overflow.rule_x, -1);
}

TEST(CellOverflow, NoRuleNoWidening) {
  cv::Mat page(300, 1100, CV_8UC1, cv::Scalar(255));
  Write(page, "caosi898@outlook.com", 110);
  EXPECT_EQ(ocr::FindTextOverflowRight(page, kCell).region, kCell);
}

// The last column of a table: its top and bottom rules stop at the outer border, and
// paper lies beyond it.
cv::Mat LastColumn() {
  cv::Mat page(300, 1100, CV_8UC1, cv::Scalar(255));
  for (int y : {100, 173}) cv::rectangle(page, cv::Rect(0, y, kRuleRight + kRuleWidth, kRuleWidth), cv::Scalar(0), cv::FILLED);
  for (int x : {kRuleLeft, kRuleRight}) cv::rectangle(page, cv::Rect(x, 100, kRuleWidth, 76), cv::Scalar(0), cv::FILLED);
  return page;
}

// `left` typed to end just inside the rule, `right` resuming just past it: the rule
// falls between two letters and touches neither (".c|om").
void WriteAcross(cv::Mat& page, const std::string& left, const std::string& right) {
  int baseline = 0;
  const int width = cv::getTextSize(left, cv::FONT_HERSHEY_SIMPLEX, 1.3, 3, &baseline).width;
  Write(page, left, kRuleRight - width - 5);
  Write(page, right, kRuleRight + kRuleWidth + 5);
}

TEST(CellOverflow, TextResumingPastTheTablesOuterBorderRunsOn) {
  cv::Mat page = LastColumn();
  WriteAcross(page, "ting1187@outlook.c", "om");
  const ocr::CellOverflow overflow = ocr::FindTextOverflowRight(page, kCell);
  EXPECT_NEAR(overflow.rule_x, kRuleRight, 3);
  EXPECT_GT(overflow.region.br().x, kRuleRight + 40);  // takes in the "om"
}

TEST(CellOverflow, TextFarPastTheOuterBorderIsNotTheValues) {
  cv::Mat page = LastColumn();
  Write(page, "zhang@qq.com", 110);
  Write(page, "note", kRuleRight + 40);  // in the margin, not where the text would resume
  EXPECT_EQ(ocr::FindTextOverflowRight(page, kCell).region, kCell);
}

TEST(CellOverflow, AValuePastItsRuleIsReadWhole) {
  cv::Mat page = RuledRow();
  Write(page, "caosi898@outlook.com", 110);
  const auto engine = ocr::MakeTesseractEngine({});
  const extract::FieldResult f =
      extract::ReadValue(page, kCell, 1, extract::FieldType::kEmail, {}, *engine, /*follow_overflow=*/true);
  EXPECT_EQ(f.value, "caosi898@outlook.com") << "raw text: " << f.text;
}

}  // namespace
}  // namespace shenbao
