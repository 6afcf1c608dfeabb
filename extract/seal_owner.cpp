// CompareSealOwner and ReadSealOwner (seal_owner.h).
//
// The unit's name is aligned against the seal text with free ends (the seal may
// say more, e.g. the city before a district), and each character of the name is
// marked right or wrong. A unit name is a place (武汉市 江岸区: levels ending in
// 省/市/区/县/州/盟/旗) and then what the unit is (经济和信息化局, 人民政府, a
// company's name). OCR slips are scattered; another unit differs as a whole level
// of its place or as its whole kind while the rest reads right.
#include "extract/seal_owner.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "extract/normalize.h"

namespace shenbao::extract {
namespace {

using Text = std::vector<char32_t>;

// OCR confidence of the seal's reading at or above which a seal that names another
// unit is reported as an error rather than as unsure.
constexpr double kSureRead = 0.8;

Text Decode(std::string_view s) {
  Text out;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<uint8_t>(s[i]);
    const int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    char32_t cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
    for (int k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<uint8_t>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}

bool EndsWith(const Text& t, std::u32string_view suffix) {
  return t.size() >= suffix.size() && std::equal(suffix.begin(), suffix.end(), t.end() - suffix.size());
}

// Letters and digits only (CJK included): punctuation and OCR's stray marks on a
// seal carry no name. A company's legal form (有限公司…) is dropped, as seals and
// forms each write it or not; so is a seal-kind suffix (专用章).
Text Comparable(std::string_view raw, bool seal) {
  const std::string text = ToSimplified(ToHalfWidth(RemoveWhitespace(raw)));
  Text out;
  for (char32_t c : Decode(text)) {
    const bool cjk = (c >= 0x3400 && c <= 0x9FFF) || c == 0x3007;
    const bool latin = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    if (cjk || latin) out.push_back(c);
  }
  if (seal)
    for (std::u32string_view kind : {U"专用章", U"公章"})
      if (EndsWith(out, kind)) out.resize(out.size() - kind.size());
  for (std::u32string_view legal : {U"股份有限公司", U"有限责任公司", U"有限公司", U"公司"})
    if (EndsWith(out, legal)) {
      out.resize(out.size() - legal.size());
      break;
    }
  return out;
}

// The best alignment of `unit` against any stretch of `seal`, per character of
// the unit: wrong (substituted, missing, or extra text inserted before it), and
// the seal character it met (0 when missing).
struct Alignment {
  std::vector<bool> wrong;
  Text met;
};

Alignment Align(const Text& unit, const Text& seal) {
  const size_t n = unit.size(), m = seal.size();
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1, 0));
  for (size_t i = 1; i <= n; ++i) {
    d[i][0] = static_cast<int>(i);
    for (size_t j = 1; j <= m; ++j)
      d[i][j] = std::min({d[i - 1][j - 1] + (unit[i - 1] == seal[j - 1] ? 0 : 1), d[i - 1][j] + 1, d[i][j - 1] + 1});
  }
  // Of equally good ends, the latest: the unit met as other characters rather than
  // missing, when the seal has text there.
  size_t j = m;
  for (size_t k = m; k-- > 0;)
    if (d[n][k] < d[n][j]) j = k;
  Alignment a{std::vector<bool>(n, false), Text(n, 0)};
  for (size_t i = n; i > 0;) {
    if (j > 0 && d[i][j] == d[i - 1][j - 1] + (unit[i - 1] == seal[j - 1] ? 0 : 1)) {
      a.wrong[i - 1] = a.wrong[i - 1] || unit[i - 1] != seal[j - 1];
      a.met[i - 1] = seal[j - 1];
      --i, --j;
    } else if (d[i][j] == d[i - 1][j] + 1) {
      a.wrong[--i] = true;
    } else {
      // Extra seal text inside the name: counts against the character after it.
      if (i < n) a.wrong[i] = true;
      --j;
    }
  }
  return a;
}

// Several readings of the same seal aligned against `unit` and merged: a character
// of the unit is read right when any reading has it right (OCR slips on a seal
// fall in different places in readings of different ink images, and a reading
// does not make up the very character the form prints), and read as another
// character only when no reading has it. Readings too short to be the unit's
// name are left out; `longest` is the longest reading used, 0 when none.
Alignment AlignReadings(const Text& unit, const std::vector<Text>& readings, size_t min_size, size_t* longest) {
  Alignment merged{std::vector<bool>(unit.size(), true), Text(unit.size(), 0)};
  *longest = 0;
  for (const Text& seal : readings) {
    if (seal.size() < min_size) continue;
    *longest = std::max(*longest, seal.size());
    const Alignment a = Align(unit, seal);
    for (size_t i = 0; i < unit.size(); ++i) {
      if (!a.wrong[i]) merged.wrong[i] = false, merged.met[i] = unit[i];
      else if (merged.wrong[i] && merged.met[i] == 0) merged.met[i] = a.met[i];
    }
  }
  return merged;
}

bool IsDivision(const Text& t, size_t i) {
  switch (t[i]) {
    case U'省': case U'区': case U'县': case U'州': case U'盟': case U'旗': return true;
    case U'市': return i + 1 >= t.size() || t[i + 1] != U'场';  // 市场监督管理局 is no city
    default: return false;
  }
}

}  // namespace

