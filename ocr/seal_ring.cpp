// Ring measures for seal candidates, and the ring search on greyscale pages.
#include "ocr/seal_ring.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace shenbao::ocr {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr int kSectors = 72;

double Clamp01(double v) { return std::clamp(v, 0.0, 1.0); }

// std::lround without the library call (the ring search rounds ~20 million sample
// positions a page): the same result for every value a pixel position can take.
inline int RoundHalfAway(double v) {
  const long t = static_cast<long>(v);  // towards zero, exactly
  const double f = v - static_cast<double>(t);  // exact
  return static_cast<int>(f >= 0.5 ? t + 1 : f <= -0.5 ? t - 1 : t);
}

// The unit vectors CircleCoverage samples along, per number of samples in a
// sector: the ring search measures thousands of circles of a few radii, and the
// sines and cosines were most of its cost. Each is computed as it was, from the
// same angle, so the samples land on the same pixels.
class CircleSamples {
 public:
  explicit CircleSamples(int sectors) : sectors_(sectors) {}
  int sectors() const { return sectors_; }

  // (cos, sin) of sample k of sector s, at index s * per_sector + k.
  const std::vector<cv::Point2d>& Directions(int per_sector) {
    if (per_sector >= static_cast<int>(by_count_.size())) by_count_.resize(per_sector + 1);
    std::vector<cv::Point2d>& dirs = by_count_[per_sector];
    if (dirs.empty()) {
      dirs.reserve(static_cast<size_t>(sectors_) * per_sector);
      for (int s = 0; s < sectors_; ++s)
        for (int k = 0; k < per_sector; ++k) {
          const double phi = 2 * kPi * (s + (k + 0.5) / per_sector) / sectors_;
          dirs.emplace_back(std::cos(phi), std::sin(phi));
        }
    }
    return dirs;
  }

 private:
  int sectors_;
  std::vector<std::vector<cv::Point2d>> by_count_;
};

// Share of the angle sectors of the circle (cx, cy, r) that have ink within ±1 px
// of it: ring continuity, at the ring's own radius.
double CircleCoverage(const cv::Mat& ink, double cx, double cy, double r, CircleSamples& samples) {
  const int sectors = samples.sectors();
  const int samples_per_sector = std::max(2, static_cast<int>(2 * kPi * r / sectors / 1.5));
  const std::vector<cv::Point2d>& dirs = samples.Directions(samples_per_sector);
  int covered = 0;
  for (int s = 0; s < sectors; ++s) {
    bool hit = false;
    const cv::Point2d* dir = &dirs[static_cast<size_t>(s) * samples_per_sector];
    for (int k = 0; k < samples_per_sector && !hit; ++k) {
      for (double dr = -1; dr <= 1 && !hit; dr += 1) {
        const int x = RoundHalfAway(cx + (r + dr) * dir[k].x);
        const int y = RoundHalfAway(cy + (r + dr) * dir[k].y);
        hit = x >= 0 && y >= 0 && x < ink.cols && y < ink.rows && ink.at<uint8_t>(y, x);
      }
    }
    covered += hit;
  }
  return static_cast<double>(covered) / sectors;
}

}  // namespace

