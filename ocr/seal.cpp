// Seal finding on colour pages (red-ink blobs that are round rings). The ring
// measures and the grey-page search are in seal_ring.cpp, the unwrapping of a
// seal's arc text in seal_unwrap.cpp.
//
// Colour pages: the page is reduced so that the smallest seal is ~110 px across
// and its colours are taken relative to the local paper colour (photos have
// shadows). Red ink is masked twice, leniently (faded and pink seals) and strictly
// (a bright seal over darker red print, as on invoices). In each mask, long
// straight runs (red rulings, underlines) are cut out, so a seal stamped over a
// red ruling stays a separate blob, and closing joins the ring's fragments with
// its text and star. Each blob's outer contour gets an ellipse, and the blob is a
// seal when it has seal size and aspect, follows the ellipse closely, and carries
// its red ink on the ellipse boundary all the way round with a sparse inside (text
// and star), which solid red shapes, text lines and logos do not.
#include "ocr/seal.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "ocr/seal_ring.h"

namespace shenbao::ocr {
namespace {

constexpr double kMmPerInch = 25.4;
constexpr double kPi = 3.14159265358979323846;

// The page's colours relative to the local paper colour (per channel: pixel over
// the brightest value nearby), so a seal in the shadow of a phone photo is as red
// as one on a flatbed scan, and a grey or tinted paper is white.
// A 3x3 mean first: scanner noise would otherwise raise the local maximum above
// the paper and shrink faint ink's colour, and the seal's colour is smooth anyway.
cv::Mat PaperNormalized(const cv::Mat& bgr, int kernel) {
  cv::Mat smooth, paper, out;
  cv::blur(bgr, smooth, cv::Size(3, 3));
  cv::dilate(smooth, paper, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(kernel, kernel)));
  cv::blur(paper, paper, cv::Size(kernel, kernel));
  cv::divide(smooth, paper, out, 255);
  return out;
}

// How red a pixel is, for seal ink. kMax: red over the larger of green and blue,
// which keeps dark red and brown print apart from a bright seal. kMean: red over
// the mean of green and blue, for faded ink. A faded seal is orange or pink, not
// pure red: green (orange) or blue (pink) stays near the paper's, so red over the
// larger of the two is about half what it is over the mean, and a faded orange
// ring falls apart into fragments in a kMax mask. Yellow and violet are not seal
// ink: red must stand above green and above blue each by a third of the measure.
enum class Redness { kMax, kMean };

// Red ink for seal finding: redder than green and blue by `min_redness`, and
// bright in red (dark red rulings and brown titles printed on invoices are not
// seal ink).
cv::Mat SealInk(const cv::Mat& bgr, Redness measure, int min_redness, int min_red_level) {
  cv::Mat mask(bgr.size(), CV_8UC1, cv::Scalar(0));
  for (int y = 0; y < bgr.rows; ++y) {
    const uint8_t* p = bgr.ptr<uint8_t>(y);
    uint8_t* m = mask.ptr<uint8_t>(y);
    for (int x = 0; x < bgr.cols; ++x, p += 3) {
      if (p[2] < min_red_level) continue;
      const int over_b = p[2] - p[0], over_g = p[2] - p[1];
      if (measure == Redness::kMax) {
        if (std::min(over_b, over_g) >= min_redness) m[x] = 255;
      } else {
        const int mean = (over_b + over_g) / 2;
        if (mean >= min_redness && 3 * std::min(over_b, over_g) >= mean) m[x] = 255;
      }
    }
  }
  return mask;
}

// Straight runs longer than `length` along x or y.
cv::Mat StraightRuns(const cv::Mat& mask, int length) {
  cv::Mat h, v;
  cv::morphologyEx(mask, h, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_RECT, cv::Size(length, 1)));
  cv::morphologyEx(mask, v, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_RECT, cv::Size(1, length)));
  return h | v;
}

