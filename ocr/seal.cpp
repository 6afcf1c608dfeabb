// Seal finding on colour pages (red-ink blobs that are round rings) and unwrapping
// of a seal's arc text. The ring measures shared with the grey-page search are in
// seal_ring.cpp.
//
// Colour pages: the red-ink mask is reduced so that the smallest seal is ~110 px
// across; long straight red runs (red rulings, underlines) are cut out, so a seal
// stamped over a red ruling stays a separate blob; closing joins the ring's
// fragments with its text and star. Each blob's outer contour gets an ellipse, and
// the blob is a seal when it has seal size and aspect, follows the ellipse closely,
// and carries its red ink on the ellipse boundary all the way round with a sparse
// inside (text and star), which solid red shapes, text lines and logos do not.
#include "ocr/seal.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "ocr/seal_ring.h"

namespace shenbao::ocr {
namespace {

constexpr double kMmPerInch = 25.4;
constexpr double kPi = 3.14159265358979323846;

// Red ink for seal finding: clearly redder than green and blue, and bright in red
// (dark red rulings and brown titles printed on invoices are not seal ink).
cv::Mat SealInk(const cv::Mat& bgr, int min_red_level) {
  cv::Mat mask(bgr.size(), CV_8UC1, cv::Scalar(0));
  for (int y = 0; y < bgr.rows; ++y) {
    const uint8_t* p = bgr.ptr<uint8_t>(y);
    uint8_t* m = mask.ptr<uint8_t>(y);
    for (int x = 0; x < bgr.cols; ++x, p += 3) {
      const int redness = p[2] - std::max(p[0], p[1]);
      if (redness >= 28 && p[2] >= min_red_level) m[x] = 255;
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

// Seal colour from the ring's ink: hue 10-25 (OpenCV units, 20-50°) is orange;
// pale (low saturation) red is a faded or lightly inked seal, "pink".
std::string SealColor(const cv::Mat& small_bgr, const cv::Mat& ink, const cv::RotatedRect& e) {
  const cv::Rect roi = e.boundingRect() & cv::Rect(0, 0, ink.cols, ink.rows);
  if (roi.empty()) return "red";
  cv::Mat hsv;
  cv::cvtColor(small_bgr(roi), hsv, cv::COLOR_BGR2HSV);
  std::vector<int> hues, sats;
  for (int y = 0; y < roi.height; ++y) {
    const uint8_t* m = ink.ptr<uint8_t>(roi.y + y) + roi.x;
    const cv::Vec3b* p = hsv.ptr<cv::Vec3b>(y);
    for (int x = 0; x < roi.width; ++x) {
      if (!m[x]) continue;
      hues.push_back(p[x][0] >= 150 ? p[x][0] - 180 : p[x][0]);  // red wraps at 180
      sats.push_back(p[x][1]);
    }
  }
  if (hues.empty()) return "red";
  auto median = [](std::vector<int>& v) {
    std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
    return v[v.size() / 2];
  };
  const int hue = median(hues), sat = median(sats);
  if (hue >= 10 && hue <= 25) return "orange";
  if (sat < 110) return "pink";
  return "red";
}

std::vector<SealCandidate> FindRedSeals(const PageImage& page, const SealSearchOptions& options,
                                        const SealSizeRange& range) {
  std::vector<SealCandidate> seals;
  // Reduce so the smallest seal is ~110 px across (or to ~1200 px if that is
  // smaller): enough for its ring, fast on a 300 dpi page.
  const int long_side = std::max(page.color.cols, page.color.rows);
  const double scale = std::min(1.0, std::max(1200.0 / long_side, 110.0 / range.min_px));
  cv::Mat small;
  if (scale < 1.0) {
    cv::resize(page.color, small, cv::Size(), scale, scale, cv::INTER_AREA);
  } else {
    small = page.color;
  }
  const cv::Mat ink = SealInk(small, options.min_red_level);
  const double min_px = range.min_px * scale, max_px = range.max_px * scale;

  // A ring's flattest stretch is 2*sqrt(2*R*t) long, well under its diameter, so
  // runs longer than 0.9 of the smallest diameter are rulings and underlines.
  const cv::Mat rules = StraightRuns(ink, std::max(15, static_cast<int>(0.9 * min_px)));
  cv::Mat blobs = ink & ~rules;
  const int close = std::max(3, static_cast<int>(min_px / 12)) | 1;
  cv::morphologyEx(blobs, blobs, cv::MORPH_CLOSE,
                   cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(close, close)));
  const cv::Mat ring_ink = ink & ~rules;

  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(blobs, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_NONE);
  for (const auto& contour : contours) {
    const cv::Rect box = cv::boundingRect(contour);
    const int long_box = std::max(box.width, box.height);
    if (long_box < 0.8 * min_px || long_box > 1.2 * max_px || contour.size() < 20) continue;
    const cv::RotatedRect e = cv::fitEllipse(contour);
    const RingMeasures ring = MeasureRing(ring_ink, e, contour);
    if (!ring.valid) continue;
    const double long_axis = std::max(e.size.width, e.size.height);
    const double short_axis = std::min(e.size.width, e.size.height);
    if (long_axis < min_px || long_axis > max_px) continue;
    if (long_axis > options.max_aspect * short_axis) continue;
    if (!LooksLikeSealRing(ring)) continue;

    SealCandidate seal;
    const cv::Rect page_rect(0, 0, page.width(), page.height());
    const cv::Rect ebox = e.boundingRect();
    seal.bbox = cv::Rect(cv::Point(static_cast<int>(ebox.x / scale), static_cast<int>(ebox.y / scale)),
                         cv::Point(static_cast<int>(std::ceil(ebox.br().x / scale)),
                                   static_cast<int>(std::ceil(ebox.br().y / scale)))) &
                page_rect;
    seal.center = cv::Point2f(static_cast<float>(e.center.x / scale),
                              static_cast<float>(e.center.y / scale));
    // Seals are stamped upright to within a few degrees, so the ellipse's axes
    // are taken as the page axes.
    const double angle = e.angle * kPi / 180.0;
    const double a = e.size.width / 2 / scale, b = e.size.height / 2 / scale;
    seal.radius_x = static_cast<float>(std::hypot(a * std::cos(angle), b * std::sin(angle)));
    seal.radius_y = static_cast<float>(std::hypot(a * std::sin(angle), b * std::cos(angle)));
    const double diameter_mm = long_axis / scale * kMmPerInch / std::max(1, page.dpi);
    const double size_score = range.from_dpi && (diameter_mm < 35 || diameter_mm > 50) ? 0.7 : 1.0;
    seal.confidence = RingConfidence(ring) * (0.85 + 0.15 * size_score);
    seal.color = SealColor(small, ring_ink, e);
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

cv::Mat UnwrapSealText(const PageImage& page, const SealCandidate& seal) {
  // Output geometry: the text band 0.93..0.55 of the radius becomes kBandPx rows,
  // characters (about 0.7 of the band) ~56 px; the arc from kStartDeg clockwise
  // over the top through kSpanDeg becomes the columns, at the band's aspect.
  constexpr int kBandPx = 80;
  // 0.93, not 0.95: the ring's inner edge is at ~0.94 on a 1.2 mm ring.
  constexpr double kOuter = 0.93, kInner = 0.55;
  constexpr double kStartDeg = 200, kSpanDeg = 220;
  const double rx = seal.radius_x, ry = seal.radius_y;
  if (rx < 4 || ry < 4) return {};
  const double mid = (kOuter + kInner) / 2;
  const int width = static_cast<int>(
      std::lround(kBandPx * mid * (kSpanDeg * kPi / 180) / (kOuter - kInner)));

  // The source: the red ink as dark-on-white when there is colour (black text
  // under the seal then disappears), else the grey page.
  const cv::Rect page_rect(0, 0, page.width(), page.height());
  const cv::Rect roi = cv::Rect(static_cast<int>(seal.center.x - rx - 2),
                                static_cast<int>(seal.center.y - ry - 2),
                                static_cast<int>(2 * rx + 5), static_cast<int>(2 * ry + 5)) &
                       page_rect;
  if (roi.empty()) return {};
  cv::Mat source;
  if (page.has_color() && page.color.channels() == 3) {
    source.create(roi.size(), CV_8UC1);
    for (int y = 0; y < roi.height; ++y) {
      const uint8_t* p = page.color.ptr<uint8_t>(roi.y + y) + 3 * roi.x;
      uint8_t* s = source.ptr<uint8_t>(y);
      for (int x = 0; x < roi.width; ++x, p += 3) {
        const int redness = p[2] - std::max(p[0], p[1]);
        s[x] = static_cast<uint8_t>(255 - std::clamp((redness - 15) * 255 / 50, 0, 255));
      }
    }
  } else {
    source = page.gray(roi);
  }
  // Sampling a large seal straight down to the strip would alias its strokes, so
  // the source is first reduced to within 1.5x of the strip's scale.
  const double out_scale = kBandPx / ((kOuter - kInner) * std::min(rx, ry));
  double f = 1.0;  // source pixels per page pixel
  if (out_scale < 0.5) {
    f = out_scale * 1.5;
    cv::resize(source, source, cv::Size(), f, f, cv::INTER_AREA);
  }
  const double cx = (seal.center.x - roi.x) * f, cy = (seal.center.y - roi.y) * f;

  cv::Mat map_x(kBandPx, width, CV_32F), map_y(kBandPx, width, CV_32F);
  for (int v = 0; v < kBandPx; ++v) {
    const double rho = kOuter - (v + 0.5) / kBandPx * (kOuter - kInner);
    float* mx = map_x.ptr<float>(v);
    float* my = map_y.ptr<float>(v);
    for (int u = 0; u < width; ++u) {
      const double phi = (kStartDeg - (u + 0.5) / width * kSpanDeg) * kPi / 180;
      mx[u] = static_cast<float>(cx + rho * rx * f * std::cos(phi));
      my[u] = static_cast<float>(cy - rho * ry * f * std::sin(phi));
    }
  }
  cv::Mat strip;
  cv::remap(source, strip, map_x, map_y, cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(255));
  return strip;
}

}  // namespace shenbao::ocr
