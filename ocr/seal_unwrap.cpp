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
  // A second ring within 0.12 r: text is never as dark all round as a ring. Nor
  // is it as thin: where the ink's contrast is stretched (a faded seal) dense text
  // can come near a broken ring's darkness, but stays dark for a character's
  // height, a quarter of the radius, where an inner ring is 0.05 r at most.
  const int look = std::min<int>(profile.size(), i + static_cast<int>(0.12 * r / step));
  for (int j = i; j < look; ++j) {
    if (profile[j] >= 0.6 * level) {
      int end = j;
      while (end + 1 < static_cast<int>(profile.size()) && profile[end] > 0.5 * level) ++end;
      if ((end - j) * step <= 0.06 * r) i = end;
      break;
    }
  }
  return std::clamp(i * step + 0.02 * r, 0.04 * r, 0.25 * r);
}

// The arc the upper text occupies, as polar angles (degrees, counter-clockwise
// from the right). Seals are stamped turned by up to ~20°, so the text is first
// centred: the mean direction of the ink in the text band around the top. From
// there the text runs at least 95° each way (ink dropouts can leave gaps inside
// it) and ends at the first gap without ink wider than those between its
// characters (the gap before the bottom text or code is wider), at most 150° out.
std::pair<double, double> TextArc(const cv::Mat& source, const ArcFrame& frame,
                                  cv::Point2d center, double band_start, double band) {
  std::vector<bool> ink(360, false);
  for (int a = 0; a < 360; ++a) {
    const double t = frame.ParamAt(a);
    for (int i = 0; i < 12 && !ink[a]; ++i) {
      const cv::Point2d p = center + frame.At(t, band_start + (i + 0.5) / 12 * band);
      const int x = static_cast<int>(p.x), y = static_cast<int>(p.y);
      ink[a] = x >= 0 && y >= 0 && x < source.cols && y < source.rows &&
               source.at<uint8_t>(y, x) < 160;
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
  // A short name is spread out round the arc with wider gaps between its
  // characters than a long one: the gap that ends the text is wider than the
  // widest gap inside the sure part of it (by 2°), 7° to 12°.
  int widest = 0;
  for (int a = static_cast<int>(mid) - 95, run = 0; a <= static_cast<int>(mid) + 95; ++a) {
    run = inked(a) ? 0 : run + 1;
    widest = std::max(widest, run);
  }
  const int end_gap = std::clamp(widest + 2, 7, 12);
  auto walk = [&](int direction) {
    const int from = static_cast<int>(std::lround(mid));
    int last_ink = from + 95 * direction, empty = 0;
    for (int a = last_ink; std::abs(a - from) <= 150 && empty < end_gap; a += direction) {
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

// How strongly a pixel shows seal ink: red over the mean of green and blue (a
// faded seal is orange or pink, where red over the larger of the two is half as
// much), but no more than three times red's margin over either one, so yellow
// and violet marks count for little.
int InkRedness(const uint8_t* bgr) {
  const int over_b = bgr[2] - bgr[0], over_g = bgr[2] - bgr[1];
  return std::min((over_b + over_g) / 2, 3 * std::min(over_b, over_g));
}

// The crop's levels of InkRedness: `paper` where there is no ink (the median:
// ink covers a fifth of a seal's box at most) and `ink` in the well-inked strokes
// (the 97th percentile). A well-inked seal is mapped as by fixed levels (ink 15
// redder than the paper starts to show, 65 is black); a faded one, whose
// strokes are only 15-30 redder than the paper, by levels scaled down to its
// own ink, where the fixed ones would leave a few pale specks.
struct InkLevels {
  int paper = 0, ink = 0;
  bool Found() const { return ink - paper >= 8; }
  // How dark the seal's ink image is at a redness: 0 (paper) .. 1 (black).
  double Of(int redness) const {
    const double floor = paper + std::clamp(0.25 * (ink - paper), 4.0, 15.0);
    return std::clamp((redness - floor) / std::clamp(ink - floor, 4.0, 50.0), 0.0, 1.0);
  }
  // Whether a pixel is seal ink at all, 0..1: a lower bar than Of, so that the
  // soft edges of strokes count.
  double Reddish(int redness) const {
    const double floor = paper + std::clamp(0.2 * (ink - paper), 3.0, 8.0);
    return std::clamp((redness - floor) / std::clamp(0.5 * (ink - floor), 4.0, 20.0), 0.0, 1.0);
  }
};

InkLevels MeasureInkLevels(const cv::Mat& smooth_bgr) {
  int hist[256] = {0};
  for (int y = 0; y < smooth_bgr.rows; ++y) {
    const uint8_t* p = smooth_bgr.ptr<uint8_t>(y);
    for (int x = 0; x < smooth_bgr.cols; ++x, p += 3) ++hist[std::clamp(InkRedness(p), 0, 255)];
  }
  auto percentile = [&](double share) {
    const double target = share * smooth_bgr.total();
    double acc = 0;
    for (int v = 0; v < 256; ++v)
      if ((acc += hist[v]) >= target) return v;
    return 255;
  };
  return {percentile(0.5), percentile(0.97)};
}

// The seal's ink alone by its redness, dark on white (SealInk::kRedness): black
// print under the seal disappears. Clean where colour is sharp.
cv::Mat SealRednessImage(const cv::Mat& bgr) {
  cv::Mat smooth, fine;
  cv::blur(bgr, smooth, cv::Size(5, 5));
  cv::blur(bgr, fine, cv::Size(3, 3));  // JPEG's colour noise, not the strokes
  const InkLevels levels = MeasureInkLevels(smooth);
  cv::Mat out(bgr.size(), CV_8UC1, cv::Scalar(255));
  if (!levels.Found()) return out;
  for (int y = 0; y < bgr.rows; ++y) {
    const uint8_t* p = fine.ptr<uint8_t>(y);
    uint8_t* o = out.ptr<uint8_t>(y);
    for (int x = 0; x < bgr.cols; ++x, p += 3)
      o[x] = static_cast<uint8_t>(std::lround(255 * (1 - levels.Of(InkRedness(p)))));
  }
  return out;
}

// The seal's ink alone, dark on white, from a colour crop (SealInk::kShape). Where
// the ink is comes from colour (red, and not dark in the red channel as black print
// is), but the strokes' shape from the green channel: JPEG keeps colour at half
// resolution and compresses it hardest, so on a poor scan a redness image smears
// the characters, while green (which red ink absorbs) is as sharp as the scan's
// brightness. On a clean scan the redness image is the cleaner of the two. The
// green is scaled from the paper's to the seal's own darkest ink, so a faded seal
// (green only 20-40 below the paper) comes out as dark as a fresh one.
cv::Mat SealShapeImage(const cv::Mat& bgr) {
  cv::Mat smooth;
  cv::blur(bgr, smooth, cv::Size(5, 5));
  const InkLevels levels = MeasureInkLevels(smooth);
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
  cv::Mat out(bgr.size(), CV_8UC1, cv::Scalar(255));
  if (!levels.Found()) return out;
  // The seal's darkest green: low end of green where the ink is surely the seal's.
  int ink_hist[256] = {0}, inked = 0;
  for (int y = 0; y < bgr.rows; ++y) {
    const uint8_t* p = bgr.ptr<uint8_t>(y);
    const uint8_t* s = smooth.ptr<uint8_t>(y);
    for (int x = 0; x < bgr.cols; ++x, p += 3, s += 3)
      if (levels.Reddish(InkRedness(s)) >= 1 && p[2] >= 0.8 * paper_r) ++ink_hist[p[1]], ++inked;
  }
  int ink_g = 0;
  for (int acc = 0; ink_g < 255 && (acc += ink_hist[ink_g]) < inked / 20;) ++ink_g;
  const double span = std::max(15.0, std::min(paper_g - 80, 1.2 * (paper_g - ink_g)));
  for (int y = 0; y < bgr.rows; ++y) {
    const uint8_t* p = bgr.ptr<uint8_t>(y);
    const uint8_t* s = smooth.ptr<uint8_t>(y);
    uint8_t* o = out.ptr<uint8_t>(y);
    for (int x = 0; x < bgr.cols; ++x, p += 3, s += 3) {
      const double dark = std::clamp((paper_g - p[1]) / span, 0.0, 1.0);
      const double reddish = levels.Reddish(InkRedness(s));
      const double black = std::clamp((0.8 * paper_r - p[2]) / (0.2 * paper_r), 0.0, 1.0);
      o[x] = static_cast<uint8_t>(std::lround(255 * (1 - dark * reddish * (1 - black))));
    }
  }
  return out;
}

// Seal strokes crossed by black print, filled in. Where black text lies over the
// seal, its pixels are black, not red, so both seal-ink images have white gaps
// across the seal's strokes there (a seal over a line of text loses a band of
// every character in it). On print pixels only, a grey opening of the ink image
// (a dark-on-white image) closes gaps up to a print stroke wide between seal ink
// on both sides, and leaves print with no seal ink beside it white.
void FillUnderPrint(cv::Mat& source, const cv::Mat& bgr, double radius) {
  std::vector<cv::Mat> channels;
  cv::split(bgr, channels);
  int hist[256] = {0};
  for (int y = 0; y < bgr.rows; ++y) {
    const uint8_t* p = channels[2].ptr<uint8_t>(y);
    for (int x = 0; x < bgr.cols; ++x) ++hist[p[x]];
  }
  int paper_r = 255;  // bright end of red: paper and seal ink alike
  for (size_t acc = 0; paper_r > 0 && (acc += hist[paper_r]) < bgr.total() / 20;) --paper_r;
  cv::Mat print;
  cv::threshold(channels[2], print, 0.8 * std::max(paper_r, 100), 255, cv::THRESH_BINARY_INV);
  // Print strokes are ~1/30 of a seal's radius at any DPI (a 4 mm character's
  // stroke against a 20 mm radius), their anti-aliased edges a pixel more.
  const int k = std::max(3, static_cast<int>(radius / 30) + 2) | 1;
  const cv::Mat kernel = cv::getStructuringElement(cv::MORPH_RECT, cv::Size(k, k));
  cv::dilate(print, print, cv::Mat());
  cv::Mat opened;
  cv::morphologyEx(source, opened, cv::MORPH_OPEN, kernel);
  opened.copyTo(source, print);
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
    FillUnderPrint(source, page.color(roi), std::min(rx, ry));
  } else if (red && page.has_color() && page.color.channels() == 3) {
    source = SealRednessImage(page.color(roi));
    FillUnderPrint(source, page.color(roi), std::min(rx, ry));
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
