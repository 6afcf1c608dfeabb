#pragma once
// Page cleanup before layout and OCR: deskew and seal-ink dropout.
#include <opencv2/core.hpp>

#include "ocr/page_image.h"

namespace shenbao::ocr {

struct SkewEstimate {
  double angle_deg = 0;   // rotate the page by this (positive = counter-clockwise) to straighten it
  double confidence = 0;  // 0..1; how clearly one angle stands out
};

// Estimates skew within ±max_deg from the text lines and ruling lines of a grey page.
SkewEstimate EstimateSkew(const cv::Mat& gray, double max_deg = 6.0);

struct DeskewReport {
  double applied_deg = 0;   // rotation actually applied (0 when refused or not needed)
  double residual_deg = 0;  // skew measured again after the rotation (0 when not asked for)
  bool refused = false;     // estimate too unsure: page left as it was rather than tilted wrongly
};

// Estimates, rotates (gray and color alike; the corners turned in take the level of
// the page's edge, not white), re-checks. Leaves a page within 0.1° untouched, and
// refuses a correction whose estimate is not confident. The re-check after a
// rotation (residual_deg) is a second estimate over the whole page: the pipeline,
// which never reads it, leaves it out.
DeskewReport Deskew(PageImage& page, bool measure_residual = true);

// Mask (8UC1, 255 = ink) of red, pink and orange ink: seals and red print.
cv::Mat RedInkMask(const cv::Mat& bgr);

// Grey image with red/pink/orange ink removed (colour dropout), so that black text
// under a seal reads as if the seal were not there. Returns `fallback_gray` when
// `bgr` is empty.
cv::Mat DropoutRedInk(const cv::Mat& bgr, const cv::Mat& fallback_gray);

// Ink (8UC1, 255 = ink) of a grey image by Otsu's threshold, whichever polarity the
// text has: text covers less than its ground, so the smaller class is the ink.
cv::Mat InkMask(const cv::Mat& gray);

// Light text on a dark ground (a sign, a negative, a dark-mode screenshot) turned
// dark on light, by the same test; anything else returned as it is.
cv::Mat DarkOnLight(const cv::Mat& gray);

// Dark-on-light grey (8UC1) scaled so that its paper is white: a crop of grey
// paper (low-contrast scan, uneven light) then binarizes like one of white paper,
// and a white margin added around it is paper too, not a third, brighter class.
// An image whose bright level is too dark to be paper is returned as it is.
cv::Mat PaperToWhite(const cv::Mat& gray);

}  // namespace shenbao::ocr
