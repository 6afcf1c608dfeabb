#pragma once
// The ink of a crop of a page: a table cell's crop cleaned of its rulings, whether a
// crop is blank, the box of its ink and its groups of ink. Sizes are for ~300 dpi.
#include <vector>

#include <opencv2/core.hpp>

namespace shenbao::ocr {

// The cell's pixels with any ruling-line remnants along its border painted white.
cv::Mat CleanCellCrop(const cv::Mat& gray, const cv::Rect& cell);

// True when a crop holds no ink worth reading (blank cell), so OCR can be skipped.
bool IsBlank(const cv::Mat& gray_crop);

// Tight box around the ink of a crop, in crop coordinates; empty rect when blank.
cv::Rect InkBounds(const cv::Mat& gray_crop);

// Boxes around the groups of ink in a region (a band of a page outside its tables),
// top to bottom, in crop coordinates, each padded by `pad` px: ink blobs less than
// `max_gap` rows apart vertically share a group. Specks too small to read (less ink
// than IsBlank wants) form no group. Empty when the region is blank.
std::vector<cv::Rect> InkGroups(const cv::Mat& gray_crop, int max_gap, int pad);

}  // namespace shenbao::ocr
