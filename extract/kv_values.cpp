// Values of key–value form cells beyond a plain ReadValue: numbers with ruling
// debris, and the opinion and date of a （盖章） block.
#include <cctype>
#include <map>

#include "extract/kv_labels.h"
#include "extract/kv_parts.h"
#include "extract/normalize.h"
#include "extract/unicode_regex.h"

namespace shenbao::extract {

void JoinedLines::Add(const TextLine& line) {
  corrected.push_back(line.text);
  read.push_back(NormalizeText(line.raw));
  NoteLexiconChanges(line.corrections, &corrections);
}

ParsedValue JoinedLines::Parse(FieldType type, const std::vector<std::string>& choices) const {
  ParsedValue parsed = ParseValue(type, NormalizeParagraph(corrected), choices);
  if (!corrections.empty()) parsed.correction += (parsed.correction.empty() ? "" : "; ") + corrections;
  return parsed;
}

FieldResult KvResult(FieldType type, const ParsedValue& parsed, const std::string& text, const cv::Rect& box,
                     const AnalyzedPage& page, double ocr_confidence) {
  FieldResult f;
  f.value = parsed.value;
  f.text = text;
  f.valid = parsed.valid;
  f.error = parsed.error;
  f.correction = parsed.correction;
  f.page = page.image.page;
  f.bbox = box;
  f.ocr_confidence = ocr_confidence;
  f.under_seal = UnderSeal(box, page.seals);
  f.confidence = FieldConfidence(ocr_confidence, type, f.valid, parsed.blank, f.under_seal, !f.correction.empty());
  return f;
}

void RetryNumber(FieldType type, const std::vector<std::string>& choices, FieldResult& f) {
  const bool number = type == FieldType::kDecimal2 || type == FieldType::kInt || type == FieldType::kPercent;
  const bool code = type == FieldType::kUscc || type == FieldType::kPhone || type == FieldType::kEmail;
  if (f.valid || !(number || code)) return;
  auto keep = [&](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || (code && std::isalpha(static_cast<unsigned char>(c))) ||
           (type == FieldType::kPercent && c == '%');
  };
  std::string text = ToHalfWidth(RemoveWhitespace(f.text));
  while (!text.empty() && !keep(text.back())) text.pop_back();
  while (!text.empty() && !keep(text.front())) text.erase(0, 1);
  if (text.empty()) return;
  const ParsedValue parsed = ParseValue(type, text, choices);
  if (!parsed.valid || parsed.blank) return;
  f.correction = f.text + "→" + text;
  f.value = parsed.value;
  f.valid = true;
  f.error.clear();
}

FieldResult ReadSignBlockPart(const FieldSpec& spec, const KvCell& v, const std::vector<TextLine>& lines) {
  static const UnicodeRegex kDateLike(R"((\d{4}|[〇零○OО一二三四五六七八九]{4})年.{0,4}月.{0,4}日|^年月日$|\d{4}[.\-/]\d{1,2}[.\-/]\d{1,2})");
  int seal_line = -1;
  for (size_t i = 0; i < lines.size() && seal_line < 0; ++i)
    if (lines[i].text.find("盖章") != std::string::npos || lines[i].text.find("章）") != std::string::npos)
      seal_line = static_cast<int>(i);
  if (spec.part == CellPart::kOpinion) {
    JoinedLines opinion;
    double confidence = 0;
    cv::Rect box;
    const int end = seal_line >= 0 ? SignatureStart(lines, seal_line) : static_cast<int>(lines.size());
    for (int i = 0; i < end; ++i) {
      if (kDateLike.Search(RemoveWhitespace(lines[i].text))) continue;
      opinion.Add(lines[i]);
      confidence += lines[i].confidence;
      box = box.area() ? (box | lines[i].box) : lines[i].box;
    }
    return KvResult(spec.type, opinion.Parse(spec.type, spec.choices), NormalizeParagraph(opinion.read),
                    box.area() ? box : v.box, *v.page,
                    opinion.corrected.empty() ? 0.95 : confidence / opinion.corrected.size());
  }
  // The date: the first date-like line after the （盖章） line (or anywhere, when none).
  for (size_t i = seal_line >= 0 ? seal_line : 0; i < lines.size(); ++i) {
    const std::string compact = RemoveWhitespace(lines[i].text);
    if (!kDateLike.Search(compact) && compact != "年月日") continue;
    const ParsedValue parsed = ParseValue(FieldType::kDate, TrimJunk(compact), {});
    if (parsed.valid) return KvResult(spec.type, parsed, lines[i].raw, lines[i].box, *v.page, lines[i].confidence);
  }
  // A date line a seal smudged ("ss2021年7有月23 B"): year, month and day as numbers.
  static const UnicodeRegex kLooseDate(R"((?<y>(19|20)\d{2})\D{0,3}(?<m>\d{1,2})\D{0,3}(?<d>\d{1,2}))");
  for (size_t i = seal_line >= 0 ? seal_line + 1 : 0; i < lines.size(); ++i) {
    std::map<std::string, std::string> g;
    const std::string compact = ToHalfWidth(RemoveWhitespace(lines[i].text));
    if (!kLooseDate.Search(compact, &g)) continue;
    const ParsedValue parsed = ParseValue(FieldType::kDate, g["y"] + "年" + g["m"] + "月" + g["d"] + "日", {});
    if (!parsed.valid || parsed.blank) continue;
    FieldResult f = KvResult(spec.type, parsed, lines[i].raw, lines[i].box, *v.page, lines[i].confidence * 0.8);
    f.correction = lines[i].text + "→" + parsed.value.get<std::string>();
    f.confidence = FieldConfidence(f.ocr_confidence, FieldType::kDate, true, false, f.under_seal, true);
    return f;
  }
  // A Chinese-numeral date whose 〇 a seal's strokes made into letters.
  for (size_t i = seal_line >= 0 ? seal_line + 1 : 0; i < lines.size(); ++i) {
    const std::string repaired = RingZerosRepaired(RemoveWhitespace(lines[i].text));
    if (repaired.empty()) continue;
    const ParsedValue parsed = ParseValue(FieldType::kDate, TrimJunk(repaired), {});
    if (!parsed.valid || parsed.blank) continue;
    FieldResult f = KvResult(spec.type, parsed, lines[i].raw, lines[i].box, *v.page, lines[i].confidence * 0.8);
    f.correction = lines[i].text + "→" + repaired;
    f.confidence = FieldConfidence(f.ocr_confidence, FieldType::kDate, true, false, f.under_seal, true);
    return f;
  }
  // No date line read: blank on paper.
  return KvResult(spec.type, ParseValue(FieldType::kDate, "", {}), "", v.box, *v.page, 0.8);
}

}  // namespace shenbao::extract
