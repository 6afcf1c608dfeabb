#pragma once
// Reading a classified document with its template: fields, tables, stamp zones.
#include <string>
#include <vector>

#include "extract/classify.h"
#include "extract/form_template.h"
#include "extract/page_analysis.h"
#include "extract/record.h"
#include "ocr/ocr_engine.h"

namespace shenbao::extract {

struct ReadOptions {
  double trust_threshold = 0.9;   // confidence at or above which a value is trusted
  std::string crop_prefix;        // relative folder for this document's crops, e.g. "crops/wuhan-1"
};

// Fills record.fields, record.tables and record.stamps (not validation or status)
// from the pages of one document, the first of which carries the matched title.
void ReadDocument(const FormTemplate& form, const TemplateMatch& match, std::vector<AnalyzedPage>& pages,
                  ocr::OcrEngine& engine, const ReadOptions& options, Record& record);

// Crops of the fields below the trust threshold, for the report (record.crops, f.crop).
void AddReviewCrops(const std::vector<AnalyzedPage>& pages, const ReadOptions& options, Record& record);

// Which OCR mode suits a value of this type.
ocr::TextKind TextKindFor(FieldType type);

// A field's confidence from what is known about it: OCR's own confidence, whether
// its value passed its type check, whether a seal overlaps it, whether it was corrected.
double FieldConfidence(double ocr_confidence, FieldType type, bool valid, bool blank, bool under_seal, bool corrected);

// OCR slips in Latin inside Chinese text: "5 G" → "5G", "5G+Al" → "5G+AI".
std::string TidyLatinInChinese(const std::string& text);

// Reads a small region line by line: split by ink projection, each line read in
// single-line mode with `kind` (kBlock is read as kLine). Boxes in crop coordinates.
ocr::OcrText RecognizeLines(const cv::Mat& crop, ocr::TextKind kind, ocr::OcrEngine& engine);

// Calibrated confidence of a value read by ReadValue/a split cell: from whether two
// OCR models agreed, their least sure character, the type check, a correction, a seal.
double CalibratedConfidence(const FieldResult& f, FieldType type, bool blank);

// Reads one crop (a cell or a field's region) as a value of `type`. With
// `follow_overflow`, text that runs on across the region's right rule is read to
// its end (ocr/cell_overflow.h): for a form's single values, typed into boxes too
// narrow for them. A table's cells are read within their rules, where the next
// column's text begins just past the rule. With a `lexicon`, a text or paragraph
// value is corrected towards its terms where the OCR's evidence backs it
// (extract/lexicon.h); `text` stays as read and `correction` says what changed. With
// `surnames`, a text value is a person's name, checked to begin with a family name
// (extract/near_miss.h: LookAgainAtSurname).
FieldResult ReadValue(const cv::Mat& ocr_gray, const cv::Rect& region, int page, FieldType type,
                      const std::vector<std::string>& choices, ocr::OcrEngine& engine,
                      bool follow_overflow = false, const Lexicon* lexicon = nullptr,
                      const Surnames* surnames = nullptr);

// True when a seal overlaps the box enough to disturb reading it.
bool UnderSeal(const cv::Rect& box, const std::vector<ocr::SealCandidate>& seals);

// Table reading (table_reader.cpp).
void ReadTables(const FormTemplate& form, std::vector<AnalyzedPage>& pages, ocr::OcrEngine& engine, Record& record);

// Stamp zones (stamp_reader.cpp).
void ReadStamps(const FormTemplate& form, std::vector<AnalyzedPage>& pages, ocr::OcrEngine& engine,
                const ReadOptions& options, Record& record);

}  // namespace shenbao::extract
