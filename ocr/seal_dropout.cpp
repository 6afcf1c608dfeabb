// DropoutRedInk and RedInkMask (cleanup.h): red seal ink taken out of a colour
// page's grey, so the print under a seal reads as if the seal were not there.
#include "ocr/cleanup.h"
#include "ocr/ink_components.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace shenbao::ocr {
namespace {

// How red a pixel is: red minus the larger of green and blue. Grey, black, blue
// and yellow ink score about zero or below; seal red, pink and orange score high.
inline int Redness(const uint8_t* bgr) {
  return static_cast<int>(bgr[2]) - std::max(bgr[0], bgr[1]);
}

}  // namespace

cv::Mat RedInkMask(const cv::Mat& bgr) {
  cv::Mat mask(bgr.size(), CV_8UC1, cv::Scalar(0));
  if (bgr.empty() || bgr.channels() != 3) return mask;
  for (int y = 0; y < bgr.rows; ++y) {
    const uint8_t* p = bgr.ptr<uint8_t>(y);
    uint8_t* m = mask.ptr<uint8_t>(y);
    for (int x = 0; x < bgr.cols; ++x, p += 3) {
      // Faded pink is only ~25 redder than its G and B; very dark reddish pixels
      // are black text seen through seal ink, which is text, not seal.
      if (Redness(p) >= 25 && p[2] >= 80) m[x] = 255;
    }
  }
  return mask;
}

