// Ruled key–value forms: a field is found by its printed label in a cell, its value
// in the cell to the right (or below, or after a colon in the same cell). Label
// matching is in kv_labels.cpp, the cells and their neighbours in kv_cells.cpp, and
// the other pieces (（盖章） blocks, embedded tables, stamp zones) in the files
// kv_parts.h names.
#include <map>
#include <set>

#include "extract/kv_cells.h"
#include "extract/kv_labels.h"
#include "extract/kv_parts.h"
#include "extract/layout_readers.h"
#include "extract/normalize.h"

namespace shenbao::extract {
namespace {

class KeyValueReader {
 public:
  KeyValueReader(const FormTemplate& form, std::vector<AnalyzedPage>& pages, ocr::OcrEngine& engine,
                 const ReadOptions& options, Record& record)
      : form_(form), engine_(engine), options_(options), record_(record) {
    // Labels whose value is the cell to their right: that cell need not be read as
    // a label candidate (see FindKvCells).
    std::vector<const std::vector<std::string>*> right_labels;
    for (const FieldSpec& spec : form.fields)
      if (spec.locate == Locate::kLabel && (spec.value_at == ValueAt::kAuto || spec.value_at == ValueAt::kRight))
        right_labels.push_back(&spec.labels);
    cells_ = FindKvCells(pages, engine, [right_labels](const std::string& text) {
      for (const auto* labels : right_labels)
        if (LabelScore(text, *labels) >= kSureLabel) return true;
      return false;
    });
  }

  void ReadFields() {
    for (const FieldSpec& spec : form_.fields) {
      if (spec.locate != Locate::kLabel) continue;
      const int label = FindLabel(spec.labels, spec.after);
      if (label < 0) continue;
      label_of_[spec.id] = label;
    }
    for (const FieldSpec& spec : form_.fields)
      if (spec.locate == Locate::kLabel && spec.checkbox && !label_of_.count(spec.id)) FindRowByOptions(spec);
    for (const FieldSpec& spec : form_.fields) {
      if (spec.locate != Locate::kLabel || !label_of_.count(spec.id)) continue;
      const int label = label_of_[spec.id];
      FieldResult f = ReadField(spec, label);
      Merge(spec, std::move(f));
    }
    DoubtFieldsReadFromOneBox();
  }

  void ReadEmbeddedTables() {
    for (const TableSpec& table : form_.tables)
      if (table.embedded) record_.tables.emplace_back(table.id, ReadEmbeddedTable(table, form_, cells_, engine_));
  }

  void ReadStampZones() { ReadKvStampZones(form_, cells_, engine_, options_, record_); }

 private:
  // The best cell for these labels, or with `after`, the first one after that field's label.
  int FindLabel(const std::vector<std::string>& labels, const std::string& after) const {
    size_t start = 0;
    if (!after.empty()) {
      auto it = label_of_.find(after);
      if (it == label_of_.end()) return -1;
      start = it->second + 1;
    }
    return FindLabelCell(form_.fields, cells_, labels, start, /*first_only=*/!after.empty());
  }

  // Two fields whose values came from the same box: one label was taken for the
  // other's (室内面积 misread and matched to 室外面积's row), and which value is
  // whose cannot be told. On the samples both got 76079.5 at 0.977. Both go to a
  // person, with the reason.
  void DoubtFieldsReadFromOneBox() {
    constexpr double kSharedBoxConfidence = 0.3;
    auto& fields = record_.fields;
    for (size_t i = 0; i < fields.size(); ++i) {
      FieldResult& a = fields[i].second;
      if (!whole_cell_values_.count(fields[i].first) || a.value.is_null() || a.bbox.area() == 0) continue;
      for (size_t j = i + 1; j < fields.size(); ++j) {
        FieldResult& b = fields[j].second;
        if (!whole_cell_values_.count(fields[j].first) || b.value.is_null() || b.page != a.page || b.bbox != a.bbox)
          continue;
        for (const auto& [field, other] : {std::pair{&fields[i], &fields[j]}, std::pair{&fields[j], &fields[i]}}) {
          field->second.confidence = std::min(field->second.confidence, kSharedBoxConfidence);
          record_.validation.push_back({"warning", field->first, "same-box",
                                        "与“" + other->first + "”读自同一位置，请核对是哪一栏的内容"});
        }
      }
    }
  }

  // A checkbox row whose label was not read (it overran its cell, the rulings cut
  // it): the printed options name the field. A row whose label cell reads as no
  // label and that no other field took, whose ticked option reads as one of this
  // field's values, is its row.
  void FindRowByOptions(const FieldSpec& spec) {
    std::set<int> taken;
    for (const auto& [id, label] : label_of_) {
      taken.insert(label);
      taken.insert(ValueCell(cells_, label, ValueAt::kAuto));
    }
    for (size_t i = 0; i < cells_.size(); ++i) {
      if (!cells_[i].read || cells_[i].blank || taken.count(static_cast<int>(i)) ||
          IsSomeLabel(form_.fields, cells_[i].text))
        continue;
      const int value = ValueCell(cells_, static_cast<int>(i), ValueAt::kRight);
      if (value < 0 || cells_[value].blank || taken.count(value)) continue;
      const KvCell& v = cells_[value];
      const FieldResult f = ReadCheckboxRow(v.page->ocr_gray, v.box, v.page->image.page, spec.choices, engine_);
      if (!f.value.is_string()) continue;
      // The ticked options' own text, not their place among the boxes, must read as
      // one of this field's values (a row of other options gives none).
      bool own = false;
      for (size_t at = 0; at < f.text.size() && !own;) {
        const size_t space = std::min(f.text.find(' ', at), f.text.size());
        for (const std::string& choice : spec.choices)
          own = own || Similarity(f.text.substr(at, space - at), choice) >= 0.6;
        at = space + 1;
      }
      if (!own) continue;
      label_of_[spec.id] = static_cast<int>(i);
      return;
    }
  }

