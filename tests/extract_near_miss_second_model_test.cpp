// A text value the first model read surely but for a word of the lexicon it misses by
// one character (陶资 for 陶瓷: the fast model reads it so at 0.99) is shown to the second
// model; where that reads the word's character, the lexicon takes it and says so.
// Nothing else of the second reading is taken, and nothing is asked of lines that
// miss no word.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include "extract/form_reader.h"
#include "extract/lexicon.h"
#include "extract/template_loader.h"
#include "ocr/utf8.h"
#include "ocr_text_test_util.h"

namespace shenbao::extract {
namespace {

using test_util::OneLine;

// The first model reads every line as `first`, surely; the second as `second`.
class TwoModels : public ocr::OcrEngine {
 public:
  TwoModels(std::string first, std::string second) : first_(std::move(first)), second_(std::move(second)) {}
  ocr::OcrText Recognize(const cv::Mat&, ocr::TextKind) override { return OneLine(first_, 0.99f); }
  ocr::OcrText SecondModelReading(const cv::Mat&) override {
    ++second_readings;
    return OneLine(second_, 0.95f);
  }
  int second_readings = 0;

 private:
  std::string first_, second_;
};

Lexicon Words(const std::string& text) {
  std::vector<TemplateProblem> problems;
  Lexicon lexicon = Lexicon::Parse(text, "industries.txt", &problems);
  EXPECT_TRUE(problems.empty());
  return lexicon;
}

// A cell with a line of glyph-sized marks to read.
FieldResult ReadCell(ocr::OcrEngine& engine, const Lexicon* lexicon) {
  cv::Mat page(200, 800, CV_8UC1, cv::Scalar(255));
  for (int i = 0; i < 10; ++i) cv::rectangle(page, cv::Rect(50 + i * 50, 80, 40, 40), cv::Scalar(0), 3);
  return ReadValue(page, cv::Rect(20, 40, 700, 120), 1, FieldType::kText, {}, engine, false, lexicon);
}

TEST(NearMissSecondModel, TheSecondModelsCharacterOfTheWordIsTaken) {
  TwoModels engine("中国秦煌陶资有限公司", "中国秦煌陶瓷有限公司");
  const Lexicon lexicon = Words("陶瓷\n");
  const FieldResult f = ReadCell(engine, &lexicon);
  EXPECT_EQ(engine.second_readings, 1);
  EXPECT_EQ(f.value, "中国秦煌陶瓷有限公司");
  EXPECT_EQ(f.text, "中国秦煌陶资有限公司");  // what was read stays beside it
  EXPECT_NE(f.correction.find("陶资→陶瓷"), std::string::npos) << f.correction;
  EXPECT_EQ(f.ocr_models, "vote");
  EXPECT_LT(f.ocr_confidence, 0.9);
}

// The second model misreads elsewhere (磷 as 磺): the first reading's characters stay.
TEST(NearMissSecondModel, ItsReadingElsewhereIsNotTaken) {
  TwoModels engine("陶资磷化工有限公司", "陶瓷磺化工有限公司");
  const Lexicon lexicon = Words("陶瓷\n");
  EXPECT_EQ(ReadCell(engine, &lexicon).value, "陶瓷磷化工有限公司");
}

TEST(NearMissSecondModel, WhereBothModelsReadTheSameNothingIsChanged) {
  TwoModels engine("中国秦煌陶资有限公司", "中国秦煌陶资有限公司");
  const Lexicon lexicon = Words("陶瓷\n");
  const FieldResult f = ReadCell(engine, &lexicon);
  EXPECT_EQ(engine.second_readings, 1);
  EXPECT_EQ(f.value, "中国秦煌陶资有限公司");
  EXPECT_EQ(f.ocr_models, "agree");
}

TEST(NearMissSecondModel, ALineThatMissesNoWordIsNotAskedAgain) {
  TwoModels engine("智能制造示范工厂", "智能制糖示范工厂");
  const Lexicon lexicon = Words("陶瓷\n制糖\n");
  EXPECT_EQ(ReadCell(engine, &lexicon).value, "智能制造示范工厂");
  EXPECT_EQ(engine.second_readings, 0);
}

TEST(NearMissSecondModel, WithoutALexiconNothingIsAsked) {
  TwoModels engine("中国秦煌陶资有限公司", "中国秦煌陶瓷有限公司");
  EXPECT_EQ(ReadCell(engine, nullptr).value, "中国秦煌陶资有限公司");
  EXPECT_EQ(engine.second_readings, 0);
}

}  // namespace
}  // namespace shenbao::extract
