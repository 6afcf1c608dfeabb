// Faded seals on poor scans: orange or pink ink only 15-30 redder than the paper,
// on grey paper, blurred, noisy and JPEG-compressed, as the hard labelled samples
// are. Such a seal must be found, and its arc text must come out of the unwrapping
// as dark as a fresh red seal's, not as a few pale specks.
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "ocr/seal.h"
#include "ocr_seal_test_util.h"

namespace shenbao::ocr {
namespace {

constexpr double kR20mm = 20 * 300 / 25.4;  // ~236 px: a 40 mm seal at 300 dpi

// Seal ink (255): ring, star and block letters round the upper arc.
cv::Mat SealMask(cv::Size size, cv::Point2f c, double r) {
  cv::Mat mask(size, CV_8UC1, cv::Scalar(0));
  cv::circle(mask, c, static_cast<int>(r - 7), cv::Scalar(255), 12);
  std::vector<cv::Point> star;
  for (int k = 0; k < 10; ++k) {
    const double s = (k % 2 ? 0.12 : 0.3) * r, a = -CV_PI / 2 + k * CV_PI / 5;
    star.emplace_back(static_cast<int>(c.x + s * std::cos(a)), static_cast<int>(c.y + s * std::sin(a)));
  }
  cv::fillPoly(mask, std::vector<std::vector<cv::Point>>{star}, cv::Scalar(255));
  const std::string text = "HUBEIECONOMYDEPT";
  const int patch = static_cast<int>(0.5 * r) | 1;
  for (size_t i = 0; i < text.size(); ++i) {
    const double deg = 205.0 - 230.0 * (i + 0.5) / text.size(), phi = deg * CV_PI / 180;
    cv::Mat glyph(patch, patch, CV_8UC1, cv::Scalar(0));
    int base = 0;
    const std::string ch(1, text[i]);
    const double font = r / 85.0;
    const cv::Size ts = cv::getTextSize(ch, cv::FONT_HERSHEY_DUPLEX, font, 4, &base);
    cv::putText(glyph, ch, {(patch - ts.width) / 2, (patch + ts.height) / 2}, cv::FONT_HERSHEY_DUPLEX, font,
                cv::Scalar(255), 4);
    cv::warpAffine(glyph, glyph, cv::getRotationMatrix2D({patch / 2.0f, patch / 2.0f}, deg - 90, 1.0),
                   glyph.size());
    const cv::Point at(static_cast<int>(c.x + 0.74 * r * std::cos(phi)) - patch / 2,
                       static_cast<int>(c.y - 0.74 * r * std::sin(phi)) - patch / 2);
    cv::Mat roi = mask(cv::Rect(at, glyph.size()));
    roi |= glyph;
  }
  return mask;
}

// A grey-paper form page with lines of black print, the seal stamped in `ink`
// (inks multiply, as on paper), then scanned poorly: blur, noise, JPEG quality 55.
cv::Mat PoorScan(const cv::Scalar& ink, cv::Point2f c) {
  cv::Mat page(1400, 1400, CV_8UC3, cv::Scalar(214, 221, 223));
  for (int y = 150; y < page.rows; y += 80)
    cv::putText(page, "Wuhan 5G factory application summary 2024", {60, y}, cv::FONT_HERSHEY_SIMPLEX, 1.6,
                cv::Scalar(40, 40, 40), 3);
  cv::Mat layer(page.size(), CV_8UC3, cv::Scalar(255, 255, 255));
  layer.setTo(ink, SealMask(page.size(), c, kR20mm));
  cv::multiply(page, layer, page, 1.0 / 255);
  cv::GaussianBlur(page, page, cv::Size(0, 0), 1.4);
  cv::Mat noise(page.size(), CV_16SC3);
  cv::randn(noise, cv::Scalar::all(0), cv::Scalar::all(8));
  cv::Mat noisy;
  page.convertTo(noisy, CV_16SC3);
  noisy += noise;
  noisy.convertTo(page, CV_8UC3);
  std::vector<uint8_t> bytes;
  cv::imencode(".jpg", page, bytes, {cv::IMWRITE_JPEG_QUALITY, 55});
  return cv::imdecode(bytes, cv::IMREAD_COLOR);
}

using seal_test::ColourPage;

// Faded inks (BGR multipliers): red only 20-35 above green or blue.
const cv::Scalar kFadedOrange(200, 218, 242);
const cv::Scalar kFadedPink(214, 205, 240);
const cv::Scalar kFreshRed(40, 35, 215);

TEST(FadedSeals, FoundOnPoorScans) {
  const cv::Point2f c(700, 720);
  for (const auto& [name, ink] : {std::pair{"faded orange", kFadedOrange}, std::pair{"faded pink", kFadedPink}}) {
    const std::vector<SealCandidate> seals = FindSeals(ColourPage(PoorScan(ink, c)));
    ASSERT_EQ(seals.size(), 1u) << name;
    EXPECT_NEAR(seals[0].center.x, c.x, 10) << name;
    EXPECT_NEAR(seals[0].center.y, c.y, 10) << name;
    EXPECT_NEAR(seals[0].radius_x, kR20mm, 0.08 * kR20mm) << name;
    EXPECT_NE(seals[0].color, "unknown") << name;
    std::printf("%s: confidence %.2f, colour %s\n", name, seals[0].confidence, seals[0].color.c_str());
  }
}

TEST(FadedSeals, ArcTextAsDarkAsAFreshSeals) {
  const cv::Point2f c(700, 720);
  SealCandidate seal;
  seal.center = c;
  seal.radius_x = seal.radius_y = static_cast<float>(kR20mm);
  seal.color = "red";
  auto dark_share = [&](const cv::Scalar& ink, SealInk how) {
    const cv::Mat strip = UnwrapSealText(ColourPage(PoorScan(ink, c)), seal, how);
    return strip.empty() ? 0.0 : static_cast<double>(cv::countNonZero(strip < 128)) / strip.total();
  };
  for (SealInk how : {SealInk::kRedness, SealInk::kShape}) {
    const double fresh = dark_share(kFreshRed, how);
    ASSERT_GT(fresh, 0.05) << "a fresh seal's letters are dark";
    for (const auto& [name, ink] : {std::pair{"faded orange", kFadedOrange}, std::pair{"faded pink", kFadedPink}}) {
      const double faded = dark_share(ink, how);
      std::printf("%s, %s ink image: dark share %.3f (fresh red %.3f)\n", name,
                  how == SealInk::kShape ? "shape" : "redness", faded, fresh);
      EXPECT_GT(faded, 0.5 * fresh) << name;
      EXPECT_LT(faded, 2.0 * fresh) << name << ": print under the seal must not come out as ink";
    }
  }
}

}  // namespace
}  // namespace shenbao::ocr
