// Whose seal: the text read from a seal's arc against the unit the form names.
// Tolerant of what seals and forms write differently and of OCR slips; a seal of
// another place or another kind of unit is another unit.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "extract/seal_owner.h"

namespace shenbao::extract {
namespace {

constexpr double kSure = 0.9;

TEST(SealOwner, SameUnitWrittenDifferently) {
  // The seal carries the city before the district the form prints.
  EXPECT_EQ(CompareSealOwner("武汉市江岸区经济和信息化局", "江岸区经济和信息化局", kSure), OwnerVerdict::kSame);
  // The form names only the city; the seal is its government's.
  EXPECT_EQ(CompareSealOwner("宜昌市人民政府", "宜昌市", kSure), OwnerVerdict::kSame);
  // Companies: the legal form written or not, full-width or spaced.
  EXPECT_EQ(CompareSealOwner("南京恒远精密机械公司", "南京恒远精密机械有限公司", kSure), OwnerVerdict::kSame);
  EXPECT_EQ(CompareSealOwner("南京恒远精密机械股份有限公司", "南京恒远精密机械有限公司", kSure), OwnerVerdict::kSame);
  EXPECT_EQ(CompareSealOwner("南京 恒远 精密机械有限公司合同专用章", "南京恒远精密机械有限公司", kSure), OwnerVerdict::kSame);
}

TEST(SealOwner, SameUnitThroughOcrSlips) {
  // One character misread in the district, one in the kind of unit.
  EXPECT_EQ(CompareSealOwner("武汉市江芹区经济和信息化局", "武汉市江岸区经济和信息化局", 0.5), OwnerVerdict::kSame);
  EXPECT_EQ(CompareSealOwner("武汉市江岸区经济和佶息化局", "武汉市江岸区经济和信息化局", 0.5), OwnerVerdict::kSame);
  // A character dropped and a stray mark read at the start of the arc.
  EXPECT_EQ(CompareSealOwner("一湖北省通信管埋局", "湖北省通信管理局", 0.5), OwnerVerdict::kSame);
  EXPECT_EQ(CompareSealOwner("南京恒远精密机有限公司", "南京恒远精密机械有限公司", 0.5), OwnerVerdict::kSame);
}

TEST(SealOwner, AnotherUnitIsAnError) {
  // Another district of the same city, the same kind of bureau.
  EXPECT_EQ(CompareSealOwner("武汉市洪山区经济和信息化局", "武汉市江岸区经济和信息化局", kSure), OwnerVerdict::kDifferent);
  EXPECT_EQ(CompareSealOwner("武汉市洪山区经济和信息化局", "江岸区经济和信息化局", kSure), OwnerVerdict::kDifferent);
  // Another city's government.
  EXPECT_EQ(CompareSealOwner("福州市人民政府", "宜昌市", kSure), OwnerVerdict::kDifferent);
  // The same city, another kind of unit.
  EXPECT_EQ(CompareSealOwner("宜昌市经济和信息化局", "宜昌市人民政府", kSure), OwnerVerdict::kDifferent);
  // Another company altogether.
  EXPECT_EQ(CompareSealOwner("孝感联福电力有限责任公司", "十堰祥旺石油化工有限公司", kSure), OwnerVerdict::kDifferent);
}

TEST(SealOwner, TooLittleReadIsNeitherMatchNorError) {
  EXPECT_EQ(CompareSealOwner("", "武汉市江岸区经济和信息化局", kSure), OwnerVerdict::kUnsure);
  EXPECT_EQ(CompareSealOwner("局", "武汉市江岸区经济和信息化局", kSure), OwnerVerdict::kUnsure);
  // A garbled read OCR itself doubts says nothing about whose seal it is.
  EXPECT_EQ(CompareSealOwner("兰冫汁门乂区红济和信", "武汉市江岸区经济和信息化局", 0.3), OwnerVerdict::kUnsure);
  EXPECT_EQ(CompareSealOwner("武汉市江岸区经济和信息化局", "", kSure), OwnerVerdict::kUnsure);
  // A district name misread whole looks like another district: an error only when
  // OCR is sure of its reading.
  EXPECT_EQ(CompareSealOwner("武汉市六遇区经济和信息化局", "武汉市武昌区经济和信息化局", 0.7), OwnerVerdict::kUnsure);
  EXPECT_EQ(CompareSealOwner("武汉市洪山区经济和信息化局", "武汉市武昌区经济和信息化局", 0.9), OwnerVerdict::kDifferent);
  // The arc read from the wrong start, cut short: part of the name missing is no other unit.
  EXPECT_EQ(CompareSealOwner("厅广东省工", "广东省工业和信息化厅", kSure), OwnerVerdict::kUnsure);
}

// Zones whose form prints no unit name, only the kind of unit that stamps them.
TEST(SealKind, SomePlacesUnitOfTheKind) {
  const std::vector<std::string> comm = {"通信管理局"};
  const std::vector<std::string> province = {"省人民政府", "自治区人民政府"};
  EXPECT_EQ(CompareSealKind("湖北省通信管理局", comm, kSure), OwnerVerdict::kSame);
  EXPECT_EQ(CompareSealKind("深圳市通信管埋局", comm, 0.5), OwnerVerdict::kSame);
  EXPECT_EQ(CompareSealKind("广西壮族自治区人民政府", province, kSure), OwnerVerdict::kSame);
  EXPECT_EQ(CompareSealKind("福建首人民政府", province, 0.5), OwnerVerdict::kSame) << "省 misread is no other level";
  // Another kind of unit, or a city's government where the province's belongs.
  EXPECT_EQ(CompareSealKind("湖北省经济和信息化厅", comm, kSure), OwnerVerdict::kDifferent);
  EXPECT_EQ(CompareSealKind("宜昌市人民政府", province, kSure), OwnerVerdict::kDifferent);
  // The kind alone, no place: nothing to say whose it is; a garbled read neither.
  EXPECT_EQ(CompareSealKind("通信管理局", comm, kSure), OwnerVerdict::kUnsure);
  EXPECT_EQ(CompareSealKind("习北盲迪估管", comm, 0.3), OwnerVerdict::kUnsure);
}

TEST(SealOwner, ReadingsOfTwoInkImagesTogether) {
  // OCR of a seal's redness image and of its stroke-shape image slips in
  // different places. Each reading alone misses too much of the name (4 of 15
  // characters); together every character but two is read, and the unit is named.
  const std::string unit = "武汉东湖新技术开发区经济发展局";
  const SealReading redness{"或汉这湖新扶术开发区经从发展局", kSure};
  const SealReading shape{"武汉芭关新技术开发区经沁发展属", kSure};
  EXPECT_EQ(CompareSealOwner(redness.text, unit, kSure), OwnerVerdict::kUnsure);
  EXPECT_EQ(CompareSealOwner(shape.text, unit, kSure), OwnerVerdict::kUnsure);
  EXPECT_EQ(CompareSealOwner({redness, shape}, unit), OwnerVerdict::kSame);
  // No reading makes up the place the form prints: two readings of another
  // district's seal, however they slip elsewhere, still name another unit.
  EXPECT_EQ(CompareSealOwner({{"武汉市洪山区经济和信息化局", kSure}, {"武汉市洪山区经济和佶息化局", kSure}},
                             "武汉市江岸区经济和信息化局"),
            OwnerVerdict::kDifferent);
  EXPECT_EQ(CompareSealOwner({{"武汉市洪山区经济和信息化局", kSure}, {"", 0.0}}, "武汉市江岸区经济和信息化局"),
            OwnerVerdict::kDifferent);
  // A reading too short to be a name is left out; none left: unsure.
  EXPECT_EQ(CompareSealOwner({{"局", kSure}, {"人", kSure}}, unit), OwnerVerdict::kUnsure);
  // Kinds of unit too: each reading misses two characters of the kind, together one.
  const std::vector<std::string> comm{"通信管理局"};
  EXPECT_NE(CompareSealKind("湖北省通信答验局", comm, kSure), OwnerVerdict::kSame);
  EXPECT_NE(CompareSealKind("湖花省通倍管埋局", comm, kSure), OwnerVerdict::kSame);
  EXPECT_EQ(CompareSealKind({{"湖北省通信答验局", kSure}, {"湖花省通倍管埋局", kSure}}, comm), OwnerVerdict::kSame);
}

}  // namespace
}  // namespace shenbao::extract
