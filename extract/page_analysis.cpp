#include "extract/page_analysis.h"

#include <algorithm>

#include <opencv2/imgproc.hpp>
#include <spdlog/spdlog.h>

#include "extract/normalize.h"
#include "ocr/cleanup.h"
#include "ocr/cell_ink.h"
#include "ocr/grid.h"
#include "ocr/orientation.h"
#include "ocr/stage_clock.h"
#include "ocr/text_lines.h"

namespace shenbao::extract {

void AnalyzedPage::ReleasePixels() {
  image.color.release();
  image.gray.release();
  ocr_gray.release();
}

std::vector<TextLine> ReadLines(const cv::Mat& ocr_gray, const cv::Rect& region_in, ocr::OcrEngine& engine,
                                ocr::TextKind kind) {
  std::vector<TextLine> lines;
  const cv::Rect region = region_in & cv::Rect(0, 0, ocr_gray.cols, ocr_gray.rows);
  if (region.width < 8 || region.height < 8) return lines;
  const cv::Mat crop = ocr_gray(region);
  if (ocr::IsBlank(crop)) return lines;
  const ocr::OcrText text = engine.Recognize(crop, kind);
  for (const ocr::OcrLine& l : text.lines) {
    TextLine line;
    line.raw = l.text;
    line.text = NormalizeText(l.text);
    if (line.text.empty()) continue;
    line.box = l.box + region.tl();
    line.confidence = l.confidence;
    line.symbols = l.symbols;
    for (ocr::OcrSymbol& symbol : line.symbols)
      if (symbol.box.area() > 0) symbol.box += region.tl();
    lines.push_back(std::move(line));
  }
  return lines;
}

namespace {

// Horizontal bands of the page not covered by a table, top to bottom.
std::vector<cv::Rect> BandsOutsideTables(const cv::Size& size, const std::vector<ocr::TableGrid>& tables) {
  std::vector<cv::Rect> bands;
  int top = 0;
  std::vector<ocr::TableGrid> sorted = tables;
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.bbox.y < b.bbox.y; });
  for (const auto& t : sorted) {
    if (t.bbox.y - top > 10) bands.emplace_back(0, top, size.width, t.bbox.y - top);
    top = std::max(top, t.bbox.br().y);
  }
  if (size.height - top > 10) bands.emplace_back(0, top, size.width, size.height - top);
  return bands;
}

}  // namespace

AnalyzedPage AnalyzePageAsItStands(ocr::PageImage page, ocr::OcrEngine& engine) {
  AnalyzedPage out;
  const ocr::ScopedStage stage(ocr::Stage::kLayout);
  {
    const ocr::ScopedStage cleanup(ocr::Stage::kCleanup);
    const ocr::DeskewReport deskew = ocr::Deskew(page, /*measure_residual=*/false);
    out.deskew_refused = deskew.refused;
    out.ocr_gray = ocr::DropoutRedInk(page.color, page.gray);
    out.blank = ocr::IsBlank(out.ocr_gray);
  }
  out.image = std::move(page);
  if (out.blank) return out;
  out.tables = ocr::FindTableGrids(out.ocr_gray);
  // A "table" a fraction of the page wide is ruling debris (a seal's remains, an
  // underline crossing a rule), and cutting the page into bands at it would slice
  // the title in two.
  std::erase_if(out.tables, [&](const ocr::TableGrid& t) { return t.bbox.width < out.ocr_gray.cols / 4; });
  out.seals = ocr::FindSeals(out.image);
  if (out.tables.empty()) {
    // No ruling: let Tesseract find the layout of the whole page.
    out.lines = ReadLines(out.ocr_gray, cv::Rect(0, 0, out.ocr_gray.cols, out.ocr_gray.rows), engine, ocr::TextKind::kPage);
  } else {
    // Each group of text in a band is read on its own: a band below a table is often
    // most of a page of bare paper with a signature block in it, and Tesseract's
    // block layout costs by the area it is given (a fifth of a page's OCR time).
    const int max_gap = out.ocr_gray.cols / 20;  // about two blank lines of body text
    for (const cv::Rect& band : BandsOutsideTables(out.ocr_gray.size(), out.tables)) {
      for (const cv::Rect& group : ocr::InkGroups(out.ocr_gray(band), max_gap, max_gap / 8)) {
        auto group_lines = ReadLines(out.ocr_gray, group + band.tl(), engine, ocr::TextKind::kBlock);
        out.lines.insert(out.lines.end(), group_lines.begin(), group_lines.end());
      }
    }
  }
  for (const TextLine& l : out.lines) spdlog::debug("page {} line y={} '{}'", out.image.page, l.box.y, l.text);
  return out;
}

UprightEvidence MeasureUprightEvidence(const AnalyzedPage& page) {
  UprightEvidence evidence;
  double weighted = 0;
  for (const TextLine& line : page.lines) {
    // Only lines that run across the page: Tesseract turns a block of vertical
    // lines (a page lying on its side) and reads it confidently.
    if (line.box.width < 2 * line.box.height) continue;
    const int han = static_cast<int>(CountCjk(line.text));
    evidence.han_characters += han;
    weighted += han * static_cast<double>(line.confidence);
  }
  if (evidence.han_characters > 0) evidence.confidence = weighted / evidence.han_characters;
  return evidence;
}

