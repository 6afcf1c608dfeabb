#include "ocr/png_scratch.h"

#include <dlfcn.h>

// The interposer: an executable's exported definition of a shared library's
// function is found before the library's own (ELF symbol interposition), so
// Leptonica's call to libpng's png_set_compression_level lands here. The
// executable must export the symbol: ocr/CMakeLists.txt adds
// --export-dynamic-symbol to everything that links shenbao_ocr. Without the export
// (another linker, a static build) nothing changes but the speed.
namespace {

thread_local bool scratch_png = false;

// libpng's opaque struct; its header is not needed to pass the pointer on.
struct png_struct_def;
using SetLevel = void (*)(png_struct_def*, int);
using SetFilter = void (*)(png_struct_def*, int, int);

constexpr int kNoCompression = 0;  // zlib's Z_NO_COMPRESSION
constexpr int kFilterNone = 0x08;  // libpng's PNG_FILTER_NONE
constexpr int kFilterMethodBase = 0;

}  // namespace

extern "C" __attribute__((visibility("default"))) void png_set_compression_level(png_struct_def* png, int level) {
  static const auto real_set_level = reinterpret_cast<SetLevel>(dlsym(RTLD_NEXT, "png_set_compression_level"));
  static const auto real_set_filter = reinterpret_cast<SetFilter>(dlsym(RTLD_NEXT, "png_set_filter"));
  if (!real_set_level) return;  // no libpng loaded: nobody can be writing a PNG
  if (!scratch_png) {
    real_set_level(png, level);
    return;
  }
  real_set_level(png, kNoCompression);
  if (real_set_filter) real_set_filter(png, kFilterMethodBase, kFilterNone);
}

namespace shenbao::ocr {

ScratchPngScope::ScratchPngScope() : outer_(!scratch_png) { scratch_png = true; }
ScratchPngScope::~ScratchPngScope() {
  if (outer_) scratch_png = false;
}

}  // namespace shenbao::ocr
