#pragma once
// A reading of one line made up for a test: each character a symbol at `confidence`,
// without boxes (the readers then read the line whole).
#include <string>

#include "ocr/ocr_engine.h"
#include "ocr/utf8.h"

namespace shenbao::test_util {

inline ocr::OcrText OneLine(const std::string& text, float confidence) {
  ocr::OcrLine line;
  for (const std::string& c : ocr::CodePoints(text)) line.symbols.push_back({c, confidence, line.symbols.empty(), {}, {}});
  line.text = text;
  line.confidence = confidence;
  ocr::OcrText out;
  out.lines.push_back(line);
  out.confidence = confidence;
  out.weakest_symbol = confidence;
  return out;
}

}  // namespace shenbao::test_util
