#include "ocr/document_source.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <mutex>

#include <leptonica/allheaders.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>
#include <spdlog/spdlog.h>

#include "ocr/cleanup.h"
#include "ocr/pdf_scan_image.h"

namespace shenbao::ocr {
namespace {

enum class Magic { kEmpty, kPdf, kPng, kJpeg, kTiff, kBmp, kWebp, kUnknown };

Magic SniffMagic(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DocumentError("unreadable", "cannot open file: " + path.string());
  std::array<unsigned char, 16> head{};
  in.read(reinterpret_cast<char*>(head.data()), head.size());
  const auto n = in.gcount();
  if (n == 0) return Magic::kEmpty;
  auto starts = [&](std::string_view s) {
    return n >= static_cast<std::streamsize>(s.size()) &&
           std::equal(s.begin(), s.end(), head.begin(), [](char c, unsigned char h) { return static_cast<unsigned char>(c) == h; });
  };
  // A PDF may have a little junk before its header; the spec allows 1024 bytes.
  if (starts("%PDF")) return Magic::kPdf;
  if (starts("\x89PNG")) return Magic::kPng;
  if (n >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) return Magic::kJpeg;
  if (starts("II*") || starts(std::string_view("MM\0*", 4))) return Magic::kTiff;
  if (starts("BM")) return Magic::kBmp;
  if (starts("RIFF") && n >= 12 && std::string_view(reinterpret_cast<char*>(head.data()) + 8, 4) == "WEBP") return Magic::kWebp;
  std::ifstream again(path, std::ios::binary);
  std::string first_kb(1024, '\0');
  again.read(first_kb.data(), first_kb.size());
  if (first_kb.find("%PDF-") != std::string::npos) return Magic::kPdf;
  return Magic::kUnknown;
}

const char* MagicName(Magic m) {
  switch (m) {
    case Magic::kPdf: return "PDF";
    case Magic::kPng: return "PNG";
    case Magic::kJpeg: return "JPEG";
    case Magic::kTiff: return "TIFF";
    case Magic::kBmp: return "BMP";
    case Magic::kWebp: return "WebP";
    case Magic::kEmpty: return "empty";
    default: return "unknown";
  }
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// A4 is 210 × 297 mm. A scan that carries no resolution is assumed to be a page of
// about A4 size, which holds for the forms shenbao reads.
int InferDpiFromSize(int width, int height) {
  const double long_side_in = 297.0 / 25.4;
  const int long_px = std::max(width, height);
  const int dpi = static_cast<int>(std::lround(long_px / long_side_in));
  return std::clamp(dpi, 20, 1200);
}

// Median height in pixels of the text lines of a grey image (rows holding ink,
// between blank rows), 0 when it has none. Long ruling lines are removed first so a
// table border is not taken for a line of text.
int MedianTextLineHeight(const cv::Mat& gray) {
  const double scale = std::min(1.0, 1600.0 / std::max(gray.cols, gray.rows));
  cv::Mat small;
  if (scale < 1.0) cv::resize(gray, small, cv::Size(), scale, scale, cv::INTER_AREA);
  else small = gray;
  cv::Mat ink = InkMask(small);
  const int long_run = std::max(20, ink.cols / 6);
  cv::Mat rules;
  cv::morphologyEx(ink, rules, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, {long_run, 1}));
  ink.setTo(0, rules);
  cv::morphologyEx(ink, rules, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, {1, std::max(20, ink.rows / 6)}));
  ink.setTo(0, rules);
  cv::Mat rows;
  cv::reduce(ink, rows, 1, cv::REDUCE_SUM, CV_32S);
  const int min_ink = 255 * 2;
  std::vector<int> heights;
  int start = -1, blank = 0;
  for (int y = 0; y <= rows.rows; ++y) {
    const bool has_ink = y < rows.rows && rows.at<int>(y) >= min_ink;
    if (has_ink) {
      if (start < 0) start = y;
      blank = 0;
    } else if (start >= 0 && (++blank > 1 || y == rows.rows)) {
      // One blank row inside a character (二, 三) does not end the line.
      const int h = y - blank + 1 - start;
      if (h >= 3) heights.push_back(h);
      start = -1;
      blank = 0;
    }
  }
  if (heights.empty()) return 0;
  std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
  return static_cast<int>(std::lround(heights[heights.size() / 2] / scale));
}

// The resolution to treat an image as having. The OCR and every size rule downstream
// expect print at about 300 dpi, where a line of body text is 30–60 px tall. The
// stored resolution is used when there is one, else the page is assumed to be A4.
// An image too small to be a scanned page (a screenshot, a photo of one line, a crop)
// says nothing by its size, and a screenshot's stored 72 or 96 dpi is not a print
// resolution: there, when the text would come out outside 22–80 px, the text itself
// sets the scale. A page-sized image keeps its resolution: a table's rows or a large
// title would mislead the text measure.
int EffectiveDpi(const cv::Mat& bgr, int stored_dpi) {
  int dpi = stored_dpi > 0 ? stored_dpi : InferDpiFromSize(bgr.cols, bgr.rows);
  constexpr int kPageSizedShortSide = 1000;  // A4 at 120 dpi
  if (std::min(bgr.cols, bgr.rows) >= kPageSizedShortSide) return std::clamp(dpi, 20, 2400);
  cv::Mat gray;
  cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);
  const int line_px = MedianTextLineHeight(gray);
  if (line_px > 0) {
    const double at_300 = line_px * 300.0 / dpi;
    constexpr double kTargetLinePx = 45;
    if (at_300 < 22 || at_300 > 80) dpi = static_cast<int>(std::lround(300.0 * line_px / kTargetLinePx));
  }
  spdlog::debug("image {}x{}: stored {} dpi, text lines {} px: read as {} dpi", bgr.cols, bgr.rows, stored_dpi,
                line_px, dpi);
  return std::clamp(dpi, 20, 2400);
}

