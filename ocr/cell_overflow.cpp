#include "ocr/cell_overflow.h"

#include <algorithm>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace shenbao::ocr {
namespace {

// Columns [first, last] of `mask` holding any ink, or {-1, -1}.
std::pair<int, int> InkColumns(const cv::Mat& mask, int from, int to) {
  int first = -1, last = -1;
  for (int x = std::max(0, from); x < std::min(mask.cols, to); ++x) {
    if (cv::countNonZero(mask.col(x)) == 0) continue;
    if (first < 0) first = x;
    last = x;
  }
  return {first, last};
}

// Height of the text just left of the edge: the rows holding ink in a window about
// as wide as the cell is tall. Spacing and padding are judged against it.
int TextHeightNear(const cv::Mat& text, int edge, int window) {
  const cv::Mat left = text.colRange(std::max(0, edge - window), edge);
  int top = -1, bottom = -1;
  for (int y = 0; y < left.rows; ++y) {
    if (cv::countNonZero(left.row(y)) == 0) continue;
    if (top < 0) top = y;
    bottom = y;
  }
  return top < 0 ? 0 : bottom - top + 1;
}

// Rows [top, bottom] of `mask` holding ink in columns [from, to), or {-1, -1}.
std::pair<int, int> InkRows(const cv::Mat& mask, int from, int to) {
  from = std::max(0, from), to = std::min(mask.cols, to);
  int top = -1, bottom = -1;
  if (from >= to) return {top, bottom};
  for (int y = 0; y < mask.rows; ++y) {
    if (cv::countNonZero(mask.row(y).colRange(from, to)) == 0) continue;
    if (top < 0) top = y;
    bottom = y;
  }
  return {top, bottom};
}

// Whether the rule at page columns [inner, outer) is the table's outer right border:
// the cell's top and bottom rules run up to it from the left and stop there.
bool IsOuterBorder(const cv::Mat& gray, const cv::Rect& cell, int inner, int outer, int slack) {
  const cv::Rect page(0, 0, gray.cols, gray.rows);
  const int span = std::max(30, cell.height * 3);
  const cv::Rect strip = cv::Rect(inner - span, cell.y - slack, outer - inner + 2 * span, cell.height + 2 * slack) & page;
  if (strip.width < span || strip.height < cell.height) return false;
  cv::Mat ink, horizontal;
  cv::threshold(gray(strip), ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  cv::morphologyEx(ink, horizontal, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, {span / 2, 1}));
  const int in = inner - strip.x, out = outer - strip.x;
  const int left = cv::countNonZero(horizontal.colRange(std::max(0, in - span / 2), std::max(0, in - 4)));
  const int right = cv::countNonZero(horizontal.colRange(std::min(strip.width, out + 4), std::min(strip.width, out + span / 2)));
  return left > 0 && right == 0;
}

}  // namespace

