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

class Lexicon;  // extract/lexicon.h
class Surnames;  // extract/surnames.h

// How a field is found on the page.
enum class Locate {
  kTitle,      // a named group of the title pattern (e.g. the year)
  kLabel,      // after its printed label on a text line: "填报单位：…", "推荐单位（盖章）：…"
  kDateLine,   // a date line (…年…月…日 or 2024.9.3) below the last table, near the seal
  kLetter,     // a part of an official letter's layout (GB/T 9704): see LetterPart
};

// Where the value of a label-anchored field sits relative to its label.
enum class ValueAt {
  kAuto,       // after a colon on the label's line/cell, else the cell to the right, else below
  kRight,      // the next cell to the right in the label's row
  kBelow,      // the cell under the label
  kSameLine,   // after the label (and colon) on the same line or in the same cell only
};

// Which part of a value cell a field takes. A signature block cell holds an
// opinion, then "XX（盖章）：", then a date; the two halves are separate fields.
enum class CellPart {
  kWhole,
  kOpinion,    // the text before the （盖章） line; blank → null
  kDate,       // the date line of the block; blank 年 月 日 → null
};

// The parts of an official letter (GB/T 9704-2012) a field can take.
enum class LetterPart { kIssuer, kDocNumber, kTitle, kAddressee, kBody, kAttachments, kSigner, kDate };

// "Not required when field F holds one of these values" (计划单列市 need no provincial block).
struct Condition {
  std::string field;
  std::vector<std::string> values;       // a value matches when it contains one of these
  int line = 0;
  bool empty() const { return field.empty(); }
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
  ValueAt value_at = ValueAt::kAuto;     // for kLabel
  std::string after;                     // kLabel: take the first label found after this field's
  CellPart part = CellPart::kWhole;      // kLabel in a key-value form
  LetterPart letter_part = LetterPart::kBody;  // kLetter
  bool checkbox = false;                 // enum printed as a row of boxes, one ticked
  bool list = false;                     // value is a list of strings (attachments)
  Condition required_unless;
  // false: never corrected towards the template's lexicon (`lexicon: false`): a
  // person's name is no misread place or industry (苏平 is not 四平).
  bool use_lexicon = true;
  // A person's name (`person: true`): never corrected towards the lexicon, and checked
  // to begin with a family name of the template's `surnames:` (extract/surnames.h).
  bool person = false;
  int line = 0;                          // line in the template file, for messages
};

// A table column. A `split` column is one printed cell that holds several fields
// (联系方式（手机与邮箱）→ contact_mobile + contact_email), each found by its type.
// A correction of a known, systematic OCR misreading in one column, applied to the
// normalized text before parsing (e.g. the dash of "工厂类—…" read as 一).
struct TextFix {
  std::shared_ptr<const UnicodeRegex> pattern;
  std::string replacement;               // $1 … refer to the pattern's groups
};

struct ColumnSpec {
  std::string id;                        // field id; for a split column, the cell's name
  std::vector<std::string> labels;
  FieldType type = FieldType::kText;
  std::vector<std::string> choices;
  bool required = true;                  // a blank cell is a validation warning
  std::vector<FieldSpec> split;          // non-empty: the cell's parts
  std::vector<TextFix> fixes;            // `fix: [[pattern, replacement], …]`
  bool use_lexicon = true;               // as FieldSpec::use_lexicon
  bool person = false;                   // as FieldSpec::person
  int line = 0;
};

struct TableSpec {
  std::string id;
  std::vector<ColumnSpec> columns;
  bool continues = true;                 // may continue on following pages
  int min_header_match = 0;              // columns whose label must match to accept a header (0 = half)
  bool embedded = false;                 // a few rows inside a key-value form, header anywhere in it
  int line = 0;
};

enum class StampPlace {
  kLastPageBottom,   // the lower part of the document's last page (汇总表 盖章版)
  kNearLabel,        // over or beside a label line such as 推荐单位（盖章）
  kLabelCell,        // inside the value cell of a label in a key-value form (a （盖章） block)
  kAnywhere,
};

struct StampSpec {
  std::string id;
  bool required = true;
  StampPlace place = StampPlace::kLastPageBottom;
  std::vector<std::string> labels;       // for kNearLabel
  std::string owner_field;               // field that names the unit the seal must belong to
  std::vector<std::string> owner_kinds;  // else: kinds of unit that may stamp it (通信管理局)
  Condition required_unless;
  int line = 0;
};

enum class RuleKind {
  kPattern,      // each value of `field` must match `pattern`
  kSequence,     // ints of a column count 1, 2, 3 … without gaps
  kMaxRepeats,   // a value appears in at most `limit` rows
  kPrefixIn,     // the value starts with one of `values` (category of 项目类别和方向)
  kProduct,      // field = a × b within tolerance
  kMaxChars,     // at most `limit` characters
  kSealOver,     // the stamp zone `field` overlaps the boxes of the `operands` fields (署名, 日期)
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

// How the form is laid out, which decides how its labelled fields are searched.
enum class Layout {
  kSummary,    // text lines around ruled tables with a header row (汇总表)
  kKeyValue,   // ruled key–value tables: label cells with value cells right or below (申报表)
  kLetter,     // an official letter (公文); fields say which part they are
};

struct FormTemplate {
  std::string id;
  Layout layout = Layout::kSummary;
  std::string version = "1";
  std::string name;                      // the printed title without the year
  std::shared_ptr<const UnicodeRegex> title_pattern;  // over the whitespace-free title line
  std::vector<std::string> keywords;     // other words typical of the form, for the score
  std::vector<FieldSpec> fields;
  std::vector<TableSpec> tables;
  std::vector<StampSpec> stamps;
  std::vector<RuleSpec> rules;
  std::string source_file;
  // The domain's words that text values are corrected towards (`lexicon: lexicon.txt`,
  // or a list: `[lexicon.txt, places.txt]`; extract/lexicon.h); null when the template
  // names none.
  std::shared_ptr<const Lexicon> lexicon;
  std::vector<std::string> lexicon_files;
  // The family names a `person: true` value begins with (`surnames: surnames.txt`);
  // null when the template names none.
  std::shared_ptr<const Surnames> surnames;

  const FieldSpec* FindField(std::string_view id) const;
  const StampSpec* FindStamp(std::string_view id) const;
  const TableSpec* FindTable(std::string_view id) const;
};

}  // namespace shenbao::extract