// Seal colour from the seal's best-inked pixels (the upper third by redness: the
// faint edges of strokes would make every seal look pale). In OpenCV hue units
// (degrees / 2): 9-25 is orange; pink ink leans to magenta (hue -5 or below, where
// seal red is -3..+4), and very low saturation is a faded seal, also "pink".
// Scanning lowers saturation a lot (a red seal on a grey, low-contrast scan
// measures ~55), so hue carries most of the decision.
std::string SealColor(const cv::Mat& small_bgr, const cv::Mat& ink, const cv::RotatedRect& e) {
  const cv::Rect roi = e.boundingRect() & cv::Rect(0, 0, ink.cols, ink.rows);
  if (roi.empty()) return "red";
  cv::Mat hsv;
  cv::cvtColor(small_bgr(roi), hsv, cv::COLOR_BGR2HSV);
  struct Sample {
    int redness, hue, sat;
  };
  std::vector<Sample> samples;
  for (int y = 0; y < roi.height; ++y) {
    const uint8_t* m = ink.ptr<uint8_t>(roi.y + y) + roi.x;
    const uint8_t* p = small_bgr.ptr<uint8_t>(roi.y + y) + 3 * roi.x;
    const cv::Vec3b* h = hsv.ptr<cv::Vec3b>(y);
    for (int x = 0; x < roi.width; ++x, p += 3) {
      if (!m[x]) continue;
      const int hue = h[x][0] >= 150 ? h[x][0] - 180 : h[x][0];  // red wraps at 180
      samples.push_back({p[2] - std::max(p[0], p[1]), hue, h[x][1]});
    }
  }
  if (samples.empty()) return "red";
  const size_t core = samples.size() * 2 / 3;
  std::nth_element(samples.begin(), samples.begin() + core, samples.end(),
                   [](const Sample& a, const Sample& b) { return a.redness < b.redness; });
  std::vector<int> hues, sats;
  for (size_t i = core; i < samples.size(); ++i) {
    hues.push_back(samples[i].hue);
    sats.push_back(samples[i].sat);
  }
  auto median = [](std::vector<int>& v) {
    std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
    return v[v.size() / 2];
  };
  const int hue = median(hues), sat = median(sats);
  if (hue >= 9 && hue <= 25) return "orange";
  if (hue <= -5 || sat < 45) return "pink";
  return "red";
}

