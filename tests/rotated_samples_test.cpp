// A labelled sample scanned sideways or upside down must read as well as upright.
// Each samples/*/clean-01.pdf page is rendered, turned by 90°, 180° and 270° and
// saved as PNG; the shenbao binary reads all four images, and every turned reading
// is compared with the upright one and with the sample's truth.
#include <cstdio>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>

#include "ocr/document_source.h"
#include "ocr/orientation.h"
#include "pipeline_test_util.h"

namespace shenbao {
namespace {

using nlohmann::json;
using testing::TempDir;
namespace fs = std::filesystem;

// "tables.projects[2].seq" → value, for every field and cell of a record.
std::map<std::string, json> Values(const json& record) {
  std::map<std::string, json> values;
  for (const auto& [name, f] : record["fields"].items()) values["fields." + name] = f.value("value", json());
  for (const auto& [table, rows] : record["tables"].items())
    for (size_t i = 0; i < rows.size(); ++i)
      for (const auto& [col, cell] : rows[i].items())
        values["tables." + table + "[" + std::to_string(i) + "]." + col] = cell.value("value", json());
  return values;
}

// Share of the truth's fields and cells that `record` holds with the same value.
double TruthAgreement(const json& record, const json& truth) {
  const auto got = Values(record);
  size_t total = 0, same = 0;
  for (const auto& [name, v] : truth["fields"].items()) {
    ++total;
    auto it = got.find("fields." + name);
    same += it != got.end() && it->second == v;
  }
  for (const auto& [table, rows] : truth["tables"].items())
    for (size_t i = 0; i < rows.size(); ++i)
      for (const auto& [col, v] : rows[i].items()) {
        ++total;
        auto it = got.find("tables." + table + "[" + std::to_string(i) + "]." + col);
        same += it != got.end() && it->second == v;
      }
  return total ? static_cast<double>(same) / total : 0;
}

class RotatedSample : public ::testing::TestWithParam<std::string> {};

TEST_P(RotatedSample, ReadsAsWellAsUpright) {
  const fs::path pdf = fs::path(SHENBAO_SOURCE_DIR) / "samples" / GetParam() / "clean-01.pdf";
  const fs::path truth_file = fs::path(pdf).replace_extension(".truth.json");
  if (!fs::exists(pdf) || !fs::exists(truth_file)) GTEST_SKIP() << "sample not present: " << pdf;
  std::ifstream truth_in(truth_file);
  const json truth = json::parse(truth_in);

  TempDir in("shenbao-rotated-in"), out("shenbao-rotated-out");
  auto source = ocr::OpenDocument(pdf, ocr::RasterOptions{});
  ASSERT_EQ(source->page_count(), 1);
  const ocr::PageImage page = source->Render(0);
  const cv::Mat pixels = page.has_color() ? page.color : page.gray;
  for (int turn : {0, 90, 180, 270}) {
    ASSERT_TRUE(cv::imwrite((in.path() / ("turned-" + std::to_string(turn) + ".png")).string(),
                            ocr::RotateClockwise(pixels, turn)));
  }
  const auto run = testing::RunShenbao("run " + in.path().string() + " --out " + out.path().string() + " --jobs 2");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  std::map<int, json> by_turn;
  for (const json& r : testing::ReadJsonl(out.path() / "records.jsonl")) {
    const std::string path = r["source"].value("path", "");
    const auto at = path.find("turned-");
    ASSERT_NE(at, std::string::npos) << path;
    by_turn[std::stoi(path.substr(at + 7))] = r;
  }
  ASSERT_EQ(by_turn.size(), 4u) << run.output;

  const json& upright = by_turn[0];
  const double upright_truth = TruthAgreement(upright, truth);
  std::printf("%s upright: %.1f%% of truth\n", GetParam().c_str(), 100 * upright_truth);
  EXPECT_EQ(upright["template"].value("id", ""), truth["form"]);
  EXPECT_FALSE(upright["source"].contains("rotations"));
  const auto upright_values = Values(upright);
  for (int turn : {90, 180, 270}) {
    const json& r = by_turn[turn];
    SCOPED_TRACE("turned " + std::to_string(turn));
    ASSERT_TRUE(r["template"].is_object()) << r.dump();
    EXPECT_EQ(r["template"].value("id", ""), truth["form"]);
    // Turned clockwise by `turn`, the page must be turned the rest of the way back.
    ASSERT_TRUE(r["source"].contains("rotations")) << r["source"].dump();
    EXPECT_EQ(r["source"]["rotations"], json::array({(360 - turn) % 360}));
    size_t same = 0;
    const auto values = Values(r);
    for (const auto& [name, v] : upright_values) {
      auto it = values.find(name);
      same += it != values.end() && it->second == v;
    }
    const double vs_truth = TruthAgreement(r, truth);
    std::printf("%s turned %d: %zu/%zu values as upright, %.1f%% of truth\n", GetParam().c_str(), turn, same,
                upright_values.size(), 100 * vs_truth);
    // As well as upright: the same share of the truth, give or take one value in 50.
    EXPECT_GE(vs_truth, upright_truth - 0.02);
    EXPECT_GE(same, upright_values.size() * 95 / 100);
  }
}

INSTANTIATE_TEST_SUITE_P(Samples, RotatedSample,
                         ::testing::Values("5g-factory-application-summary", "iiot-pilot-recommendation-summary"),
                         [](const auto& info) { return info.param.substr(0, info.param.find('-')) == "5g" ? std::string("FormA") : std::string("FormC"); });

}  // namespace
}  // namespace shenbao
