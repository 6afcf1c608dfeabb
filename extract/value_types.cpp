#include "extract/value_types.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <regex>

#include "extract/chinese_marks.h"
#include "extract/normalize.h"
#include "extract/value_parse.h"
#include "ocr/utf8.h"

namespace shenbao::extract {
namespace value_parse {

size_t CodePointCount(std::string_view s) { return ocr::CodePoints(s).size(); }

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

std::string AsciiLower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

std::string AsciiUpper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

void ReplaceAll(std::string& s, std::string_view from, std::string_view to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
}

// What OCR reads in place of a digit: O for 0, l I | for 1, S for 5, B for 8.
char DigitLookalike(char c) {
  switch (c) {
    case 'O': case 'o': return '0';
    case 'l': case 'I': case '|': return '1';
    case 'S': case 's': return '5';
    case 'B': return '8';
    default: return 0;
  }
}

// Half-width, whitespace and invisible characters removed: the form every typed
// (non-text) value is checked in.
std::string Compact(std::string_view raw) { return RemoveWhitespace(ToHalfWidth(raw)); }

// "手机：138…", "Tel:027…", "邮箱:a@b.cn": a label read with the value. Neither a phone
// number nor an e-mail address contains a colon.
std::string WithoutLabel(const std::string& compact) {
  size_t colon = compact.rfind(':');
  return colon == std::string::npos ? compact : compact.substr(colon + 1);
}

ParsedValue Blank() {
  ParsedValue v;
  v.blank = true;
  v.valid = true;
  return v;
}

ParsedValue Invalid(std::string error, nlohmann::json value) {
  ParsedValue v;
  v.value = std::move(value);
  v.error = std::move(error);
  return v;
}

ParsedValue Valid(nlohmann::json value, std::string correction) {
  ParsedValue v;
  v.value = std::move(value);
  v.valid = true;
  v.correction = std::move(correction);
  return v;
}

std::string Arrow(std::string_view from, std::string_view to) {
  return std::string(from) + "→" + std::string(to);
}

std::vector<char32_t> Utf8ToCodePoints(std::string_view s) {
  std::vector<char32_t> out;
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  int32_t length = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    out.push_back(c < 0 ? 0xFFFD : static_cast<char32_t>(c));
  }
  return out;
}

}  // namespace value_parse