// Seal candidates among the blobs of one red-ink mask of the reduced page.
void SealsFromInk(const cv::Mat& ink, const cv::Mat& small_bgr, double scale,
                  const PageImage& page, const SealSearchOptions& options,
                  const SealSizeRange& range, std::vector<SealCandidate>& seals) {
  const double min_px = range.min_px * scale, max_px = range.max_px * scale;
  // A ring's flattest stretch is 2*sqrt(2*R*t) long: for a ring up to 0.07 R thick
  // that is under 0.4 of its diameter. Longer straight runs, and those longer than
  // the smallest seal, are rulings and underlines.
  const int rule_px = static_cast<int>(std::max(0.9 * min_px, 0.4 * max_px));
  const cv::Mat rules = StraightRuns(ink, std::max(15, rule_px));
  const cv::Mat ring_ink = ink & ~rules;
  cv::Mat blobs;
  const int close = std::max(3, static_cast<int>(min_px / 12)) | 1;
  cv::morphologyEx(ring_ink, blobs, cv::MORPH_CLOSE,
                   cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(close, close)));

  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(blobs, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_NONE);
  for (const auto& contour : contours) {
    const cv::Rect box = cv::boundingRect(contour);
    const int long_box = std::max(box.width, box.height);
    if (long_box < 0.8 * min_px || long_box > 1.2 * max_px || contour.size() < 20) continue;
    // Two fits: to the contour, and to its convex hull. Where dropouts break the
    // ring, the contour dips into the gap and pulls its ellipse in; the hull
    // spans the gap. Where ink outside the seal touches the ring, the contour's
    // fit is the better one. Keep whichever makes the better seal.
    std::vector<cv::Point> hull;
    cv::convexHull(contour, hull);
    cv::RotatedRect e;
    RingMeasures ring;
    double best = -1;
    for (const std::vector<cv::Point>& points : {std::cref(contour), std::cref(hull)}) {
      if (points.size() < 5) continue;
      const cv::RotatedRect fit = cv::fitEllipse(points);
      const double long_axis = std::max(fit.size.width, fit.size.height);
      const double short_axis = std::min(fit.size.width, fit.size.height);
      if (long_axis < min_px || long_axis > max_px) continue;
      if (long_axis > options.max_aspect * short_axis) continue;
      const RingMeasures m = MeasureRing(ring_ink, fit, contour);
      if (!LooksLikeSealRing(m) || RingConfidence(m) <= best) continue;
      best = RingConfidence(m);
      e = fit;
      ring = m;
    }
    if (best < 0) continue;
    const double long_axis = std::max(e.size.width, e.size.height);

    SealCandidate seal;
    const cv::Rect ebox = e.boundingRect();
    seal.bbox = cv::Rect(cv::Point(static_cast<int>(ebox.x / scale), static_cast<int>(ebox.y / scale)),
                         cv::Point(static_cast<int>(std::ceil(ebox.br().x / scale)),
                                   static_cast<int>(std::ceil(ebox.br().y / scale)))) &
                cv::Rect(0, 0, page.width(), page.height());
    // Pixel centres: reduced pixel i covers page pixels [i/scale, (i+1)/scale).
    seal.center = cv::Point2f(static_cast<float>((e.center.x + 0.5) / scale - 0.5),
                              static_cast<float>((e.center.y + 0.5) / scale - 0.5));
    // Seals are stamped upright to within a few degrees, so the ellipse's axes
    // are taken as the page axes.
    const double angle = e.angle * kPi / 180.0;
    const double a = e.size.width / 2 / scale, b = e.size.height / 2 / scale;
    seal.radius_x = static_cast<float>(std::hypot(a * std::cos(angle), b * std::sin(angle)));
    seal.radius_y = static_cast<float>(std::hypot(a * std::sin(angle), b * std::cos(angle)));
    const double diameter_mm = long_axis / scale * kMmPerInch / std::max(1, page.dpi);
    const double size_score = range.from_dpi && (diameter_mm < 35 || diameter_mm > 50) ? 0.7 : 1.0;
    seal.confidence = RingConfidence(ring) * (0.85 + 0.15 * size_score);
    seal.color = SealColor(small_bgr, ring_ink, e);
    seals.push_back(seal);
  }
}

