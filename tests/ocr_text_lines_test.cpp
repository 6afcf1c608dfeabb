// Splitting a cell into text lines before single-line OCR.
#include "ocr/text_lines.h"

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

namespace shenbao::ocr {
namespace {

cv::Mat WhiteCrop(int w, int h) { return cv::Mat(h, w, CV_8UC1, cv::Scalar(255)); }

TEST(SplitTextLines, BlankCropHasNoLines) { EXPECT_TRUE(SplitTextLines(WhiteCrop(300, 80)).empty()); }

TEST(SplitTextLines, PhoneAboveEmailCloseTogetherAreTwoLines) {
  cv::Mat crop = WhiteCrop(500, 110);
  cv::putText(crop, "17742022651", {10, 40}, cv::FONT_HERSHEY_SIMPLEX, 1.1, cv::Scalar(0), 2);
  cv::putText(crop, "zhao2944@qq.com", {10, 86}, cv::FONT_HERSHEY_SIMPLEX, 1.1, cv::Scalar(0), 2);
  const auto lines = SplitTextLines(crop);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_LT(lines[0].y + lines[0].height, lines[1].y + lines[1].height);
}

TEST(SplitTextLines, StrokesOfOneCharacterLineStayTogether) {
  // Two bars with a wide gap, as in 二, beside a full-height glyph: one line.
  cv::Mat crop = WhiteCrop(300, 90);
  cv::rectangle(crop, {20, 20, 40, 4}, cv::Scalar(0), cv::FILLED);
  cv::rectangle(crop, {15, 60, 50, 4}, cv::Scalar(0), cv::FILLED);
  cv::rectangle(crop, {90, 18, 4, 48}, cv::Scalar(0), cv::FILLED);
  cv::rectangle(crop, {80, 40, 30, 4}, cv::Scalar(0), cv::FILLED);
  EXPECT_EQ(SplitTextLines(crop).size(), 1u);
}

TEST(SplitTextLines, ACharacterOfTwoStackedPartsAloneOnTheLastLineIsOneLine) {
  // A wrapped cell: a line of boxy characters, then 台 alone (厶 over 口, 4 px apart),
  // as in 平台类——区域特色平 / 台. Read as two half lines it became 台台.
  cv::Mat crop = WhiteCrop(470, 116);
  for (int x = 10; x < 440; x += 52) cv::rectangle(crop, {x, 6, 44, 44}, cv::Scalar(0), 3);
  cv::line(crop, {22, 68}, {12, 84}, cv::Scalar(0), 3);   // 厶
  cv::line(crop, {12, 84}, {50, 82}, cv::Scalar(0), 3);
  cv::rectangle(crop, {16, 93, 30, 18}, cv::Scalar(0), 3);  // 口
  const auto lines = SplitTextLines(crop);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_LE(lines[1].y, 68);
  EXPECT_GE(lines[1].y + lines[1].height, 110);
}

TEST(SplitTextLines, TwoLinesOfTextUnderATallerRunStayTwoLines) {
  // Two lines that touch make a run twice a line's height; the two lines below it,
  // each half that, close together, are lines of text (several characters wide), not
  // the parts of one character.
  cv::Mat crop = WhiteCrop(470, 130);
  cv::rectangle(crop, {10, 4, 400, 48}, cv::Scalar(0), 3);
  for (int y : {66, 96})
    for (int x = 10; x < 300; x += 28) cv::rectangle(crop, {x, y, 22, 22}, cv::Scalar(0), 2);
  EXPECT_EQ(SplitTextLines(crop).size(), 3u);
}

TEST(SplitTextLines, SpecksBetweenLinesOfAGrainyScanDoNotJoinThem) {
  // Two lines of a hard scan's opinion cell with grain (and what dropout leaves of
  // a seal) between them: a few one- and two-pixel specks in every row of the gap,
  // which made the two lines and the gap one line the OCR read as noise.
  cv::Mat crop = WhiteCrop(900, 200);
  cv::putText(crop, "Shenbao opinion line one", {10, 50}, cv::FONT_HERSHEY_SIMPLEX, 1.4, cv::Scalar(0), 3);
  cv::putText(crop, "2023 9 14 the date line", {10, 180}, cv::FONT_HERSHEY_SIMPLEX, 1.4, cv::Scalar(0), 3);
  for (int y = 0; y < crop.rows; ++y)
    for (int k = 0; k < 4; ++k) crop.at<uint8_t>(y, (y * 131 + k * 211) % crop.cols) = 40;
  for (int y = 70; y < 140; y += 3) cv::rectangle(crop, {(y * 37) % 880, y, 2, 1}, cv::Scalar(60), cv::FILLED);
  const auto lines = SplitTextLines(crop);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_LT(lines[0].y + lines[0].height, 90);
  EXPECT_GT(lines[1].y, 110);
}

TEST(JoinLinesIntoOne, WrappedLinesBecomeOneLineAsTallAsTheTallest) {
  cv::Mat crop = WhiteCrop(400, 120);
  cv::putText(crop, "ABCDEFG", {10, 45}, cv::FONT_HERSHEY_SIMPLEX, 1.2, cv::Scalar(0), 2);
  cv::putText(crop, "HI", {10, 100}, cv::FONT_HERSHEY_SIMPLEX, 1.2, cv::Scalar(0), 2);
  const auto lines = SplitTextLines(crop);
  ASSERT_EQ(lines.size(), 2u);
  const cv::Mat joined = JoinLinesIntoOne(crop, lines);
  EXPECT_EQ(joined.rows, std::max(lines[0].height, lines[1].height));
  EXPECT_GT(joined.cols, 150);
}

TEST(JoinLinesIntoOne, ASpeckFarRightOfAShortLineOnGreyPaperIsNotItsEnd) {
  // A wrapped cell of a hard scan: grey, grainy paper, a short second line, and one
  // dark speck near the cell's right edge (grain, or what dropout left of a seal's
  // edge). Taken for the end of the line, it added the bare paper up to it to the
  // joined line, which the OCR read as "000".
  cv::Mat crop(120, 700, CV_8UC1);
  for (int y = 0; y < crop.rows; ++y)
    for (int x = 0; x < crop.cols; ++x) crop.at<uint8_t>(y, x) = static_cast<uint8_t>(185 + (x * 7 + y * 13) % 11);
  cv::putText(crop, "ABCDEFGHIJ", {10, 45}, cv::FONT_HERSHEY_SIMPLEX, 1.2, cv::Scalar(60), 2);
  cv::putText(crop, "HI", {10, 100}, cv::FONT_HERSHEY_SIMPLEX, 1.2, cv::Scalar(60), 2);
  cv::rectangle(crop, {640, 70, 2, 2}, cv::Scalar(120), cv::FILLED);
  const auto lines = SplitTextLines(crop);
  ASSERT_EQ(lines.size(), 2u);
  const cv::Mat joined = JoinLinesIntoOne(crop, lines);
  // The first line (about 260 px of ink), a gap and "HI" (about 45 px): not 630 more.
  EXPECT_LT(joined.cols, 400);
}

}  // namespace
}  // namespace shenbao::ocr
