// Table grids, cell crops and blank-cell detection on synthetic pages.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "ocr/cleanup.h"
#include "ocr/cell_ink.h"
#include "ocr/grid.h"

namespace shenbao::ocr {
namespace {

constexpr int kPageW = 2480;  // A4 at 300 dpi
constexpr int kPageH = 3508;

cv::Mat WhitePage() { return cv::Mat(kPageH, kPageW, CV_8UC1, cv::Scalar(255)); }

struct TableSpec {
  cv::Point origin{200, 600};
  std::vector<int> row_heights{160, 90, 90, 90, 90, 90, 90, 90};  // header taller
  std::vector<int> col_widths{150, 500, 600, 350, 300, 200};
  int thickness = 3;
  bool close_bottom = true;   // false: verticals run to the page bottom, no last ruling
  bool fill_text = true;
  bool long_text = false;
};

struct DrawnTable {
  std::vector<int> rows;  // ruling positions as drawn
  std::vector<int> cols;
};

DrawnTable DrawTable(cv::Mat& page, const TableSpec& spec, const cv::Scalar& ink = cv::Scalar(0)) {
  DrawnTable t;
  int y = spec.origin.y;
  t.rows.push_back(y);
  for (int h : spec.row_heights) t.rows.push_back(y += h);
  int x = spec.origin.x;
  t.cols.push_back(x);
  for (int w : spec.col_widths) t.cols.push_back(x += w);
  const int last_row = static_cast<int>(t.rows.size()) - (spec.close_bottom ? 1 : 2);
  for (int r = 0; r <= last_row; ++r) {
    cv::line(page, {t.cols.front(), t.rows[r]}, {t.cols.back(), t.rows[r]}, ink, spec.thickness);
  }
  const int bottom = spec.close_bottom ? t.rows.back() : page.rows - 1;
  for (int c : t.cols) cv::line(page, {c, t.rows.front()}, {c, bottom}, ink, spec.thickness);
  if (!spec.close_bottom) t.rows.back() = page.rows - 1;

  if (spec.fill_text) {
    std::mt19937 rng(11);
    for (size_t r = 0; r + 1 < t.rows.size(); ++r) {
      for (size_t c = 0; c + 1 < t.cols.size(); ++c) {
        if ((r * 7 + c * 3) % 5 == 0) continue;  // some cells blank
        const int width = t.cols[c + 1] - t.cols[c];
        std::string text = spec.long_text ? "Wuhan Optics Valley Intelligent Equipment Co Ltd 5G"
                                          : "Cell " + std::to_string(r) + "-" + std::to_string(c);
        // Long text is cut to fill the cell almost to its rulings.
        int base = 0;
        while (cv::getTextSize(text, cv::FONT_HERSHEY_SIMPLEX, 1.2, 3, &base).width > width - 24) {
          text.pop_back();
        }
        cv::putText(page, text, {t.cols[c] + 12, t.rows[r] + 60}, cv::FONT_HERSHEY_SIMPLEX, 1.2,
                    ink, 3);
      }
    }
  }
  return t;
}

void ExpectLinesNear(const std::vector<int>& found, const std::vector<int>& expected, int tol,
                     const std::string& what) {
  ASSERT_EQ(found.size(), expected.size()) << what;
  for (size_t i = 0; i < found.size(); ++i) {
    EXPECT_NEAR(found[i], expected[i], tol) << what << " line " << i;
  }
}

void ExpectGrid(const TableGrid& grid, const DrawnTable& t, int tol, const std::string& what) {
  ExpectLinesNear(grid.row_lines, t.rows, tol, what + " rows");
  ExpectLinesNear(grid.col_lines, t.cols, tol, what + " cols");
}

cv::Mat Jpeg(const cv::Mat& image, int quality) {
  std::vector<uint8_t> bytes;
  cv::imencode(".jpg", image, bytes, {cv::IMWRITE_JPEG_QUALITY, quality});
  return cv::imdecode(bytes, cv::IMREAD_UNCHANGED);
}

TEST(FindTableGrids, FindsRulingsOfAnyThickness) {
  for (int thickness : {1, 2, 3, 5}) {
    cv::Mat page = WhitePage();
    TableSpec spec;
    spec.thickness = thickness;
    const DrawnTable t = DrawTable(page, spec);
    const std::vector<TableGrid> grids = FindTableGrids(page);
    ASSERT_EQ(grids.size(), 1u) << thickness;
    ExpectGrid(grids[0], t, 2, "thickness " + std::to_string(thickness));
    EXPECT_EQ(grids[0].rows(), 8);
    EXPECT_EQ(grids[0].cols(), 6);
    EXPECT_NEAR(grids[0].bbox.x, t.cols.front(), 2);
    EXPECT_NEAR(grids[0].bbox.br().y, t.rows.back(), 3);
  }
}

TEST(FindTableGrids, CellExcludesRulings) {
  cv::Mat page = WhitePage();
  TableSpec spec;
  spec.thickness = 5;
  spec.fill_text = false;
  DrawTable(page, spec);
  const std::vector<TableGrid> grids = FindTableGrids(page);
  ASSERT_EQ(grids.size(), 1u);
  for (int r = 0; r < grids[0].rows(); ++r) {
    for (int c = 0; c < grids[0].cols(); ++c) {
      const cv::Rect cell = grids[0].Cell(r, c);
      ASSERT_FALSE(cell.empty());
      double lo = 0;
      cv::minMaxLoc(page(cell), &lo);
      EXPECT_EQ(lo, 255) << "ruling pixels inside cell " << r << "," << c;
    }
  }
  EXPECT_TRUE(grids[0].Cell(8, 0).empty());
}

TEST(FindTableGrids, BrokenNoisyJpegLines) {
  cv::Mat page = WhitePage();
  TableSpec spec;
  spec.thickness = 2;
  const DrawnTable t = DrawTable(page, spec);
  // Gaps of 2-3 px along every ruling, grain, then JPEG.
  std::mt19937 rng(5);
  std::uniform_int_distribution<int> jitter(0, 40);
  for (int y : t.rows) {
    for (int x = t.cols.front(); x < t.cols.back(); x += 60 + jitter(rng)) {
      cv::rectangle(page, cv::Rect(x, y - 3, 3, 7), cv::Scalar(255), -1);
    }
  }
  for (int x : t.cols) {
    for (int y = t.rows.front(); y < t.rows.back(); y += 60 + jitter(rng)) {
      cv::rectangle(page, cv::Rect(x - 3, y, 7, 2), cv::Scalar(255), -1);
    }
  }
  cv::Mat noise(page.size(), CV_16SC1);
  cv::randn(noise, 0, 14);
  cv::Mat noisy;
  page.convertTo(noisy, CV_16SC1);
  noisy += noise;
  noisy.convertTo(page, CV_8UC1);
  page = Jpeg(page, 60);
  const std::vector<TableGrid> grids = FindTableGrids(page);
  ASSERT_EQ(grids.size(), 1u);
  ExpectGrid(grids[0], t, 2, "broken");
}

TEST(FindTableGrids, ResidualSkewUnderHalfDegree) {
  for (double angle : {-0.45, 0.3, 0.45}) {
    cv::Mat page = WhitePage();
    TableSpec spec;
    spec.thickness = 2;
    const DrawnTable t = DrawTable(page, spec);
    const cv::Point2f center((kPageW - 1) / 2.0f, (kPageH - 1) / 2.0f);
    const cv::Mat m = cv::getRotationMatrix2D(center, angle, 1.0);
    cv::warpAffine(page, page, m, page.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT,
                   cv::Scalar(255));
    // Where each ruling crosses the table's middle after the rotation.
    const double mid_x = (t.cols.front() + t.cols.back()) / 2.0;
    const double mid_y = (t.rows.front() + t.rows.back()) / 2.0;
    auto moved = [&](double x, double y) {
      return cv::Point2d(m.at<double>(0, 0) * x + m.at<double>(0, 1) * y + m.at<double>(0, 2),
                         m.at<double>(1, 0) * x + m.at<double>(1, 1) * y + m.at<double>(1, 2));
    };
    DrawnTable expected;
    for (int y : t.rows) expected.rows.push_back(static_cast<int>(std::lround(moved(mid_x, y).y)));
    for (int x : t.cols) expected.cols.push_back(static_cast<int>(std::lround(moved(x, mid_y).x)));
    const std::vector<TableGrid> grids = FindTableGrids(page);
    ASSERT_EQ(grids.size(), 1u) << angle;
    ExpectGrid(grids[0], expected, 4, "skew " + std::to_string(angle));
  }
}

TEST(FindTableGrids, SeveralTablesTopToBottom) {
  cv::Mat page = WhitePage();
  TableSpec first;
  first.origin = {200, 300};
  first.row_heights = {120, 80, 80, 80};
  first.col_widths = {300, 700, 900};
  TableSpec second;
  second.origin = {300, 1500};
  second.row_heights = {100, 100, 100, 100, 100, 100};
  second.col_widths = {200, 400, 400, 400, 400};
  const DrawnTable a = DrawTable(page, first);
  const DrawnTable b = DrawTable(page, second);
  cv::putText(page, "Table 2: projects recommended", {300, 1420}, cv::FONT_HERSHEY_SIMPLEX, 1.6,
              cv::Scalar(0), 3);
  cv::line(page, {300, 3200}, {1200, 3200}, cv::Scalar(0), 3);  // a signature line: no table
  const std::vector<TableGrid> grids = FindTableGrids(page);
  ASSERT_EQ(grids.size(), 2u);
  ExpectGrid(grids[0], a, 2, "first");
  ExpectGrid(grids[1], b, 2, "second");
}

TEST(FindTableGrids, TableRunningOffThePageBottom) {
  cv::Mat page = WhitePage();
  TableSpec spec;
  spec.origin = {200, 2900};
  spec.row_heights = {160, 90, 90, 90, 90, 90};  // the last would end below the page
  spec.close_bottom = false;
  const DrawnTable t = DrawTable(page, spec);
  const std::vector<TableGrid> grids = FindTableGrids(page);
  ASSERT_EQ(grids.size(), 1u);
  ExpectGrid(grids[0], t, 2, "open bottom");
  EXPECT_LE(grids[0].row_line_widths.back(), 2);  // no printed ruling there
}

TEST(FindTableGrids, LongCellTextAddsNoRulings) {
  cv::Mat page = WhitePage();
  TableSpec spec;
  spec.long_text = true;
  spec.thickness = 1;
  const DrawnTable t = DrawTable(page, spec);
  const std::vector<TableGrid> grids = FindTableGrids(page);
  ASSERT_EQ(grids.size(), 1u);
  ExpectGrid(grids[0], t, 2, "long text");
}

TEST(FindTableGrids, SplitInsideAHeaderCellIsNotAGridLine) {
  cv::Mat page = WhitePage();
  TableSpec spec;
  const DrawnTable t = DrawTable(page, spec);
  // A sub-header ruling under two columns only, and a short split in the header.
  cv::line(page, {t.cols[2], t.rows[0] + 80}, {t.cols[4], t.rows[0] + 80}, cv::Scalar(0), 3);
  cv::line(page, {t.cols[1] + 250, t.rows[0]}, {t.cols[1] + 250, t.rows[1]}, cv::Scalar(0), 3);
  const std::vector<TableGrid> grids = FindTableGrids(page);
  ASSERT_EQ(grids.size(), 1u);
  ExpectGrid(grids[0], t, 2, "partial rulings");
}

TEST(FindTableGrids, PartialRulingsWithLowerMinSpanAndTheirExtents) {
  cv::Mat page = WhitePage();
  TableSpec spec;
  const DrawnTable t = DrawTable(page, spec);
  // A split of the header's second column only: a key-value style row.
  const int split_x = t.cols[1] + 250;
  cv::line(page, {split_x, t.rows[0]}, {split_x, t.rows[1]}, cv::Scalar(0), 3);
  TableGridOptions options;
  options.min_span = 0.1;
  const std::vector<TableGrid> grids = FindTableGrids(page, options);
  ASSERT_EQ(grids.size(), 1u);
  const TableGrid& g = grids[0];
  ASSERT_EQ(g.col_lines.size(), t.cols.size() + 1);
  ASSERT_EQ(g.col_line_extents.size(), g.col_lines.size());
  ASSERT_EQ(g.row_line_extents.size(), g.row_lines.size());
  EXPECT_NEAR(g.col_lines[2], split_x, 2);
  // Extents run over the crossing rulings' thickness; ends are exclusive.
  EXPECT_NEAR(g.col_line_extents[2].start, t.rows[0], 4);
  EXPECT_NEAR(g.col_line_extents[2].end, t.rows[1], 4);
  EXPECT_NEAR(g.col_line_extents[0].end, t.rows.back(), 4);
  EXPECT_NEAR(g.row_line_extents[3].start, t.cols.front(), 4);
  EXPECT_NEAR(g.row_line_extents[3].end, t.cols.back(), 4);
}

TEST(FindTableGrids, RedSealOverTableOnDropoutGrey) {
  cv::Mat gray = WhitePage();
  TableSpec spec;
  const DrawnTable t = DrawTable(gray, spec);
  cv::Mat bgr;
  cv::cvtColor(gray, bgr, cv::COLOR_GRAY2BGR);
  // A 42 mm seal over the table's lower right: ring, star, text; inks multiply.
  cv::Mat seal(bgr.size(), CV_8UC3, cv::Scalar(255, 255, 255));
  const cv::Point c(1600, 1100);
  const cv::Scalar red(45, 35, 210);
  cv::circle(seal, c, 248, red, 14);
  cv::circle(seal, c, 80, red, -1);
  cv::putText(seal, "SPECIAL SEAL", {c.x - 200, c.y + 160}, cv::FONT_HERSHEY_SIMPLEX, 1.6, red, 5);
  cv::line(seal, {c.x - 200, c.y - 150}, {c.x + 200, c.y - 150}, red, 6);  // a straight stroke
  cv::multiply(bgr, seal, bgr, 1.0 / 255);
  bgr = Jpeg(bgr, 85);
  cv::Mat plain;
  cv::cvtColor(bgr, plain, cv::COLOR_BGR2GRAY);
  const std::vector<TableGrid> grids = FindTableGrids(DropoutRedInk(bgr, plain));
  ASSERT_EQ(grids.size(), 1u);
  ExpectGrid(grids[0], t, 2, "under seal");
}

TEST(FindTableGrids, NoTableOnTextPage) {
  cv::Mat page = WhitePage();
  for (int i = 0; i < 30; ++i) {
    cv::putText(page, "Some paragraph text ____ of an official letter, long enough to fill",
                {200, 300 + 90 * i}, cv::FONT_HERSHEY_SIMPLEX, 1.5, cv::Scalar(0), 3);
  }
  cv::line(page, {200, 3100}, {2200, 3100}, cv::Scalar(0), 4);
  EXPECT_TRUE(FindTableGrids(page).empty());
  EXPECT_TRUE(FindTableGrids(WhitePage()).empty());
  EXPECT_TRUE(FindTableGrids(cv::Mat()).empty());
}

// A noisy JPEG table page and its grid, for the cell tests.
struct CellFixture {
  cv::Mat page;
  DrawnTable drawn;
  TableGrid grid;
};

CellFixture NoisyTable(double skew_deg) {
  CellFixture f;
  f.page = WhitePage();
  TableSpec spec;
  spec.thickness = 3;
  f.drawn = DrawTable(f.page, spec);
  if (skew_deg != 0) {
    const cv::Point2f center((kPageW - 1) / 2.0f, (kPageH - 1) / 2.0f);
    cv::warpAffine(f.page, f.page, cv::getRotationMatrix2D(center, skew_deg, 1.0), f.page.size(),
                   cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(255));
  }
  cv::Mat noise(f.page.size(), CV_16SC1), noisy;
  cv::randn(noise, 0, 8);
  f.page.convertTo(noisy, CV_16SC1);
  noisy += noise;
  noisy.convertTo(f.page, CV_8UC1);
  f.page = Jpeg(f.page, 70);
  const std::vector<TableGrid> grids = FindTableGrids(f.page);
  if (grids.size() == 1) f.grid = grids[0];
  return f;
}

bool HasText(int r, int c) { return (r * 7 + c * 3) % 5 != 0; }

// Longest dark run along the crop's outer 3 rows and columns.
int LongestBorderRun(const cv::Mat& crop) {
  int longest = 0;
  auto scan = [&](int n, auto dark_at) {
    int run = 0;
    for (int i = 0; i < n; ++i) {
      run = dark_at(i) ? run + 1 : 0;
      longest = std::max(longest, run);
    }
  };
  for (int k = 0; k < 3; ++k) {
    scan(crop.cols, [&](int x) { return crop.at<uint8_t>(k, x) < 128; });
    scan(crop.cols, [&](int x) { return crop.at<uint8_t>(crop.rows - 1 - k, x) < 128; });
    scan(crop.rows, [&](int y) { return crop.at<uint8_t>(y, k) < 128; });
    scan(crop.rows, [&](int y) { return crop.at<uint8_t>(y, crop.cols - 1 - k) < 128; });
  }
  return longest;
}

TEST(CleanCellCrop, RemovesRulingRemnantsKeepsText) {
  for (double skew : {0.0, 0.4}) {
    const CellFixture f = NoisyTable(skew);
    ASSERT_EQ(f.grid.rows(), 8) << skew;
    ASSERT_EQ(f.grid.cols(), 6) << skew;
    for (int r = 0; r < f.grid.rows(); ++r) {
      for (int c = 0; c < f.grid.cols(); ++c) {
        // A naive crop from ruling centre to ruling centre: half of every ruling
        // (and, with skew, more of it at one end) is inside.
        const cv::Rect cell(cv::Point(f.grid.col_lines[c], f.grid.row_lines[r]),
                            cv::Point(f.grid.col_lines[c + 1], f.grid.row_lines[r + 1]));
        const cv::Mat raw = f.page(cell);
        const cv::Mat clean = CleanCellCrop(f.page, cell);
        ASSERT_EQ(clean.size(), cell.size());
        if (skew == 0) {
          EXPECT_GT(LongestBorderRun(raw), 0.9 * std::min(cell.width, cell.height));
        }

        EXPECT_LT(LongestBorderRun(clean), 12) << "cell " << r << "," << c << " skew " << skew;
        const cv::Rect inner(12, 12, cell.width - 24, cell.height - 24);
        EXPECT_EQ(cv::countNonZero(raw(inner) < 128), cv::countNonZero(clean(inner) < 128))
            << "text touched in cell " << r << "," << c;
        EXPECT_EQ(IsBlank(clean), !HasText(r, c)) << "cell " << r << "," << c << " skew " << skew;
        EXPECT_EQ(IsBlank(raw), !HasText(r, c)) << "uncleaned cell " << r << "," << c;
      }
    }
  }
}

TEST(IsBlank, IgnoresSpeckleAndJpegNoise) {
  cv::Mat crop(90, 400, CV_8UC1, cv::Scalar(250));
  std::mt19937 rng(9);
  std::uniform_int_distribution<int> x(0, 399), y(0, 89);
  for (int i = 0; i < 25; ++i) {
    cv::circle(crop, {x(rng), y(rng)}, 1, cv::Scalar(30), -1);  // specks of 1-3 px
  }
  cv::Mat noise(crop.size(), CV_16SC1), noisy;
  cv::randn(noise, 0, 10);
  crop.convertTo(noisy, CV_16SC1);
  noisy += noise;
  noisy.convertTo(crop, CV_8UC1);
  crop = Jpeg(crop, 50);
  EXPECT_TRUE(IsBlank(crop));
  EXPECT_TRUE(InkBounds(crop).empty());
  EXPECT_TRUE(IsBlank(cv::Mat()));

  // Light grey shading (a header cell's fill) is not ink either.
  EXPECT_TRUE(IsBlank(cv::Mat(90, 400, CV_8UC1, cv::Scalar(205))));

  cv::Mat one = crop.clone();
  cv::putText(one, "1", {180, 65}, cv::FONT_HERSHEY_SIMPLEX, 1.2, cv::Scalar(0), 3);
  EXPECT_FALSE(IsBlank(one));
  cv::Mat dash = crop.clone();
  cv::putText(dash, "-", {180, 55}, cv::FONT_HERSHEY_SIMPLEX, 1.2, cv::Scalar(0), 3);
  EXPECT_FALSE(IsBlank(dash));
}

// Pages and bands take a quicker path (ink away from the borders proves it); the
// answers must be the slow path's.
TEST(IsBlank, LargeCropsAnswerAsSmallOnes) {
  cv::Mat page(1500, 1100, CV_8UC1, cv::Scalar(245));
  cv::rectangle(page, {0, 0}, {1099, 1499}, cv::Scalar(0), 3);  // a frame on the border only
  std::mt19937 rng(4);
  std::uniform_int_distribution<int> x(20, 1079), y(20, 1479);
  for (int i = 0; i < 200; ++i) cv::circle(page, {x(rng), y(rng)}, 1, cv::Scalar(40), -1);  // dust
  EXPECT_TRUE(IsBlank(page));
  cv::Mat one = page.clone();
  cv::putText(one, "1", {600, 900}, cv::FONT_HERSHEY_SIMPLEX, 1.2, cv::Scalar(0), 3);
  EXPECT_FALSE(IsBlank(one));
  cv::Mat ruled = page.clone();
  cv::line(ruled, {100, 700}, {1000, 700}, cv::Scalar(0), 2);  // a ruling inside counts, as before
  EXPECT_FALSE(IsBlank(ruled));
}

TEST(InkBounds, TightAroundText) {
  cv::Mat crop(120, 600, CV_8UC1, cv::Scalar(255));
  cv::putText(crop, "Hubei 2024", {150, 80}, cv::FONT_HERSHEY_SIMPLEX, 1.5, cv::Scalar(0), 3);
  cv::Mat dark = crop < 128;
  const cv::Rect truth = cv::boundingRect(dark);
  crop.at<uint8_t>(5, 5) = 0;  // a speck
  const cv::Rect found = InkBounds(crop);
  EXPECT_NEAR(found.x, truth.x, 1);
  EXPECT_NEAR(found.y, truth.y, 1);
  EXPECT_NEAR(found.width, truth.width, 2);
  EXPECT_NEAR(found.height, truth.height, 2);
}

TEST(FindTableGrids, Timing) {
  cv::Mat page = WhitePage();
  DrawTable(page, TableSpec{});
  const auto t0 = std::chrono::steady_clock::now();
  const std::vector<TableGrid> grids = FindTableGrids(page);
  const auto t1 = std::chrono::steady_clock::now();
  ASSERT_EQ(grids.size(), 1u);
  std::printf("FindTableGrids on 2480x3508: %.1f ms\n",
              std::chrono::duration<double, std::milli>(t1 - t0).count());
}

// A band below a table: a signature block near its top, a page number far below,
// dust in between. Each block of text is its own group, the dust none.
TEST(InkGroups, SplitsTextBlocksAtWideGapsAndDropsSpecks) {
  cv::Mat band(2000, kPageW, CV_8UC1, cv::Scalar(245));
  cv::putText(band, "SIGNED BY THE UNIT", {1400, 120}, cv::FONT_HERSHEY_SIMPLEX, 2.0, cv::Scalar(20), 5);
  cv::putText(band, "2024-05-06", {1500, 230}, cv::FONT_HERSHEY_SIMPLEX, 2.0, cv::Scalar(20), 5);
  cv::circle(band, {900, 900}, 1, cv::Scalar(30), -1);  // a speck: no group of its own
  cv::putText(band, "- 2 -", {1150, 1900}, cv::FONT_HERSHEY_SIMPLEX, 1.5, cv::Scalar(20), 4);
  const std::vector<cv::Rect> groups = InkGroups(band, kPageW / 20, 12);
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_LT(groups[0].y, 80);  // both top lines in one group
  EXPECT_GT(groups[0].br().y, 230);
  EXPECT_LT(groups[0].br().y, 300);
  EXPECT_GT(groups[0].x, 1300);  // trimmed to the ink left and right
  EXPECT_LT(groups[0].br().x, 2300);
  EXPECT_GT(groups[1].y, 1800);
  EXPECT_TRUE(InkGroups(cv::Mat(400, 800, CV_8UC1, cv::Scalar(250)), 100, 12).empty());
}

}  // namespace
}  // namespace shenbao::ocr
