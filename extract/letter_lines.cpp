// A letter's rows, each read by both OCR models (see letter_lines.h).
#include "extract/letter_lines.h"

#include <algorithm>

#include <opencv2/imgproc.hpp>

#include "extract/normalize.h"
#include "ocr/cell_ink.h"

namespace shenbao::extract {
namespace {

// The line page analysis read already (automatic layout: page.lines) that is the
// whole of the row `row_ink` and was read with confidence, if there is one. A letter
// is mostly such body lines, and reading each again cost a third of its OCR time:
// these are read by the second model only; rows that layout analysis split into
// columns or doubted are read again.
const TextLine* ConfidentWholeRow(const std::vector<TextLine>& read, const cv::Rect& row_ink) {
  constexpr float kConfident = 0.90f;  // below this a row's reading gets a second model's vote
  for (const TextLine& l : read) {
    if (l.confidence < kConfident) continue;
    const cv::Rect common = l.box & row_ink;
    if (common.height < 0.6 * row_ink.height || common.height < 0.6 * l.box.height) continue;  // another row
    if (common.width < 0.95 * row_ink.width || l.box.width > row_ink.width + row_ink.height) continue;  // a part, or more
    return &l;
  }
  return nullptr;
}

// A row the layout pass read, as a reading of the line image whose top left corner
// is `origin` on the page.
ocr::OcrText KnownReading(const TextLine& known, const cv::Point& origin) {
  ocr::OcrLine line;
  line.text = known.raw;
  line.confidence = known.confidence;
  line.symbols = known.symbols;
  for (ocr::OcrSymbol& symbol : line.symbols)
    if (symbol.box.area() > 0) symbol.box -= origin;
  ocr::OcrText text;
  text.lines.push_back(std::move(line));
  text.confidence = known.confidence;
  return text;
}

}  // namespace

std::vector<TextLine> ReadPageLines(const AnalyzedPage& page, ocr::OcrEngine& engine, const Lexicon* lexicon) {
  std::vector<TextLine> out;
  const cv::Mat& gray = page.ocr_gray;
  if (gray.empty()) return out;
  // Local threshold: uneven illumination darkens whole regions of a scan.
  cv::Mat ink;
  const int block = (std::max(31, gray.cols / 40)) | 1;
  cv::adaptiveThreshold(gray, ink, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY_INV, block, 30);
  cv::medianBlur(ink, ink, 3);  // scanner speckle would join lines
  cv::Mat row_sum;
  cv::reduce(ink, row_sum, 1, cv::REDUCE_SUM, CV_32S);
  const int min_ink = std::max(8, gray.cols / 100) * 255;  // a text row, not a speck row
  std::vector<std::pair<int, int>> runs;
  for (int y = 0; y < row_sum.rows; ++y) {
    if (row_sum.at<int>(y) < min_ink) continue;
    if (!runs.empty() && runs.back().second == y) runs.back().second = y + 1;
    else runs.emplace_back(y, y + 1);
  }
  if (runs.empty()) return out;
  std::vector<int> heights;
  for (const auto& r : runs) heights.push_back(r.second - r.first);
  std::nth_element(heights.begin(), heights.begin() + heights.size() * 3 / 4, heights.end());
  const int typical = std::max(6, heights[heights.size() * 3 / 4]);
  std::vector<std::pair<int, int>> merged;
  for (const auto& r : runs) {
    if (!merged.empty() && r.first - merged.back().second < std::max(3, typical / 4)) {
      merged.back().second = r.second;
      continue;
    }
    merged.push_back(r);
  }
  for (const auto& [top, bottom] : merged) {
    if (bottom - top < std::max(4, typical / 3)) continue;
    const int pad = std::max(2, (bottom - top) / 6);
    const cv::Rect band = cv::Rect(0, top - pad, gray.cols, bottom - top + 2 * pad) & cv::Rect(0, 0, gray.cols, gray.rows);
    const cv::Rect ink_box = ocr::InkBounds(gray(band));
    if (ink_box.area() == 0) continue;
    const int margin = std::max(4, band.height / 8);
    const cv::Rect tight = cv::Rect(band.x + ink_box.x - margin, band.y, ink_box.width + 2 * margin, band.height) &
                           cv::Rect(0, 0, gray.cols, gray.rows);
    TextLine line;
    line.box = cv::Rect(band.x + ink_box.x, band.y + ink_box.y, ink_box.width, ink_box.height);
    ocr::OcrText text;
    if (const TextLine* known = ConfidentWholeRow(page.lines, line.box); known && !known->symbols.empty()) {
      // Read whole and confidently by the first model alone: the second model reads
      // the row and the two readings are merged as a doubtful line's are, at the cost
      // of one reading. The first model alone puts a frequent character in where
      // there is none (境内注册，有具备) or takes one glyph for another (予以 → 子以)
      // at 0.9 and more; no rule can undo that without the other model's evidence.
      text = engine.SecondOpinion(gray(tight), KnownReading(*known, tight.tl()));
    } else if (known) {
      text = KnownReading(*known, tight.tl());
    } else {
      text = engine.Recognize(gray(tight), ocr::TextKind::kLine);
    }
    line.raw = text.Joined("");
    line.confidence = text.confidence;
    line.text = NormalizeText(CorrectedText(text, lexicon, engine, &line.corrections));
    if (line.text.empty()) continue;
    out.push_back(std::move(line));
  }
  return out;
}

}  // namespace shenbao::extract
