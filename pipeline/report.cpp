#include "pipeline/report.h"

#include <map>
#include <sstream>

#include "pipeline/output.h"

namespace shenbao::pipeline {
namespace {

std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string ValueText(const nlohmann::ordered_json& v) {
  if (v.is_null()) return "（空）";
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

const char* kStyle = R"(
body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;margin:1.5em;color:#222}
h1{font-size:1.4em} table{border-collapse:collapse;margin:.5em 0} td,th{border:1px solid #ccc;padding:3px 8px;vertical-align:top}
.ok{color:#1a7f37}.needs_review{color:#b35900}.unmatched{color:#6e40c9}.error{color:#c62828}
.doc{border:1px solid #ddd;border-radius:6px;padding:.6em 1em;margin:1em 0}
img.crop{max-height:90px;max-width:380px;border:1px solid #aaa} img.seal{height:120px;border:1px solid #aaa}
.summary span{margin-right:1.5em;font-weight:bold}
)";

}  // namespace

void WriteReport(const std::filesystem::path& out_dir, const std::vector<nlohmann::ordered_json>& records) {
  std::map<std::string, int> counts;
  for (const auto& r : records) ++counts[r.value("status", "error")];
  std::ostringstream html;
  html << "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>shenbao 批处理报告</title><style>"
       << kStyle << "</style></head><body><h1>shenbao 批处理报告</h1><p class=\"summary\">";
  html << "<span id=\"count-total\">文件记录 " << records.size() << "</span>";
  for (const char* s : {"ok", "needs_review", "unmatched", "error"})
    html << "<span class=\"" << s << "\" id=\"count-" << s << "\">" << s << " " << counts[s] << "</span>";
  html << "</p>";
  // Documents that need a person first, then the rest.
  for (int pass = 0; pass < 2; ++pass) {
    for (const auto& r : records) {
      const std::string status = r.value("status", "error");
      if ((pass == 0) == (status == "ok")) continue;
      const auto& source = r["source"];
      html << "<div class=\"doc\" data-status=\"" << status << "\"><b>" << Escape(source.value("path", ""));
      if (source.value("document", 1) > 1 || source.contains("page_range"))
        html << "</b> 文档 " << source.value("document", 1) << "<b>";
      html << "</b> — <span class=\"" << status << "\">" << status << "</span>";
      if (r.contains("template") && r["template"].is_object()) html << " — " << Escape(r["template"].value("id", ""));
      const auto errors = r.value("errors", nlohmann::ordered_json::array());
      for (const auto& e : errors)
        html << "<div class=\"error\">" << Escape(e.get<std::string>()) << "</div>";
      // Validation findings.
      const auto validation = r.value("validation", nlohmann::ordered_json::array());
      if (!validation.empty()) {
        html << "<table><tr><th>栏目</th><th>级别</th><th>问题</th></tr>";
        for (const auto& v : validation)
          html << "<tr><td>" << Escape(v.value("field", "")) << "</td><td class=\""
               << (v.value("severity", "") == "error" ? "error" : "needs_review") << "\">" << v.value("severity", "")
               << "</td><td>" << Escape(v.value("message", "")) << "</td></tr>";
        html << "</table>";
      }
      // Fields to review: low confidence, with their crop when there is one.
      std::ostringstream review;
      auto add_field = [&](const std::string& path, const nlohmann::ordered_json& f) {
        if (f.value("confidence", 0.0) >= 0.9) return;
        review << "<tr><td>" << Escape(path) << "</td><td>" << Escape(ValueText(f["value"])) << "</td><td>"
               << f.value("confidence", 0.0) << "</td><td>";
        if (f.contains("crop")) review << "<img class=\"crop\" loading=\"lazy\" src=\"" << Escape(f["crop"]) << "\">";
        review << "</td></tr>";
      };
      const auto fields = r.value("fields", nlohmann::ordered_json::object());
      const auto tables = r.value("tables", nlohmann::ordered_json::object());
      for (const auto& [id, f] : fields.items()) add_field(id, f);
      for (const auto& [table, rows] : tables.items())
        for (size_t i = 0; i < rows.size(); ++i)
          for (const auto& [id, f] : rows[i].items()) add_field(table + "[" + std::to_string(i) + "]." + id, f);
      if (!review.str().empty())
        html << "<table class=\"review\"><tr><th>需核对栏目</th><th>识别值</th><th>置信度</th><th>原图</th></tr>"
             << review.str() << "</table>";
      const auto stamps = r.value("stamps", nlohmann::ordered_json::array());
      for (const auto& s : stamps) {
        html << "<div class=\"stamp\">印章 " << Escape(s.value("zone", "")) << ": "
             << (s.value("present", false) ? "<span class=\"ok\">已盖章</span>" : "<span class=\"error\">未发现印章</span>");
        if (s.contains("owner_text")) html << " 印文：" << Escape(s.value("owner_text", ""));
        if (s.contains("crop"))
          html << "<br><img class=\"seal\" loading=\"lazy\" src=\"" << Escape(s.value("crop", "")) << "\">";
        html << "</div>";
      }
      html << "</div>";
    }
  }
  html << "</body></html>\n";
  WriteFileAtomically(out_dir / "report.html", html.str());
}

}  // namespace shenbao::pipeline
