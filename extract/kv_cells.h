#pragma once
// The cells of ruled key–value forms (申报表/申报书), merged cells resolved, in
// reading order over all pages of a document. Label cells are read once here;
// value cells are read by the caller with the OCR mode their field type wants.
#include <string>
#include <vector>

#include "extract/page_analysis.h"
#include "ocr/ocr_engine.h"

namespace shenbao::extract {

struct KvCell {
  const AnalyzedPage* page = nullptr;
  int page_index = 0;    // index into the document's pages
  int table = 0;         // index of the table on its page
  int row = 0, row_end = 0;   // grid rows [row, row_end)
  int col = 0, col_end = 0;   // grid columns [col, col_end)
  cv::Rect box;          // interior, page pixels
  float table_width = 0; // of the cell's table, px
  bool read = false;     // OCR'd in the first pass (narrow cells: labels and short values)
  bool blank = true;     // no ink
  std::string text;      // first-pass text, whitespace removed
};

// Finds every ruled table on the pages (short rulings included), merges grid
// cells whose shared border is not printed, and reads the narrow cells.
std::vector<KvCell> FindKvCells(const std::vector<AnalyzedPage>& pages, ocr::OcrEngine& engine);

// Reads a cell as lines, each line on its own (paragraphs, signature blocks).
std::vector<TextLine> ReadCellLines(const KvCell& cell, ocr::OcrEngine& engine);

}  // namespace shenbao::extract
