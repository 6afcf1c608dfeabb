// Hard scans: grey paper (low contrast), light falling off across the page, a few
// degrees of skew. Pages drawn with OpenCV, read with the real Tesseract engine.
#include <cmath>
#include <random>
#include <string>

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include "ocr/cleanup.h"
#include "ocr/cell_ink.h"
#include "ocr/grid.h"
#include "ocr/ocr_engine.h"
#include "ocr/page_image.h"

namespace shenbao::ocr {
namespace {

constexpr int kPageW = 1654;  // A4 at 200 dpi, as hard scans come
constexpr int kPageH = 2339;

// What a poor scanner does to a white page with black print: print and paper
// squeezed into [ink, paper], light falling off by `falloff` from the top left to
// the bottom right, then turned by `skew_deg` (the scanner fills what it turns in
// with paper), blurred and grainy.
cv::Mat Scan(const cv::Mat& page, int ink, int paper, double falloff, double skew_deg, unsigned seed) {
  cv::Mat tone;
  page.convertTo(tone, CV_32F, (paper - ink) / 255.0, ink);
  for (int y = 0; y < tone.rows; ++y) {
    float* p = tone.ptr<float>(y);
    for (int x = 0; x < tone.cols; ++x) {
      const double along = 0.5 * (static_cast<double>(x) / tone.cols + static_cast<double>(y) / tone.rows);
      p[x] *= static_cast<float>(1.0 - falloff * along);
    }
  }
  const cv::Point2f center((tone.cols - 1) / 2.0f, (tone.rows - 1) / 2.0f);
  cv::warpAffine(tone, tone, cv::getRotationMatrix2D(center, skew_deg, 1.0), tone.size(), cv::INTER_CUBIC,
                 cv::BORDER_REPLICATE);
  cv::GaussianBlur(tone, tone, cv::Size(0, 0), 1.0);
  cv::Mat noise(tone.size(), CV_32F);
  cv::RNG rng(seed);
  rng.fill(noise, cv::RNG::NORMAL, 0, 6);
  tone += noise;
  cv::Mat out;
  tone.convertTo(out, CV_8U);
  return out;
}

// A summary sheet: a caption line, a title, a filing-unit line, then a ruled table
// whose first column holds the row numbers.
cv::Mat SummarySheet() {
  cv::Mat page(kPageH, kPageW, CV_8UC1, cv::Scalar(255));
  cv::putText(page, "ANNEX 2", {200, 260}, cv::FONT_HERSHEY_SIMPLEX, 1.2, cv::Scalar(0), 2);
  cv::putText(page, "2024 FACTORY SUMMARY 5678", {330, 380}, cv::FONT_HERSHEY_SIMPLEX, 1.8, cv::Scalar(0), 4);
  cv::putText(page, "UNIT 3141 HUBEI", {200, 480}, cv::FONT_HERSHEY_SIMPLEX, 1.2, cv::Scalar(0), 2);
  const int x0 = 190, x1 = 1460, y0 = 560, rows = 10, row_h = 90;
  for (int r = 0; r <= rows; ++r) cv::line(page, {x0, y0 + r * row_h}, {x1, y0 + r * row_h}, cv::Scalar(0), 2);
  for (int x : {x0, 300, 800, 1200, x1}) cv::line(page, {x, y0}, {x, y0 + rows * row_h}, cv::Scalar(0), 2);
  for (int r = 1; r < rows; ++r) {
    cv::putText(page, std::to_string(r), {235, y0 + r * row_h + 60}, cv::FONT_HERSHEY_SIMPLEX, 1.1, cv::Scalar(0), 2);
    cv::putText(page, "ROW " + std::to_string(100 + r), {330, y0 + r * row_h + 60}, cv::FONT_HERSHEY_SIMPLEX, 1.1,
                cv::Scalar(0), 2);
  }
  return page;
}

class GreyPaper : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { engine_ = MakeTesseractEngine(EngineOptions{}).release(); }
  static void TearDownTestSuite() {
    delete engine_;
    engine_ = nullptr;
  }
  static OcrEngine* engine_;
};
OcrEngine* GreyPaper::engine_ = nullptr;

// The text above a table on a skewed page of grey paper still reads once the page
// is straightened: the corners the rotation turns in must not be whiter than the
// paper (they were white, and Tesseract's one threshold over the band then put all
// the paper on the ink side: a hard sample's title read as nothing, and the page
// matched no template).
TEST_F(GreyPaper, TextAboveTheTableReadsAfterDeskew) {
  PageImage page;
  page.gray = Scan(SummarySheet(), 45, 205, 0.25, 2.75, 3);
  page.dpi = 200;
  const DeskewReport report = Deskew(page);
  ASSERT_FALSE(report.refused);
  ASSERT_NEAR(report.applied_deg, -2.75, 0.3);
  const std::vector<TableGrid> tables = FindTableGrids(page.gray);
  ASSERT_EQ(tables.size(), 1u);
  EXPECT_EQ(tables[0].rows(), 10);
  EXPECT_EQ(tables[0].cols(), 4);
  const cv::Mat band = page.gray.rowRange(0, tables[0].bbox.y);
  const std::string text = engine_->Recognize(band, TextKind::kBlock).Joined(" ");
  for (const char* word : {"ANNEX", "2024", "HUBEI"}) EXPECT_NE(text.find(word), std::string::npos) << "read: " << text;
}

// Row numbers in the narrow first column of such a page are ink, not blank, and
// read as the digits they are.
TEST_F(GreyPaper, RowNumbersInANarrowColumnRead) {
  PageImage page;
  page.gray = Scan(SummarySheet(), 110, 180, 0.1, 0.0, 5);
  const std::vector<TableGrid> tables = FindTableGrids(page.gray);
  ASSERT_EQ(tables.size(), 1u);
  int right = 0;
  std::string misread;
  for (int r = 1; r < tables[0].rows(); ++r) {
    const cv::Mat cell = CleanCellCrop(page.gray, tables[0].Cell(r, 0));
    ASSERT_FALSE(IsBlank(cell)) << "row " << r;
    const cv::Rect ink = InkBounds(cell);
    const cv::Rect tight = (ink - cv::Point(6, 6) + cv::Size(12, 12)) & cv::Rect(0, 0, cell.cols, cell.rows);
    const std::string read = engine_->Recognize(cell(tight), TextKind::kDigits).Joined("");
    if (read == std::to_string(r)) ++right;
    else misread += " row " + std::to_string(r) + " '" + read + "'";
  }
  EXPECT_GE(right, 8) << misread;
}

// Grain on grey paper is not ink: the lower threshold for grey paper stays above
// the paper's noise.
TEST(GreyPaperBlank, GrainyGreyCellIsBlank) {
  for (int paper : {150, 180, 200}) {
    for (double sigma : {3.0, 6.0, 10.0}) {
      cv::Mat cell(90, 160, CV_32F, cv::Scalar(paper));
      cv::Mat noise(cell.size(), CV_32F);
      cv::RNG rng(paper + static_cast<int>(sigma));
      rng.fill(noise, cv::RNG::NORMAL, 0, sigma);
      cell += noise;
      cv::GaussianBlur(cell, cell, cv::Size(0, 0), 0.8);
      cv::Mat gray;
      cell.convertTo(gray, CV_8U);
      EXPECT_TRUE(IsBlank(gray)) << "paper " << paper << " noise " << sigma;
    }
  }
}

// The engine's view of a crop of grey paper: paper white, print as dark as before
// relative to it; white paper and a dark image left as they are.
TEST(PaperToWhite, GreyPaperBecomesWhitePrintStaysDark) {
  cv::Mat crop(60, 200, CV_8UC1, cv::Scalar(180));
  cv::putText(crop, "12", {70, 45}, cv::FONT_HERSHEY_SIMPLEX, 1.2, cv::Scalar(60), 3);
  const cv::Mat white = PaperToWhite(crop);
  EXPECT_EQ(white.at<uint8_t>(5, 5), 255);
  double darkest = 0;
  cv::minMaxLoc(white, &darkest);
  EXPECT_LE(darkest, 90);
  const cv::Mat page(60, 200, CV_8UC1, cv::Scalar(252));
  EXPECT_EQ(cv::norm(PaperToWhite(page), page, cv::NORM_INF), 0);
  const cv::Mat night(60, 200, CV_8UC1, cv::Scalar(40));
  EXPECT_EQ(cv::norm(PaperToWhite(night), night, cv::NORM_INF), 0);
}

}  // namespace
}  // namespace shenbao::ocr