namespace {

// The first line of text in a cell, full cell width, with any ruling running down
// through the cell painted out (a grid cell can span printed cells whose inner
// rulings are too short or too faint to be grid lines); empty when the cell holds
// no line. Text running down the cell (a page on its side) fills every row and
// comes back as tall as the cell, which the caller rejects.
cv::Mat FirstInkLine(const cv::Mat& cell_crop) {
  cv::Mat cell = cell_crop.clone();
  // A ruling is darker than the paper over nearly the whole height of the cell;
  // faint grey ones count, which Otsu's threshold between ink and paper misses.
  cv::Mat column_max;
  cv::reduce(cell, column_max, 0, cv::REDUCE_MAX);
  const double paper = cv::mean(column_max)[0];
  cv::Mat column_ink;
  cv::reduce(cv::Mat((cell < paper - 30) / 255), column_ink, 0, cv::REDUCE_SUM, CV_32S);
  for (int x = 0; x < cell.cols; ++x) {
    if (column_ink.at<int>(x) < cell.rows * 17 / 20) continue;
    cell.colRange(std::max(0, x - 2), std::min(cell.cols, x + 3)).setTo(paper);
  }
  const std::vector<cv::Rect> lines = ocr::SplitTextLines(cell);
  if (lines.empty()) return {};
  const cv::Rect& first = lines.front();
  const int pad = first.height / 4;
  return cell.rowRange(std::max(0, first.y - pad), std::min(cell.rows, first.br().y + pad));
}
}  // namespace

UprightEvidence MeasureUprightEvidenceInCells(const AnalyzedPage& page, ocr::OcrEngine& engine) {
  // A continuation page of a table has no text outside it; its cells do. The first
  // line of a few of the widest cells (names, project titles: long lines of plain
  // text, where headings are short, bold or wrapped) is read; a cell on a page
  // lying on its side holds no line across it, and upside-down text reads at low
  // confidence. A few cell lines cost a fraction of OSD.
  constexpr int kMaxCells = 4;
  const cv::Rect page_rect(0, 0, page.ocr_gray.cols, page.ocr_gray.rows);
  std::vector<cv::Rect> cells;
  for (const ocr::TableGrid& table : page.tables) {
    for (int row = 0; row < table.rows(); ++row) {
      for (int col = 0; col < table.cols(); ++col) {
        const cv::Rect cell = table.Cell(row, col) & page_rect;
        if (cell.width >= 16 && cell.height >= 8) cells.push_back(cell);
      }
    }
  }
  std::stable_sort(cells.begin(), cells.end(), [](const cv::Rect& a, const cv::Rect& b) { return a.width > b.width; });
  UprightEvidence evidence;
  double weighted = 0;
  int cells_read = 0;
  for (const cv::Rect& cell : cells) {
    const cv::Mat crop = ocr::CleanCellCrop(page.ocr_gray, cell);
    if (ocr::IsBlank(crop)) continue;
    const cv::Mat first_line = FirstInkLine(crop);
    if (first_line.empty() || first_line.cols < 2 * first_line.rows) continue;
    for (const ocr::OcrLine& line : engine.Recognize(first_line, ocr::TextKind::kBlock).lines) {
      const int han = static_cast<int>(CountCjk(NormalizeText(line.text)));
      if (han < 3) continue;  // a fragment (a character cut by the grid) says little either way
      evidence.han_characters += han;
      weighted += han * static_cast<double>(line.confidence);
    }
    if (evidence.han_characters > 0) evidence.confidence = weighted / evidence.han_characters;
    if (evidence.Upright() || ++cells_read == kMaxCells) break;
  }
  return evidence;
}

AnalyzedPage AnalyzePage(ocr::PageImage page, ocr::OcrEngine& engine) {
  // Most pages arrive upright, and the text around their tables is read in any
  // case: when it reads as confident Chinese the page stands upright and the
  // orientation check (Tesseract's OSD, a tenth of a page's time) is skipped.
  // Upside-down Chinese reads at low confidence, and a page on its side as
  // vertical lines, which the evidence leaves out. Otherwise orientation decides,
  // and a page it turns is analysed again from the pixels as scanned.
  const ocr::PageImage as_scanned = page;  // shares pixels: cleanup replaces, never writes in place
  AnalyzedPage out = AnalyzePageAsItStands(std::move(page), engine);
  if (out.blank || MeasureUprightEvidence(out).Upright()) return out;
  if (!out.tables.empty() && MeasureUprightEvidenceInCells(out, engine).Upright()) return out;
  spdlog::debug("page {}: too little upright text read, checking its orientation", out.image.page);
  ocr::PageImage turned = as_scanned;
  ocr::OrientationEstimate estimate;
  {
    const ocr::ScopedStage stage(ocr::Stage::kOrientation);
    estimate = ocr::MakeUpright(turned, engine);
  }
  if (estimate.rotation == 0) return out;
  return AnalyzePageAsItStands(std::move(turned), engine);
}

std::string JoinedPageText(const AnalyzedPage& page) {
  std::string text;
  for (const TextLine& l : page.lines) text += (text.empty() ? "" : "\n") + l.text;
  return text;
}

}  // namespace shenbao::extract
