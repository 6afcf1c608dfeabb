#pragma once
// Turning a page that was scanned sideways or upside down upright, before anything
// else looks at it. Two checks: Tesseract's orientation detection (OSD) on a reduced
// page says which axis the text lines run along, and, because OSD tells 0° from 180°
// poorly on Chinese, the OCR confidence of a few text lines read both ways decides
// between the two upright candidates on that axis.
#include <string>

#include <opencv2/core.hpp>

#include "ocr/ocr_engine.h"
#include "ocr/page_image.h"

namespace shenbao::ocr {

struct OrientationEstimate {
  int rotation = 0;         // 0/90/180/270: turn the page this far clockwise to stand upright
  double confidence = 0;    // 0..1
  bool osd_ran = false;     // false when the page had too little text for OSD
  int osd_rotation = 0;     // what OSD alone said (clockwise degrees to upright)
  double osd_confidence = 0;  // Tesseract's own orientation confidence (unbounded, >2 is clear)
};

// Estimates how far `gray` (dark text on light) must be turned clockwise to be
// upright. `engine` reads a few sample lines for the 0°/180° decision. Never throws;
// a page with no text comes back as 0 with confidence 0.
OrientationEstimate EstimateOrientation(const cv::Mat& gray, OcrEngine& engine);

// Turns `image` clockwise by `rotation` (0/90/180/270).
cv::Mat RotateClockwise(const cv::Mat& image, int rotation);

// Estimates the orientation of `page` and turns gray and color upright; records the
// turn in page.rotation (added to whatever it held). Returns the estimate.
OrientationEstimate MakeUpright(PageImage& page, OcrEngine& engine);

}  // namespace shenbao::ocr
