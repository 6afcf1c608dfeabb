#pragma once
// A reading checked against the image it came from. The Chinese models append a
// mark after the last character of a line whose ink fills its crop ("…材料，并"
// read "…材料，并，", "工信厅信" read "工信厅信，"): a comma with no ink of its own.
#include <opencv2/core.hpp>

#include "ocr/ocr_engine.h"

namespace shenbao::ocr {

// True when the ink of `image` (dark on light; `rows` the line's own rows) ends in a
// small mark (，。、 and the like): every piece of ink reaching into the last
// quarter of a character's width at its right end is small, about a third of the
// line's height or less. A character ends in a larger piece (a few, like 一, may
// not, and count as a mark: in doubt a mark read is kept).
bool InkEndsInMark(const cv::Mat& image, const cv::Range& rows);

// Drops the last symbol of `line` (and from its last word) when it is a small mark
// (，。、,.) and the image's ink does not end in one. `image` is what was read, in the
// coordinates of the line's box.
void DropInklessTrailingMark(OcrLine& line, const cv::Mat& image);

}  // namespace shenbao::ocr
