// Red-ink dropout on a hard scan: a faded orange seal over black text on tinted,
// low-contrast paper, blurred, noisy and saved as a poor JPEG (colour at half
// resolution). What a person checks: the seal is gone and the text under it splits
// into its lines as it does away from the seal.
#include <cstdint>
#include <random>
#include <vector>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "ocr/cleanup.h"
#include "ocr/text_lines.h"

namespace shenbao::ocr {
namespace {

constexpr int kLines = 6;
constexpr int kLinePitch = 110;
constexpr int kFirstBaseline = 150;

struct HardScan {
  cv::Mat bgr;   // the scan as decoded
  cv::Mat seal;  // 255 where the seal was stamped (and no text)
  cv::Mat text;  // 255 where text was printed
};

HardScan MakeHardScan(unsigned seed) {
  const cv::Size size(1300, 900);
  HardScan s;
  s.text = cv::Mat(size, CV_8UC1, cv::Scalar(0));
  for (int i = 0; i < kLines; ++i)
    cv::putText(s.text, "Shenbao 2024 form text line", {60, kFirstBaseline + kLinePitch * i},
                cv::FONT_HERSHEY_SIMPLEX, 1.6, cv::Scalar(255), 3, cv::LINE_AA);
  // The seal: a ring, and thin strokes of its text running across the gaps
  // between the lines of print.
  cv::Mat seal(size, CV_8UC1, cv::Scalar(0));
  const cv::Point c(800, 430);
  cv::circle(seal, c, 300, cv::Scalar(255), 9, cv::LINE_AA);
  for (int k = 0; k < 9; ++k) {
    const double a = CV_PI * (0.15 + 0.7 * k / 8.0);
    const cv::Point p(c.x - static_cast<int>(240 * std::cos(a)), c.y - static_cast<int>(240 * std::sin(a)));
    cv::line(seal, p - cv::Point(0, 30), p + cv::Point(0, 30), cv::Scalar(255), 4, cv::LINE_AA);
    cv::line(seal, p - cv::Point(22, 0), p + cv::Point(22, 0), cv::Scalar(255), 4, cv::LINE_AA);
  }
  cv::circle(seal, c, 60, cv::Scalar(255), -1, cv::LINE_AA);  // the star, roughly
  s.seal = seal > 128;

  // Faded orange ink at partial density, multiplied onto paper with black print.
  cv::Mat page(size, CV_32FC3, cv::Scalar(1, 1, 1));
  cv::Mat text_f;
  s.text.convertTo(text_f, CV_32F, 1.0 / 255);
  cv::Mat seal_f;
  seal.convertTo(seal_f, CV_32F, 0.3 / 255);
  const cv::Vec3f orange(55 / 255.f, 120 / 255.f, 235 / 255.f);
  for (int y = 0; y < size.height; ++y)
    for (int x = 0; x < size.width; ++x) {
      const float t = text_f.at<float>(y, x), a = seal_f.at<float>(y, x);
      cv::Vec3f& v = page.at<cv::Vec3f>(y, x);
      for (int ch = 0; ch < 3; ++ch) v[ch] = (1 - t) * ((1 - a) + a * orange[ch]);
    }
  // Tinted paper, compressed contrast, blur, noise, JPEG at quality 55.
  const cv::Vec3f paper(181, 187, 192);
  const float lo = 45, hi = 240;
  cv::Mat scan(size, CV_32FC3);
  for (int y = 0; y < size.height; ++y)
    for (int x = 0; x < size.width; ++x)
      for (int ch = 0; ch < 3; ++ch)
        scan.at<cv::Vec3f>(y, x)[ch] = lo + page.at<cv::Vec3f>(y, x)[ch] * paper[ch] * (hi - lo) / 255;
  cv::GaussianBlur(scan, scan, cv::Size(0, 0), 1.0);
  std::mt19937 rng(seed);
  std::normal_distribution<float> noise(0, 10);
  for (int y = 0; y < size.height; ++y)
    for (int x = 0; x < size.width; ++x) {
      const float n = noise(rng);
      for (int ch = 0; ch < 3; ++ch) scan.at<cv::Vec3f>(y, x)[ch] += n;
    }
  cv::Mat eight;
  scan.convertTo(eight, CV_8UC3);
  std::vector<uint8_t> bytes;
  cv::imencode(".jpg", eight, bytes, {cv::IMWRITE_JPEG_QUALITY, 55});
  s.bgr = cv::imdecode(bytes, cv::IMREAD_COLOR);
  cv::Mat text_near;
  cv::dilate(s.text, text_near, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(9, 9)));
  s.seal &= ~text_near;
  return s;
}

TEST(DropoutRedInkHardScan, FadedSealLeavesNoOutlines) {
  for (unsigned seed : {1u, 2u, 3u}) {
    const HardScan s = MakeHardScan(seed);
    cv::Mat gray;
    cv::cvtColor(s.bgr, gray, cv::COLOR_BGR2GRAY);
    const cv::Mat out = DropoutRedInk(s.bgr, gray);
    // The paper's level (the left margin), and how much of the seal is still
    // darker than the paper's noise goes.
    const double paper = cv::mean(out(cv::Rect(0, 0, 40, out.rows)))[0];
    int left = 0;
    const int total = cv::countNonZero(s.seal);
    for (int y = 0; y < out.rows; ++y)
      for (int x = 0; x < out.cols; ++x)
        if (s.seal.at<uint8_t>(y, x) && out.at<uint8_t>(y, x) < paper - 20) ++left;
    EXPECT_LT(static_cast<double>(left) / total, 0.02) << "seed " << seed << ": paper " << paper;
  }
}

TEST(DropoutRedInkHardScan, TextUnderTheSealSplitsIntoItsLines) {
  for (unsigned seed : {1u, 2u, 3u}) {
    const HardScan s = MakeHardScan(seed);
    cv::Mat gray;
    cv::cvtColor(s.bgr, gray, cv::COLOR_BGR2GRAY);
    const cv::Mat out = DropoutRedInk(s.bgr, gray);
    // The lines' right halves, where the seal lies over and between them.
    const cv::Mat crop = out(cv::Rect(560, 60, 700, kLinePitch * kLines));
    const std::vector<cv::Rect> lines = SplitTextLines(crop);
    ASSERT_EQ(static_cast<int>(lines.size()), kLines) << "seed " << seed;
    for (int i = 0; i < kLines; ++i) {
      EXPECT_LT(lines[i].height, kLinePitch) << "seed " << seed << " line " << i;
      // Print stays dark under the seal.
      const cv::Rect band = lines[i] + cv::Point(560, 60);
      double darkest = 255;
      cv::minMaxLoc(out(band), &darkest);
      EXPECT_LT(darkest, 110) << "seed " << seed << " line " << i;
    }
  }
}

}  // namespace
}  // namespace shenbao::ocr
