// Dates in the forms' spellings (2024-09-03, 2024.9.3, 2024年9月3日, 二〇二四年九月三日)
// and the repair of a year whose 〇 a seal's strokes made a mark. Split from
// value_types.cpp, which dispatches on the field type; shared helpers in value_parse.h.
#include <algorithm>
#include <cstdio>
#include <regex>
#include <string>
#include <vector>

#include "extract/value_parse.h"
#include "extract/value_types.h"
#include "ocr/utf8.h"

namespace shenbao::extract {
namespace value_parse {
namespace {

int ChineseDigit(char32_t c) {
  switch (c) {
    case U'〇': case U'○': case U'零': case U'O': case U'o': case U'0': return 0;
    case U'一': case U'1': return 1;
    case U'二': case U'2': return 2;
    case U'三': case U'3': return 3;
    case U'四': case U'4': return 4;
    case U'五': case U'5': return 5;
    case U'六': case U'6': return 6;
    case U'七': case U'7': return 7;
    case U'八': case U'8': return 8;
    case U'九': case U'9': return 9;
    default: return -1;
  }
}

// 2024 / 二〇二四 / 二零二四: each character one digit.
int ParseYear(std::string_view part) {
  std::vector<char32_t> cps = Utf8ToCodePoints(part);
  if (cps.size() != 4) return -1;
  int year = 0;
  for (char32_t c : cps) {
    int d = ChineseDigit(c);
    if (d < 0) return -1;
    year = year * 10 + d;
  }
  return year;
}

// Month or day: 9 / 09 / 九 / 十 / 十一 / 二十 / 二十三 / 〇九.
int ParseSmallNumber(std::string_view part) {
  std::vector<char32_t> cps = Utf8ToCodePoints(part);
  if (cps.empty() || cps.size() > 3) return -1;
  auto ten = std::find(cps.begin(), cps.end(), U'十');
  if (ten == cps.end()) {
    if (cps.size() > 2) return -1;
    int value = 0;
    for (char32_t c : cps) {
      int d = ChineseDigit(c);
      if (d < 0) return -1;
      value = value * 10 + d;
    }
    return value;
  }
  int tens = 1, units = 0;
  if (ten != cps.begin()) {
    if (ten - cps.begin() != 1) return -1;
    tens = ChineseDigit(cps.front());
    if (tens < 1) return -1;
  }
  if (ten + 1 != cps.end()) {
    if (cps.end() - ten != 2) return -1;
    units = ChineseDigit(*(ten + 1));
    if (units < 1) return -1;
  }
  return tens * 10 + units;
}

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeapYear(y) ? 29 : kDays[m - 1];
}

}  // namespace

ParsedValue ParseDate(std::string_view raw) {
  std::string s = Compact(raw);
  // Fill-in lines of a blank date (____年__月__日).
  s.erase(std::remove(s.begin(), s.end(), '_'), s.end());
  std::string rest = s;
  for (std::string_view mark : {"年", "月", "日"}) ReplaceAll(rest, mark, "");
  if (rest.empty()) return Blank();
  if (s.size() > kMaxTypedLength) return Invalid("无法识别的日期");
  while (s.ends_with(".")) s.pop_back();
  while (s.ends_with("。")) s.erase(s.size() - std::string_view("。").size());

  int year = -1, month = -1, day = -1;
  std::smatch m;
  static const std::regex kNumeric(R"(^(\d{4})[-./](\d{1,2})[-./](\d{1,2})$)");
  static const std::regex kCompact(R"(^(\d{4})(\d{2})(\d{2})$)");
  std::string numeric = s;
  ReplaceAll(numeric, "。", ".");
  ReplaceAll(numeric, "—", "-");
  if (std::regex_match(numeric, m, kNumeric) || std::regex_match(numeric, m, kCompact)) {
    year = std::stoi(m[1].str());
    month = std::stoi(m[2].str());
    day = std::stoi(m[3].str());
  } else {
    size_t y = s.find("年");
    size_t mo = y == std::string::npos ? y : s.find("月", y);
    if (y == std::string::npos || mo == std::string::npos) return Invalid("无法识别的日期：" + s);
    std::string after = s.substr(mo + std::string_view("月").size());
    for (std::string_view mark : {"日", "号"})
      if (after.ends_with(mark)) after.erase(after.size() - mark.size());
    year = ParseYear(std::string_view(s).substr(0, y));
    month = ParseSmallNumber(std::string_view(s).substr(y + 3, mo - y - 3));
    day = ParseSmallNumber(after);
    if (year < 0 || month < 0 || day < 0) return Invalid("无法识别的日期：" + s);
  }
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month))
    return Invalid("日期不存在：" + s);
  char iso[32];
  std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", year, month, day);
  return Valid(std::string(iso));
}

}  // namespace value_parse

// RingZerosRepaired (value_types.h). The ring comes back as letters or marks of
// its shape ("二DQ二三年"), or as such a mark beside a 〇 read from the same ring
// ("二@〇二四年"). Each run of them in the year is taken for 〇, merged into a 〇
// beside it when the year would otherwise have five numerals.
std::string RingZerosRepaired(const std::string& compact) {
  static const std::string kNumerals = "〇零○一二三四五六七八九";
  static const std::string kRingLike = "DQOo0О@";
  const size_t year_end = compact.find("年");
  if (year_end == std::string::npos) return {};
  struct Token {
    std::string numeral;
    bool ring_read = false;  // taken for 〇 from letters or marks
  };
  std::vector<Token> year;
  bool in_run = false;
  for (const std::string& c : ocr::CodePoints(std::string_view(compact).substr(0, year_end))) {
    const bool ring_like = kRingLike.find(c) != std::string::npos && c.size() <= 2;
    if (c.size() == 3 && kNumerals.find(c) != std::string::npos) {
      year.push_back({c, false});
      in_run = false;
    } else if (ring_like && !year.empty()) {
      if (!in_run) year.push_back({"〇", true});
      in_run = true;
    } else {
      year.clear();  // junk before the year
      in_run = false;
    }
  }
  const bool repaired = std::any_of(year.begin(), year.end(), [](const Token& t) { return t.ring_read; });
  if (!repaired) return {};
  if (year.size() == 5) {
    for (size_t i = 0; i < year.size(); ++i) {
      if (!year[i].ring_read) continue;
      const bool zero_before = i > 0 && !year[i - 1].ring_read && year[i - 1].numeral == "〇";
      const bool zero_after = i + 1 < year.size() && !year[i + 1].ring_read && year[i + 1].numeral == "〇";
      if (zero_before || zero_after) {
        year.erase(year.begin() + static_cast<long>(i));
        break;
      }
    }
  }
  if (year.size() != 4) return {};
  std::string out;
  for (const Token& t : year) out += t.numeral;
  return out + compact.substr(year_end);
}

}  // namespace shenbao::extract
