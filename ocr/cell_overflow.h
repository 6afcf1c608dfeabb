#pragma once
// Text longer than its box. An applicant types an e-mail address or a long company
// name into a narrow cell and it runs on across the cell's right rule; read inside
// the rule only, the value comes out cut short ("…@outlook.com" as "…@outlook.cc")
// and looks like a whole, valid value.
#include <opencv2/core.hpp>

namespace shenbao::ocr {

struct CellOverflow {
  cv::Rect region;        // the cell, widened when text runs on past its right edge
  int rule_x = -1;        // the rule the text crosses (page x), -1 when none
  int rule_width = 0;
};

// Where the text of `cell` really ends on the right. Text runs across when strokes
// cross the vertical rule at the cell's edge (ink touching it on both sides on the
// same rows); without a printed rule nothing is widened. The widening stops at the
// first gap wider than the text's spacing, at the next rule, and at most one cell
// width beyond the edge. `gray` is the page, dark ink on light.
CellOverflow FindTextOverflowRight(const cv::Mat& gray, const cv::Rect& cell);

// Takes the crossed rule out of `crop` (the page's pixels at `overflow.region`):
// on rows where a stroke runs on both sides of it the stroke is carried across,
// elsewhere the rule becomes paper. Does nothing when no rule was crossed.
void EraseCrossedRule(cv::Mat& crop, const CellOverflow& overflow);

}  // namespace shenbao::ocr