RingMeasures MeasureRing(const cv::Mat& ink, const cv::RotatedRect& e,
                         const std::vector<cv::Point>& outer_contour) {
  RingMeasures m;
  const double a = e.size.width / 2, b = e.size.height / 2;
  if (a < 3 || b < 3) return m;
  const double c = std::cos(e.angle * kPi / 180), s = std::sin(e.angle * kPi / 180);
  auto rho_of = [&](double dx, double dy, double* angle) {
    const double u = (dx * c + dy * s) / a, v = (-dx * s + dy * c) / b;
    if (angle) *angle = std::atan2(v, u);
    return std::sqrt(u * u + v * v);
  };

  const double reach = 1.35 * std::max(a, b);
  const cv::Rect roi = cv::Rect(static_cast<int>(e.center.x - reach), static_cast<int>(e.center.y - reach),
                                static_cast<int>(2 * reach + 2), static_cast<int>(2 * reach + 2)) &
                       cv::Rect(0, 0, ink.cols, ink.rows);
  if (roi.empty()) return m;
  double inner_area = 0, inner_ink = 0, ring_area = 0, ring_ink = 0, inside_ink = 0;
  double outer_area = 0, outer_ink = 0;
  bool sector[kSectors] = {false};
  double outermost[kSectors] = {0};
  for (int y = roi.y; y < roi.br().y; ++y) {
    const uint8_t* p = ink.ptr<uint8_t>(y);
    for (int x = roi.x; x < roi.br().x; ++x) {
      const bool on = p[x] != 0;
      double angle = 0;
      const double rho = rho_of(x - e.center.x, y - e.center.y, on ? &angle : nullptr);
      if (rho < 0.75) {
        ++inner_area;
        inner_ink += on;
      } else if (rho >= 1.12 && rho <= 1.35) {
        ++outer_area;
        outer_ink += on;
      } else if (rho >= 0.80 && rho < 1.10) {
        ++ring_area;
      }
      if (!on) continue;
      if (rho <= 1.35) {
        const int k = static_cast<int>((angle + kPi) / (2 * kPi) * kSectors);
        double& out = outermost[std::clamp(k, 0, kSectors - 1)];
        out = std::max(out, rho);
      }
      if (rho < 1.10) ++inside_ink;
      if (rho >= 0.80 && rho < 1.10) {
        ++ring_ink;
        const int k = static_cast<int>((angle + kPi) / (2 * kPi) * kSectors);
        sector[std::clamp(k, 0, kSectors - 1)] = true;
      }
    }
  }
  if (inside_ink == 0) return m;
  m.valid = true;
  m.coverage = static_cast<double>(std::count(sector, sector + kSectors, true)) / kSectors;
  m.ring_share = ring_ink / inside_ink;
  m.inner_fill = inner_area > 0 ? inner_ink / inner_area : 0;
  m.outer_fill = outer_area > 0 ? outer_ink / outer_area : 0;
  m.ring_fill = ring_area > 0 ? ring_ink / ring_area : 0;
  m.outline_fit = static_cast<double>(std::count_if(outermost, outermost + kSectors,
                                                    [](double r) { return r >= 0.9 && r <= 1.1; })) /
                  kSectors;
  if (!outer_contour.empty()) {
    double dev = 0, off = 0;
    for (const cv::Point& p : outer_contour) {
      const double d = std::abs(rho_of(p.x - e.center.x, p.y - e.center.y, nullptr) - 1);
      dev += d;
      off += d > 0.1;
    }
    m.contour_dev = dev / outer_contour.size();
    m.contour_off = off / outer_contour.size();
  }
  return m;
}

bool LooksLikeSealRing(const RingMeasures& m) {
  // The outline must follow the ellipse: either the blob's contour does (it may
  // leave it where the ring has a gap, running in along the ring's inner edge, so
  // some off points are allowed), or, when dropouts break the ring in several
  // places, the outermost ink in most directions does. Text and figures fail
  // both (contour off the ellipse at 0.5 and more of its points, outline ~0.6).
  const bool outline = (m.contour_dev <= 0.1 && m.contour_off <= 0.35) || m.outline_fit >= 0.8;
  return m.valid && outline && m.coverage >= 0.7 && m.inner_fill <= 0.6 && m.ring_share >= 0.2;
}

double RingConfidence(const RingMeasures& m) {
  const double round = std::max(Clamp01(1 - m.contour_dev / 0.12), Clamp01((m.outline_fit - 0.6) / 0.4));
  const double continuity = Clamp01((m.coverage - 0.6) / 0.35);
  const double share = Clamp01((m.ring_share - 0.15) / 0.35);
  const double clutter = Clamp01(1 - m.outer_fill / 0.3);
  // A 1.2 mm ring with its text fills ~0.2-0.4 of the band; a faint or broken
  // print much less.
  const double amount = Clamp01(m.ring_fill / 0.25);
  return 0.25 * round + 0.25 * continuity + 0.2 * share + 0.15 * clutter + 0.15 * amount;
}

