// Deskew by projection profiles (the colour dropout of red seal ink is in
// seal_dropout.cpp).
//
// Skew: the page is reduced by a whole factor to 1000-2000 px wide (a 300 dpi A4
// page to 1240 px) and binarized, then cut into narrow vertical strips whose row
// histograms are computed once. Shearing the page by an angle is then just
// shifting each strip's histogram, so scoring one angle costs strips x rows
// additions, not a rotation. The score is Leptonica's differential
// square sum of the sheared row profile (sum of squared differences between adjacent
// rows), which peaks sharply when text lines and rulings lie along rows. A coarse
// sweep finds the peak, a fine sweep and a parabola refine it.
#include "ocr/cleanup.h"
#include "ocr/grey_image.h"
#include "ocr/grey_levels.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include <opencv2/core/hal/intrin.hpp>
#include <opencv2/imgproc.hpp>

namespace shenbao::ocr {
namespace {

constexpr double kPi = 3.14159265358979323846;

// Width the page is reduced to (at least) before the angle search: enough
// resolution for ~0.05° (1 px over the page width), small enough to be quick.
constexpr int kSkewWorkWidth = 1000;
// Strip width of the shear approximation, in reduced pixels. Within a strip the
// shear is constant: at 6° its rows are off by at most 4 * tan(6°) = 0.4 px.
constexpr int kStripWidth = 8;
constexpr double kCoarseStepDeg = 0.25;
constexpr double kFineStepDeg = 0.025;
// Below this confidence Deskew leaves the page alone: a wrong tilt is worse than
// none. Noise and blank pages score well below it, real pages well above.
constexpr double kMinDeskewConfidence = 0.5;
// A page within this of straight is left untouched (interpolation blurs text).
constexpr double kMinDeskewDeg = 0.1;

// Ink of the reduced page: clearly darker than its neighbourhood and dark in
// absolute terms, so paper texture, JPEG noise and faint show-through stay out.
cv::Mat SkewInk(const cv::Mat& gray) {
  // A whole factor: INTER_AREA then averages whole blocks, ~20x faster than at a
  // fractional scale.
  cv::Mat small;
  const int factor = std::max(1, gray.cols / kSkewWorkWidth);
  if (factor > 1) {
    // Cropped to whole blocks: OpenCV's fast block averaging needs an exact factor.
    const cv::Size size(gray.cols / factor, gray.rows / factor);
    cv::resize(gray(cv::Rect(0, 0, size.width * factor, size.height * factor)), small, size, 0, 0,
               cv::INTER_AREA);
  } else {
    small = gray;
  }
  cv::Mat local, dark;
  cv::adaptiveThreshold(small, local, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY_INV,
                        31, 20);
  cv::threshold(small, dark, 200, 255, cv::THRESH_BINARY_INV);
  return local & dark;
}

// Per-strip row histograms of the ink, and the sheared-profile score per angle.
class ShearScorer {
 public:
  explicit ShearScorer(const cv::Mat& ink) : rows_(ink.rows) {
    strips_ = std::max(1, ink.cols / kStripWidth);
    counts_.assign(static_cast<size_t>(strips_) * rows_, 0);
    for (int y = 0; y < ink.rows; ++y) {
      const uint8_t* p = ink.ptr<uint8_t>(y);
      for (int x = 0; x < strips_ * kStripWidth; ++x) {
        if (p[x]) ++counts_[static_cast<size_t>(x / kStripWidth) * rows_ + y];
      }
    }
    for (int v : counts_) total_ += v;
    center_x_ = strips_ * kStripWidth / 2.0;
  }

  int64_t total_ink() const { return total_; }

  // Differential square sum of the row profile after shearing by `deg`: a point
  // (x, y) lands on row y + (x - cx) tan(deg), which levels lines that rise by
  // tan(deg) per pixel to the right, i.e. a page turned counter-clockwise by `deg`.
  double Score(double deg) {
    const double t = std::tan(deg * kPi / 180.0);
    const int margin = static_cast<int>(std::ceil(std::abs(t) * center_x_)) + 1;
    profile_.assign(rows_ + 2 * margin, 0);
    for (int s = 0; s < strips_; ++s) {
      const double x = (s + 0.5) * kStripWidth - center_x_;
      const int shift = margin + static_cast<int>(std::lround(x * t));
      const int* src = &counts_[static_cast<size_t>(s) * rows_];
      int* dst = &profile_[shift];
      // Four rows at a time: the angle search sums ~20 million counts a page.
      int y = 0;
#if CV_SIMD128
      for (; y + 4 <= rows_; y += 4) cv::v_store(dst + y, cv::v_load(dst + y) + cv::v_load(src + y));
#endif
      for (; y < rows_; ++y) dst[y] += src[y];
    }
    double score = 0;
    for (size_t i = 1; i < profile_.size(); ++i) {
      const double d = profile_[i] - profile_[i - 1];
      score += d * d;
    }
    return score;
  }

