// Key–value forms (D: 先导区申报表, E: 5G工厂项目申报书) read end to end from two
// labelled samples: the things a person checks first when a form comes out wrong —
// each person block from its own label, the opinion without the signature under
// it, a paragraph continued onto the next page, a checkbox row whose label
// overruns its cell. Values where only an OCR slip could differ are compared by
// their shape, not character for character.
#include <fstream>
#include <map>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "pipeline_test_util.h"

namespace shenbao::testing {
namespace {

using Json = nlohmann::json;

const fs::path kSamples = fs::path(SHENBAO_SOURCE_DIR) / "samples";

class KeyValueFormsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir("shenbao-kvforms");
    const fs::path in = dir_->path() / "in";
    fs::create_directories(in);
    for (const char* form : {"5g-iiot-pilot-zone-application", "5g-factory-project-application"})
      fs::copy_file(kSamples / form / "typical-01.pdf", in / (std::string(form) + ".pdf"));
    const RunResult run =
        RunShenbao("run " + in.string() + " --out " + (dir_->path() / "out").string() + " --jobs 2 -q");
    for (const Json& r : ReadJsonl(dir_->path() / "out" / "records.jsonl"))
      if (r.is_object()) records_[fs::path(r["source"]["path"].get<std::string>()).stem().string()] = r;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  static Json Truth(const std::string& form) {
    std::ifstream in(kSamples / form / "typical-01.truth.json");
    return Json::parse(in)["fields"];
  }
  // The value read for a field, null when the field is absent.
  static Json Read(const std::string& form, const std::string& field) {
    auto it = records_.find(form);
    if (it == records_.end() || !it->second["fields"].contains(field)) return Json();
    return it->second["fields"][field]["value"];
  }

  static TempDir* dir_;
  static std::map<std::string, Json> records_;
};

TempDir* KeyValueFormsTest::dir_ = nullptr;
std::map<std::string, Json> KeyValueFormsTest::records_;

constexpr const char* kD = "5g-iiot-pilot-zone-application";
constexpr const char* kE = "5g-factory-project-application";

// 通信管理局负责人 and 通信管理局推荐意见 are each other's close match: the person
// block takes its own label, and the three fields after it are found.
TEST_F(KeyValueFormsTest, EachPersonBlockIsReadFromItsOwnLabel) {
  const Json truth = Truth(kD);
  const Json name = Read(kD, "comm_admin_name");
  ASSERT_TRUE(name.is_string()) << "comm_admin_name not read";
  EXPECT_LE(name.get<std::string>().size(), 12u) << "a name, not a paragraph: " << name;
  for (const char* field : {"comm_admin_title", "comm_admin_phone", "prov_gov_title", "prov_gov_phone"})
    EXPECT_EQ(Read(kD, field), truth[field]) << field;
}

// A centred label that wraps in its narrow cell (省级人民政府推 / 荐意见) is found.
TEST_F(KeyValueFormsTest, ABlockOnTheLastPageIsFoundByItsWrappedLabel) {
  const Json truth = Truth(kD);
  EXPECT_EQ(Read(kD, "prov_gov_date"), truth["prov_gov_date"]);
  EXPECT_TRUE(Read(kD, "prov_gov_opinion").is_string());
}

TEST_F(KeyValueFormsTest, TheOpinionEndsBeforeTheSignature) {
  const Json opinion = Read(kD, "miit_dept_opinion");
  ASSERT_TRUE(opinion.is_string());
  EXPECT_EQ(opinion.get<std::string>().find("主管"), std::string::npos) << opinion;
  EXPECT_TRUE(opinion.get<std::string>().ends_with("。")) << opinion;
}

// The next page's table prints fewer columns than the person blocks needed: the
// paragraph's continuation is found under the same rulings all the same.
TEST_F(KeyValueFormsTest, AParagraphContinuesOntoTheNextPage) {
  const std::string truth = Truth(kD)["mandatory_conditions"].get<std::string>();
  const Json read = Read(kD, "mandatory_conditions");
  ASSERT_TRUE(read.is_string());
  EXPECT_GE(read.get<std::string>().size(), truth.size() * 9 / 10) << read;
}

// 5G基础设施运营商 wraps past its row's rulings and is not read as a label: the
// printed options name the row.
TEST_F(KeyValueFormsTest, ACheckboxRowIsFoundByItsOptions) {
  const Json truth = Truth(kE);
  EXPECT_EQ(Read(kE, "operator"), truth["operator"]);
  EXPECT_EQ(Read(kE, "network_mode"), truth["network_mode"]);
}

}  // namespace
}  // namespace shenbao::testing
