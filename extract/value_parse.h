#pragma once
// Inside the value parser (value_types.cpp, value_codes.cpp, value_dates.cpp): the helpers both use and
// the parsers of code-like values. Not for other callers: ParseValue in value_types.h
// is the interface.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "extract/value_types.h"

namespace shenbao::extract::value_parse {

// Longer than any value a typed field holds; keeps std::regex (recursive in libstdc++)
// away from pathological input.
inline constexpr size_t kMaxTypedLength = 256;

size_t CodePointCount(std::string_view s);
bool IsAsciiDigit(char c);
std::string AsciiLower(std::string s);
std::string AsciiUpper(std::string s);
void ReplaceAll(std::string& s, std::string_view from, std::string_view to);
// What OCR reads in place of a digit: O for 0, l I | for 1, S for 5, B for 8; 0 if none.
char DigitLookalike(char c);
// Half-width, whitespace and invisible characters removed: the form every typed
// (non-text) value is checked in.
std::string Compact(std::string_view raw);
// "手机：138…", "Tel:027…", "邮箱:a@b.cn": the value without a label read with it.
std::string WithoutLabel(const std::string& compact);

// UTF-8 to code points; an invalid byte sequence becomes U+FFFD.
std::vector<char32_t> Utf8ToCodePoints(std::string_view s);

ParsedValue Blank();
ParsedValue Invalid(std::string error, nlohmann::json value = nullptr);
ParsedValue Valid(nlohmann::json value, std::string correction = {});
std::string Arrow(std::string_view from, std::string_view to);

// GB 32100: the unified social credit code's character set and check-digit weights.
inline constexpr std::string_view kUsccCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
inline constexpr int kUsccWeights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

// 0..30, or -1 for a character outside GB 32100's set (I O S V Z).
inline int UsccCharValue(char c) {
  const size_t at = kUsccCharset.find(c);
  return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

ParsedValue ParseDate(std::string_view raw);  // value_dates.cpp
ParsedValue ParsePhone(std::string_view raw);
ParsedValue ParseEmail(std::string_view raw);
ParsedValue ParseUscc(std::string_view raw);

}  // namespace shenbao::extract::value_parse
