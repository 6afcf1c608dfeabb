// Which template a page is, from the lines near its top.
#include <gtest/gtest.h>

#include "extract/classify.h"
#include "extract/template_loader.h"

namespace shenbao::extract {
namespace {

const std::vector<FormTemplate>& Templates() {
  static const std::vector<FormTemplate> templates = LoadTemplateDir(std::filesystem::path(SHENBAO_SOURCE_DIR) / "templates");
  return templates;
}

// A portrait A4 page at 300 dpi whose OCR found `lines`, top to bottom.
AnalyzedPage PageWithLines(const std::vector<std::string>& lines) {
  AnalyzedPage page;
  page.image.gray = cv::Mat(3508, 2480, CV_8UC1, cv::Scalar(255));
  int y = 300;
  for (const std::string& text : lines) {
    TextLine line;
    line.text = line.raw = text;
    line.box = cv::Rect(300, y, 1800, 60);
    line.confidence = 0.95f;
    page.lines.push_back(line);
    y += 120;
  }
  return page;
}

std::string MatchedId(const AnalyzedPage& page) {
  const TemplateMatch m = ClassifyPage(page, Templates());
  return m.form ? m.form->id : "";
}

TEST(ClassifyPage, FindsAFormByItsTitle) {
  EXPECT_EQ(MatchedId(PageWithLines({"附件", "“5G+工业互联网”融合应用先导区申报表", "申报城市"})), "5g-iiot-pilot-zone-application");
  EXPECT_EQ(MatchedId(PageWithLines({"附件2", "2024年国家5G工厂名录申请情况汇总表"})), "5g-factory-application-summary");
}

TEST(ClassifyPage, AnAttachmentListInALetterIsNotTheAttachmentsTitle) {
  // Page 2 of an official letter names its attachment; the letter goes on.
  EXPECT_EQ(MatchedId(PageWithLines({"附件：“5G+工业互联网”融合应用先导区试点申报表", "武汉市经济和信息化局", "2024年9月3日"})), "");
  EXPECT_EQ(MatchedId(PageWithLines({"附件:1.2024年国家5G工厂名录申请情况汇总表"})), "");
  // The list's later items, and a letter's second page that begins with them.
  EXPECT_EQ(MatchedId(PageWithLines({"附件：1.2022年工业互联网试点示范内容", "2.2022年工业互联网试点示范项目申报书",
                                     "3.2022年工业互联网试点示范推荐项目汇总表", "工业和信息化部信息通信管理局"})), "");
  EXPECT_EQ(MatchedId(PageWithLines({"3．2022年工业互联网试点示范推荐项目汇总表"})), "");
  EXPECT_EQ(MatchedId(PageWithLines({"(2)2024年国家5G工厂名录申请情况汇总表"})), "");
  EXPECT_EQ(MatchedId(PageWithLines({"（2）2024年国家5G工厂名录申请情况汇总表"})), "");
  // As OCR gave it on a sample letter: a speck read as 目 just above the list.
  EXPECT_EQ(MatchedId(PageWithLines({"联系人：齐豪明13435386013", "目", "附件：“5G+工业互联网”融合应用先导区试点申报表"})), "");
}

TEST(ClassifyPage, APageOfUnrelatedTextMatchesNothing) {
  EXPECT_EQ(MatchedId(PageWithLines({"会议纪要", "一、会议时间", "二、参会人员"})), "");
}

}  // namespace
}  // namespace shenbao::extract
