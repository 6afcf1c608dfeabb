#include "extract/template_loader.h"

#include <algorithm>
#include <fstream>
#include <set>

#include <yaml-cpp/yaml.h>

#include "extract/lexicon.h"
#include "extract/surnames.h"
#include "extract/normalize.h"
#include "extract/template_yaml.h"

namespace shenbao::extract {

std::string TemplateProblem::ToString() const {
  return line > 0 ? file + ":" + std::to_string(line) + ": " + message : file + ": " + message;
}

namespace {

std::string JoinProblems(const std::vector<TemplateProblem>& problems) {
  std::string out;
  for (const auto& p : problems) out += (out.empty() ? "" : "\n") + p.ToString();
  return out;
}

// Reads one template file; the checks of single YAML values are YamlChecker's.
class Reader : public YamlChecker {
 public:
  using YamlChecker::YamlChecker;

  FieldType Type(const YAML::Node& node, const std::string& where) {
    if (!node.IsDefined()) return FieldType::kText;
    const std::string name = String(node, "type");
    if (auto t = ParseFieldType(name)) return *t;
    Problem(node, "unknown type '" + name + "' for " + where +
                      "; use text, paragraph, int, decimal(2), date, enum, phone, email, uscc or percent");
    return FieldType::kText;
  }

  std::vector<std::string> Choices(const YAML::Node& spec, FieldType type, const std::string& where) {
    std::vector<std::string> values = Strings(spec["values"], "values");
    if (type == FieldType::kEnum && values.empty()) Problem(spec, where + " is an enum but lists no values: [a, b]");
    if (type != FieldType::kEnum && !values.empty()) Problem(spec["values"], where + " has values but its type is not enum");
    return values;
  }

  FieldSpec Field(const std::string& id, const YAML::Node& spec, bool in_split) {
    FieldSpec f;
    f.id = id;
    f.line = spec.Mark().line + 1;
    if (!spec.IsMap()) {
      Problem(spec, "field '" + id + "' must be a map like {type: text, label: [填报单位]}");
      return f;
    }
    CheckKeys(spec, {"type", "values", "label", "from", "required", "max_chars", "value", "after", "part", "checkbox",
                     "list", "required_unless", "lexicon", "person"},
              "field '" + id + "'");
    f.type = Type(spec["type"], "field '" + id + "'");
    f.choices = Choices(spec, f.type, "field '" + id + "'");
    f.labels = Strings(spec["label"], "label");
    f.required = Bool(spec["required"], true, "required");
    f.person = Bool(spec["person"], false, "person");
    f.use_lexicon = Bool(spec["lexicon"], true, "lexicon") && !f.person;
    f.max_chars = Int(spec["max_chars"], 0, "max_chars");
    const std::string from = spec["from"].IsDefined() ? String(spec["from"], "from") : "label";
    if (from == "title") {
      f.locate = Locate::kTitle;
      f.title_group = id;
    } else if (from == "label") {
      f.locate = Locate::kLabel;
      if (f.labels.empty() && !in_split) Problem(spec, "field '" + id + "' is found by its label but has no label: [..]");
    } else if (from == "date-line") {
      f.locate = Locate::kDateLine;
    } else if (from == "letter") {
      f.locate = Locate::kLetter;
    } else {
      Problem(spec["from"], "unknown 'from: " + from + "' for field '" + id + "'; use label, title, date-line or letter");
    }
    f.checkbox = Bool(spec["checkbox"], false, "checkbox");
    if (f.checkbox && f.type != FieldType::kEnum) Problem(spec["checkbox"], "field '" + id + "' has checkbox: true but is not an enum");
    f.list = Bool(spec["list"], false, "list");
    f.after = spec["after"].IsDefined() ? String(spec["after"], "after") : "";
    f.required_unless = Unless(spec["required_unless"]);
    if (spec["value"].IsDefined()) {
      const std::string at = String(spec["value"], "value");
      if (at == "auto") f.value_at = ValueAt::kAuto;
      else if (at == "right") f.value_at = ValueAt::kRight;
      else if (at == "below") f.value_at = ValueAt::kBelow;
      else if (at == "same-line") f.value_at = ValueAt::kSameLine;
      else Problem(spec["value"], "unknown 'value: " + at + "' for field '" + id + "'; use auto, right, below or same-line");
    }
    if (spec["part"].IsDefined()) {
      const std::string part = String(spec["part"], "part");
      static const std::pair<const char*, LetterPart> kLetterParts[] = {
          {"issuer", LetterPart::kIssuer}, {"doc-number", LetterPart::kDocNumber}, {"title", LetterPart::kTitle},
          {"addressee", LetterPart::kAddressee}, {"body", LetterPart::kBody}, {"attachments", LetterPart::kAttachments},
          {"signer", LetterPart::kSigner}, {"date", LetterPart::kDate}};
      bool known = false;
      if (f.locate == Locate::kLetter) {
        for (const auto& [name, value] : kLetterParts)
          if (part == name) f.letter_part = value, known = true;
        if (!known)
          Problem(spec["part"], "unknown 'part: " + part + "' for a letter field '" + id +
                                    "'; use issuer, doc-number, title, addressee, body, attachments, signer or date");
      } else {
        if (part == "whole") f.part = CellPart::kWhole, known = true;
        if (part == "opinion") f.part = CellPart::kOpinion, known = true;
        if (part == "date") f.part = CellPart::kDate, known = true;
        if (!known) Problem(spec["part"], "unknown 'part: " + part + "' for field '" + id + "'; use whole, opinion or date");
      }
    } else if (f.locate == Locate::kLetter) {
      Problem(spec, "letter field '" + id + "' needs part: (issuer, doc-number, title, addressee, body, attachments, signer or date)");
    }
    return f;
  }