  FieldResult ReadField(const FieldSpec& spec, int label) {
    const KvCell& l = cells_[label];
    std::string same;
    if (spec.value_at != ValueAt::kRight && spec.value_at != ValueAt::kBelow &&
        LabelScore(l.text, spec.labels) == 0 && SameCellValue(l.text, spec.labels, &same)) {
      const ParsedValue parsed = ParseValue(spec.type, same, spec.choices);
      return KvResult(spec.type, parsed, l.text, l.box, *l.page, 0.85);
    }
    const int value = spec.value_at == ValueAt::kSameLine ? -1 : ValueCell(cells_, label, spec.value_at);
    if (value < 0) {
      FieldResult f = KvResult(spec.type, ParseValue(spec.type, "", spec.choices), "", l.box, *l.page, 0.5);
      f.valid = false;
      f.error = "找到栏目“" + spec.labels.front() + "”但未找到其填写位置";
      return f;
    }
    const KvCell& v = cells_[value];
    if (spec.checkbox) {
      FieldResult f = ReadCheckboxRow(v.page->ocr_gray, v.box, v.page->image.page, spec.choices, engine_);
      f.under_seal = UnderSeal(v.box, v.page->seals);
      f.confidence = FieldConfidence(f.ocr_confidence, spec.type, f.valid, f.value.is_null() && f.valid, f.under_seal, false);
      return f;
    }
    if (spec.part != CellPart::kWhole) {
      // The opinion and the date of one block come from the same cell: read it once.
      auto cached = lines_of_.find(&v);
      if (cached == lines_of_.end()) cached = lines_of_.emplace(&v, ReadCellLines(v, engine_, form_.lexicon.get())).first;
      return ReadSignBlockPart(spec, v, cached->second);
    }
    if (spec.type == FieldType::kParagraph) return ReadParagraph(spec, value);
    FieldResult f = ReadValue(v.page->ocr_gray, v.box, v.page->image.page, spec.type, spec.choices, engine_,
                              /*follow_overflow=*/true, spec.use_lexicon ? form_.lexicon.get() : nullptr,
                              spec.person ? form_.surnames.get() : nullptr);
    whole_cell_values_.insert(spec.id);
    RetryNumber(spec.type, spec.choices, f);
    f.under_seal = UnderSeal(v.box, v.page->seals);
    f.confidence = FieldConfidence(f.ocr_confidence, spec.type, f.valid, f.value.is_null() && f.text.empty(),
                                   f.under_seal, !f.correction.empty());
    // The characters under the rule were pieced together (on the samples "com"
    // came back as "con" at 0.95): a person looks at a value that ran past its box.
    constexpr double kPastRuleConfidence = 0.8;
    if (f.past_rule) f.confidence = std::min(f.confidence, kPastRuleConfidence);
    return f;
  }

  // A paragraph: the value cell and the rows that continue it, line by line.
  FieldResult ReadParagraph(const FieldSpec& spec, int value) {
    const KvCell& v = cells_[value];
    JoinedLines paragraph;
    double confidence = 0;
    cv::Rect box = v.box;
    std::vector<int> parts{value};
    for (int c : Continuations(cells_, value)) parts.push_back(c);
    for (int c : parts) {
      for (const TextLine& line : ReadCellLines(cells_[c], engine_, form_.lexicon.get())) {
        paragraph.Add(line);
        confidence += line.confidence;
      }
      if (cells_[c].page == v.page) box |= cells_[c].box;
    }
    const size_t n = paragraph.corrected.size();
    return KvResult(spec.type, paragraph.Parse(FieldType::kParagraph, {}), NormalizeParagraph(paragraph.read), box,
                    *v.page, n ? confidence / n : 1.0);
  }

  // The form's value wins over a text line's (a cover page); they must agree.
  void Merge(const FieldSpec& spec, FieldResult f) {
    for (auto& [id, existing] : record_.fields) {
      if (id != spec.id) continue;
      if (!existing.value.is_null() && !f.value.is_null() && existing.value != f.value)
        record_.validation.push_back({"warning", spec.id, "cover-mismatch",
                                      "封面与表内填写不一致：" + (existing.value.is_string() ? existing.value.get<std::string>() : existing.value.dump())});
      if (f.value.is_null() && !existing.value.is_null()) return;  // the form cell is blank
      existing = std::move(f);
      return;
    }
    record_.fields.emplace_back(spec.id, std::move(f));
  }

  const FormTemplate& form_;
  ocr::OcrEngine& engine_;
  const ReadOptions& options_;
  Record& record_;
  std::vector<KvCell> cells_;
  std::map<std::string, int> label_of_;
  std::set<std::string> whole_cell_values_;  // fields read as one cell's value (ReadValue)
  std::map<const KvCell*, std::vector<TextLine>> lines_of_;
};

}  // namespace

void ReadKeyValueForm(const FormTemplate& form, std::vector<AnalyzedPage>& pages, ocr::OcrEngine& engine,
                      const ReadOptions& options, Record& record) {
  KeyValueReader reader(form, pages, engine, options, record);
  reader.ReadFields();
  reader.ReadEmbeddedTables();
  reader.ReadStampZones();
}

}  // namespace shenbao::extract
