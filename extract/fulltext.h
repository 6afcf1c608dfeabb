#pragma once
// The full text of a page no template fits, for the `unmatched` record: whatever the
// page is (a scan, a screenshot, a photo of a sign, one line cut from a page), a
// person must be able to search and file it by its words.
#include <vector>

#include <opencv2/core.hpp>

#include "extract/page_analysis.h"
#include "ocr/ocr_engine.h"

namespace shenbao::extract {

// Black text on white with a white margin, the input Tesseract's layout analysis
// reads best: light text on a dark ground (a sign, a negative) is inverted, a grey or
// textured ground becomes white, and a crop whose text touches its edges gets room.
// `margin` receives the width of the margin added on each side.
cv::Mat CleanForFullText(const cv::Mat& gray, int* margin);

// The page's text lines in reading order. The lines page analysis read are kept when
// they read well; otherwise (and always for a small image: a screenshot, a crop, a
// photo) the cleaned page is read again, with automatic layout, as one block, and
// line by line, and the best reading is kept. On a small image a doubtful line is read
// at several sizes of its characters (measured on them, not on the line's ink, which
// on a sign or photo holds rules and ground too) and binarisations (one with the
// ground's texture and shading removed) and the readings vote per character. A dash
// pair the models read as 一一 is written as ——. Boxes are in page pixels.
std::vector<TextLine> ReadFullText(const AnalyzedPage& page, ocr::OcrEngine& engine);

}  // namespace shenbao::extract
