#include "extract/fulltext.h"

#include <algorithm>

#include <opencv2/imgproc.hpp>

#include "ocr/grid.h"
#include "ocr/text_lines.h"

namespace shenbao::extract {
namespace {

// How well a reading went: confidence summed over characters, so a reading that
// finds the same text more surely wins, and one that finds nothing scores 0.
double Score(const std::vector<TextLine>& lines) {
  double score = 0;
  for (const TextLine& l : lines) {
    size_t chars = 0;
    for (char c : l.text) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80 && c != ' ';
    score += l.confidence * static_cast<double>(chars);
  }
  return score;
}

double MeanConfidence(const std::vector<TextLine>& lines) {
  double sum = 0;
  for (const TextLine& l : lines) sum += l.confidence;
  return lines.empty() ? 0 : sum / lines.size();
}

// Mean line confidence above which the first reading is kept as it is: clean scans
// read at 0.85–0.95; the readings that needed the cleaned page were under 0.6.
constexpr double kGoodReading = 0.75;
constexpr size_t kMaxLinesReadOneByOne = 12;
constexpr size_t kSmallImagePixels = 2'000'000;

}  // namespace

cv::Mat CleanForFullText(const cv::Mat& gray, int* margin) {
  *margin = 0;
  cv::Scalar mean, stddev;
  cv::meanStdDev(gray, mean, stddev);
  if (stddev[0] < 8) return gray.clone();  // no contrast: nothing printed to bring out
  cv::Mat ink;
  cv::threshold(gray, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  // Text covers less of a page than its ground does: if "ink" is the majority, the
  // text is the light class.
  if (cv::countNonZero(ink) > static_cast<int>(ink.total() / 2)) ink = 255 - ink;
  cv::Mat clean = 255 - ink;
  *margin = std::clamp(std::max(clean.cols, clean.rows) / 20, 20, 100);
  cv::copyMakeBorder(clean, clean, *margin, *margin, *margin, *margin, cv::BORDER_CONSTANT, cv::Scalar(255));
  return clean;
}

std::vector<TextLine> ReadFullText(const AnalyzedPage& page, ocr::OcrEngine& engine) {
  if (page.ocr_gray.empty()) return page.lines;
  const cv::Rect whole(0, 0, page.ocr_gray.cols, page.ocr_gray.rows);
  // Page analysis read only around the tables; the full text wants them too.
  std::vector<TextLine> best =
      page.tables.empty() && !page.blank ? page.lines : ReadLines(page.ocr_gray, whole, engine, ocr::TextKind::kPage);
  // A small image (a screenshot, a crop, a photo of a sign) is cheap to read again and
  // is where layout analysis goes wrong most; a page-sized scan is read again only
  // when its first reading is poor.
  const bool small = page.ocr_gray.total() <= kSmallImagePixels;
  if (!small && !best.empty() && MeanConfidence(best) >= kGoodReading) return best;
  int margin = 0;
  const cv::Mat clean = CleanForFullText(page.ocr_gray, &margin);
  if (margin == 0) return best;
  const cv::Rect clean_whole(0, 0, clean.cols, clean.rows);
  double best_score = Score(best);
  // Line by line too, when the page is a few lines of plain text (a screenshot, a
  // crop, a sign): single-line reading skips layout analysis and gets the engine's
  // second opinion, which helps most on small or blurred print.
  const std::vector<cv::Rect> line_boxes = ocr::SplitTextLines(clean);
  for (int pass = 0; pass < 3; ++pass) {
    std::vector<TextLine> lines;
    if (pass < 2) {
      lines = ReadLines(clean, clean_whole, engine, pass == 0 ? ocr::TextKind::kPage : ocr::TextKind::kBlock);
    } else if (!line_boxes.empty() && line_boxes.size() <= kMaxLinesReadOneByOne) {
      for (const cv::Rect& box : line_boxes) {
        // Trimmed to its ink: raw-line mode reads a wide white margin as characters.
        const cv::Rect ink = ocr::InkBounds(clean(box));
        if (ink.empty()) continue;
        const int pad = std::max(4, ink.height / 5);
        const cv::Rect tight = cv::Rect(box.x + ink.x - pad, box.y + ink.y - pad, ink.width + 2 * pad,
                                        ink.height + 2 * pad) & clean_whole;
        auto one = ReadLines(clean, tight, engine, ocr::TextKind::kLine);
        lines.insert(lines.end(), one.begin(), one.end());
      }
    }
    const double score = Score(lines);
    if (score > best_score) {
      for (TextLine& l : lines) l.box = (l.box - cv::Point(margin, margin)) & whole;
      best = std::move(lines);
      best_score = score;
    }
  }
  return best;
}

}  // namespace shenbao::extract
