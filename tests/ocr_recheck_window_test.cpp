// The second model's windows on a long line (ocr/recheck_window.h): which characters
// are doubtful, where the line is cut, and how the window readings go back in.
#include "ocr/recheck_window.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include "ocr/utf8.h"

namespace shenbao::ocr {
namespace {

// Glyph k of a synthetic line: a dark block 30 px wide, 10 px of paper between blocks.
constexpr int kLeft = 10, kPitch = 40, kGlyph = 30, kTop = 5, kHeight = 40;

cv::Rect GlyphBox(int k) { return cv::Rect(kLeft + k * kPitch, kTop, kGlyph, kHeight); }

// A grey line image with `glyphs` blocks, and `extra_blocks` more after them that no
// symbol will cover (ink the first model did not read).
cv::Mat LineImage(int glyphs, int extra_blocks = 0) {
  cv::Mat gray(kHeight + 2 * kTop, kLeft + (glyphs + extra_blocks) * kPitch + kLeft, CV_8UC1, cv::Scalar(245));
  for (int k = 0; k < glyphs + extra_blocks; ++k) cv::rectangle(gray, GlyphBox(k), cv::Scalar(30), cv::FILLED);
  return gray;
}

LineInk Ink(int glyphs, int extra_blocks = 0) { return LineInk::Of(LineImage(glyphs, extra_blocks)); }

// A reading of `text`, one symbol per character on the blocks from `first_glyph` on,
// all read at `confidence`.
OcrLine Reading(const std::string& text, float confidence = 0.99f, int first_glyph = 0) {
  OcrLine line;
  int k = first_glyph;
  for (const std::string& c : CodePoints(text)) {
    OcrSymbol s;
    s.text = c;
    s.confidence = confidence;
    s.box = GlyphBox(k++);
    line.symbols.push_back(s);
    line.text += c;
  }
  line.confidence = confidence;
  return line;
}

OcrText AsText(const OcrLine& line) {
  OcrText text;
  text.lines.push_back(line);
  text.confidence = line.confidence;
  return text;
}

std::string Spelled(const OcrText& text) {
  std::string out;
  for (const OcrSymbol& s : text.lines.at(0).symbols) out += s.text;
  return out;
}

const std::string kTwenty = "经审核材料真实完整符合先导区试点申报条件";  // 20 characters

TEST(RecheckWindow, AWeakCharacterIsDoubtfulAndTheRestSure) {
  OcrLine line = Reading(kTwenty);
  line.symbols[10].confidence = 0.9f;
  const std::vector<bool> doubtful = DoubtfulSymbols(line, Ink(20));
  for (size_t i = 0; i < doubtful.size(); ++i) EXPECT_EQ(doubtful[i], i == 10) << i;
}

TEST(RecheckWindow, ANumberThatMayHideAPercentSignIsDoubtful) {
  // "效率提升4196" is how the first model reads 效率提升41%: its 9 and 6 at 0.99.
  const OcrLine line = Reading("生产效率提升4196单位能耗降低2023年以来");
  const std::vector<bool> doubtful = DoubtfulSymbols(line, Ink(23));
  EXPECT_FALSE(doubtful[7]);                    // 1
  EXPECT_TRUE(doubtful[8] && doubtful[9]);      // 96
  EXPECT_FALSE(doubtful[16] || doubtful[17]);   // 2023 ends in 3: no % looks like a 3
  EXPECT_FALSE(doubtful[18] || doubtful[19]);
}

TEST(RecheckWindow, InkAfterTheLastSymbolMakesItDoubtful) {
  // A final mark (。) the first model did not read: ink no symbol box covers.
  const OcrLine line = Reading(kTwenty);
  EXPECT_TRUE(DoubtfulSymbols(line, Ink(20, 1)).back());
  EXPECT_FALSE(DoubtfulSymbols(line, Ink(20)).back());
}

TEST(RecheckWindow, OneWindowAroundTheDoubtfulCharacterCutBetweenGlyphs) {
  const OcrLine line = Reading(kTwenty);
  std::vector<bool> doubtful(20, false);
  doubtful[12] = true;  // 导
  const std::vector<RecheckWindow> windows = DoubtfulWindows(line, Ink(20), doubtful);
  ASSERT_EQ(windows.size(), 1u);
  EXPECT_EQ(windows[0].first, 9u);
  EXPECT_EQ(windows[0].last, 16u);
  // The cuts fall in the paper between glyphs 8 and 9, and 15 and 16.
  EXPECT_GE(windows[0].x0, GlyphBox(8).br().x);
  EXPECT_LE(windows[0].x0, GlyphBox(9).x);
  EXPECT_GE(windows[0].x1, GlyphBox(15).br().x);
  EXPECT_LE(windows[0].x1, GlyphBox(16).x);
}

TEST(RecheckWindow, NearbyDoubtsShareAWindowAndTheLineEndsRunToTheEdge) {
  const OcrLine line = Reading(kTwenty + "为深入推进融合应用先");  // 30 characters
  std::vector<bool> doubtful(30, false);
  doubtful[5] = doubtful[8] = doubtful[29] = true;
  const LineInk ink = Ink(30);
  const std::vector<RecheckWindow> windows = DoubtfulWindows(line, ink, doubtful);
  ASSERT_EQ(windows.size(), 2u);
  EXPECT_EQ(windows[0].first, 2u);
  EXPECT_EQ(windows[0].last, 12u);
  EXPECT_EQ(windows[1].first, 26u);
  EXPECT_EQ(windows[1].last, 30u);
  EXPECT_EQ(windows[1].x1, ink.width());
}

TEST(RecheckWindow, ShortLinesAndMostlyDoubtfulLinesAreReadWhole) {
  std::vector<bool> one(10, false);
  one[5] = true;
  EXPECT_TRUE(DoubtfulWindows(Reading("经审核材料真实完整符"), Ink(10), one).empty());
  std::vector<bool> many(20, false);
  many[3] = many[9] = many[15] = true;  // joined, the windows would span most of the line
  EXPECT_TRUE(DoubtfulWindows(Reading(kTwenty), Ink(20), many).empty());
  EXPECT_TRUE(DoubtfulWindows(Reading(kTwenty), Ink(20), std::vector<bool>(20, false)).empty());
}

// The windows of `first` (a reading of kTwenty) when only its 导 is doubtful.
std::vector<RecheckWindow> WindowsAroundDao(const OcrText& first) {
  std::vector<bool> doubtful(20, false);
  doubtful[12] = true;
  return DoubtfulWindows(first.lines.at(0), Ink(20), doubtful);
}

TEST(RecheckWindow, TheWindowReadingReplacesTheFirstBetweenItsAnchors) {
  const OcrText first = AsText(Reading(kTwenty));
  const std::vector<RecheckWindow> windows = WindowsAroundDao(first);
  ASSERT_EQ(windows.size(), 1u);
  // The second model reads the window's glyphs 9..15 (符合先导区试点) with 导 as 异, and
  // a stray mark before them where the cut grazed glyph 8. Its reading counts from
  // the sure 合 to the sure 试; the window's outer 符 and 点 stay the first model's.
  const OcrText window = AsText(Reading("|符合先异区试点", 0.95f, 8));
  const OcrText spliced = SplicedReading(first, windows, {window});
  ASSERT_EQ(spliced.lines.size(), 1u);
  EXPECT_EQ(Spelled(spliced), "经审核材料真实完整符合先异区试点申报条件");
}

TEST(RecheckWindow, AWindowReadingWithoutItsAnchorsGivesNothing) {
  const OcrText first = AsText(Reading(kTwenty));
  const std::vector<RecheckWindow> windows = WindowsAroundDao(first);
  ASSERT_EQ(windows.size(), 1u);
  EXPECT_TRUE(SplicedReading(first, windows, {AsText(Reading("一二三四五六七", 0.9f, 9))}).lines.empty());
  EXPECT_TRUE(SplicedReading(first, windows, {OcrText{}}).lines.empty());
}

TEST(RecheckWindow, AMarkTheFirstModelMissedAtTheEndComesBack) {
  const OcrText first = AsText(Reading(kTwenty));
  const LineInk ink = Ink(20, 1);
  const std::vector<RecheckWindow> windows =
      DoubtfulWindows(first.lines[0], ink, DoubtfulSymbols(first.lines[0], ink));
  ASSERT_EQ(windows.size(), 1u);
  EXPECT_EQ(windows[0].x1, ink.width());
  const OcrText tail = AsText(Reading("申报条件。", 0.97f, 16));
  EXPECT_EQ(Spelled(SplicedReading(first, windows, {tail})), kTwenty + "。");
}

TEST(RecheckWindow, AWindowedLineIsNoSurerThanItsFirstReading) {
  OcrLine line = Reading(kTwenty, 0.97f);
  line.symbols[12].confidence = 0.91f;
  OcrText first = AsText(line);
  first.confidence = 0.95f;
  first.weakest_symbol = 0.91f;
  // The window's reading agrees: a whole-line agreement would make the line surer.
  OcrText same = AsText(Reading(kTwenty, 0.99f));
  same.confidence = 0.99f;
  same.weakest_symbol = 0.99f;
  const OcrText agreed = WindowedVote(first, same);
  EXPECT_EQ(Spelled(agreed), kTwenty);
  EXPECT_TRUE(agreed.partly_rechecked);
  EXPECT_FALSE(agreed.models_agree);
  EXPECT_LE(agreed.confidence, 0.95f);
  EXPECT_LE(agreed.weakest_symbol, 0.91f);
  EXPECT_LE(agreed.lines.at(0).confidence, 0.97f);
  // The window reads 导 as 异: the line is a vote.
  const OcrText other = AsText(Reading("经审核材料真实完整符合先异区试点申报条件", 0.99f));
  EXPECT_TRUE(WindowedVote(first, other).models_disagree);
}

}  // namespace
}  // namespace shenbao::ocr
