// Page analysis skips the orientation check when the text it reads anyway shows
// the page upright, and still turns a turned page upright.
#include <filesystem>

#include <gtest/gtest.h>

#include "extract/page_analysis.h"
#include "ocr/document_source.h"
#include "ocr/orientation.h"

namespace shenbao::extract {
namespace {

namespace fs = std::filesystem;

class PageOrientation : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { engine_ = ocr::MakeTesseractEngine(ocr::EngineOptions{}).release(); }
  static void TearDownTestSuite() { delete engine_; }
  static ocr::PageImage Turned(const ocr::PageImage& upright, int turn) {
    ocr::PageImage page = upright;
    page.gray = ocr::RotateClockwise(upright.gray, turn);
    if (upright.has_color()) page.color = ocr::RotateClockwise(upright.color, turn);
    return page;
  }
  static ocr::OcrEngine* engine_;
};
ocr::OcrEngine* PageOrientation::engine_ = nullptr;

// A ruled summary sheet (text read in bands around the table) and an official
// letter (no ruling: the whole page read with Tesseract's own layout, which reads
// a page lying on its side confidently, as vertical lines).
TEST_F(PageOrientation, UprightPagesSkipTheCheckTurnedPagesAreTurnedBack) {
  for (const std::string form : {"5g-factory-application-summary", "official-letter"}) {
    const fs::path pdf = fs::path(SHENBAO_SOURCE_DIR) / "samples" / form / "clean-01.pdf";
    if (!fs::exists(pdf)) GTEST_SKIP() << "sample not present: " << pdf;
    const ocr::PageImage upright = ocr::OpenDocument(pdf, ocr::RasterOptions{})->Render(0);
    for (int turn : {0, 90, 180, 270}) {
      SCOPED_TRACE(form + " turned " + std::to_string(turn));
      const UprightEvidence evidence = MeasureUprightEvidence(AnalyzePageAsItStands(Turned(upright, turn), *engine_));
      EXPECT_EQ(evidence.Upright(), turn == 0) << evidence.han_characters << " characters at " << evidence.confidence;
      if (turn == 0) continue;
      const AnalyzedPage page = AnalyzePage(Turned(upright, turn), *engine_);
      EXPECT_EQ(page.image.rotation, (360 - turn) % 360);
      EXPECT_TRUE(MeasureUprightEvidence(page).Upright());
    }
  }
}

// Pages whose text is all inside a table (a summary sheet's continuation page, a
// form's continuation page): the evidence comes from a few of its cells' first lines.
TEST_F(PageOrientation, TableOnlyPagesTakeTheirEvidenceFromCells) {
  struct TablePage {
    std::string pdf;
    int page;
  };
  for (const TablePage& sample : {TablePage{"iiot-pilot-recommendation-summary/clean-03.pdf", 1},
                                  TablePage{"5g-factory-project-application/clean-01.pdf", 1}}) {
    const fs::path pdf = fs::path(SHENBAO_SOURCE_DIR) / "samples" / sample.pdf;
    if (!fs::exists(pdf)) GTEST_SKIP() << "sample not present: " << pdf;
    const auto document = ocr::OpenDocument(pdf, ocr::RasterOptions{});
    ASSERT_GT(document->page_count(), sample.page);
    const ocr::PageImage upright = document->Render(sample.page);
    for (int turn : {0, 90, 180, 270}) {
      SCOPED_TRACE(sample.pdf + " page " + std::to_string(sample.page + 1) + " turned " + std::to_string(turn));
      const AnalyzedPage as_it_stands = AnalyzePageAsItStands(Turned(upright, turn), *engine_);
      ASSERT_FALSE(as_it_stands.tables.empty());
      EXPECT_FALSE(MeasureUprightEvidence(as_it_stands).Upright()) << "text outside the table";
      const UprightEvidence evidence = MeasureUprightEvidenceInCells(as_it_stands, *engine_);
      EXPECT_EQ(evidence.Upright(), turn == 0) << evidence.han_characters << " characters at " << evidence.confidence;
      if (turn == 0) continue;
      EXPECT_EQ(AnalyzePage(Turned(upright, turn), *engine_).image.rotation, (360 - turn) % 360);
    }
  }
}

}  // namespace
}  // namespace shenbao::extract
