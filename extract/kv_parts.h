#pragma once
// The pieces of the key–value form reader (keyvalue_reader.cpp), one concern a
// file: values of a cell beyond ReadValue (kv_values.cpp), small tables inside the
// form (kv_embedded_table.cpp), （盖章） stamp zones (kv_stamps.cpp). Internal to
// shenbao_extract.
#include <string>
#include <vector>

#include "extract/form_reader.h"
#include "extract/kv_cells.h"

namespace shenbao::extract {

// A field's result from a parsed value and the evidence it was read with.
FieldResult KvResult(FieldType type, const ParsedValue& parsed, const std::string& text, const cv::Rect& box,
                     const AnalyzedPage& page, double ocr_confidence);

// The lines of a paragraph or an opinion gathered into one value: the text the
// lexicon corrected (parsed), the text as read (the record's `text`), and what the
// lexicon changed (the value's correction, so a person sees it).
struct JoinedLines {
  std::vector<std::string> corrected, read;
  std::string corrections;

  void Add(const TextLine& line);
  // The value parsed from the corrected lines, the lexicon's changes noted on it.
  ParsedValue Parse(FieldType type, const std::vector<std::string>& choices) const;
};

// A number or code with ruling debris around it ("449.60.", "9142…64L."): parsed again
// without it, recorded as a correction so its confidence drops.
void RetryNumber(FieldType type, const std::vector<std::string>& choices, FieldResult& f);

// A （盖章） block's opinion or date (spec.part), from the lines of its value cell:
// opinion lines, then "XX（盖章）：", then the date.
FieldResult ReadSignBlockPart(const FieldSpec& spec, const KvCell& cell, const std::vector<TextLine>& lines);

// A small table inside the form: its header row anywhere, then rows of as many
// cells. Header cells left unread are read here (hence the cells are not const).
std::vector<FieldMap> ReadEmbeddedTable(const TableSpec& table, const FormTemplate& form, std::vector<KvCell>& cells,
                                        ocr::OcrEngine& engine);

// The form's `label-cell` stamp zones: which seal is whose, each with its crop and
// owner check, appended to record.stamps.
void ReadKvStampZones(const FormTemplate& form, const std::vector<KvCell>& cells, ocr::OcrEngine& engine,
                      const ReadOptions& options, Record& record);

}  // namespace shenbao::extract
