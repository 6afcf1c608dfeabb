// Two fields read from one box: a label taken for another's (on the samples 室内面积
// was matched to 室外面积's row and both got 76079.5 at 0.977). Which value is whose
// cannot be told, so neither is trusted: both go to a person with the reason.
// Reproduced with the new-form sheet and a template that points two fields at the
// same printed label.
#include <fstream>
#include <iterator>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "pipeline_test_util.h"

namespace shenbao::testing {
namespace {

using Json = nlohmann::json;

const fs::path kData = fs::path(SHENBAO_SOURCE_DIR) / "tests" / "data" / "newform";

TEST(SameBoxTest, TwoFieldsFromOneBoxAreBothSentForReview) {
  const TempDir dir("shenbao-samebox");
  fs::create_directories(dir.path() / "templates");
  std::ifstream yaml_in(kData / "enterprise-5g-registration.yaml");
  std::string yaml((std::istreambuf_iterator<char>(yaml_in)), std::istreambuf_iterator<char>());
  const std::string phone_line = "  phone:      {type: phone, label: [联系电话]}\n";
  const size_t at = yaml.find(phone_line);
  ASSERT_NE(at, std::string::npos) << "the new-form template changed: update this test";
  yaml.insert(at + phone_line.size(), "  mobile:     {type: phone, label: [联系电话]}\n");
  std::ofstream(dir.path() / "templates" / "enterprise-5g-registration.yaml") << yaml;

  const RunResult run = RunShenbao("run " + (kData / "enterprise-5g-registration" / "sheet.pdf").string() +
                                   " --templates " + (dir.path() / "templates").string() + " --out " +
                                   (dir.path() / "out").string() + " --jobs 1 -q");
  const auto records = ReadJsonl(dir.path() / "out" / "records.jsonl");
  ASSERT_EQ(records.size(), 1u) << run.output;
  const Json& record = records.front();
  EXPECT_EQ(record["status"], "needs_review");
  for (const char* id : {"phone", "mobile"}) {
    ASSERT_TRUE(record["fields"].contains(id)) << id;
    EXPECT_LT(record["fields"][id]["confidence"].get<double>(), 0.5) << id;
    bool warned = false;
    for (const Json& v : record["validation"])
      warned = warned || (v.value("field", "") == id && v.value("rule", "") == "same-box");
    EXPECT_TRUE(warned) << id << " has no same-box warning: " << record["validation"].dump();
  }
}

}  // namespace
}  // namespace shenbao::testing
