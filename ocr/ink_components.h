#pragma once
// 8-connected components of the dark pixels of a grey image, from runs of dark
// pixels: the box and pixel count of each, as cv::connectedComponentsWithStats
// gives them for a thresholded copy, without the copy, the label image or the
// per-pixel statistics. Crops and page strips are mostly paper, and OpenCV's
// labelling, which updates a component's statistics at every pixel (the paper's
// too), was the costliest image operation outside OCR: on the benchmark's 18
// pages the field reading outside OCR went from 1.54 to 0.63 s of CPU.
#include <algorithm>
#include <cstdint>
#include <vector>

#include <opencv2/core.hpp>

namespace shenbao::ocr {

struct DarkComponent {
  cv::Rect box;
  int area = 0;
};

// The components of the pixels of `gray` (8UC1) at or below `threshold` (what
// cv::threshold(..., THRESH_BINARY_INV) marks as ink), in the raster order of
// each component's first pixel.
std::vector<DarkComponent> DarkComponents(const cv::Mat& gray, int threshold);

// The same for the non-zero pixels of a mask (8UC1), with the runs that make up
// each component, for callers that paint some components out.
struct ComponentRun {
  int y = 0, first = 0, last = 0;  // columns first..last of row y, inclusive
  int component = 0;               // index into MaskComponents::components
};
struct MaskComponents {
  std::vector<DarkComponent> components;
  std::vector<ComponentRun> runs;
};
MaskComponents FindMaskComponents(const cv::Mat& mask);

// Sets the pixels of `image` (8UC1, the mask's size) under the components `paint`
// says yes to (by index) to `value`.
template <typename Pred>
void PaintComponents(cv::Mat& image, const MaskComponents& found, Pred paint, uint8_t value) {
  CV_Assert(image.type() == CV_8UC1);
  for (const ComponentRun& r : found.runs)
    if (paint(r.component)) std::fill(image.ptr<uint8_t>(r.y) + r.first, image.ptr<uint8_t>(r.y) + r.last + 1, value);
}

}  // namespace shenbao::ocr
