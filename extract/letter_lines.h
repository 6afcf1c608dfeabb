#pragma once
// A letter's lines (extract/letter_reader.cpp): the page read row by row, each row by
// both OCR models. Internal to shenbao_extract.
#include <vector>

#include "extract/lexicon.h"
#include "extract/page_analysis.h"
#include "ocr/ocr_engine.h"

namespace shenbao::extract {

// The page read again line by line. Automatic layout analysis breaks a centred
// two-line title or an indented paragraph into columns; a letter is one column, so
// ink rows give its lines, each read on its own; with a `lexicon`, each line's
// `text` is corrected towards it (`raw` stays as read, `corrections` says what changed).
std::vector<TextLine> ReadPageLines(const AnalyzedPage& page, ocr::OcrEngine& engine, const Lexicon* lexicon);

}  // namespace shenbao::extract
