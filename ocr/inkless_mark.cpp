#include "ocr/inkless_mark.h"

#include <algorithm>
#include <string>

#include <opencv2/imgproc.hpp>

#include "ocr/ink_components.h"

namespace shenbao::ocr {
namespace {

bool IsSmallMark(const std::string& s) {
  for (const char* mark : {"，", "。", "、", ",", "."})
    if (s == mark) return true;
  return false;
}

}  // namespace

bool InkEndsInMark(const cv::Mat& image, const cv::Range& rows_in) {
  const cv::Range rows(std::max(0, rows_in.start), std::min(image.rows, rows_in.end));
  if (image.empty() || image.type() != CV_8UC1 || rows.size() < 4) return true;
  cv::Mat ink;
  cv::threshold(image.rowRange(rows), ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  const std::vector<DarkComponent> blobs = FindMaskComponents(ink).components;
  // Scanner specks are not ink of the text: far smaller than a full stop.
  const int speck = std::max(4, rows.size() * rows.size() / 400);
  int top = ink.rows, bottom = -1, right = -1;
  for (const DarkComponent& b : blobs) {
    if (b.area < speck) continue;
    top = std::min(top, b.box.y);
    bottom = std::max(bottom, b.box.y + b.box.height);
    right = std::max(right, b.box.x + b.box.width);
  }
  if (right < 0) return true;  // no ink to judge by: leave the reading alone
  const int height = bottom - top;
  // Every piece of ink at the right end is small: a mark. On the samples' fonts ，
  // is 0.15 × 0.30 of the line's height, 、 0.24 × 0.24, 。 0.25–0.27 square; the
  // last part of a character is larger (和's 口 0.42 × 0.40, 并 0.84 × 0.95).
  const int strip = right - std::max(1, height / 4);
  for (const DarkComponent& b : blobs) {
    if (b.area < speck) continue;
    if (b.box.x + b.box.width <= strip) continue;
    if (b.box.width * 100 > height * 36 || b.box.height * 100 > height * 40) return false;
  }
  return true;
}

void DropInklessTrailingMark(OcrLine& line, const cv::Mat& image) {
  if (line.symbols.size() < 2 || !IsSmallMark(line.symbols.back().text)) return;
  const cv::Range rows = line.box.height > 0 ? cv::Range(line.box.y, line.box.br().y) : cv::Range(0, image.rows);
  if (InkEndsInMark(image, rows)) return;
  const std::string mark = line.symbols.back().text;
  line.symbols.pop_back();
  if (line.words.empty()) return;
  OcrWord& last = line.words.back();
  if (last.text.ends_with(mark)) last.text.resize(last.text.size() - mark.size());
  if (last.text.empty()) line.words.pop_back();
}

}  // namespace shenbao::ocr
