// The full-text fallback turns 一一 back into the dash pair the page shows (Chinese
// models read —— as 一一), and leaves a real 一一 alone. No OCR runs: the page's
// first reading is given, as page analysis would have made it.
#include <functional>

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include "extract/fulltext.h"

namespace shenbao::extract {
namespace {

// Never asked: a page-sized scan whose first reading is sure is not read again.
class NoOcr : public ocr::OcrEngine {
 public:
  ocr::OcrText Recognize(const cv::Mat&, ocr::TextKind) override {
    ADD_FAILURE() << "the first reading should have been kept";
    return {};
  }
};

constexpr int kEm = 40;  // character height in pixels, as at 300 dpi

// A page (page-sized, so it is not re-read) with one text line at y 200: two boxy
// "characters" either side of `middle`, drawn from x 300 on.
AnalyzedPage PageWithLine(const std::function<void(cv::Mat&, int x, int mid_y)>& middle, const std::string& text) {
  AnalyzedPage page;
  page.ocr_gray = cv::Mat(1800, 1300, CV_8UC1, cv::Scalar(255));
  const int top = 200, mid_y = top + kEm / 2;
  cv::rectangle(page.ocr_gray, cv::Rect(300, top, kEm, kEm), cv::Scalar(0), 3);  // 口
  middle(page.ocr_gray, 300 + kEm + 8, mid_y);
  cv::rectangle(page.ocr_gray, cv::Rect(300 + 4 * kEm, top, kEm, kEm), cv::Scalar(0), 3);  // 口
  page.image.gray = page.ocr_gray.clone();
  page.lines.push_back({text, text, cv::Rect(290, top - 6, 5 * kEm + 20, kEm + 12), 0.95f});
  return page;
}

std::string ReadBack(const AnalyzedPage& page) {
  NoOcr engine;
  const std::vector<TextLine> lines = ReadFullText(page, engine);
  return lines.empty() ? "" : lines.front().text;
}

TEST(FullTextDashes, OneBarTwoCharactersWideIsADashPair) {
  const auto page = PageWithLine(
      [](cv::Mat& m, int x, int y) { cv::rectangle(m, cv::Rect(x, y - 2, 2 * kEm + 4, 4), cv::Scalar(0), cv::FILLED); },
      "口一一口");
  EXPECT_EQ(ReadBack(page), "口——口");
}

TEST(FullTextDashes, TwoShortBarsAreADashPair) {
  const auto page = PageWithLine(
      [](cv::Mat& m, int x, int y) {
        cv::rectangle(m, cv::Rect(x + 6, y - 2, kEm * 6 / 10, 4), cv::Scalar(0), cv::FILLED);
        cv::rectangle(m, cv::Rect(x + 6 + kEm, y - 2, kEm * 6 / 10, 4), cv::Scalar(0), cv::FILLED);
      },
      "口一一口");
  EXPECT_EQ(ReadBack(page), "口——口");
}

TEST(FullTextDashes, TwoCharacterWideBarsStayOneOne) {
  // 一一 as in 一一对应: each bar nearly a character wide, with a gap.
  const auto page = PageWithLine(
      [](cv::Mat& m, int x, int y) {
        cv::rectangle(m, cv::Rect(x + 1, y - 2, kEm * 95 / 100, 4), cv::Scalar(0), cv::FILLED);
        cv::rectangle(m, cv::Rect(x + 1 + kEm + 6, y - 2, kEm * 95 / 100, 4), cv::Scalar(0), cv::FILLED);
      },
      "口一一口");
  EXPECT_EQ(ReadBack(page), "口一一口");
}

TEST(FullTextDashes, StackedBarsAreNotDashes) {
  // 二 has two bars one above the other: not lone bars, so nothing to match the
  // text's 一一 with, and the text stays as read.
  const auto page = PageWithLine(
      [](cv::Mat& m, int x, int y) {
        cv::rectangle(m, cv::Rect(x + 4, y - 12, kEm * 7 / 10, 4), cv::Scalar(0), cv::FILLED);
        cv::rectangle(m, cv::Rect(x + 1, y + 12, kEm * 9 / 10, 4), cv::Scalar(0), cv::FILLED);
      },
      "口一一口");
  EXPECT_EQ(ReadBack(page), "口一一口");
}

}  // namespace
}  // namespace shenbao::extract
