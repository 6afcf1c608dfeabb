#include "extract/chinese_marks.h"

#include <unicode/unistr.h>

#include <algorithm>
#include <vector>

#include "extract/normalize.h"
#include "extract/unicode_regex.h"

namespace shenbao::extract {
namespace {

using CodePoints = std::u32string;

CodePoints ToCodePoints(std::string_view s) {
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  CodePoints out;
  for (int32_t i = 0; i < u.length();) {
    const UChar32 c = u.char32At(i);
    out.push_back(static_cast<char32_t>(c));
    i += U16_LENGTH(c);
  }
  return out;
}

std::string ToUtf8(const CodePoints& cps) {
  icu::UnicodeString u;
  for (char32_t c : cps) u.append(static_cast<UChar32>(c));
  std::string out;
  u.toUTF8String(out);
  return out;
}

bool IsSpace(char32_t c) { return c == ' ' || c == '\t' || c == 0x3000; }
bool IsChinese(char32_t c) { return IsChineseCharacter(c) || IsChineseMark(c); }

// Every mark a printed “ or ” comes out as: ASCII and full-width straight quotes,
// both curls, the low and reversed forms, the CJK double prime quotes.
bool IsDoubleQuote(char32_t c) {
  return c == '"' || c == 0xFF02 || c == 0x201C || c == 0x201D || c == 0x201E || c == 0x201F || c == 0x301D ||
         c == 0x301E || c == 0x301F;
}

// Ends of the stretch in which quotes must pair: a sentence or a line.
bool EndsSentence(char32_t c) { return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == '\n'; }

bool IsStrayUnderscore(const CodePoints& s, size_t i, size_t from, size_t to) {
  if (s[i] != '_' || (i > from && s[i - 1] == '_') || (i + 1 < to && s[i + 1] == '_')) return false;
  return (i > from && IsChinese(s[i - 1])) || (i + 1 < to && IsChinese(s[i + 1]));
}

void PairQuotesIn(CodePoints& s, size_t from, size_t to) {
  if (std::none_of(s.begin() + from, s.begin() + to, [](char32_t c) { return IsChineseCharacter(c); })) return;
  std::vector<size_t> marks, stand_ins;
  for (size_t i = from; i < to; ++i) {
    if (IsDoubleQuote(s[i])) marks.push_back(i);
    // Chinese print has no straight apostrophe and no underscore: beside a Chinese
    // character either may be the quotation mark that is missing (西安市_5G+…"发展).
    const bool chinese_beside = (i > from && IsChineseCharacter(s[i - 1])) || (i + 1 < to && IsChineseCharacter(s[i + 1]));
    if ((s[i] == '\'' && chinese_beside) || IsStrayUnderscore(s, i, from, to)) stand_ins.push_back(i);
  }
  if (marks.size() % 2 == 1) {
    if (stand_ins.size() != 1) return;  // a quote genuinely open, or a mark lost: as read
    marks.push_back(stand_ins.front());
    std::sort(marks.begin(), marks.end());
  }
  for (size_t k = 0; k < marks.size(); ++k) s[marks[k]] = k % 2 == 0 ? 0x201C : 0x201D;
}

}  // namespace

std::string PairChineseQuotes(std::string_view text) {
  CodePoints s = ToCodePoints(text);
  size_t from = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size() && !EndsSentence(s[i])) continue;
    PairQuotesIn(s, from, i);
    from = i + 1;
  }
  return ToUtf8(s);
}

std::string DropStrayUnderscores(std::string_view text) {
  const CodePoints s = ToCodePoints(text);
  const size_t n = s.size();
  std::vector<bool> drop(n, false);
  for (size_t i = 0; i < n; ++i) {
    if (s[i] != '_' || (i > 0 && s[i - 1] == '_') || (i + 1 < n && s[i + 1] == '_')) continue;
    size_t before = i, after = i + 1;  // the spaces around it: [before, i) and (i, after)
    while (before > 0 && IsSpace(s[before - 1])) --before;
    while (after < n && IsSpace(s[after])) ++after;
    const bool chinese = (before > 0 && IsChinese(s[before - 1])) || (after < n && IsChinese(s[after]));
    if (!chinese) continue;
    for (size_t j = before; j < after; ++j) drop[j] = true;  // no space sits beside Chinese
  }
  CodePoints out;
  for (size_t i = 0; i < n; ++i)
    if (!drop[i]) out.push_back(s[i]);
  return ToUtf8(out);
}