namespace {

// Paper level near each pixel, per channel, on a grid of kPaperCell x kPaperCell
// blocks: the brightest block average within kPaperWindow blocks (about a
// centimetre at 300 dpi), smoothed. Print and seal ink cover well under a block in
// any such window; block averages keep scanner noise from raising the maximum.
// Hard scans light the page unevenly, so one level for the page would not do.
constexpr int kPaperCell = 8;
constexpr int kPaperWindow = 15;

cv::Mat LocalPaper(const cv::Mat& image) {
  const cv::Size size(std::max(1, image.cols / kPaperCell), std::max(1, image.rows / kPaperCell));
  cv::Mat small;
  cv::resize(image, small, size, 0, 0, cv::INTER_AREA);
  const cv::Mat window = cv::getStructuringElement(cv::MORPH_RECT, cv::Size(kPaperWindow, kPaperWindow));
  cv::dilate(small, small, window);
  cv::blur(small, small, cv::Size(kPaperWindow, kPaperWindow));
  return small;
}

// How surely a pixel is seal ink alone, 0..1, from its red channel over the
// paper's red (1 = paper; median-filtered, so scanner noise on a faded stroke does
// not decide it) and how strong the seal's red is nearby. Seal ink lets red
// through; black print keeps its red channel dark with or without a seal over it
// (the inks multiply). A faded seal on a hard scan is barely red (6-10 over the
// paper) and its thin strokes keep 0.88-0.9 of the paper's red, while the thin
// strokes of small serif digits blurred on the same scan reach 0.65-0.78: the
// bars sit close, at kFadedPrint and kFadedSeal. A strong red seal darkens its
// own red more at the blurred edges of its strokes (0.7-0.8), and the print a
// scan that keeps such colour makes is darker too: there the bars drop to
// kStrongPrint and kStrongSeal. Between print and seal the two are joined linearly.
constexpr double kFadedPrint = 0.78, kFadedSeal = 0.88;
constexpr double kStrongPrint = 0.5, kStrongSeal = 0.7;
// Redness over the paper's from which a seal is strong, and wholly so.
constexpr int kStrongFrom = 16, kStrongFull = 60;

// How far scanner noise moves one pixel's red share on a seal's stroke, at most.
constexpr double kRedNoise = 0.15;

double SealOnly(double red_share, int redness_near) {
  const double strong = std::clamp(static_cast<double>(redness_near - kStrongFrom) / (kStrongFull - kStrongFrom), 0.0, 1.0);
  const double print = kFadedPrint + (kStrongPrint - kFadedPrint) * strong;
  const double seal = kFadedSeal + (kStrongSeal - kFadedSeal) * strong;
  return std::clamp((red_share - print) / (seal - print), 0.0, 1.0);
}

// Redness (over the paper's) near a pixel from which it is in a seal, and from
// which wholly. Paper's redness, smoothed, varies by 1-2 on the samples' scans, so
// the floor is well above it; the thin strokes of a faded seal on a hard scan come
// out only 6-10 redder than their paper, where the old per-pixel floor of 12 left
// them in place.
constexpr int kSealRednessFloor = 4;
constexpr int kSealRednessFull = 16;

// The seal dropout proper on one region of the page (`gray` is that region of the
// page's grey, changed in place).
void DropoutInRegion(const cv::Mat& bgr, cv::Mat gray) {
  // Where the seal is: the redness of the colour a little smoothed, spread to the
  // pixels around it. JPEG keeps colour at half resolution and quantizes it
  // hardest, so at the edges of a seal's strokes (and over whole thin strokes of a
  // faded seal) the colour fades out while the stroke is still dark: weighted by
  // their own redness, those pixels stayed as grey outlines of every stroke, on
  // hard scans dark enough to join the lines of text under a seal into one.
  // Black print away from a seal is not red anywhere near, and is left alone.
  cv::Mat smooth;
  cv::blur(bgr, smooth, cv::Size(3, 3));
  cv::Mat redness_near(bgr.size(), CV_8UC1);
  for (int y = 0; y < bgr.rows; ++y) {
    const uint8_t* s = smooth.ptr<uint8_t>(y);
    uint8_t* r = redness_near.ptr<uint8_t>(y);
    for (int x = 0; x < bgr.cols; ++x, s += 3) {
      // Yellow (a highlighter, yellowed paper's stains) is as red over green as a
      // faded seal, but far more green over blue: not seal ink.
      const bool yellow = 2 * (s[2] - s[1]) < s[1] - s[0];
      r[x] = yellow ? 0 : static_cast<uint8_t>(std::clamp(Redness(s), 0, 255));
    }
  }
  cv::dilate(redness_near, redness_near, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(7, 7)));
  cv::Mat red_median;
  cv::extractChannel(bgr, red_median, 2);
  cv::medianBlur(red_median, red_median, 3);
  const cv::Mat paper_bgr = LocalPaper(bgr);
  cv::Mat paper_gray;
  cv::cvtColor(paper_bgr, paper_gray, cv::COLOR_BGR2GRAY);
  const int cell_x = std::max(1, bgr.cols / paper_bgr.cols), cell_y = std::max(1, bgr.rows / paper_bgr.rows);
  // The paper cell of each column, and each cell's redness in the current row of
  // cells: most pixels are far from red and end at the first test, which a
  // division and the paper's redness per pixel made several times dearer.
  std::vector<int> cell_of(bgr.cols);
  for (int x = 0; x < bgr.cols; ++x) cell_of[x] = std::min(paper_bgr.cols - 1, x / cell_x);
  std::vector<int> paper_redness(paper_bgr.cols);
  int paper_row = -1;
  for (int y = 0; y < bgr.rows; ++y) {
    const uint8_t* p = bgr.ptr<uint8_t>(y);
    const uint8_t* near = redness_near.ptr<uint8_t>(y);
    const uint8_t* red_med = red_median.ptr<uint8_t>(y);
    uint8_t* g = gray.ptr<uint8_t>(y);
    const int py = std::min(paper_bgr.rows - 1, y / cell_y);
    const uint8_t* paper = paper_bgr.ptr<uint8_t>(py);
    const uint8_t* paper_g = paper_gray.ptr<uint8_t>(py);
    if (py != paper_row) {
      for (int c = 0; c < paper_bgr.cols; ++c) paper_redness[c] = std::max(0, Redness(paper + 3 * c));
      paper_row = py;
    }
    for (int x = 0; x < bgr.cols; ++x, p += 3) {
      const int px = cell_of[x];
      // Redness over the paper's own: tinted (yellowed) paper is a little red
      // everywhere, and a faded seal's thin strokes on it only a little more.
      const int redness = near[x] - paper_redness[px];
      if (redness <= kSealRednessFloor) continue;
      // What is left: the paper where only seal ink is, else the red channel (the
      // seal-free view of print under it) at the paper's grey.
      const double paper_r = std::max(1.0, static_cast<double>(paper[3 * px + 2]));
      // The median, though, is of the pixels around: a thin stroke of print (the
      // one-pixel horizontal of a Song-face 生 where a seal's ring crosses it) is
      // outvoted by the seal around it and was painted out. A pixel whose own red is
      // far darker than any seal's, by more than scanner noise, is print.
      const double alone = std::min(SealOnly(red_med[x] / paper_r, redness),
                                    SealOnly(p[2] / paper_r + kRedNoise, redness));
      const double share = std::min(1.0, (1 - alone) * p[2] / paper_r + alone);
      // A strong red (dark red print, a heavily inked seal) is lifted by half its
      // redness at least, as seen through a red filter, though its red is dark.
      const int lifted = p[2] + std::max(0, Redness(p)) * p[2] / (2 * 255);
      const int target = std::max(lifted, static_cast<int>(std::lround(paper_g[px] * share)));
      const int weight = std::min(redness - kSealRednessFloor, kSealRednessFull - kSealRednessFloor);
      const int out = g[x] + (std::max<int>(target, g[x]) - g[x]) * weight / (kSealRednessFull - kSealRednessFloor);
      g[x] = static_cast<uint8_t>(std::min(255, out));
    }
  }
}