// Resamples to 300 dpi when the effective resolution is far from it, bounded so a
// tiny crop is not blown up past 8× and a huge photo stays under `max_pixels`.
cv::Mat ResampleTo300(cv::Mat bgr, int& dpi, long long max_pixels) {
  double scale = 300.0 / dpi;
  if (std::abs(scale - 1.0) < 0.2) return bgr;
  scale = std::min(scale, 8.0);
  const double pixels = static_cast<double>(bgr.cols) * bgr.rows * scale * scale;
  if (pixels > static_cast<double>(max_pixels)) scale *= std::sqrt(max_pixels / pixels);
  cv::Mat out;
  cv::resize(bgr, out, cv::Size(), scale, scale, scale > 1 ? cv::INTER_CUBIC : cv::INTER_AREA);
  dpi = static_cast<int>(std::lround(dpi * scale));
  return out;
}

// Flattens alpha onto white, scales 16-bit to 8-bit, expands grey to BGR.
cv::Mat ToBgr8(const cv::Mat& input) {
  cv::Mat m = input;
  if (m.depth() == CV_16U) m.convertTo(m, CV_8U, 1.0 / 257.0);
  else if (m.depth() != CV_8U) m.convertTo(m, CV_8U);
  if (m.channels() == 4) {
    std::vector<cv::Mat> ch;
    cv::split(m, ch);
    cv::Mat alpha;
    ch[3].convertTo(alpha, CV_32F, 1.0 / 255.0);
    cv::Mat out(m.size(), CV_8UC3);
    for (int c = 0; c < 3; ++c) {
      cv::Mat f;
      ch[c].convertTo(f, CV_32F);
      // White text on transparency would vanish on white: where the colour is
      // lighter than the background would be, composite on white but keep the
      // alpha as darkness.
      cv::Mat flat = f.mul(alpha) + 255.0f * (1.0f - alpha);
      flat.convertTo(ch[c], CV_8U);
    }
    cv::Mat bgr;
    cv::merge(std::vector<cv::Mat>{ch[0], ch[1], ch[2]}, bgr);
    // If everything came out near white, the ink lives in alpha: draw alpha as ink.
    cv::Mat grey;
    cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
    cv::Mat alpha8;
    ch[3].copyTo(alpha8);
    double ink_visible = cv::mean(255 - grey)[0];
    double alpha_mass = cv::mean(alpha8)[0];
    if (alpha_mass > 5 && ink_visible < alpha_mass * 0.1) {
      cv::Mat inv = 255 - alpha8;
      cv::cvtColor(inv, bgr, cv::COLOR_GRAY2BGR);
    }
    return bgr;
  }
  if (m.channels() == 1) {
    cv::Mat bgr;
    cv::cvtColor(m, bgr, cv::COLOR_GRAY2BGR);
    return bgr;
  }
  return m;
}