std::string MendFullStops(std::string_view text) {
  CodePoints s = ToCodePoints(text);
  const size_t n = s.size();
  CodePoints out;
  for (size_t i = 0; i < n; ++i) {
    if (s[i] != '.' || (i > 0 && s[i - 1] == '.') || (i + 1 < n && s[i + 1] == '.')) {
      out.push_back(s[i]);
      continue;
    }
    size_t before = i, after = i + 1;
    while (before > 0 && IsSpace(s[before - 1])) --before;
    while (after < n && IsSpace(s[after])) ++after;
    // After a Chinese character (or a closing mark), at the end of the text or a line
    // or before more Chinese: the sentence's 。, which never prints as an ASCII dot.
    const bool after_chinese = before > 0 && (IsChineseCharacter(s[before - 1]) || s[before - 1] == 0x201D ||
                                              s[before - 1] == 0xFF09 || s[before - 1] == 0x300B);
    const bool chinese_next = after == n || s[after] == '\n' || IsChinese(s[after]);
    if (!after_chinese || !chinese_next) {
      out.push_back(s[i]);
      continue;
    }
    const bool stop_beside = (before > 0 && s[before - 1] == 0x3002) || (after < n && s[after] == 0x3002);
    if (!stop_beside) out.push_back(0x3002);  // "以上.。": the stop read twice
    while (!out.empty() && IsSpace(out.back())) out.pop_back();
    i = after - 1;  // no space stays beside Chinese
  }
  return ToUtf8(out);
}

std::string MendCitedDocNumbers(std::string_view text) {
  // The issuer's abbreviation ends in a Chinese character; the number and 号 follow.
  static const UnicodeRegex kCited(
      R"((?<=\p{Han})[\[\(\{（【〔〖〘［]{1,2}\s*((?:19|20)\d{2})\s*[\]\)\}）】〕〗〙］]{1,2}\s*(\d{1,4})\s*号)");
  return kCited.ReplaceAll(text, "〔$1〕$2号");
}

std::string TidyChineseValue(std::string_view text) {
  // Quotes first: an underscore may stand for the quotation mark a sentence lacks.
  return MendFullStops(MendCitedDocNumbers(DropStrayUnderscores(PairChineseQuotes(text))));
}

std::string NormalizeDocNumber(std::string_view raw) {
  const std::string half_width = ToHalfWidth(RemoveWhitespace(raw));
  CodePoints s = ToCodePoints(half_width);
  auto is_open = [](char32_t c) {
    return c == '[' || c == '(' || c == '{' || c == '<' || c == 0xFF08 || c == 0x3010 || c == 0x3014 ||
           c == 0x3016 || c == 0x3008 || c == 0x300A || c == 0xFF3B || c == 0x3018 || c == 0x301A;
  };
  auto is_close = [](char32_t c) {
    return c == ']' || c == ')' || c == '}' || c == '>' || c == 0xFF09 || c == 0x3011 || c == 0x3015 ||
           c == 0x3017 || c == 0x3009 || c == 0x300B || c == 0xFF3D || c == 0x3019 || c == 0x301B;
  };
  auto is_digit = [](char32_t c) { return c >= '0' && c <= '9'; };
  // A year of four digits between brackets gets the 〔〕 of GB/T 9704; a bracket read
  // twice on either side (【〔2024〕, [2024]]) is one.
  for (size_t i = 0; i + 4 <= s.size(); ++i) {
    if (!std::all_of(s.begin() + i, s.begin() + i + 4, is_digit)) continue;
    if ((i > 0 && is_digit(s[i - 1])) || (i + 4 < s.size() && is_digit(s[i + 4]))) continue;
    size_t first = i, last = i + 4;  // [first, i) opening, [i + 4, last) closing brackets
    while (first > 0 && i - first < 2 && is_open(s[first - 1])) --first;
    while (last < s.size() && last - (i + 4) < 2 && is_close(s[last])) ++last;
    if (first == i || last == i + 4) continue;
    CodePoints mended = s.substr(0, first) + U'〔' + s.substr(i, 4) + U'〕';
    const size_t next = mended.size();
    s = mended + s.substr(last);
    i = next - 1;
  }
  return ToUtf8(s);
}

}  // namespace shenbao::extract
