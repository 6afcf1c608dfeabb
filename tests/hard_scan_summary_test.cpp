// End to end on one hard scan of form A (samples/5g-factory-application-summary/
// hard-03.pdf: 200 dpi, 2.75° skew, light falling off by a quarter across the page,
// paper at ~180 of 255, blur and JPEG): the page is straightened, its title read, and
// the summary sheet read as such, with its table and its seal. It came out
// "unmatched" with nothing read when the straightened page's corners were white.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

const fs::path kSample = fs::path(SHENBAO_SOURCE_DIR) / "samples" / "5g-factory-application-summary" / "hard-03.pdf";

class HardScanSummary : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("shenbao-hard-scan-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "in");
    fs::copy_file(kSample, dir_ / "in" / kSample.filename());
    const std::string cmd = std::string(SHENBAO_BINARY) + " run " + (dir_ / "in").string() + " --out " +
                            (dir_ / "out").string() + " --jobs 1 -q > " + (dir_ / "run.log").string() + " 2>&1";
    exit_code_ = std::system(cmd.c_str());
    std::ifstream in(dir_ / "out" / "records.jsonl");
    std::string line;
    if (std::getline(in, line)) record_ = Json::parse(line);
    std::ifstream truth_in(kSample.parent_path() / "hard-03.truth.json");
    truth_ = Json::parse(truth_in);
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  static fs::path dir_;
  static int exit_code_;
  static Json record_;
  static Json truth_;
};
fs::path HardScanSummary::dir_;
int HardScanSummary::exit_code_ = -1;
Json HardScanSummary::record_;
Json HardScanSummary::truth_;

TEST_F(HardScanSummary, ClassifiedAsTheSummarySheet) {
  ASSERT_EQ(exit_code_, 0);
  ASSERT_TRUE(record_.is_object()) << "no record";
  ASSERT_TRUE(record_["template"].is_object()) << "status " << record_["status"];
  EXPECT_EQ(record_["template"]["id"], "5g-factory-application-summary");
  EXPECT_NE(record_["status"], "unmatched");
}

TEST_F(HardScanSummary, TitleFieldsAndSealRead) {
  ASSERT_TRUE(record_["fields"].is_object());
  EXPECT_EQ(record_["fields"]["year"]["value"], truth_["fields"]["year"]);
  EXPECT_EQ(record_["fields"]["filing_unit"]["value"], truth_["fields"]["filing_unit"]);
  bool seal = false;
  for (const Json& s : record_["stamps"])
    if (s["zone"] == "filing_unit_seal") seal = s["present"].get<bool>();
  EXPECT_TRUE(seal) << "the filing unit's seal is not found";
}

// Every row of the table, and most cells read right (the rest go to a person): on
// grey paper a white margin around a cell crop, or a blank test set for white
// paper, lost the row numbers and the ends of the names.
TEST_F(HardScanSummary, TableRowsAndMostCellsRead) {
  const Json& rows = record_["tables"]["projects"];
  const Json& want = truth_["tables"]["projects"];
  ASSERT_EQ(rows.size(), want.size());
  int right = 0, cells = 0, seq_right = 0;
  for (size_t r = 0; r < want.size(); ++r) {
    for (const auto& [column, value] : want[r].items()) {
      ++cells;
      const bool same = rows[r][column]["value"] == value;
      right += same;
      if (column == "seq") seq_right += same;
    }
  }
  EXPECT_GE(right, cells * 3 / 4) << right << " of " << cells << " cells right";
  EXPECT_GE(seq_right, static_cast<int>(want.size()) * 3 / 4) << seq_right << " row numbers right";
}

}  // namespace
