// A value that still misses a word of the lexicon by one doubtful character after
// both models read it (座拟专网 for 虚拟专网: neither reads 虚 at the cell's size) is
// read again at other sizes by both models. A character two of those looks offer is
// the runner-up the lexicon may take; one look alone is noise. A character both
// models read surely is taken as printed and not looked at again.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include "extract/form_reader.h"
#include "extract/lexicon.h"
#include "extract/near_miss.h"
#include "extract/template_loader.h"
#include "ocr/utf8.h"
#include "ocr_text_test_util.h"

namespace shenbao::extract {
namespace {

using test_util::OneLine;

// Both models read the cell as `read` at `confidence`; at other sizes the first model
// reads `first_looks` in turn and the second `second_looks` (then `read` again).
class Models : public ocr::OcrEngine {
 public:
  Models(std::string read, float confidence, std::vector<std::string> first_looks, std::vector<std::string> second_looks)
      : read_(std::move(read)), confidence_(confidence), first_looks_(std::move(first_looks)),
        second_looks_(std::move(second_looks)) {}
  ocr::OcrText Recognize(const cv::Mat& image, ocr::TextKind kind) override {
    if (kind != ocr::TextKind::kLabel) {
      natural_width = image.cols;
      return OneLine(read_, confidence_);
    }
    look_widths.push_back(image.cols);
    return OneLine(Next(first_looks_, first_at_), 0.9f);
  }
  ocr::OcrText SecondModelReading(const cv::Mat&) override {
    ++second_readings;
    if (second_readings == 1) return OneLine(read_, confidence_);  // at the cell's own size
    return OneLine(Next(second_looks_, second_at_), 0.9f);
  }
  int natural_width = 0;
  std::vector<int> look_widths;  // the first model's looks, in turn
  int second_readings = 0;

 private:
  std::string Next(const std::vector<std::string>& looks, size_t& at) { return at < looks.size() ? looks[at++] : read_; }
  std::string read_;
  float confidence_;
  std::vector<std::string> first_looks_, second_looks_;
  size_t first_at_ = 0, second_at_ = 0;
};

Lexicon Words(const std::string& text) {
  std::vector<TemplateProblem> problems;
  Lexicon lexicon = Lexicon::Parse(text, "lexicon.txt", &problems);
  EXPECT_TRUE(problems.empty());
  return lexicon;
}

// A cell with a line of glyph-sized marks to read.
FieldResult ReadCell(ocr::OcrEngine& engine, const Lexicon& lexicon) {
  cv::Mat page(200, 800, CV_8UC1, cv::Scalar(255));
  for (int i = 0; i < 10; ++i) cv::rectangle(page, cv::Rect(50 + i * 50, 80, 40, 40), cv::Scalar(0), 3);
  return ReadValue(page, cv::Rect(20, 40, 700, 120), 1, FieldType::kText, {}, engine, false, &lexicon);
}

TEST(NearMissOtherSizes, ACharacterTwoLooksOfferIsTaken) {
  // 0.8: the first model reads 庭, the second 座; 1.25: both read 虚.
  Models engine("网络类5G行业座拟专网", 0.6f, {"网络类5G行业庭拟专网", "网络类5G行业虚拟专网"},
                {"网络类5G行业座拟专网", "网络类5G行业虚拟专网"});
  const FieldResult f = ReadCell(engine, Words("虚拟专网\n"));
  EXPECT_EQ(f.value, "网络类5G行业虚拟专网");
  EXPECT_EQ(f.text, "网络类5G行业座拟专网");  // what was read stays beside it
  EXPECT_NE(f.correction.find("座拟专网→虚拟专网"), std::string::npos) << f.correction;
  EXPECT_EQ(f.ocr_models, "vote");
  EXPECT_LT(f.ocr_confidence, 0.9);
  // Two sizes were enough: 0.8 and 1.25 of the cell's line, no more.
  ASSERT_EQ(engine.look_widths.size(), 2u);
  EXPECT_NEAR(engine.look_widths[0], 0.8 * engine.natural_width, 2);
  EXPECT_NEAR(engine.look_widths[1], 1.25 * engine.natural_width, 2);
}

TEST(NearMissOtherSizes, ACharacterOneLookOffersIsNotTaken) {
  // Only the first model at 0.6 reads 北: the place 北海 is not put in for it.
  Models engine("莆田焱海显示科技股份有限公司", 0.6f, {"莆田戏海显示科技股份有限公司", "莆田欢海显示科技股份有限公司",
                                                  "莆田北海显示科技股份有限公司"},
                {});
  const FieldResult f = ReadCell(engine, Words("北海\n"));
  EXPECT_EQ(f.value, "莆田焱海显示科技股份有限公司");
  EXPECT_EQ(engine.look_widths.size(), std::size(kNearMissScales));  // every size was tried
  EXPECT_LT(f.ocr_confidence, 0.9);
}

TEST(NearMissOtherSizes, ACharacterBothModelsReadSurelyIsNotLookedAgain) {
  Models engine("成都达卓纺织有限责任公司", 0.95f, {"成都达州纺织有限责任公司", "成都达州纺织有限责任公司"}, {});
  const FieldResult f = ReadCell(engine, Words("达州\n"));
  EXPECT_EQ(f.value, "成都达卓纺织有限责任公司");
  EXPECT_TRUE(engine.look_widths.empty());
}

// Both models read the doubtful character as before at 0.8: it is printed so (a firm's
// 达卓 beside the city 达州), and no further size is read.
TEST(NearMissOtherSizes, BothModelsReadingItAsBeforeEndTheLooks) {
  Models engine("成都达卓纺织有限责任公司", 0.6f, {}, {});
  const FieldResult f = ReadCell(engine, Words("达州\n"));
  EXPECT_EQ(f.value, "成都达卓纺织有限责任公司");
  EXPECT_EQ(engine.look_widths.size(), 1u);
}

TEST(NearMissOtherSizes, NoLookWhereTheSecondModelAlreadyOffersTheCharacter) {
  // Read by one model as 陶资 (doubtful); the second model reads 陶瓷 at the cell's size.
  class SecondReadsIt : public Models {
   public:
    SecondReadsIt() : Models("中国秦煌陶资有限公司", 0.6f, {}, {}) {}
    ocr::OcrText SecondModelReading(const cv::Mat& image) override {
      Models::SecondModelReading(image);
      return OneLine("中国秦煌陶瓷有限公司", 0.9f);
    }
  } engine;
  const FieldResult f = ReadCell(engine, Words("陶瓷\n"));
  EXPECT_EQ(f.value, "中国秦煌陶瓷有限公司");
  EXPECT_TRUE(engine.look_widths.empty());
  EXPECT_EQ(engine.second_readings, 1);
}

}  // namespace
}  // namespace shenbao::extract
