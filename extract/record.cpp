#include "extract/record.h"

#include <algorithm>
#include <cmath>

namespace shenbao::extract {
namespace {

nlohmann::ordered_json Box(const cv::Rect& r) { return nlohmann::ordered_json::array({r.x, r.y, r.width, r.height}); }

double Round3(double v) { return std::round(v * 1000.0) / 1000.0; }

nlohmann::ordered_json FieldJson(const FieldResult& f) {
  nlohmann::ordered_json j;
  j["value"] = nlohmann::ordered_json(f.value);
  j["text"] = f.text;
  j["confidence"] = Round3(f.confidence);
  j["page"] = f.page;
  j["bbox"] = Box(f.bbox);
  if (f.under_seal) j["under_seal"] = true;
  if (!f.ocr_models.empty()) j["ocr_models"] = f.ocr_models;
  if (getenv("SHENBAO_CALIBRATION_DEBUG")) j["weakest_char"] = Round3(f.weakest_char);
  if (!f.correction.empty()) j["correction"] = f.correction;
  if (!f.crop.empty()) j["crop"] = f.crop;
  return j;
}

nlohmann::ordered_json FieldMapJson(const FieldMap& fields) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (const auto& [id, f] : fields) j[id] = FieldJson(f);
  return j;
}

}  // namespace

nlohmann::ordered_json ToJson(const Record& r) {
  nlohmann::ordered_json source = {{"path", r.path}, {"sha256", r.sha256}, {"pages", r.pages}, {"document", r.document},
                           {"dpi", r.dpi}};
  if (r.first_page > 0) source["page_range"] = {r.first_page, r.last_page};
  if (std::any_of(r.rotations.begin(), r.rotations.end(), [](int x) { return x != 0; })) source["rotations"] = r.rotations;

  nlohmann::ordered_json j;
  j["record_version"] = 1;
  j["source"] = source;
  j["template"] = r.template_id.empty()
                      ? nlohmann::ordered_json(nullptr)
                      : nlohmann::ordered_json{{"id", r.template_id}, {"version", r.template_version}, {"score", Round3(r.score)}};
  j["status"] = r.status;
  j["fields"] = FieldMapJson(r.fields);
  nlohmann::ordered_json tables = nlohmann::ordered_json::object();
  for (const auto& [id, rows] : r.tables) {
    nlohmann::ordered_json arr = nlohmann::ordered_json::array();
    for (const auto& row : rows) arr.push_back(FieldMapJson(row));
    tables[id] = arr;
  }
  j["tables"] = tables;
  nlohmann::ordered_json stamps = nlohmann::ordered_json::array();
  for (const auto& s : r.stamps) {
    nlohmann::ordered_json sj = {{"zone", s.zone}, {"required", s.required}, {"present", s.present},
                         {"confidence", Round3(s.confidence)}};
    if (s.present) {
      sj["page"] = s.page;
      sj["bbox"] = Box(s.bbox);
      sj["color"] = s.color;
      if (!s.crop.empty()) sj["crop"] = s.crop;
      if (!s.owner_text.empty()) sj["owner_text"] = s.owner_text;
      if (s.owner_match) sj["owner_match"] = *s.owner_match;
    }
    stamps.push_back(sj);
  }
  j["stamps"] = stamps;
  nlohmann::ordered_json validation = nlohmann::ordered_json::array();
  for (const auto& v : r.validation)
    validation.push_back({{"severity", v.severity}, {"field", v.field}, {"rule", v.rule}, {"message", v.message}});
  j["validation"] = validation;
  j["errors"] = r.errors;
  if (!r.page_texts.empty()) {
    nlohmann::ordered_json pages = nlohmann::ordered_json::array();
    for (const auto& p : r.page_texts) pages.push_back({{"page", p.page}, {"rotation", p.rotation}, {"text", p.text}});
    j["pages"] = pages;
  }
  return j;
}

void SetStatus(Record& r, double trust_threshold) {
  if (r.status == "unmatched" || r.status == "error") return;
  bool trusted = true;
  auto check = [&](const FieldResult& f) {
    if (!f.valid || f.confidence < trust_threshold) trusted = false;
  };
  for (const auto& [id, f] : r.fields) check(f);
  for (const auto& [id, rows] : r.tables)
    for (const auto& row : rows)
      for (const auto& [cid, f] : row) check(f);
  for (const auto& v : r.validation)
    if (v.severity == "error") trusted = false;
  for (const auto& s : r.stamps)
    if (s.required && !s.present) trusted = false;
  r.status = trusted ? "ok" : "needs_review";
}

}  // namespace shenbao::extract
