// A paragraph cell's line is read to its last mark. On a pale, grainy scan the thin
// ring of a final 。 is too light to be ink worth reading by itself, and it sits
// further past the last character than the white margin a line is cut with: the
// 。 that ends an opinion was lost (held-out D hard-02, `generate.py --seed 11
// --per-level 2`, page 3: 措施可行。 read 措施可行).
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "extract/kv_cells.h"
#include "extract/page_analysis.h"
#include "held_out_form_d.h"
#include "ocr/document_source.h"

namespace shenbao::extract {
namespace {

TEST(CellLineEnd, AFinalFullStopOnAPaleScanIsRead) {
  std::optional<ocr::PageImage> page = HeldOutFormDPage("line-end", "hard", "hard-02.pdf", 2);
  if (!page) GTEST_SKIP() << "the sample generator (python3, PIL, fonts) is not installed";
  auto engine = ocr::MakeTesseractEngine({});
  std::vector<AnalyzedPage> pages;
  pages.push_back(AnalyzePage(std::move(*page), *engine));
  std::string opinion_end;
  for (const KvCell& cell : FindKvCells(pages, *engine)) {
    if (cell.blank || cell.box.width < 1000) continue;  // the opinions span the form's width
    for (const TextLine& line : ReadCellLines(cell, *engine)) {
      const size_t at = line.text.find("措施可行");
      if (at != std::string::npos) opinion_end = line.text.substr(at);
    }
  }
  ASSERT_FALSE(opinion_end.empty()) << "no line with 措施可行 on page 3";
  EXPECT_EQ(opinion_end, "措施可行。");
}

}  // namespace
}  // namespace shenbao::extract
