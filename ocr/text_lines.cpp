#include "ocr/text_lines.h"

#include <algorithm>
#include <cstdint>

#include <opencv2/imgproc.hpp>

#include "ocr/cleanup.h"
#include "ocr/cell_ink.h"
#include "ocr/ink_components.h"

namespace shenbao::ocr {
namespace {

// Blobs of ink this small (in pixels) are specks: scanner noise on a grainy hard
// scan, the last traces of a seal's strokes after dropout. A few of them in every
// row between two lines of text would join the lines into one. The smallest
// printed mark, a full stop, is several times larger.
constexpr int kSpeckArea = 6;

void RemoveSpecks(cv::Mat& ink) {
  const MaskComponents found = FindMaskComponents(ink);
  PaintComponents(ink, found, [&](int i) { return found.components[i].area < kSpeckArea; }, 0);
}

}  // namespace

std::vector<cv::Rect> SplitTextLines(const cv::Mat& gray_crop) {
  std::vector<cv::Rect> lines;
  if (gray_crop.empty()) return lines;
  cv::Mat ink;
  cv::threshold(gray_crop, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  RemoveSpecks(ink);
  // A row is inked when it holds more than a speck of ink.
  cv::Mat row_sum;
  cv::reduce(ink, row_sum, 1, cv::REDUCE_SUM, CV_32S);
  // Thin strokes (the stem of a 5, the 丨 of a character) are one or two pixels
  // wide: one inked pixel makes an inked row; a longer crop needs a little more.
  const int min_ink = std::max(1, gray_crop.cols / 600) * 255;
  struct Run {
    int top, bottom;  // [top, bottom)
  };
  std::vector<Run> runs;
  for (int y = 0; y < row_sum.rows; ++y) {
    if (row_sum.at<int>(y) < min_ink) continue;
    if (!runs.empty() && runs.back().bottom == y) runs.back().bottom = y + 1;
    else runs.push_back({y, y + 1});
  }
  if (runs.empty()) return lines;
  int tallest = 0;
  for (const Run& r : runs) tallest = std::max(tallest, r.bottom - r.top);
  // A character built of two parts one above the other (台: 厶 over 口, 旦, 吕) that
  // ends a wrapped cell alone on its line gives two short runs a few pixels apart.
  // Two of them would make a full line's height look like half a line, and the
  // halves two lines (平台 read 平台台): runs that short, that close, together no
  // taller than a line and no wider than a character, are one. Each part is a good
  // share of a character, not a speck of noise (specks a few pixels apart would make
  // a run of their own); two lines of text are wider than one character.
  auto part = [&](int height) { return height >= tallest * 0.25 && height < tallest * 0.6; };
  auto ink_width = [&](const Run& r) {
    cv::Mat columns;
    cv::reduce(ink.rowRange(r.top, r.bottom), columns, 0, cv::REDUCE_MAX);
    std::vector<cv::Point> inked;
    cv::findNonZero(columns, inked);
    return inked.empty() ? 0 : inked.back().x - inked.front().x + 1;
  };
  for (size_t i = 0; i + 1 < runs.size(); ++i) {
    const int upper = runs[i].bottom - runs[i].top, lower = runs[i + 1].bottom - runs[i + 1].top;
    const int gap = runs[i + 1].top - runs[i].bottom, span = runs[i + 1].bottom - runs[i].top;
    if (part(upper) && part(lower) && gap <= tallest * 0.2 && span <= tallest * 1.1 &&
        std::max(ink_width(runs[i]), ink_width(runs[i + 1])) <= 1.5 * span) {
      runs[i].bottom = runs[i + 1].bottom;
      runs.erase(runs.begin() + static_cast<long>(i) + 1);
    }
  }
  // Height of a full text line: the median of the runs that are not fragments.
  std::vector<int> full_heights;
  for (const Run& r : runs)
    if (r.bottom - r.top >= tallest * 0.4) full_heights.push_back(r.bottom - r.top);
  std::nth_element(full_heights.begin(), full_heights.begin() + full_heights.size() / 2, full_heights.end());
  const int line_height = full_heights[full_heights.size() / 2];
  // Two full-height runs are two lines however close they sit (a phone above an
  // e-mail); a fragment (a stroke of 二 or 三, an accent of a Latin letter) joins
  // the neighbour it is closest to.
  auto is_fragment = [&](const Run& r) { return r.bottom - r.top < line_height * 0.6; };
  std::vector<Run> merged = runs;
  for (bool changed = true; changed && merged.size() > 1;) {
    changed = false;
    for (size_t i = 0; i < merged.size(); ++i) {
      const bool touching_next = i + 1 < merged.size() && merged[i + 1].top - merged[i].bottom <= 1;
      if (!is_fragment(merged[i]) && !touching_next) continue;
      const int gap_up = i > 0 ? merged[i].top - merged[i - 1].bottom : INT32_MAX;
      const int gap_down = i + 1 < merged.size() ? merged[i + 1].top - merged[i].bottom : INT32_MAX;
      const int gap = std::min(gap_up, gap_down);
      if (gap > line_height * 0.6 && !touching_next) continue;  // an isolated speck or rule remnant stays alone
      const size_t other = gap_up <= gap_down ? i - 1 : i + 1;
      const size_t first = std::min(i, other);
      merged[first] = {std::min(merged[i].top, merged[other].top), std::max(merged[i].bottom, merged[other].bottom)};
      merged.erase(merged.begin() + first + 1);
      changed = true;
      break;
    }
  }
  for (const Run& r : merged) {
    if (r.bottom - r.top < std::max(4, line_height / 3)) continue;  // a speck, not text
    const int pad = std::max(2, (r.bottom - r.top) / 6);
    const int top = std::max(0, r.top - pad), bottom = std::min(gray_crop.rows, r.bottom + pad);
    lines.emplace_back(0, top, gray_crop.cols, bottom - top);
  }
  return lines;
}

cv::Range InkColumns(const cv::Mat& gray_band) {
  if (gray_band.empty()) return cv::Range(0, 0);
  cv::Mat ink;
  cv::threshold(gray_band, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  // A line of a few characters on grainy grey paper puts Otsu's threshold near the
  // paper: a speck far right of the text then counted as its end, and the stretch
  // of bare paper up to it read as characters ("新应用" as "新应用000", samples C
  // hard-02 under a seal's faded edge).
  RemoveSpecks(ink);
  cv::Mat col_max;
  cv::reduce(ink, col_max, 0, cv::REDUCE_MAX, CV_8U);
  int left = 0, right = col_max.cols;
  while (left < right && col_max.at<uchar>(0, left) == 0) ++left;
  while (right > left && col_max.at<uchar>(0, right - 1) == 0) --right;
  return cv::Range(left, right);
}

cv::Rect LineInkBounds(const cv::Mat& gray_band) {
  cv::Rect ink = InkBounds(gray_band);
  if (ink.area() == 0) return ink;
  if (const cv::Range light = InkColumns(gray_band); light.end > ink.br().x && light.end <= ink.br().x + gray_band.rows)
    ink.width = light.end - ink.x;
  return ink;
}

cv::Mat JoinLinesIntoOne(const cv::Mat& gray_crop, const std::vector<cv::Rect>& lines) {
  if (lines.empty()) return {};
  int height = 0;
  for (const cv::Rect& r : lines) height = std::max(height, r.height);
  // Characters of a wrapped line continue the previous line: keep the usual
  // inter-character spacing, not a word gap.
  const int gap = std::max(4, height / 8);
  std::vector<cv::Mat> pieces;
  for (const cv::Rect& r : lines) {
    // Trim each line to its ink horizontally, then centre it in a common height.
    cv::Mat band = gray_crop(r);
    const cv::Range inked = InkColumns(band);
    cv::Mat trimmed = inked.empty() ? band.colRange(band.cols - 1, band.cols) : band.colRange(inked);
    const int top = (height - r.height) / 2;
    cv::Mat padded;
    cv::copyMakeBorder(trimmed, padded, top, height - r.height - top, 0, gap, cv::BORDER_CONSTANT, cv::Scalar(255));
    pieces.push_back(padded);
  }
  cv::Mat joined;
  cv::hconcat(pieces, joined);
  // The last piece's trailing gap is not needed.
  return joined.colRange(0, joined.cols - gap).clone();
}

int CharacterHeight(const cv::Mat& gray_line) {
  if (gray_line.empty()) return 0;
  cv::Mat ink = InkMask(gray_line);
  // A rule under or over the text is a horizontal run longer than any stroke of a
  // character (which is at most about one character wide, and the crop is at least
  // a character tall): removed, so it neither joins the characters it touches nor
  // counts as one.
  cv::Mat rules;
  cv::morphologyEx(ink, rules, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_RECT, {std::max(8, 2 * gray_line.rows), 1}));
  ink.setTo(0, rules);
  const std::vector<DarkComponent> blobs = FindMaskComponents(ink).components;
  int tallest = 0;
  for (const DarkComponent& b : blobs) tallest = std::max(tallest, b.box.height);
  // A character is one blob or a few about as tall as the line. Not counted: specks
  // and the short strokes of a character (under a third of the tallest blob), and
  // blobs far wider than tall (a band of dark ground at the crop's edge, a dash).
  std::vector<int> heights;
  for (const DarkComponent& b : blobs) {
    const int h = b.box.height, w = b.box.width;
    if (h * 3 >= tallest && w <= 2 * h) heights.push_back(h);
  }
  if (heights.empty()) return 0;
  // Towards the tall end: a character's parts (the 口 of 嘿) are shorter than it,
  // and a sliver of the next line cut off at the crop's edge is shorter still.
  std::sort(heights.begin(), heights.end());
  return heights[heights.size() * 3 / 4];
}

std::vector<cv::Rect> LoneBars(const cv::Mat& gray_line) {
  std::vector<cv::Rect> bars;
  if (gray_line.empty()) return bars;
  cv::Mat ink;
  cv::threshold(gray_line, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  for (const DarkComponent& blob : FindMaskComponents(ink).components) {
    const cv::Rect& box = blob.box;
    // A bar: at least four times as wide as it is thick, and not a speck.
    if (box.width < 4 * box.height || box.width < 8) continue;
    // Alone in its columns: ink of other components there (beyond a speck of noise)
    // means it is one stroke of a bigger character. All of the bar's own ink lies
    // in its columns.
    const cv::Rect columns(box.x, 0, box.width, ink.rows);
    if (cv::countNonZero(ink(columns)) - blob.area > box.width / 4) continue;
    bars.push_back(box);
  }
  std::sort(bars.begin(), bars.end(), [](const cv::Rect& a, const cv::Rect& b) { return a.x < b.x; });
  return bars;
}

}  // namespace shenbao::ocr
