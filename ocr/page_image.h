#pragma once
// The value passed between image stages: one page, upright, with its pixels.
#include <opencv2/core.hpp>

namespace shenbao::ocr {

struct PageImage {
  int page = 0;         // page number in the source file, counted from 1
  int dpi = 300;        // pixels per inch of `gray` and `color`
  cv::Mat color;        // BGR 8UC3; empty when the source has no colour (grey/bitonal scan)
  cv::Mat gray;         // 8UC1, always set; what layout analysis and OCR read
  int rotation = 0;     // 0/90/180/270: how far the page was turned to stand upright
  double skew_deg = 0;  // deskew rotation that was applied, degrees (positive = counter-clockwise)

  bool has_color() const { return !color.empty(); }
  int width() const { return gray.cols; }
  int height() const { return gray.rows; }
};

}  // namespace shenbao::ocr