std::vector<SealCandidate> FindRingSeals(const cv::Mat& gray, const SealSizeRange& range,
                                         double max_aspect) {
  std::vector<SealCandidate> seals;
  if (gray.empty() || range.min_px <= 0) return seals;
  // Reduce by a whole factor so the smallest seal is 70-140 px across: rings stay
  // a couple of px thick, text inside blurs, and the Hough transform is quick.
  const int factor = std::max(1, static_cast<int>(range.min_px / 70));
  const double scale = 1.0 / factor;
  cv::Mat small;
  if (factor > 1) {
    // Cropped to whole blocks: OpenCV's fast block averaging needs an exact factor.
    const cv::Size size(gray.cols / factor, gray.rows / factor);
    cv::resize(gray(cv::Rect(0, 0, size.width * factor, size.height * factor)), small, size, 0, 0,
               cv::INTER_AREA);
  } else {
    small = gray;
  }
  cv::Mat ink, dark;
  cv::adaptiveThreshold(small, ink, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY_INV, 15, 12);
  cv::threshold(small, dark, 200, 255, cv::THRESH_BINARY_INV);
  ink &= dark;

  const int min_r = std::max(5, static_cast<int>(range.min_px * scale / (2 * max_aspect)));
  const int max_r = std::max(min_r + 1, static_cast<int>(std::ceil(range.max_px * scale / 2)));
  cv::Mat blurred;
  cv::GaussianBlur(small, blurred, cv::Size(5, 5), 1.2);
  // The ALT variant scores how complete each circle's edge is, so a page of text
  // yields a handful of candidates instead of hundreds (and 40x faster).
  std::vector<cv::Vec3f> circles;
  cv::HoughCircles(blurred, circles, cv::HOUGH_GRADIENT_ALT, 1.5, min_r, 300, 0.6, min_r, max_r);
  if (circles.size() > 60) circles.resize(60);

  CircleSamples samples(120);
  for (const cv::Vec3f& circle : circles) {
    // Hough radii and centres are a few px off (most where a second ring crosses
    // this one and pulls the votes); take the circle nearby where the ring is most
    // closed. A centre 4 px off at this scale left an overlapped seal's ring at 70%.
    // Of circles as closed, the one nearest Hough's (a thick ring is closed for
    // several centres).
    double cx = circle[0], cy = circle[1], best_r = circle[2], best_cov = 0;
    int best_shift = 0;
    constexpr int kCentreSearch = 4;
    for (int dy = -kCentreSearch; dy <= kCentreSearch; ++dy) {
      for (int dx = -kCentreSearch; dx <= kCentreSearch; ++dx) {
        const int shift = dx * dx + dy * dy;
        for (double r = 0.92 * circle[2]; r <= 1.08 * circle[2]; r += 0.5) {
          const double cov = CircleCoverage(ink, circle[0] + dx, circle[1] + dy, r, samples);
          if (cov > best_cov + 1e-9 || (cov > best_cov - 1e-9 && shift < best_shift)) {
            best_shift = shift;
            best_cov = cov;
            best_r = r;
            cx = circle[0] + dx;
            cy = circle[1] + dy;
          }
        }
      }
    }
    if (best_cov < 0.85) continue;
    // Text behind a seal closes many sectors of any circle; the ring must stand out.
    const double outside_cov = CircleCoverage(ink, cx, cy, 1.2 * best_r, samples);
    if (best_cov - outside_cov < 0.3) continue;
    const cv::RotatedRect e(cv::Point2f(static_cast<float>(cx), static_cast<float>(cy)),
                            cv::Size2f(static_cast<float>(2 * best_r), static_cast<float>(2 * best_r)), 0);
    // Fill is judged on plain darkness: inside a solid disc the local threshold
    // sees no ink, only at its edge.
    const RingMeasures m = MeasureRing(dark, e, {});
    if (!m.valid || m.inner_fill > 0.5 || m.outer_fill > 0.3) continue;

    SealCandidate seal;
    const double r = best_r / scale;
    seal.center = cv::Point2f(static_cast<float>((cx + 0.5) / scale - 0.5),
                              static_cast<float>((cy + 0.5) / scale - 0.5));
    seal.radius_x = seal.radius_y = static_cast<float>(r);
    seal.bbox = cv::Rect(static_cast<int>(seal.center.x - r), static_cast<int>(seal.center.y - r),
                         static_cast<int>(2 * r + 1), static_cast<int>(2 * r + 1)) &
                cv::Rect(0, 0, gray.cols, gray.rows);
    const double closed = Clamp01((best_cov - 0.85) / 0.15);
    const double stands_out = Clamp01((best_cov - outside_cov - 0.3) / 0.5);
    // Without colour a ring could also be a stamp-like logo or a drawn circle.
    seal.confidence = 0.6 * (0.4 + 0.3 * closed + 0.3 * stands_out);
    seal.color = "unknown";
    seals.push_back(seal);
  }
  return seals;
}

}  // namespace shenbao::ocr
