// Ruled tables: match the header row to the template's columns, then read every
// body cell the template needs, following the table onto later pages.
#include <algorithm>
#include <set>

#include <spdlog/spdlog.h>

#include "extract/alternatives.h"
#include "extract/cell_evidence.h"
#include "extract/form_reader.h"
#include "extract/normalize.h"
#include "ocr/cell_ink.h"
#include "ocr/grid.h"

namespace shenbao::extract {
namespace {

struct HeaderMatch {
  int row = -1;                 // header row index in the grid; -1 when none matched
  std::vector<int> column_of;   // grid column → index into TableSpec::columns, -1 = not needed
  int matched = 0;
};

std::string ReadCellText(const AnalyzedPage& page, const cv::Rect& cell, ocr::OcrEngine& engine) {
  cv::Mat crop = ocr::CleanCellCrop(page.ocr_gray, cell);
  if (ocr::IsBlank(crop)) return {};
  const ocr::OcrText text = RecognizeLines(crop, ocr::TextKind::kBlock, engine);
  std::vector<std::string> lines;
  for (const auto& l : text.lines) lines.push_back(l.text);
  return RemoveWhitespace(NormalizeParagraph(lines));
}

// Assigns grid columns to template columns by label similarity, best pairs first.
HeaderMatch MatchHeaderRow(const AnalyzedPage& page, const ocr::TableGrid& grid, int row, const TableSpec& table,
                           ocr::OcrEngine& engine) {
  HeaderMatch m;
  m.row = row;
  m.column_of.assign(grid.cols(), -1);
  struct Pair {
    double similarity;
    int grid_col;
    int spec_col;
  };
  std::vector<Pair> pairs;
  for (int c = 0; c < grid.cols(); ++c) {
    const std::string text = ReadCellText(page, grid.Cell(row, c), engine);
    spdlog::debug("page {} header candidate row {} col {}: '{}'", page.image.page, row, c, text);
    if (text.empty()) continue;
    for (size_t s = 0; s < table.columns.size(); ++s) {
      double best = 0;
      for (const std::string& label : table.columns[s].labels) best = std::max(best, Similarity(text, RemoveWhitespace(label)));
      if (best >= 0.5) pairs.push_back({best, c, static_cast<int>(s)});
    }
  }
  std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) { return a.similarity > b.similarity; });
  std::set<int> used_specs;
  for (const Pair& p : pairs) {
    if (m.column_of[p.grid_col] != -1 || used_specs.count(p.spec_col)) continue;
    m.column_of[p.grid_col] = p.spec_col;
    used_specs.insert(p.spec_col);
    ++m.matched;
  }
  return m;
}

HeaderMatch FindHeader(const AnalyzedPage& page, const ocr::TableGrid& grid, const TableSpec& table, ocr::OcrEngine& engine) {
  const int needed = table.min_header_match > 0 ? table.min_header_match
                                                : std::max(2, static_cast<int>((table.columns.size() + 1) / 2));
  // The header is the first row, or the second under a merged caption row.
  for (int row = 0; row < std::min(2, grid.rows()); ++row) {
    HeaderMatch m = MatchHeaderRow(page, grid, row, table, engine);
    if (m.matched >= needed) return m;
  }
  return {};
}

// A ruling remnant at a cell's edge reads as a leading or trailing "-", "_" or "|".
std::string TrimRulingDebris(std::string text) {
  const std::string debris = "-_.|,";
  while (!text.empty() && debris.find(text.front()) != std::string::npos) text.erase(0, 1);
  while (!text.empty() && debris.find(text.back()) != std::string::npos) text.pop_back();
  return text;
}

// The template's corrections of systematic misreadings; the value is parsed again.
void ApplyFixes(const ColumnSpec& column, FieldResult& f) {
  if (column.fixes.empty() || !f.value.is_string()) return;
  const std::string before = f.value.get<std::string>();
  std::string after = before;
  for (const TextFix& fix : column.fixes) after = fix.pattern->ReplaceAll(after, fix.replacement);
  if (after == before) return;
  const ParsedValue parsed = ParseValue(column.type, after, column.choices);
  f.value = parsed.value;
  f.valid = parsed.valid;
  f.error = parsed.error;
  f.correction = (f.correction.empty() ? "" : f.correction + "; ") + before + "→" + after;
}