// True when every pixel is grey (R≈G≈B): no point keeping a colour copy.
bool IsGreyscale(const cv::Mat& bgr) {
  cv::Mat small;
  cv::resize(bgr, small, cv::Size(), 0.25, 0.25, cv::INTER_NEAREST);
  std::vector<cv::Mat> ch;
  cv::split(small, ch);
  cv::Mat d1, d2;
  cv::absdiff(ch[2], ch[1], d1);
  cv::absdiff(ch[1], ch[0], d2);
  return cv::countNonZero(d1 > 24) + cv::countNonZero(d2 > 24) < 20;
}

PageImage MakePage(int page_number, int dpi, cv::Mat bgr) {
  PageImage page;
  page.page = page_number;
  page.dpi = dpi;
  if (bgr.channels() == 1) {
    page.gray = std::move(bgr);
    return page;
  }
  cv::cvtColor(bgr, page.gray, cv::COLOR_BGR2GRAY);
  if (!IsGreyscale(bgr)) page.color = std::move(bgr);
  return page;
}

// A scan taken from the PDF as the page Poppler would render at `dpi`: the same
// pixel size, so nothing downstream can tell the two apart. A scan within 2% of
// that size is kept as it is: resampling it would only blur it.
PageImage ScanAsRendered(int page_number, int dpi, ScannedPdfPages::Page scan) {
  const cv::Size rendered(static_cast<int>(std::lround(scan.width_pt * dpi / 72.0)),
                          static_cast<int>(std::lround(scan.height_pt * dpi / 72.0)));
  const double scale = static_cast<double>(rendered.width) / scan.pixels.cols;
  if (std::abs(scale - 1.0) < 0.02 && std::abs(static_cast<double>(rendered.height) / scan.pixels.rows - 1.0) < 0.02) {
    return MakePage(page_number, static_cast<int>(std::lround(dpi / scale)), std::move(scan.pixels));
  }
  cv::Mat resized;
  // Bilinear up, area down: what Poppler's image scaler does.
  cv::resize(scan.pixels, resized, rendered, 0, 0, scale > 1 ? cv::INTER_LINEAR : cv::INTER_AREA);
  return MakePage(page_number, dpi, std::move(resized));
}

void PopplerMessage(const std::string& message, void*) { spdlog::debug("poppler: {}", message); }

class PdfSource : public PageSource {
 public:
  PdfSource(const std::filesystem::path& path, const RasterOptions& options) : path_(path), options_(options) {
    document_.reset(poppler::document::load_from_file(path.string()));
    if (!document_) throw DiagnoseLoadFailure();
    if (document_->is_locked()) {
      throw DocumentError("encrypted", "PDF is encrypted (needs a password): " + path.string());
    }
    pages_ = document_->pages();
    if (pages_ <= 0) throw DocumentError("no-pages", "PDF has no pages: " + path.string());
    if (options.decode_scans_directly) scans_ = std::make_unique<ScannedPdfPages>(path);
  }
  int page_count() const override { return pages_; }
  std::string kind() const override { return "pdf"; }

