#pragma once
// Official seals (公章): red round or oval stamps with arc text and a star.
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "ocr/page_image.h"

namespace shenbao::ocr {

struct SealCandidate {
  cv::Rect bbox;            // page pixels
  cv::Point2f center;
  float radius_x = 0;       // half-axes of the ring, pixels
  float radius_y = 0;
  double confidence = 0;    // 0..1
  std::string color;        // "red", "orange", "pink", "dark" or "unknown" (greyscale page)
};

struct SealSearchOptions {
  // Long axis of a seal's outer ring, at page.dpi.
  double min_diameter_mm = 28;
  double max_diameter_mm = 65;
  // When > 0, the size range in pixels instead (images of unknown DPI).
  double min_diameter_px = 0;
  double max_diameter_px = 0;
  // Long axis over short axis at most this (1.5 admits the 3:2 invoice
  // supervision seal 发票监制章, which the default leaves out).
  double max_aspect = 1.4;
  // Red channel at least this for seal ink: seal ink is bright red; dark red and
  // brown print (invoice rulings and titles) is not seal.
  int min_red_level = 150;
  // Also look for ring-shaped dark (photocopied) seals on colour pages, reported
  // with color "dark". Off by default: on colour pages a seal is red.
  bool dark_seals_on_color = false;
};

// Finds seals: colour pages by red-ink blobs of seal size (about 30-60 mm at the
// page DPI) that are round and ring-shaped; grey pages by ring shape only, with
// color "unknown" and lower confidence. Red text lines, rules and small logos are not seals.
// Most confident first.
std::vector<SealCandidate> FindSeals(const PageImage& page);
std::vector<SealCandidate> FindSeals(const PageImage& page, const SealSearchOptions& options);

// The seal's arc text unwrapped into a horizontal strip (grey, dark text on white),
// ready for single-line OCR. Reads the red ink only when the page has colour.
// The strip is the upper arc text, read left to right, upright: from where it
// starts (about 200°, the seal may be turned) round over the top to where it ends
// (about -20°); a band 0.38 of the radius deep starting just inside the ring (and
// inside an inner ring if there is one), 80 px tall so that characters are about
// 56 px. On an oval seal the band follows the ring at constant inset.
//
// On a colour page the ink is taken by `ink`: kRedness (how much redder than green
// and blue: clean where colour is sharp) or kShape (the stroke shapes from the
// green channel where the colour is red: sharper on blurred, noisy, compressed
// scans, whose colour JPEG keeps at half resolution). Grey pages ignore it.
enum class SealInk { kRedness, kShape };
cv::Mat UnwrapSealText(const PageImage& page, const SealCandidate& seal, SealInk ink = SealInk::kRedness);

}  // namespace shenbao::ocr
