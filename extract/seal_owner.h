#pragma once
// Whose seal is it? The text on a seal's arc against the unit the form names.
//
// A seal and the form line that names its unit often differ without naming another
// unit: the seal carries the full name (武汉市江岸区经济和信息化局) where the form
// prints it short (江岸区经济和信息化局) or only the city (宜昌市 for 宜昌市人民政府);
// a company's seal drops or adds 有限公司; and arc text read by OCR has slips. A seal
// of another place (洪山区 for 江岸区) or another kind of unit (人民政府 for
// 经济和信息化局) is a different unit, however alike the rest of the name.
#include <string>
#include <string_view>
#include <vector>

#include "extract/page_analysis.h"
#include "extract/record.h"
#include "ocr/ocr_engine.h"
#include "ocr/seal.h"

namespace shenbao::extract {

enum class OwnerVerdict {
  kSame,       // the seal names the unit
  kDifferent,  // the seal is read well enough to say it names another unit
  kUnsure,     // too little of the seal could be read to tell
};

// Compares the text read from a seal's arc (`ocr_confidence` 0..1: how sure OCR
// was) with the unit name printed on the form.
OwnerVerdict CompareSealOwner(std::string_view seal_text, std::string_view unit, double ocr_confidence);

// One OCR reading of a seal's arc text.
struct SealReading {
  std::string text;
  double confidence = 0;  // 0..1
};

// Several readings of the same seal (of different ink images) judged together: a
// character of the unit's name counts as read when any reading has it, as another
// character only when none does (OCR slips fall in different places, and no
// reading makes up the very character the form prints).
OwnerVerdict CompareSealOwner(const std::vector<SealReading>& readings, std::string_view unit);

// For a zone whose form prints no unit name, only what kind of unit must stamp it
// (通信管理局, 省人民政府): does the seal name some place's unit of one of `kinds`?
// A division character of the kind (省 in 省人民政府) must be right: a city's
// government is not a province's.
OwnerVerdict CompareSealKind(std::string_view seal_text, const std::vector<std::string>& kinds,
                             double ocr_confidence);
OwnerVerdict CompareSealKind(const std::vector<SealReading>& readings, const std::vector<std::string>& kinds);

// Reads the seal's arc text into stamp.owner_text and, when the form names the
// unit (`unit` not empty) or else the kinds of unit allowed (`kinds`), sets
// stamp.owner_match: true or false when the seal says so clearly (false adds a
// "seal-owner" error to the record), unset and a "seal-owner-unread" warning when
// it cannot be told (a person must look).
void ReadSealOwner(const AnalyzedPage& page, const ocr::SealCandidate& seal, const std::string& unit,
                   const std::vector<std::string>& kinds, ocr::OcrEngine& engine, StampResult& stamp,
                   Record& record);

}  // namespace shenbao::extract