bool AllLatin(const ColumnSpec& column) {
  for (const auto& part : column.split)
    if (TextKindFor(part.type) != ocr::TextKind::kLatin && TextKindFor(part.type) != ocr::TextKind::kDigits) return false;
  return true;
}

// A cell that holds several fields, one per line (联系方式: mobile, then e-mail).
void ReadSplitCell(const AnalyzedPage& page, const cv::Rect& cell, const ColumnSpec& column, ocr::OcrEngine& engine,
                   FieldMap& row) {
  cv::Mat crop = ocr::CleanCellCrop(page.ocr_gray, cell);
  const bool blank = ocr::IsBlank(crop);
  const bool under_seal = UnderSeal(cell, page.seals);
  std::vector<ocr::OcrLine> lines;
  float confidence = 1.0f;
  if (!blank) {
    const ocr::OcrText text = RecognizeLines(crop, AllLatin(column) ? ocr::TextKind::kLatin : ocr::TextKind::kBlock, engine);
    lines = text.lines;
    confidence = text.confidence;
  }
  std::vector<bool> taken(lines.size(), false);
  for (const FieldSpec& part : column.split) {
    FieldResult f;
    f.page = page.image.page;
    f.bbox = cell;
    f.under_seal = under_seal;
    f.value = nullptr;
    // The first unused line that parses as this part's type; else the first unused line.
    int chosen = -1;
    for (size_t i = 0; i < lines.size() && chosen < 0; ++i)
      if (!taken[i] && ParseValue(part.type, RemoveWhitespace(lines[i].text), part.choices).valid &&
          !ParseValue(part.type, RemoveWhitespace(lines[i].text), part.choices).blank)
        chosen = static_cast<int>(i);
    for (size_t i = 0; i < lines.size() && chosen < 0; ++i)
      if (!taken[i]) chosen = static_cast<int>(i);
    bool parsed_blank = true;
    if (chosen >= 0) {
      taken[chosen] = true;
      const ocr::OcrLine& line = lines[chosen];
      f.text = line.text;
      std::string value_text = TrimRulingDebris(RemoveWhitespace(line.text));
      ParsedValue parsed = ParseValue(part.type, value_text, part.choices);
      if (!parsed.valid && HasStrongCheck(part.type)) {
        ParsedValue alternative = TryAlternatives(line.symbols, part.type, part.choices, [](const std::string& text) {
          return TrimRulingDebris(RemoveWhitespace(text));
        });
        if (alternative.valid) parsed = std::move(alternative);
      }
      if (!parsed.valid && line.box.area() > 0) {
        // The Latin model misread it (a 1 read as 4): ask the Chinese model, which
        // reads digits and Latin too, and take its reading only if that one passes.
        const cv::Rect box = (line.box - cv::Point(4, 4) + cv::Size(8, 8)) & cv::Rect(0, 0, crop.cols, crop.rows);
        const ocr::OcrText again = engine.Recognize(crop(box), ocr::TextKind::kLine);
        const std::string retry_text = TrimRulingDebris(RemoveWhitespace(again.Joined("")));
        ParsedValue retry = ParseValue(part.type, retry_text, part.choices);
        if (retry.valid && !retry.blank) {
          retry.correction = (retry.correction.empty() ? "" : retry.correction + "; ") + "重新识别：" + value_text + "→" + retry_text;
          parsed = retry;
        }
      }
      f.value = parsed.value;
      f.valid = parsed.valid;
      f.error = parsed.error;
      f.correction = parsed.correction;
      parsed_blank = parsed.blank;
      f.ocr_confidence = line.confidence;
      if (line.box.area() > 0) f.bbox = (line.box + cell.tl()) & cell;
    } else {
      f.ocr_confidence = confidence;
    }
    f.confidence = CalibratedConfidence(f, part.type, parsed_blank);
    row.emplace_back(part.id, std::move(f));
  }
}

// A required cell that reads blank in a row that is filled in is more often ink the
// blank test missed (a faint 序号, a digit under a seal) than a cell left empty:
// measured on the samples, every blank 序号 of a filled row at confidence 0.95 was a
// missed number. A person looks at it.
void DoubtBlankRequiredCells(const TableSpec& table, FieldMap& row) {
  constexpr double kBlankRequiredConfidence = 0.5;
  for (auto& [id, f] : row) {
    if (!f.value.is_null() || !f.text.empty()) continue;
    for (const ColumnSpec& column : table.columns)
      if (column.id == id && column.required) f.confidence = std::min(f.confidence, kBlankRequiredConfidence);
  }
}

