#pragma once
// Unicode normalization of OCR text, with ICU. Pure functions, no state.
#include <string>
#include <string_view>
#include <vector>

namespace shenbao::extract {

// Text as FORMS.md's `text` type wants it: NFKC for full-width Latin letters and
// digits (Ａ→A, ８→8), whitespace removed between CJK characters and around CJK
// punctuation but one space kept between Latin words, ASCII punctuation that sits
// in Chinese text written full-width ((→（ ):→： ,→， ;→；), trimmed.
std::string NormalizeText(std::string_view raw);

// Punctuation as Chinese typesetting always has it, where OCR made two marks of one
// or mismatched a pair (part of NormalizeText and NormalizeParagraph):
//   ：； ；： ：： → ：   ，， → ，   、、 → 、   ；； → ；
//   〈…） → （…）   （…》 → （…）   …）》 → …）  (no 《 open)
//   a pair of dash marks between Chinese characters, one a real dash (—-, -一) → ——
// A single — is left alone: forms print 类—方向 as well as 类——方向.
std::string TidyChinesePunctuation(std::string_view text);

// Paragraph: lines normalized one by one and joined in order; no space is inserted
// where a line of CJK ends and the next begins, one space between Latin words.
std::string NormalizeParagraph(const std::vector<std::string>& lines);

// A CJK ideograph, kana, hangul or bopomofo character.
bool IsChineseCharacter(char32_t c);
// Punctuation of Chinese typesetting (CJK symbols, full-width forms, “”‘’—…·).
bool IsChineseMark(char32_t c);

// Removes every whitespace character (ASCII and Unicode, incl. U+3000).
std::string RemoveWhitespace(std::string_view s);

// True when `s` holds any character outside ASCII (in these forms: Chinese text).
bool HasNonAscii(std::string_view s);

// NFKC to half-width: for digits, codes, phones, emails, dates.
std::string ToHalfWidth(std::string_view s);

// Number of characters (grapheme clusters) excluding whitespace — the 字 of a 字数 limit.
size_t CountChars(std::string_view s);

// Number of CJK ideographs and kana/hangul (code points) in `s`.
size_t CountCjk(std::string_view s);

// Traditional → Simplified Chinese (ICU transliterator "Hant-Hans").
std::string ToSimplified(std::string_view s);

// Levenshtein distance counted in code points (for matching labels and enums).
int EditDistance(std::string_view a, std::string_view b);

}  // namespace shenbao::extract
