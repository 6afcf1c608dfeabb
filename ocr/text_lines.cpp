#include "ocr/text_lines.h"

#include <algorithm>

#include <opencv2/imgproc.hpp>

namespace shenbao::ocr {

std::vector<cv::Rect> SplitTextLines(const cv::Mat& gray_crop) {
  std::vector<cv::Rect> lines;
  if (gray_crop.empty()) return lines;
  cv::Mat ink;
  cv::threshold(gray_crop, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
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
  // Merge runs split inside a character (small gap) and fold thin runs (a stray
  // stroke, an underline remnant) into their nearest neighbour.
  std::vector<Run> merged;
  for (const Run& r : runs) {
    if (!merged.empty()) {
      Run& last = merged.back();
      const int gap = r.top - last.bottom;
      const bool small_gap = gap < std::max(3, tallest / 4);
      const bool thin = (r.bottom - r.top) < tallest / 3 || (last.bottom - last.top) < tallest / 3;
      if (small_gap || (thin && gap < tallest / 2)) {
        last.bottom = r.bottom;
        continue;
      }
    }
    merged.push_back(r);
  }
  for (const Run& r : merged) {
    if (r.bottom - r.top < std::max(4, tallest / 4)) continue;  // noise
    const int pad = std::max(2, (r.bottom - r.top) / 6);
    const int top = std::max(0, r.top - pad), bottom = std::min(gray_crop.rows, r.bottom + pad);
    lines.emplace_back(0, top, gray_crop.cols, bottom - top);
  }
  return lines;
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
    cv::Mat ink;
    cv::threshold(band, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
    cv::Mat col_sum;
    cv::reduce(ink, col_sum, 0, cv::REDUCE_MAX, CV_8U);
    int left = 0, right = col_sum.cols - 1;
    while (left < right && col_sum.at<uchar>(0, left) == 0) ++left;
    while (right > left && col_sum.at<uchar>(0, right) == 0) --right;
    cv::Mat trimmed = band.colRange(left, right + 1);
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

}  // namespace shenbao::ocr
