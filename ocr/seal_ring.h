#pragma once
// Internal to seal finding (seal.cpp): measures of how ring-like ink is around an
// ellipse, and the ring search for greyscale pages. Not part of the ocr/ API.
#include <vector>

#include <opencv2/core.hpp>

#include "ocr/seal.h"

namespace shenbao::ocr {

// Seal diameter range (long axis), page pixels.
struct SealSizeRange {
  double min_px = 0;
  double max_px = 0;
  bool from_dpi = true;  // derived from millimetres at the page DPI (sizes are meaningful)
};

// How ink (8UC1, 255 = ink) sits around an ellipse. rho is the normalized elliptic
// radius: 1 on the ellipse, 0 at its centre.
struct RingMeasures {
  bool valid = false;
  double contour_dev = 0;  // mean |rho - 1| over the blob's outer contour (0 without one)
  double contour_off = 0;  // share of outer-contour points more than 0.1 off the ellipse
  double coverage = 0;     // share of 72 angle sectors with ink in the ring band 0.80..1.10
  double ring_share = 0;   // ink in the ring band / ink inside rho < 1.10
  double inner_fill = 0;   // share of the inner disc rho < 0.75 that is ink
  double outer_fill = 0;   // share of the band just outside, 1.12..1.35, that is ink
  double ring_fill = 0;    // share of the ring band 0.80..1.10 that is ink (how much ink)
  double outline_fit = 0;  // share of sectors whose outermost ink (out to 1.35) is at 0.9..1.1
};

RingMeasures MeasureRing(const cv::Mat& ink, const cv::RotatedRect& ellipse,
                         const std::vector<cv::Point>& outer_contour);

// A seal's ink: a closed ring following the ellipse, a sparse inside (text, star),
// not a solid shape.
bool LooksLikeSealRing(const RingMeasures& m);

// 0..1 from roundness, ring continuity, ring share, amount of ink and clutter
// around the ring.
double RingConfidence(const RingMeasures& m);

// Round seals on a grey page by ring shape (Hough circles on a reduced page, then
// ring continuity). color "unknown", confidence at most 0.6. Oval seals with
// long/short above ~1.15 are not found this way.
std::vector<SealCandidate> FindRingSeals(const cv::Mat& gray, const SealSizeRange& range,
                                         double max_aspect);

}  // namespace shenbao::ocr
