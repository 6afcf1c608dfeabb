// A scanned PDF page (one JPEG over the whole page) is decoded without Poppler and
// must give the page Poppler would render; any other page must still go to Poppler.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "ocr/document_source.h"
#include "ocr/pdf_scan_image.h"
#include "pdf_test_util.h"

namespace shenbao::ocr {
namespace {

namespace fs = std::filesystem;

// An A4 "scan" at 240 dpi: black print at the top left, a red disc (seal) at the
// bottom right, white elsewhere — asymmetric, so a turned or mirrored page shows.
cv::Mat ScanPixels() {
  cv::Mat page(2806, 1984, CV_8UC3, cv::Scalar(250, 250, 250));
  cv::rectangle(page, cv::Rect(150, 150, 600, 80), cv::Scalar(20, 20, 20), cv::FILLED);
  for (int y = 400; y < 1200; y += 60) cv::rectangle(page, cv::Rect(150, y, 1400, 25), cv::Scalar(40, 40, 40), cv::FILLED);
  cv::circle(page, cv::Point(1500, 2300), 220, cv::Scalar(40, 40, 220), 18);
  return page;
}

struct PdfPage {
  std::string jpeg;               // the image's bytes (DCTDecode)
  int width = 0, height = 0;      // its pixels
  std::string color_space = "/DeviceRGB";
  std::string content;            // the page's content stream
  int rotate = 0;
};

// A one-page PDF holding `page`.
void WritePdf(const fs::path& path, const PdfPage& page) {
  std::ofstream(path, std::ios::binary) << shenbao::testing::MakePdf(
      {"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
       "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Rotate " + std::to_string(page.rotate) +
           " /Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>",
       "<< /Length " + std::to_string(page.content.size()) + " >>\nstream\n" + page.content + "\nendstream",
       "<< /Type /XObject /Subtype /Image /Width " + std::to_string(page.width) + " /Height " +
           std::to_string(page.height) + " /ColorSpace " + page.color_space +
           " /BitsPerComponent 8 /Filter /DCTDecode /Length " + std::to_string(page.jpeg.size()) +
           " >>\nstream\n" + page.jpeg + "\nendstream"});
}

PdfPage ScanPage(const cv::Mat& pixels) {
  std::vector<uchar> jpeg;
  cv::imencode(".jpg", pixels, jpeg, {cv::IMWRITE_JPEG_QUALITY, 92});
  PdfPage page;
  page.jpeg.assign(jpeg.begin(), jpeg.end());
  page.width = pixels.cols;
  page.height = pixels.rows;
  page.color_space = pixels.channels() == 1 ? "/DeviceGray" : "/DeviceRGB";
  page.content = "q 595.28 0 0 841.89 0 0 cm /Im0 Do Q";
  return page;
}

fs::path TempPdf(const std::string& name) { return fs::temp_directory_path() / ("shenbao-scan-" + name + ".pdf"); }

PageImage Render(const fs::path& pdf, bool directly) {
  RasterOptions options;
  options.decode_scans_directly = directly;
  return OpenDocument(pdf, options)->Render(0);
}

double MeanDifference(const cv::Mat& a, const cv::Mat& b) { return cv::norm(a, b, cv::NORM_L1) / a.total(); }

TEST(ScannedPdfPage, DecodedAsPopplerRendersIt) {
  for (int rotate : {0, 90, 270}) {
    SCOPED_TRACE("rotate " + std::to_string(rotate));
    PdfPage page = ScanPage(ScanPixels());
    page.rotate = rotate;
    const fs::path pdf = TempPdf("rot" + std::to_string(rotate));
    WritePdf(pdf, page);
    ASSERT_FALSE(ScannedPdfPages(pdf).Decode(0).pixels.empty()) << "a plain scanned page is decoded directly";
    const PageImage direct = Render(pdf, true), poppler = Render(pdf, false);
    ASSERT_EQ(direct.gray.size(), poppler.gray.size());
    EXPECT_EQ(direct.dpi, poppler.dpi);
    EXPECT_LT(MeanDifference(direct.gray, poppler.gray), 2.0);
    ASSERT_FALSE(direct.color.empty()) << "the red seal keeps its colour";
    ASSERT_FALSE(poppler.color.empty());
    EXPECT_LT(MeanDifference(direct.color, poppler.color), 6.0);
  }
}

TEST(ScannedPdfPage, GreyScanIsOneChannelPage) {
  cv::Mat grey;
  cv::cvtColor(ScanPixels(), grey, cv::COLOR_BGR2GRAY);
  const fs::path pdf = TempPdf("grey");
  WritePdf(pdf, ScanPage(grey));
  const ScannedPdfPages::Page scan = ScannedPdfPages(pdf).Decode(0);
  ASSERT_FALSE(scan.pixels.empty());
  EXPECT_EQ(scan.pixels.channels(), 1);
  const PageImage direct = Render(pdf, true), poppler = Render(pdf, false);
  ASSERT_EQ(direct.gray.size(), poppler.gray.size());
  EXPECT_TRUE(direct.color.empty());
  EXPECT_LT(MeanDifference(direct.gray, poppler.gray), 2.0);
}

TEST(ScannedPdfPage, DrawingOverTheScanGoesToPoppler) {
  // A black square drawn over a white part of the scan (a stamp added by software,
  // a signature): decoding the JPEG alone would lose it.
  PdfPage page = ScanPage(ScanPixels());
  page.content += "\n0 0 0 rg 400 100 100 100 re f";
  const fs::path pdf = TempPdf("drawn");
  WritePdf(pdf, page);
  EXPECT_TRUE(ScannedPdfPages(pdf).Decode(0).pixels.empty());
  const PageImage rendered = Render(pdf, true);
  // The square, at 300 dpi: x 400–500 pt, y 100–200 pt from the bottom.
  const cv::Rect square(1700, 2676, 400, 400);
  EXPECT_GT(cv::countNonZero(rendered.gray(square) < 64), square.area() * 0.9);
}

TEST(ScannedPdfPage, ImageNotCoveringThePageGoesToPoppler) {
  PdfPage page = ScanPage(ScanPixels());
  page.content = "q 297.64 0 0 420.95 0 0 cm /Im0 Do Q";  // a quarter page
  const fs::path pdf = TempPdf("quarter");
  WritePdf(pdf, page);
  EXPECT_TRUE(ScannedPdfPages(pdf).Decode(0).pixels.empty());
  const PageImage rendered = Render(pdf, true);
  EXPECT_EQ(rendered.gray.cols, 2480);
  // The top half of the page is blank paper: the image sits at the bottom left.
  EXPECT_EQ(cv::countNonZero(rendered.gray(cv::Rect(0, 0, 2480, 1700)) < 128), 0);
}

TEST(ScannedPdfPage, AWrongObjectCountInTheTrailerDoesNotMatter) {
  // pdfunite writes /Size smaller than the objects it holds; qpdf warns, Poppler reads
  // it, and its pages are the same scans.
  const fs::path pdf = TempPdf("size");
  WritePdf(pdf, ScanPage(ScanPixels()));
  std::ifstream in(pdf, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  in.close();
  const auto size = bytes.find("/Size 6");
  ASSERT_NE(size, std::string::npos);
  bytes.replace(size, 7, "/Size 3");
  std::ofstream(pdf, std::ios::binary) << bytes;
  EXPECT_FALSE(ScannedPdfPages(pdf).Decode(0).pixels.empty());
}

TEST(ScannedPdfPage, DamagedPdfIsStillDiagnosedByPoppler) {
  const fs::path pdf = TempPdf("cut");
  WritePdf(pdf, ScanPage(ScanPixels()));
  const auto size = fs::file_size(pdf);
  fs::resize_file(pdf, size / 3);
  EXPECT_TRUE(ScannedPdfPages(pdf).Decode(0).pixels.empty());
  try {
    OpenDocument(pdf, RasterOptions{})->Render(0);
    FAIL() << "a truncated PDF must be an error";
  } catch (const DocumentError& e) {
    EXPECT_EQ(e.reason(), "truncated");
  }
}

}  // namespace
}  // namespace shenbao::ocr
