#pragma once
// Splitting a small region (a table cell, a label's value) into its text lines
// by ink projection, so each line can be read in single-line mode: Tesseract's
// block mode misreads a wrapped cell whose second line is one or two characters.
#include <vector>

#include <opencv2/core.hpp>

namespace shenbao::ocr {

// Line boxes (full width of the crop, top to bottom) in crop coordinates. Strokes
// of one Chinese character (二, 三, 亖) that leave a gap are kept in one line.
std::vector<cv::Rect> SplitTextLines(const cv::Mat& gray_crop);

// The lines of a wrapped cell laid end to end as one line image, so the OCR reads
// the whole text in one pass with its context (a lone 厂 on a second line is
// otherwise often misread). Each line is trimmed to its ink left and right: Tesseract's
// raw-line mode reads wide white margins as characters.
cv::Mat JoinLinesIntoOne(const cv::Mat& gray_crop, const std::vector<cv::Rect>& lines);

// The columns [start, end) of a line band that hold ink under the band's own Otsu
// threshold, specks of a few pixels not counted; empty (start == end) when none.
// Lighter marks count than for InkBounds (grid.h), which wants components worth
// reading: the thin ring of a final 。 on a pale scan is ink here.
cv::Range InkColumns(const cv::Mat& gray_band);

// The ink of one line band (a crop of one text line), in band coordinates: the box
// of its ink worth reading (InkBounds, grid.h), run on to the end of lighter ink
// (InkColumns) within a character's width (the band's height) past it. A final 。
// on a pale scan is too light a ring to be worth reading alone and ends 0.6 of a
// character past the last one: cut at InkBounds and a margin, a line lost it
// (措施可行。 read 措施可行, held-out D hard-02). Empty when the band holds no ink.
cv::Rect LineInkBounds(const cv::Mat& gray_band);

// The height of the characters of one text line (a crop holding one line, either
// polarity), in rows: measured on the blobs about as tall as a character, so a rule
// under the line, a band of dark ground at the edge or a sliver of the next line do
// not count, as they do in the ink's bounding box. 0 when no blob looks like a
// character (a blank crop, only specks).
int CharacterHeight(const cv::Mat& gray_line);

// Horizontal bars that stand alone in a line crop, with no other ink above or below
// them: the stroke of 一, a dash, a minus sign (not a stroke of 二 or 三, which has
// another above or below it). Left to right, in crop coordinates.
std::vector<cv::Rect> LoneBars(const cv::Mat& gray_line);

}  // namespace shenbao::ocr
