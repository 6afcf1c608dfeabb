#include "pipeline/audit.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "pipeline/output.h"

namespace shenbao::pipeline {
namespace {

std::string Csv(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string Html(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '&' ? "&amp;" : c == '"' ? "&quot;" : std::string(1, c);
  return out;
}

}  // namespace

void WriteStampAudit(const std::filesystem::path& out_dir) {
  std::ifstream in(out_dir / "records.jsonl");
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto record = nlohmann::ordered_json::parse(line, nullptr, false);
    if (record.is_discarded()) continue;
    const std::string document = record["source"].value("path", "") + "#" + std::to_string(record["source"].value("document", 1));
    const std::string status = record.value("status", "");
    if (!record.contains("stamps") || record["stamps"].empty()) {
      nlohmann::ordered_json row = {{"document", document}, {"status", status}, {"zone", nullptr}, {"present", nullptr}};
      if (record.contains("errors") && !record["errors"].empty()) row["reason"] = record["errors"][0];
      rows.push_back(row);
      continue;
    }
    for (const auto& s : record["stamps"]) {
      nlohmann::ordered_json row = {{"document", document},
                                    {"status", status},
                                    {"zone", s.value("zone", "")},
                                    {"required", s.value("required", true)},
                                    {"present", s.value("present", false)},
                                    {"confidence", s.value("confidence", 0.0)},
                                    {"owner_text", s.value("owner_text", "")},
                                    {"owner_match", s.contains("owner_match") ? s["owner_match"] : nlohmann::ordered_json()},
                                    {"page", s.value("present", false) ? s["page"] : nlohmann::ordered_json()},
                                    {"bbox", s.contains("bbox") ? s["bbox"] : nlohmann::ordered_json()},
                                    {"crop", s.value("crop", "")}};
      rows.push_back(row);
    }
  }
  WriteFileAtomically(out_dir / "stamps.json", rows.dump(2) + "\n");

  std::ostringstream csv;
  csv << "document,zone,required,present,confidence,owner_text,owner_match,page,bbox,crop\n";
  for (const auto& r : rows) {
    auto str = [&](const char* key) {
      const auto& v = r.contains(key) ? r[key] : nlohmann::ordered_json();
      return v.is_string() ? v.get<std::string>() : v.is_null() ? std::string() : v.dump();
    };
    csv << Csv(str("document")) << "," << Csv(str("zone")) << "," << str("required") << "," << str("present") << ","
        << str("confidence") << "," << Csv(str("owner_text")) << "," << str("owner_match") << "," << str("page") << ","
        << Csv(str("bbox")) << "," << Csv(str("crop")) << "\n";
  }
  WriteFileAtomically(out_dir / "stamps.csv", csv.str());

  // One block per document, so a document without any stamp zone (unreadable,
  // unmatched) is still named and its reason shown: an auditor must see that it was
  // not checked, not overlook it.
  std::ostringstream html;
  html << "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>印章核查</title><style>"
          "body{font-family:sans-serif}h2{font-size:14px;margin:14px 0 2px}.card{display:inline-block;width:220px;"
          "margin:6px;padding:6px;border:2px solid #ccc;vertical-align:top;font-size:12px}"
          ".missing{border-color:#c62828}.mismatch{border-color:#b35900}.present{border-color:#1a7f37}"
          ".none{color:#c62828}img{width:200px;height:200px;object-fit:contain}</style></head><body>"
          "<h1>印章核查</h1>";
  std::string open_document;
  for (const auto& r : rows) {
    const std::string document = r.value("document", "");
    if (document != open_document) {
      html << "<h2>" << Html(document) << " · " << Html(r.value("status", "")) << "</h2>";
      open_document = document;
    }
    if (r["zone"].is_null()) {
      html << "<div class=\"none\">无印章栏目，未核查" << (r.contains("reason") ? "：" + Html(r.value("reason", "")) : "")
           << "</div>";
      continue;
    }
    const bool present = r.value("present", false);
    const bool mismatch = r["owner_match"].is_boolean() && !r["owner_match"].get<bool>();
    html << "<div class=\"card " << (!present ? "missing" : mismatch ? "mismatch" : "present") << "\">";
    if (present && !r.value("crop", "").empty())
      html << "<img loading=\"lazy\" alt=\"印章\" src=\"" << Html(r.value("crop", "")) << "\"><br>";
    html << Html(r.value("zone", "")) << ": " << (present ? "已盖章" : "<b>未发现印章</b>");
    if (present) html << "（第" << r.value("page", 0) << "页）";
    if (!r.value("owner_text", "").empty()) html << "<br>印文：" << Html(r.value("owner_text", ""));
    if (mismatch) html << "<br><b>印章单位不符</b>";
    html << "</div>";
  }
  html << "</body></html>\n";
  WriteFileAtomically(out_dir / "stamps.html", html.str());
}

}  // namespace shenbao::pipeline
