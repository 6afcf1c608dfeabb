#pragma once
// Two OCR models' readings of the same line merged into one: where they agree the
// text is much more likely right; where they differ, each character is taken from
// the model more confident of it, and the line is marked as a vote.
#include "ocr/ocr_engine.h"

namespace shenbao::ocr {

// `first` and `second` read the same image. The result keeps `first`'s boxes.
OcrText VoteLines(const OcrText& first, const OcrText& second);

}  // namespace shenbao::ocr
