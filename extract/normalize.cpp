#include "extract/normalize.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <memory>

namespace shenbao::extract {
namespace {

using CodePoints = std::vector<UChar32>;

// Invalid UTF-8 becomes U+FFFD (ICU's fromUTF8), so nothing below sees broken input.
CodePoints ToCodePoints(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  CodePoints out;
  out.reserve(u.length());
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    out.push_back(c);
    i += U16_LENGTH(c);
  }
  return out;
}

std::string ToUtf8(const CodePoints& cps) {
  icu::UnicodeString u;
  for (UChar32 c : cps) u.append(c);
  std::string out;
  u.toUTF8String(out);
  return out;
}

bool IsSpace(UChar32 c) { return u_isUWhiteSpace(c); }

// Characters that carry nothing and only break matching (zero-width space, BOM, soft
// hyphen, controls that are not whitespace).
bool IsInvisible(UChar32 c) {
  if (IsSpace(c)) return false;
  int8_t type = u_charType(c);
  return type == U_CONTROL_CHAR || type == U_FORMAT_CHAR;
}

bool IsCjk(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode script = uscript_getScript(c, &status);
  if (U_FAILURE(status)) return false;
  return script == USCRIPT_HAN || script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA ||
         script == USCRIPT_HANGUL || script == USCRIPT_BOPOMOFO;
}

// Punctuation of Chinese typesetting: CJK symbols block, full-width forms, CJK
// compatibility forms, and the general punctuation Chinese text uses (“”‘’—…·).
bool IsCjkPunct(UChar32 c) {
  if (c >= 0x3001 && c <= 0x303F) return c != 0x3007;  // 〇 is a Han numeral
  if (c >= 0xFF01 && c <= 0xFF0F) return true;
  if (c >= 0xFF1A && c <= 0xFF20) return true;
  if (c >= 0xFF3B && c <= 0xFF40) return true;
  if (c >= 0xFF5B && c <= 0xFF65) return true;
  if (c >= 0xFE30 && c <= 0xFE4F) return true;
  switch (c) {
    case 0x2014: case 0x2015: case 0x2026: case 0x00B7: case 0x2018: case 0x2019:
    case 0x201C: case 0x201D: case 0x2E3A: case 0x2E3B: case 0x2027:
      return true;
    default:
      return false;
  }
}

bool IsChineseContext(UChar32 c) { return IsCjk(c) || IsCjkPunct(c); }

// Kept as printed through NFKC: Chinese punctuation that NFKC would turn into ASCII
// (（→( …→...) or that Chinese text needs full-width.
bool IsProtectedPunct(UChar32 c) {
  switch (c) {
    case 0xFF08: case 0xFF09: case 0xFF1A: case 0xFF0C: case 0xFF1B: case 0xFF01: case 0xFF1F:
    case 0x2026:
      return true;
    default:
      return false;
  }
}

// ASCII punctuation written full-width when it sits in Chinese text.
UChar32 FullWidthOf(UChar32 c) {
  switch (c) {
    case '(': return 0xFF08;
    case ')': return 0xFF09;
    case ':': return 0xFF1A;
    case ',': return 0xFF0C;
    case ';': return 0xFF1B;
    case '!': return 0xFF01;
    case '?': return 0xFF1F;
    default: return 0;
  }
}

const icu::Normalizer2* Nfkc() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  return U_SUCCESS(status) ? nfkc : nullptr;
}

void AppendNfkc(const icu::UnicodeString& run, CodePoints& out) {
  if (run.isEmpty()) return;
  icu::UnicodeString normalized = run;
  if (const icu::Normalizer2* nfkc = Nfkc()) {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString result = nfkc->normalize(run, status);
    if (U_SUCCESS(status)) normalized = result;
  }
  for (int32_t i = 0; i < normalized.length();) {
    UChar32 c = normalized.char32At(i);
    out.push_back(c);
    i += U16_LENGTH(c);
  }
}

// NFKC of everything except the protected punctuation; invisible characters dropped.
CodePoints NfkcProtected(std::string_view raw) {
  CodePoints in = ToCodePoints(raw);
  CodePoints out;
  out.reserve(in.size());
  icu::UnicodeString run;
  for (UChar32 c : in) {
    if (IsInvisible(c)) continue;
    if (IsProtectedPunct(c)) {
      AppendNfkc(run, out);
      run.remove();
      out.push_back(c);
    } else {
      run.append(c);
    }
  }
  AppendNfkc(run, out);
  return out;
}

// Index of the nearest non-space character before/after i, or -1.
long PrevNonSpace(const CodePoints& s, long i) {
  for (long j = i - 1; j >= 0; --j)
    if (!IsSpace(s[j])) return j;
  return -1;
}
long NextNonSpace(const CodePoints& s, long i) {
  for (long j = i + 1; j < static_cast<long>(s.size()); ++j)
    if (!IsSpace(s[j])) return j;
  return -1;
}

