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

}  // namespace
}  // namespace shenbao::ocr
