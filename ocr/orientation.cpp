#include "ocr/orientation.h"

#include <algorithm>
#include <memory>

#include <opencv2/imgproc.hpp>
#include <spdlog/spdlog.h>
#include <tesseract/baseapi.h>

#include "ocr/cleanup.h"

namespace shenbao::ocr {
namespace {

// OSD classifies a sample of the page's characters in all four orientations, and
// the sample's size sets both its cost and its confidence. Tesseract's default (50,
// up to 250 tried) made orientation a fifth of a page's CPU time. A first look at
// 20 takes half that and settles most pages; a page it leaves unclear gets the full
// 50 before the line-confidence check, which once turned a hard scan upside down
// that 50 characters had called clearly (OSD 3.9 at 50, 1.6 at 20).
constexpr const char* kQuickOsdCharacters = "20";
constexpr const char* kFullOsdCharacters = "50";
// Tesseract's orientation confidence is a ratio-like score, not a probability, and
// grows with the characters tried. A turned or upright form page scores 2–20 with
// 50 tried (1–10 with 20, 92% of them 2 or more); text-line crops and photos with
// little text score under 1.
constexpr double kClearOsdConfidence = 2.0;
constexpr double kAxisOsdConfidence = 0.5;

struct TessDeleter {
  void operator()(tesseract::TessBaseAPI* api) const {
    api->End();
    delete api;
  }
};

// One OSD instance per thread (TessBaseAPI is not thread-safe), created on first
// use. nullptr when osd.traineddata is missing: orientation then rests on the
// line-confidence check alone.
tesseract::TessBaseAPI* OsdApi() {
  thread_local std::unique_ptr<tesseract::TessBaseAPI, TessDeleter> api;
  thread_local bool tried = false;
  if (!tried) {
    tried = true;
    auto candidate = std::unique_ptr<tesseract::TessBaseAPI, TessDeleter>(new tesseract::TessBaseAPI());
    candidate->SetVariable("debug_file", "/dev/null");
    if (candidate->Init(nullptr, "osd", tesseract::OEM_TESSERACT_ONLY) == 0) {
      candidate->SetVariable("debug_file", "/dev/null");
      candidate->SetPageSegMode(tesseract::PSM_OSD_ONLY);
      api = std::move(candidate);
    } else {
      spdlog::warn("Tesseract model 'osd' not found: page orientation is checked by OCR confidence only");
    }
  }
  return api.get();
}

// Ink mask (255 = ink) of a grey page at `scale`, with long ruling lines removed so
// that table grids do not look like text lines.
cv::Mat TextInk(const cv::Mat& gray, double scale) {
  cv::Mat small;
  cv::resize(gray, small, cv::Size(), scale, scale, cv::INTER_AREA);
  cv::Mat ink;
  cv::threshold(small, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  // Longer than any character could be: an eighth of the longer side (a single
  // text line's strokes span its whole height, so not of the shorter side).
  const int long_run = std::max(15, std::max(ink.cols, ink.rows) / 8);
  cv::Mat h_rules, v_rules;
  cv::morphologyEx(ink, h_rules, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, {long_run, 1}));
  cv::morphologyEx(ink, v_rules, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, {1, long_run}));
  ink.setTo(0, h_rules | v_rules);
  return ink;
}

// Boxes (in `gray` pixels) of up to `count` horizontal text lines, longest first:
// characters smeared together along the line, kept when much wider than tall.
std::vector<cv::Rect> SampleTextLines(const cv::Mat& gray, size_t count) {
  // Work at about 100 px per text line height / 4: a 300 dpi page at a quarter.
  const double scale = std::min(1.0, 1000.0 / std::max(gray.cols, gray.rows));
  cv::Mat ink = TextInk(gray, scale);
  cv::Mat smeared;
  const int gap = std::max(3, static_cast<int>(std::lround(12 * scale * 300 / 150)));
  cv::dilate(ink, smeared, cv::getStructuringElement(cv::MORPH_RECT, {gap, 1}));
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(smeared, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  std::vector<cv::Rect> lines;
  for (const auto& c : contours) {
    const cv::Rect r = cv::boundingRect(c);
    if (r.height < 4 || r.width < 3 * r.height) continue;
    lines.push_back(r);
  }
  std::sort(lines.begin(), lines.end(), [](const cv::Rect& a, const cv::Rect& b) { return a.area() > b.area(); });
  if (lines.size() > count) lines.resize(count);
  const cv::Rect page(0, 0, gray.cols, gray.rows);
  for (cv::Rect& r : lines) {
    const int pad = std::max(2, r.height / 4);
    r = cv::Rect(cv::Point(static_cast<int>((r.x - pad) / scale), static_cast<int>((r.y - pad) / scale)),
                 cv::Point(static_cast<int>((r.br().x + pad) / scale), static_cast<int>((r.br().y + pad) / scale))) &
        page;
  }
  return lines;
}

// Which axis the text runs along, from OSD on a reduced page. Tesseract's OSD tells
// 0° from 90° well; its 0°/180° call on Chinese is close to a coin toss.
bool RunOsd(const cv::Mat& gray, const char* characters_to_try, OrientationEstimate& out) {
  tesseract::TessBaseAPI* api = OsdApi();
  if (!api) return false;
  api->SetVariable("min_characters_to_try", characters_to_try);
  // OSD wants characters of ordinary print size: about 150 dpi for a 300 dpi A4 page
  // (1240 px on the long side) is enough and four times cheaper than full size.
  const double scale = std::min(1.0, 1600.0 / std::max(gray.cols, gray.rows));
  cv::Mat small;
  if (scale < 1.0) cv::resize(gray, small, cv::Size(), scale, scale, cv::INTER_AREA);
  else small = gray;
  if (!small.isContinuous()) small = small.clone();
  api->SetImage(small.data, small.cols, small.rows, 1, static_cast<int>(small.step));
  api->SetSourceResolution(static_cast<int>(300 * scale));
  int orient_deg = 0;
  float orient_conf = 0, script_conf = 0;
  const char* script = nullptr;
  const bool ok = api->DetectOrientationScript(&orient_deg, &orient_conf, &script, &script_conf);
  api->Clear();
  if (!ok) return false;
  out.osd_ran = true;
  // orient_deg is how far the text is turned clockwise (a page turned 90° clockwise
  // gives 90); undoing it is the counter-clockwise turn, 360 - orient_deg clockwise.
  out.osd_rotation = ((360 - orient_deg) % 360 + 360) % 360;
  out.osd_confidence = orient_conf;
  return true;
}

// Mean OCR confidence of the sample lines of `upright`, and of the same lines turned
// 180°. Upside-down Chinese is read as confident nonsense less often than as low
// confidence, and summing over several lines evens out the exceptions.
std::pair<double, double> LineConfidences(const cv::Mat& upright, OcrEngine& engine) {
  double straight = 0, flipped = 0;
  for (const cv::Rect& r : SampleTextLines(upright, 3)) {
    const cv::Mat line = upright(r);
    cv::Mat turned;
    cv::rotate(line, turned, cv::ROTATE_180);
    const OcrText a = engine.Recognize(line, TextKind::kLine);
    const OcrText b = engine.Recognize(turned, TextKind::kLine);
    // Weight by the characters read so a line read as one confident glyph counts little.
    auto score = [](const OcrText& t) {
      double s = 0;
      for (const auto& l : t.lines)
        for (const auto& w : l.words) s += w.confidence * std::max<size_t>(1, w.text.size() / 3);
      return s;
    };
    straight += score(a);
    flipped += score(b);
  }
  return {straight, flipped};
}

}  // namespace

cv::Mat RotateClockwise(const cv::Mat& image, int rotation) {
  cv::Mat out;
  switch (((rotation % 360) + 360) % 360) {
    case 90: cv::rotate(image, out, cv::ROTATE_90_CLOCKWISE); break;
    case 180: cv::rotate(image, out, cv::ROTATE_180); break;
    case 270: cv::rotate(image, out, cv::ROTATE_90_COUNTERCLOCKWISE); break;
    default: out = image; break;
  }
  return out;
}

OrientationEstimate EstimateOrientation(const cv::Mat& gray_in, OcrEngine& engine) {
  OrientationEstimate out;
  if (gray_in.empty() || gray_in.cols < 16 || gray_in.rows < 16) return out;
  // OSD and the OCR models read dark text on a light ground (the engine does not
  // try inverted text); a sign or a screenshot with light text on a dark ground is
  // turned over first, or its orientation is a guess.
  const cv::Mat gray = DarkOnLight(gray_in);
  try {
    if (!RunOsd(gray, kQuickOsdCharacters, out) || out.osd_confidence < kClearOsdConfidence)
      RunOsd(gray, kFullOsdCharacters, out);
  } catch (const std::exception& e) {
    spdlog::debug("orientation detection failed: {}", e.what());
  }
  // A clear OSD answer is taken as it is: measured on the sample forms it was right
  // in every orientation, and it is the cheap path every upright page takes. Below
  // that (little text, a single line, scene text) the line-confidence check decides:
  // on OSD's axis when OSD at least saw lines, on both axes when it saw nothing.
  if (out.osd_ran && out.osd_confidence >= kClearOsdConfidence) {
    out.rotation = out.osd_rotation;
    out.confidence = std::min(1.0, out.osd_confidence / (2 * kClearOsdConfidence) + 0.5);
    return out;
  }
  std::vector<int> axes;
  const bool sideways = out.osd_rotation == 90 || out.osd_rotation == 270;
  if (out.osd_ran && out.osd_confidence >= kAxisOsdConfidence) axes = {sideways ? 90 : 0};
  else axes = {0, 90};
  double best = -1, total = 0;
  for (int axis : axes) {
    const cv::Mat upright = RotateClockwise(gray, axis);
    const auto [straight, flipped] = LineConfidences(upright, engine);
    total += straight + flipped;
    if (straight > best) best = straight, out.rotation = axis;
    if (flipped > best) best = flipped, out.rotation = (axis + 180) % 360;
  }
  out.confidence = total > 0 ? best / total : 0;
  return out;
}

OrientationEstimate MakeUpright(PageImage& page, OcrEngine& engine) {
  const OrientationEstimate estimate = EstimateOrientation(page.gray, engine);
  if (estimate.rotation != 0) {
    page.gray = RotateClockwise(page.gray, estimate.rotation);
    if (page.has_color()) page.color = RotateClockwise(page.color, estimate.rotation);
    page.rotation = (page.rotation + estimate.rotation) % 360;
  }
  return estimate;
}

}  // namespace shenbao::ocr
