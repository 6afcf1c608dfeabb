#pragma once
// The scanner's own picture of a PDF page. A scanned PDF page is usually one JPEG
// drawn over the whole page and nothing else (what scanners, img2pdf and the
// sample generator write). Its pixels are the JPEG's: decoding the JPEG directly
// gives the same page about three times faster than having Poppler draw it
// (Poppler decodes it too, then scales it through its general image pipeline).
// Anything else on the page — text, vector drawing, annotations, a second image,
// masks, unusual colour spaces — and the caller renders the page with Poppler.
// This is the shortcut OCRmyPDF's image extraction takes with qpdf (pikepdf).
#include <filesystem>
#include <memory>

#include <opencv2/core.hpp>

namespace shenbao::ocr {

class ScannedPdfPages {
 public:
  // Parses `path` with qpdf. A file qpdf cannot parse, or an encrypted one, gives an
  // object that finds no scanned pages: Poppler then reads the file and explains
  // what is wrong with it.
  explicit ScannedPdfPages(const std::filesystem::path& path);
  ~ScannedPdfPages();
  ScannedPdfPages(const ScannedPdfPages&) = delete;
  ScannedPdfPages& operator=(const ScannedPdfPages&) = delete;

  struct Page {
    cv::Mat pixels;                 // BGR, or one channel for a grey JPEG; empty: not a scan
    double width_pt = 0, height_pt = 0;  // the page as shown (crop box, turned), in points
  };
  // When page `index` (0-based) is exactly one JPEG covering the page, that JPEG
  // decoded and turned as the page's /Rotate shows it, at its own resolution.
  // Otherwise a Page with no pixels.
  Page Decode(int index) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace shenbao::ocr