CellOverflow FindTextOverflowRight(const cv::Mat& gray, const cv::Rect& cell_in) {
  const cv::Rect page(0, 0, gray.cols, gray.rows);
  CellOverflow out;
  out.region = cell_in & page;
  const cv::Rect& cell = out.region;
  const int reach = std::min(page.width - cell.br().x, cell.width);
  if (gray.type() != CV_8UC1 || cell.width < 16 || cell.height < 12 || reach < 16) return out;
  const cv::Rect probe(cell.x, cell.y, cell.width + reach, cell.height);
  cv::Mat ink;
  cv::threshold(gray(probe), ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  if (cv::countNonZero(ink) > static_cast<int>(ink.total() * 2 / 5)) return out;  // no paper to speak of
  // Rules: vertical runs of most of the cell's height (taller than any character
  // in it), horizontal runs of several characters' length.
  cv::Mat vertical, horizontal;
  cv::morphologyEx(ink, vertical, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_RECT, {1, std::max(8, cell.height * 7 / 10)}));
  cv::morphologyEx(ink, horizontal, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_RECT, {std::max(30, cell.height * 3), 1}));
  // A scanned rule's blurred edges survive the opening as slivers along both its
  // sides, which would look like strokes crossing it: take two pixels each side too.
  cv::dilate(vertical, vertical, cv::getStructuringElement(cv::MORPH_RECT, {5, 1}));
  const cv::Mat text = ink & ~(vertical | horizontal);
  const int edge = cell.width;
  const int line = TextHeightNear(text, edge, cell.height);
  if (line < 6) return out;
  // Text that runs on resumes within a quarter of a character past the rule; the
  // next cell's own text begins after a good part of one (its padding).
  const int near = std::max(3, line / 4);
  // The rule at the edge: cell boxes sit a few pixels inside their rules, more on
  // a page whose rules are thick or slightly skewed.
  const int slack = std::clamp(cell.height / 4, 8, 24);
  const auto [rule_first, rule_last] = InkColumns(vertical, edge - slack, edge + slack);
  if (rule_first < 0) return out;
  const int inner = rule_first, outer = rule_last + 1;  // the rule is [inner, outer)
  // Only strokes that cross the rule count (ink touching it on both sides on the
  // same rows): text that merely ends near it, and the next cell's text that
  // begins near it, do not. Without a printed rule there is no telling a value
  // that runs on from the next label on the line, so nothing is widened.
  constexpr int kTouch = 4;
  int crossing_rows = 0;
  for (int y = 0; y < text.rows; ++y) {
    const cv::Mat row = text.row(y);
    if (cv::countNonZero(row.colRange(std::max(0, inner - kTouch), inner)) > 0 &&
        cv::countNonZero(row.colRange(outer, std::min(text.cols, outer + kTouch))) > 0)
      ++crossing_rows;
  }
  // A stroke is a few rows thick, and a character crossing the rule has several.
  bool runs_on = crossing_rows >= std::max(3, line / 8);
  // Past the table's outer border there is no next cell whose text could begin near
  // the rule: text on both sides of it, each within a quarter character and sharing
  // a third of the line's height (x-height letters: "c" and "o"), runs on even
  // where the rule falls between two letters and touches neither (".c|om").
  if (!runs_on) {
    const auto [left_top, left_bottom] = InkRows(text, inner - near, inner);
    const auto [right_top, right_bottom] = InkRows(text, outer, outer + near);
    const int shared = std::min(left_bottom, right_bottom) - std::max(left_top, right_top) + 1;
    runs_on = left_top >= 0 && right_top >= 0 && shared >= std::max(3, line / 3) &&
              IsOuterBorder(gray, cell, cell.x + inner, cell.x + outer, slack);
  }
  if (!runs_on) return out;
  const auto [right_first, right_last] = InkColumns(text, outer, outer + near);
  if (right_first < 0) return out;
  // Past the rule: ink columns up to the first gap wider than the text's own
  // spacing, or the next rule.
  const int widest_gap = std::max(4, line * 4 / 5);
  int last_ink = right_last;
  for (int x = right_first; x < probe.width; ++x) {
    if (cv::countNonZero(vertical.col(x)) > 0) break;
    if (cv::countNonZero(text.col(x)) > 0) last_ink = x;
    else if (x - last_ink > widest_gap) break;
  }
  const int margin = 4;
  out.region = cv::Rect(cell.x, cell.y, std::min(probe.width, last_ink + 1 + margin), cell.height);
  out.rule_x = cell.x + rule_first;
  out.rule_width = rule_last - rule_first + 1;
  return out;
}

void EraseCrossedRule(cv::Mat& crop, const CellOverflow& overflow) {
  if (overflow.rule_x < 0 || crop.type() != CV_8UC1) return;
  const int x0 = overflow.rule_x - overflow.region.x, x1 = x0 + overflow.rule_width;  // [x0, x1)
  if (x0 < 1 || x1 >= crop.cols) return;
  cv::Mat ink;
  const double level = cv::threshold(crop, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  for (int y = 0; y < crop.rows; ++y) {
    uint8_t* row = crop.ptr<uint8_t>(y);
    const uint8_t left = row[x0 - 1], right = row[x1];
    // A stroke on both sides at this row is carried across the rule; else paper.
    const bool stroke = left < level && right < level;
    const uint8_t fill = stroke ? std::max(left, right) : 255;
    for (int x = x0; x < x1; ++x) row[x] = fill;
  }
}

}  // namespace shenbao::ocr
