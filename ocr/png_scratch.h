#pragma once
// Tesseract 5.3 as Debian builds it (without TESSERACT_IMAGEDATA_AS_PIX) keeps each
// word image it recognises as an in-memory PNG (ImageData::SetPixInternal, a path
// made for training data: Leptonica's pixWriteMem(..., IFF_PNG)) and decodes it
// again a moment later with pixReadMem. Compressing, checksumming and decoding
// images nobody keeps took 5–8% of a form page's CPU time.
//
// While a ScratchPngScope is alive on a thread, Leptonica's in-memory PNG writes on
// that thread produce Leptonica's own serialized form instead (SPIX: a header and
// the raw pixels), which pixReadMem recognises and reads back as the same image,
// bit for bit. This project interposes pixWriteMem (see png_scratch.cpp). In-memory
// PNGs written elsewhere, and every file, are PNGs as asked.
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
