// Tesseract's throw-away word images (Leptonica in-memory PNGs) are kept in
// Leptonica's raw serialized form inside a ScratchPngScope (ocr/png_scratch.h);
// every other image is written as asked. Either way it reads back the same.
#include <cstring>
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include "ocr/png_scratch.h"

namespace shenbao::ocr {
namespace {

struct PixDeleter {
  void operator()(PIX* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

PixPtr TextLikePix() {
  PixPtr pix(pixCreate(800, 200, 8));
  pixSetAllArbitrary(pix.get(), 255);
  for (int i = 0; i < 40; ++i) pixSetPixel(pix.get(), 10 + 19 * i, 50 + (i % 7) * 13, 0);
  return pix;
}

// The bytes pixWriteMem writes for `pix` asked as PNG.
std::string WrittenAsPng(PIX* pix) {
  l_uint8* data = nullptr;
  size_t size = 0;
  EXPECT_EQ(pixWriteMem(&data, &size, pix, IFF_PNG), 0);
  std::string bytes(reinterpret_cast<const char*>(data), size);
  lept_free(data);
  return bytes;
}

bool SamePixels(PIX* a, const std::string& bytes) {
  PixPtr read(pixReadMem(reinterpret_cast<const l_uint8*>(bytes.data()), bytes.size()));
  if (!read) return false;
  l_int32 same = 0;
  pixEqual(a, read.get(), &same);
  return same != 0;
}

TEST(ScratchPng, RawInsideTheScopePngOutside) {
  const PixPtr pix = TextLikePix();
  const std::string before = WrittenAsPng(pix.get());
  std::string inside;
  {
    const ScratchPngScope scope;
    inside = WrittenAsPng(pix.get());
  }
  const std::string after = WrittenAsPng(pix.get());
  EXPECT_EQ(before.substr(1, 3), "PNG");
  EXPECT_EQ(after, before) << "the scope's setting leaked out";
  EXPECT_EQ(inside.substr(0, 4), "spix") << "Tesseract's word images would still be PNG-compressed";
  EXPECT_TRUE(SamePixels(pix.get(), before));
  EXPECT_TRUE(SamePixels(pix.get(), inside));
}

TEST(ScratchPng, NestedScopesKeepTheOuterOne) {
  const PixPtr pix = TextLikePix();
  const ScratchPngScope outer;
  { const ScratchPngScope inner; }
  EXPECT_EQ(WrittenAsPng(pix.get()).substr(0, 4), "spix");
}

}  // namespace
}  // namespace shenbao::ocr
