// A clerk scans a folder of submissions into one PDF: three sample documents back to
// back must come out as three records, each with its place in the file
// (source.document 1..3, source.page_range) and read as the separate files read.
// Tables are compared through the truth (a cell's box differs by the page offset).
#include <cstdio>

#include <gtest/gtest.h>

#include "pipeline_test_util.h"

namespace shenbao {
namespace {

using nlohmann::json;
using testing::TempDir;
namespace fs = std::filesystem;

json ReadTruth(const fs::path& pdf) {
  std::ifstream in(fs::path(pdf).replace_extension(".truth.json"));
  return json::parse(in);
}

// Share of the truth's fields and table cells the record holds with the same value.
double TruthAgreement(const json& record, const json& truth) {
  size_t total = 0, same = 0;
  for (const auto& [name, v] : truth["fields"].items()) {
    ++total;
    same += record["fields"].contains(name) && record["fields"][name].value("value", json()) == v;
  }
  for (const auto& [table, rows] : truth["tables"].items())
    for (size_t i = 0; i < rows.size(); ++i)
      for (const auto& [col, v] : rows[i].items()) {
        ++total;
        const json& got = record["tables"].value(table, json::array());
        same += i < got.size() && got[i].contains(col) && got[i][col].value("value", json()) == v;
      }
  return total ? static_cast<double>(same) / total : 0;
}

TEST(BatchScan, ThreeDocumentsBackToBackGiveThreeRecords) {
  if (std::system("command -v pdfunite >/dev/null 2>&1") != 0) GTEST_SKIP() << "pdfunite (poppler-utils) not installed";
  const fs::path samples = fs::path(SHENBAO_SOURCE_DIR) / "samples";
  // Two forms, and a two-page document in the middle so page ranges are not 1:1.
  const std::vector<fs::path> parts = {samples / "5g-factory-application-summary" / "clean-01.pdf",
                                       samples / "iiot-pilot-recommendation-summary" / "clean-03.pdf",
                                       samples / "5g-factory-application-summary" / "clean-03.pdf"};
  for (const auto& p : parts)
    if (!fs::exists(p)) GTEST_SKIP() << "sample not present: " << p;
  TempDir in("shenbao-batch-in"), out("shenbao-batch-out");
  const fs::path merged = in.path() / "folder-scan.pdf";
  std::string command = "pdfunite";
  for (const auto& p : parts) command += " " + p.string();
  command += " " + merged.string();
  ASSERT_EQ(std::system(command.c_str()), 0) << command;

  // The parts are read on their own in the same run, as the yardstick.
  for (size_t i = 0; i < parts.size(); ++i) fs::copy_file(parts[i], in.path() / ("alone-" + std::to_string(i) + ".pdf"));
  const auto run = testing::RunShenbao("run " + in.path().string() + " --out " + out.path().string() + " --jobs 2");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  std::vector<json> records;
  std::map<int, json> alone;
  for (const json& r : testing::ReadJsonl(out.path() / "records.jsonl")) {
    const std::string path = r["source"].value("path", "");
    const auto at = path.find("alone-");
    if (at != std::string::npos) alone[path[at + 6] - '0'] = r;
    else records.push_back(r);
  }
  ASSERT_EQ(records.size(), 3u) << run.output;
  ASSERT_EQ(alone.size(), 3u) << run.output;
  std::sort(records.begin(), records.end(),
            [](const json& a, const json& b) { return a["source"]["document"] < b["source"]["document"]; });

  int first_page = 1;
  for (size_t i = 0; i < parts.size(); ++i) {
    SCOPED_TRACE(parts[i].string());
    const json truth = ReadTruth(parts[i]);
    const json& r = records[i];
    const int pages = truth.value("pages", 1);
    EXPECT_EQ(r["source"]["document"], static_cast<int>(i) + 1);
    EXPECT_EQ(r["source"]["pages"], 4);
    EXPECT_EQ(r["source"]["page_range"], json::array({first_page, first_page + pages - 1}));
    first_page += pages;
    ASSERT_TRUE(r["template"].is_object()) << r.dump();
    EXPECT_EQ(r["template"]["id"], truth["form"]);
    const double agreement = TruthAgreement(r, truth);
    const double alone_agreement = TruthAgreement(alone[static_cast<int>(i)], truth);
    std::printf("document %zu (%s): %.1f%% of truth in the batch, %.1f%% alone\n", i + 1,
                parts[i].filename().c_str(), 100 * agreement, 100 * alone_agreement);
    // Inside the batch a document reads as it does on its own.
    EXPECT_GE(agreement, alone_agreement - 0.02);
    for (const auto& [name, f] : alone[static_cast<int>(i)]["fields"].items()) {
      ASSERT_TRUE(r["fields"].contains(name)) << name;
      EXPECT_EQ(r["fields"][name].value("value", json()), f.value("value", json())) << name;
      // Pages count within the file: the batch's page = page alone + the pages before it.
      EXPECT_EQ(r["fields"][name].value("page", 0), f.value("page", 0) + first_page - pages - 1) << name;
    }
  }
}

}  // namespace
}  // namespace shenbao
