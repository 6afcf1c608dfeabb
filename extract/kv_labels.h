#pragma once
// Labels of ruled key–value forms: how well a cell's first-pass text is a printed
// label, and which cell is a field's label. Labels are matched by similarity, so a
// form re-typeset by the applicant, a label moved to another row, or OCR slips in
// the label still find the field.
#include <string>
#include <vector>

#include "extract/form_template.h"
#include "extract/kv_cells.h"

namespace shenbao::extract {

// A first-pass text this close to a label is that label: the cell to its right is
// its value.
inline constexpr double kSureLabel = 0.9;

// Punctuation OCR makes of specks and ruling remnants at a cell's edges ("！”所属行业"),
// taken off both ends.
std::string TrimJunk(std::string s);

// How well a cell's text is one of these labels (0 when it is not).
double LabelScore(const std::string& cell_text, const std::vector<std::string>& labels);

// "申报城市：武汉市" in one cell: the part after the label and its colon.
bool SameCellValue(const std::string& cell_text, const std::vector<std::string>& labels, std::string* value);

// True when the text is some `locate: label` field's label.
bool IsSomeLabel(const std::vector<FieldSpec>& fields, const std::string& text);

// The best read cell from `start` on for these labels (-1 when none); with
// `first_only`, the first one that scores at all. Cells left unread as values
// (deferred) are not label candidates: a label right of another label's value
// would be missed, and its field reported missing. A cell another field's label
// fits better is not this one's.
int FindLabelCell(const std::vector<FieldSpec>& fields, const std::vector<KvCell>& cells,
                  const std::vector<std::string>& labels, size_t start, bool first_only);

}  // namespace shenbao::extract
