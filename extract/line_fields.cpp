// Fields found on the page's text lines outside the tables: by their printed label
// (`from: label`), as the signature block's date (`from: date-line`) and in the
// document's title (`from: title`).
#include <algorithm>
#include <string>
#include <vector>

#include "extract/layout_readers.h"
#include "extract/normalize.h"
#include "extract/unicode_regex.h"

namespace shenbao::extract {
namespace {

// Splits a line that starts with one of `labels` into the value after it
// ("填报单位：武汉市…" → "武汉市…"). Tolerates OCR slips in the label.
bool MatchLabel(const std::string& line, const std::vector<std::string>& labels, std::string* value) {
  // Code-point starts of the line.
  std::vector<size_t> starts;
  for (size_t i = 0; i < line.size(); ++i)
    if ((line[i] & 0xC0) != 0x80) starts.push_back(i);
  starts.push_back(line.size());
  std::vector<std::string> sorted = labels;
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  for (const std::string& label : sorted) {
    const size_t n = std::count_if(label.begin(), label.end(), [](char c) { return (c & 0xC0) != 0x80; });
    // The label as read may have a character more or less than as printed: the
    // head most like the label wins (its own length on a tie). "推荐单位〈(盖章):…"
    // — one bracket read as two — matched at the label's length, leaving "）："
    // at the start of the value.
    size_t best_take = 0;
    double best = n <= 3 ? 0.99 : 0.74;
    for (size_t take : {n, n + 1, n - 1}) {
      if (take == 0 || take >= starts.size()) continue;
      const double similarity = Similarity(line.substr(0, starts[take]), label);
      if (similarity > best || (best_take == 0 && similarity >= best)) best = similarity, best_take = take;
    }
    if (best_take == 0) continue;
    std::string rest = line.substr(starts[best_take]);
    // Strip the colon (either width, or what OCR made of it), leading spaces, and
    // what is left of the label's closing bracket: no value begins with one.
    for (bool stripped = true; stripped;) {
      stripped = false;
      for (const char* colon : {"：", ":", " ", "；", ";", "，", ",", "。", ".", "、", "）", ")"})
        if (rest.rfind(colon, 0) == 0) {
          rest = rest.substr(std::string(colon).size());
          stripped = true;
        }
    }
    *value = rest;
    return true;
  }
  return false;
}

}  // namespace

void ReadLabelField(const FieldSpec& spec, std::vector<AnalyzedPage>& pages, Record& record) {
  for (const AnalyzedPage& page : pages) {
    for (const TextLine& line : page.lines) {
      std::string raw_value;
      if (!MatchLabel(line.text, spec.labels, &raw_value)) continue;
      const ParsedValue parsed = ParseValue(spec.type, raw_value, spec.choices);
      FieldResult f;
      f.value = parsed.value;
      f.text = line.raw;
      f.valid = parsed.valid;
      f.error = parsed.error;
      f.correction = parsed.correction;
      f.page = page.image.page;
      f.bbox = line.box;
      f.ocr_confidence = line.confidence;
      f.under_seal = UnderSeal(line.box, page.seals);
      f.confidence = FieldConfidence(f.ocr_confidence, spec.type, f.valid, parsed.blank, f.under_seal, !f.correction.empty());
      record.fields.emplace_back(spec.id, std::move(f));
      return;
    }
  }
}

// The date of a signature block: the last date-like line below the last table.
void ReadDateLine(const FieldSpec& spec, std::vector<AnalyzedPage>& pages, Record& record) {
  static const UnicodeRegex kDateLike(R"((\d{4}|[〇零○OО一二三四五六七八九]{4})年.{0,4}月.{0,4}日|^年月日$|\d{4}[.\-/]\d{1,2}[.\-/]\d{1,2})");
  for (auto page = pages.rbegin(); page != pages.rend(); ++page) {
    const int table_bottom = page->tables.empty() ? 0 : page->tables.back().bbox.br().y;
    for (auto line = page->lines.rbegin(); line != page->lines.rend(); ++line) {
      if (line->box.y < table_bottom) break;
      const std::string compact = RemoveWhitespace(line->text);
      // A blank 年 月 日 under a seal: what is left of the seal's strokes (its
      // code runs through the blanks) reads as a stray character or two, but no
      // digit or numeral is there.
      static const UnicodeRegex kBlankDate(R"(^年[^\d〇零○一二三四五六七八九十]{0,2}月[^\d〇零○一二三四五六七八九十]{0,2}$)");
      const bool blank_with_specks = !kDateLike.Search(compact) && kBlankDate.Search(compact) &&
                                     UnderSeal(line->box, page->seals);
      // A year in Chinese numerals whose 〇 a seal's strokes made into letters.
      const std::string repaired = RingZerosRepaired(compact);
      const bool ring_repaired = !repaired.empty() && ParseValue(FieldType::kDate, repaired, {}).valid &&
                                 !(kDateLike.Search(compact) && ParseValue(FieldType::kDate, compact, {}).valid);
      if (!kDateLike.Search(compact) && !blank_with_specks && !ring_repaired) continue;
      const ParsedValue parsed =
          ParseValue(FieldType::kDate, blank_with_specks ? "年月日" : ring_repaired ? repaired : compact, {});
      FieldResult f;
      f.value = parsed.value;
      f.text = line->raw;
      f.valid = parsed.valid;
      f.error = parsed.error;
      if (ring_repaired) f.correction = line->text + "→" + repaired;
      f.page = page->image.page;
      f.bbox = line->box;
      f.ocr_confidence = line->confidence;
      f.under_seal = UnderSeal(line->box, page->seals);
      f.confidence = FieldConfidence(f.ocr_confidence, FieldType::kDate, f.valid, parsed.blank, f.under_seal,
                                     ring_repaired);
      record.fields.emplace_back(spec.id, std::move(f));
      return;
    }
  }
}

void ReadTitleField(const FieldSpec& spec, const TemplateMatch& match, const AnalyzedPage& first_page, Record& record) {
  std::string raw;
  auto it = match.title_groups.find(spec.title_group);
  bool from_pattern = it != match.title_groups.end();
  if (from_pattern) {
    raw = it->second;
    if (raw.empty()) {
      // The title matched and simply prints no year (关于做好…的通知): null, not missing.
      FieldResult f;
      f.value = nullptr;
      f.page = first_page.image.page;
      f.bbox = match.title_box;
      f.ocr_confidence = 0.9;
      f.confidence = FieldConfidence(0.9, spec.type, true, true, false, false);
      record.fields.emplace_back(spec.id, std::move(f));
      return;
    }
  }
  else {
    // The title was recognised by similarity, not by its exact pattern: take the
    // four digits before 年, else four digits standing alone, and trust it less. Not
    // the first four digits anywhere: the title may have been matched together with
    // the line above it, "附件2" + "2023年…" = "附件22023年…", whose first four are 2202.
    static const UnicodeRegex kYearDigits(R"((?<digits>\d{4})年)");
    static const UnicodeRegex kFourDigits(R"((?<!\d)(?<digits>\d{4})(?!\d))");
    const std::string title = ToHalfWidth(match.title_text);
    std::map<std::string, std::string> groups;
    if (kYearDigits.Search(title, &groups) || kFourDigits.Search(title, &groups)) raw = groups["digits"];
  }
  if (raw.empty()) return;
  ParsedValue parsed = ParseValue(spec.type, raw, spec.choices);
  // A campaign year printed in a title is a recent one: 3202 is a misread 2023.
  if (spec.id == "year" && parsed.value.is_number_integer() &&
      (parsed.value.get<int>() < 1990 || parsed.value.get<int>() > 2100)) {
    parsed.valid = false;
    parsed.error = "标题中的年份不合理：" + raw;
  }
  FieldResult f;
  f.value = parsed.value;
  f.text = raw;
  f.valid = parsed.valid;
  f.error = parsed.error;
  f.page = first_page.image.page;
  f.bbox = match.title_box;
  f.ocr_confidence = match.title_line >= 0 && match.title_line < static_cast<int>(first_page.lines.size())
                         ? first_page.lines[match.title_line].confidence
                         : 0.5;
  if (!from_pattern) f.ocr_confidence *= 0.6;
  f.confidence = FieldConfidence(f.ocr_confidence, spec.type, f.valid, parsed.blank, false, false);
  record.fields.emplace_back(spec.id, std::move(f));
}

}  // namespace shenbao::extract
