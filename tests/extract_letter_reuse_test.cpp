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

// The layout pass reads with the first model alone; a row it read whole and sure is
// read by the second model, and the merged reading is what the letter says (chi_sim
// alone read 境内注册，具备 as 境内注册，有具备 at 0.93), corrected towards the words of
// the domain where the merged reading's evidence backs it (参照《56G全连接).
class SecondOpinionOcr : public CountingOcr {
 public:
  ocr::OcrText SecondOpinion(const cv::Mat& image, const ocr::OcrText& first) override {
    second_widths.push_back(image.cols);
    if (first.lines.size() == 1) first_symbols = first.lines[0].symbols;
    ocr::OcrText merged = first;
    merged.lines[0].text.clear();
    merged.lines[0].symbols.clear();
    for (const auto& [character, confidence] : merged_symbols) {
      merged.lines[0].symbols.push_back({character, confidence, false, {}, {}});
      merged.lines[0].text += character;
    }
    merged.models_disagree = true;
    return merged;
  }
  // 6 only one model read inside 5G: a doubtful extra symbol of a word of the lexicon.
  std::vector<std::pair<std::string, float>> merged_symbols = {
      {"参", 0.99f}, {"照", 0.99f}, {"《", 0.97f}, {"5", 0.99f}, {"6", 0.62f}, {"G", 0.99f}, {"全", 0.99f}};
  std::vector<int> second_widths;
  std::vector<ocr::OcrSymbol> first_symbols;
};

TEST(LetterLines, ConfidentWholeRowsAreReadByTheSecondModel) {
  AnalyzedPage page;
  page.image.page = 1;
  page.ocr_gray = cv::Mat(1800, 1500, CV_8UC1, cv::Scalar(255));
  const cv::Rect title = DrawRow(page.ocr_gray, 300, 8);
  const cv::Rect addressee = DrawRow(page.ocr_gray, 400, 6);
  const cv::Rect body = DrawRow(page.ocr_gray, 500, 8);
  page.image.gray = page.ocr_gray.clone();
  page.lines.push_back({"关于申报的通知", "关于申报的通知", title, 0.97f});
  page.lines.push_back({"各市州经信局：", "各市州经信局：", addressee, 0.97f});
  TextLine read{"境内注册，有具备", "境内注册，有具备", body, 0.96f};
  for (int i = 0; i < 8; ++i)
    read.symbols.push_back({"字", 0.96f, i == 0, {}, cv::Rect(body.x + i * (kEm + 10), body.y, kEm, kEm)});
  page.lines.push_back(read);

  const FormTemplate form = LoadTemplateFile(std::string(SHENBAO_SOURCE_DIR) + "/templates/official-letter.yaml");
  std::vector<AnalyzedPage> pages{page};
  SecondOpinionOcr engine;
  Record record;
  ReadLetterFields(form, TemplateMatch{}, pages, engine, record);
  EXPECT_TRUE(ReadRowOfWidth(engine.second_widths, body)) << "the second model must read the confident row";
  EXPECT_FALSE(ReadRowOfWidth(engine.widths, body)) << "the row is not read again by the first model";
  // The first model's characters are handed over where the row's image has them.
  ASSERT_EQ(engine.first_symbols.size(), 8u);
  EXPECT_GT(engine.first_symbols[0].box.x, 0);
  EXPECT_LT(engine.first_symbols[0].box.x, 2 * kEm);
  // The merged reading, corrected towards the template's lexicon, the change noted
  // and the text kept as read.
  const FieldResult* body_field = nullptr;
  for (const auto& [id, f] : record.fields)
    if (id == "body") body_field = &f;
  ASSERT_NE(body_field, nullptr);
  EXPECT_EQ(body_field->value, "参照《5G全");
  EXPECT_NE(body_field->correction.find("56G→5G"), std::string::npos) << body_field->correction;
  EXPECT_NE(body_field->text.find("56G"), std::string::npos) << body_field->text;
  EXPECT_LT(body_field->confidence, 0.9);
}

}  // namespace
}  // namespace shenbao::extract