bool IsEmptyRow(const FieldMap& row, const TableSpec& table) {
  // A row is empty when nothing but its printed sequence number is filled in
  // (forms come with numbered blank rows).
  const std::string& seq_id = table.columns.empty() ? std::string() : table.columns.front().id;
  for (const auto& [id, f] : row) {
    if (id == seq_id && table.columns.front().type == FieldType::kInt) continue;
    if (!f.value.is_null() || !f.text.empty()) return false;
  }
  return true;
}

// The column a `sequence` rule counts 1, 2, 3 … down table `table_id` ("" if none).
std::string SequenceColumn(const FormTemplate& form, const std::string& table_id) {
  for (const RuleSpec& rule : form.rules)
    if (rule.kind == RuleKind::kSequence && rule.field.starts_with(table_id + "[]."))
      return rule.field.substr(table_id.size() + 3);
  return {};
}

}  // namespace

void ReadTables(const FormTemplate& form, std::vector<AnalyzedPage>& pages, ocr::OcrEngine& engine, Record& record) {
  std::vector<std::vector<FieldMap>> rows_of(form.tables.size());
  int current_table = -1;             // the table a headerless grid continues
  std::vector<int> current_mapping;
  for (AnalyzedPage& page : pages) {
    for (const ocr::TableGrid& grid : page.tables) {
      HeaderMatch header;
      int table_index = -1;
      for (size_t t = 0; t < form.tables.size() && table_index < 0; ++t) {
        header = FindHeader(page, grid, form.tables[t], engine);
        if (header.row >= 0) table_index = static_cast<int>(t);
      }
      int first_body_row = 0;
      if (table_index >= 0) {
        current_table = table_index;
        current_mapping = header.column_of;
        first_body_row = header.row + 1;
      } else if (current_table >= 0 && form.tables[current_table].continues &&
                 grid.cols() == static_cast<int>(current_mapping.size())) {
        table_index = current_table;  // continues from the previous page, no repeated header
      } else {
        spdlog::debug("page {}: a {}×{} table matches no table of {}", page.image.page, grid.rows(), grid.cols(), form.id);
        continue;
      }
      const TableSpec& table = form.tables[table_index];
      for (int r = first_body_row; r < grid.rows(); ++r) {
        FieldMap row;
        for (int c = 0; c < grid.cols(); ++c) {
          const int s = current_mapping[c];
          if (s < 0) continue;
          const ColumnSpec& column = table.columns[s];
          const cv::Rect cell = grid.Cell(r, c);
          if (!column.split.empty()) {
            ReadSplitCell(page, cell, column, engine, row);
            continue;
          }
          FieldResult f = ReadValue(page.ocr_gray, cell, page.image.page, column.type, column.choices, engine,
                                    /*follow_overflow=*/false, column.use_lexicon ? form.lexicon.get() : nullptr,
                                    column.person ? form.surnames.get() : nullptr);
          ApplyFixes(column, f);
          if (column.type == FieldType::kText) RestoreDashPair(page.ocr_gray, cell, f);
          f.under_seal = UnderSeal(cell, page.seals);
          f.confidence = CalibratedConfidence(f, column.type, f.value.is_null() && f.text.empty());
          row.emplace_back(column.id, std::move(f));
        }
        if (IsEmptyRow(row, table)) continue;
        DoubtBlankRequiredCells(table, row);
        rows_of[table_index].push_back(std::move(row));
      }
    }
  }
  for (size_t t = 0; t < form.tables.size(); ++t) {
    // Columns in template order within each row, whatever the printed order.
    for (FieldMap& row : rows_of[t]) {
      FieldMap ordered;
      for (const ColumnSpec& column : form.tables[t].columns) {
        auto take = [&](const std::string& id) {
          for (auto& kv : row)
            if (kv.first == id) ordered.push_back(std::move(kv));
        };
        if (column.split.empty()) take(column.id);
        else
          for (const auto& part : column.split) take(part.id);
      }
      row = std::move(ordered);
    }
    if (const std::string seq = SequenceColumn(form, form.tables[t].id); !seq.empty()) ReadSequenceByRowOrder(seq, rows_of[t]);
    record.tables.emplace_back(form.tables[t].id, std::move(rows_of[t]));
  }
}

}  // namespace shenbao::extract
