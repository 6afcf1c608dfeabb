// DoubtfulSymbols, DoubtfulWindows and SplicedReading (recheck_window.h): where the
// second model reads a long line in windows instead of whole, and how its window
// readings are put back into the first model's line.
#include "ocr/recheck_window.h"

#include <algorithm>
#include <string>

#include <opencv2/imgproc.hpp>

#include "ocr/line_vote.h"
#include "ocr/utf8.h"

namespace shenbao::ocr {
namespace {

// The column to cut at between symbol `i - 1` and symbol `i`: the one with least ink
// between the two boxes, reaching a quarter of a character into each (the LSTM's
// boxes are rough); the one nearest the middle of the gap on a tie.
int CutBefore(const std::vector<OcrSymbol>& symbols, size_t i, const std::vector<int>& ink, int reach) {
  const int left_end = symbols[i - 1].box.br().x, right_start = symbols[i].box.x;
  const int lo = std::clamp(std::min(left_end, right_start) - reach, 0, static_cast<int>(ink.size()) - 1);
  const int hi = std::clamp(std::max(left_end, right_start) + reach, 0, static_cast<int>(ink.size()) - 1);
  const int middle = (left_end + right_start) / 2;
  int best = std::clamp(middle, lo, hi);
  for (int x = lo; x <= hi; ++x)
    if (ink[x] < ink[best] || (ink[x] == ink[best] && std::abs(x - middle) < std::abs(best - middle))) best = x;
  return best;
}

// One character in either width: the models differ in whether they give '，' or ','.
UChar32 Narrow(const std::string& character) {
  if (character.empty()) return 0;
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(character.data(), i, static_cast<int32_t>(character.size()), c);
  return c >= 0xFF01 && c <= 0xFF5E ? c - 0xFEE0 : c;
}

bool Same(const OcrSymbol& a, const OcrSymbol& b) { return Narrow(a.text) == Narrow(b.text); }

// Ink columns beyond this share of a character width past the outermost symbol box
// are ink no symbol covers (the LSTM's boxes are rough by a few pixels).
constexpr double kUnreadReach = 0.5;
// Dark pixels in those columns, in character heights, from which they hold a mark.
constexpr double kUnreadInk = 0.3;

int MedianWidth(const std::vector<OcrSymbol>& symbols) {
  std::vector<int> widths;
  for (const OcrSymbol& s : symbols) widths.push_back(s.box.width);
  std::nth_element(widths.begin(), widths.begin() + widths.size() / 2, widths.end());
  return std::max(1, widths[widths.size() / 2]);
}

}  // namespace

LineInk LineInk::Of(const cv::Mat& gray) {
  LineInk out;
  out.height = gray.rows;
  if (gray.empty()) return out;
  cv::Mat ink;
  cv::threshold(gray, ink, 0, 1, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  cv::Mat sums;
  cv::reduce(ink, sums, 0, cv::REDUCE_SUM, CV_32S);
  out.per_column.assign(sums.begin<int>(), sums.end<int>());
  return out;
}

std::vector<bool> DoubtfulSymbols(const OcrLine& line, const LineInk& ink, const RecheckWindowOptions& options) {
  const std::vector<OcrSymbol>& symbols = line.symbols;
  const size_t n = symbols.size();
  std::vector<bool> doubtful(n, false);
  if (n == 0 || ink.width() == 0) return doubtful;
  for (size_t i = 0; i < n; ++i) {
    if (symbols[i].confidence < options.doubtful_below) doubtful[i] = true;
    const bool ends_number = IsDigit(symbols[i].text) && (i + 1 == n || !IsDigit(symbols[i + 1].text));
    if (ends_number && IsRing(symbols[i].text)) {
      doubtful[i] = true;
      if (i > 0 && IsDigit(symbols[i - 1].text)) doubtful[i - 1] = true;
    }
  }
  for (const OcrSymbol& s : symbols)
    if (s.box.width <= 0) return doubtful;  // no boxes: the caller reads the line whole anyway
  const int reach = static_cast<int>(kUnreadReach * MedianWidth(symbols));
  const int enough = static_cast<int>(kUnreadInk * ink.height);
  auto ink_between = [&](int from, int to) {
    int sum = 0;
    for (int x = std::max(0, from); x < std::min(to, ink.width()); ++x) sum += ink.per_column[x];
    return sum;
  };
  if (ink_between(0, symbols.front().box.x - reach) >= enough) doubtful.front() = true;
  if (ink_between(symbols.back().box.br().x + reach, ink.width()) >= enough) doubtful.back() = true;
  return doubtful;
}

std::vector<RecheckWindow> DoubtfulWindows(const OcrLine& line, const LineInk& ink, const std::vector<bool>& doubtful,
                                           const RecheckWindowOptions& options) {
  const std::vector<OcrSymbol>& symbols = line.symbols;
  const size_t n = symbols.size();
  if (n < options.min_symbols || ink.width() == 0 || doubtful.size() != n) return {};
  for (const OcrSymbol& s : symbols)
    if (s.box.width <= 0) return {};
  // Stretches of symbols: each doubtful one with its context, overlapping ones joined.
  std::vector<RecheckWindow> windows;
  for (size_t i = 0; i < n; ++i) {
    if (!doubtful[i]) continue;
    const size_t first = i >= options.context ? i - options.context : 0;
    const size_t last = std::min(n, i + options.context + 1);
    if (!windows.empty() && first <= windows.back().last) windows.back().last = std::max(windows.back().last, last);
    else windows.push_back({first, last});
  }
  if (windows.empty()) return {};
  const int reach = std::max(1, MedianWidth(symbols) / 4);
  int covered = 0;
  for (RecheckWindow& w : windows) {
    w.x0 = w.first == 0 ? 0 : CutBefore(symbols, w.first, ink.per_column, reach);
    w.x1 = w.last == n ? ink.width() : CutBefore(symbols, w.last, ink.per_column, reach);
    if (w.x1 - w.x0 < 4) return {};
    covered += w.x1 - w.x0;
  }
  if (covered > options.most_of_line * ink.width()) return {};
  return windows;
}

OcrText ReadWindows(const cv::Mat& gray, const OcrText& first, const std::vector<RecheckWindow>& windows,
                    const WindowReader& read) {
  if (windows.empty()) return {};
  std::vector<OcrText> readings;
  for (const RecheckWindow& w : windows) {
    OcrText reading = read(gray(cv::Rect(w.x0, 0, w.x1 - w.x0, gray.rows)));
    ShiftBoxes(reading, w.x0);
    readings.push_back(std::move(reading));
  }
  return SplicedReading(first, windows, readings);
}

OcrText WindowedVote(const OcrText& first, const OcrText& spliced) { return PartlyRechecked(VoteLines(first, spliced), first); }

OcrText PartlyRechecked(OcrText voted, const OcrText& first) {
  voted.partly_rechecked = true;
  // Outside the windows one model read the line.
  voted.models_agree = false;
  voted.confidence = std::min(voted.confidence, first.confidence);
  voted.weakest_symbol = std::min(voted.weakest_symbol, first.weakest_symbol);
  if (!first.lines.empty())
    for (OcrLine& line : voted.lines) line.confidence = std::min(line.confidence, first.lines.front().confidence);
  return voted;
}

void ShiftBoxes(OcrText& text, int dx) {
  for (OcrLine& line : text.lines) {
    line.box.x += dx;
    for (OcrWord& word : line.words) word.box.x += dx;
    for (OcrSymbol& symbol : line.symbols) symbol.box.x += dx;
  }
}

OcrText SplicedReading(const OcrText& first, const std::vector<RecheckWindow>& windows,
                       const std::vector<OcrText>& readings) {
  if (first.lines.size() != 1 || windows.size() != readings.size()) return {};
  const std::vector<OcrSymbol>& own = first.lines.front().symbols;
  OcrLine line;
  line.box = first.lines.front().box;
  size_t next = 0;
  for (size_t k = 0; k < windows.size(); ++k) {
    const RecheckWindow& w = windows[k];
    if (readings[k].lines.size() != 1 || w.first < next || w.last > own.size() || w.first >= w.last) return {};
    const std::vector<OcrSymbol>& read = readings[k].lines.front().symbols;
    if (read.empty()) return {};
    // A cut can go through a glyph (the LSTM's boxes may be off by half a glyph), so
    // the window's outermost character is the first model's: the second model's
    // reading is taken from where it reads the next sure character as the first
    // did. Without such an anchor the line is read whole.
    size_t from = 0, to = read.size(), own_from = w.first, own_to = w.last;
    if (w.first > 0) {
      const size_t anchor = w.first + 1;
      while (from < std::min<size_t>(3, read.size()) && !Same(read[from], own[anchor])) ++from;
      if (from == std::min<size_t>(3, read.size())) return {};
      own_from = anchor;
    }
    if (w.last < own.size()) {
      const size_t anchor = w.last - 2;
      const size_t lowest = read.size() > 3 ? read.size() - 3 : 0;
      while (to > std::max(lowest, from + 1) && !Same(read[to - 1], own[anchor])) --to;
      if (!Same(read[to - 1], own[anchor]) || to <= from) return {};
      own_to = anchor + 1;
    }
    if (own_from < next || own_from >= own_to) return {};
    line.symbols.insert(line.symbols.end(), own.begin() + next, own.begin() + own_from);
    line.symbols.insert(line.symbols.end(), read.begin() + from, read.begin() + to);
    next = own_to;
  }
  line.symbols.insert(line.symbols.end(), own.begin() + next, own.end());
  if (line.symbols.empty()) return {};
  line.text = TextOf(line.symbols);
  float sum = 0, weakest = 1;
  for (const OcrSymbol& s : line.symbols) sum += s.confidence, weakest = std::min(weakest, s.confidence);
  line.confidence = sum / line.symbols.size();
  OcrText out;
  out.confidence = line.confidence;
  out.weakest_symbol = weakest;
  out.lines.push_back(std::move(line));
  return out;
}

}  // namespace shenbao::ocr
