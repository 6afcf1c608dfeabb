// Ruled tables by line morphology.
//
// Rulings are what survives a morphological opening with a long thin kernel (text
// has no long straight runs); the union of horizontal and vertical rulings splits
// into one connected frame per table. Inside a frame, line positions come from
// clustering the rows (columns) that hold ruling pixels, so a line 1-5 px thick or
// drifting a few px across the table through residual skew is still one line.
#include "ocr/grid.h"
#include "ocr/grey_image.h"
#include "ocr/grey_levels.h"
#include "ocr/ink_components.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace shenbao::ocr {
namespace {

// Halves the page keeping each 2x2 block's darkest pixel, so a 1 px ruling stays
// as dark as it was (averaging would turn it light grey) at a quarter of the work.
cv::Mat MinPool2(const cv::Mat& gray) {
  cv::Mat out(gray.rows / 2, gray.cols / 2, CV_8UC1);
  for (int y = 0; y < out.rows; ++y) {
    const uint8_t* a = gray.ptr<uint8_t>(2 * y);
    const uint8_t* b = gray.ptr<uint8_t>(2 * y + 1);
    uint8_t* o = out.ptr<uint8_t>(y);
    for (int x = 0; x < out.cols; ++x) {
      o[x] = std::min(std::min(a[2 * x], a[2 * x + 1]), std::min(b[2 * x], b[2 * x + 1]));
    }
  }
  return out;
}

// Ink for line finding: darker than the neighbourhood and dark overall. The global
// cap keeps out what colour dropout leaves of a seal (light grey, ~200+).
cv::Mat LineInk(const cv::Mat& gray, int block) {
  cv::Mat local, dark;
  cv::adaptiveThreshold(gray, local, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY_INV, block,
                        15);
  cv::threshold(gray, dark, 180, 255, cv::THRESH_BINARY_INV);
  return local & dark;
}

// Long straight runs along one axis. Before opening, the mask is thickened by a
// pixel across the line direction (a line at 0.5° steps one row every ~115 px, and
// thickening joins the steps) and closed along it (JPEG and noise gaps of a few px).
cv::Mat LongRuns(const cv::Mat& ink, bool horizontal, int length) {
  const cv::Size across = horizontal ? cv::Size(1, 3) : cv::Size(3, 1);
  const cv::Size along_gap = horizontal ? cv::Size(5, 1) : cv::Size(1, 5);
  const cv::Size along = horizontal ? cv::Size(length, 1) : cv::Size(1, length);
  cv::Mat m;
  cv::dilate(ink, m, cv::getStructuringElement(cv::MORPH_RECT, across));
  cv::morphologyEx(m, m, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, along_gap));
  cv::morphologyEx(m, m, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, along));
  return m;
}

// A ruling found in the working (possibly halved) image.
struct Line {
  int pos = 0;          // centre across the line, working px
  int width = 1;        // extent across the line: thickness, skew drift, +2 px thickening
  int start = 0;        // first and last ruling pixel along the line, from the frame's
  int end = 0;          // edge; -1 for a closing ruling that is not printed
  double coverage = 0;  // share of the frame's extent the line covers
};

