// Odd images: transparency (black and white text), 16-bit, palette PNGs, CMYK JPEGs,
// EXIF orientation, a tiny crop with no resolution, and bitonal PDFs (CCITT, JBIG2)
// open as readable pages.
#include <array>
#include <cstdint>
#include <filesystem>
#include <fstream>

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

// --- Palette PNG, written byte by byte: OpenCV cannot write one. ---

uint32_t Crc32(const std::string& bytes) {
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char b : bytes) {
    crc ^= b;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

std::string BigEndian(uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
}

std::string Chunk(const std::string& type, const std::string& data) {
  return BigEndian(static_cast<uint32_t>(data.size())) + type + data + BigEndian(Crc32(type + data));
}

// zlib stream of stored (uncompressed) deflate blocks: valid, and simple to write.
std::string StoredZlib(const std::string& raw) {
  std::string out = "\x78\x01";
  for (size_t at = 0; at == 0 || at < raw.size(); at += 65535) {
    const size_t n = std::min<size_t>(65535, raw.size() - at);
    const bool last = at + n >= raw.size();
    out += static_cast<char>(last ? 1 : 0);
    out += {static_cast<char>(n & 0xFF), static_cast<char>(n >> 8), static_cast<char>(~n & 0xFF),
            static_cast<char>((~n >> 8) & 0xFF)};
    out += raw.substr(at, n);
  }
  uint32_t a = 1, b = 0;
  for (unsigned char c : raw) a = (a + c) % 65521, b = (b + a) % 65521;
  return out + BigEndian((b << 16) | a);
}

// An 8-bit palette PNG of `indices` (CV_8UC1) with colours `rgb`; `alpha` per entry
// (a tRNS chunk) when not empty.
void WritePalettePng(const fs::path& file, const cv::Mat& indices, const std::vector<cv::Vec3b>& rgb,
                     const std::vector<uint8_t>& alpha) {
  std::string ihdr = BigEndian(indices.cols) + BigEndian(indices.rows);
  ihdr += {8, 3, 0, 0, 0};  // 8 bits, colour type 3 (palette), deflate, no filter, no interlace
  std::string plte, trns(alpha.begin(), alpha.end()), raw;
  for (const cv::Vec3b& c : rgb) plte += {static_cast<char>(c[0]), static_cast<char>(c[1]), static_cast<char>(c[2])};
  for (int y = 0; y < indices.rows; ++y) {
    raw += '\0';  // filter type: none
    raw.append(reinterpret_cast<const char*>(indices.ptr(y)), indices.cols);
  }
  std::ofstream out(file, std::ios::binary);
  out << "\x89PNG\r\n\x1a\n" << Chunk("IHDR", ihdr) << Chunk("PLTE", plte);
  if (!trns.empty()) out << Chunk("tRNS", trns);
  out << Chunk("IDAT", StoredZlib(raw)) << Chunk("IEND", "");
}

// A line of print in palette indices: 0 ground, 1 black text, 2 blue text, 3 red block.
cv::Mat PrintedIndices() {
  cv::Mat m(120, 360, CV_8UC1, cv::Scalar(0));
  cv::putText(m, "CMYK 2026", {12, 55}, cv::FONT_HERSHEY_SIMPLEX, 1.4, cv::Scalar(1), 3, cv::LINE_8);
  cv::putText(m, "Shenbao", {12, 102}, cv::FONT_HERSHEY_SIMPLEX, 1.1, cv::Scalar(2), 3, cv::LINE_8);
  cv::rectangle(m, cv::Rect(280, 70, 60, 35), cv::Scalar(3), cv::FILLED);
  return m;
}

const std::vector<cv::Vec3b> kPaletteRgb = {{255, 255, 255}, {0, 0, 0}, {20, 40, 140}, {200, 30, 30}};

// The same drawing as a plain RGB PNG, through the same loader.
PageImage RgbOriginal(const cv::Mat& indices) {
  cv::Mat bgr(indices.size(), CV_8UC3);
  for (int y = 0; y < indices.rows; ++y)
    for (int x = 0; x < indices.cols; ++x) {
      const cv::Vec3b& c = kPaletteRgb[indices.at<uint8_t>(y, x)];
      bgr.at<cv::Vec3b>(y, x) = {c[2], c[1], c[0]};
    }
  const fs::path file = TempFile("rgb.png");
  EXPECT_TRUE(cv::imwrite(file.string(), bgr));
  PageImage page = OpenDocument(file, RasterOptions{})->Render(0);
  fs::remove(file);
  return page;
}

// Mean absolute grey difference of two pages (the second resized to the first).
double MeanGreyDifference(const PageImage& a, const PageImage& b) {
  cv::Mat resized;
  cv::resize(b.gray, resized, a.gray.size(), 0, 0, cv::INTER_AREA);
  return cv::norm(a.gray, resized, cv::NORM_L1) / static_cast<double>(a.gray.total());
}

TEST(DocumentSource, PalettePngReadsLikeItsRgbOriginal) {
  const cv::Mat indices = PrintedIndices();
  const PageImage original = RgbOriginal(indices);
  const fs::path file = TempFile("palette.png");
  WritePalettePng(file, indices, kPaletteRgb, {});
  const PageImage page = OpenDocument(file, RasterOptions{})->Render(0);
  fs::remove(file);
  EXPECT_EQ(page.gray.size(), original.gray.size());
  EXPECT_LT(MeanGreyDifference(original, page), 1.0);
  EXPECT_FALSE(page.color.empty());  // the red block keeps its colour for seal detection
}

// Web graphics: a palette whose ground entry is fully transparent. The ground must
// come out white and the text dark, as in the opaque original.
TEST(DocumentSource, PalettePngWithTransparentGroundReadsLikeItsRgbOriginal) {
  const cv::Mat indices = PrintedIndices();
  const PageImage original = RgbOriginal(indices);
  const fs::path file = TempFile("palette-trns.png");
  WritePalettePng(file, indices, {{0, 0, 0}, {0, 0, 0}, {20, 40, 140}, {200, 30, 30}}, {0, 255, 255, 255});
  const PageImage page = OpenDocument(file, RasterOptions{})->Render(0);
  fs::remove(file);
  EXPECT_EQ(page.gray.size(), original.gray.size());
  EXPECT_LT(MeanGreyDifference(original, page), 1.0);
}

// A CMYK JPEG as Photoshop writes one (Adobe marker, inverted values), made from
// tests/data/cmyk-adobe.rgb.png; it must read like that RGB original, not as a
// negative or with its colours swapped.
TEST(DocumentSource, CmykJpegReadsLikeItsRgbOriginal) {
  const fs::path data = fs::path(SHENBAO_SOURCE_DIR) / "tests" / "data";
  const PageImage original = OpenDocument(data / "cmyk-adobe.rgb.png", RasterOptions{})->Render(0);
  const PageImage page = OpenDocument(data / "cmyk-adobe.jpg", RasterOptions{})->Render(0);
  EXPECT_EQ(page.gray.size(), original.gray.size());
  EXPECT_LT(MeanGreyDifference(original, page), 4.0);  // JPEG noise only
  ASSERT_FALSE(page.color.empty());
  // The red block stays red (BGR order), where a CMY/RGB mix-up would turn it cyan.
  const double sx = page.color.cols / 360.0, sy = page.color.rows / 120.0;
  const cv::Scalar block = cv::mean(page.color(cv::Rect(290 * sx, 78 * sy, 40 * sx, 20 * sy)));
  EXPECT_GT(block[2], 150);
  EXPECT_LT(block[0], 80);
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
