#pragma once
// The domain's own words (5G, 数字孪生, 工业互联网, 经济和信息化局 …), kept as data a
// bureau can edit (templates/lexicon.txt), and the corrections of a Chinese reading
// towards them that the OCR's own evidence backs. A word is never put in because it
// is likely; only where the reading could not, or did not quite, see what it is:
//   - a character the models cannot output at all (chi_sim and HanS lack 孪, so
//     数字孪生 always comes out as 数字挛生, 数字李生, 数字迹生 …);
//   - a runner-up character of that very symbol (OcrSymbol::alternatives: the Latin
//     model's choices, or the second Chinese model's reading where the two differed),
//     the only evidence on which a two-character term (赋能, 襄阳) is corrected;
//   - a doubtful extra symbol inside a term (5G read 56G, AI read AII).
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "ocr/ocr_engine.h"

namespace shenbao::extract {

struct TemplateProblem;

// A Chinese character (Unicode's Ideographic property) as the first of `s`.
bool IsHan(const std::string& s);
// `s` without leading and trailing blanks, ASCII or the ideographic space a Chinese
// editor types: a line of a word list.
std::string TrimBlanks(std::string_view s);

class Lexicon {
 public:
  // Parses a lexicon file's text: one term a line, '#' starts a comment, blank lines
  // ignored. Each problem (a term with a space, a one-character term, a term given
  // twice) is appended to `problems` with `file` and the line; the good terms are kept.
  static Lexicon Parse(std::string_view text, const std::string& file, std::vector<TemplateProblem>* problems);

  // Adds the terms of `other` not listed yet (a place list to the domain's words).
  void Add(const Lexicon& other);

  bool empty() const { return terms_.empty(); }
  size_t size() const { return terms_.size(); }
  // Terms as their characters (NFKC: full-width Latin as ASCII).
  const std::vector<std::vector<std::string>>& terms() const { return terms_; }

 private:
  std::vector<std::vector<std::string>> terms_;
};

// Reads and parses `file`; a file that cannot be read is a problem too.
Lexicon LoadLexiconFile(const std::filesystem::path& file, std::vector<TemplateProblem>* problems);

// Whether the OCR models that read Chinese text can ever output a character
// (ocr::OcrEngine::CanRead).
using CanReadCharacter = std::function<bool(const std::string&)>;

// `symbols` (one line as read) corrected towards `lexicon`; each change is appended
// to `changes` as "read→corrected" (the term's span). Symbols keep their confidence;
// a corrected symbol takes the term's character, a spurious one is dropped. A reading
// that already spells a term is never changed into another (数字原生 stays when the
// lexicon lists it), and two terms that would change the same place differently
// change nothing.
std::vector<ocr::OcrSymbol> CorrectTowardsLexicon(const std::vector<ocr::OcrSymbol>& symbols, const Lexicon& lexicon,
                                                  const CanReadCharacter& can_read, std::vector<std::string>* changes);

// The characters of `symbols` (one line as read) where it spells a Chinese term of
// `lexicon` but for that one character (资 of 陶资 for 陶瓷), no listed term spelling
// it there and no word of ICU's Chinese dictionary holding it: what a second model
// should look at, whose reading there may then back the term (CorrectTowardsLexicon).
// All false when there is none.
std::vector<bool> CharactersMissingATerm(const std::vector<ocr::OcrSymbol>& symbols, const Lexicon& lexicon);

// The texts of `text`'s lines, each line's symbols corrected towards `lexicon` (a line
// with nothing to correct keeps its text exactly as read).
std::vector<std::string> CorrectLinesTowardsLexicon(const ocr::OcrText& text, const Lexicon& lexicon,
                                                    const CanReadCharacter& can_read, std::vector<std::string>* changes);

// `text`'s lines joined, corrected towards `lexicon` where one is given (with what
// `engine` can read; changes appended to `changes`), else exactly as read.
// The lexicon's `changes` appended to a value's `correction` ("词表：数字挛生→数字孪生"),
// so a person sees what was changed.
void NoteLexiconChanges(const std::vector<std::string>& changes, std::string* correction);

std::string CorrectedText(const ocr::OcrText& text, const Lexicon* lexicon, const ocr::OcrEngine& engine,
                          std::vector<std::string>* changes);

}  // namespace shenbao::extract