  // required_unless: {field: city, in: [大连, 青岛]}
  Condition Unless(const YAML::Node& node) {
    Condition c;
    if (!node.IsDefined()) return c;
    c.line = node.Mark().line + 1;
    if (!node.IsMap()) {
      Problem(node, "required_unless must be a map like {field: city, in: [大连, 青岛]}");
      return c;
    }
    CheckKeys(node, {"field", "in"}, "required_unless");
    c.field = node["field"].IsDefined() ? String(node["field"], "field") : "";
    c.values = Strings(node["in"], "in");
    if (c.field.empty()) Problem(node, "required_unless needs field: (the field whose value decides)");
    if (c.values.empty()) Problem(node, "required_unless needs in: [values]");
    return c;
  }

  ColumnSpec Column(const std::string& id, const YAML::Node& spec) {
    ColumnSpec c;
    c.id = id;
    c.line = spec.Mark().line + 1;
    if (!spec.IsMap()) {
      Problem(spec, "column '" + id + "' must be a map like {label: 企业名称}");
      return c;
    }
    CheckKeys(spec, {"label", "type", "values", "required", "split", "fix", "lexicon", "person"}, "column '" + id + "'");
    if (spec["fix"].IsDefined()) {
      if (!spec["fix"].IsSequence()) Problem(spec["fix"], "fix must be a list of [pattern, replacement] pairs");
      else
        for (const auto& pair : spec["fix"]) {
          if (!pair.IsSequence() || pair.size() != 2) {
            Problem(pair, "each fix is a pair [pattern, replacement]");
            continue;
          }
          try {
            c.fixes.push_back({std::make_shared<UnicodeRegex>(pair[0].as<std::string>()), pair[1].as<std::string>()});
          } catch (const std::invalid_argument& e) {
            Problem(pair[0], e.what());
          }
        }
    }
    c.labels = Strings(spec["label"], "label");
    if (c.labels.empty()) Problem(spec, "column '" + id + "' needs label: the header text printed on the form");
    c.type = Type(spec["type"], "column '" + id + "'");
    c.choices = Choices(spec, c.type, "column '" + id + "'");
    c.required = Bool(spec["required"], true, "required");
    c.person = Bool(spec["person"], false, "person");
    c.use_lexicon = Bool(spec["lexicon"], true, "lexicon") && !c.person;
    if (spec["split"].IsDefined()) {
      if (!spec["split"].IsMap()) Problem(spec["split"], "split must map part ids to {type: …}");
      else
        for (const auto& kv : spec["split"]) c.split.push_back(Field(kv.first.as<std::string>(), kv.second, true));
    }
    return c;
  }

