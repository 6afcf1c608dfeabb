#include "pipeline/evaluate.h"

#include <algorithm>
#include <cstdio>
#include <fstream>

#include <nlohmann/json.hpp>

#include "extract/normalize.h"

namespace shenbao::pipeline {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace {

int Bucket(double confidence) {
  if (confidence >= 0.95) return 95;
  if (confidence >= 0.9) return 90;
  if (confidence >= 0.7) return 70;
  if (confidence >= 0.5) return 50;
  return 0;
}

// "zh agree weakest>=0.97": script of the text read, how the OCR models stood, and the
// band of the least sure character — the evidence CalibratedConfidence maps to a figure.
std::string EvidenceKey(const Json& field) {
  const std::string text = field.value("text", "");
  const bool chinese = extract::HasNonAscii(text);
  const std::string models = field.value("ocr_models", "");
  const double weakest = field.value("weakest_char", 0.0);
  const char* band = weakest >= 0.99 ? ">=0.99" : weakest >= 0.97 ? "0.97-0.99" : weakest >= 0.95 ? "0.95-0.97"
                     : weakest >= 0.9 ? "0.90-0.95" : weakest >= 0.8 ? "0.80-0.90" : "<0.80";
  return std::string(text.empty() ? "blank" : chinese ? "zh" : "latin") + " " + (models.empty() ? "one-model" : models) +
         " weakest " + band;
}

bool SameValue(const Json& truth, const Json& read) {
  if (truth.is_number() && read.is_number()) return std::abs(truth.get<double>() - read.get<double>()) < 1e-6;
  return truth == read;
}

std::string Show(const Json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

bool InList(const Json& list, const std::string& path) {
  if (!list.is_array()) return false;
  for (const auto& p : list)
    if (p.is_string() && p.get<std::string>() == path) return true;
  return false;
}

}  // namespace

EvalReport Evaluate(const fs::path& samples_dir, const fs::path& out_dir) {
  EvalReport report;
  // Records by the input file name they came from.
  std::map<std::string, std::vector<Json>> records_of;
  std::ifstream jsonl(out_dir / "records.jsonl");
  std::string line;
  while (std::getline(jsonl, line)) {
    Json r = Json::parse(line, nullptr, false);
    if (r.is_discarded()) continue;
    records_of[fs::path(r["source"].value("path", "")).lexically_normal().string()].push_back(std::move(r));
  }
  std::vector<fs::path> truths;
  for (const auto& e : fs::recursive_directory_iterator(samples_dir))
    if (e.path().string().ends_with(".truth.json")) truths.push_back(e.path());
  std::sort(truths.begin(), truths.end());

  for (const fs::path& truth_path : truths) {
    std::ifstream in(truth_path);
    const Json truth = Json::parse(in, nullptr, false);
    if (truth.is_discarded()) continue;
    std::string stem = truth_path.filename().string();
    stem = stem.substr(0, stem.size() - std::string(".truth.json").size());
    fs::path input;
    for (const char* ext : {".pdf", ".png", ".jpg", ".tif", ".tiff"})
      if (fs::exists(truth_path.parent_path() / (stem + ext))) input = truth_path.parent_path() / (stem + ext);
    const std::string form = truth.value("form", "");
    const EvalReport::Key key{form, truth.value("level", "")};
    const auto found = records_of.find(input.lexically_normal().string());
    const Json* record = found == records_of.end() || found->second.empty() ? nullptr : &found->second.front();
    const bool classified = record && record->contains("template") && (*record)["template"].is_object() &&
                            (*record)["template"].value("id", "") == form;
    report.classified[key].Add(classified);
    const std::string name = input.filename().string();
    const bool record_ok = record && record->value("status", "") == "ok";
    const Json under_seal = truth.value("under_seal", Json::array());

    // Under a seal or not, fields and cells alike (the issue's "fields under a seal").
    auto score = [&](const std::string& path, const Json& expected, const Json* got, Tally& tally) {
      const bool ok = got && SameValue(expected, (*got)["value"]);
      tally.Add(ok);
      (InList(under_seal, path) ? report.cells_under_seal : report.cells_clear)[key].Add(ok);
      if (got) {
        const double confidence = (*got).value("confidence", 0.0);
        report.reliability[Bucket(confidence)].Add(ok);
        report.silent[key.second].Add(!(record_ok && confidence >= 0.9 && !ok));
        if ((*got).contains("weakest_char")) report.by_evidence[EvidenceKey(*got)].Add(ok);
      }
      if (!ok)
        report.mistakes.push_back(name + ": " + path + ": read '" + (got ? Show((*got)["value"]) : "(missing)") +
                                  "', truth '" + Show(expected) + "'" +
                                  (got ? " (" + Show((*got)["confidence"]) +
                                             ((*got).contains("weakest_char") ? ", " + EvidenceKey(*got) : "") + ")"
                                       : ""));
    };

    const Json fields = record && classified ? (*record)["fields"] : Json::object();
    const Json truth_fields = truth.value("fields", Json::object());
    const Json truth_tables = truth.value("tables", Json::object());
    for (const auto& [id, expected] : truth_fields.items())
      score(id, expected, fields.contains(id) ? &fields[id] : nullptr, report.fields[key]);
    const Json tables = record && classified ? (*record)["tables"] : Json::object();
    for (const auto& [table, rows] : truth_tables.items()) {
      const Json read_rows = tables.contains(table) ? tables[table] : Json::array();
      for (size_t i = 0; i < rows.size(); ++i)
        for (const auto& [column, expected] : rows[i].items()) {
          const std::string path = table + "[" + std::to_string(i) + "]." + column;
          const Json* got = i < read_rows.size() && read_rows[i].contains(column) ? &read_rows[i][column] : nullptr;
          score(path, expected, got, report.cells[key]);
        }
    }
    for (const auto& stamp : truth.value("stamps", Json::array())) {
      const std::string zone = stamp.value("zone", "");
      bool read_present = false;
      Json read_stamp;
      if (record)
        for (const auto& s : (*record)["stamps"])
          if (s.value("zone", "") == zone) read_present = s.value("present", false), read_stamp = s;
      const bool present = stamp.value("present", false);
      if (present && read_present) ++report.seal_tp[key];
      if (!present && read_present) ++report.seal_fp[key];
      if (present && !read_present) ++report.seal_fn[key];
      if (present && read_present)
        report.seal_owner[key].Add(read_stamp.value("owner_match", false) == true);
      if (present != read_present)
        report.mistakes.push_back(name + ": stamp " + zone + ": read " + (read_present ? "present" : "absent") +
                                  ", truth " + (present ? "present" : "absent"));
    }
  }
  return report;
}

void PrintEvaluation(const EvalReport& r, std::ostream& out) {
  char buf[256];
  out << "\nAccuracy over labelled samples (exact match of normalized values)\n";
  std::snprintf(buf, sizeof buf, "%-36s %-8s %7s %16s %16s %16s %16s %9s %9s %9s\n", "form", "level", "class.",
                "fields", "cells", "under-seal", "not-under", "seal-P", "seal-R", "owner");
  out << buf;
  auto pct = [](const Tally& t) {
    char s[48];
    if (t.total == 0) return std::string("-");
    std::snprintf(s, sizeof s, "%5.1f%% (%d/%d)", 100.0 * t.Rate(), t.right, t.total);
    return std::string(s);
  };
  for (const auto& [key, cls] : r.classified) {
    auto get = [&](const std::map<EvalReport::Key, Tally>& m) { auto it = m.find(key); return it == m.end() ? Tally{} : it->second; };
    auto count = [&](const std::map<EvalReport::Key, int>& m) { auto it = m.find(key); return it == m.end() ? 0 : it->second; };
    const int tp = count(r.seal_tp), fp = count(r.seal_fp), fn = count(r.seal_fn);
    char p[16], rc[16];
    std::snprintf(p, sizeof p, "%.1f%%", tp + fp ? 100.0 * tp / (tp + fp) : 100.0);
    std::snprintf(rc, sizeof rc, "%.1f%%", tp + fn ? 100.0 * tp / (tp + fn) : 100.0);
    std::snprintf(buf, sizeof buf, "%-36s %-8s %7s %16s %16s %16s %16s %9s %9s %9s\n", key.first.c_str(), key.second.c_str(),
                  (std::to_string(cls.right) + "/" + std::to_string(cls.total)).c_str(), pct(get(r.fields)).c_str(),
                  pct(get(r.cells)).c_str(), pct(get(r.cells_under_seal)).c_str(), pct(get(r.cells_clear)).c_str(), p, rc,
                  pct(get(r.seal_owner)).c_str());
    out << buf;
  }
  out << "\nReliability (values by stated confidence → share right; the target: at or above 0.90, 99%)\n";
  for (auto it = r.reliability.begin(); it != r.reliability.end(); ++it) {
    Tally at_or_above;
    for (auto above = it; above != r.reliability.end(); ++above)
      at_or_above.right += above->second.right, at_or_above.total += above->second.total;
    const auto next = std::next(it);
    std::snprintf(buf, sizeof buf, "  %.2f–%.2f: %-18s at or above %.2f: %s\n", it->first / 100.0,
                  next == r.reliability.end() ? 1.0 : next->first / 100.0, pct(it->second).c_str(), it->first / 100.0,
                  pct(at_or_above).c_str());
    out << buf;
  }
  if (!r.by_evidence.empty()) out << "\nBy OCR evidence (SHENBAO_CALIBRATION_DEBUG: for calibrating confidence)\n";
  for (const auto& [evidence, t] : r.by_evidence) {
    std::snprintf(buf, sizeof buf, "  %-34s %s\n", evidence.c_str(), pct(t).c_str());
    out << buf;
  }
  out << "\nSilent errors (wrong value, record status ok, confidence >= 0.9), by level\n";
  for (const auto& [level, t] : r.silent) {
    std::snprintf(buf, sizeof buf, "  %-8s %d of %d values (%.2f%%)\n", level.c_str(), t.total - t.right, t.total,
                  t.total ? 100.0 * (t.total - t.right) / t.total : 0.0);
    out << buf;
  }
  out << "\nMistakes (" << r.mistakes.size() << ")\n";
  for (const auto& m : r.mistakes) out << "  " << m << "\n";
}

}  // namespace shenbao::pipeline
