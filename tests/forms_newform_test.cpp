// A new form without C++: a folder with the built-in templates plus one template
// file for a form shenbao does not ship (a two-column key–value 登记表 with a checkbox
// row, a paragraph and a （盖章） block) reads that form's scan, chosen among all the
// templates by its title. The scan is rendered by tests/data/newform/make_sheet.py.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

const fs::path kData = fs::path(SHENBAO_SOURCE_DIR) / "tests" / "data" / "newform";

TEST(NewFormTest, ATemplateFileAloneReadsAFormThatIsNotBuiltIn) {
  const fs::path dir = fs::temp_directory_path() / ("shenbao-newform-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "templates");
  for (const auto& e : fs::directory_iterator(fs::path(SHENBAO_SOURCE_DIR) / "templates"))
    if (e.path().extension() == ".yaml" || e.path().extension() == ".txt")  // templates and their lexicon
      fs::copy_file(e.path(), dir / "templates" / e.path().filename());
  fs::copy_file(kData / "enterprise-5g-registration.yaml", dir / "templates" / "enterprise-5g-registration.yaml");

  const std::string cmd = std::string(SHENBAO_BINARY) + " run " + (kData / "enterprise-5g-registration" / "sheet.pdf").string() +
                          " --templates " + (dir / "templates").string() + " --out " + (dir / "out").string() +
                          " --jobs 1 -q > " + (dir / "run.log").string() + " 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << "see " << (dir / "run.log");
  std::ifstream in(dir / "out" / "records.jsonl");
  std::string line;
  ASSERT_TRUE(std::getline(in, line));
  const Json record = Json::parse(line);
  std::ifstream truth_in(kData / "enterprise-5g-registration" / "sheet.truth.json");
  const Json truth = Json::parse(truth_in);

  EXPECT_EQ(record["template"]["id"], "enterprise-5g-registration");
  const Json& fields = record["fields"];
  for (const char* id : {"year", "enterprise", "uscc", "phone", "scale", "intro", "date"}) {
    ASSERT_TRUE(fields.contains(id)) << id;
    EXPECT_EQ(fields[id]["value"], truth["fields"][id]) << id << " read as " << fields[id]["text"];
  }
  ASSERT_EQ(record["stamps"].size(), 1u);
  EXPECT_EQ(record["stamps"][0]["zone"], "applicant_seal");
  EXPECT_TRUE(record["stamps"][0]["present"].get<bool>());
  fs::remove_all(dir);
}

}  // namespace