  PageImage Render(int index) override {
    std::unique_ptr<poppler::page> page(document_->create_page(index));
    if (!page) throw DocumentError("unreadable", "page " + std::to_string(index + 1) + " cannot be read");
    const poppler::rectf box = page->page_rect(poppler::media_box);
    int dpi = options_.dpi;
    const double w_in = std::abs(box.width()) / 72.0, h_in = std::abs(box.height()) / 72.0;
    if (!(w_in > 0.1 && h_in > 0.1)) {
      throw DocumentError("unreadable", "page " + std::to_string(index + 1) + " has no size");
    }
    const double pixels = w_in * h_in * dpi * dpi;
    if (pixels > static_cast<double>(options_.max_page_pixels)) {
      dpi = static_cast<int>(std::sqrt(options_.max_page_pixels / (w_in * h_in)));
      if (dpi < 20) {
        throw DocumentError("too-large", "page " + std::to_string(index + 1) + " is " +
                                             std::to_string(static_cast<int>(w_in)) + "×" +
                                             std::to_string(static_cast<int>(h_in)) + " inches: too large to render");
      }
      spdlog::warn("{}: page {} is very large ({:.0f}×{:.0f} in); rendering at {} dpi", path_.string(), index + 1, w_in,
                   h_in, dpi);
    }
    if (scans_) {
      ScannedPdfPages::Page scan = scans_->Decode(index);
      if (!scan.pixels.empty()) return ScanAsRendered(index + 1, dpi, std::move(scan));
    }
    poppler::page_renderer renderer;
    renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
    renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
    renderer.set_image_format(poppler::image::format_bgr24);
    poppler::image image = renderer.render_page(page.get(), dpi, dpi);
    if (!image.is_valid() || image.width() <= 0 || image.height() <= 0) {
      throw DocumentError("unreadable", "page " + std::to_string(index + 1) + " could not be rendered");
    }
    cv::Mat view(image.height(), image.width(), CV_8UC3, const_cast<char*>(image.const_data()), image.bytes_per_row());
    return MakePage(index + 1, dpi, view.clone());
  }

 private:
  // Poppler says only "could not load"; look at the bytes to tell the user why.
  DocumentError DiagnoseLoadFailure() const {
    std::ifstream in(path_, std::ios::binary | std::ios::ate);
    const auto size = static_cast<long long>(in.tellg());
    const long long tail_len = std::min<long long>(size, 2048);
    std::string tail(tail_len, '\0');
    in.seekg(size - tail_len);
    in.read(tail.data(), tail_len);
    std::string head(std::min<long long>(size, 1 << 20), '\0');
    in.seekg(0);
    in.read(head.data(), head.size());
    if (head.find("/Encrypt") != std::string::npos) {
      return DocumentError("encrypted", "PDF is encrypted and cannot be opened: " + path_.string());
    }
    if (tail.find("%%EOF") == std::string::npos) {
      return DocumentError("truncated", "PDF is truncated (no end-of-file marker): " + path_.string());
    }
    return DocumentError("unreadable", "PDF is damaged and cannot be opened: " + path_.string());
  }

  std::filesystem::path path_;
  RasterOptions options_;
  std::unique_ptr<poppler::document> document_;
  std::unique_ptr<ScannedPdfPages> scans_;  // pages that are one JPEG, decoded without Poppler
  int pages_ = 0;
};

struct FileCloser {
  void operator()(FILE* f) const { fclose(f); }
};

// Resolution stored in the image header, read with Leptonica (OpenCV does not
// expose it); 0 when the file stores none or an implausible one.
int StoredResolution(const std::filesystem::path& path, Magic magic) {
  std::unique_ptr<FILE, FileCloser> file(fopen(path.c_str(), "rb"));
  if (!file) return 0;
  l_int32 xres = 0, yres = 0;
  switch (magic) {
    case Magic::kJpeg: fgetJpegResolution(file.get(), &xres, &yres); break;
    case Magic::kPng: fgetPngResolution(file.get(), &xres, &yres); break;
    case Magic::kTiff: getTiffResolution(file.get(), &xres, &yres); break;
    default: break;
  }
  return xres >= 50 && xres <= 2400 ? xres : 0;
}

