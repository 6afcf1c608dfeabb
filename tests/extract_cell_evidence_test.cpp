// Evidence about a table cell beyond its own reading: a 序号 the row order decides
// (only towards a number the OCR itself weighed), and a dash pair told by its glyph.
// No OCR runs: the readings are given as the table reader would have made them.
#include "extract/cell_evidence.h"

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

namespace shenbao::extract {
namespace {

// A 序号 cell read as `text` (one character per runner-up list), parsed as an int.
FieldMap SeqRow(const std::string& text, std::vector<std::vector<std::string>> runner_ups = {}, double confidence = 0.6) {
  FieldResult f;
  f.text = text;
  f.value = std::stoll(text);
  f.confidence = confidence;
  f.runner_ups = runner_ups.empty() ? std::vector<std::vector<std::string>>(text.size()) : std::move(runner_ups);
  FieldMap row;
  row.emplace_back("seq", f);
  row.emplace_back("name", FieldResult{});
  return row;
}

std::vector<FieldMap> Table(std::vector<FieldMap> rows) { return rows; }

const FieldResult& Seq(const std::vector<FieldMap>& rows, size_t i) { return rows[i].front().second; }

TEST(ReadSequenceByRowOrder, ALoneOneReadFourWithOneAsRunnerUpIsOneAndChecked) {
  auto rows = Table({SeqRow("4", {{"1", "2"}}, 0.95), SeqRow("2"), SeqRow("3")});
  ReadSequenceByRowOrder("seq", rows);
  EXPECT_EQ(Seq(rows, 0).value, 1);
  EXPECT_EQ(Seq(rows, 0).text, "4");  // the reading stays as it was
  EXPECT_LT(Seq(rows, 0).confidence, 0.9);
  EXPECT_NE(Seq(rows, 0).correction.find("4→1"), std::string::npos) << Seq(rows, 0).correction;
  EXPECT_EQ(Seq(rows, 1).value, 2);
  EXPECT_TRUE(Seq(rows, 1).correction.empty());
}

TEST(ReadSequenceByRowOrder, ElevenReadFortyFourBetweenTenAndTwelve) {
  auto rows = Table({SeqRow("10"), SeqRow("44", {{"1"}, {"1", "2"}}), SeqRow("12")});
  rows.insert(rows.begin(), SeqRow("9"));
  for (int n = 8; n >= 1; --n) rows.insert(rows.begin(), SeqRow(std::to_string(n)));
  ReadSequenceByRowOrder("seq", rows);
  EXPECT_EQ(Seq(rows, 10).value, 11);
  // The last row has only the row above to go by, and agrees with it.
  EXPECT_EQ(Seq(rows, 11).value, 12);
}

TEST(ReadSequenceByRowOrder, ANumberTheOcrDidNotWeighIsLeftAsRead) {
  auto rows = Table({SeqRow("4", {{"9"}}), SeqRow("2"), SeqRow("3")});
  ReadSequenceByRowOrder("seq", rows);
  EXPECT_EQ(Seq(rows, 0).value, 4);
  EXPECT_TRUE(Seq(rows, 0).correction.empty());
}

TEST(ReadSequenceByRowOrder, NeighboursThatDisagreeDecideNothing) {
  auto rows = Table({SeqRow("1"), SeqRow("4", {{"2", "3"}}), SeqRow("5")});
  ReadSequenceByRowOrder("seq", rows);
  EXPECT_EQ(Seq(rows, 1).value, 4);
  // A table whose numbers start elsewhere (7, 8): the first row is not made 1.
  auto later = Table({SeqRow("7", {{"1"}}), SeqRow("8")});
  ReadSequenceByRowOrder("seq", later);
  EXPECT_EQ(Seq(later, 0).value, 7);
  // One row alone: nothing to count by.
  auto alone = Table({SeqRow("4", {{"1"}})});
  ReadSequenceByRowOrder("seq", alone);
  EXPECT_EQ(Seq(alone, 0).value, 4);
}

constexpr int kEm = 40;  // character height in pixels, as at 300 dpi

// A cell with a line of boxy "characters", with `bars` (x offset, width) drawn at
// half height after the third of them.
cv::Mat CellWithBars(const std::vector<std::pair<int, int>>& bars) {
  cv::Mat page(120, 700, CV_8UC1, cv::Scalar(255));
  const int top = 40, x0 = 30;
  for (int k = 0; k < 3; ++k) cv::rectangle(page, cv::Rect(x0 + k * (kEm + 8), top, kEm, kEm), cv::Scalar(0), 3);
  const int after = x0 + 3 * (kEm + 8);
  int end = after;
  for (const auto& [dx, width] : bars) {
    cv::rectangle(page, cv::Rect(after + dx, top + kEm / 2 - 2, width, 4), cv::Scalar(0), cv::FILLED);
    end = std::max(end, after + dx + width);
  }
  for (int k = 0; k < 3; ++k) cv::rectangle(page, cv::Rect(end + 10 + k * (kEm + 8), top, kEm, kEm), cv::Scalar(0), 3);
  return page;
}

std::string Restored(const cv::Mat& page, const std::string& value) {
  FieldResult f;
  f.value = value;
  RestoreDashPair(page, cv::Rect(0, 0, page.cols, page.rows), f);
  return f.value.get<std::string>();
}

TEST(RestoreDashPair, OneBarTwoCharactersLongIsADashPair) {
  EXPECT_EQ(Restored(CellWithBars({{4, 2 * kEm}}), "网络类—标识解"), "网络类——标识解");
  EXPECT_EQ(Restored(CellWithBars({{4, 2 * kEm}}), "工厂类-一-工业互"), "工厂类——工业互");
}

TEST(RestoreDashPair, TwoShortBarsCloseTogetherAreADashPair) {
  EXPECT_EQ(Restored(CellWithBars({{4, kEm * 6 / 10}, {4 + kEm, kEm * 6 / 10}}), "网络类—标识解"), "网络类——标识解");
}

TEST(RestoreDashPair, ABarOneCharacterLongIsOneDash) {
  EXPECT_EQ(Restored(CellWithBars({{4, kEm}}), "载体类—工业互"), "载体类—工业互");
  // No dash in the value: nothing to do, whatever the cell shows.
  EXPECT_EQ(Restored(CellWithBars({{4, 2 * kEm}}), "载体类工业互联"), "载体类工业互联");
}

}  // namespace
}  // namespace shenbao::extract