OwnerVerdict CompareSealOwner(std::string_view seal_text, std::string_view unit_text, double ocr_confidence) {
  return CompareSealOwner(std::vector<SealReading>{{std::string(seal_text), ocr_confidence}}, unit_text);
}

OwnerVerdict CompareSealOwner(const std::vector<SealReading>& readings, std::string_view unit_text) {
  const Text unit = Comparable(unit_text, false);
  if (unit.empty()) return OwnerVerdict::kUnsure;
  std::vector<Text> seals;
  double ocr_confidence = 0;
  for (const SealReading& r : readings) {
    seals.push_back(Comparable(r.text, true));
    if (seals.back().size() >= std::max<size_t>(2, unit.size() / 2)) ocr_confidence = std::max(ocr_confidence, r.confidence);
  }
  size_t longest = 0;
  const Alignment a = AlignReadings(unit, seals, std::max<size_t>(2, unit.size() / 2), &longest);
  if (longest == 0) return OwnerVerdict::kUnsure;
  const std::vector<bool>& wrong = a.wrong;
  // Read as another character, not just missing: a seal text cut short (the arc's
  // start misplaced) lacks part of the name but names no other unit.
  auto other = [&](int i) { return a.wrong[i] && a.met[i] != 0; };
  const int n = static_cast<int>(unit.size());

  // The place: levels up to the last division character, each a name and its
  // 省/市/区…; a level is another place when half or more of its name (two
  // characters at least) reads as other characters.
  int place_end = 0, place_errors = 0;
  bool other_place = false;
  for (int i = 1, level_start = 0; i < n; ++i) {
    if (!IsDivision(unit, i)) continue;
    int errors = 0, others = 0;
    for (int k = level_start; k < i; ++k) errors += wrong[k], others += other(k);
    const int name = i - level_start;
    other_place = other_place || (name > 0 && others >= std::max(2, (name + 1) / 2));
    place_errors += errors + wrong[i];
    place_end = level_start = i + 1;
  }
  int rest_errors = 0, rest_others = 0;
  for (int i = place_end; i < n; ++i) rest_errors += wrong[i], rest_others += other(i);
  const int rest = n - place_end, total = place_errors + rest_errors;

  if (!other_place && total <= std::max(1, n / 4)) return OwnerVerdict::kSame;
  // Saying "another unit" needs a seal read well and surely: OCR that misreads a
  // two-character place name whole (武昌 as 六遇) is unsure of itself.
  if (ocr_confidence < kSureRead) return OwnerVerdict::kUnsure;
  if (other_place && rest_errors <= std::max(1, rest / 4) && longest >= unit.size()) return OwnerVerdict::kDifferent;
  if (place_end > 0 && !other_place && place_errors <= 1 && rest >= 3 && 2 * rest_others > rest)
    return OwnerVerdict::kDifferent;
  // A company (no place in its name): another company when almost none of it is there.
  if (place_end == 0 && rest >= 4 && 4 * rest_others >= 3 * rest) return OwnerVerdict::kDifferent;
  return OwnerVerdict::kUnsure;
}

