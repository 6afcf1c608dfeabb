// DarkComponents must find exactly the components OpenCV's labelling finds in the
// thresholded image: IsBlank, InkBounds and the ink groups decide on them.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <tuple>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "ocr/ink_components.h"

namespace shenbao::ocr {
namespace {

using Component = std::tuple<int, int, int, int, int>;  // x, y, width, height, area

std::vector<Component> Sorted(std::vector<Component> v) {
  std::sort(v.begin(), v.end());
  return v;
}

std::vector<Component> FromOpenCv(const cv::Mat& gray, int threshold) {
  cv::Mat dark, labels, stats, centroids;
  cv::threshold(gray, dark, threshold, 255, cv::THRESH_BINARY_INV);
  const int n = cv::connectedComponentsWithStats(dark, labels, stats, centroids, 8, CV_32S);
  std::vector<Component> out;
  for (int i = 1; i < n; ++i)
    out.emplace_back(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                     stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT),
                     stats.at<int>(i, cv::CC_STAT_AREA));
  return Sorted(out);
}

std::vector<Component> FromRuns(const cv::Mat& gray, int threshold) {
  std::vector<Component> out;
  for (const DarkComponent& c : DarkComponents(gray, threshold))
    out.emplace_back(c.box.x, c.box.y, c.box.width, c.box.height, c.area);
  return Sorted(out);
}

TEST(DarkComponents, SameAsOpenCvLabellingOnRandomImages) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 300; ++trial) {
    const int rows = 1 + static_cast<int>(rng() % 60), cols = 1 + static_cast<int>(rng() % 90);
    cv::Mat gray(rows, cols, CV_8UC1);
    // From sparse specks to mostly ink: diagonal touches, holes, spirals of runs.
    const int dark_share = static_cast<int>(rng() % 100);
    for (int y = 0; y < rows; ++y)
      for (int x = 0; x < cols; ++x)
        gray.at<uint8_t>(y, x) = static_cast<int>(rng() % 100) < dark_share ? rng() % 120 : 130 + rng() % 126;
    const int threshold = 100 + static_cast<int>(rng() % 40);
    EXPECT_EQ(FromRuns(gray, threshold), FromOpenCv(gray, threshold)) << rows << "x" << cols << " trial " << trial;
  }
}

TEST(FindMaskComponents, SameComponentsAsOpenCvAndPaintsExactlyTheirPixels) {
  std::mt19937 rng(11);
  for (int trial = 0; trial < 200; ++trial) {
    const int rows = 1 + static_cast<int>(rng() % 50), cols = 1 + static_cast<int>(rng() % 70);
    cv::Mat mask(rows, cols, CV_8UC1);
    const int share = static_cast<int>(rng() % 100);
    for (int y = 0; y < rows; ++y)
      for (int x = 0; x < cols; ++x) mask.at<uint8_t>(y, x) = static_cast<int>(rng() % 100) < share ? 255 : 0;
    cv::Mat labels, stats, centroids;
    const int n = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
    const MaskComponents found = FindMaskComponents(mask);
    ASSERT_EQ(static_cast<int>(found.components.size()), n - 1);
    // Painting out the small components leaves what painting OpenCV's labels does.
    cv::Mat expected = mask.clone();
    for (int i = 1; i < n; ++i)
      if (stats.at<int>(i, cv::CC_STAT_AREA) < 6) expected.setTo(0, labels == i);
    cv::Mat painted = mask.clone();
    PaintComponents(painted, found, [&](int i) { return found.components[i].area < 6; }, 0);
    EXPECT_EQ(cv::countNonZero(painted != expected), 0) << "trial " << trial;
  }
}

TEST(DarkComponents, LevelAtTheThresholdIsInkAndViewsAreRespected) {
  cv::Mat page(40, 40, CV_8UC1, cv::Scalar(255));
  page(cv::Rect(5, 5, 3, 2)).setTo(120);    // exactly at the threshold: ink
  page(cv::Rect(20, 20, 4, 4)).setTo(121);  // just above: paper
  page(cv::Rect(30, 30, 5, 1)).setTo(0);
  const cv::Mat view = page(cv::Rect(2, 2, 36, 36));  // rows not contiguous
  const std::vector<DarkComponent> found = DarkComponents(view, 120);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].box, cv::Rect(3, 3, 3, 2));
  EXPECT_EQ(found[0].area, 6);
  EXPECT_EQ(found[1].box, cv::Rect(28, 28, 5, 1));
  EXPECT_TRUE(DarkComponents(page, -1).empty());
  EXPECT_TRUE(DarkComponents(cv::Mat(), 100).empty());
}

}  // namespace
}  // namespace shenbao::ocr
