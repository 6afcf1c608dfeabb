// A mark the Chinese model reads after the last character of a line, with no ink
// of its own (DropInklessTrailingMark), told from a real one by the ink.
#include "ocr/inkless_mark.h"

#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

#include "ocr/document_source.h"

namespace shenbao::ocr {
namespace {

constexpr int kEm = 50;  // a character's size, pixels

// A line of `glyphs` boxed characters (strokes across the whole em), white around.
cv::Mat Line(int glyphs) {
  cv::Mat line(kEm + 20, 20 + glyphs * (kEm + 8) + 60, CV_8UC1, cv::Scalar(255));
  for (int g = 0; g < glyphs; ++g) {
    const int x = 10 + g * (kEm + 8);
    cv::rectangle(line, cv::Rect(x, 10, kEm, kEm), cv::Scalar(0), 4);
    cv::line(line, {x, 10 + kEm / 2}, {x + kEm, 10 + kEm / 2}, cv::Scalar(0), 4);
  }
  return line;
}

int InkEnd(int glyphs) { return 10 + glyphs * (kEm + 8); }

TEST(InkEndsInMark, ALineEndingInACharacterDoesNot) {
  EXPECT_FALSE(InkEndsInMark(Line(6), cv::Range(0, kEm + 20)));
}

TEST(InkEndsInMark, AFullStopOrACommaAtTheEndIsAMark) {
  cv::Mat stop = Line(6);
  cv::circle(stop, {InkEnd(6) + 8, 10 + kEm / 2}, 6, cv::Scalar(0), 3);  // 。 centred, as FangSong prints it
  EXPECT_TRUE(InkEndsInMark(stop, cv::Range(0, stop.rows)));
  cv::Mat comma = Line(6);
  cv::ellipse(comma, {InkEnd(6) + 6, 10 + kEm - 6}, {4, 8}, 20, 0, 360, cv::Scalar(0), cv::FILLED);
  EXPECT_TRUE(InkEndsInMark(comma, cv::Range(0, comma.rows)));
}

TEST(InkEndsInMark, ScannerSpecksAreNoMark) {
  cv::Mat line = Line(6);
  cv::rectangle(line, cv::Rect(InkEnd(6) + 20, 40, 2, 2), cv::Scalar(0), cv::FILLED);
  EXPECT_FALSE(InkEndsInMark(line, cv::Range(0, line.rows)));
}

OcrLine Read(const std::vector<std::string>& symbols) {
  OcrLine line;
  OcrWord word;
  for (const std::string& s : symbols) {
    line.symbols.push_back({s, 0.9f, line.symbols.empty(), {}, {}});
    word.text += s;
  }
  line.words.push_back(word);
  line.text = word.text;
  return line;
}

TEST(DropInklessTrailingMark, ACommaWithoutInkGoes) {
  OcrLine line = Read({"材", "料", "并", "，"});
  DropInklessTrailingMark(line, Line(3));
  ASSERT_EQ(line.symbols.size(), 3u);
  EXPECT_EQ(line.symbols.back().text, "并");
  ASSERT_EQ(line.words.size(), 1u);
  EXPECT_EQ(line.words[0].text, "材料并");
}

TEST(DropInklessTrailingMark, ACommaWithItsInkStays) {
  cv::Mat image = Line(3);
  cv::ellipse(image, {InkEnd(3) + 6, 10 + kEm - 6}, {4, 8}, 20, 0, 360, cv::Scalar(0), cv::FILLED);
  OcrLine line = Read({"材", "料", "并", "，"});
  DropInklessTrailingMark(line, image);
  EXPECT_EQ(line.symbols.size(), 4u);
  EXPECT_EQ(line.words[0].text, "材料并，");
  // Nor is anything but a small mark ever taken off.
  OcrLine word = Read({"材", "料", "并"});
  DropInklessTrailingMark(word, Line(3));
  EXPECT_EQ(word.symbols.size(), 3u);
}

// The F sample letter's line "…上传相关材料，并" (its last character at the right
// margin): chi_sim read "…并，", and the vote kept the comma.
TEST(DropInklessTrailingMark, TheSampleLetterLineEndsInItsLastCharacter) {
  const std::filesystem::path pdf = std::filesystem::path(SHENBAO_SOURCE_DIR) / "samples/official-letter/clean-01.pdf";
  if (!std::filesystem::exists(pdf)) GTEST_SKIP() << pdf << " not found";
  const PageImage page = OpenDocument(pdf, RasterOptions{})->Render(0);
  EngineOptions options;
  options.tessdata_dir = "/usr/share/tesseract-ocr/5/tessdata";
  const auto engine = MakeTesseractEngine(options);
  const cv::Rect line(326, 2705, 1818, 77);  // the line's ink, a sixth of its height above and below
  ASSERT_TRUE(cv::Rect(0, 0, page.gray.cols, page.gray.rows).contains(line.br() - cv::Point(1, 1)));
  std::string text;
  for (char c : engine->Recognize(page.gray(line), TextKind::kLine).Joined("")) if (c != ' ') text += c;
  // The comma's form is the engine's raw choice (the record normalizes it later).
  EXPECT_TRUE(text.ends_with("材料，并") || text.ends_with("材料,并")) << text;
}

}  // namespace
}  // namespace shenbao::ocr