OwnerVerdict CompareSealKind(std::string_view seal_text, const std::vector<std::string>& kinds,
                             double ocr_confidence) {
  return CompareSealKind(std::vector<SealReading>{{std::string(seal_text), ocr_confidence}}, kinds);
}

OwnerVerdict CompareSealKind(const std::vector<SealReading>& readings, const std::vector<std::string>& kinds) {
  std::vector<Text> seals;
  for (const SealReading& r : readings) seals.push_back(Comparable(r.text, true));
  double best_error = 1;
  bool other_level = false, compared = false;
  for (const std::string& k : kinds) {
    const Text kind = Comparable(k, false);
    // A kind needs a place before it on the seal.
    size_t longest = 0;
    const Alignment a = AlignReadings(kind, seals, kind.size() + 2, &longest);
    if (kind.empty() || longest == 0) continue;
    compared = true;
    int errors = 0, others = 0;
    bool division_wrong = false;
    for (size_t i = 0; i < kind.size(); ++i) {
      errors += a.wrong[i];
      others += a.wrong[i] && a.met[i] != 0;
      // Another division where the kind has one (市 for 省), not an unreadable one.
      const Text met{a.met[i]};
      division_wrong = division_wrong || (a.wrong[i] && IsDivision(kind, i) && a.met[i] && IsDivision(met, 0));
    }
    if (!division_wrong && errors <= std::max<int>(1, kind.size() / 4)) return OwnerVerdict::kSame;
    // Another kind reads as other characters, not as a seal text cut short.
    const double error = static_cast<double>(others) / kind.size();
    if (error < best_error) best_error = error, other_level = division_wrong;
  }
  double ocr_confidence = 0;
  for (size_t i = 0; i < readings.size(); ++i)
    if (seals[i].size() >= 3) ocr_confidence = std::max(ocr_confidence, readings[i].confidence);
  if (!compared || ocr_confidence < kSureRead) return OwnerVerdict::kUnsure;
  // Only the level wrong (市人民政府 for 省人民政府), or hardly any of every kind there.
  if ((other_level && best_error <= 0.34) || best_error > 0.5)
    return OwnerVerdict::kDifferent;
  return OwnerVerdict::kUnsure;
}

