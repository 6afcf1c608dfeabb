#pragma once
// Readers for layouts beyond ruled summary tables: official letters (GB/T 9704)
// and ruled key–value forms (申报表/申报书). Both take what the template declares;
// nothing about a particular form is here.
#include <vector>

#include "extract/classify.h"
#include "extract/form_reader.h"

namespace shenbao::extract {

// Fields on the text lines outside the tables (line_fields.cpp): `from: label` (the
// value after its printed label on a line), `from: date-line` (the last date-like line
// below the last table: a signature block's date), `from: title` (a year, city or
// batch named in the document's title).
void ReadLabelField(const FieldSpec& spec, std::vector<AnalyzedPage>& pages, Record& record);
void ReadDateLine(const FieldSpec& spec, std::vector<AnalyzedPage>& pages, Record& record);
void ReadTitleField(const FieldSpec& spec, const TemplateMatch& match, const AnalyzedPage& first_page, Record& record);

// Fields with `from: letter`: issuer banner, 发文字号, title, addressee, body,
// attachments, signer and date, found by their place in the letter's layout.
void ReadLetterFields(const FormTemplate& form, const TemplateMatch& match, std::vector<AnalyzedPage>& pages,
                      ocr::OcrEngine& engine, Record& record);

// Label-anchored fields inside ruled key–value tables (value right of / below its
// label, paragraphs continued over rows and pages, （盖章） blocks, checkbox rows),
// embedded tables, and `label-cell` stamp zones. Fields found on a text line
// outside the tables too (a cover page) must agree with the form.
// Returns the ids of fields it filled.
void ReadKeyValueForm(const FormTemplate& form, std::vector<AnalyzedPage>& pages, ocr::OcrEngine& engine,
                      const ReadOptions& options, Record& record);

// Ticked option of a checkbox row (□产线 ■车间 □工厂) in a grey crop: boxes are found
// by shape, "ticked" by ink inside them, options by the text after each box.
// Sets value (null when none), valid=false with an error when none or several are ticked.
FieldResult ReadCheckboxRow(const cv::Mat& ocr_gray, const cv::Rect& region, int page,
                            const std::vector<std::string>& choices, ocr::OcrEngine& engine);

}  // namespace shenbao::extract
