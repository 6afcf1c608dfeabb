// UnwrapSealText (seal.h): a seal's upper arc text as a straight strip, for
// single-line OCR.
//
// The text band is sampled along curves parallel to the seal's ellipse (text on
// an oval seal is cut at a constant distance inside the ring and stands along the
// ring's normal), from just inside the ring inwards, over the arc the text
// actually occupies, with columns at equal steps of arc length.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "ocr/seal.h"

namespace shenbao::ocr {
namespace {

constexpr double kPi = 3.14159265358979323846;

// The seal's ellipse and curves parallel to it. Text on a seal, round or oval, is
// cut at a constant distance inside the ring and stands upright along the ring's
// normal, so the strip samples along the ring at constant insets.
struct ArcFrame {
  double rx = 0, ry = 0;

  // Ellipse parameter of the point seen from the centre at polar angle `deg`
  // (counter-clockwise from the right, y up).
  double ParamAt(double deg) const {
    const double a = deg * kPi / 180;
    return std::atan2(rx * std::sin(a), ry * std::cos(a));
  }
  // The point `inset` px inside the ellipse at parameter t, relative to the centre
  // in image axes (y down).
  cv::Point2d At(double t, double inset) const {
    double nx = ry * std::cos(t), ny = rx * std::sin(t);
    const double n = std::hypot(nx, ny);
    nx /= n;
    ny /= n;
    return {rx * std::cos(t) - inset * nx, -(ry * std::sin(t) - inset * ny)};
  }
};

// Inset (px) at which the text band starts: just inside the ring, and inside a
// second, thinner inner ring when there is one (as on invoice seals). Read from
// the mean darkness along the upper arc at growing insets.
double TextBandStart(const cv::Mat& source, const ArcFrame& frame, cv::Point2d center, double t0,
                     double t1, double r) {
  const double step = std::max(0.5, r / 120);
  std::vector<double> profile;
  for (double d = 0; d <= 0.3 * r; d += step) {
    double sum = 0;
    int n = 0;
    for (int k = 0; k < 180; ++k) {
      const cv::Point2d p = center + frame.At(t0 + (t1 - t0) * (k + 0.5) / 180, d);
      const int x = static_cast<int>(p.x), y = static_cast<int>(p.y);
      if (x < 0 || y < 0 || x >= source.cols || y >= source.rows) continue;
      sum += 255 - source.at<uint8_t>(y, x);
      ++n;
    }
    profile.push_back(n ? sum / n : 0);
  }
  const int ring_end = std::min<int>(profile.size(), static_cast<int>(0.15 * r / step) + 1);
  const int peak = static_cast<int>(
      std::max_element(profile.begin(), profile.begin() + ring_end) - profile.begin());
  const double level = profile[peak];
  int i = peak;
  while (i + 1 < static_cast<int>(profile.size()) && profile[i] > 0.5 * level) ++i;
  // A second ring within 0.12 r: text is never as dark all round as a ring.
  const int look = std::min<int>(profile.size(), i + static_cast<int>(0.12 * r / step));
  for (int j = i; j < look; ++j) {
    if (profile[j] >= 0.6 * level) {
      i = j;
      while (i + 1 < static_cast<int>(profile.size()) && profile[i] > 0.5 * level) ++i;
      break;
    }
  }
  return std::clamp(i * step + 0.02 * r, 0.04 * r, 0.25 * r);
}

// The arc the upper text occupies, as polar angles (degrees, counter-clockwise
// from the right). Seals are stamped turned by up to ~20°, so the text is first
// centred: the mean direction of the ink in the text band around the top. From
// there the text runs at least 95° each way (ink dropouts can leave gaps inside
// it) and ends at the first 7° without ink (gaps between characters are narrower;
// the gap before the bottom text or code is wider), at most 150° out.
std::pair<double, double> TextArc(const cv::Mat& source, const ArcFrame& frame,
                                  cv::Point2d center, double band_start, double band) {
  std::vector<bool> ink(360, false);
  for (int a = 0; a < 360; ++a) {
    const double t = frame.ParamAt(a);
    for (int i = 0; i < 8 && !ink[a]; ++i) {
      const cv::Point2d p = center + frame.At(t, band_start + (i + 0.5) / 8 * band);
      const int x = static_cast<int>(p.x), y = static_cast<int>(p.y);
      ink[a] = x >= 0 && y >= 0 && x < source.cols && y < source.rows &&
               source.at<uint8_t>(y, x) < 128;
    }
  }
  auto inked = [&](int deg) { return ink[((deg % 360) + 360) % 360]; };
  double mid = 90;
  for (int pass = 0; pass < 2; ++pass) {
    double sx = 0, sy = 0;
    for (int a = static_cast<int>(mid) - 120; a <= static_cast<int>(mid) + 120; ++a) {
      if (!inked(a)) continue;
      sx += std::cos(a * kPi / 180);
      sy += std::sin(a * kPi / 180);
    }
    if (sx == 0 && sy == 0) return {200, -20};  // no text: the usual arc
    mid = std::clamp(std::atan2(sy, sx) * 180 / kPi, 60.0, 120.0);
  }
  auto walk = [&](int direction) {
    const int from = static_cast<int>(std::lround(mid));
    int last_ink = from + 95 * direction, empty = 0;
    for (int a = last_ink; std::abs(a - from) <= 150 && empty < 7; a += direction) {
      if (inked(a)) {
        last_ink = a;
        empty = 0;
      } else {
        ++empty;
      }
    }
    return last_ink + 4 * direction;  // a little margin past the last stroke
  };
  return {walk(+1), walk(-1)};
}

// Darkens faint ink in place so the seal's best-inked strokes are near black (a
// faded or lightly stamped seal otherwise reads as pale grey), keeping white white.
// The gain is capped so that a crop without ink does not turn its noise into ink.
void StretchInk(cv::Mat& gray) {
  int hist[256] = {0};
  for (int y = 0; y < gray.rows; ++y) {
    const uint8_t* p = gray.ptr<uint8_t>(y);
    for (int x = 0; x < gray.cols; ++x) ++hist[p[x]];
  }
  // The darkest 2% of the crop: well inside the ring and text strokes.
  const int target = static_cast<int>(gray.total() / 50);
  int dark = 0;
  for (int acc = 0; dark < 255 && (acc += hist[dark]) < target;) ++dark;
  const double gain = std::min(4.0, 255.0 / std::max(1, 255 - dark));
  if (gain <= 1.0) return;
  gray.forEach<uint8_t>([gain](uint8_t& v, const int*) {
    v = cv::saturate_cast<uint8_t>(255 - (255 - v) * gain);
  });
}

// The seal's ink alone, dark on white, from a colour crop (SealInk::kShape). Where
// the ink is comes from colour (red, and not dark in the red channel as black print
// is), but the strokes' shape from the green channel: JPEG keeps colour at half
// resolution and compresses it hardest, so on a poor scan a redness image smears
// the characters, while green (which red ink absorbs) is as sharp as the scan's
// brightness. On a clean scan the redness image is the cleaner of the two.
cv::Mat SealShapeImage(const cv::Mat& bgr) {
  cv::Mat smooth;
  cv::blur(bgr, smooth, cv::Size(5, 5));
  std::vector<cv::Mat> channels;
  cv::split(bgr, channels);
  // Paper levels: bright end of green and red in the crop (the seal covers less).
  auto bright = [](const cv::Mat& channel) {
    int hist[256] = {0};
    for (int y = 0; y < channel.rows; ++y) {
      const uint8_t* p = channel.ptr<uint8_t>(y);
      for (int x = 0; x < channel.cols; ++x) ++hist[p[x]];
    }
    int level = 255;
    for (size_t acc = 0; level > 0 && (acc += hist[level]) < channel.total() / 20;) --level;
    return level;
  };
  const double paper_g = std::max(bright(channels[1]), 100), paper_r = std::max(bright(channels[2]), 100);
  cv::Mat out(bgr.size(), CV_8UC1);
  for (int y = 0; y < bgr.rows; ++y) {
    const uint8_t* p = bgr.ptr<uint8_t>(y);
    const uint8_t* s = smooth.ptr<uint8_t>(y);
    uint8_t* o = out.ptr<uint8_t>(y);
    for (int x = 0; x < bgr.cols; ++x, p += 3, s += 3) {
      const double dark = std::clamp((paper_g - p[1]) / (paper_g - 80), 0.0, 1.0);
      const double reddish = std::clamp((s[2] - std::max(s[0], s[1]) - 8) / 20.0, 0.0, 1.0);
      const double black = std::clamp((0.8 * paper_r - p[2]) / (0.2 * paper_r), 0.0, 1.0);
      o[x] = static_cast<uint8_t>(std::lround(255 * (1 - dark * reddish * (1 - black))));
    }
  }
  return out;
}

}  // namespace

cv::Mat UnwrapSealText(const PageImage& page, const SealCandidate& seal, SealInk ink) {
  // Output geometry: a band 0.38 r deep from just inside the ring becomes kBandPx
  // rows (characters, ~0.7 of it, come out ~56 px tall); the upper text's arc
  // (about 200° clockwise over the top to -20°) becomes the columns, at the
  // band's scale.
  constexpr int kBandPx = 80;
  constexpr double kBandDepth = 0.38;
  constexpr double kStartDeg = 200, kEndDeg = -20;
  const double rx = seal.radius_x, ry = seal.radius_y;
  if (rx < 4 || ry < 4) return {};

  // The source: the red ink as dark-on-white when the seal is red (black text
  // under it then disappears), else the grey page.
  const cv::Rect roi = cv::Rect(static_cast<int>(seal.center.x - rx - 2),
                                static_cast<int>(seal.center.y - ry - 2),
                                static_cast<int>(2 * rx + 5), static_cast<int>(2 * ry + 5)) &
                       cv::Rect(0, 0, page.width(), page.height());
  if (roi.empty()) return {};
  cv::Mat source;
  const bool red = seal.color != "dark" && seal.color != "unknown";
  if (red && page.has_color() && page.color.channels() == 3 && ink == SealInk::kShape) {
    source = SealShapeImage(page.color(roi));
  } else if (red && page.has_color() && page.color.channels() == 3) {
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
    source = page.gray(roi).clone();
  }
  StretchInk(source);
  // Sampling a large seal straight down to the strip would alias its strokes, so
  // the source is first reduced to within 1.5x of the strip's scale.
  const double r = std::min(rx, ry);
  double f = 1.0;  // source pixels per page pixel
  if (kBandPx / (kBandDepth * r) < 0.5) {
    f = 1.5 * kBandPx / (kBandDepth * r);
    cv::resize(source, source, cv::Size(), f, f, cv::INTER_AREA);
  }
  const ArcFrame frame{rx * f, ry * f};
  const cv::Point2d center((seal.center.x - roi.x) * f, (seal.center.y - roi.y) * f);
  const double band_start = TextBandStart(source, frame, center,
                                          frame.ParamAt(kStartDeg) + 2 * kPi,
                                          frame.ParamAt(kEndDeg), r * f);
  const double band = kBandDepth * r * f;
  const auto [start_deg, end_deg] = TextArc(source, frame, center, band_start, band);
  // Ellipse parameters from start down to end, through the top (90°).
  double t0 = frame.ParamAt(start_deg);
  const double t1 = frame.ParamAt(end_deg);
  while (t0 <= t1) t0 += 2 * kPi;

  // Columns at equal steps of arc length along the band's middle.
  constexpr int kSteps = 1024;
  std::vector<double> length(kSteps + 1, 0);
  cv::Point2d prev = frame.At(t0, band_start + band / 2);
  for (int k = 1; k <= kSteps; ++k) {
    const cv::Point2d p = frame.At(t0 + (t1 - t0) * k / kSteps, band_start + band / 2);
    length[k] = length[k - 1] + std::hypot(p.x - prev.x, p.y - prev.y);
    prev = p;
  }
  const int width = std::max(1, static_cast<int>(std::lround(length.back() * kBandPx / band)));
  cv::Mat map_x(kBandPx, width, CV_32F), map_y(kBandPx, width, CV_32F);
  int k = 0;
  for (int u = 0; u < width; ++u) {
    const double target = (u + 0.5) / width * length.back();
    while (k + 1 < kSteps && length[k + 1] < target) ++k;
    const double within = (target - length[k]) / std::max(1e-9, length[k + 1] - length[k]);
    const double t = t0 + (t1 - t0) * (k + within) / kSteps;
    for (int v = 0; v < kBandPx; ++v) {
      const cv::Point2d p = center + frame.At(t, band_start + (v + 0.5) / kBandPx * band);
      map_x.at<float>(v, u) = static_cast<float>(p.x);
      map_y.at<float>(v, u) = static_cast<float>(p.y);
    }
  }
  cv::Mat strip;
  cv::remap(source, strip, map_x, map_y, cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(255));
  return strip;
}

}  // namespace shenbao::ocr