void ReadSealOwner(const AnalyzedPage& page, const ocr::SealCandidate& seal, const std::string& unit,
                   const std::vector<std::string>& kinds, ocr::OcrEngine& engine, StampResult& stamp,
                   Record& record) {
  // Up to two readings on a colour page (redness is cleaner on a good scan,
  // stroke shape on a poor one), judged together: each character of the unit's
  // name may be read right in either. The text shown is the reading that alone
  // comes closest to naming the unit, else the more confident one.
  struct Reading {
    std::string text;
    OwnerVerdict verdict = OwnerVerdict::kUnsure;
    double confidence = -1;
  };
  Reading chosen;
  std::vector<SealReading> readings;
  cv::Mat redness_strip, shape_strip;
  auto judge = [&](const std::vector<SealReading>& rs) {
    if (!unit.empty()) return CompareSealOwner(rs, unit);
    if (!kinds.empty()) return CompareSealKind(rs, kinds);
    return OwnerVerdict::kUnsure;
  };
  // Reads `strip`, keeps the reading for the joint verdict, and judges it alone.
  auto read = [&](const cv::Mat& strip, ocr::TextKind kind) {
    const ocr::OcrText text = engine.Recognize(strip, kind);
    Reading r{RemoveWhitespace(NormalizeText(text.Joined(""))), OwnerVerdict::kUnsure, text.confidence};
    readings.push_back({r.text, r.confidence});
    r.verdict = judge({readings.back()});
    return r;
  };
  for (ocr::SealInk ink : {ocr::SealInk::kRedness, ocr::SealInk::kShape}) {
    if (ink == ocr::SealInk::kShape && !page.image.has_color()) break;
    const cv::Mat strip = ocr::UnwrapSealText(page.image, seal, ink);
    if (strip.empty()) return;
    if (ink == ocr::SealInk::kRedness) redness_strip = strip;
    else shape_strip = strip;
    Reading r = read(strip, ocr::TextKind::kSealArc);
    const bool same = r.verdict == OwnerVerdict::kSame, chosen_same = chosen.verdict == OwnerVerdict::kSame;
    if (chosen.confidence < 0 || (same && !chosen_same) || (same == chosen_same && r.confidence > chosen.confidence))
      chosen = std::move(r);
    // Named by the first reading: another reading could not unname it, so it is
    // not spent (OCR is most of a seal's time; most clean seals are named here).
    if (chosen.verdict == OwnerVerdict::kSame) break;
  }
  OwnerVerdict together = judge(readings);
  // Not named yet: one more reading, of the redness image at 0.6 scale as a text
  // line, where a second model votes on what the first is unsure of. The two
  // models slip on different characters of a seal (one misreads 东湖 as 芭关,
  // the other reads it right), and characters 34 px tall suit them better than
  // 56 px on a blurred seal. Only for seals still unnamed (few clean or typical
  // ones, most hard ones).
  if (together != OwnerVerdict::kSame && !(unit.empty() && kinds.empty())) {
    cv::Mat small;
    cv::resize(redness_strip, small, cv::Size(), 0.6, 0.6, cv::INTER_AREA);
    Reading r = read(small, ocr::TextKind::kLine);
    if (r.verdict == OwnerVerdict::kSame && chosen.verdict != OwnerVerdict::kSame) chosen = std::move(r);
    together = judge(readings);
  }
  // Still not named: the stroke-shape image at 0.6 scale too, read as arc text. On a
  // hard scan (blurred, grainy, JPEG colour at half resolution) the redness
  // readings come back as noise and the shape readings carry the seal; at 0.6
  // their characters (34 px) lose the grain and slip on other characters than at
  // full size (on the hard seals of the samples and a held-out set, 10 of 27
  // named with it, 7 without, and no other unit named by the readings together).
  if (together != OwnerVerdict::kSame && !shape_strip.empty() && !(unit.empty() && kinds.empty())) {
    cv::Mat small;
    cv::resize(shape_strip, small, cv::Size(), 0.6, 0.6, cv::INTER_AREA);
    Reading r = read(small, ocr::TextKind::kSealArc);
    if (r.verdict == OwnerVerdict::kSame && chosen.verdict != OwnerVerdict::kSame) chosen = std::move(r);
    together = judge(readings);
  }
  // Together the readings may name the unit where neither does alone; a verdict
  // of another unit stays the more confident reading's own.
  if (together == OwnerVerdict::kSame) chosen.verdict = OwnerVerdict::kSame;
  stamp.owner_text = chosen.text;
  if (unit.empty() && kinds.empty()) return;
  switch (chosen.verdict) {
    case OwnerVerdict::kSame:
      stamp.owner_match = true;
      break;
    case OwnerVerdict::kDifferent:
      stamp.owner_match = false;
      record.validation.push_back({"error", stamp.zone, "seal-owner", "印章单位与表内单位不一致：" + stamp.owner_text});
      break;
    case OwnerVerdict::kUnsure:
      record.validation.push_back(
          {"warning", stamp.zone, "seal-owner-unread", "印章文字未能辨认，请人工核对印章单位：" + stamp.owner_text});
      break;
  }
}

}  // namespace shenbao::extract
