#pragma once
// A form template: what a form is called, how to recognise it, where its fields,
// tables and seals are, and which rules its values obey. Loaded from a YAML file in
// templates/ (see templates/README.md); nothing about a particular form is in C++.
#include <optional>
#include <memory>
#include <string>
#include <vector>

#include "extract/unicode_regex.h"
#include "extract/value_types.h"

namespace shenbao::extract {

// How a field is found on the page.
enum class Locate {
  kTitle,      // a named group of the title pattern (e.g. the year)
  kLabel,      // after its printed label on a text line: "填报单位：…", "推荐单位（盖章）：…"
  kDateLine,   // a date line (…年…月…日 or 2024.9.3) below the last table, near the seal
};

struct FieldSpec {
  std::string id;
  FieldType type = FieldType::kText;
  std::vector<std::string> choices;      // enum values
  Locate locate = Locate::kLabel;
  std::vector<std::string> labels;       // printed labels, first is the canonical one
  std::string title_group;               // for kTitle
  bool required = true;
  int max_chars = 0;                     // 字数 limit (warning), 0 = none
  int line = 0;                          // line in the template file, for messages
};

// A table column. A `split` column is one printed cell that holds several fields
// (联系方式（手机与邮箱）→ contact_mobile + contact_email), each found by its type.
struct ColumnSpec {
  std::string id;                        // field id; for a split column, the cell's name
  std::vector<std::string> labels;
  FieldType type = FieldType::kText;
  std::vector<std::string> choices;
  bool required = true;                  // a blank cell is a validation warning
  std::vector<FieldSpec> split;          // non-empty: the cell's parts
  int line = 0;
};

struct TableSpec {
  std::string id;
  std::vector<ColumnSpec> columns;
  bool continues = true;                 // may continue on following pages
  int min_header_match = 0;              // columns whose label must match to accept a header (0 = half)
  int line = 0;
};

enum class StampPlace {
  kLastPageBottom,   // the lower part of the document's last page (汇总表 盖章版)
  kNearLabel,        // over or beside a label line such as 推荐单位（盖章）
  kAnywhere,
};

struct StampSpec {
  std::string id;
  bool required = true;
  StampPlace place = StampPlace::kLastPageBottom;
  std::vector<std::string> labels;       // for kNearLabel
  std::string owner_field;               // field that names the unit the seal must belong to
  int line = 0;
};

enum class RuleKind {
  kPattern,      // each value of `field` must match `pattern`
  kSequence,     // ints of a column count 1, 2, 3 … without gaps
  kMaxRepeats,   // a value appears in at most `limit` rows
  kPrefixIn,     // the value starts with one of `values` (category of 项目类别和方向)
  kProduct,      // field = a × b within tolerance
  kMaxChars,     // at most `limit` characters
};

struct RuleSpec {
  std::string id;
  RuleKind kind = RuleKind::kPattern;
  std::string field;                     // "filing_unit" or "projects[].project_name"
  std::string severity = "warning";      // "warning" or "error"
  std::string message;                   // Chinese, shown to a person
  std::shared_ptr<const UnicodeRegex> pattern;  // kPattern
  std::vector<std::string> values;
  std::vector<std::string> operands;     // for kProduct: the two factors
  double tolerance = 0.01;
  int limit = 0;
  int line = 0;
};

struct FormTemplate {
  std::string id;
  std::string version = "1";
  std::string name;                      // the printed title without the year
  std::shared_ptr<const UnicodeRegex> title_pattern;  // over the whitespace-free title line
  std::vector<std::string> keywords;     // other words typical of the form, for the score
  std::vector<FieldSpec> fields;
  std::vector<TableSpec> tables;
  std::vector<StampSpec> stamps;
  std::vector<RuleSpec> rules;
  std::string source_file;

  const FieldSpec* FindField(std::string_view id) const;
  const TableSpec* FindTable(std::string_view id) const;
};

}  // namespace shenbao::extract
