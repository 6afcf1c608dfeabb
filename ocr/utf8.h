#pragma once
// UTF-8 text as its characters (code points), each a string: what the OCR readers,
// the vote between models and the lexicon compare character by character. ICU's
// UTF-8 macro is header-only, so every library can use it.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/utf8.h>

namespace shenbao::ocr {

inline std::vector<std::string> CodePoints(std::string_view s) {
  std::vector<std::string> out;
  for (int32_t i = 0; i < static_cast<int32_t>(s.size());) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
    (void)c;
    out.emplace_back(s.substr(start, i - start));
  }
  return out;
}

}  // namespace shenbao::ocr
