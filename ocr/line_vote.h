#pragma once
// Readings of the same line merged into one. Two models' readings (VoteLines): where
// they agree the text is much more likely right; where they differ, each character
// is taken from the model more confident of it, and the line is marked as a vote.
// Many readings (VoteReadings): a majority per character.
#include <string>
#include <vector>

#include "ocr/ocr_engine.h"

namespace shenbao::ocr {

// A symbol that is one ASCII digit.
bool IsDigit(const std::string& s);

// A symbol the OCR makes of one ring of a '%' (the two rings stacked close read as
// an 8): 0 6 8 9 o O °. A '%' comes out as "96", "06" or a lone ring.
bool IsRing(const std::string& s);

// A line's text from its symbols: a space only between two Latin words, as Tesseract had it.
std::string TextOf(const std::vector<OcrSymbol>& symbols);

// `first` and `second` read the same image. The result keeps `first`'s boxes.
OcrText VoteLines(const OcrText& first, const OcrText& second);

// `first` with what `second`, another model's reading of the same line, reads
// differently in the same place added as that character's runner-up (first in its
// alternatives). The text stays `first`'s; a caller with other evidence (a word list:
// extract/lexicon.h) may take the runner-up. Where the two differ the characters are
// as doubtful as VoteLines makes them and the text is marked models_disagree; where
// they agree this is VoteLines.
OcrText WithRunnerUps(const OcrText& first, const OcrText& second);

// For each character of `first` (one line), the character `second`, another reading
// of the same line, has in its place where the two differ; "" where they agree or
// `second` reads nothing there. Empty when either is not one line.
std::vector<std::string> DifferingCharacters(const OcrText& first, const OcrText& second);

// One reading of a line among several (other scales, binarisations, models).
struct LineReading {
  std::string text;
  float confidence = 0;  // 0..1
};

struct VotedLine {
  std::string text;
  float agreement = 0;  // mean share of the readings that back each kept character, 0..1
};

// Many readings of the same line merged character by character (ROVER-style): the
// reading closest to all others is the backbone, every reading is aligned to it,
// and at each position the character (or gap) most readings back wins. On blurred or
// tiny print each reading errs in different places, so the vote is right more often
// than any one reading. Ties go to the readings the OCR was surer of.
VotedLine VoteReadings(const std::vector<LineReading>& readings);

}  // namespace shenbao::ocr
