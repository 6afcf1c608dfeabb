// A letter's rows that page analysis already read whole and with confidence are
// not read again; rows it doubted, or split, are.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include "extract/layout_readers.h"
#include "extract/page_analysis.h"
#include "extract/template_loader.h"

namespace shenbao::extract {
namespace {

constexpr int kEm = 40;  // character height in pixels, as at 300 dpi

// Counts the line images it is given by their width and answers with a fixed text.
class CountingOcr : public ocr::OcrEngine {
 public:
  ocr::OcrText Recognize(const cv::Mat& image, ocr::TextKind) override {
    widths.push_back(image.cols);
    ocr::OcrText text;
    ocr::OcrLine line;
    line.text = "重新读出";
    line.confidence = 0.95f;
    text.lines.push_back(line);
    text.confidence = 0.95f;
    return text;
  }
  std::vector<int> widths;
};

// A row of `boxes` boxy "characters" at `top`, from x 300; returns its ink box.
cv::Rect DrawRow(cv::Mat& page, int top, int boxes) {
  for (int i = 0; i < boxes; ++i)
    cv::rectangle(page, cv::Rect(300 + i * (kEm + 10), top, kEm, kEm), cv::Scalar(0), 3);
  return cv::Rect(300, top, boxes * (kEm + 10) - 10, kEm);
}

bool ReadRowOfWidth(const std::vector<int>& widths, const cv::Rect& row) {
  for (int w : widths)
    if (w > row.width && w < row.width + 2 * kEm) return true;  // the row plus its margins
  return false;
}

TEST(LetterLines, ConfidentWholeRowsAreNotReadAgain) {
  AnalyzedPage page;
  page.image.page = 1;
  page.ocr_gray = cv::Mat(1800, 1500, CV_8UC1, cv::Scalar(255));
  const cv::Rect confident = DrawRow(page.ocr_gray, 400, 12);
  const cv::Rect doubted = DrawRow(page.ocr_gray, 600, 18);
  const cv::Rect split = DrawRow(page.ocr_gray, 800, 22);
  page.image.gray = page.ocr_gray.clone();
  // Automatic layout's reading: the first row whole and sure, the second whole but
  // unsure, the third in two halves (a column break).
  page.lines.push_back({"一二三四五六七八九十甲乙", "一 二 三 四 五 六 七 八 九 十 甲 乙", confident + cv::Size(4, 4) - cv::Point(2, 2), 0.96f});
  page.lines.push_back({"天地玄黄", "天 地 玄 黄", doubted, 0.62f});
  cv::Rect left = split, right = split;
  left.width = split.width / 2 - 20;
  right.x += split.width / 2;
  right.width = split.width - split.width / 2;
  page.lines.push_back({"左半", "左半", left, 0.97f});
  page.lines.push_back({"右半", "右半", right, 0.97f});

  const FormTemplate form = LoadTemplateFile(std::string(SHENBAO_SOURCE_DIR) + "/templates/official-letter.yaml");
  std::vector<AnalyzedPage> pages{page};
  CountingOcr engine;
  Record record;
  ReadLetterFields(form, TemplateMatch{}, pages, engine, record);
  EXPECT_FALSE(ReadRowOfWidth(engine.widths, confident)) << "a confident whole row was read again";
  EXPECT_TRUE(ReadRowOfWidth(engine.widths, doubted)) << "a doubted row must be read again";
  EXPECT_TRUE(ReadRowOfWidth(engine.widths, split)) << "a row layout analysis split must be read again";
}

}  // namespace
}  // namespace shenbao::extract
