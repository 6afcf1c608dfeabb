#pragma once
// Ruled tables: find the grid of ruling lines and cut it into cells.
#include <vector>

#include <opencv2/core.hpp>

namespace shenbao::ocr {

struct TableGrid {
  cv::Rect bbox;               // outer frame of the table, page pixels
  std::vector<int> row_lines;  // y of each horizontal ruling, top to bottom (rows + 1 of them)
  std::vector<int> col_lines;  // x of each vertical ruling, left to right (cols + 1 of them)
  // Extent of each ruling across its direction, px: its thickness plus what residual
  // skew makes it drift over the table. Parallel to row_lines / col_lines; Cell()
  // treats a missing entry as 1 px. A closing ruling added where a table runs off
  // the page (no line printed there) has width 1.
  std::vector<int> row_line_widths;
  std::vector<int> col_line_widths;
  // Where each ruling is printed along its length, first to last ruling pixel, page
  // px: x range for row lines, y range for column lines. Lets a caller that lowers
  // TableGridOptions::min_span (key-value forms, whose rows split differently) tell
  // a printed cell border from a grid line that does not reach that row.
  std::vector<cv::Range> row_line_extents;
  std::vector<cv::Range> col_line_extents;

  int rows() const { return row_lines.size() < 2 ? 0 : static_cast<int>(row_lines.size()) - 1; }
  int cols() const { return col_lines.size() < 2 ? 0 : static_cast<int>(col_lines.size()) - 1; }
  // Interior of cell (row, col) between its rulings, rulings excluded.
  cv::Rect Cell(int row, int col) const;
};

struct TableGridOptions {
  // A ruling counts as a grid line when it covers at least this fraction of its
  // table's width (height); shorter ones (a split inside one merged header cell)
  // are left inside their cell.
  double min_span = 0.5;
  int min_rows = 1;  // fewer rows or columns than this: not a table
  int min_cols = 1;
};

// Finds the ruled tables on a (deskewed) grey page, top to bottom. A table needs at
// least 2 rows and 2 columns of ruling. Line thickness and page DPI do not matter.
// Pass the colour-dropout grey (DropoutRedInk) when the page has colour: a red seal
// over a table is then gone instead of adding curved ink to the rulings. A table
// running off the page bottom (or top, left, right) without a closing ruling gets
// one where its perpendicular rulings end.
std::vector<TableGrid> FindTableGrids(const cv::Mat& gray);
std::vector<TableGrid> FindTableGrids(const cv::Mat& gray, const TableGridOptions& options);

}  // namespace shenbao::ocr