 private:
  int rows_ = 0;
  int strips_ = 0;
  double center_x_ = 0;
  int64_t total_ = 0;
  std::vector<int> counts_;  // strip-major: counts_[strip * rows_ + y]
  std::vector<int> profile_;
};

// Vertex of the parabola through three equally spaced samples, as an offset in
// steps from the middle one (clamped to ±0.5 so it never leaves the bracket).
double ParabolaOffset(double left, double mid, double right) {
  const double denom = left - 2 * mid + right;
  if (denom >= 0) return 0;
  return std::clamp(0.5 * (left - right) / denom, -0.5, 0.5);
}

// Per-channel median of the page's outer frame (a band 1% of the shorter side
// deep): the paper, or the scanner lid beyond it, that the turned corners adjoin.
cv::Scalar EdgeLevel(const cv::Mat& image) {
  const int depth = std::max(2, std::min(image.rows, image.cols) / 100);
  if (image.rows <= 2 * depth || image.cols <= 2 * depth) return cv::Scalar::all(255);
  const int channels = image.channels();
  std::vector<std::vector<int>> hist(channels, std::vector<int>(256, 0));
  int64_t count = 0;
  for (int y = 0; y < image.rows; ++y) {
    const uint8_t* p = image.ptr<uint8_t>(y);
    const bool whole_row = y < depth || y >= image.rows - depth;
    for (int x = 0; x < image.cols; ++x) {
      if (!whole_row && x == depth) x = image.cols - depth;  // skip the interior
      for (int c = 0; c < channels; ++c) ++hist[c][p[x * channels + c]];
      ++count;
    }
  }
  cv::Scalar level;
  for (int c = 0; c < channels && c < 4; ++c) {
    int64_t acc = 0;
    int v = 0;
    while (v < 255 && (acc += hist[c][v]) < count / 2) ++v;
    level[c] = v;
  }
  return level;
}

// The corners turned in from outside the page take the level of its edge, not
// white: on grey paper (low contrast, uneven light) white corners are the one
// bright class, and a global threshold (Tesseract's Otsu over a band of the page)
// then puts all the paper on the ink side and reads nothing.
cv::Mat RotateKeepSize(const cv::Mat& image, double angle_deg) {
  const cv::Point2f center((image.cols - 1) / 2.0f, (image.rows - 1) / 2.0f);
  const cv::Mat m = cv::getRotationMatrix2D(center, angle_deg, 1.0);
  cv::Mat out;
  cv::warpAffine(image, out, m, image.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT,
                 EdgeLevel(image));
  return out;
}

}  // namespace

SkewEstimate EstimateSkew(const cv::Mat& gray_or_color, double max_deg) {
  SkewEstimate result;
  if (gray_or_color.empty() || max_deg <= 0) return result;
  const cv::Mat ink = SkewInk(ToGray(gray_or_color));
  ShearScorer scorer(ink);
  // Too little ink to carry lines (blank page, a lone mark): no opinion.
  if (scorer.total_ink() < 200) return result;

  const int half_steps = std::max(1, static_cast<int>(std::ceil(max_deg / kCoarseStepDeg)));
  std::vector<double> coarse(2 * half_steps + 1);
  int best = 0;
  for (int i = 0; i < static_cast<int>(coarse.size()); ++i) {
    coarse[i] = scorer.Score((i - half_steps) * kCoarseStepDeg);
    if (coarse[i] > coarse[best]) best = i;
  }
  const double best_score = coarse[best];
  const double min_score = *std::min_element(coarse.begin(), coarse.end());
  if (best_score <= 0) return result;

  const double coarse_deg = (best - half_steps) * kCoarseStepDeg;
  const int fine_half = static_cast<int>(std::lround(kCoarseStepDeg / kFineStepDeg));
  std::vector<double> fine(2 * fine_half + 1);
  int fine_best = fine_half;
  for (int i = 0; i < static_cast<int>(fine.size()); ++i) {
    fine[i] = scorer.Score(coarse_deg + (i - fine_half) * kFineStepDeg);
    if (fine[i] > fine[fine_best]) fine_best = i;
  }
  // Near the true angle the rounded strip shifts do not change for a few steps,
  // so the peak can be a plateau of equal scores: take its middle, not its edge.
  int first = fine_best, last = fine_best;
  while (first > 0 && fine[first - 1] == fine[fine_best]) --first;
  while (last + 1 < static_cast<int>(fine.size()) && fine[last + 1] == fine[fine_best]) ++last;
  double shear_deg = coarse_deg + ((first + last) / 2.0 - fine_half) * kFineStepDeg;
  if (first == last && first > 0 && last + 1 < static_cast<int>(fine.size())) {
    shear_deg += kFineStepDeg *
                 ParabolaOffset(fine[fine_best - 1], fine[fine_best], fine[fine_best + 1]);
  }

  // Structure makes one angle stand far above the rest; noise scores nearly flat.
  double confidence = 1.0 - min_score / best_score;
  // A peak on the edge of the range may belong to a larger skew outside it.
  if (best == 0 || best + 1 == static_cast<int>(coarse.size())) {
    confidence = std::min(confidence, 0.3);
  }
  // A page turned counter-clockwise by shear_deg is straightened by turning it
  // back clockwise.
  result.angle_deg = -shear_deg;
  result.confidence = confidence;
  return result;
}

DeskewReport Deskew(PageImage& page, bool measure_residual) {
  DeskewReport report;
  const SkewEstimate estimate = EstimateSkew(page.gray);
  if (estimate.confidence < kMinDeskewConfidence) {
    report.refused = true;
    return report;
  }
  if (std::abs(estimate.angle_deg) < kMinDeskewDeg) {
    report.residual_deg = estimate.angle_deg;
    return report;
  }
  if (page.has_color() && page.color.channels() == 3 && page.color.size() == page.gray.size()) {
    // The grey of a colour page is its colour made grey (MakePage), so the turned
    // colour made grey is the turned grey, to a level of rounding: a conversion
    // costs a twentieth of a second turn of the whole page (2 ms against 55 ms).
    // A new image: the grey as scanned may still be shared (AnalyzePage keeps it).
    page.color = RotateKeepSize(page.color, estimate.angle_deg);
    cv::Mat gray;
    cv::cvtColor(page.color, gray, cv::COLOR_BGR2GRAY);
    page.gray = gray;
  } else {
    page.gray = RotateKeepSize(page.gray, estimate.angle_deg);
    if (page.has_color()) page.color = RotateKeepSize(page.color, estimate.angle_deg);
  }
  page.skew_deg += estimate.angle_deg;
  report.applied_deg = estimate.angle_deg;
  // The page is now near straight, so a narrow re-check is enough (and cheap).
  if (measure_residual) report.residual_deg = EstimateSkew(page.gray, 1.0).angle_deg;
  return report;
}

namespace {

// Otsu's dark class of `gray`, and whether it is the larger one (then the text is
// the light class).
bool DarkClassIsGround(const cv::Mat& gray, cv::Mat& dark) {
  cv::threshold(gray, dark, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  return cv::countNonZero(dark) > static_cast<int>(dark.total() / 2);
}

}  // namespace

cv::Mat InkMask(const cv::Mat& gray) {
  cv::Mat dark;
  return DarkClassIsGround(gray, dark) ? cv::Mat(255 - dark) : dark;
}

cv::Mat DarkOnLight(const cv::Mat& gray) {
  cv::Mat dark;
  return DarkClassIsGround(gray, dark) ? cv::Mat(255 - gray) : gray;
}

cv::Mat PaperToWhite(const cv::Mat& gray) {
  if (gray.empty() || gray.type() != CV_8UC1) return gray;
  // The paper level: the median. Print covers well under half of a text crop, so
  // the median is paper; mapping it to white also whitens the lighter half of the
  // paper's noise (on the hard samples: 13 fewer misread cells than the 70th
  // percentile, 5 fewer than the 60th).
  const int paper = GreyLevels(gray).Percentile(50);
  constexpr int kDarkestPaper = 96;
  if (paper >= 250 || paper < kDarkestPaper) return gray;
  cv::Mat out;
  gray.convertTo(out, CV_8U, 255.0 / paper);
  return out;
}

}  // namespace shenbao::ocr
