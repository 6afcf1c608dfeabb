// A person's name that begins with no family name of the template's list (吕飞伟 read
// 虽飞伟) is looked at again: a listed family name two readings offer in its place is
// taken, as a correction a person sees; with none, the name is kept and marked for
// checking. A name that begins with a listed family name is not looked at again.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include "extract/form_reader.h"
#include "extract/near_miss.h"
#include "extract/surnames.h"
#include "extract/template_loader.h"
#include "ocr/utf8.h"
#include "ocr_text_test_util.h"

namespace shenbao::extract {
namespace {

using test_util::OneLine;

// The cell reads `read`, its first character with `runner_up` as the other model's
// reading there; at other sizes the first model reads `first_looks` in turn and the
// second `second_looks` (then `read` again).
class Models : public ocr::OcrEngine {
 public:
  Models(std::string read, std::string runner_up, std::vector<std::string> first_looks,
         std::vector<std::string> second_looks)
      : read_(std::move(read)), runner_up_(std::move(runner_up)), first_looks_(std::move(first_looks)),
        second_looks_(std::move(second_looks)) {}
  ocr::OcrText Recognize(const cv::Mat&, ocr::TextKind kind) override {
    if (kind == ocr::TextKind::kLabel) {
      ++looks;
      return OneLine(Next(first_looks_, first_at_), 0.9f);
    }
    ocr::OcrText text = OneLine(read_, 0.9f);
    if (!runner_up_.empty()) {
      text.lines[0].symbols[0].alternatives = {runner_up_};
      text.lines[0].symbols[0].confidence = 0.5f;
      text.models_disagree = true;
    }
    return text;
  }
  ocr::OcrText SecondModelReading(const cv::Mat&) override {
    ++looks;
    return OneLine(Next(second_looks_, second_at_), 0.9f);
  }
  int looks = 0;

 private:
  std::string Next(const std::vector<std::string>& looks, size_t& at) { return at < looks.size() ? looks[at++] : read_; }
  std::string read_, runner_up_;
  std::vector<std::string> first_looks_, second_looks_;
  size_t first_at_ = 0, second_at_ = 0;
};

Surnames List() {
  std::vector<TemplateProblem> problems;
  Surnames surnames = Surnames::Parse("王\n吕\n孟\n闫\n欧阳\n", "surnames.txt", &problems);
  EXPECT_TRUE(problems.empty());
  return surnames;
}

// A cell with three glyph-sized marks to read.
FieldResult ReadName(ocr::OcrEngine& engine, const Surnames& surnames) {
  cv::Mat page(200, 400, CV_8UC1, cv::Scalar(255));
  for (int i = 0; i < 3; ++i) cv::rectangle(page, cv::Rect(50 + i * 50, 80, 40, 40), cv::Scalar(0), 3);
  FieldResult f = ReadValue(page, cv::Rect(20, 40, 300, 120), 1, FieldType::kText, {}, engine, false, nullptr, &surnames);
  f.confidence = CalibratedConfidence(f, FieldType::kText, false);
  return f;
}

TEST(Surnames, ATwoCharacterFamilyNameIsTakenWhole) {
  const Surnames surnames = List();
  EXPECT_EQ(surnames.Length(ocr::CodePoints("欧阳明")), 2u);
  EXPECT_EQ(surnames.Length(ocr::CodePoints("王明")), 1u);
  EXPECT_EQ(surnames.Length(ocr::CodePoints("虽飞伟")), 0u);
  EXPECT_EQ(surnames.Length({}), 0u);
}

TEST(SurnameLook, AFamilyNameTheRunnerUpAndALookOfferIsTaken) {
  // The other model read 吕 at the cell's size; the first model reads it so at 0.8.
  Models engine("虽飞伟", "吕", {"吕飞伟"}, {"虽飞伟"});
  const FieldResult f = ReadName(engine, List());
  EXPECT_EQ(f.value, "吕飞伟");
  EXPECT_EQ(f.text, "虽飞伟");  // what was read stays beside it
  EXPECT_NE(f.correction.find("姓氏：虽→吕"), std::string::npos) << f.correction;
  EXPECT_FALSE(f.unlisted_surname);
  EXPECT_LT(f.confidence, 0.9);
  EXPECT_EQ(engine.looks, 2);  // one size was enough
}

TEST(SurnameLook, TwoLooksAtOtherSizesAreEnoughWithoutARunnerUp) {
  Models engine("间晶华", "", {"问晶华", "闫晶华"}, {"门晶华", "闫晶华"});
  const FieldResult f = ReadName(engine, List());
  EXPECT_EQ(f.value, "闫晶华");
  EXPECT_EQ(engine.looks, 4);  // 0.8 and 1.25, both models
}

TEST(SurnameLook, ANameWithAListedFamilyNameIsNotLookedAt) {
  Models engine("王飞伟", "", {"吕飞伟", "吕飞伟"}, {});
  const FieldResult f = ReadName(engine, List());
  EXPECT_EQ(f.value, "王飞伟");
  EXPECT_EQ(engine.looks, 0);
  EXPECT_FALSE(f.unlisted_surname);
}

TEST(SurnameLook, OneOfferIsNotEnoughAndTheNameIsMarkedForChecking) {
  Models engine("蛇霞静", "", {"孟霞静"}, {});
  const FieldResult f = ReadName(engine, List());
  EXPECT_EQ(f.value, "蛇霞静");
  EXPECT_TRUE(f.correction.empty()) << f.correction;
  EXPECT_TRUE(f.unlisted_surname);
  EXPECT_LE(f.confidence, 0.6);
  EXPECT_EQ(engine.looks, 2 * static_cast<int>(std::size(kNearMissScales)));  // every size was tried
}

TEST(SurnameLook, TwoFamilyNamesOfferedAsOftenAreNeitherTaken) {
  Models engine("蛇霞静", "", {"孟霞静", "孟霞静"}, {"闫霞静", "闫霞静"});
  const FieldResult f = ReadName(engine, List());
  EXPECT_EQ(f.value, "蛇霞静");
  EXPECT_TRUE(f.unlisted_surname);
}

}  // namespace
}  // namespace shenbao::extract
