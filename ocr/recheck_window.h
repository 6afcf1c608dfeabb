#pragma once
// The second model's opinion on only the doubtful stretches of a long line. A long
// line the first model read surely (≥ 0.90) but for a character or two was read
// again whole by the second model: a third of all re-reading time on the benchmark
// pages went to such lines, most of whose characters both models read alike. The
// second model now reads a window around each doubtful character, a few sure
// characters on each side for context, and its reading stands in for the first's
// there; the two are then voted as whole-line readings are (VoteLines).
//
// A windowed line is not as well checked as a line read twice: a character outside
// every window was read by one model only. The result says so
// (OcrText::partly_rechecked), and the field's confidence stays below the level a
// person may trust unseen (extract/form_reader.cpp).
#include <functional>
#include <vector>

#include <opencv2/core.hpp>

#include "ocr/ocr_engine.h"

namespace shenbao::ocr {

// A stretch of a line's symbols [first, last) and the image columns [x0, x1) that
// hold it, in the coordinates of the line image.
struct RecheckWindow {
  size_t first = 0, last = 0;
  int x0 = 0, x1 = 0;
};

// The dark pixels of each column of a line image (under its own Otsu threshold),
// and the image's height: what DoubtfulSymbols and DoubtfulWindows look at, taken
// once per line.
struct LineInk {
  std::vector<int> per_column;
  int height = 0;
  static LineInk Of(const cv::Mat& gray);
  int width() const { return static_cast<int>(per_column.size()); }
};

struct RecheckWindowOptions {
  size_t min_symbols = 16;       // shorter lines are cheap to read whole
  float doubtful_below = 0.96f;  // a symbol read below this is doubtful
  size_t context = 3;            // sure symbols taken in on each side (one is an anchor)
  // Windows wider than this share of the line read it whole: little would be saved
  // and the second model reads best with the whole line as context.
  double most_of_line = 0.6;
};

// Which symbols of `line` (a reading of the image `ink` was taken of) the second model must see: those
// read below `doubtful_below`; the last two digits of a number ending in 0, 6, 8 or
// 9 (the first model reads a '%' as "96" or "0" with high confidence; the second
// model, reading the whole line, used to restore it); and the first or last symbol
// when there is ink beyond it that no symbol covers (a final '。' the first model
// dropped).
std::vector<bool> DoubtfulSymbols(const OcrLine& line, const LineInk& ink, const RecheckWindowOptions& options = {});

// The windows to read again in `line`, a reading of `ink`'s image (one line, symbols with
// boxes), around the symbols `doubtful` marks; empty when the whole line should be
// read again instead: too few symbols, none doubtful, a symbol without a box, or
// windows covering most of the line. Windows are cut in the quietest column between
// two symbols, so no glyph is cut in half; a window at either end of the line runs
// to the image's edge.
std::vector<RecheckWindow> DoubtfulWindows(const OcrLine& line, const LineInk& ink, const std::vector<bool>& doubtful,
                                           const RecheckWindowOptions& options = {});

// `first` (one line) with each window's symbols replaced by the second model's
// reading of that window (`readings[i]` read `windows[i]`, boxes already in line
// coordinates): a reading of the whole line to vote with `first` (VoteLines).
// Outside the windows it is `first`'s own reading, which the vote then keeps.
// A window's outermost characters inside the line stay the first model's (a cut may
// go through a glyph); the second model's reading counts from where it reads the
// sure character next to them as the first model did. Empty when a window's reading
// is not one line or lacks those anchors: then the line is read whole.
OcrText SplicedReading(const OcrText& first, const std::vector<RecheckWindow>& windows,
                       const std::vector<OcrText>& readings);

// `first` (one line of `gray`) with each window of `windows` read again by `read`,
// given the window's columns of `gray`: the SplicedReading of those readings (boxes
// moved into line coordinates). Empty as SplicedReading is, or when there are no windows.
using WindowReader = std::function<OcrText(const cv::Mat&)>;
OcrText ReadWindows(const cv::Mat& gray, const OcrText& first, const std::vector<RecheckWindow>& windows,
                    const WindowReader& read);

// `first` voted with `spliced`, its windowed reading (VoteLines), as a line only
// partly read twice: marked partly_rechecked, never "models agree", and no surer
// (line confidence, weakest character) than `first` alone. Where the windows show
// the models disagree, it is a vote, as a whole-line disagreement is.
OcrText WindowedVote(const OcrText& first, const OcrText& spliced);

// `merged`, `first` merged with its windowed reading (WindowedVote, WithRunnerUps),
// marked as WindowedVote marks it.
OcrText PartlyRechecked(OcrText merged, const OcrText& first);

// Moves every box of `text` `dx` columns to the right.
void ShiftBoxes(OcrText& text, int dx);

}  // namespace shenbao::ocr