  StampPlace Place(const YAML::Node& node) {
    if (!node.IsDefined()) return StampPlace::kLastPageBottom;
    const std::string p = String(node, "place");
    if (p == "last-page-bottom") return StampPlace::kLastPageBottom;
    if (p == "near-label") return StampPlace::kNearLabel;
    if (p == "label-cell") return StampPlace::kLabelCell;
    if (p == "anywhere") return StampPlace::kAnywhere;
    Problem(node, "unknown place '" + p + "'; use last-page-bottom, near-label, label-cell or anywhere");
    return StampPlace::kAnywhere;
  }

  RuleSpec Rule(const YAML::Node& spec) {
    RuleSpec r;
    r.line = spec.Mark().line + 1;
    if (!spec.IsMap()) {
      Problem(spec, "a rule must be a map with id, check, field, message");
      return r;
    }
    CheckKeys(spec, {"id", "check", "field", "pattern", "values", "limit", "operands", "tolerance", "severity", "message"},
              "rule");
    r.id = spec["id"].IsDefined() ? String(spec["id"], "id") : "";
    if (r.id.empty()) Problem(spec, "rule needs an id");
    r.field = spec["field"].IsDefined() ? String(spec["field"], "field") : "";
    if (r.field.empty()) Problem(spec, "rule '" + r.id + "' needs field:");
    r.message = spec["message"].IsDefined() ? String(spec["message"], "message") : "";
    if (r.message.empty()) Problem(spec, "rule '" + r.id + "' needs message: (shown to a person)");
    r.severity = spec["severity"].IsDefined() ? String(spec["severity"], "severity") : "warning";
    if (r.severity != "warning" && r.severity != "error") Problem(spec["severity"], "severity must be warning or error");
    r.values = Strings(spec["values"], "values");
    r.operands = Strings(spec["operands"], "operands");
    r.limit = Int(spec["limit"], 0, "limit");
    if (spec["tolerance"].IsDefined()) r.tolerance = spec["tolerance"].as<double>(0.01);
    const std::string check = spec["check"].IsDefined() ? String(spec["check"], "check") : "";
    if (check == "pattern") {
      r.kind = RuleKind::kPattern;
      const std::string pattern = spec["pattern"].IsDefined() ? String(spec["pattern"], "pattern") : "";
      if (pattern.empty()) Problem(spec, "rule '" + r.id + "' (pattern) needs pattern:");
      else
        try {
          r.pattern = std::make_shared<UnicodeRegex>(pattern);
        } catch (const std::invalid_argument& e) {
          Problem(spec["pattern"], e.what());
        }
    } else if (check == "sequence") {
      r.kind = RuleKind::kSequence;
    } else if (check == "max-repeats") {
      r.kind = RuleKind::kMaxRepeats;
      if (r.limit <= 0) Problem(spec, "rule '" + r.id + "' (max-repeats) needs limit: N");
    } else if (check == "prefix-in") {
      r.kind = RuleKind::kPrefixIn;
      if (r.values.empty()) Problem(spec, "rule '" + r.id + "' (prefix-in) needs values: [..]");
    } else if (check == "product") {
      r.kind = RuleKind::kProduct;
      if (r.operands.size() != 2) Problem(spec, "rule '" + r.id + "' (product) needs operands: [a, b]");
    } else if (check == "max-chars") {
      r.kind = RuleKind::kMaxChars;
      if (r.limit <= 0) Problem(spec, "rule '" + r.id + "' (max-chars) needs limit: N");
    } else if (check == "seal-over") {
      r.kind = RuleKind::kSealOver;
      if (r.operands.empty()) Problem(spec, "rule '" + r.id + "' (seal-over) needs operands: [fields the seal covers]");
    } else {
      Problem(spec["check"].IsDefined() ? spec["check"] : spec,
              "rule '" + r.id + "' has unknown check '" + check +
                  "'; use pattern, sequence, max-repeats, prefix-in, product, max-chars or seal-over");
    }
    return r;
  }

