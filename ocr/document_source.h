#pragma once
// Opening an input file and producing its pages one at a time (PDF via Poppler,
// images via OpenCV). Pages are rendered on demand so a 1,000-page PDF is never
// held in memory whole.
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "ocr/page_image.h"

namespace shenbao::ocr {

// A file (or one of its pages) that cannot be read. `reason` is a short stable code
// for scripts ("encrypted", "truncated", "not-a-pdf", "empty-file", "unsupported-format",
// "unreadable", "too-large", "no-pages"); what() is the message for a person.
class DocumentError : public std::runtime_error {
 public:
  DocumentError(std::string reason, const std::string& message)
      : std::runtime_error(message), reason_(std::move(reason)) {}
  const std::string& reason() const { return reason_; }

 private:
  std::string reason_;
};

struct RasterOptions {
  int dpi = 300;                        // PDF rasterization resolution
  long long max_page_pixels = 120'000'000;  // a larger page is rendered at a lower DPI
  // A PDF page that is one full-page JPEG is decoded directly (ocr/pdf_scan_image.h);
  // false: Poppler renders every page (tests compare the two).
  bool decode_scans_directly = true;
};

class PageSource {
 public:
  virtual ~PageSource() = default;
  virtual int page_count() const = 0;
  // Renders page `index` (0-based). Throws DocumentError when that page cannot be read.
  virtual PageImage Render(int index) = 0;
  virtual std::string kind() const = 0;  // "pdf" or "image"
};

// Opens `path` by its content, not its name. Throws DocumentError naming the reason.
std::unique_ptr<PageSource> OpenDocument(const std::filesystem::path& path, const RasterOptions& options);

// True when the extension names a format shenbao reads (.pdf .png .jpg .jpeg .tif .tiff
// .bmp .webp), for folder scans.
bool IsSupportedInputName(const std::filesystem::path& path);

// Routes Poppler's and Leptonica's messages to spdlog (once per process).
void RouteLibraryMessagesToLog();

}  // namespace shenbao::ocr
