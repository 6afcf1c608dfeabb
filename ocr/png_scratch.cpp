#include "ocr/png_scratch.h"

#include <dlfcn.h>
#include <leptonica/allheaders.h>

// The interposer: an executable's exported definition of a shared library's
// function is found before the library's own (ELF symbol interposition), so
// Tesseract's call to Leptonica's pixWriteMem lands here. The executable must
// export the symbol: ocr/CMakeLists.txt adds --export-dynamic-symbol to everything
// that links shenbao_ocr. Without the export (another linker, a static build)
// nothing changes but the speed.
namespace {

thread_local bool scratch_png = false;

using WriteMem = l_ok (*)(l_uint8**, size_t*, PIX*, l_int32);

}  // namespace

extern "C" __attribute__((visibility("default"))) l_ok pixWriteMem(l_uint8** data, size_t* size, PIX* pix,
                                                                    l_int32 format) {
  static const auto real_write = reinterpret_cast<WriteMem>(dlsym(RTLD_NEXT, "pixWriteMem"));
  if (!real_write) return 1;  // Leptonica's error value: no Leptonica loaded, nothing to write with
  // SPIX keeps depth, colormap and resolution; pixReadMem finds it by its magic.
  if (scratch_png && format == IFF_PNG) format = IFF_SPIX;
  return real_write(data, size, pix, format);
}

namespace shenbao::ocr {

ScratchPngScope::ScratchPngScope() : outer_(!scratch_png) { scratch_png = true; }
ScratchPngScope::~ScratchPngScope() {
  if (outer_) scratch_png = false;
}

}  // namespace shenbao::ocr
