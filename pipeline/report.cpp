#include "pipeline/report.h"

#include <map>
#include <sstream>

#include "pipeline/output.h"

namespace shenbao::pipeline {
namespace {

using Json = nlohmann::ordered_json;

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

std::string ValueText(const Json& v) {
  if (v.is_null()) return "（空）";
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

// Status code → what a clerk reads; the code itself stays visible for scripts and mail.
const char* StatusLabel(const std::string& status) {
  if (status == "ok") return "通过";
  if (status == "needs_review") return "需核对";
  if (status == "unmatched") return "未匹配模板";
  return "无法读取";
}

std::string Badge(const std::string& status) {
  return "<span class=\"badge " + Escape(status) + "\">" + StatusLabel(status) + " · " + Escape(status) + "</span>";
}

const char* kStyle = R"(
*{box-sizing:border-box}
body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;margin:0;background:#f4f5f7;color:#1f2328;font-size:14px}
header{background:#1f3b57;color:#fff;padding:18px 32px}
header h1{margin:0 0 10px;font-size:22px;font-weight:600}
main{padding:16px 32px 48px;max-width:1400px}
.counts span{display:inline-block;margin-right:10px;padding:4px 12px;border-radius:14px;background:rgba(255,255,255,.15);font-weight:600}
.badge{display:inline-block;padding:2px 10px;border-radius:12px;font-size:12px;font-weight:600;white-space:nowrap}
.badge.ok{background:#dafbe1;color:#116329}.badge.needs_review{background:#fff1c2;color:#7d4e00}
.badge.unmatched{background:#ece2ff;color:#5a32a3}.badge.error{background:#ffe1e1;color:#a40e26}
h2{font-size:17px;margin:24px 0 8px}
table{border-collapse:collapse;background:#fff;width:100%}
th,td{border-bottom:1px solid #e3e6ea;padding:6px 10px;text-align:left;vertical-align:middle}
th{background:#eef1f4;font-weight:600;font-size:13px}
table.index td.num{text-align:right;color:#57606a}
a{color:#0b5cad;text-decoration:none}a:hover{text-decoration:underline}
.doc{background:#fff;border:1px solid #d8dee4;border-left:5px solid #8c959f;border-radius:6px;padding:12px 16px;margin:14px 0}
.doc.ok{border-left-color:#2da44e}.doc.needs_review{border-left-color:#d4a72c}.doc.unmatched{border-left-color:#8250df}.doc.error{border-left-color:#cf222e}
.doc h3{margin:0 0 6px;font-size:15px;word-break:break-all}
.meta{color:#57606a;font-size:13px;margin-bottom:6px}
.errors{background:#fff5f5;border:1px solid #ffc9c9;color:#a40e26;padding:6px 10px;border-radius:4px;margin:6px 0}
.doc table{margin:8px 0}
td.value{font-weight:600}td.raw{color:#57606a;font-size:12px}
td.low{color:#a40e26;font-weight:600}
img.crop{max-height:70px;max-width:360px;border:1px solid #c9d1d9;background:#fff}
.stamps{display:flex;flex-wrap:wrap;gap:10px;margin-top:8px}
.stamp{width:190px;border:2px solid #d8dee4;border-radius:6px;padding:6px;font-size:12px;background:#fafbfc}
.stamp.present{border-color:#2da44e}.stamp.missing{border-color:#cf222e}.stamp.mismatch{border-color:#d4a72c}
.stamp img{width:176px;height:176px;object-fit:contain;display:block;background:#fff}
.stamp .none{width:176px;height:60px;display:flex;align-items:center;justify-content:center;color:#a40e26;font-weight:600}
details>summary{cursor:pointer;color:#0b5cad;margin:6px 0}
pre.text{white-space:pre-wrap;background:#f6f8fa;padding:8px;border-radius:4px;max-height:240px;overflow:auto}
)";

// Fields whose value a person must check: below the trust threshold, or named by a
// validation finding. Each row: path, value, raw text, confidence, crop.
std::string ReviewRows(const Json& r) {
  std::map<std::string, bool> flagged;
  for (const auto& v : r.value("validation", Json::array())) flagged[v.value("field", "")] = true;
  std::ostringstream rows;
  auto add = [&](const std::string& path, const Json& f) {
    const double confidence = f.value("confidence", 0.0);
    if (confidence >= 0.9 && !flagged.count(path)) return;
    char conf[16];
    std::snprintf(conf, sizeof conf, "%.2f", confidence);
    rows << "<tr><td>" << Escape(path) << "</td><td class=\"value\">" << Escape(ValueText(f["value"]))
         << "</td><td class=\"raw\">" << Escape(f.value("text", "")) << "</td><td" << (confidence < 0.9 ? " class=\"low\"" : "")
         << ">" << conf << "</td><td>";
    if (f.contains("crop")) rows << "<img class=\"crop\" loading=\"lazy\" alt=\"" << Escape(path) << "\" src=\"" << Escape(f["crop"]) << "\">";
    rows << "</td></tr>";
  };
  // items() of a temporary dangles: keep the sub-objects alive while iterating.
  const Json fields = r.value("fields", Json::object());
  const Json tables = r.value("tables", Json::object());
  for (const auto& [id, f] : fields.items()) add(id, f);
  for (const auto& [table, table_rows] : tables.items())
    for (size_t i = 0; i < table_rows.size(); ++i)
      for (const auto& [id, f] : table_rows[i].items()) add(table + "[" + std::to_string(i) + "]." + id, f);
  return rows.str();
}

void WriteDocument(std::ostringstream& html, const Json& r, size_t index) {
  const std::string status = r.value("status", "error");
  const auto& source = r["source"];
  html << "<section class=\"doc " << Escape(status) << "\" id=\"doc-" << index << "\" data-status=\"" << Escape(status)
       << "\"><h3>" << Escape(source.value("path", "")) << " " << Badge(status) << "</h3><div class=\"meta\">";
  html << "文档 " << source.value("document", 1);
  if (source.contains("page_range"))
    html << " · 第 " << source["page_range"][0] << "–" << source["page_range"][1] << " 页（共 " << source.value("pages", 0) << " 页）";
  if (r.contains("template") && r["template"].is_object())
    html << " · 模板 " << Escape(r["template"].value("id", "")) << "（匹配度 " << r["template"].value("score", 0.0) << "）";
  html << "</div>";
  const auto errors = r.value("errors", Json::array());
  if (!errors.empty()) {
    html << "<div class=\"errors\">";
    for (const auto& e : errors) html << Escape(e.get<std::string>()) << "<br>";
    html << "</div>";
  }
  const std::string review = ReviewRows(r);
  if (!review.empty())
    html << "<table class=\"review\"><tr><th>需核对栏目</th><th>识别值</th><th>原文</th><th>置信度</th><th>原图</th></tr>"
         << review << "</table>";
  const auto validation = r.value("validation", Json::array());
  if (!validation.empty()) {
    html << "<table class=\"validation\"><tr><th>栏目</th><th>级别</th><th>问题</th></tr>";
    for (const auto& v : validation)
      html << "<tr><td>" << Escape(v.value("field", "")) << "</td><td>" << Escape(v.value("severity", "")) << "</td><td>"
           << Escape(v.value("message", "")) << "</td></tr>";
    html << "</table>";
  }
  const auto stamps = r.value("stamps", Json::array());
  if (!stamps.empty()) {
    html << "<div class=\"stamps\">";
    for (const auto& s : stamps) {
      const bool present = s.value("present", false);
      const bool mismatch = s.contains("owner_match") && s["owner_match"].is_boolean() && !s["owner_match"].get<bool>();
      html << "<div class=\"stamp " << (!present ? "missing" : mismatch ? "mismatch" : "present") << "\">";
      if (present && s.contains("crop"))
        html << "<img loading=\"lazy\" alt=\"印章\" src=\"" << Escape(s.value("crop", "")) << "\">";
      else if (!present)
        html << "<div class=\"none\">未发现印章</div>";
      html << "<b>" << Escape(s.value("zone", "")) << "</b>：" << (present ? "已盖章" : "缺少印章");
      if (s.contains("owner_text")) html << "<br>印文：" << Escape(s.value("owner_text", ""));
      if (mismatch) html << "<br><b>印章单位与填报单位不符</b>";
      html << "</div>";
    }
    html << "</div>";
  }
  const auto texts = r.value("page_texts", Json::array());
  if (!texts.empty()) {
    html << "<details><summary>全文（" << texts.size() << " 页）</summary><pre class=\"text\">";
    for (const auto& t : texts) html << Escape(t.value("text", "")) << "\n\n";
    html << "</pre></details>";
  }
  html << "</section>";
}

}  // namespace

void WriteReport(const std::filesystem::path& out_dir, const std::vector<Json>& records) {
  std::map<std::string, int> counts;
  for (const auto& r : records) ++counts[r.value("status", "error")];
  std::ostringstream html;
  html << "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>shenbao 批处理报告</title><style>"
       << kStyle << "</style></head><body><header><h1>shenbao 批处理报告</h1><div class=\"counts\">"
       << "<span id=\"count-total\">记录 " << records.size() << "</span>";
  for (const char* s : {"ok", "needs_review", "unmatched", "error"})
    html << "<span id=\"count-" << s << "\">" << StatusLabel(s) << " " << counts[s] << "</span>";
  html << "</div></header><main>";

  // The index: every document on one line, linking to its section.
  html << "<h2>全部文档</h2><table class=\"index\"><tr><th>#</th><th>文件</th><th>文档</th><th>页</th><th>模板</th>"
          "<th>状态</th><th>问题</th></tr>";
  for (size_t i = 0; i < records.size(); ++i) {
    const auto& r = records[i];
    const auto& source = r["source"];
    const size_t issues = r.value("validation", Json::array()).size() + r.value("errors", Json::array()).size();
    html << "<tr><td class=\"num\">" << i + 1 << "</td><td><a href=\"#doc-" << i << "\">" << Escape(source.value("path", ""))
         << "</a></td><td class=\"num\">" << source.value("document", 1) << "</td><td class=\"num\">"
         << source.value("pages", 0) << "</td><td>"
         << (r.contains("template") && r["template"].is_object() ? Escape(r["template"].value("id", "")) : "—")
         << "</td><td>" << Badge(r.value("status", "error")) << "</td><td class=\"num\">" << issues << "</td></tr>";
  }
  html << "</table>";

  // Documents that need a person first; the good ones folded away below.
  html << "<h2>需要处理的文档</h2>";
  for (size_t i = 0; i < records.size(); ++i)
    if (records[i].value("status", "error") != "ok") WriteDocument(html, records[i], i);
  if (counts["ok"] > 0) {
    html << "<details><summary>通过的文档（" << counts["ok"] << "）</summary>";
    for (size_t i = 0; i < records.size(); ++i)
      if (records[i].value("status", "error") == "ok") WriteDocument(html, records[i], i);
    html << "</details>";
  }
  html << "</main></body></html>\n";
  WriteFileAtomically(out_dir / "report.html", html.str());
}

}  // namespace shenbao::pipeline
