#pragma once
// Second chances for codes and numbers that fail their check, from characters the
// OCR itself weighed: no guessing beyond what the model saw.
#include <functional>
#include <string>
#include <vector>

#include "extract/value_types.h"
#include "ocr/ocr_engine.h"

namespace shenbao::extract {

// Whether a failed check of this type is worth trying alternatives for: types whose
// check is strong enough that a passing candidate is very likely the printed value
// (a USCC check digit, an 11-digit mobile). An int or an e-mail passes too easily.
bool HasStrongCheck(FieldType type);

// `symbols` were read as a value of `type` that failed its check. Tries each symbol's
// runner-up characters (OcrSymbol::alternatives), one substitution at a time, and
// returns the parsed value when exactly one distinct value passes, with the change
// recorded in `correction`. Two or more passing values are a guess: returns nothing
// (valid == false). `prepare` turns the candidate text into what ParseValue gets
// (whitespace removal, ruling debris).
ParsedValue TryAlternatives(const std::vector<ocr::OcrSymbol>& symbols, FieldType type,
                            const std::vector<std::string>& choices,
                            const std::function<std::string(const std::string&)>& prepare);

}  // namespace shenbao::extract
