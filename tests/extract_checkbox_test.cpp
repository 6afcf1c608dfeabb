// Checkbox rows (□产线 ■车间 □工厂): the ticked box is found by its ink, whatever OCR
// makes of the glyphs; none or two ticked is reported, not guessed silently.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include "extract/layout_readers.h"

namespace shenbao::extract {
namespace {

// OCR that reads nothing: the option is then known by its box's place in the row.
class BlindEngine : public ocr::OcrEngine {
 public:
  ocr::OcrText Recognize(const cv::Mat&, ocr::TextKind) override { return {}; }
};

enum class Tick { kNone, kFilled, kCheck, kPen };

// A cell 1200×100 px with three options: a 40 px box, then two "characters" (solid
// blocks stand in for glyphs), 60 px apart.
cv::Mat Row(const std::vector<Tick>& ticks) {
  cv::Mat cell(100, 1200, CV_8UC1, cv::Scalar(250));
  int x = 20;
  for (Tick t : ticks) {
    const cv::Rect box(x, 30, 40, 40);
    if (t == Tick::kFilled) cv::rectangle(cell, box, cv::Scalar(20), cv::FILLED);
    else cv::rectangle(cell, box, cv::Scalar(20), 3);
    if (t == Tick::kCheck)
      cv::polylines(cell, std::vector<std::vector<cv::Point>>{{{x + 6, 50}, {x + 16, 62}, {x + 34, 36}}}, false,
                    cv::Scalar(20), 4);
    if (t == Tick::kPen)  // grey pen strokes through the box and beyond it
      cv::polylines(cell, std::vector<std::vector<cv::Point>>{{{x - 4, 44}, {x + 12, 66}, {x + 56, 12}}}, false,
                    cv::Scalar(60), 5);
    for (int c = 0; c < 2; ++c) {
      const int gx = x + 52 + c * 44;
      cv::rectangle(cell, cv::Rect(gx, 30, 6, 40), cv::Scalar(20), cv::FILLED);        // 丨
      cv::rectangle(cell, cv::Rect(gx, 48, 36, 5), cv::Scalar(20), cv::FILLED);        // 一
      cv::rectangle(cell, cv::Rect(gx + 30, 30, 6, 40), cv::Scalar(20), cv::FILLED);
    }
    x += 52 + 2 * 44 + 60;
  }
  return cell;
}

FieldResult Read(const std::vector<Tick>& ticks) {
  BlindEngine engine;
  const cv::Mat cell = Row(ticks);
  return ReadCheckboxRow(cell, cv::Rect(0, 0, cell.cols, cell.rows), 1, {"产线", "车间", "工厂"}, engine);
}

TEST(CheckboxTest, TheTickedBoxGivesTheValueWhateverTheTick) {
  EXPECT_EQ(Read({Tick::kNone, Tick::kFilled, Tick::kNone}).value, "车间");
  EXPECT_EQ(Read({Tick::kCheck, Tick::kNone, Tick::kNone}).value, "产线");
  const FieldResult pen = Read({Tick::kNone, Tick::kNone, Tick::kPen});
  EXPECT_EQ(pen.value, "工厂");
  EXPECT_TRUE(pen.valid);
}

TEST(CheckboxTest, NoneOrTwoTickedIsAnError) {
  const FieldResult none = Read({Tick::kNone, Tick::kNone, Tick::kNone});
  EXPECT_TRUE(none.value.is_null());
  EXPECT_FALSE(none.valid);
  const FieldResult two = Read({Tick::kFilled, Tick::kNone, Tick::kFilled});
  EXPECT_FALSE(two.valid);
  EXPECT_NE(two.error.find("多个"), std::string::npos) << two.error;
}

// A scan on grey, noisy paper breaks a box's sides: the empty box beside the
// ticked one must stay empty (its broken side once made a half-size box whose
// inside held the other half of the side: two options "ticked").
TEST(CheckboxTest, ABoxWithBrokenSidesIsStillEmpty) {
  BlindEngine engine;
  cv::Mat cell = Row({Tick::kCheck, Tick::kNone, Tick::kNone});
  const int x = 20 + 52 + 2 * 44 + 60;  // the second box's left side
  for (int y : {47, 56}) cv::rectangle(cell, cv::Rect(x - 2, y, 8, 2), cv::Scalar(250), cv::FILLED);
  const FieldResult f = ReadCheckboxRow(cell, cv::Rect(0, 0, cell.cols, cell.rows), 1, {"产线", "车间", "工厂"}, engine);
  EXPECT_EQ(f.value, "产线");
  EXPECT_TRUE(f.valid) << f.error;
}

}  // namespace
}  // namespace shenbao::extract