// Turns ( ) : , ; ! ? full-width where a neighbour (across spaces) is Chinese. A pair of
// round brackets is converted together, so 项目(5G) becomes 项目（5G） and not 项目（5G).
void WidenPunctInChineseContext(CodePoints& s) {
  const long n = static_cast<long>(s.size());
  // Matching brackets, found once.
  std::vector<long> partner(s.size(), -1);
  std::vector<long> open;
  for (long i = 0; i < n; ++i) {
    if (s[i] == '(') {
      open.push_back(i);
    } else if (s[i] == ')' && !open.empty()) {
      partner[i] = open.back();
      partner[open.back()] = i;
      open.pop_back();
    }
  }
  // A widened mark can make its neighbour's context Chinese (北),), so repeat a few times.
  for (int round = 0; round < 4; ++round) {
    bool changed = false;
    for (long i = 0; i < n; ++i) {
      UChar32 wide = FullWidthOf(s[i]);
      if (!wide) continue;
      long p = PrevNonSpace(s, i), q = NextNonSpace(s, i);
      bool chinese = (p >= 0 && IsChineseContext(s[p])) || (q >= 0 && IsChineseContext(s[q]));
      if (!chinese) continue;
      s[i] = wide;
      changed = true;
      if (partner[i] >= 0) {
        UChar32 other = FullWidthOf(s[partner[i]]);
        if (other) s[partner[i]] = other;
      }
    }
    if (!changed) break;
  }
}

// Whitespace runs: dropped next to Chinese characters or punctuation, one space between
// other tokens, nothing at either end.
CodePoints CollapseSpaces(const CodePoints& s) {
  CodePoints out;
  out.reserve(s.size());
  const size_t n = s.size();
  for (size_t i = 0; i < n;) {
    if (!IsSpace(s[i])) {
      out.push_back(s[i++]);
      continue;
    }
    size_t j = i;
    while (j < n && IsSpace(s[j])) ++j;
    if (!out.empty() && j < n && !IsChineseContext(out.back()) && !IsChineseContext(s[j]))
      out.push_back(' ');
    i = j;
  }
  return out;
}

CodePoints NormalizeTextCodePoints(std::string_view raw) {
  CodePoints s = NfkcProtected(raw);
  WidenPunctInChineseContext(s);
  return CollapseSpaces(s);
}

constexpr UChar32 kColon = 0xFF1A, kSemicolon = 0xFF1B, kComma = 0xFF0C, kEnumComma = 0x3001;
constexpr UChar32 kOpenRound = 0xFF08, kCloseRound = 0xFF09;
constexpr UChar32 kOpenAngle = 0x3008, kCloseAngle = 0x3009, kOpenTitle = 0x300A, kCloseTitle = 0x300B;
constexpr UChar32 kEmDash = 0x2014;

bool IsHan(UChar32 c) { return u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC); }

// A mark OCR gives for one half of a dash pair (——): a dash of any length, or 一.
bool IsDashLike(UChar32 c) { return c == kEmDash || c == 0x2015 || c == 0x2013 || c == 0x2010 || c == '-' || c == 0x4E00; }
bool IsDash(UChar32 c) { return IsDashLike(c) && c != 0x4E00; }

// See TidyChinesePunctuation: marks doubled by a misread.
void DropDoubledMarks(CodePoints& s) {
  CodePoints out;
  for (UChar32 c : s) {
    if (!out.empty()) {
      const UChar32 p = out.back();
      // ：； and ；： are one colon read as two marks; a mark printed twice is one.
      if ((p == kColon && c == kSemicolon) || (p == c && (c == kColon || c == kSemicolon || c == kComma || c == kEnumComma)))
        continue;
      if (p == kSemicolon && c == kColon) {
        out.back() = kColon;
        continue;
      }
    }
    out.push_back(c);
  }
  s = std::move(out);
}

// Brackets closed by a bracket of another kind: the closer says which was printed.
void MatchBrackets(CodePoints& s) {
  std::vector<size_t> open;  // indices of unclosed （ 〈 《
  CodePoints out;
  for (UChar32 c : s) {
    if (c == kOpenRound || c == kOpenAngle || c == kOpenTitle) {
      open.push_back(out.size());
    } else if (c == kCloseRound) {
      // 〈…）: Chinese text uses 〈〉 only inside 《》; this is （ misread.
      if (!open.empty() && out[open.back()] == kOpenAngle) out[open.back()] = kOpenRound;
      if (!open.empty()) open.pop_back();
    } else if (c == kCloseTitle || c == kCloseAngle) {
      const bool title_open = std::any_of(open.begin(), open.end(), [&](size_t i) { return out[i] == kOpenTitle; });
      if (!title_open && !open.empty() && out[open.back()] == kOpenRound) {
        c = kCloseRound;  // （厦门》: the round bracket's closer misread
        open.pop_back();
      } else if (!title_open && open.empty() && !out.empty() && out.back() == kCloseRound) {
        continue;  // （集团）》: a stray mark after the closer
      } else if (!open.empty()) {
        open.pop_back();
      }
    }
    out.push_back(c);
  }
  s = std::move(out);
}

