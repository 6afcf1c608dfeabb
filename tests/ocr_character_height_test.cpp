// The height of a line's characters (CharacterHeight), which the full-text fallback
// reads a doubtful line's characters at: on a sign or a photo the ink's bounding box
// also holds rules, bands of dark ground and slivers of the next line.
#include "ocr/text_lines.h"

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include "ocr/cell_ink.h"

namespace shenbao::ocr {
namespace {

constexpr int kChar = 30;  // character height of the synthetic lines, px

cv::Mat WhiteCrop(int w, int h) { return cv::Mat(h, w, CV_8UC1, cv::Scalar(255)); }

// Eight boxy "characters" kChar px tall, each a 口 with a stroke through it, and a
// short 口 beside each (the part of a character, as in 嘿), starting at row `top`.
void DrawCharacters(cv::Mat& crop, int top) {
  for (int i = 0; i < 8; ++i) {
    const int x = 10 + i * (kChar + 12);
    cv::rectangle(crop, {x, top, kChar / 3, kChar / 2}, cv::Scalar(0), 3);
    cv::rectangle(crop, {x + kChar / 3 + 3, top, kChar - kChar / 3 - 3, kChar}, cv::Scalar(0), 3);
    cv::line(crop, {x + kChar / 2, top}, {x + kChar / 2 + 6, top + kChar - 1}, cv::Scalar(0), 3);
  }
}

// The characters' own height: the ink height of a line of nothing else.
int PlainHeight() {
  cv::Mat crop = WhiteCrop(360, 60);
  DrawCharacters(crop, 10);
  return InkBounds(crop).height;
}

TEST(CharacterHeight, PlainLineIsItsInkHeight) {
  cv::Mat crop = WhiteCrop(360, 60);
  DrawCharacters(crop, 10);
  EXPECT_NEAR(PlainHeight(), kChar, 4);  // strokes 3 px wide straddle the outline
  EXPECT_NEAR(CharacterHeight(crop), PlainHeight(), 1);
}

TEST(CharacterHeight, RuleGroundAndNextLineDoNotCount) {
  cv::Mat crop = WhiteCrop(360, 80);
  // A band of dark ground along the top edge, the characters, a rule under them that
  // touches every one, and the tops of the next line's characters cut off below.
  cv::rectangle(crop, {0, 0, 360, 8}, cv::Scalar(0), cv::FILLED);
  DrawCharacters(crop, 14);
  cv::rectangle(crop, {0, 14 + kChar + 1, 360, 3}, cv::Scalar(0), cv::FILLED);
  for (int i = 0; i < 8; ++i) cv::rectangle(crop, {12 + i * 42, 68, 20, 12}, cv::Scalar(0), 2);
  ASSERT_GT(InkBounds(crop).height, 70);
  EXPECT_NEAR(CharacterHeight(crop), PlainHeight(), 3);
}

TEST(CharacterHeight, LightTextOnDarkGroundIsMeasuredAlike) {
  cv::Mat crop = WhiteCrop(360, 60);
  DrawCharacters(crop, 10);
  EXPECT_NEAR(CharacterHeight(255 - crop), PlainHeight(), 1);
}

TEST(CharacterHeight, NothingLikeACharacterGivesZero) {
  EXPECT_EQ(CharacterHeight(WhiteCrop(200, 40)), 0);
  EXPECT_EQ(CharacterHeight(cv::Mat()), 0);
  cv::Mat rule_only = WhiteCrop(200, 40);
  cv::rectangle(rule_only, {0, 20, 200, 3}, cv::Scalar(0), cv::FILLED);
  EXPECT_EQ(CharacterHeight(rule_only), 0);
}

}  // namespace
}  // namespace shenbao::ocr