// The rulings in one table frame. `m` holds the frame's ruling pixels of one
// orientation, lines running along x (vertical rulings come transposed, so there
// is one code path); `offset` is the frame's position across the lines.
std::vector<Line> ClusterLines(const cv::Mat& m, int offset, int min_gap) {
  std::vector<int> count(m.rows, 0);
  for (int y = 0; y < m.rows; ++y) count[y] = cv::countNonZero(m.row(y));

  std::vector<Line> lines;
  int y = 0;
  while (y < m.rows) {
    if (count[y] == 0) {
      ++y;
      continue;
    }
    // A cluster is a run of rows holding ruling pixels, bridging 1-2 empty rows.
    int first = y, last = y, gap = 0;
    for (++y; y < m.rows && gap <= 2; ++y) {
      if (count[y] > 0) {
        last = y;
        gap = 0;
      } else {
        ++gap;
      }
    }
    y = last + 1;
    double weighted = 0, total = 0;
    for (int r = first; r <= last; ++r) {
      weighted += static_cast<double>(r) * count[r];
      total += count[r];
    }
    cv::Mat covered;
    cv::reduce(m.rowRange(first, last + 1), covered, 0, cv::REDUCE_MAX);
    std::vector<cv::Point> on;
    cv::findNonZero(covered, on);
    if (on.empty()) continue;
    Line line;
    line.pos = offset + static_cast<int>(std::lround(weighted / total));
    line.width = last - first + 1;
    line.start = on.front().x;
    line.end = on.back().x;
    line.coverage = static_cast<double>(on.size()) / m.cols;
    lines.push_back(line);
  }

  // Double rulings (a frame drawn twice a few px apart) are one line to a reader.
  std::vector<Line> merged;
  for (const Line& line : lines) {
    if (!merged.empty() && line.pos - merged.back().pos < min_gap) {
      Line& prev = merged.back();
      const int lo = std::min(prev.pos - prev.width / 2, line.pos - line.width / 2);
      const int hi = std::max(prev.pos + prev.width / 2, line.pos + line.width / 2);
      if (line.coverage > prev.coverage) {
        prev.start = line.start;
        prev.end = line.end;
        prev.coverage = line.coverage;
      }
      prev.pos = (lo + hi) / 2;
      prev.width = hi - lo + 1;
    } else {
      merged.push_back(line);
    }
  }
  return merged;
}

// Where most of the spanning perpendicular lines end: a table cut off by the page
// edge (or continuing from the previous page) has its verticals run past the last
// horizontal without a closing ruling; that end is where the table stops.
int MedianEnd(const std::vector<Line>& lines, bool at_start) {
  std::vector<int> ends;
  for (const Line& l : lines) {
    if (l.start >= 0) ends.push_back(at_start ? l.start : l.end);  // printed ones only
  }
  std::nth_element(ends.begin(), ends.begin() + ends.size() / 2, ends.end());
  return ends[ends.size() / 2];
}

// Adds a closing ruling on a side where the perpendicular rulings run on past the
// last parallel one. A closing ruling is nowhere printed: width 1, empty extent.
void CloseOpenSides(std::vector<Line>& lines, const std::vector<Line>& across, int offset,
                    int min_gap) {
  if (lines.empty() || across.size() < 2) return;
  Line closing;
  closing.start = closing.end = -1;
  closing.pos = offset + MedianEnd(across, true);
  if (lines.front().pos - closing.pos >= min_gap) lines.insert(lines.begin(), closing);
  closing.pos = offset + MedianEnd(across, false);
  if (closing.pos - lines.back().pos >= min_gap) lines.push_back(closing);
}

}  // namespace

cv::Rect TableGrid::Cell(int row, int col) const {
  if (row < 0 || col < 0 || row >= rows() || col >= cols()) return {};
  auto half = [](const std::vector<int>& widths, int i) {
    const int w = i < static_cast<int>(widths.size()) ? widths[i] : 1;
    return w / 2 + 1;
  };
  const int x0 = col_lines[col] + half(col_line_widths, col);
  const int x1 = col_lines[col + 1] - half(col_line_widths, col + 1);
  const int y0 = row_lines[row] + half(row_line_widths, row);
  const int y1 = row_lines[row + 1] - half(row_line_widths, row + 1);
  if (x1 <= x0 || y1 <= y0) return {};
  return {x0, y0, x1 - x0 + 1, y1 - y0 + 1};
}

std::vector<TableGrid> FindTableGrids(const cv::Mat& gray) {
  return FindTableGrids(gray, TableGridOptions{});
}

