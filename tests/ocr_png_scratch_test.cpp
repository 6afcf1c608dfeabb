// Tesseract's throw-away word images are stored uncompressed inside a
// ScratchPngScope (ocr/png_scratch.h); every other PNG is compressed as asked.
#include <vector>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "ocr/png_scratch.h"

namespace shenbao::ocr {
namespace {

cv::Mat TextLikeImage() {
  cv::Mat image(200, 800, CV_8UC1, cv::Scalar(255));
  for (int i = 0; i < 12; ++i)
    cv::putText(image, "5G+2025", {10 + 60 * i, 60 + 10 * (i % 3)}, cv::FONT_HERSHEY_SIMPLEX, 0.8, cv::Scalar(0), 2);
  return image;
}

size_t EncodedSize(const cv::Mat& image, std::vector<unsigned char>& png) {
  cv::imencode(".png", image, png, {cv::IMWRITE_PNG_COMPRESSION, 9});
  return png.size();
}

TEST(ScratchPng, StoredUncompressedOnlyInsideTheScope) {
  const cv::Mat image = TextLikeImage();
  std::vector<unsigned char> before, inside, after;
  const size_t compressed = EncodedSize(image, before);
  size_t stored = 0;
  {
    const ScratchPngScope scope;
    stored = EncodedSize(image, inside);
  }
  EXPECT_EQ(EncodedSize(image, after), compressed) << "the scope's setting leaked out";
  // 160,000 grey pixels stored are at least that many bytes; deflated, a few KB.
  EXPECT_GE(stored, image.total());
  EXPECT_LT(compressed * 10, stored);
  // The same pixels either way.
  const cv::Mat decoded = cv::imdecode(inside, cv::IMREAD_GRAYSCALE);
  ASSERT_EQ(decoded.size(), image.size());
  EXPECT_EQ(cv::countNonZero(decoded != image), 0);
}

TEST(ScratchPng, NestedScopesKeepTheOuterOne) {
  const cv::Mat image = TextLikeImage();
  std::vector<unsigned char> png;
  const ScratchPngScope outer;
  { const ScratchPngScope inner; }
  EXPECT_GE(EncodedSize(image, png), image.total());
}

}  // namespace
}  // namespace shenbao::ocr
