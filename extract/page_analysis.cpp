#include "extract/page_analysis.h"

#include <algorithm>

#include <opencv2/imgproc.hpp>
#include <spdlog/spdlog.h>

#include "extract/normalize.h"
#include "ocr/cleanup.h"
#include "ocr/orientation.h"
#include "ocr/stage_clock.h"

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
    const ocr::DeskewReport deskew = ocr::Deskew(page);
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
    for (const cv::Rect& band : BandsOutsideTables(out.ocr_gray.size(), out.tables)) {
      auto band_lines = ReadLines(out.ocr_gray, band, engine, ocr::TextKind::kBlock);
      out.lines.insert(out.lines.end(), band_lines.begin(), band_lines.end());
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
