// Whose seal, on a hard scan: a seal on grey, grainy paper, blurred and saved as a
// poor JPEG (the committed sample 5g-iiot-pilot-zone-application/hard-01, page 2,
// the 工信主管部门 block's seal). The seal's arc text reads as noise from its
// redness and only roughly from its stroke shapes at full size ("福生间工业机信息化厅");
// it must still be found to name the unit, and no other.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "extract/seal_owner.h"
#include "ocr/cleanup.h"
#include "ocr/document_source.h"

namespace shenbao::extract {
namespace {

class HardSealOwner : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::filesystem::path pdf =
        std::filesystem::path(SHENBAO_SOURCE_DIR) / "samples/5g-iiot-pilot-zone-application/hard-01.pdf";
    if (!std::filesystem::exists(pdf)) return;
    page_ = new AnalyzedPage;
    page_->image = ocr::OpenDocument(pdf, ocr::RasterOptions{})->Render(1);
    ocr::Deskew(page_->image);
    engine_ = ocr::MakeTesseractEngine(ocr::EngineOptions{}).release();
  }
  static void TearDownTestSuite() {
    delete page_;
    delete engine_;
  }
  void SetUp() override {
    if (!page_) GTEST_SKIP() << "samples not present";
  }
  static StampResult Read(const std::string& unit, Record& record) {
    // The page holds three blocks' seals; this one is lowest, three quarters down.
    const std::vector<ocr::SealCandidate> seals = ocr::FindSeals(page_->image);
    const ocr::SealCandidate* lowest = nullptr;
    for (const ocr::SealCandidate& s : seals)
      if (!lowest || s.center.y > lowest->center.y) lowest = &s;
    StampResult stamp;
    stamp.zone = "miit_dept_seal";
    if (!lowest) {
      ADD_FAILURE() << "no seal found";
      return stamp;
    }
    EXPECT_NEAR(lowest->center.y / page_->image.height(), 0.82, 0.03);
    ReadSealOwner(*page_, *lowest, unit, {}, *engine_, stamp, record);
    return stamp;
  }
  static AnalyzedPage* page_;
  static ocr::OcrEngine* engine_;
};

AnalyzedPage* HardSealOwner::page_ = nullptr;
ocr::OcrEngine* HardSealOwner::engine_ = nullptr;

TEST_F(HardSealOwner, FadedSealNamesTheFormsUnit) {
  Record record;
  const StampResult stamp = Read("福建省工业和信息化厅", record);
  ASSERT_TRUE(stamp.owner_match.has_value()) << stamp.owner_text;
  EXPECT_TRUE(*stamp.owner_match) << stamp.owner_text;
  for (const ValidationEntry& v : record.validation) EXPECT_NE(v.rule, "seal-owner") << v.message;
}

TEST_F(HardSealOwner, FadedSealDoesNotNameAnotherUnit) {
  // Another province's department of the same kind: the same readings must not
  // name it.
  Record record;
  const StampResult stamp = Read("湖南省工业和信息化厅", record);
  EXPECT_FALSE(stamp.owner_match.value_or(false)) << stamp.owner_text;
}

}  // namespace
}  // namespace shenbao::extract
