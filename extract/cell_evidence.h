#pragma once
// Evidence about a table cell beyond its own reading: the glyph of a dash, the row
// order of a 序号 column. Each change keeps the text as read, is recorded as a
// correction, and leaves the value below the trust threshold, so a person checks it.
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "extract/record.h"

namespace shenbao::extract {

// A dash pair (——) is printed as one bar two characters long, which OCR reads as a
// single 一 or — (网络类——标识解析… read 网络类—…), or as marks of different kinds
// (-一-). The glyph says which was printed, as RestoreDashes does for full text
// (extract/fulltext.cpp): a text value `f` with one dash run, read from `cell` of
// `ocr_gray`, whose bars standing alone make one dash pair (a bar at least 1.5
// characters long, or two short bars close together), had ——.
void RestoreDashPair(const cv::Mat& ocr_gray, const cv::Rect& cell, FieldResult& f);

// 序号 count 1, 2, 3 … down a table (`rows`, the ints of column `column`). A number
// that breaks the count where its neighbours agree on what it should be (the first
// row: 1, with 2 below it), and that the OCR itself weighed reading as that number
// (each differing digit among its runner-ups, FieldResult::runner_ups: a lone 1 read
// 4 by the Latin model, 1 its runner-up), is read as that number, at a confidence
// under the trust threshold.
void ReadSequenceByRowOrder(const std::string& column, std::vector<FieldMap>& rows);

}  // namespace shenbao::extract
