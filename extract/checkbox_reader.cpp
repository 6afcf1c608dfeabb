// Checkbox rows (□产线 ■车间 □工厂): which box is ticked is a question of ink, not
// of OCR — Tesseract reads ■, ☑ and a pen tick as anything. Boxes are found by
// their two vertical sides, "ticked" by ink inside them (filled, a check mark, or
// a pen stroke through them), and each option by OCR of the text after its box.
#include <algorithm>

#include <opencv2/imgproc.hpp>

#include "extract/classify.h"
#include "extract/layout_readers.h"
#include "extract/normalize.h"
#include "ocr/cell_ink.h"

namespace shenbao::extract {
namespace {

struct Option {
  cv::Rect box;        // the checkbox, crop coordinates
  cv::Rect text;       // the option's text after it
  double fill = 0;     // ink share inside the box
};

// Longest vertical run of ink in column x between rows [y0, y1); its top in *top.
// A box's side scanned on grey, noisy paper breaks up: a pixel of the column or
// of its neighbours counts, and a break of up to two rows does not end the run
// (else half a side is taken for the box, whose inside then holds the other half).
int LongestRun(const cv::Mat& ink, int x, int y0, int y1, int* top) {
  constexpr int kMaxBreak = 2;
  auto inked = [&](int y) {
    for (int dx = -1; dx <= 1; ++dx)
      if (x + dx >= 0 && x + dx < ink.cols && ink.at<uint8_t>(y, x + dx)) return true;
    return false;
  };
  int best = 0, start = -1, last = -1;
  for (int y = y0; y < y1; ++y) {
    if (!inked(y)) continue;
    if (start < 0 || y - last - 1 > kMaxBreak) start = y;
    last = y;
    if (last - start + 1 > best) best = last - start + 1, *top = start;
  }
  return best;
}

std::vector<Option> FindOptions(const cv::Mat& ink, const cv::Rect& band) {
  std::vector<Option> options;
  const int em = std::max(6, band.height);
  std::vector<bool> column(ink.cols, false);
  for (int x = 0; x < ink.cols; ++x) column[x] = cv::countNonZero(ink(cv::Rect(x, band.y, 1, band.height))) > 0;
  // Segments: ink columns with gaps below half an em between them (box + its text).
  std::vector<std::pair<int, int>> segments;
  for (int x = 0; x < ink.cols;) {
    if (!column[x]) {
      ++x;
      continue;
    }
    int end = x, gap = 0;
    for (int k = x; k < ink.cols && gap < em / 2; ++k) {
      if (column[k]) end = k, gap = 0;
      else ++gap;
    }
    segments.emplace_back(x, end + 1);
    x = end + 1;
  }
  for (const auto& [from, to] : segments) {
    Option o;
    int left = -1, top = 0, height = 0;
    for (int x = from; x < std::min(to, from + em * 3 / 2) && left < 0; ++x) {
      int t = 0;
      const int run = LongestRun(ink, x, band.y, band.br().y, &t);
      if (run >= em * 0.35) left = x, top = t, height = run;
    }
    if (left < 0) continue;
    // A filled box (■) is long runs all the way across; a hollow one has its
    // right side as the first long run after the middle.
    int right = -1, solid = left;
    for (int t = 0; solid + 1 < to && LongestRun(ink, solid + 1, band.y, band.br().y, &t) >= height * 0.8;) ++solid;
    if (solid - left >= height / 2) right = solid;
    for (int x = left + static_cast<int>(height * 0.6); x < std::min(to, left + height * 13 / 10) && right < 0; ++x) {
      int t = 0;
      if (LongestRun(ink, x, band.y, band.br().y, &t) >= height * 0.8) right = x;
    }
    if (right < 0) right = left + height;
    const int side = right - left;
    if (side < 4 || side > height * 1.5 || height > side * 1.5) continue;  // not a square: text
    o.box = cv::Rect(left, top, side + 1, height);
    const cv::Rect inner(left + side / 5, top + height / 5, std::max(1, side * 3 / 5), std::max(1, height * 3 / 5));
    o.fill = static_cast<double>(cv::countNonZero(ink(inner & cv::Rect(0, 0, ink.cols, ink.rows)))) / inner.area();
    const int text_x = right + std::max(2, side / 8);
    o.text = cv::Rect(text_x, band.y, std::max(0, to - text_x), band.height) & cv::Rect(0, 0, ink.cols, ink.rows);
    options.push_back(o);
  }
  return options;
}

}  // namespace

FieldResult ReadCheckboxRow(const cv::Mat& ocr_gray, const cv::Rect& region_in, int page,
                            const std::vector<std::string>& choices, ocr::OcrEngine& engine) {
  const cv::Rect region = region_in & cv::Rect(0, 0, ocr_gray.cols, ocr_gray.rows);
  FieldResult f;
  f.page = page;
  f.bbox = region;
  f.value = nullptr;
  if (region.width < 8 || region.height < 8) return f;
  const cv::Mat crop = ocr::CleanCellCrop(ocr_gray, region);
  const cv::Rect band = ocr::InkBounds(crop);
  if (band.area() == 0) {
    f.valid = false;
    f.error = "未勾选任何选项";
    f.ocr_confidence = 1.0;
    return f;
  }
  cv::Mat ink;
  cv::threshold(crop, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  const std::vector<Option> options = FindOptions(ink, cv::Rect(0, band.y, crop.cols, band.height));
  if (options.empty()) {
    // Printed as plain text ("车间") or with glyphs OCR can read (☑车间): read it as an enum.
    return ReadValue(ocr_gray, region, page, FieldType::kEnum, choices, engine);
  }
  // An empty box has almost no ink inside; a ticked one has a mark or is filled.
  std::vector<std::string> ticked;
  double confidence = 1.0;
  for (size_t i = 0; i < options.size(); ++i) {
    const Option& o = options[i];
    // An empty box is white inside (a speck or two); a thin check mark inks ~10 %.
    const bool on = o.fill > 0.04;
    // Near the threshold the decision is a guess: say so.
    if (o.fill > 0.02 && o.fill < 0.07) confidence = std::min(confidence, 0.6);
    if (!on) continue;
    std::string name;
    if (o.text.width > 4) {
      const ocr::OcrText text = engine.Recognize(crop(o.text), ocr::TextKind::kLine);
      const std::string read = RemoveWhitespace(NormalizeText(text.Joined("")));
      double best = 0;
      for (const std::string& c : choices) {
        const double s = Similarity(read, c);
        if (s > best) best = s, name = c;
      }
      if (best < 0.5) name.clear();
      f.text += (f.text.empty() ? "" : " ") + read;
      confidence = std::min<double>(confidence, std::max(0.5, best));
    }
    // The text did not say which option: the box's place among the boxes does.
    if (name.empty() && options.size() == choices.size()) name = choices[i];
    if (!name.empty()) ticked.push_back(name);
  }
  f.bbox = region;
  f.ocr_confidence = confidence;
  if (ticked.size() == 1) {
    f.value = ticked.front();
    f.valid = true;
  } else if (ticked.empty()) {
    f.valid = false;
    f.error = "未勾选任何选项";
  } else {
    f.value = ticked.front();
    f.valid = false;
    f.error = "勾选了多个选项，应只勾选一项";
  }
  return f;
}

}  // namespace shenbao::extract