std::vector<SealCandidate> FindRedSeals(const PageImage& page, const SealSearchOptions& options,
                                        const SealSizeRange& range) {
  std::vector<SealCandidate> seals;
  // Reduce by a whole factor (fast block averaging) so the smallest seal is
  // ~110 px across, enough for its ring: a 300 dpi page goes to a third.
  const int factor = std::max(1, static_cast<int>(range.min_px / 110));
  const double scale = 1.0 / factor;
  cv::Mat small;
  if (factor > 1) {
    // Cropped to whole blocks: OpenCV's fast block averaging needs an exact factor.
    const cv::Size size(page.color.cols / factor, page.color.rows / factor);
    cv::resize(page.color(cv::Rect(0, 0, size.width * factor, size.height * factor)), small, size,
               0, 0, cv::INTER_AREA);
  } else {
    small = page.color;
  }
  // The paper estimate must look past the largest solid ink of a seal, its star.
  const double min_px = range.min_px * scale;
  const cv::Mat normalized = PaperNormalized(small, std::max(15, static_cast<int>(0.3 * min_px)) | 1);
  // Three masks: a lenient one for faded pink and orange seals (their ink is only
  // 15-30 redder than the mean of its green and blue, black text on grey paper
  // under 10), a normal one, and a strict one (only strongly red ink) that
  // separates a bright seal from the darker red or brown print it is stamped
  // over, which the others merge.
  SealsFromInk(SealInk(normalized, Redness::kMean, 15, options.min_red_level), normalized, scale, page,
               options, range, seals);
  for (int min_redness : {30, 100}) {
    SealsFromInk(SealInk(normalized, Redness::kMax, min_redness, options.min_red_level), normalized, scale,
                 page, options, range, seals);
  }
  // Seals stamped so close that they overlap (two （盖章） blocks one under the
  // other) make one blob that fits no ellipse; the ring search finds each circle
  // in the red ink. Found alone, a seal is found again here and suppressed later.
  // Raw colours here: paper normalization hollows out a solid red disc (its
  // inside becomes the "paper"), which would then pass for a ring. Strongly red
  // ink, and faded orange or pink ink by the lenient measure: two faint orange
  // seals stamped touching (held-out D hard-02) make one blob in the lenient mask,
  // and the strict mask alone keeps only fragments of the fainter ring.
  const cv::Mat ink = SealInk(small, Redness::kMax, 30, options.min_red_level) |
                      SealInk(small, Redness::kMean, 15, options.min_red_level);
  const SealSizeRange small_range{range.min_px * scale, range.max_px * scale, false};
  for (const SealCandidate& ring : FindRingSeals(255 - ink, small_range, options.max_aspect)) {
    // The ring search allows for ovals below the size range; a circle must be in it.
    if (2 * ring.radius_x < small_range.min_px || 2 * ring.radius_x > small_range.max_px) continue;
    SealCandidate seal;
    const float r = static_cast<float>(ring.radius_x / scale);
    seal.center = cv::Point2f(static_cast<float>((ring.center.x + 0.5) / scale - 0.5),
                              static_cast<float>((ring.center.y + 0.5) / scale - 0.5));
    seal.radius_x = seal.radius_y = r;
    seal.bbox = cv::Rect(static_cast<int>(seal.center.x - r), static_cast<int>(seal.center.y - r),
                         static_cast<int>(2 * r + 1), static_cast<int>(2 * r + 1)) &
                cv::Rect(0, 0, page.width(), page.height());
    // A closed ring of seal ink: as sure as a ring found by its blob, a little less.
    seal.confidence = 0.85 * ring.confidence / 0.6;
    seal.color = SealColor(small, ink, cv::RotatedRect(ring.center, cv::Size2f(2 * ring.radius_x, 2 * ring.radius_x), 0));
    seals.push_back(seal);
  }
  return seals;
}

// Drops candidates whose centre lies inside a more confident one.
std::vector<SealCandidate> Suppress(std::vector<SealCandidate> seals) {
  std::sort(seals.begin(), seals.end(),
            [](const SealCandidate& a, const SealCandidate& b) { return a.confidence > b.confidence; });
  std::vector<SealCandidate> kept;
  for (const SealCandidate& s : seals) {
    const bool inside = std::any_of(kept.begin(), kept.end(), [&](const SealCandidate& k) {
      return k.bbox.contains(cv::Point(static_cast<int>(s.center.x), static_cast<int>(s.center.y)));
    });
    if (!inside) kept.push_back(s);
  }
  return kept;
}

}  // namespace

std::vector<SealCandidate> FindSeals(const PageImage& page) {
  return FindSeals(page, SealSearchOptions{});
}

std::vector<SealCandidate> FindSeals(const PageImage& page, const SealSearchOptions& options) {
  std::vector<SealCandidate> seals;
  if (page.gray.empty() && page.color.empty()) return seals;
  SealSizeRange range;
  if (options.min_diameter_px > 0 && options.max_diameter_px > options.min_diameter_px) {
    range = {options.min_diameter_px, options.max_diameter_px, false};
  } else {
    const double dpi = page.dpi > 0 ? page.dpi : 300;
    range = {options.min_diameter_mm * dpi / kMmPerInch, options.max_diameter_mm * dpi / kMmPerInch,
             true};
  }
  if (page.has_color() && page.color.channels() == 3) {
    seals = FindRedSeals(page, options, range);
    if (options.dark_seals_on_color) {
      for (SealCandidate& dark : FindRingSeals(page.gray, range, options.max_aspect)) {
        dark.color = "dark";
        dark.confidence = std::min(dark.confidence, 0.5);
        seals.push_back(dark);
      }
    }
  } else if (!page.gray.empty()) {
    seals = FindRingSeals(page.gray, range, options.max_aspect);
  }
  return Suppress(std::move(seals));
}

}  // namespace shenbao::ocr
