#pragma once
// One page, looked at once: cleaned, its tables and seals found, and the text
// outside its tables read line by line. Everything later works from this.
#include <string>
#include <vector>

#include "ocr/grid.h"
#include "ocr/ocr_engine.h"
#include "ocr/page_image.h"
#include "ocr/seal.h"

namespace shenbao::extract {

struct TextLine {
  std::string text;        // normalized: no spaces between CJK characters
  std::string raw;         // as OCR read it
  cv::Rect box;            // page pixels
  float confidence = 0;
  // Words of the domain `text` was corrected towards ("数字挛生→数字孪生", extract/lexicon.h);
  // empty when `text` is `raw` normalized.
  std::vector<std::string> corrections;
  // The characters of `raw` as the model gave them, boxes in page pixels (ReadLines
  // only): the first model's half of the evidence when a second model reads the line.
  std::vector<ocr::OcrSymbol> symbols;
};

struct AnalyzedPage {
  ocr::PageImage image;            // upright, deskewed
  cv::Mat ocr_gray;                // grey with seal ink removed: what OCR reads
  std::vector<ocr::TableGrid> tables;
  std::vector<ocr::SealCandidate> seals;
  std::vector<TextLine> lines;     // text outside the tables, top to bottom
  bool deskew_refused = false;
  bool blank = false;              // nothing printed on the page

  // Frees the pixels once the page has been read (text and boxes stay).
  void ReleasePixels();
};

// Turns the page upright when it needs it, cleans it (deskew, seal-ink dropout),
// finds tables and seals, and OCRs the text above, between and below tables. Cells are not read here: which cells
// to read, and how, depends on the template.
AnalyzedPage AnalyzePage(ocr::PageImage page, ocr::OcrEngine& engine);

// Cleans and analyses the page as it stands, without checking its orientation.
AnalyzedPage AnalyzePageAsItStands(ocr::PageImage page, ocr::OcrEngine& engine);

// How strongly the text read from a page says it stands upright. Measured over the
// 54 sample pages in all four turns: upright pages with 6 or more characters read
// at 0.83–0.96; turned ones at 0.42 or less (lines running down a page on its
// side are not counted).
struct UprightEvidence {
  int han_characters = 0;  // CJK characters read outside the tables
  double confidence = 0;   // their mean OCR confidence
  bool Upright() const { return han_characters >= kMinCharacters && confidence >= kMinConfidence; }

  static constexpr int kMinCharacters = 6;
  static constexpr double kMinConfidence = 0.75;
};
UprightEvidence MeasureUprightEvidence(const AnalyzedPage& page);
// The same evidence from a few wide table cells, read for it (pages whose text is
// all inside tables).
UprightEvidence MeasureUprightEvidenceInCells(const AnalyzedPage& page, ocr::OcrEngine& engine);

// Reads text inside `region` of the page as lines (page coordinates).
std::vector<TextLine> ReadLines(const cv::Mat& ocr_gray, const cv::Rect& region, ocr::OcrEngine& engine,
                                ocr::TextKind kind = ocr::TextKind::kBlock);

// The page's lines joined in reading order, for full-text records.
std::string JoinedPageText(const AnalyzedPage& page);

}  // namespace shenbao::extract
