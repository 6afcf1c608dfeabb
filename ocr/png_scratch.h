#pragma once
// Tesseract 5.3 as Debian builds it (without TESSERACT_IMAGEDATA_AS_PIX) keeps each
// word image it recognises as an in-memory PNG (ImageData::SetPixInternal, a path
// made for training data) and decodes it again a moment later. Leptonica asks zlib
// for its default compression and libpng then tries all five row filters on every
// row: 5–8% of a form page's CPU time went into compressing images nobody keeps.
//
// While a ScratchPngScope is alive on a thread, PNGs written on that thread are
// stored uncompressed and unfiltered (this project interposes libpng's
// png_set_compression_level; see png_scratch.cpp). Images are the same pixel for
// pixel, only larger, and they never leave memory. PNGs written elsewhere (the
// crops in the output folder) are compressed as asked.
namespace shenbao::ocr {

class ScratchPngScope {
 public:
  ScratchPngScope();
  ~ScratchPngScope();
  ScratchPngScope(const ScratchPngScope&) = delete;
  ScratchPngScope& operator=(const ScratchPngScope&) = delete;

 private:
  bool outer_;
};

}  // namespace shenbao::ocr
