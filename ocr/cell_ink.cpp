// The ink of a crop (a table cell, a band of a page): whether there is any worth
// reading, where it is, and a cell's crop with the remnants of its rulings taken off.
// Dark means darker than the crop's own paper by a share of its level
// (InkThreshold), so grey paper and uneven light do not turn paper into ink.
#include "ocr/cell_ink.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "ocr/grey_image.h"
#include "ocr/grey_levels.h"
#include "ocr/ink_components.h"

namespace shenbao::ocr {

namespace {

// Dark-pixel level of a crop: well below its typical (paper) level, and never
// above 160, so JPEG ringing and light shading are not ink. "Well below" is a
// share of the paper level, not a fixed step: a low-contrast scan under uneven
// light scales print and paper alike, and on paper at 180 the thin digits of a
// 序号 reach only 110-135, which a fixed 60 below paper called blank. The step is
// never under six times the paper's noise, so grain and JPEG specks stay out.
int InkThreshold(const cv::Mat& gray) {
  const GreyLevels levels(gray);
  const int median = levels.Percentile(50);
  // Noise from the light side of the median: ink is dark, so that side is paper.
  const double sigma = (levels.Percentile(75) - median) / 0.674;
  const int step = std::max(static_cast<int>(std::lround(0.2 * median)), static_cast<int>(std::lround(6 * sigma)));
  return std::clamp(median - std::min(step, 60), 40, 160);
}

// Paints white the ruling remnants in the top band of `crop`: dark components in
// the band that run along most of the border and start in the band's outer half
// (a crop taken at a skewed ruling's mean position sees it a few px in), or thin
// slivers that touch the border (a skewed ruling dipping in for part of the
// width). Text a few px from the border is left alone; text touching a ruling
// loses at most the band part.
// How deep into a crop from each border ruling remnants are looked for.
int BorderBand(const cv::Mat& crop) { return std::clamp(std::min(crop.rows, crop.cols) / 5, 2, 12); }

void CleanTopBand(cv::Mat& crop, int threshold) {
  const int band = BorderBand(crop);
  if (crop.rows < 2 * band || crop.cols < 4) return;
  cv::Mat dark;
  cv::threshold(crop.rowRange(0, band), dark, threshold, 255, cv::THRESH_BINARY_INV);
  const MaskComponents found = FindMaskComponents(dark);
  cv::Mat band_rows = crop.rowRange(0, band);
  PaintComponents(band_rows, found, [&](int i) {
    const cv::Rect& box = found.components[i].box;
    const bool long_run = box.width >= 0.4 * crop.cols;
    const bool sliver = box.width >= 12 && box.width >= 4 * box.height;
    return (long_run && box.y <= band / 2) || (sliver && box.y <= 2);
  }, 255);
}

void CleanBorders(cv::Mat& crop) {
  const int threshold = InkThreshold(crop);
  CleanTopBand(crop, threshold);
  cv::flip(crop, crop, 0);  // bottom
  CleanTopBand(crop, threshold);
  cv::flip(crop, crop, 0);
  cv::Mat t = crop.t();  // left
  CleanTopBand(t, threshold);
  cv::flip(t, t, 0);  // right
  CleanTopBand(t, threshold);
  cv::flip(t, t, 0);
  crop = t.t();
}

// Ink components worth reading: not JPEG specks or dust. Sizes are for ~300 dpi
// crops; a full stop is about 5x5 px there.
// Less ink than this is blank: a lone full stop or dust blob is not worth an OCR call.
constexpr int kMinBlankInk = 40;

struct InkBlob {
  cv::Rect box;
  int area = 0;
};

std::vector<InkBlob> InkComponents(const cv::Mat& gray, int threshold) {
  std::vector<InkBlob> boxes;
  for (const DarkComponent& c : DarkComponents(gray, threshold))
    if (c.area >= 12 && std::max(c.box.width, c.box.height) >= 5) boxes.push_back({c.box, c.area});
  return boxes;
}

std::vector<InkBlob> InkComponents(const cv::Mat& gray) {
  return gray.empty() ? std::vector<InkBlob>{} : InkComponents(gray, InkThreshold(gray));
}

}  // namespace

cv::Mat CleanCellCrop(const cv::Mat& gray_in, const cv::Rect& cell) {
  const cv::Mat gray = ToGray(gray_in);
  const cv::Rect r = cell & cv::Rect(0, 0, gray.cols, gray.rows);
  if (r.empty()) return {};
  cv::Mat crop = gray(r).clone();
  CleanBorders(crop);
  return crop;
}

namespace {

// True when the crop away from its borders holds ink enough to make IsBlank false:
// a quick proof for pages and bands, which are rarely blank and cost a full copy,
// four flips and a labelling of the whole image the slow way. Sound because the
// border cleaning only whitens the outer band, which this skips, and whitening can
// only raise the ink threshold; strips of the interior are labelled one at a time,
// and a component cut by a strip edge counts only its part.
bool InteriorHasInk(const cv::Mat& gray, int enough) {
  const int margin = BorderBand(gray) + 1;
  if (gray.rows <= 2 * margin || gray.cols <= 2 * margin) return false;
  const int threshold = InkThreshold(gray);
  constexpr int kStrip = 96;
  int ink = 0;
  for (int top = margin; top < gray.rows - margin; top += kStrip) {
    const cv::Rect strip(margin, top, gray.cols - 2 * margin, std::min(kStrip, gray.rows - margin - top));
    for (const InkBlob& blob : InkComponents(gray(strip), threshold)) ink += blob.area;
    if (ink >= enough) return true;
  }
  return false;
}

}  // namespace

bool IsBlank(const cv::Mat& gray_crop) {
  if (gray_crop.empty()) return true;
  const cv::Mat gray = ToGray(gray_crop);
  if (gray.total() >= 100000 && InteriorHasInk(gray, kMinBlankInk)) return false;
  cv::Mat crop = gray.clone();
  CleanBorders(crop);
  int ink = 0;
  for (const InkBlob& blob : InkComponents(crop)) ink += blob.area;
  return ink < kMinBlankInk;
}

cv::Rect InkBounds(const cv::Mat& gray_crop) {
  cv::Rect bounds;
  for (const InkBlob& blob : InkComponents(ToGray(gray_crop))) bounds |= blob.box;
  return bounds;
}

std::vector<cv::Rect> InkGroups(const cv::Mat& gray_crop, int max_gap, int pad) {
  // By projection, not by labelling components: a band is up to a page in size,
  // and labelling it cost more than the OCR the groups save.
  const cv::Mat gray = ToGray(gray_crop);
  std::vector<cv::Rect> groups;
  if (gray.empty()) return groups;
  const int threshold = InkThreshold(gray);
  constexpr int kInkedRow = 3;  // dark pixels in a row of text; fewer is a speck's edge or grain
  std::vector<int> row_ink(gray.rows, 0);
  for (int y = 0; y < gray.rows; ++y) {
    const uint8_t* p = gray.ptr<uint8_t>(y);
    int n = 0;
    for (int x = 0; x < gray.cols; ++x) n += p[x] < threshold;
    row_ink[y] = n;
  }
  const cv::Rect whole(0, 0, gray.cols, gray.rows);
  auto close = [&](int top, int bottom) {  // rows [top, bottom)
    int ink = 0;
    for (int y = top; y < bottom; ++y) ink += row_ink[y];
    if (ink < kMinBlankInk) return;
    cv::Mat column_ink;
    cv::reduce(cv::Mat(gray.rowRange(top, bottom) < threshold) / 255, column_ink, 0, cv::REDUCE_SUM, CV_32S);
    int left = 0, right = gray.cols - 1;
    while (left < right && column_ink.at<int>(left) < 2) ++left;  // a lone grain is not ink
    while (right > left && column_ink.at<int>(right) < 2) --right;
    groups.push_back(cv::Rect(left - pad, top - pad, right - left + 1 + 2 * pad, bottom - top + 2 * pad) & whole);
  };
  int top = -1, last_inked = -1;
  for (int y = 0; y < gray.rows; ++y) {
    if (row_ink[y] < kInkedRow) continue;
    if (top >= 0 && y - last_inked - 1 > max_gap) {
      close(top, last_inked + 1);
      top = -1;
    }
    if (top < 0) top = y;
    last_inked = y;
  }
  if (top >= 0) close(top, last_inked + 1);
  return groups;
}

}  // namespace shenbao::ocr
