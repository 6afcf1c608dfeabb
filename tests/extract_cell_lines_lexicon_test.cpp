// The lines of a key-value form's paragraph cell (简介, 申报意见) are corrected towards the
// domain's words like any other text value, where the OCR itself weighed the word's
// character; what was read is kept beside it.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include "extract/kv_cells.h"
#include "extract/lexicon.h"
#include "extract/template_loader.h"

namespace shenbao::extract {
namespace {

// Answers every line image with "实现5G网络全穗盖", the second model's 覆 weighed for 穗.
class ParagraphOcr : public ocr::OcrEngine {
 public:
  explicit ParagraphOcr(std::vector<std::string> runner_up) : runner_up_(std::move(runner_up)) {}
  ocr::OcrText Recognize(const cv::Mat&, ocr::TextKind) override {
    ocr::OcrLine line;
    for (const char* c : {"实", "现", "5", "G", "网", "络", "全", "穗", "盖"})
      line.symbols.push_back({c, 0.95f, line.symbols.empty(), {}, {}});
    line.symbols[7].confidence = 0.6f;
    line.symbols[7].alternatives = runner_up_;
    line.text = "实现5G网络全穗盖";
    line.confidence = 0.8f;
    ocr::OcrText text;
    text.lines.push_back(line);
    text.confidence = 0.8f;
    text.models_disagree = true;
    return text;
  }

 private:
  std::vector<std::string> runner_up_;
};

std::vector<TextLine> ReadOneLineCell(ocr::OcrEngine& engine, const Lexicon* lexicon) {
  AnalyzedPage page;
  page.ocr_gray = cv::Mat(200, 800, CV_8UC1, cv::Scalar(255));
  for (int i = 0; i < 9; ++i) cv::rectangle(page.ocr_gray, cv::Rect(50 + i * 50, 80, 40, 40), cv::Scalar(0), 3);
  KvCell cell;
  cell.page = &page;
  cell.box = cv::Rect(20, 40, 700, 120);
  cell.blank = false;
  return ReadCellLines(cell, engine, lexicon);
}

Lexicon Words() {
  std::vector<TemplateProblem> problems;
  return Lexicon::Parse("5G\n覆盖\n全覆盖\n", "lexicon.txt", &problems);
}

TEST(CellLines, AParagraphLineIsCorrectedWhereTheOcrWeighedTheWord) {
  ParagraphOcr engine({"覆"});
  const Lexicon lexicon = Words();
  const std::vector<TextLine> lines = ReadOneLineCell(engine, &lexicon);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].text, "实现5G网络全覆盖");
  EXPECT_EQ(lines[0].raw, "实现5G网络全穗盖");  // as read
  EXPECT_EQ(lines[0].corrections, std::vector<std::string>{"全穗盖→全覆盖"});
}

TEST(CellLines, WithoutTheOcrsOwnEvidenceOrALexiconTheLineStaysAsRead) {
  ParagraphOcr unsure({"穗"});
  const Lexicon lexicon = Words();
  EXPECT_EQ(ReadOneLineCell(unsure, &lexicon).at(0).text, "实现5G网络全穗盖");
  ParagraphOcr engine({"覆"});
  const std::vector<TextLine> plain = ReadOneLineCell(engine, nullptr);
  EXPECT_EQ(plain.at(0).text, "实现5G网络全穗盖");
  EXPECT_TRUE(plain.at(0).corrections.empty());
}

}  // namespace
}  // namespace shenbao::extract
