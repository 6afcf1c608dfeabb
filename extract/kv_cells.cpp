#include "extract/kv_cells.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <numeric>

#include <opencv2/imgproc.hpp>

#include "extract/normalize.h"
#include "ocr/cell_ink.h"
#include "ocr/grid.h"
#include "ocr/text_lines.h"

namespace shenbao::extract {
namespace {

// Union–find over grid cells.
class Groups {
 public:
  explicit Groups(int n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }
  int Find(int i) { return parent_[i] == i ? i : parent_[i] = Find(parent_[i]); }
  void Join(int a, int b) { parent_[Find(a)] = Find(b); }

 private:
  std::vector<int> parent_;
};

// Whether the dark of a horizontal strip is one stroke, as a ruling's is: in each
// stretch of kStretch px some row is dark nearly all along (a slight skew moves the
// ruling a row or two over a page, not within a stretch). A line of dense Latin
// text (an e-mail address that fills its cell and runs on past the table) darkens
// nearly every column of its x-height band too, but with many short strokes: its
// best row per stretch is 0.5-0.6 dark, a scanned ruling's 0.8-1.0.
bool OneStroke(const cv::Mat& strip) {
  constexpr int kStretch = 40;
  constexpr double kStrokeShare = 0.7;
  if (strip.cols < kStretch) return true;  // too short to tell
  double sum = 0;
  int stretches = 0;
  for (int x = 0; x + kStretch <= strip.cols; x += kStretch, ++stretches) {
    int best = 0;
    for (int y = 0; y < strip.rows; ++y) {
      const uint8_t* row = strip.ptr<uint8_t>(y) + x;
      best = std::max(best, static_cast<int>(std::count_if(row, row + kStretch, [](uint8_t v) { return v < 140; })));
    }
    sum += static_cast<double>(best) / kStretch;
  }
  return sum / stretches >= kStrokeShare;
}

// Is a ruling printed along this segment? A ruling is dark along nearly all of
// it; text crossing where a ruling would be leaves gaps between its lines.
bool Printed(const cv::Mat& gray, bool vertical, int at, int width, int from, int to) {
  const int half = std::max(2, width / 2 + 2);
  const int pad = std::max(3, (to - from) / 10);
  from += pad;
  to -= pad;
  if (to - from < 4) return true;
  const cv::Rect strip = vertical ? cv::Rect(at - half, from, 2 * half + 1, to - from)
                                  : cv::Rect(from, at - half, to - from, 2 * half + 1);
  const cv::Rect clipped = strip & cv::Rect(0, 0, gray.cols, gray.rows);
  if (clipped.area() == 0) return false;
  const cv::Mat crop = gray(clipped);
  int dark = 0;
  const int n = vertical ? crop.rows : crop.cols;
  for (int i = 0; i < n; ++i) {
    double lo = 255;
    cv::minMaxLoc(vertical ? crop.row(i) : crop.col(i), &lo);
    if (lo < 140) ++dark;
  }
  if (dark < 0.85 * n) return false;
  return vertical || OneStroke(crop);
}

int WidthAt(const std::vector<int>& widths, size_t i) { return i < widths.size() ? widths[i] : 1; }

bool Overlap(int a0, int a1, int b0, int b1) { return a0 < b1 && b0 < a1; }

// How far the same ruling may sit on two pages: a scan's shift, skew and scale.
int Slack(const KvCell& c) { return std::max(8, static_cast<int>(c.table_width * 0.03)); }

// Cells of two grids (the next page's table, another table below) under the same
// rulings: grid indices differ between tables (the next page's table may print no
// column a person block needed), their x extents do not.
bool SameColumns(const KvCell& a, const KvCell& b) {
  const int slack = std::max(Slack(a), Slack(b));
  return std::abs(a.box.x - b.box.x) <= slack && std::abs(a.box.br().x - b.box.br().x) <= slack;
}

}  // namespace

std::vector<TextLine> ReadCellLines(const KvCell& cell, ocr::OcrEngine& engine, const Lexicon* lexicon) {
  std::vector<TextLine> out;
  const cv::Mat crop = ocr::CleanCellCrop(cell.page->ocr_gray, cell.box);
  if (ocr::IsBlank(crop)) return out;
  for (cv::Rect band : ocr::SplitTextLines(crop)) {
    // Only the line's ink and a small margin: a date at the right of a wide cell is
    // otherwise read with a page of white before it, which the line mode misreads.
    const cv::Rect ink = ocr::LineInkBounds(crop(band));
    if (ink.area() == 0) continue;
    const int margin = std::max(4, band.height / 4);
    band = cv::Rect(band.x + ink.x - margin, band.y, ink.width + 2 * margin, band.height) &
           cv::Rect(0, 0, crop.cols, crop.rows);
    const ocr::OcrText text = engine.Recognize(crop(band), ocr::TextKind::kLine);
    TextLine line;
    line.raw = text.Joined("");
    line.text = NormalizeText(CorrectedText(text, lexicon, engine, &line.corrections));
    if (line.text.empty()) continue;
    line.box = band + cell.box.tl();
    line.confidence = text.confidence;
    out.push_back(std::move(line));
  }
  return out;
}

int SignatureStart(const std::vector<TextLine>& lines, int seal_line) {
  if (seal_line <= 0 || seal_line >= static_cast<int>(lines.size())) return seal_line;
  int start = seal_line;
  while (start > 0) {
    const TextLine& above = lines[start - 1];
    const TextLine& below = lines[start];
    // Line boxes carry a margin of a sixth of their height each side: lines of one
    // paragraph touch or nearly, a blank line between them leaves a line's height.
    const int gap = below.box.y - above.box.br().y;
    const int height = std::max(above.box.height, below.box.height);
    if (gap > height / 2) break;
    const std::string text = RemoveWhitespace(above.text);
    bool sentence_end = false;
    for (const char* end : {"。", "！", "？", "；", ".", "!", "?", ";"})
      sentence_end = sentence_end || text.ends_with(end);
    if (sentence_end) break;
    --start;
  }
  return start;
}

void ReadKvCell(KvCell& cell, ocr::OcrEngine& engine) {
  cell.deferred = false;
  const cv::Mat crop = ocr::CleanCellCrop(cell.page->ocr_gray, cell.box);
  const cv::Rect ink = ocr::InkBounds(crop);
  const int margin = 6;
  const cv::Rect tight = cv::Rect(ink.x - margin, ink.y - margin, ink.width + 2 * margin, ink.height + 2 * margin) &
                         cv::Rect(0, 0, crop.cols, crop.rows);
  // The lines laid end to end and read as one: a label wraps in its narrow cell,
  // centred, and its short last line read alone with white on either side comes
  // back as noise ("省级人民政府推" + "荐意见" read "省级人民政府推2"). Each line is
  // first cut to its own ink, as in ReadCellLines: the short last line of a wrapped
  // label (系人 under 省级人民政府联) came with a cell's width of grainy paper, which
  // the line mode read as characters. Labels are matched tolerantly: no second
  // model's opinion (TextKind::kLabel).
  const cv::Mat inked = crop(tight);
  std::vector<cv::Rect> bands;
  for (cv::Rect band : ocr::SplitTextLines(inked)) {
    const cv::Rect line_ink = ocr::InkBounds(inked(band));
    if (line_ink.area() == 0) continue;
    const int line_margin = std::max(4, band.height / 4);
    bands.push_back(cv::Rect(band.x + line_ink.x - line_margin, band.y, line_ink.width + 2 * line_margin, band.height) &
                    cv::Rect(0, 0, inked.cols, inked.rows));
  }
  if (!bands.empty()) {
    const cv::Mat joined = ocr::JoinLinesIntoOne(inked, bands);
    cell.text = RemoveWhitespace(NormalizeText(engine.Recognize(joined, ocr::TextKind::kLabel).Joined("")));
  }
  cell.read = true;
}

std::vector<KvCell> FindKvCells(const std::vector<AnalyzedPage>& pages, ocr::OcrEngine& engine,
                                const IsLabel& is_label) {
  std::vector<KvCell> cells;
  ocr::TableGridOptions options;
  options.min_span = 0.0;  // key–value rows split differently: keep every ruling
  for (size_t p = 0; p < pages.size(); ++p) {
    const AnalyzedPage& page = pages[p];
    if (page.ocr_gray.empty()) continue;
    const std::vector<ocr::TableGrid> grids = ocr::FindTableGrids(page.ocr_gray, options);
    for (size_t t = 0; t < grids.size(); ++t) {
      const ocr::TableGrid& g = grids[t];
      const int rows = g.rows(), cols = g.cols();
      if (rows < 1 || cols < 1) continue;
      Groups groups(rows * cols);
      for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
          if (c + 1 < cols && !Printed(page.ocr_gray, true, g.col_lines[c + 1], WidthAt(g.col_line_widths, c + 1),
                                       g.row_lines[r], g.row_lines[r + 1]))
            groups.Join(r * cols + c, r * cols + c + 1);
          if (r + 1 < rows && !Printed(page.ocr_gray, false, g.row_lines[r + 1], WidthAt(g.row_line_widths, r + 1),
                                       g.col_lines[c], g.col_lines[c + 1]))
            groups.Join(r * cols + c, (r + 1) * cols + c);
        }
      std::vector<int> first_of(rows * cols, -1);
      std::vector<KvCell> table_cells;
      for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
          const int root = groups.Find(r * cols + c);
          const cv::Rect box = g.Cell(r, c);
          if (first_of[root] < 0) {
            first_of[root] = static_cast<int>(table_cells.size());
            KvCell cell;
            cell.page = &page;
            cell.page_index = static_cast<int>(p);
            cell.table = static_cast<int>(t);
            cell.row = r, cell.row_end = r + 1, cell.col = c, cell.col_end = c + 1;
            cell.box = box;
            cell.table_width = static_cast<float>(g.bbox.width);
            table_cells.push_back(cell);
          } else {
            KvCell& cell = table_cells[first_of[root]];
            cell.row_end = std::max(cell.row_end, r + 1);
            cell.col = std::min(cell.col, c);
            cell.col_end = std::max(cell.col_end, c + 1);
            cell.box |= box;
          }
        }
      cells.insert(cells.end(), table_cells.begin(), table_cells.end());
    }
  }
  // First pass: narrow cells (labels, short values), in reading order, so that a
  // cell's left neighbour has been read before it. Cells that start in the same
  // grid row follow each other left to right, so the left neighbour starting in
  // the row, if any, is the cell just before.
  for (size_t i = 0; i < cells.size(); ++i) {
    KvCell& cell = cells[i];
    const cv::Mat crop = ocr::CleanCellCrop(cell.page->ocr_gray, cell.box);
    cell.blank = crop.empty() || ocr::IsBlank(crop);
    if (cell.blank || cell.box.width > 0.45 * cell.table_width) continue;
    const KvCell* left = i > 0 ? &cells[i - 1] : nullptr;
    if (is_label && left && left->page == cell.page && left->table == cell.table && left->row == cell.row &&
        left->col_end == cell.col && left->read && is_label(left->text)) {
      cell.deferred = true;
      continue;
    }
    ReadKvCell(cell, engine);
  }
  // Reading order: page, table, row, column (kept from the grid walk).
  return cells;
}