class ImageSource : public PageSource {
 public:
  ImageSource(const std::filesystem::path& path, Magic magic, const RasterOptions& options)
      : path_(path), magic_(magic), options_(options) {
    if (magic == Magic::kTiff) {
      if (!cv::imreadmulti(path.string(), pages_, cv::IMREAD_UNCHANGED) || pages_.empty()) {
        throw DocumentError("unreadable", std::string("TIFF image cannot be decoded: ") + path.string());
      }
    } else {
      cv::Mat raw = cv::imread(path.string(), cv::IMREAD_UNCHANGED);
      if (raw.empty()) {
        throw DocumentError("unreadable", std::string(MagicName(magic)) + " image cannot be decoded (damaged or truncated): " + path.string());
      }
      // IMREAD_UNCHANGED ignores EXIF orientation; IMREAD_COLOR honours it. Use
      // the latter unless there is an alpha channel to flatten.
      if (raw.channels() != 4 && raw.depth() == CV_8U) raw = cv::imread(path.string(), cv::IMREAD_COLOR);
      pages_.push_back(std::move(raw));
    }
  }
  int page_count() const override { return static_cast<int>(pages_.size()); }
  std::string kind() const override { return "image"; }

  PageImage Render(int index) override {
    cv::Mat bgr = ToBgr8(pages_.at(index));
    pages_.at(index).release();  // rendered once; free the decoded copy
    if (bgr.cols < 16 || bgr.rows < 16) {
      throw DocumentError("unreadable", "image page " + std::to_string(index + 1) + " is too small to read");
    }
    int dpi = EffectiveDpi(bgr, StoredResolution(path_, magic_));
    bgr = ResampleTo300(std::move(bgr), dpi, options_.max_page_pixels);
    return MakePage(index + 1, dpi, std::move(bgr));
  }

 private:
  std::filesystem::path path_;
  Magic magic_;
  RasterOptions options_;
  std::vector<cv::Mat> pages_;
};

}  // namespace

bool IsSupportedInputName(const std::filesystem::path& path) {
  static const std::array<std::string_view, 8> kExtensions = {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp"};
  const std::string ext = Lower(path.extension().string());
  return std::find(kExtensions.begin(), kExtensions.end(), ext) != kExtensions.end();
}

std::unique_ptr<PageSource> OpenDocument(const std::filesystem::path& path, const RasterOptions& options) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw DocumentError("unreadable", "not a file: " + path.string());
  const Magic magic = SniffMagic(path);
  const std::string ext = Lower(path.extension().string());
  if (magic == Magic::kEmpty) throw DocumentError("empty-file", "file is empty (0 bytes): " + path.string());
  if (ext == ".pdf" && magic != Magic::kPdf) {
    // A misnamed file is more likely a mix-up than a gift: say so rather than guess.
    throw DocumentError("not-a-pdf", std::string("file is named .pdf but is not a PDF (content: ") + MagicName(magic) +
                                         "): " + path.string());
  }
  switch (magic) {
    case Magic::kPdf: return std::make_unique<PdfSource>(path, options);
    case Magic::kPng:
    case Magic::kJpeg:
    case Magic::kTiff:
    case Magic::kBmp:
    case Magic::kWebp: return std::make_unique<ImageSource>(path, magic, options);
    default:
      throw DocumentError("unsupported-format", "not a PDF or a supported image (PNG, JPEG, TIFF): " + path.string());
  }
}

void RouteLibraryMessagesToLog() {
  static std::once_flag once;
  std::call_once(once, [] {
    poppler::set_debug_error_function(PopplerMessage, nullptr);
    leptSetStderrHandler([](const char* msg) { spdlog::debug("leptonica: {}", msg); });
  });
}

}  // namespace shenbao::ocr