// Where on the page red ink may be: the regions around every reddish block of a
// page shrunk kFindScale times, each grown by kRegionMargin so that the paper level
// and the spread of a seal's redness see what they would on the whole page. Most
// of a page has no red at all, and the dropout costs four passes over each pixel.
// The margin is wide because the faint strokes of a faded seal are not found at a
// quarter size: with 160 px a field under such a seal (samples C hard-01) read
// differently from the whole-page dropout; with 400 px both sets read identically.
constexpr int kFindScale = 4;
constexpr int kRegionMargin = 400;

std::vector<cv::Rect> RedRegions(const cv::Mat& bgr) {
  cv::Mat small;
  cv::resize(bgr, small, cv::Size(std::max(1, bgr.cols / kFindScale), std::max(1, bgr.rows / kFindScale)), 0, 0,
             cv::INTER_AREA);
  // The paper's own redness (tinted paper) is the page's median: red ink covers far
  // less than half of any page.
  std::vector<int> histogram(256, 0);
  cv::Mat reddish(small.size(), CV_8UC1, cv::Scalar(0));
  for (int y = 0; y < small.rows; ++y) {
    const uint8_t* s = small.ptr<uint8_t>(y);
    for (int x = 0; x < small.cols; ++x, s += 3) ++histogram[std::clamp(Redness(s), 0, 255)];
  }
  int paper = 0;
  for (long seen = 0, half = static_cast<long>(small.total()) / 2; paper < 255 && seen + histogram[paper] <= half; ++paper)
    seen += histogram[paper];
  for (int y = 0; y < small.rows; ++y) {
    const uint8_t* s = small.ptr<uint8_t>(y);
    uint8_t* r = reddish.ptr<uint8_t>(y);
    for (int x = 0; x < small.cols; ++x, s += 3) r[x] = Redness(s) > paper + kSealRednessFloor / 2 ? 255 : 0;
  }
  std::vector<cv::Rect> regions;
  const cv::Rect page(0, 0, bgr.cols, bgr.rows);
  for (const DarkComponent& blob : FindMaskComponents(reddish).components) {
    cv::Rect r(blob.box.x * kFindScale, blob.box.y * kFindScale, blob.box.width * kFindScale,
               blob.box.height * kFindScale);
    r = cv::Rect(r.x - kRegionMargin, r.y - kRegionMargin, r.width + 2 * kRegionMargin, r.height + 2 * kRegionMargin) & page;
    // Overlapping regions become one, so no pixel is dropped out twice.
    for (bool merged = true; merged;) {
      merged = false;
      for (size_t k = 0; k < regions.size(); ++k)
        if ((regions[k] & r).area() > 0) {
          r |= regions[k];
          regions.erase(regions.begin() + static_cast<long>(k));
          merged = true;
          break;
        }
    }
    regions.push_back(r);
  }
  return regions;
}

}  // namespace

cv::Mat DropoutRedInk(const cv::Mat& bgr, const cv::Mat& fallback_gray) {
  if (bgr.empty() || bgr.channels() != 3) return fallback_gray;
  cv::Mat gray;
  cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);
  for (const cv::Rect& region : RedRegions(bgr)) DropoutInRegion(bgr(region), gray(region));
  return gray;
}

}  // namespace shenbao::ocr
