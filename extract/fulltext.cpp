#include "extract/fulltext.h"

#include <algorithm>

#include <opencv2/imgproc.hpp>
#include <spdlog/spdlog.h>

#include "extract/normalize.h"
#include "ocr/cleanup.h"
#include "ocr/cell_ink.h"
#include "ocr/line_vote.h"
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
// A line read at least this surely at the usual size is not read again: printed
// screenshot lines read at 0.95–1.0; blurred, tiny or photographed ones under 0.9.
constexpr float kSureLine = 0.9f;
// Ink heights (px) a doubtful line is read at. Tesseract's models were trained on
// lines of about 30–50 px; the same glyphs at other sizes fail in other places.
constexpr int kVoteHeights[] = {32, 48, 64};
constexpr int kFirstHeight = 48;

// How cleanly Otsu's threshold splits `gray` into two classes: between-class variance
// over total variance (1 for pure two-tone print, near 0 for a flat or noisy image).
double Separability(const cv::Mat& gray) {
  cv::Mat binary;
  const double t = cv::threshold(gray, binary, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
  cv::Scalar mean, stddev;
  cv::meanStdDev(gray, mean, stddev);
  const double total = stddev[0] * stddev[0];
  if (total < 1) return 0;
  const cv::Mat high = gray > t;
  const double n = static_cast<double>(gray.total()), n_high = cv::countNonZero(high);
  if (n_high == 0 || n_high == n) return 0;
  const double m_high = cv::mean(gray, high)[0], m_low = cv::mean(gray, ~high)[0];
  const double w = n_high / n;
  return w * (1 - w) * (m_high - m_low) * (m_high - m_low) / total;
}


// The grey rendering of a colour image in which text and ground separate best:
// luminance, or one colour channel (coloured print on a coloured ground, as on signs
// and photos, often stands out in one channel and blurs into the ground in grey). A
// channel must keep nearly all the ink luminance sees: in the red channel a red
// letterhead would vanish, and it is text too.
cv::Mat BestGrey(const cv::Mat& gray, const cv::Mat& color) {
  if (color.empty() || color.size() != gray.size()) return gray;
  std::vector<cv::Mat> channels;
  cv::split(color, channels);
  const cv::Mat gray_ink = ocr::InkMask(gray);
  const double gray_ink_pixels = std::max(1, cv::countNonZero(gray_ink));
  cv::Mat best = gray;
  double best_separability = Separability(gray);
  for (const cv::Mat& c : channels) {
    const double s = Separability(c);
    if (s <= best_separability + 0.05) continue;
    const double kept = cv::countNonZero(ocr::InkMask(c) & gray_ink) / gray_ink_pixels;
    spdlog::debug("channel separability {:.2f} (grey {:.2f}), keeps {:.2f} of the ink", s, best_separability, kept);
    if (kept >= 0.8) best = c, best_separability = s;
  }
  return best;
}


// How a line crop is turned black on white for the OCR.
enum class Render {
  kPageThreshold,  // at the page's Otsu threshold: print on a plain ground
  kThickened,      // the same, strokes grown a pixel: thin or faded print
  kFlattened,      // the ground's slow shading and texture removed first: scene text
};

// The ground under a dark-on-light line: a grey closing wider than any stroke leaves
// the paper, the shading and the coarse texture, and no text. The line less its
// ground is the text alone, which one threshold then splits cleanly where the page's
// threshold cuts through a textured or unevenly lit ground.
cv::Mat Flatten(const cv::Mat& scaled, int ink_height) {
  const int k = std::max(3, ink_height / 2) | 1;
  cv::Mat ground, text;
  cv::morphologyEx(scaled, ground, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, {k, k}));
  cv::subtract(ground, scaled, text);  // ink darkness above its ground
  cv::Mat out;
  cv::threshold(text, out, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  return out;
}

// One line crop (dark on light) scaled so its ink is `ink_height` px tall and
// binarised after scaling as `render` says (cubic upscaling then thresholding gives
// smooth stroke edges). The page threshold is the whole page's: a crop's own Otsu split can fall
// between a dark rule or shadow and everything else, text and ground together.
cv::Mat PrepareLine(const cv::Mat& line, double threshold, int ink_rows, int ink_height, Render render) {
  const double scale = std::clamp(static_cast<double>(ink_height) / std::max(1, ink_rows), 0.25, 8.0);
  cv::Mat scaled;
  cv::resize(line, scaled, cv::Size(), scale, scale, scale > 1 ? cv::INTER_CUBIC : cv::INTER_AREA);
  if (render == Render::kFlattened) return Flatten(scaled, ink_height);
  cv::threshold(scaled, scaled, threshold, 255, cv::THRESH_BINARY);
  if (render == Render::kThickened) cv::erode(scaled, scaled, cv::getStructuringElement(cv::MORPH_ELLIPSE, {3, 3}));
  return scaled;
}

ocr::LineReading Read(const cv::Mat& image, ocr::TextKind kind, ocr::OcrEngine& engine) {
  const ocr::OcrText text = engine.Recognize(image, kind);
  std::string joined;
  for (const ocr::OcrLine& l : text.lines) joined += NormalizeText(l.text);
  return {joined, text.confidence};
}

// One text line of `dark_on_light` (its box in that image, tight around the ink with
// a little margin). Read once at the usual size; with `vote`, a doubtful reading is
// read again at other sizes, binarisations and segmentation modes (the engine's
// single-line mode also asks the second model), and the readings vote character by
// character.
TextLine ReadLineByVote(const cv::Mat& dark_on_light, double threshold, const cv::Rect& box, int ink_rows,
                        bool vote, ocr::OcrEngine& engine) {
  const cv::Mat line = dark_on_light(box);
  TextLine out;
  out.box = box;
  const ocr::LineReading first =
      Read(PrepareLine(line, threshold, ink_rows, kFirstHeight, Render::kPageThreshold), ocr::TextKind::kLine, engine);
  if (!vote || (first.confidence >= kSureLine && !first.text.empty())) {
    out.text = out.raw = first.text;
    out.confidence = first.confidence;
    return out;
  }
  // The vote's sizes are measured on the characters: on a textured or ruled ground
  // (a sign, a photo) the ink's bounding box can be twice as tall as the text, which
  // would then be read at half the size meant.
  const int measured = ocr::CharacterHeight(line);
  const int char_rows = measured > 0 ? std::clamp(measured, std::max(1, ink_rows / 3), ink_rows) : ink_rows;
  std::vector<ocr::LineReading> readings;
  for (int height : kVoteHeights) {
    for (Render render : {Render::kPageThreshold, Render::kThickened, Render::kFlattened}) {
      const cv::Mat image = PrepareLine(line, threshold, char_rows, height, render);
      for (ocr::TextKind kind : {ocr::TextKind::kLine, ocr::TextKind::kBlock}) {
        const bool same_as_first = char_rows == ink_rows && height == kFirstHeight &&
                                   render == Render::kPageThreshold && kind == ocr::TextKind::kLine;
        readings.push_back(same_as_first ? first : Read(image, kind, engine));
        spdlog::debug("  reading at {} px, render {}, kind {}: '{}' ({:.2f})", height, static_cast<int>(render),
                      static_cast<int>(kind), readings.back().text, readings.back().confidence);
      }
    }
  }
  const ocr::VotedLine voted = ocr::VoteReadings(readings);
  spdlog::debug("full text line ({} px characters, ink {} px) voted from {} readings: '{}' (agreement {:.2f})",
                char_rows, ink_rows, readings.size(), voted.text, voted.agreement);
  out.text = out.raw = voted.text;
  // As sure as the readings agree: a character most readings back is seldom wrong,
  // even when each reading alone was unsure of it.
  out.confidence = voted.agreement;
  return out;
}

// The lines of the image read one by one (see ReadLineByVote); empty when the image
// does not split into a few plain text lines. Boxes are in `clean` pixels.
std::vector<TextLine> ReadLineByLine(const cv::Mat& clean, const cv::Mat& dark_on_light, double threshold, bool vote,
                                     ocr::OcrEngine& engine) {
  std::vector<TextLine> lines;
  const std::vector<cv::Rect> line_boxes = ocr::SplitTextLines(clean);
  if (line_boxes.empty() || line_boxes.size() > kMaxLinesReadOneByOne) return lines;
  const cv::Rect whole(0, 0, clean.cols, clean.rows);
  for (const cv::Rect& box : line_boxes) {
    // Trimmed to its ink: raw-line mode reads a wide white margin as characters.
    const cv::Rect ink = ocr::InkBounds(clean(box));
    if (ink.empty()) continue;
    const int pad = std::max(4, ink.height / 5);
    const cv::Rect tight =
        cv::Rect(box.x + ink.x - pad, box.y + ink.y - pad, ink.width + 2 * pad, ink.height + 2 * pad) & whole;
    TextLine line = ReadLineByVote(dark_on_light, threshold, tight, ink.height, vote, engine);
    if (!line.text.empty()) lines.push_back(std::move(line));
  }
  return lines;
}

// Tesseract's Chinese models read a pair of dashes (——, or two shorter dashes) as
// 一一, which a person searching for the dash, or for 一, would not find. The glyphs
// tell them apart: 一 is about a character wide; a dash pair is one bar two
// characters wide (——) or two bars clearly shorter than a character. Each 一一 of
// the text is matched, left to right, with a pair of lone bars in the line image;
// when the counts differ the text is left as read.
void RestoreDashes(TextLine& line, const cv::Mat& gray) {
  static const std::string kTwoOnes = "一一", kDashes = "——";
  std::vector<size_t> at;
  for (size_t p = line.text.find(kTwoOnes); p != std::string::npos; p = line.text.find(kTwoOnes, p + kTwoOnes.size()))
    at.push_back(p);
  if (at.empty()) return;
  const cv::Rect box = line.box & cv::Rect(0, 0, gray.cols, gray.rows);
  if (box.empty()) return;
  const double em = ocr::InkBounds(gray(box)).height;  // a CJK line's ink is one character tall
  if (em < 8) return;
  const std::vector<cv::Rect> bars = ocr::LoneBars(gray(box));
  std::vector<bool> pair_is_dash;
  for (size_t i = 0; i < bars.size(); ++i) {
    if (bars[i].width >= 1.5 * em) {
      pair_is_dash.push_back(true);
    } else if (i + 1 < bars.size() && bars[i + 1].x - bars[i].br().x < 0.5 * em && bars[i].width < 1.3 * em &&
               bars[i + 1].width < 1.3 * em) {
      pair_is_dash.push_back(bars[i].width < 0.8 * em && bars[i + 1].width < 0.8 * em);
      ++i;
    }
  }
  if (pair_is_dash.size() != at.size()) return;
  for (size_t k = at.size(); k-- > 0;)
    if (pair_is_dash[k]) line.text.replace(at[k], kTwoOnes.size(), kDashes);
}

// The cleaned page read again with automatic layout, as one block, and line by line
// (doubtful lines by a vote of several readings when `vote`); the reading that scores
// best (`first` included) is kept. Boxes are in page pixels.
std::vector<TextLine> ReadAgain(const cv::Mat& gray, std::vector<TextLine> first, bool vote, ocr::OcrEngine& engine) {
  std::vector<TextLine> best = std::move(first);
  int margin = 0;
  const cv::Mat clean = CleanForFullText(gray, &margin);
  if (margin == 0) return best;
  cv::Mat dark_on_light = ocr::DarkOnLight(gray), unused;
  const double threshold = cv::threshold(dark_on_light, unused, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
  cv::copyMakeBorder(dark_on_light, dark_on_light, margin, margin, margin, margin, cv::BORDER_CONSTANT,
                     cv::Scalar(255));
  const cv::Rect whole(0, 0, gray.cols, gray.rows), clean_whole(0, 0, clean.cols, clean.rows);
  double best_score = Score(best);
  for (int pass = 0; pass < 3; ++pass) {
    std::vector<TextLine> lines;
    if (pass < 2) {
      lines = ReadLines(clean, clean_whole, engine, pass == 0 ? ocr::TextKind::kPage : ocr::TextKind::kBlock);
    } else {
      // Line by line too, when the page is a few lines of plain text (a screenshot,
      // a crop, a sign): single-line reading skips layout analysis, and a doubtful
      // line gets a vote of several readings, which helps most on small or blurred
      // print.
      lines = ReadLineByLine(clean, dark_on_light, threshold, vote, engine);
    }
    const double score = Score(lines);
    spdlog::debug("full text pass {}: {} lines, score {:.1f} (best so far {:.1f})", pass, lines.size(), score,
                  best_score);
    if (score > best_score) {
      for (TextLine& l : lines) l.box = (l.box - cv::Point(margin, margin)) & whole;
      best = std::move(lines);
      best_score = score;
    }
  }
  return best;
}

}  // namespace

cv::Mat CleanForFullText(const cv::Mat& gray, int* margin) {
  *margin = 0;
  cv::Scalar mean, stddev;
  cv::meanStdDev(gray, mean, stddev);
  if (stddev[0] < 8) return gray.clone();  // no contrast: nothing printed to bring out
  cv::Mat clean;
  cv::threshold(ocr::DarkOnLight(gray), clean, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
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
  // Seal-ink dropout is there for the text under a seal; on a page with no seal it
  // only fades reddish print and a photo's colours, so the page's own grey is read.
  const cv::Mat& gray =
      page.seals.empty() && page.image.gray.size() == page.ocr_gray.size() ? page.image.gray : page.ocr_gray;
  // A small image (a screenshot, a crop, a photo of a sign) is cheap to read again,
  // even line by line several times, and is where layout analysis goes wrong most; a
  // page-sized scan is read again only when its first reading is poor, and each of its
  // lines once, to keep a page within seconds. The page is read again in the
  // rendering of its colours where its text stands out best.
  const bool small = page.ocr_gray.total() <= kSmallImagePixels;
  if (small || best.empty() || MeanConfidence(best) < kGoodReading) {
    const cv::Mat reread = &gray == &page.image.gray ? BestGrey(gray, page.image.color) : gray;
    best = ReadAgain(reread, std::move(best), /*vote=*/small, engine);
  }
  for (TextLine& l : best) RestoreDashes(l, gray);
  return best;
}

}  // namespace shenbao::extract
