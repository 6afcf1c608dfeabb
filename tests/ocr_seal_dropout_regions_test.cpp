// The seal dropout works only where a page has red ink (ocr/seal_dropout.cpp,
// RedRegions): every seal on the page must still be taken out, however far apart,
// and a page without red must come out as its plain grey.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "ocr/cleanup.h"

namespace shenbao::ocr {
namespace {

// A white A4-ish page at 150 dpi with a black bar of print under each seal spot.
cv::Mat PageWithPrint() {
  cv::Mat page(1750, 1240, CV_8UC3, cv::Scalar(245, 245, 245));
  for (const cv::Point at : {cv::Point(200, 200), cv::Point(1000, 1500)})
    cv::rectangle(page, cv::Rect(at.x - 90, at.y - 8, 180, 16), cv::Scalar(20, 20, 20), cv::FILLED);
  return page;
}

void StampSeal(cv::Mat& page, cv::Point centre) {
  // A seal ring and a star in seal red; drawn over the print (inks multiply: the
  // print stays dark where both are).
  cv::Mat seal(page.size(), CV_8UC3, cv::Scalar(255, 255, 255));
  cv::circle(seal, centre, 110, cv::Scalar(40, 40, 220), 10);
  cv::circle(seal, centre, 30, cv::Scalar(40, 40, 220), cv::FILLED);
  cv::multiply(page, seal, page, 1.0 / 255);
}

TEST(SealDropoutRegions, EverySealOnThePageIsTakenOut) {
  cv::Mat page = PageWithPrint();
  StampSeal(page, {200, 200});
  StampSeal(page, {1000, 1500});
  const cv::Mat gray = DropoutRedInk(page, cv::Mat());
  for (const cv::Point centre : {cv::Point(200, 200), cv::Point(1000, 1500)}) {
    EXPECT_GT(gray.at<uint8_t>(centre.y - 110, centre.x), 200) << "ring left at " << centre;  // seal only
    EXPECT_GT(gray.at<uint8_t>(centre.y + 25, centre.x), 200) << "star left at " << centre;
    EXPECT_LT(gray.at<uint8_t>(centre.y, centre.x), 100) << "print lost at " << centre;   // print under the star
  }
}

TEST(SealDropoutRegions, APageWithoutRedIsItsPlainGrey) {
  const cv::Mat page = PageWithPrint();
  cv::Mat expected;
  cv::cvtColor(page, expected, cv::COLOR_BGR2GRAY);
  EXPECT_EQ(cv::countNonZero(DropoutRedInk(page, cv::Mat()) != expected), 0);
}

}  // namespace
}  // namespace shenbao::ocr
