#include "ocr/ink_components.h"

#include <algorithm>
#include <cstdint>

#include <opencv2/core/hal/intrin.hpp>

namespace shenbao::ocr {
namespace {

int Root(std::vector<int>& parent, int i) {
  while (parent[i] != i) {
    parent[i] = parent[parent[i]];
    i = parent[i];
  }
  return i;
}

// The first column from `x` whose pixel is at or below `level`; `cols` when none.
int NextAtOrBelow(const uint8_t* p, int x, int cols, uint8_t level) {
#if CV_SIMD128
  const cv::v_uint8x16 limit = cv::v_setall_u8(level);
  for (; x + 16 <= cols; x += 16)
    if (cv::v_check_any(cv::v_load(p + x) <= limit)) break;
#endif
  while (x < cols && p[x] > level) ++x;
  return x;
}

// The first column from `x` whose pixel is above `level`; `cols` when none.
int NextAbove(const uint8_t* p, int x, int cols, uint8_t level) {
  while (x < cols && p[x] <= level) ++x;
  return x;
}

// Components of the pixels at or below `level` (with `invert`, above it), by
// union-find over runs: 8-connected, a run joins the runs of the row above that
// reach to within one column of either of its ends.
MaskComponents Label(const cv::Mat& image, uint8_t level, bool invert) {
  MaskComponents out;
  std::vector<ComponentRun>& runs = out.runs;
  std::vector<int> parent;
  size_t above_begin = 0, above_end = 0;  // the previous row's runs
  for (int y = 0; y < image.rows; ++y) {
    const uint8_t* p = image.ptr<uint8_t>(y);
    const size_t row_begin = runs.size();
    size_t j = above_begin;
    auto next_start = [&](int x) {
      return invert ? NextAbove(p, x, image.cols, level) : NextAtOrBelow(p, x, image.cols, level);
    };
    for (int x = next_start(0); x < image.cols; x = next_start(x)) {
      const int first = x;
      x = invert ? NextAtOrBelow(p, x, image.cols, level) : NextAbove(p, x, image.cols, level);
      const int last = x - 1;
      const int self = static_cast<int>(runs.size());
      runs.push_back({y, first, last, self});
      parent.push_back(self);
      while (j < above_end && runs[j].last < first - 1) ++j;
      for (size_t k = j; k < above_end && runs[k].first <= last + 1; ++k) {
        const int a = Root(parent, self), b = Root(parent, static_cast<int>(k));
        if (a != b) parent[std::max(a, b)] = std::min(a, b);  // the earlier run stays the root
      }
    }
    above_begin = row_begin;
    above_end = runs.size();
  }
  // One component per root, in the order of the roots (each component's first run).
  std::vector<int> slot(runs.size(), -1);
  for (size_t i = 0; i < runs.size(); ++i) {
    ComponentRun& r = runs[i];
    const int root = Root(parent, static_cast<int>(i));
    if (slot[root] < 0) {
      slot[root] = static_cast<int>(out.components.size());
      out.components.push_back({cv::Rect(r.first, r.y, r.last - r.first + 1, 1), 0});
    }
    r.component = slot[root];
    DarkComponent& c = out.components[r.component];
    const int x0 = std::min(c.box.x, r.first), x1 = std::max(c.box.x + c.box.width - 1, r.last);
    c.box = cv::Rect(x0, c.box.y, x1 - x0 + 1, r.y - c.box.y + 1);
    c.area += r.last - r.first + 1;
  }
  return out;
}

}  // namespace

std::vector<DarkComponent> DarkComponents(const cv::Mat& gray, int threshold) {
  CV_Assert(gray.empty() || gray.type() == CV_8UC1);
  if (gray.empty() || threshold < 0) return {};
  return Label(gray, static_cast<uint8_t>(std::min(threshold, 255)), false).components;
}

MaskComponents FindMaskComponents(const cv::Mat& mask) {
  CV_Assert(mask.empty() || mask.type() == CV_8UC1);
  return Label(mask, 0, true);
}

}  // namespace shenbao::ocr
