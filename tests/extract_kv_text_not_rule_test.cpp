// Key–value forms keep every ruling, even short ones (rows split differently from
// column to column), so a ruling is checked to be printed along each cell edge. A
// line of dense Latin text fills its x-height band nearly as darkly as a ruling: an
// e-mail address that fills its cell and runs on past the table's border (held-out
// D clean-01, `generate.py --seed 11 --per-level 2`, page 1) was taken for a ruling
// through its middle, and the two halves of the cell, 38 and 34 px tall, read as
// "1" and "CDco-". The cell is whole, and its address reads.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "extract/kv_cells.h"
#include "extract/page_analysis.h"
#include "held_out_form_d.h"
#include "ocr/document_source.h"

namespace shenbao::extract {
namespace {

TEST(KvCells, ALineOfDenseLatinTextIsNotARuling) {
  std::optional<ocr::PageImage> page = HeldOutFormDPage("kv", "clean", "clean-01.pdf", 0);
  if (!page) GTEST_SKIP() << "the sample generator (python3, PIL, fonts) is not installed";
  auto engine = ocr::MakeTesseractEngine({});
  std::vector<AnalyzedPage> pages;
  pages.push_back(AnalyzePage(std::move(*page), *engine));
  // The communications bureau head's e-mail: the cell right of the second 邮箱.
  std::vector<KvCell> cells = FindKvCells(pages, *engine);
  int mail_labels = 0;
  const KvCell* address = nullptr;
  for (const KvCell& label : cells) {
    if (label.text != "邮箱" || ++mail_labels != 2) continue;
    for (const KvCell& c : cells)
      if (c.table == label.table && c.col == label.col_end && c.row <= label.row && label.row < c.row_end) address = &c;
  }
  ASSERT_NE(address, nullptr) << "no cell right of the second 邮箱";
  EXPECT_GT(address->box.height, 80) << "the address cell is cut";  // the row is ~100 px tall
  const std::vector<TextLine> lines = ReadCellLines(*address, *engine);
  ASSERT_FALSE(lines.empty());
  EXPECT_NE(lines.front().text.find("gyhlw56@whs"), std::string::npos) << lines.front().text;
}

}  // namespace
}  // namespace shenbao::extract