bool SameRow(const KvCell& a, const KvCell& b) {
  return a.page == b.page && a.table == b.table && a.row < b.row_end && b.row < a.row_end;
}

int ValueCell(const std::vector<KvCell>& cells, int label, ValueAt at) {
  const KvCell& l = cells[label];
  if (at == ValueAt::kAuto || at == ValueAt::kRight) {
    int right = -1;
    for (size_t i = 0; i < cells.size(); ++i)
      if (SameRow(cells[i], l) && cells[i].col >= l.col_end && (right < 0 || cells[i].col < cells[right].col))
        right = static_cast<int>(i);
    if (right >= 0 || at == ValueAt::kRight) return right;
  }
  for (size_t i = 0; i < cells.size(); ++i)
    if (cells[i].page == l.page && cells[i].table == l.table && cells[i].row == l.row_end &&
        Overlap(cells[i].col, cells[i].col_end, l.col, l.col_end))
      return static_cast<int>(i);
  return -1;
}

std::vector<int> Continuations(const std::vector<KvCell>& cells, int value) {
  std::vector<int> out;
  const KvCell* last = &cells[value];
  for (size_t i = value + 1; i < cells.size(); ++i) {
    const KvCell& c = cells[i];
    const bool next_row = (c.page == last->page && c.table == last->table && c.row == last->row_end) ||
                          (c.page_index > last->page_index && c.row == 0) ||
                          (c.page == last->page && c.table > last->table && c.row == 0);
    if (!next_row) {
      if (c.page_index > last->page_index + 1) break;
      continue;
    }
    const bool same_grid = c.page == last->page && c.table == last->table;
    if (same_grid ? c.col < last->col : c.box.br().x <= last->box.x + Slack(*last)) {
      if (!c.blank) break;  // a new label starts a new field
      continue;
    }
    if (same_grid ? (c.col != last->col || c.col_end != last->col_end) : !SameColumns(c, *last)) break;
    out.push_back(static_cast<int>(i));
    last = &c;
  }
  return out;
}

}  // namespace shenbao::extract