namespace {

using namespace value_parse;  // NOLINT: this file's own helpers (value_parse.h)

std::string CodePointsToUtf8(const std::vector<char32_t>& cps) {
  std::string out;
  for (char32_t c : cps) {
    uint8_t buffer[4];
    int32_t length = 0;
    UBool error = false;
    U8_APPEND(buffer, length, 4, static_cast<UChar32>(c), error);
    if (!error) out.append(reinterpret_cast<const char*>(buffer), length);
  }
  return out;
}

// ---- int ---------------------------------------------------------------------------

ParsedValue ParseInt(std::string_view raw) {
  std::string s = Compact(raw);
  if (s.size() > kMaxTypedLength) return Invalid("不是整数");
  std::string digits;
  int genuine = 0, lookalikes = 0;
  for (char c : s) {
    if (IsAsciiDigit(c)) {
      digits += c;
      ++genuine;
    } else if (char d = DigitLookalike(c)) {
      digits += d;
      ++lookalikes;
    } else {
      return Invalid("不是整数：" + s);
    }
  }
  // A lone l or O is a misread digit; a word of lookalikes (SOB) is not a number.
  if (lookalikes > genuine && s.size() > 1) return Invalid("不是整数：" + s);
  size_t first = digits.find_first_not_of('0');
  std::string significant = first == std::string::npos ? "0" : digits.substr(first);
  if (significant.size() > 18) return Invalid("整数过大：" + s);
  int64_t value = 0;
  std::from_chars(significant.data(), significant.data() + significant.size(), value);
  return Valid(value, lookalikes ? Arrow(s, digits) : std::string());
}

// ---- decimal(2) and percent ----------------------------------------------------------

struct Number {
  bool negative = false;
  double value = 0;
  int decimals = 0;  // significant digits after the point (trailing zeros dropped)
};

// "1,234.50", "-3", ".5"; thousands separators must group by three.
std::optional<Number> ParseNumber(const std::string& s, bool allow_thousands) {
  static const std::regex kWithThousands(R"(^([+-]?)(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?$)");
  static const std::regex kPlain(R"(^([+-]?)(\d*)(?:\.(\d*))?$)");
  if (s.empty() || s.size() > kMaxTypedLength) return std::nullopt;
  std::smatch m;
  if (!std::regex_match(s, m, allow_thousands ? kWithThousands : kPlain)) return std::nullopt;
  std::string integer = m[2].str(), fraction = m[3].str();
  if (integer.empty() && fraction.empty()) return std::nullopt;
  integer.erase(std::remove(integer.begin(), integer.end(), ','), integer.end());
  size_t first = integer.find_first_not_of('0');
  if (first != std::string::npos && integer.size() - first > 15) return std::nullopt;
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  Number n;
  n.negative = m[1].str() == "-";
  n.decimals = static_cast<int>(fraction.size());
  std::string plain = (integer.empty() ? "0" : integer) + (fraction.empty() ? "" : "." + fraction);
  auto [end, error] = std::from_chars(plain.data(), plain.data() + plain.size(), n.value);
  if (error != std::errc()) return std::nullopt;
  if (n.negative) n.value = -n.value;
  return n;
}

ParsedValue ParseDecimal2(std::string_view raw) {
  std::string s = Compact(raw);
  // The unit is printed in the header (万元) and sometimes repeated in the cell.
  for (std::string_view unit : {"(万元)", "万元"})
    if (s.ends_with(unit)) s.erase(s.size() - unit.size());
  if (s.starts_with("¥")) s.erase(0, std::string_view("¥").size());
  if (s.empty()) return Blank();
  std::optional<Number> n = ParseNumber(s, true);
  if (!n) return Invalid("不是有效的金额或数值：" + s);
  if (n->decimals > 2) return Invalid("小数位数超过2位：" + s);
  double value = std::round(n->value * 100) / 100;
  if (n->negative && value != 0) return Invalid("数值不能为负：" + s, value);
  return Valid(value == 0 ? 0.0 : value);
}

ParsedValue ParsePercent(std::string_view raw) {
  std::string s = Compact(raw);
  if (s.ends_with("%")) s.pop_back();
  if (s.empty()) return Blank();
  std::optional<Number> n = ParseNumber(s, false);
  if (!n) return Invalid("不是有效的百分比：" + s);
  if (n->value < 0 || n->value > 100) return Invalid("百分比应在0到100之间：" + s, n->value);
  return Valid(n->value == 0 ? 0.0 : n->value);
}

// ---- enum ------------------------------------------------------------------------------

// What two spellings of one option share: simplified, half-width, no spaces, lower case.
std::string EnumKey(std::string_view s) { return AsciiLower(Compact(ToSimplified(s))); }

std::string JoinChoices(const std::vector<std::string>& choices) {
  std::string out;
  for (const std::string& c : choices) out += (out.empty() ? "" : "、") + c;
  return out;
}

ParsedValue SnapToChoice(const std::string& text, const std::vector<std::string>& choices) {
  if (choices.empty()) return Valid(text);
  std::string key = EnumKey(text);
  for (const std::string& choice : choices)
    if (EnumKey(choice) == key) return Valid(choice);
  int best = -1;
  std::vector<const std::string*> nearest;
  for (const std::string& choice : choices) {
    int d = EditDistance(key, EnumKey(choice));
    if (best < 0 || d < best) {
      best = d;
      nearest = {&choice};
    } else if (d == best) {
      nearest.push_back(&choice);
    }
  }
  int limit = std::max<int>(1, static_cast<int>(CodePointCount(EnumKey(*nearest.front()))) / 3);
  if (best > limit) return Invalid("不是可选值：" + text + "（可选：" + JoinChoices(choices) + "）");
  if (nearest.size() > 1) {
    std::vector<std::string> tied;
    for (const std::string* c : nearest) tied.push_back(*c);
    return Invalid("无法确定选项：" + text + "与" + JoinChoices(tied) + "同样接近");
  }
  return Valid(*nearest.front(), Arrow(text, *nearest.front()));
}

bool IsTickedBox(char32_t c) {
  return c == U'☑' || c == U'☒' || c == U'■' || c == U'▣' || c == U'◼' || c == U'▪' || c == U'✓' ||
         c == U'✔' || c == U'√' || c == U'●';
}
bool IsEmptyBox(char32_t c) { return c == U'□' || c == U'☐' || c == U'◻' || c == U'▢' || c == U'○'; }

// "□产线 ☑车间 □工厂": the options after a ticked mark. nullopt when there is no box.
std::optional<std::vector<std::string>> TickedOptions(const std::string& text) {
  std::vector<char32_t> cps = Utf8ToCodePoints(text);
  if (std::none_of(cps.begin(), cps.end(), [](char32_t c) { return IsTickedBox(c) || IsEmptyBox(c); }))
    return std::nullopt;
  std::vector<std::string> ticked;
  for (size_t i = 0; i < cps.size();) {
    if (!IsTickedBox(cps[i]) && !IsEmptyBox(cps[i])) {
      ++i;
      continue;
    }
    bool is_ticked = false;  // a pen tick beside a printed box reads as two marks
    while (i < cps.size() && (IsTickedBox(cps[i]) || IsEmptyBox(cps[i]))) is_ticked |= IsTickedBox(cps[i++]);
    std::vector<char32_t> option;
    while (i < cps.size() && !IsTickedBox(cps[i]) && !IsEmptyBox(cps[i])) option.push_back(cps[i++]);
    std::string label = NormalizeText(CodePointsToUtf8(option));
    if (is_ticked && !label.empty()) ticked.push_back(label);
  }
  return ticked;
}

ParsedValue ParseEnum(std::string_view raw, const std::vector<std::string>& choices) {
  std::string text = NormalizeText(raw);
  if (text.empty()) return Blank();
  if (std::optional<std::vector<std::string>> ticked = TickedOptions(text)) {
    if (ticked->empty()) return Invalid("未勾选任何选项");
    if (ticked->size() > 1) return Invalid("勾选了多个选项：" + JoinChoices(*ticked));
    return SnapToChoice(ticked->front(), choices);
  }
  return SnapToChoice(text, choices);
}

// ---- text ------------------------------------------------------------------------------

ParsedValue ParseText(std::string_view raw) {
  std::string text = TidyChineseValue(NormalizeText(raw));
  return text.empty() ? Blank() : Valid(text);
}

ParsedValue ParseParagraph(std::string_view raw) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= raw.size()) {
    size_t end = raw.find('\n', start);
    if (end == std::string_view::npos) end = raw.size();
    lines.emplace_back(raw.substr(start, end - start));
    start = end + 1;
  }
  std::string text = TidyChineseValue(NormalizeParagraph(lines));
  return text.empty() ? Blank() : Valid(text);
}

}  // namespace