std::vector<TableGrid> FindTableGrids(const cv::Mat& gray_in, const TableGridOptions& options) {
  std::vector<TableGrid> tables;
  if (gray_in.empty()) return tables;
  // Pages over ~200 dpi are searched at half size (positions come back within a
  // pixel); the full page would cost four times as much for nothing.
  const int f = gray_in.cols > 1600 ? 2 : 1;
  const cv::Mat gray = f == 2 ? MinPool2(ToGray(gray_in)) : ToGray(gray_in);
  const int w = gray.cols, h = gray.rows;
  const cv::Mat ink = LineInk(gray, f == 2 ? 15 : 31);
  const int h_len = std::max(10, w / 25), v_len = std::max(10, h / 40);
  const cv::Mat horiz = LongRuns(ink, true, h_len);
  const cv::Mat vert = LongRuns(ink, false, v_len);
  // Smallest row height / column width worth a cell; closer rulings are one line.
  const int min_gap = std::max(5, std::min(w, h) / 120);
  auto to_page = [f](int pos) { return pos * f; };  // the block's first pixel: within 1 px

  cv::Mat frames = horiz | vert;
  cv::dilate(frames, frames, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(5, 5)));
  const MaskComponents found = FindMaskComponents(frames);
  std::vector<std::vector<const ComponentRun*>> runs_of(found.components.size());
  for (const ComponentRun& r : found.runs) runs_of[r.component].push_back(&r);
  for (size_t i = 0; i < found.components.size(); ++i) {
    const cv::Rect box = found.components[i].box;
    if (box.width < 2 * min_gap || box.height < 2 * min_gap) continue;
    // Only this frame's rulings: another table's lines may cross the box.
    cv::Mat own(box.size(), CV_8UC1, cv::Scalar(0));
    for (const ComponentRun* r : runs_of[i])
      own.row(r->y - box.y).colRange(r->first - box.x, r->last - box.x + 1).setTo(255);
    const cv::Mat h_runs = horiz(box) & own;
    const cv::Mat v_runs_t = (vert(box) & own).t();

    std::vector<Line> rows = ClusterLines(h_runs, box.y, min_gap);
    std::vector<Line> cols = ClusterLines(v_runs_t, box.x, min_gap);
    auto spans = [&](const Line& l) { return l.coverage >= options.min_span; };
    std::erase_if(rows, [&](const Line& l) { return !spans(l); });
    std::erase_if(cols, [&](const Line& l) { return !spans(l); });
    if (rows.empty() || cols.empty()) continue;

    CloseOpenSides(rows, cols, box.y, min_gap);
    CloseOpenSides(cols, rows, box.x, min_gap);
    if (static_cast<int>(rows.size()) - 1 < options.min_rows ||
        static_cast<int>(cols.size()) - 1 < options.min_cols) {
      continue;
    }
    // Smaller than two ruling kernels wide or one high: strokes of large text or
    // a checkbox, not a table.
    if (cols.back().pos - cols.front().pos < 2 * h_len ||
        rows.back().pos - rows.front().pos < v_len) {
      continue;
    }
    TableGrid grid;
    auto add = [&](const std::vector<Line>& lines, int along_offset, int limit,
                   std::vector<int>& positions, std::vector<int>& widths,
                   std::vector<cv::Range>& extents) {
      for (const Line& l : lines) {
        positions.push_back(std::min(to_page(l.pos), limit - 1));
        widths.push_back(l.width * f);
        extents.push_back(l.start < 0 ? cv::Range(0, 0)
                                      : cv::Range(to_page(along_offset + l.start),
                                                  to_page(along_offset + l.end) + f));
      }
    };
    add(rows, box.x, gray_in.rows, grid.row_lines, grid.row_line_widths, grid.row_line_extents);
    add(cols, box.y, gray_in.cols, grid.col_lines, grid.col_line_widths, grid.col_line_extents);
    grid.bbox = cv::Rect(cv::Point(grid.col_lines.front(), grid.row_lines.front()),
                         cv::Point(grid.col_lines.back() + 1, grid.row_lines.back() + 1));
    tables.push_back(std::move(grid));
  }
  // A grid inside another's frame is ruled text or a box drawn in a cell; the
  // caller reads it through the outer table's cell.
  std::vector<TableGrid> outer_tables;
  for (const TableGrid& t : tables) {
    const bool nested = std::any_of(tables.begin(), tables.end(), [&](const TableGrid& outer) {
      return outer.bbox.area() > t.bbox.area() &&
             (outer.bbox & t.bbox).area() >= 0.8 * t.bbox.area();
    });
    if (!nested) outer_tables.push_back(t);
  }
  tables = std::move(outer_tables);
  std::sort(tables.begin(), tables.end(), [](const TableGrid& a, const TableGrid& b) {
    return a.bbox.y != b.bbox.y ? a.bbox.y < b.bbox.y : a.bbox.x < b.bbox.x;
  });
  return tables;
}

}  // namespace shenbao::ocr
