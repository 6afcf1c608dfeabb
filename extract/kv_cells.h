#pragma once
// The cells of ruled key–value forms (申报表/申报书), merged cells resolved, in
// reading order over all pages of a document. Label cells are read once here;
// value cells are read by the caller with the OCR mode their field type wants.
#include <functional>
#include <string>
#include <vector>

#include "extract/form_template.h"
#include "extract/lexicon.h"
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
  bool read = false;     // OCR'd (narrow cells: labels and short values)
  bool deferred = false; // the value right of a label: left unread until a caller needs its text
  bool blank = true;     // no ink
  std::string text;      // first-pass text, whitespace removed
};

// Says whether a cell's first-pass text is one of the form's labels whose value
// sits to its right.
using IsLabel = std::function<bool(const std::string& text)>;

// Finds every ruled table on the pages (short rulings included), merges grid
// cells whose shared border is not printed, and reads the narrow cells. A cell
// just right of one `is_label` accepts holds that label's value, which its field
// reads later in the OCR mode its type wants: it is deferred, not read twice.
std::vector<KvCell> FindKvCells(const std::vector<AnalyzedPage>& pages, ocr::OcrEngine& engine,
                                const IsLabel& is_label = {});

// First-pass reading of one narrow cell (a deferred one, when its text is needed after all).
void ReadKvCell(KvCell& cell, ocr::OcrEngine& engine);

// Reads a cell as lines, each line on its own (paragraphs, signature blocks); with a
// `lexicon`, each line's `text` is corrected towards it (`raw` stays as read).
std::vector<TextLine> ReadCellLines(const KvCell& cell, ocr::OcrEngine& engine, const Lexicon* lexicon = nullptr);

// The first line of a （盖章） block's signature, given the line that holds 盖章: a
// long signing unit ("省、自治区、…工业和信息化主管" / "部门（盖章）：") wraps, and its
// first lines belong to the signature, not to the opinion above it. A line joins
// the signature while it sits as close to the next as the lines of one paragraph
// and does not end a sentence; the opinion is set off by white space or ends with
// 。. Lines top to bottom, page pixels.
int SignatureStart(const std::vector<TextLine>& lines, int seal_line);

// Two cells that share a grid row (either may span several).
bool SameRow(const KvCell& a, const KvCell& b);

// The cell that holds a label's value: the nearest one to its right in its row
// (kAuto, kRight) or, for kAuto without one and for kBelow, the one under it.
// -1 when there is none.
int ValueCell(const std::vector<KvCell>& cells, int label, ValueAt at);

// Rows after `value` that continue it: the same columns, nothing to their left
// (no new label), possibly on the next page's first table.
std::vector<int> Continuations(const std::vector<KvCell>& cells, int value);

}  // namespace shenbao::extract