  // Every id a rule or stamp can name: "year", "projects[].seq", split parts too.
  static std::set<std::string> KnownPaths(const FormTemplate& t) {
    std::set<std::string> paths;
    for (const auto& f : t.fields) paths.insert(f.id);
    for (const auto& table : t.tables)
      for (const auto& c : table.columns) {
        paths.insert(table.id + "[]." + c.id);
        for (const auto& part : c.split) paths.insert(table.id + "[]." + part.id);
      }
    return paths;
  }

  FormTemplate Template(const YAML::Node& root) {
    FormTemplate t;
    t.source_file = file_;
    if (!root.IsMap()) {
      Problem(root, "a template is a map with id, name, title, fields …");
      return t;
    }
    CheckKeys(root, {"id", "version", "name", "title", "keywords", "layout", "fields", "tables", "stamps", "rules", "lexicon",
               "surnames"},
              "template");
    if (root["layout"].IsDefined()) {
      const std::string layout = String(root["layout"], "layout");
      if (layout == "summary") t.layout = Layout::kSummary;
      else if (layout == "key-value") t.layout = Layout::kKeyValue;
      else if (layout == "letter") t.layout = Layout::kLetter;
      else Problem(root["layout"], "unknown layout '" + layout + "'; use summary, key-value or letter");
    }
    t.id = root["id"].IsDefined() ? String(root["id"], "id") : "";
    if (t.id.empty()) Problem(root, "template needs id:");
    t.version = root["version"].IsDefined() ? String(root["version"], "version") : "1";
    t.name = root["name"].IsDefined() ? String(root["name"], "name") : "";
    if (t.name.empty()) Problem(root, "template needs name: (the printed title without the year)");
    t.keywords = Strings(root["keywords"], "keywords");
    if (root["lexicon"].IsDefined()) {
      // Files of the domain's words, next to the template (templates/lexicon.txt,
      // templates/places.txt): one lexicon of all their words.
      auto lexicon = std::make_shared<Lexicon>();
      for (const std::string& name : Strings(root["lexicon"], "lexicon")) {
        t.lexicon_files.push_back((std::filesystem::path(file_).parent_path() / name).string());
        const size_t before = problems.size();
        lexicon->Add(LoadLexiconFile(t.lexicon_files.back(), &problems));
        for (size_t i = before; i < problems.size(); ++i)
          if (problems[i].line == 0) problems[i] = {file_, root["lexicon"].Mark().line + 1, "lexicon '" + name + "': " + problems[i].message};
      }
      t.lexicon = std::move(lexicon);
    }
    if (root["surnames"].IsDefined()) {
      const std::string name = String(root["surnames"], "surnames");
      const size_t before = problems.size();
      t.surnames = std::make_shared<Surnames>(LoadSurnamesFile(std::filesystem::path(file_).parent_path() / name, &problems));
      for (size_t i = before; i < problems.size(); ++i)
        if (problems[i].line == 0) problems[i] = {file_, root["surnames"].Mark().line + 1, "surnames '" + name + "': " + problems[i].message};
    }
    if (root["title"].IsDefined()) {
      try {
        t.title_pattern = std::make_shared<UnicodeRegex>(String(root["title"], "title"));
      } catch (const std::invalid_argument& e) {
        Problem(root["title"], e.what());
      }
    }
    if (root["fields"].IsDefined()) {
      if (!root["fields"].IsMap()) Problem(root["fields"], "fields must map field ids to their specs");
      else
        for (const auto& kv : root["fields"]) t.fields.push_back(Field(kv.first.as<std::string>(), kv.second, false));
    }
    if (root["tables"].IsDefined()) {
      if (!root["tables"].IsMap()) Problem(root["tables"], "tables must map table ids to {columns: …}");
      else
        for (const auto& kv : root["tables"]) {
          TableSpec table;
          table.id = kv.first.as<std::string>();
          table.line = kv.first.Mark().line + 1;
          CheckKeys(kv.second, {"columns", "continues", "min_header_match", "embedded"}, "table '" + table.id + "'");
          table.continues = Bool(kv.second["continues"], true, "continues");
          table.embedded = Bool(kv.second["embedded"], false, "embedded");
          table.min_header_match = Int(kv.second["min_header_match"], 0, "min_header_match");
          const YAML::Node columns = kv.second["columns"];
          if (!columns.IsMap() || columns.size() == 0) Problem(kv.second, "table '" + table.id + "' needs columns:");
          else
            for (const auto& c : columns) table.columns.push_back(Column(c.first.as<std::string>(), c.second));
          t.tables.push_back(std::move(table));
        }
    }
    if (root["stamps"].IsDefined()) {
      if (!root["stamps"].IsMap()) Problem(root["stamps"], "stamps must map zone ids to {required: …, place: …}");
      else
        for (const auto& kv : root["stamps"]) {
          StampSpec s;
          s.id = kv.first.as<std::string>();
          s.line = kv.first.Mark().line + 1;
          CheckKeys(kv.second, {"required", "place", "label", "owner", "owner_kind", "required_unless"}, "stamp '" + s.id + "'");
          s.required_unless = Unless(kv.second["required_unless"]);
          s.required = Bool(kv.second["required"], true, "required");
          s.place = Place(kv.second["place"]);
          s.labels = Strings(kv.second["label"], "label");
          if ((s.place == StampPlace::kNearLabel || s.place == StampPlace::kLabelCell) && s.labels.empty())
            Problem(kv.second, "stamp '" + s.id + "' is placed by a label but has no label: [..]");
          s.owner_field = kv.second["owner"].IsDefined() ? String(kv.second["owner"], "owner") : "";
          s.owner_kinds = Strings(kv.second["owner_kind"], "owner_kind");
          t.stamps.push_back(std::move(s));
        }
    }
    if (root["rules"].IsDefined()) {
      if (!root["rules"].IsSequence()) Problem(root["rules"], "rules must be a list (- id: …)");
      else
        for (const auto& r : root["rules"]) t.rules.push_back(Rule(r));
    }
    // Cross-references: a rule or stamp that names a field the template lacks.
    const std::set<std::string> known = KnownPaths(t);
    for (const auto& r : t.rules) {
      const bool stamp_rule = r.kind == RuleKind::kSealOver && t.FindStamp(r.field);
      if (!r.field.empty() && !known.count(r.field) && !stamp_rule)
        problems.push_back({file_, r.line, "rule '" + r.id + "' names unknown field '" + r.field + "'"});
      for (const auto& op : r.operands)
        if (!known.count(op)) problems.push_back({file_, r.line, "rule '" + r.id + "' names unknown operand '" + op + "'"});
    }
    for (const auto& s : t.stamps) {
      if (!s.owner_field.empty() && !known.count(s.owner_field))
        problems.push_back({file_, s.line, "stamp '" + s.id + "' names unknown owner field '" + s.owner_field + "'"});
      if (!s.required_unless.empty() && !known.count(s.required_unless.field))
        problems.push_back({file_, s.required_unless.line,
                            "required_unless names unknown field '" + s.required_unless.field + "'"});
    }
    for (const auto& f : t.fields) {
      if (!f.after.empty() && !known.count(f.after))
        problems.push_back({file_, f.line, "field '" + f.id + "' is after unknown field '" + f.after + "'"});
      if (!f.required_unless.empty() && !known.count(f.required_unless.field))
        problems.push_back({file_, f.required_unless.line,
                            "required_unless names unknown field '" + f.required_unless.field + "'"});
    }
    for (const auto& f : t.fields)
      if (f.locate == Locate::kTitle && !t.title_pattern)
        problems.push_back({file_, f.line, "field '" + f.id + "' comes from the title but the template has no title:"});
    std::set<std::string> ids;
    for (const auto& f : t.fields)
      if (!ids.insert(f.id).second) problems.push_back({file_, f.line, "field id '" + f.id + "' is used twice"});
    const std::string no_surnames = "' is person: true but the template names no surnames: file";
    for (const auto& f : t.fields)
      if (f.person && !t.surnames) problems.push_back({file_, f.line, "field '" + f.id + no_surnames});
    for (const auto& table : t.tables)
      for (const auto& c : table.columns)
        if (c.person && !t.surnames) problems.push_back({file_, c.line, "column '" + c.id + no_surnames});
    return t;
  }
};

std::pair<FormTemplate, std::vector<TemplateProblem>> Parse(const std::filesystem::path& file) {
  Reader reader(file.string());
  YAML::Node root;
  try {
    root = YAML::LoadFile(file.string());
  } catch (const YAML::BadFile&) {
    return {FormTemplate{}, {{file.string(), 0, "cannot read the file"}}};
  } catch (const YAML::ParserException& e) {
    return {FormTemplate{}, {{file.string(), e.mark.line + 1, "YAML syntax: " + e.msg}}};
  }
  FormTemplate t = reader.Template(root);
  return {std::move(t), std::move(reader.problems)};
}

}  // namespace

TemplateError::TemplateError(std::vector<TemplateProblem> problems)
    : std::runtime_error(JoinProblems(problems)), problems_(std::move(problems)) {}

std::vector<TemplateProblem> CheckTemplateFile(const std::filesystem::path& file) {
  if (file.extension() == ".txt") {  // a lexicon (templates/lexicon.txt) or a surname list
    std::vector<TemplateProblem> problems;
    if (file.stem().string().starts_with("surnames")) LoadSurnamesFile(file, &problems);
    else LoadLexiconFile(file, &problems);
    return problems;
  }
  return Parse(file).second;
}

FormTemplate LoadTemplateFile(const std::filesystem::path& file) {
  auto [t, problems] = Parse(file);
  if (!problems.empty()) throw TemplateError(std::move(problems));
  return std::move(t);
}

std::vector<FormTemplate> LoadTemplateDir(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const auto ext = entry.path().extension();
    if (entry.is_regular_file() && (ext == ".yaml" || ext == ".yml")) files.push_back(entry.path());
  }
  if (ec) throw TemplateError({{dir.string(), 0, "cannot read the template folder: " + ec.message()}});
  std::sort(files.begin(), files.end());
  std::vector<FormTemplate> templates;
  std::vector<TemplateProblem> problems;
  for (const auto& file : files) {
    auto [t, file_problems] = Parse(file);
    problems.insert(problems.end(), file_problems.begin(), file_problems.end());
    if (file_problems.empty()) {
      for (const auto& other : templates)
        if (other.id == t.id)
          problems.push_back({file.string(), 0, "template id '" + t.id + "' is also used by " + other.source_file});
      templates.push_back(std::move(t));
    }
  }
  if (!problems.empty()) throw TemplateError(std::move(problems));
  if (templates.empty()) throw TemplateError({{dir.string(), 0, "no template files (*.yaml) in this folder"}});
  return templates;
}

}  // namespace shenbao::extract
