// Evidence about a table cell beyond its own reading (see cell_evidence.h).
#include "extract/cell_evidence.h"

#include <algorithm>
#include <optional>

#include "extract/normalize.h"
#include "ocr/cell_ink.h"
#include "ocr/text_lines.h"

namespace shenbao::extract {
namespace {

// A dash run in a text value: dashes of any length, and 一 next to one.
struct DashRun {
  size_t begin = 0, end = 0;  // bytes
  bool real_dash = false;     // holds a mark that is only ever a dash
};

std::vector<DashRun> DashRuns(const std::string& text) {
  static const std::vector<std::string> kDashes = {"—", "–", "‐", "-"};
  std::vector<DashRun> runs;
  for (size_t i = 0; i < text.size();) {
    size_t n = 0;
    bool dash = false;
    for (const std::string& d : kDashes)
      if (text.compare(i, d.size(), d) == 0) n = d.size(), dash = true;
    if (!dash && text.compare(i, 3, "一") == 0) n = 3;
    if (n == 0) {
      ++i;
      continue;
    }
    if (runs.empty() || runs.back().end != i) runs.push_back({i, i, false});
    runs.back().end = i + n;
    runs.back().real_dash = runs.back().real_dash || dash;
    i += n;
  }
  std::erase_if(runs, [](const DashRun& r) { return !r.real_dash; });
  return runs;
}

const FieldResult* Cell(const FieldMap& row, const std::string& id) {
  for (const auto& [column, f] : row)
    if (column == id) return &f;
  return nullptr;
}

std::optional<long long> IntIn(const std::vector<FieldMap>& rows, long long index, const std::string& id) {
  if (index < 0 || index >= static_cast<long long>(rows.size())) return std::nullopt;
  const FieldResult* f = Cell(rows[index], id);
  if (!f || !f->value.is_number_integer()) return std::nullopt;
  return f->value.get<long long>();
}

// Whether the OCR weighed reading `f` as `digits`: as many characters, and each that
// differs among the runner-ups the OCR gave for that character.
bool OcrWeighed(const FieldResult& f, const std::string& digits) {
  const std::string read = RemoveWhitespace(f.text);
  if (read.size() != digits.size() || f.runner_ups.size() != read.size() || read == digits) return false;
  for (size_t i = 0; i < read.size(); ++i) {
    if (read[i] == digits[i]) continue;
    const auto& others = f.runner_ups[i];
    if (std::find(others.begin(), others.end(), std::string(1, digits[i])) == others.end()) return false;
  }
  return true;
}

}  // namespace

void RestoreDashPair(const cv::Mat& ocr_gray, const cv::Rect& cell, FieldResult& f) {
  if (!f.value.is_string()) return;
  const std::string before = f.value.get<std::string>();
  const std::vector<DashRun> runs = DashRuns(before);
  if (runs.size() != 1 || before.compare(runs[0].begin, runs[0].end - runs[0].begin, "——") == 0) return;
  const cv::Mat crop = ocr::CleanCellCrop(ocr_gray, cell);
  if (crop.empty()) return;
  int pairs = 0;  // glyphs of a dash pair: one long bar, or two short ones close together
  for (const cv::Rect& band : ocr::SplitTextLines(crop)) {
    const int em = ocr::CharacterHeight(crop(band));
    if (em < 8) return;
    const std::vector<cv::Rect> bars = ocr::LoneBars(crop(band));
    for (size_t i = 0; i < bars.size(); ++i) {
      if (bars[i].width >= 1.5 * em) {
        ++pairs;
      } else if (i + 1 < bars.size() && bars[i + 1].x - bars[i].br().x < 0.5 * em && bars[i].width < 0.8 * em &&
                 bars[i + 1].width < 0.8 * em) {
        ++pairs;
        ++i;
      }
    }
  }
  if (pairs != 1) return;
  const std::string after = before.substr(0, runs[0].begin) + "——" + before.substr(runs[0].end);
  f.value = after;
  f.correction = (f.correction.empty() ? "" : f.correction + "; ") + "破折号：" + before + "→" + after;
}

void ReadSequenceByRowOrder(const std::string& id, std::vector<FieldMap>& rows) {
  constexpr double kByRowOrderConfidence = 0.85;  // under the trust threshold: a person checks it
  for (long long i = 0; i < static_cast<long long>(rows.size()); ++i) {
    FieldResult* f = nullptr;
    for (auto& [column, cell] : rows[i])
      if (column == id) f = &cell;
    if (!f) continue;
    const std::optional<long long> above = IntIn(rows, i - 1, id), below = IntIn(rows, i + 1, id);
    std::optional<long long> expected;
    if (i == 0) expected = 1;
    else if (above) expected = *above + 1;
    if (!expected) continue;
    // The row below must agree where there is one; a table of one row has nothing to count by.
    const bool last = i + 1 == static_cast<long long>(rows.size());
    if (last ? i == 0 : below != *expected + 1) continue;
    if (f->value.is_number_integer() && f->value.get<long long>() == *expected) continue;
    const std::string digits = std::to_string(*expected);
    if (!OcrWeighed(*f, digits)) continue;
    f->correction = (f->correction.empty() ? "" : f->correction + "; ") + "按行序：" + RemoveWhitespace(f->text) + "→" + digits;
    f->value = *expected;
    f->valid = true;
    f->error.clear();
    f->confidence = std::min(f->confidence, kByRowOrderConfidence);
  }
}

}  // namespace shenbao::extract