std::optional<FieldType> ParseFieldType(std::string_view name) {
  while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
  while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
  if (name == "text") return FieldType::kText;
  if (name == "paragraph") return FieldType::kParagraph;
  if (name == "int") return FieldType::kInt;
  if (name == "decimal(2)" || name == "decimal") return FieldType::kDecimal2;
  if (name == "date") return FieldType::kDate;
  if (name == "enum" || name.starts_with("enum{")) return FieldType::kEnum;
  if (name == "phone") return FieldType::kPhone;
  if (name == "email") return FieldType::kEmail;
  if (name == "uscc") return FieldType::kUscc;
  if (name == "percent") return FieldType::kPercent;
  return std::nullopt;
}

const char* FieldTypeName(FieldType type) {
  switch (type) {
    case FieldType::kText: return "text";
    case FieldType::kParagraph: return "paragraph";
    case FieldType::kInt: return "int";
    case FieldType::kDecimal2: return "decimal(2)";
    case FieldType::kDate: return "date";
    case FieldType::kEnum: return "enum";
    case FieldType::kPhone: return "phone";
    case FieldType::kEmail: return "email";
    case FieldType::kUscc: return "uscc";
    case FieldType::kPercent: return "percent";
  }
  return "text";
}

ParsedValue ParseValue(FieldType type, std::string_view raw, const std::vector<std::string>& choices) {
  try {
    if (Compact(raw).empty()) return Blank();
    switch (type) {
      case FieldType::kText: return ParseText(raw);
      case FieldType::kParagraph: return ParseParagraph(raw);
      case FieldType::kInt: return ParseInt(raw);
      case FieldType::kDecimal2: return ParseDecimal2(raw);
      case FieldType::kDate: return ParseDate(raw);
      case FieldType::kEnum: return ParseEnum(raw, choices);
      case FieldType::kPhone: return ParsePhone(raw);
      case FieldType::kEmail: return ParseEmail(raw);
      case FieldType::kUscc: return ParseUscc(raw);
      case FieldType::kPercent: return ParsePercent(raw);
    }
    return Invalid("未知的字段类型");
  } catch (const std::exception& e) {
    return Invalid(std::string("无法解析：") + e.what());
  }
}

bool UsccCheckDigitValid(std::string_view code) {
  if (code.size() != 18) return false;
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    int value = UsccCharValue(code[i]);
    if (value < 0) return false;
    sum += value * kUsccWeights[i];
  }
  int check = (31 - sum % 31) % 31;
  return code[17] == kUsccCharset[check];
}

std::string CharsetFor(FieldType type) {
  switch (type) {
    case FieldType::kInt: return "0123456789";
    case FieldType::kDecimal2: return "0123456789.,";
    case FieldType::kPercent: return "0123456789.%";
    case FieldType::kPhone: return "0123456789-()+";
    case FieldType::kEmail:
      return "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@._-+";
    case FieldType::kUscc: return std::string(kUsccCharset);
    // A date may be printed 2024年9月3日 or 二〇二四年九月三日: an ASCII whitelist would
    // force 年月日 into digits, so dates are read like Chinese text.
    case FieldType::kDate:
    case FieldType::kText:
    case FieldType::kParagraph:
    case FieldType::kEnum:
      return "";
  }
  return "";
}

}  // namespace shenbao::extract
