// Typed values that are codes: phone numbers, e-mail addresses and the unified social
// credit code (统一社会信用代码, GB 32100). Split from value_types.cpp, which
// dispatches on the field type; the shared helpers are in value_parse.h.
#include <algorithm>
#include <regex>
#include <string>
#include <vector>

#include "extract/normalize.h"
#include "extract/value_parse.h"
#include "extract/value_types.h"

namespace shenbao::extract::value_parse {
namespace {

// ---- uscc ------------------------------------------------------------------------------

bool UsccCharsetValid(const std::string& code) {
  if (code.size() != 18) return false;
  for (size_t i = 0; i < code.size(); ++i) {
    // Characters 3–8 are the administrative division code: digits only.
    bool ok = i >= 2 && i < 8 ? IsAsciiDigit(code[i]) : UsccCharValue(code[i]) >= 0;
    if (!ok) return false;
  }
  return true;
}

// The code with OCR's lookalikes replaced: I O S Z never occur in a code, lower-case l
// is a 1 in an upper-case code, and characters 3–8 are digits (B→8, L→1).
std::string UsccWithoutLookalikes(const std::string& s) {
  std::string code;
  for (char c : s) {
    switch (c) {
      case 'o': case 'O': code += '0'; break;
      case 'l': case 'i': case 'I': case '|': code += '1'; break;
      case 's': case 'S': code += '5'; break;
      case 'z': case 'Z': code += '2'; break;
      default: code += c;
    }
  }
  code = AsciiUpper(code);
  for (size_t i = 2; i < 8 && i < code.size(); ++i) {
    if (code[i] == 'B') code[i] = '8';
    if (code[i] == 'L') code[i] = '1';
  }
  return code;
}

// The local part of an e-mail address, lower-cased, with the l and 1 the Latin
// model confuses made what they most likely are. In the serif Latin of these forms
// 1 and l differ only in the slant of a serif, and the model, trained on English
// words, reads a 1 after letters as l (the Chinese model the other way round:
// "foxmai1"), so the image does not settle it. The address does, mostly: Chinese
// local parts are pinyin and digits, no pinyin syllable ends in l or starts with i
// (it is written yi), and an l alone before a number is none. So
//  - a capital I before a lower-case letter, as read, is an l ("Iping" → "lping"):
//    addresses are printed in lower case, but for a first letter sometimes, and an
//    i would have shown its dot;
//  - an l that stands against a digit run is a 1 ("dingjuanl730" → "dingjuan1730",
//    "yangting77l" → "yangting771"); one between a digit and a letter ("77lin")
//    could begin a syllable and is left.
// Only a likelihood: the caller records it as a correction, and a person checks it.
std::string LocalPartLsAndOnes(std::string local) {
  for (size_t i = 0; i + 1 < local.size(); ++i)
    if (local[i] == 'I' && local[i + 1] >= 'a' && local[i + 1] <= 'z') local[i] = 'l';
  local = AsciiLower(std::move(local));
  auto digit = [&](size_t i) { return i < local.size() && IsAsciiDigit(local[i]); };
  auto letter = [&](size_t i) { return i < local.size() && local[i] >= 'a' && local[i] <= 'z'; };
  // Right to left, so that the 1 made of one l counts as a digit for the l before it.
  for (size_t i = local.size(); i-- > 0;) {
    if (local[i] != 'l') continue;
    const bool before_digits = digit(i + 1);
    const bool after_digits = i > 0 && digit(i - 1) && !letter(i + 1);
    if (before_digits || after_digits) local[i] = '1';
  }
  return local;
}

}  // namespace

// ---- phone -----------------------------------------------------------------------------

ParsedValue ParsePhone(std::string_view raw) {
  std::string s = WithoutLabel(Compact(raw));
  if (s.empty()) return Blank();
  if (s.size() > kMaxTypedLength) return Invalid("不是有效的电话号码");
  // Separators of area code and number as printed: （027）8531 9454, 027-85319454.
  std::string cleaned = s;
  for (std::string_view dash : {"—", "–", "‐", "―", "－"}) ReplaceAll(cleaned, dash, "-");
  bool international = cleaned.starts_with("+86");
  if (international) cleaned.erase(0, 3);
  std::string digits;
  int genuine = 0, lookalikes = 0;
  for (char c : cleaned) {
    if (IsAsciiDigit(c)) {
      digits += c;
      ++genuine;
    } else if (c == '-' || c == '(' || c == ')' || c == '.' || c == '_') {
      continue;  // _: the Latin model's reading of the space in "(020) 69942060"
    } else if (char d = DigitLookalike(c)) {
      digits += d;
      ++lookalikes;
    } else {
      return Invalid("不是有效的电话号码：" + s);
    }
  }
  if (lookalikes > genuine) return Invalid("不是有效的电话号码：" + s);
  if (!international && digits.size() == 13 && digits.starts_with("86") && digits[2] == '1') digits.erase(0, 2);
  std::string correction = lookalikes ? Arrow(s, digits) : std::string();

  if (digits.size() == 11 && digits[0] == '1' && digits[1] >= '3' && digits[1] <= '9')
    return Valid(digits, correction);
  if (digits.size() >= 2 && digits[0] == '0' && !international) {
    // 010 and 02x are the three-digit area codes; every other one has four digits.
    size_t area = (digits[1] == '1' || digits[1] == '2') ? 3 : 4;
    size_t number = digits.size() > area ? digits.size() - area : 0;
    // FORMS.md takes any 7 or 8 digits after the area code (0\d{2,3}-?\d{7,8}), and
    // forms print numbers that begin with 0 or 1 (027 00888128). Only a separator
    // printed elsewhere than after the area code says the digits were misread:
    // 0271-5319454 is not 027-15319454.
    size_t digits_before_separator = 0;  // 0: no separator after a digit
    for (size_t i = 0, seen = 0; i < cleaned.size() && digits_before_separator == 0; ++i) {
      const bool separator = cleaned[i] == '-' || cleaned[i] == '(' || cleaned[i] == ')' || cleaned[i] == '.' || cleaned[i] == '_';
      if (separator && seen > 0) digits_before_separator = seen;
      else if (!separator) ++seen;
    }
    const bool separator_elsewhere = digits_before_separator != 0 && digits_before_separator != area;
    const bool unusual_start = number > 0 && (digits[area] == '0' || digits[area] == '1');
    if (number >= 7 && number <= 8 && !(unusual_start && separator_elsewhere)) {
      std::string value = digits.substr(0, area) + "-" + digits.substr(area);
      return Valid(value, lookalikes ? Arrow(s, value) : std::string());
    }
  }
  if (digits.size() >= 7 && digits.size() <= 8 && digits[0] != '0' && digits[0] != '1')
    return Invalid("固定电话缺少区号：" + s);
  return Invalid("不是有效的手机号码或固定电话：" + s);
}

// ---- email -----------------------------------------------------------------------------

ParsedValue ParseEmail(std::string_view raw) {
  const std::string read = WithoutLabel(Compact(raw));
  const std::string s = AsciiLower(read);
  if (s.empty()) return Blank();
  if (s.size() > kMaxTypedLength) return Invalid("不是有效的电子邮箱");
  std::string value = s;
  size_t at = value.find('@');
  if (at != std::string::npos) {
    // OCR reads the dots of a domain as commas or a Chinese full stop.
    std::string domain = value.substr(at + 1);
    ReplaceAll(domain, ",", ".");
    ReplaceAll(domain, "。", ".");
    // The mail domains most Chinese addresses use: one OCR slip away from exactly
    // one of them (qg.com, l63.com) is that one; the snap is recorded.
    static const std::vector<std::string> kCommonDomains = {
        "qq.com",     "163.com",   "126.com",   "sina.com",  "sina.cn",   "foxmail.com", "outlook.com",
        "hotmail.com", "gmail.com", "139.com",   "189.cn",    "aliyun.com", "yeah.net",   "sohu.com"};
    if (std::find(kCommonDomains.begin(), kCommonDomains.end(), domain) == kCommonDomains.end()) {
      std::string snapped;
      int near = 0;
      for (const std::string& d : kCommonDomains)
        if (EditDistance(domain, d) == 1) snapped = d, ++near;
      if (near == 1) domain = snapped;
    }
    value = LocalPartLsAndOnes(read.substr(0, at)) + "@" + domain;
  }
  static const std::regex kEmail(R"(^[a-z0-9._%+-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}$)");
  if (!std::regex_match(value, kEmail)) return Invalid("不是有效的电子邮箱：" + s);
  return Valid(value, value != s ? Arrow(s, value) : std::string());
}

ParsedValue ParseUscc(std::string_view raw) {
  std::string s = Compact(raw);
  s.erase(std::remove(s.begin(), s.end(), '-'), s.end());
  if (s.empty()) return Blank();
  size_t length = CodePointCount(s);
  if (length != 18) return Invalid("统一社会信用代码应为18位（识别为" + std::to_string(length) + "位）：" + s);
  // As read (upper-cased) first: a lower-case l may be a real L.
  std::string plain = AsciiUpper(s);
  bool plain_ok = UsccCharsetValid(plain);
  if (plain_ok && UsccCheckDigitValid(plain)) return Valid(plain);
  std::string fixed = UsccWithoutLookalikes(s);
  bool fixed_ok = fixed != plain && UsccCharsetValid(fixed);
  if (fixed_ok && UsccCheckDigitValid(fixed)) return Valid(fixed, Arrow(s, fixed));
  if (plain_ok) return Invalid("统一社会信用代码校验位不符", plain);
  if (fixed_ok) {
    ParsedValue v = Invalid("统一社会信用代码校验位不符", fixed);
    v.correction = Arrow(s, fixed);
    return v;
  }
  return Invalid("统一社会信用代码含非法字符：" + s);
}

}  // namespace shenbao::extract::value_parse
