#pragma once
// A document names its own place and issuer more than once; where one reading of a
// name is one character off another, sure reading, the sure one is evidence. The
// value is corrected, the text keeps what OCR read, `correction` says what changed,
// and the value goes to a person (confidence below the trust threshold).
#include "extract/form_template.h"
#include "extract/record.h"

namespace shenbao::extract {

// Confidence at most of a value corrected from another field's reading.
inline constexpr double kMendedNameConfidence = 0.85;

// A field whose whole value is a place name (宜昌市, 黄陂区: two to six Chinese
// characters ending in 省, 市, 州, 县 or 区), read at the trust threshold or above,
// and read so again in another field of the document: in every other text or
// paragraph field, a run of the same length that differs from it in one character
// before the suffix ("宣昌市") is that name misread.
void MendPlaceNameSlips(Record& record, double trust_threshold = 0.9);

// A letter's 发文字号 begins with its issuer's place: a province's abbreviation
// (鄂 for 湖北省, 闽 for 福建省) or a city's first character (武 for 武汉市). When the
// banner and the signature, one of them read surely, both name that place and the
// number's first character is another ("冰工信函信息〔2024〕25号"), it is corrected.
void MendDocNumberPlace(const FormTemplate& form, Record& record, double trust_threshold = 0.9);

}  // namespace shenbao::extract
