// The seal dropout keeps print under a seal however thin its strokes
// (ocr/seal_dropout.cpp): the one-pixel horizontal of a Song-face character that a
// seal's ring crosses is print, though most pixels around it are seal.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "ocr/cleanup.h"

namespace shenbao::ocr {
namespace {

TEST(SealDropoutThinPrint, AOnePixelStrokeUnderASealRingStaysDark) {
  // A clean 300-dpi scan: white paper, a hairline of black print, and a seal's
  // ring 12 px wide across it (the inks multiply: the hairline stays dark in red).
  cv::Mat page(600, 800, CV_8UC3, cv::Scalar(252, 252, 252));
  cv::line(page, {100, 300}, {700, 300}, cv::Scalar(10, 10, 10), 1);
  cv::Mat seal(page.size(), CV_8UC3, cv::Scalar(255, 255, 255));
  const cv::Point centre(400, 480);
  cv::circle(seal, centre, 180, cv::Scalar(70, 60, 225), 12);
  cv::multiply(page, seal, page, 1.0 / 255);
  const cv::Mat gray = DropoutRedInk(page, cv::Mat());
  // Where the ring crosses the hairline (x = 400, y = 300 is the ring's top).
  int print_kept = 0, seal_left = 0;
  for (int x = 380; x <= 420; ++x) {
    if (gray.at<uint8_t>(300, x) < 128) ++print_kept;
    if (gray.at<uint8_t>(296, x) < 200) ++seal_left;  // the ring alone, just above the hairline
  }
  EXPECT_EQ(print_kept, 41) << "the hairline was painted out with the seal";
  EXPECT_EQ(seal_left, 0);
}

}  // namespace
}  // namespace shenbao::ocr
