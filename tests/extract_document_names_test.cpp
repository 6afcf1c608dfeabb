// The document's own names as evidence: a place name one character off the city the
// form names, a 发文字号 whose first character is not its issuer's place.
#include "extract/document_names.h"

#include <gtest/gtest.h>

namespace shenbao::extract {
namespace {

FieldResult Read(const std::string& value, double confidence) {
  FieldResult f;
  f.value = value;
  f.text = value;
  f.confidence = confidence;
  return f;
}

// The D sample: 申报城市 read 宜昌市 at 0.99, the opinions "经审核，宣昌市…".
TEST(MendPlaceNameSlips, ANameOneCharacterOffTheCityIsTheCity) {
  Record record;
  record.fields = {{"city", Read("宜昌市", 0.99)},
                   {"city_overview", Read("宜昌市是湖北省重要的先进制造业基地。", 0.85)},
                   {"comm_admin_opinion", Read("经审核，宣昌市申报材料真实完整。同意推荐宜昌市申报。", 0.85)}};
  MendPlaceNameSlips(record);
  const FieldResult& opinion = record.fields[2].second;
  EXPECT_EQ(opinion.value, "经审核，宜昌市申报材料真实完整。同意推荐宜昌市申报。");
  EXPECT_EQ(opinion.text, "经审核，宣昌市申报材料真实完整。同意推荐宜昌市申报。");  // as read
  EXPECT_NE(opinion.correction.find("宣昌市→宜昌市"), std::string::npos);
  EXPECT_LT(opinion.confidence, 0.9);
  EXPECT_EQ(record.fields[1].second.value, "宜昌市是湖北省重要的先进制造业基地。");
  EXPECT_TRUE(record.fields[1].second.correction.empty());
}

TEST(MendPlaceNameSlips, NothingChangesWithoutSureEvidence) {
  // The city itself read doubtfully: no evidence.
  Record doubtful;
  doubtful.fields = {{"city", Read("宜昌市", 0.8)}, {"a", Read("宜昌市申报", 0.85)}, {"b", Read("宣昌市申报", 0.85)}};
  MendPlaceNameSlips(doubtful);
  EXPECT_EQ(doubtful.fields[2].second.value, "宣昌市申报");
  // Read surely but nowhere else: the city field alone says so.
  Record alone;
  alone.fields = {{"city", Read("宜昌市", 0.99)}, {"b", Read("宣昌市申报", 0.85)}};
  MendPlaceNameSlips(alone);
  EXPECT_EQ(alone.fields[1].second.value, "宣昌市申报");
  // Two characters off is another name.
  Record other;
  other.fields = {{"city", Read("宜昌市", 0.99)}, {"a", Read("宜昌市申报", 0.85)}, {"b", Read("武汉市申报", 0.85)}};
  MendPlaceNameSlips(other);
  EXPECT_EQ(other.fields[2].second.value, "武汉市申报");
}

FormTemplate Letter() {
  FormTemplate form;
  for (auto [id, part] : {std::pair{"issuer", LetterPart::kIssuer}, std::pair{"doc_number", LetterPart::kDocNumber},
                          std::pair{"signer", LetterPart::kSigner}}) {
    FieldSpec spec;
    spec.id = id;
    spec.locate = Locate::kLetter;
    spec.letter_part = part;
    form.fields.push_back(spec);
  }
  return form;
}

// The F samples: 闽 read 冰, 鄂 read 哪 (at 0.93).
TEST(MendDocNumberPlace, TheNumberBeginsWithTheIssuersProvince) {
  Record record;
  record.fields = {{"issuer", Read("福建省工业和信息化厅", 0.907)},
                   {"doc_number", Read("冰工信函信息〔2024〕25号", 0.881)},
                   {"signer", Read("福建省工业和信息化厅", 0.847)}};
  MendDocNumberPlace(Letter(), record);
  EXPECT_EQ(record.fields[1].second.value, "闽工信函信息〔2024〕25号");
  EXPECT_EQ(record.fields[1].second.text, "冰工信函信息〔2024〕25号");
  EXPECT_LT(record.fields[1].second.confidence, 0.9);
  Record hubei;
  hubei.fields = {{"issuer", Read("湖北省经济和信息化厅办公室", 0.92)},
                  {"doc_number", Read("哪经信办函〔2024〕237号", 0.93)},
                  {"signer", Read("湖北省经济和信息化厅办公室", 0.857)}};
  MendDocNumberPlace(Letter(), hubei);
  EXPECT_EQ(hubei.fields[1].second.value, "鄂经信办函〔2024〕237号");
  EXPECT_LT(hubei.fields[1].second.confidence, 0.9);
}

TEST(MendDocNumberPlace, AMinistryOrADisagreeingSignatureChangesNothing) {
  Record ministry;
  ministry.fields = {{"issuer", Read("工业和信息化部信息通信管理局", 0.94)},
                     {"doc_number", Read("工信管函〔2025〕109号", 0.94)},
                     {"signer", Read("工业和信息化部信息通信管理局", 0.89)}};
  MendDocNumberPlace(Letter(), ministry);
  EXPECT_EQ(ministry.fields[1].second.value, "工信管函〔2025〕109号");
  Record city;
  city.fields = {{"issuer", Read("武汉市经济和信息化局", 0.95)},
                 {"doc_number", Read("武经信〔2022〕84号", 0.95)},
                 {"signer", Read("武汉市经济和信息化局", 0.9)}};
  MendDocNumberPlace(Letter(), city);
  EXPECT_EQ(city.fields[1].second.value, "武经信〔2022〕84号");
  Record disagree;
  disagree.fields = {{"issuer", Read("福建省工业和信息化厅", 0.95)},
                     {"doc_number", Read("冰工信函信息〔2024〕25号", 0.88)},
                     {"signer", Read("湖北省经济和信息化厅", 0.95)}};
  MendDocNumberPlace(Letter(), disagree);
  EXPECT_EQ(disagree.fields[1].second.value, "冰工信函信息〔2024〕25号");
}

}  // namespace
}  // namespace shenbao::extract