// A pair of dash marks between Chinese characters, one at least a real dash (—-, -一):
// the two halves of a —— read as different marks.
void JoinDashPairs(CodePoints& s) {
  for (size_t i = 1; i + 2 < s.size(); ++i) {
    if (!IsDashLike(s[i]) || !IsDashLike(s[i + 1]) || !(IsDash(s[i]) || IsDash(s[i + 1]))) continue;
    if (IsDashLike(s[i - 1]) || IsDashLike(s[i + 2]) || !IsHan(s[i - 1])) continue;
    if (!IsHan(s[i + 2]) && !(s[i + 2] < 0x80 && std::isalnum(s[i + 2]))) continue;
    s[i] = s[i + 1] = kEmDash;
  }
}

void TidyPunctuation(CodePoints& s) {
  DropDoubledMarks(s);
  MatchBrackets(s);
  JoinDashPairs(s);
}

}  // namespace

std::string NormalizeText(std::string_view raw) {
  CodePoints s = NormalizeTextCodePoints(raw);
  TidyPunctuation(s);
  return ToUtf8(s);
}

std::string NormalizeParagraph(const std::vector<std::string>& lines) {
  CodePoints out;
  for (const std::string& line : lines) {
    CodePoints normalized = NormalizeTextCodePoints(line);
    if (normalized.empty()) continue;
    if (!out.empty() && !IsChineseContext(out.back()) && !IsChineseContext(normalized.front()))
      out.push_back(' ');
    out.insert(out.end(), normalized.begin(), normalized.end());
  }
  TidyPunctuation(out);  // over the whole: a bracket may open on one line and close on the next
  return ToUtf8(out);
}

std::string TidyChinesePunctuation(std::string_view text) {
  CodePoints s = ToCodePoints(text);
  TidyPunctuation(s);
  return ToUtf8(s);
}

bool IsChineseCharacter(char32_t c) { return IsCjk(static_cast<UChar32>(c)); }
bool IsChineseMark(char32_t c) { return IsCjkPunct(static_cast<UChar32>(c)); }

bool HasNonAscii(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

std::string RemoveWhitespace(std::string_view s) {
  CodePoints cps = ToCodePoints(s);
  std::erase_if(cps, [](UChar32 c) { return IsSpace(c); });
  return ToUtf8(cps);
}

std::string ToHalfWidth(std::string_view s) {
  CodePoints in = ToCodePoints(s);
  std::erase_if(in, IsInvisible);
  icu::UnicodeString run;
  for (UChar32 c : in) run.append(c);
  CodePoints out;
  AppendNfkc(run, out);
  return ToUtf8(out);
}

size_t CountCjk(std::string_view s) {
  size_t count = 0;
  for (int32_t i = 0; i < static_cast<int32_t>(s.size());) {
    UChar32 c;
    U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
    if (c >= 0 && IsCjk(c)) ++count;
  }
  return count;
}

size_t CountChars(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  if (u.isEmpty()) return 0;
  // One iterator per thread: creating one loads break rules, and they are not thread-safe.
  thread_local std::unique_ptr<icu::BreakIterator> iterator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
    return U_SUCCESS(status) ? std::move(it) : nullptr;
  }();
  size_t count = 0;
  if (!iterator) {  // no break data: count code points
    for (int32_t i = 0; i < u.length();) {
      UChar32 c = u.char32At(i);
      if (!IsSpace(c)) ++count;
      i += U16_LENGTH(c);
    }
    return count;
  }
  iterator->setText(u);
  int32_t start = iterator->first();
  for (int32_t end = iterator->next(); end != icu::BreakIterator::DONE; start = end, end = iterator->next()) {
    if (!IsSpace(u.char32At(start))) ++count;
  }
  static const icu::UnicodeString kNoText;
  iterator->setText(kNoText);  // the iterator keeps a reference: do not leave it on u
  return count;
}

std::string ToSimplified(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  // Transliterators are not thread-safe and costly to build: one per thread.
  thread_local std::unique_ptr<icu::Transliterator> hant_hans = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance("Hant-Hans", UTRANS_FORWARD, status));
    return U_SUCCESS(status) ? std::move(t) : nullptr;
  }();
  if (hant_hans) hant_hans->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

int EditDistance(std::string_view a, std::string_view b) {
  CodePoints x = ToCodePoints(a), y = ToCodePoints(b);
  if (x.size() < y.size()) std::swap(x, y);
  std::vector<int> row(y.size() + 1);
  for (size_t j = 0; j <= y.size(); ++j) row[j] = static_cast<int>(j);
  for (size_t i = 1; i <= x.size(); ++i) {
    int diagonal = row[0];
    row[0] = static_cast<int>(i);
    for (size_t j = 1; j <= y.size(); ++j) {
      int above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (x[i - 1] == y[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[y.size()];
}

}  // namespace shenbao::extract
