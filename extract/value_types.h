#pragma once
// Field types of FORMS.md: parse what OCR read into a typed, checked value.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace shenbao::extract {

enum class FieldType { kText, kParagraph, kInt, kDecimal2, kDate, kEnum, kPhone, kEmail, kUscc, kPercent };

// "text", "paragraph", "int", "decimal(2)" (also "decimal"), "date", "enum", "phone",
// "email", "uscc", "percent"; nullopt for an unknown name.
std::optional<FieldType> ParseFieldType(std::string_view name);
const char* FieldTypeName(FieldType type);

struct ParsedValue {
  nlohmann::json value;        // normalized value; null when blank on paper or unparseable
  bool blank = false;          // nothing (or only a blank 年 月 日) was printed
  bool valid = false;          // a value that passed its type check (blank counts as valid)
  std::string error;           // why not valid, in Chinese, for the validation entry
  std::string correction;      // what was changed beyond normalization, e.g. "在见→在建"
};

// Parses raw OCR text as `type`. `choices` are the allowed values of an enum.
// Never throws. Rules:
//  int: digits only after half-width; decimal(2): thousands separators allowed, ≤2 decimals;
//  date: 2024年9月3日 / 2024.9.3 / 2024-09-03 / 2024/9/3 / 二〇二四年九月三日 → "YYYY-MM-DD",
//        blank or "年 月 日" → null (blank), impossible dates invalid;
//  enum: exact after normalization, else snapped to the single choice at the smallest
//        edit distance (≤ 1/3 of its length) when no other choice ties — recorded as correction;
//  phone: mobile 1[3-9]\d{9} → 11 digits; landline 0\d{2,3}-?\d{7,8}, （027）85319454 → "027-85319454";
//  email: lower case, one @, a dot in the domain; uscc: 18 chars upper case, GB 32100-2015 check digit;
//  percent: number 0..100, "%" allowed; text/paragraph: NormalizeText, then the marks of
//        Chinese typesetting put right (TidyChineseValue: quotes paired, stray _ dropped).
ParsedValue ParseValue(FieldType type, std::string_view raw,
                       const std::vector<std::string>& choices = {});

// GB 32100-2015: true when the 18th character is the right check character.
bool UsccCheckDigitValid(std::string_view code);

// For Tesseract character whitelists: the ASCII characters a type can contain;
// empty for Chinese types (text, paragraph, enum).
std::string CharsetFor(FieldType type);

// A date line (whitespace removed) whose year in Chinese numerals has a 〇 that OCR
// read as a letter or mark of its shape (a seal's strokes crossed it): the line
// with each such run taken for 〇, when the year is then four numerals; else empty.
std::string RingZerosRepaired(const std::string& compact);

}  // namespace shenbao::extract
