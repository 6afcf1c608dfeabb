#include "extract/validate.h"

#include <cmath>
#include <map>

#include "extract/normalize.h"

namespace shenbao::extract {
namespace {

const FieldResult* Find(const FieldMap& fields, const std::string& id) {
  for (const auto& [fid, f] : fields)
    if (fid == id) return &f;
  return nullptr;
}

// Every value a rule's field path names, with the path to report:
// "filing_unit" → that field; "projects[].seq" → the column in every row.
std::vector<std::pair<std::string, const FieldResult*>> Resolve(const Record& record, const std::string& path) {
  std::vector<std::pair<std::string, const FieldResult*>> out;
  const size_t bracket = path.find("[].");
  if (bracket == std::string::npos) {
    if (const FieldResult* f = Find(record.fields, path)) out.emplace_back(path, f);
    return out;
  }
  const std::string table = path.substr(0, bracket), column = path.substr(bracket + 3);
  for (const auto& [tid, rows] : record.tables) {
    if (tid != table) continue;
    for (size_t i = 0; i < rows.size(); ++i)
      if (const FieldResult* f = Find(rows[i], column))
        out.emplace_back(table + "[" + std::to_string(i) + "]." + column, f);
  }
  return out;
}

std::string AsString(const FieldResult& f) { return f.value.is_string() ? f.value.get<std::string>() : std::string(); }

void Add(Record& record, const RuleSpec& rule, const std::string& field, const std::string& detail = {}) {
  record.validation.push_back({rule.severity, field, rule.id, detail.empty() ? rule.message : rule.message + "（" + detail + "）"});
}

void CheckSealOver(const RuleSpec& rule, Record& record);

void ApplyRule(const RuleSpec& rule, Record& record) {
  const auto values = Resolve(record, rule.field);
  switch (rule.kind) {
    case RuleKind::kPattern:
      for (const auto& [path, f] : values)
        if (f->value.is_string() && !rule.pattern->Search(AsString(*f))) Add(record, rule, path);
      break;
    case RuleKind::kSequence: {
      long long expected = 1;
      for (const auto& [path, f] : values) {
        if (!f->value.is_number_integer()) continue;
        const long long v = f->value.get<long long>();
        if (v != expected) Add(record, rule, path, "应为" + std::to_string(expected) + "，实为" + std::to_string(v));
        expected = v + 1;
      }
      break;
    }
    case RuleKind::kMaxRepeats: {
      std::map<std::string, int> seen;
      for (const auto& [path, f] : values) {
        const std::string key = RemoveWhitespace(AsString(*f));
        if (key.empty()) continue;
        if (++seen[key] > rule.limit) Add(record, rule, path, AsString(*f));
      }
      break;
    }
    case RuleKind::kPrefixIn:
      for (const auto& [path, f] : values) {
        const std::string v = AsString(*f);
        if (v.empty()) continue;
        bool ok = false;
        for (const std::string& prefix : rule.values) ok = ok || v.rfind(prefix, 0) == 0;
        if (!ok) Add(record, rule, path);
      }
      break;
    case RuleKind::kMaxChars:
      for (const auto& [path, f] : values)
        if (f->value.is_string() && CountChars(AsString(*f)) > static_cast<size_t>(rule.limit))
          Add(record, rule, path, std::to_string(CountChars(AsString(*f))) + "字");
      break;
    case RuleKind::kSealOver: CheckSealOver(rule, record); break;
    case RuleKind::kProduct: {
      // field = operands[0] × operands[1], each resolved in the same row (or as fields).
      const auto a = Resolve(record, rule.operands[0]);
      const auto b = Resolve(record, rule.operands[1]);
      for (size_t i = 0; i < values.size() && i < a.size() && i < b.size(); ++i) {
        const FieldResult *total = values[i].second, *x = a[i].second, *y = b[i].second;
        if (!total->value.is_number() || !x->value.is_number() || !y->value.is_number()) continue;
        const double expected = x->value.get<double>() * y->value.get<double>();
        if (std::abs(total->value.get<double>() - expected) > rule.tolerance + 1e-9)
          Add(record, rule, values[i].first);
      }
      break;
    }
  }
}

// The seal of `rule.field` must overlap the boxes of the operand fields on its page
// (GB/T 9704: the seal sits over the signature and the date).
void CheckSealOver(const RuleSpec& rule, Record& record) {
  const StampResult* seal = nullptr;
  for (const StampResult& s : record.stamps)
    if (s.zone == rule.field && s.present) seal = &s;
  if (!seal) return;
  cv::Rect block;
  for (const std::string& op : rule.operands)
    if (const FieldResult* f = Find(record.fields, op); f && f->page == seal->page && f->bbox.area() > 0)
      block = block.area() ? (block | f->bbox) : f->bbox;
  if (block.area() == 0) return;  // nothing to compare with: the signature was not read
  if ((block & seal->bbox).area() == 0) Add(record, rule, rule.field);
}

// True when the template says a field or seal is not required for this document
// (required_unless: {field: city, in: [大连, …]}): the named field's value contains one.
bool Excused(const Condition& c, const Record& record) {
  if (c.empty()) return false;
  const FieldResult* f = Find(record.fields, c.field);
  if (!f || !f->value.is_string()) return false;
  const std::string v = f->value.get<std::string>();
  for (const std::string& value : c.values)
    if (!value.empty() && v.find(value) != std::string::npos) return true;
  return false;
}

void CheckTypes(const std::string& path, const FieldResult& f, Record& record) {
  if (!f.valid)
    record.validation.push_back({"error", path, "type", f.error.empty() ? "无法识别为有效值：" + f.text : f.error});
}

}  // namespace

void Validate(const FormTemplate& form, Record& record) {
  for (const FieldSpec& spec : form.fields) {
    const FieldResult* f = Find(record.fields, spec.id);
    const bool required = spec.required && !Excused(spec.required_unless, record);
    if (!f) {
      if (required)
        record.validation.push_back({"error", spec.id, "field-missing", "未找到该栏目：" + (spec.labels.empty() ? spec.id : spec.labels.front())});
      continue;
    }
    if (spec.checkbox && !f->valid) {
      // A checkbox row with none or several ticked: the form's own rule, said as such.
      record.validation.push_back({"error", spec.id, "checkbox-single", f->error.empty() ? "应勾选且只勾选一项" : f->error});
    } else if (!(f->value.is_null() && !required)) {
      CheckTypes(spec.id, *f, record);
    }
    if (required && f->value.is_null())
      record.validation.push_back({"warning", spec.id, "field-blank", "必填栏目为空"});
    if (spec.max_chars > 0 && f->value.is_string() && CountChars(f->value.get<std::string>()) > static_cast<size_t>(spec.max_chars))
      record.validation.push_back({"warning", spec.id, "max-chars",
                                   "超过字数限制" + std::to_string(spec.max_chars) + "字（" +
                                       std::to_string(CountChars(f->value.get<std::string>())) + "字）"});
  }
  for (const auto& [table_id, rows] : record.tables)
    for (size_t i = 0; i < rows.size(); ++i)
      for (const auto& [column_id, f] : rows[i]) CheckTypes(table_id + "[" + std::to_string(i) + "]." + column_id, f, record);
  for (const TableSpec& table : form.tables) {
    bool found = false;
    for (const auto& [table_id, rows] : record.tables) found = found || (table_id == table.id && !rows.empty());
    if (!found) record.validation.push_back({"error", table.id, "table-missing", "未找到表格或表格为空"});
  }
  for (StampResult& s : record.stamps) {
    const StampSpec* spec = form.FindStamp(s.zone);
    if (spec && Excused(spec->required_unless, record)) s.required = false;
    if (s.required && !s.present) record.validation.push_back({"error", s.zone, "seal-missing", "缺少印章（未盖章）"});
  }
  for (const RuleSpec& rule : form.rules) ApplyRule(rule, record);
}

}  // namespace shenbao::extract
