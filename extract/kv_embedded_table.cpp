// A small table inside a key–value form (E's 宏站/微站 rows): found by its header
// row, whose cells are matched to the template's columns like labels.
#include <algorithm>
#include <tuple>

#include "extract/kv_labels.h"
#include "extract/kv_parts.h"

namespace shenbao::extract {

std::vector<FieldMap> ReadEmbeddedTable(const TableSpec& table, const FormTemplate& form, std::vector<KvCell>& cells,
                                        ocr::OcrEngine& engine) {
  std::vector<FieldMap> rows;
  const int needed = table.min_header_match > 0 ? table.min_header_match
                                                : std::max(2, static_cast<int>((table.columns.size() + 1) / 2));
  for (size_t i = 0; i < cells.size(); ++i) {
    // Cells of row i's row, left to right.
    auto row_cells = [&](size_t first) {
      std::vector<int> out;
      for (size_t j = first; j < cells.size() && SameRow(cells[j], cells[first]); ++j)
        if (cells[j].row == cells[first].row) out.push_back(static_cast<int>(j));
      return out;
    };
    if (i > 0 && SameRow(cells[i - 1], cells[i])) continue;  // not a row start
    const std::vector<int> header = row_cells(i);
    // Header cells to columns, best-scoring pairs first (单价 and 总价 look alike).
    std::vector<int> column_of(header.size(), -1);
    std::vector<std::tuple<double, size_t, size_t>> pairs;
    auto add_pairs = [&](size_t k) {
      for (size_t s = 0; s < table.columns.size(); ++s)
        if (const double score = LabelScore(cells[header[k]].text, table.columns[s].labels); score > 0)
          pairs.emplace_back(score, k, s);
    };
    for (size_t k = 0; k < header.size(); ++k)
      if (cells[header[k]].read) add_pairs(k);
    // A row that has column labels may have one among the cells left unread.
    if (!pairs.empty())
      for (size_t k = 0; k < header.size(); ++k)
        if (cells[header[k]].deferred) ReadKvCell(cells[header[k]], engine), add_pairs(k);
    std::sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) { return std::get<0>(a) > std::get<0>(b); });
    std::vector<bool> used(table.columns.size(), false);
    int matched = 0;
    for (const auto& [score, k, s] : pairs)
      if (column_of[k] < 0 && !used[s]) column_of[k] = static_cast<int>(s), used[s] = true, ++matched;
    if (matched < needed) continue;
    size_t next = header.back() + 1;
    while (next < cells.size()) {
      const std::vector<int> body = row_cells(next);
      if (body.size() != header.size()) break;
      FieldMap row;
      for (size_t k = 0; k < body.size(); ++k) {
        if (column_of[k] < 0) continue;
        const ColumnSpec& column = table.columns[column_of[k]];
        const KvCell& c = cells[body[k]];
        FieldResult f = ReadValue(c.page->ocr_gray, c.box, c.page->image.page, column.type, column.choices, engine,
                                  /*follow_overflow=*/false, column.use_lexicon ? form.lexicon.get() : nullptr,
                                    column.person ? form.surnames.get() : nullptr);
        RetryNumber(column.type, column.choices, f);
        f.under_seal = UnderSeal(c.box, c.page->seals);
        f.confidence = FieldConfidence(f.ocr_confidence, column.type, f.valid, f.value.is_null() && f.text.empty(),
                                       f.under_seal, !f.correction.empty());
        row.emplace_back(column.id, std::move(f));
      }
      FieldMap ordered;  // template order
      for (const ColumnSpec& column : table.columns)
        for (auto& kv : row)
          if (kv.first == column.id) ordered.push_back(std::move(kv));
      rows.push_back(std::move(ordered));
      next = body.back() + 1;
    }
    return rows;
  }
  return rows;
}

}  // namespace shenbao::extract
