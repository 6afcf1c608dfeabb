// A field after its printed label on a text line ("推荐单位（盖章）：河南省通信管理局"),
// as OCR gives the line: the label with a slip in it, a bracket read as two, the
// colon as another mark. The value is what follows the label, nothing of the label.
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "extract/form_reader.h"
#include "extract/normalize.h"

namespace shenbao::extract {
namespace {

class NoOcr : public ocr::OcrEngine {
 public:
  ocr::OcrText Recognize(const cv::Mat&, ocr::TextKind) override { return {}; }
};

std::optional<FieldResult> UnitOf(const std::string& line_text) {
  FormTemplate form;
  form.id = "test-summary";
  FieldSpec unit;
  unit.id = "recommending_unit";
  unit.type = FieldType::kText;
  unit.locate = Locate::kLabel;
  unit.labels = {"推荐单位（盖章）", "推荐单位"};
  form.fields.push_back(unit);
  std::vector<AnalyzedPage> pages(1);
  TextLine line;
  line.raw = line_text;
  line.text = NormalizeText(line_text);  // as page analysis stores it
  line.box = cv::Rect(300, 430, 1050, 60);
  line.confidence = 0.9f;
  pages.front().image.page = 1;
  pages.front().lines.push_back(line);
  NoOcr engine;
  Record record;
  ReadDocument(form, TemplateMatch{}, pages, engine, ReadOptions{}, record);
  for (const auto& [id, f] : record.fields)
    if (id == "recommending_unit") return f;
  return std::nullopt;
}

TEST(LabelLine, TheValueIsWhatFollowsTheLabelAsRead) {
  for (const char* read : {"推荐单位（盖章）：河南省通信管理局", "推荐单位〈(盖章):河南省通信管理局",
                           "推荐单位(盖章）;河南省通信管理局", "推荐单位（盖章：河南省通信管理局",
                           "推荐单位（善章）：河南省通信管理局", "推荐单位：河南省通信管理局"}) {
    const std::optional<FieldResult> f = UnitOf(read);
    ASSERT_TRUE(f.has_value()) << read;
    EXPECT_EQ(f->value, "河南省通信管理局") << read;
  }
}

}  // namespace
}  // namespace shenbao::extract
