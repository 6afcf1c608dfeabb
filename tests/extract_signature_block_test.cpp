// A （盖章） block: the opinion, then the signing unit with （盖章）, then the date. A
// long signing unit wraps onto two lines; its first line is the signature's, not
// the end of the opinion (on the samples "…符合先导区试点申报条件。省、自治区、直辖市、
// 计划单列市、新疆生产建设兵团工业和信息化主管" came back as the opinion).
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "extract/kv_cells.h"

namespace shenbao::extract {
namespace {

// Lines 60 px tall, as ReadCellLines boxes them (a margin of a sixth each side):
// consecutive lines of one paragraph touch.
TextLine Line(const std::string& text, int y) {
  TextLine line;
  line.text = text;
  line.box = cv::Rect(100, y, 1200, 60);
  return line;
}

TEST(SignatureBlockTest, AWrappedSigningUnitIsNotPartOfTheOpinion) {
  const std::vector<TextLine> lines = {
      Line("经审核，福州市申报材料真实完整，符合先导区", 0),
      Line("试点申报条件。", 62),
      // 10 mm of white before the signature
      Line("省、自治区、直辖市、计划单列市、新疆生产建设兵团工业和信息化主管", 240),
      Line("部门（盖章）：", 302),
      Line("2025年8月19日", 380),
  };
  EXPECT_EQ(SignatureStart(lines, 3), 2);
}

TEST(SignatureBlockTest, AnOpinionSetStraightAboveTheSignatureKeepsItsLastLine) {
  // No white between them, but the opinion's sentence ends there.
  const std::vector<TextLine> lines = {
      Line("同意推荐。", 0),
      Line("通信管理局（盖章）：", 62),
  };
  EXPECT_EQ(SignatureStart(lines, 1), 1);
  // The opinion and the signature apart, the signing unit on one line.
  const std::vector<TextLine> apart = {
      Line("同意推荐", 0),
      Line("通信管理局（盖章）：", 200),
  };
  EXPECT_EQ(SignatureStart(apart, 1), 1);
}

}  // namespace
}  // namespace shenbao::extract
