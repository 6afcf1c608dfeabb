// Odd images: transparency (black and white text), 16-bit, EXIF orientation, a tiny
// crop with no resolution, and bitonal PDFs (CCITT, JBIG2) open as readable pages.
#include <filesystem>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "ocr/document_source.h"

namespace shenbao::ocr {
namespace {

namespace fs = std::filesystem;

fs::path TempFile(const std::string& name) { return fs::temp_directory_path() / ("shenbao-ds-" + name); }

// Share of dark pixels (ink) inside `box` of the page's grey image.
double InkShare(const PageImage& page, cv::Rect box) {
  box &= cv::Rect(0, 0, page.gray.cols, page.gray.rows);
  return cv::countNonZero(page.gray(box) < 128) / static_cast<double>(box.area());
}

cv::Mat TextOnTransparency(const cv::Scalar& text_bgra) {
  cv::Mat m(400, 1200, CV_8UC4, cv::Scalar(0, 0, 0, 0));
  cv::rectangle(m, cv::Rect(100, 150, 1000, 100), text_bgra, cv::FILLED);  // a bar of "text"
  return m;
}

TEST(DocumentSource, WhiteTextOnTransparencyBecomesDarkInkOnWhite) {
  for (const cv::Scalar& colour : {cv::Scalar(255, 255, 255, 255), cv::Scalar(0, 0, 0, 255)}) {
    const fs::path file = TempFile("alpha.png");
    ASSERT_TRUE(cv::imwrite(file.string(), TextOnTransparency(colour)));
    const PageImage page = OpenDocument(file, RasterOptions{})->Render(0);
    fs::remove(file);
    const double sx = page.gray.cols / 1200.0, sy = page.gray.rows / 400.0;
    EXPECT_GT(InkShare(page, cv::Rect(200 * sx, 170 * sy, 800 * sx, 60 * sy)), 0.95) << colour;
    EXPECT_LT(InkShare(page, cv::Rect(0, 0, page.gray.cols, 100 * sy)), 0.01) << colour;
  }
}

TEST(DocumentSource, SixteenBitGreyOpensAsEightBit) {
  cv::Mat m(1200, 1000, CV_16UC1, cv::Scalar(65535));
  cv::rectangle(m, cv::Rect(100, 100, 800, 40), cv::Scalar(0), cv::FILLED);
  const fs::path file = TempFile("16bit.png");
  ASSERT_TRUE(cv::imwrite(file.string(), m));
  const PageImage page = OpenDocument(file, RasterOptions{})->Render(0);
  fs::remove(file);
  EXPECT_EQ(page.gray.type(), CV_8UC1);
  EXPECT_GT(InkShare(page, cv::Rect(page.gray.cols / 4, page.gray.rows * 110 / 1200, page.gray.cols / 2, 5)), 0.95);
}

// A crop of one line with no stored resolution is not an A4 page: it is scaled so its
// text is about as tall as 300 dpi print (tens of pixels), not blown up 10×.
TEST(DocumentSource, SmallCropIsScaledByItsText) {
  cv::Mat m(40, 300, CV_8UC3, cv::Scalar(255, 255, 255));
  for (int x = 10; x < 290; x += 20) cv::rectangle(m, cv::Rect(x, 12, 14, 16), cv::Scalar(0, 0, 0), cv::FILLED);
  const fs::path file = TempFile("crop.png");
  ASSERT_TRUE(cv::imwrite(file.string(), m));
  const PageImage page = OpenDocument(file, RasterOptions{})->Render(0);
  fs::remove(file);
  const double scale = page.gray.rows / 40.0;
  EXPECT_GT(16 * scale, 30);
  EXPECT_LT(16 * scale, 70);
}

TEST(DocumentSource, ExifOrientationIsHonoured) {
  const fs::path jpg = fs::path(SHENBAO_CORPUS_DIR) / "chinese-text-lines" / "rapidocr__img_exif_orientation.jpg";
  if (!fs::exists(jpg)) GTEST_SKIP() << "corpus not present";
  // Orientation 3: stored upside down. The page must equal the stored pixels turned 180°.
  cv::Mat stored = cv::imread(jpg.string(), cv::IMREAD_UNCHANGED | cv::IMREAD_IGNORE_ORIENTATION);
  cv::cvtColor(stored, stored, cv::COLOR_BGR2GRAY);
  cv::rotate(stored, stored, cv::ROTATE_180);
  const PageImage page = OpenDocument(jpg, RasterOptions{})->Render(0);
  cv::Mat page_at_stored_size;
  cv::resize(page.gray, page_at_stored_size, stored.size(), 0, 0, cv::INTER_AREA);
  EXPECT_LT(cv::norm(page_at_stored_size, stored, cv::NORM_L1) / stored.total(), 12.0);
}

TEST(DocumentSource, BitonalPdfsRender) {
  const fs::path dir = fs::path(SHENBAO_CORPUS_DIR) / "hostile-pdfs";
  if (!fs::is_directory(dir)) GTEST_SKIP() << "corpus not present";
  for (const char* name : {"ocrmypdf__ccitt.pdf", "ocrmypdf__jbig2.pdf"}) {
    SCOPED_TRACE(name);
    auto source = OpenDocument(dir / name, RasterOptions{});
    ASSERT_GE(source->page_count(), 1);
    const PageImage page = source->Render(0);
    ASSERT_FALSE(page.gray.empty());
    const double ink = cv::countNonZero(page.gray < 128) / static_cast<double>(page.gray.total());
    EXPECT_GT(ink, 0.005);  // print is there
    EXPECT_LT(ink, 0.5);    // and not inverted
  }
}

}  // namespace
}  // namespace shenbao::ocr
