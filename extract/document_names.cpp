#include "extract/document_names.h"

#include <string>
#include <utility>
#include <vector>

#include "ocr/utf8.h"

namespace shenbao::extract {
namespace {

bool IsHan(const std::string& c) {
  return c.size() == 3 && static_cast<unsigned char>(c[0]) >= 0xE4 && static_cast<unsigned char>(c[0]) <= 0xE9;
}

bool IsPlaceName(const std::vector<std::string>& name) {
  if (name.size() < 2 || name.size() > 6) return false;
  for (const std::string& c : name)
    if (!IsHan(c)) return false;
  for (const char* suffix : {"省", "市", "州", "县", "区"})
    if (name.back() == suffix) return true;
  return false;
}

bool IsTextField(const FieldResult& f) { return f.value.is_string() && f.valid; }

void Mend(FieldResult& f, const std::string& value, const std::string& change) {
  f.value = value;
  f.correction += (f.correction.empty() ? "" : "; ") + change;
  f.confidence = std::min(f.confidence, kMendedNameConfidence);
}

// The place a unit's name begins with, as its 发文字号 abbreviates it; "" when none.
std::string PlaceAbbreviation(const std::string& unit) {
  static const std::pair<const char*, const char*> kProvinces[] = {
      {"北京", "京"}, {"天津", "津"}, {"河北", "冀"}, {"山西", "晋"}, {"内蒙古", "蒙"}, {"辽宁", "辽"},
      {"吉林", "吉"}, {"黑龙江", "黑"}, {"上海", "沪"}, {"江苏", "苏"}, {"浙江", "浙"}, {"安徽", "皖"},
      {"福建", "闽"}, {"江西", "赣"}, {"山东", "鲁"}, {"河南", "豫"}, {"湖北", "鄂"}, {"湖南", "湘"},
      {"广东", "粤"}, {"广西", "桂"}, {"海南", "琼"}, {"重庆", "渝"}, {"四川", "川"}, {"贵州", "黔"},
      {"云南", "滇"}, {"西藏", "藏"}, {"陕西", "陕"}, {"甘肃", "甘"}, {"青海", "青"}, {"宁夏", "宁"},
      {"新疆", "新"}};
  for (const auto& [province, abbreviation] : kProvinces)
    if (unit.starts_with(province)) return abbreviation;
  // A city of two or three characters: 武汉市 → 武.
  const std::vector<std::string> chars = ocr::CodePoints(unit);
  for (size_t i = 2; i <= 3 && i < chars.size(); ++i)
    if (chars[i] == "市") return IsHan(chars[0]) ? chars[0] : "";
  return "";
}

}  // namespace

void MendPlaceNameSlips(Record& record, double trust_threshold) {
  auto& fields = record.fields;
  for (size_t n = 0; n < fields.size(); ++n) {
    const FieldResult& source = fields[n].second;
    if (!IsTextField(source) || source.confidence < trust_threshold || !source.correction.empty()) continue;
    const std::string name = source.value.get<std::string>();
    const std::vector<std::string> name_chars = ocr::CodePoints(name);
    if (!IsPlaceName(name_chars)) continue;
    // The name read right elsewhere too: the document spells it so.
    bool again = false;
    for (size_t k = 0; k < fields.size() && !again; ++k)
      again = k != n && IsTextField(fields[k].second) &&
              fields[k].second.value.get<std::string>().find(name) != std::string::npos;
    if (!again) continue;
    for (size_t k = 0; k < fields.size(); ++k) {
      FieldResult& f = fields[k].second;
      if (k == n || !IsTextField(f)) continue;
      std::vector<std::string> chars = ocr::CodePoints(f.value.get<std::string>());
      std::vector<std::string> changes;
      for (size_t at = 0; at + name_chars.size() <= chars.size(); ++at) {
        if (chars[at + name_chars.size() - 1] != name_chars.back()) continue;
        int differ = -1, count = 0;
        for (size_t i = 0; i + 1 < name_chars.size(); ++i)
          if (chars[at + i] != name_chars[i]) differ = static_cast<int>(i), ++count;
        if (count != 1 || !IsHan(chars[at + differ])) continue;
        std::string misread;
        for (size_t i = 0; i < name_chars.size(); ++i) misread += chars[at + i];
        changes.push_back("地名：" + misread + "→" + name);
        chars[at + differ] = name_chars[differ];
      }
      if (changes.empty()) continue;
      std::string value;
      for (const std::string& c : chars) value += c;
      std::string change;
      for (const std::string& c : changes) change += (change.empty() ? "" : "; ") + c;
      Mend(f, value, change);
    }
  }
}

void MendDocNumberPlace(const FormTemplate& form, Record& record, double trust_threshold) {
  FieldResult* number = nullptr;
  std::vector<const FieldResult*> units;
  for (auto& [id, f] : record.fields) {
    const FieldSpec* spec = form.FindField(id);
    if (!spec || spec->locate != Locate::kLetter || !IsTextField(f)) continue;
    if (spec->letter_part == LetterPart::kDocNumber) number = &f;
    if (spec->letter_part == LetterPart::kIssuer || spec->letter_part == LetterPart::kSigner) units.push_back(&f);
  }
  if (!number || units.size() < 2) return;
  const std::string place = PlaceAbbreviation(units[0]->value.get<std::string>());
  bool sure = false;
  for (const FieldResult* unit : units) {
    if (PlaceAbbreviation(unit->value.get<std::string>()) != place) return;
    sure = sure || unit->confidence >= trust_threshold;
  }
  std::vector<std::string> chars = ocr::CodePoints(number->value.get<std::string>());
  if (place.empty() || !sure || chars.size() < 4 || chars[0] == place || !IsHan(chars[0])) return;
  const std::string misread = chars[0];
  chars[0] = place;
  std::string value;
  for (const std::string& c : chars) value += c;
  Mend(*number, value, "发文机关代字：" + misread + "→" + place);
}

}  // namespace shenbao::extract
