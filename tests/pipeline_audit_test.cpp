// `shenbao audit-stamps` as an auditor uses it: stamps.csv opened in a spreadsheet,
// stamps.json read by a script, stamps.html opened from disk. One row per stamp zone
// of every document, saying whether the seal is there, where, whose it is, and a
// crop that really exists; documents that could not be read are still named.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <regex>

#include "pipeline_test_util.h"

namespace shenbao::testing {
namespace {

using Json = nlohmann::json;

// RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += '"', ++i;
      else if (c == '"') quoted = false;
      else field += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
    } else {
      field += c;
    }
  }
  if (!field.empty() || !row.empty()) row.push_back(field), rows.push_back(row);
  return rows;
}

std::string ReadText(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

Json Truth(const std::string& form, const std::string& stem) {
  std::ifstream in(Sample(form, stem + ".truth.json"));
  return Json::parse(in);
}

// The truth's seal box in page pixels (clean scans are not skewed, so the
// unskewed fractions apply as they are). A4 in inches.
struct Box {
  double x, y, w, h;
};

Box TruthBox(const Json& truth, const Json& stamp) {
  const bool landscape = truth["orientation"][stamp["page"].get<int>() - 1] == "landscape";
  const double dpi = truth["dpi"].get<double>();
  const double width = (landscape ? 841.89 : 595.28) / 72 * dpi, height = (landscape ? 595.28 : 841.89) / 72 * dpi;
  const Json& f = stamp["bbox_frac"];
  return {f[0].get<double>() * width, f[1].get<double>() * height, f[2].get<double>() * width,
          f[3].get<double>() * height};
}

double Overlap(const Box& a, const Box& b) {
  const double w = std::min(a.x + a.w, b.x + b.w) - std::max(a.x, b.x);
  const double h = std::min(a.y + a.h, b.y + b.h) - std::max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  return w * h / (a.w * a.h + b.w * b.h - w * h);
}

class AuditStamps : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    in_ = new TempDir("shenbao-audit-in");
    out_ = new TempDir("shenbao-audit-out");
    // A stamped summary (C), an unstamped one (A), and a file that is no PDF.
    fs::copy_file(Sample("iiot-pilot-recommendation-summary", "clean-01.pdf"), in_->path() / "stamped.pdf");
    fs::copy_file(Sample("5g-factory-application-summary", "typical-01.pdf"), in_->path() / "unstamped.pdf");
    std::ofstream(in_->path() / "broken.pdf") << "%PDF-1.4 this is not really a PDF";
    run_ = new RunResult(RunShenbao("audit-stamps " + in_->path().string() + " --out " + out_->path().string() +
                                    " --jobs 2 -q"));
  }
  static void TearDownTestSuite() {
    delete run_;
    delete out_;
    delete in_;
  }

  static std::string Doc(const std::string& file) { return (in_->path() / file).string() + "#1"; }

  static TempDir* in_;
  static TempDir* out_;
  static RunResult* run_;
};

TempDir* AuditStamps::in_ = nullptr;
TempDir* AuditStamps::out_ = nullptr;
RunResult* AuditStamps::run_ = nullptr;

TEST_F(AuditStamps, CsvHasOneRowPerZoneWithPresenceOwnerPlaceAndCrop) {
  ASSERT_EQ(run_->exit_code, 1) << "one input cannot be read: " << run_->output;
  const auto rows = ParseCsv(ReadText(out_->path() / "stamps.csv"));
  ASSERT_GE(rows.size(), 3u);
  std::map<std::string, int> column;
  for (size_t i = 0; i < rows[0].size(); ++i) column[rows[0][i]] = static_cast<int>(i);
  for (const char* name : {"document", "zone", "present", "owner_text", "owner_match", "page", "bbox", "crop"})
    ASSERT_TRUE(column.count(name)) << "stamps.csv has no column " << name;
  auto cell = [&](const std::vector<std::string>& row, const char* name) { return row.at(column[name]); };

  std::map<std::string, std::vector<std::string>> by_document;
  for (size_t i = 1; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), rows[0].size()) << "row " << i << " has a different number of cells";
    by_document[cell(rows[i], "document")] = rows[i];
  }

  // The stamped sheet: its seal, where the truth has it, read as its unit's.
  const Json truth = Truth("iiot-pilot-recommendation-summary", "clean-01");
  const Json& seal = truth["stamps"][0];
  ASSERT_TRUE(by_document.count(Doc("stamped.pdf"))) << "no row for the stamped sheet";
  const auto& stamped = by_document[Doc("stamped.pdf")];
  EXPECT_EQ(cell(stamped, "zone"), seal["zone"].get<std::string>());
  EXPECT_EQ(cell(stamped, "present"), "true");
  EXPECT_EQ(cell(stamped, "page"), std::to_string(seal["page"].get<int>()));
  const Json bbox = Json::parse(cell(stamped, "bbox"), nullptr, false);
  ASSERT_TRUE(bbox.is_array() && bbox.size() == 4) << cell(stamped, "bbox");
  const Box read{bbox[0].get<double>(), bbox[1].get<double>(), bbox[2].get<double>(), bbox[3].get<double>()};
  EXPECT_GT(Overlap(read, TruthBox(truth, seal)), 0.6) << "the seal's box is not where the seal is";
  EXPECT_FALSE(cell(stamped, "owner_text").empty()) << "the seal's text was not read";
  EXPECT_EQ(cell(stamped, "owner_match"), "true") << "seal of " << seal["owner"] << " read as "
                                                  << cell(stamped, "owner_text");
  // The crop is a PNG on disk, about the seal's size.
  const fs::path crop = out_->path() / cell(stamped, "crop");
  ASSERT_TRUE(fs::is_regular_file(crop)) << crop;
  const std::string png = ReadText(crop);
  ASSERT_GT(png.size(), 24u);
  EXPECT_EQ(png.substr(1, 3), "PNG");
  const auto be32 = [&](size_t at) {
    return (static_cast<uint8_t>(png[at]) << 24) | (static_cast<uint8_t>(png[at + 1]) << 16) |
           (static_cast<uint8_t>(png[at + 2]) << 8) | static_cast<uint8_t>(png[at + 3]);
  };
  EXPECT_GE(be32(16), static_cast<uint32_t>(read.w)) << "crop narrower than the seal";
  EXPECT_LE(be32(16), static_cast<uint32_t>(1.5 * read.w) + 2) << "crop much wider than the seal";

  // The unstamped sheet: its required zone is there, and says absent.
  ASSERT_TRUE(by_document.count(Doc("unstamped.pdf"))) << "no row for the unstamped sheet";
  const auto& unstamped = by_document[Doc("unstamped.pdf")];
  EXPECT_EQ(cell(unstamped, "zone"), "filing_unit_seal");
  EXPECT_EQ(cell(unstamped, "present"), "false");
  EXPECT_TRUE(cell(unstamped, "crop").empty());
  EXPECT_TRUE(cell(unstamped, "page").empty()) << "a seal not found has no page";

  // The broken file is listed too, with no zone: an auditor sees it was not checked.
  ASSERT_TRUE(by_document.count(Doc("broken.pdf"))) << "the unreadable file is missing from stamps.csv";
  EXPECT_TRUE(cell(by_document[Doc("broken.pdf")], "zone").empty());
}

TEST_F(AuditStamps, JsonAgreesWithCsvAndRecords) {
  const Json rows = Json::parse(ReadText(out_->path() / "stamps.json"), nullptr, false);
  ASSERT_TRUE(rows.is_array());
  const auto csv = ParseCsv(ReadText(out_->path() / "stamps.csv"));
  ASSERT_EQ(rows.size() + 1, csv.size()) << "stamps.json and stamps.csv list different rows";
  std::map<std::string, int> column;
  for (size_t i = 0; i < csv[0].size(); ++i) column[csv[0][i]] = static_cast<int>(i);
  for (size_t i = 0; i < rows.size(); ++i) {
    const Json& row = rows[i];
    const auto& line = csv[i + 1];
    EXPECT_EQ(row.value("document", ""), line[column["document"]]);
    if (row["zone"].is_null()) continue;
    EXPECT_EQ(row["zone"].get<std::string>(), line[column["zone"]]);
    EXPECT_EQ(row["present"].get<bool>() ? "true" : "false", line[column["present"]]);
    EXPECT_EQ(row.value("owner_text", ""), line[column["owner_text"]]);
    EXPECT_EQ(row.value("crop", ""), line[column["crop"]]);
    if (row["bbox"].is_array()) {
      EXPECT_EQ(row["bbox"], Json::parse(line[column["bbox"]]));
    }
  }
  // And both say what the records say.
  const auto records = ReadJsonl(out_->path() / "records.jsonl");
  size_t zones = 0;
  for (const auto& r : records) {
    for (const auto& s : r.value("stamps", Json::array())) {
      ++zones;
      bool found = false;
      for (const auto& row : rows)
        if (row.value("document", "") == r["source"]["path"].get<std::string>() + "#1" && row["zone"] == s["zone"]) {
          found = true;
          EXPECT_EQ(row["present"], s["present"]);
          if (s.value("present", false)) {
            EXPECT_EQ(row["page"], s["page"]);
          } else {
            EXPECT_TRUE(row["page"].is_null()) << "a seal not found has no page";
          }
        }
      EXPECT_TRUE(found) << s["zone"];
    }
  }
  EXPECT_EQ(zones, 2u) << "one zone in each of the two sheets";
}

TEST_F(AuditStamps, HtmlNamesEveryDocumentAndShowsThumbnailsOnDisk) {
  const std::string html = ReadText(out_->path() / "stamps.html");
  ASSERT_FALSE(html.empty());
  for (const char* file : {"stamped.pdf", "unstamped.pdf", "broken.pdf"})
    EXPECT_NE(html.find((in_->path() / file).string()), std::string::npos) << file << " is not named";
  const std::regex img("<img[^>]*src=\"([^\"]+)\"");
  int images = 0;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), img); it != std::sregex_iterator(); ++it) {
    ++images;
    EXPECT_TRUE(fs::is_regular_file(out_->path() / (*it)[1].str())) << (*it)[1] << " is shown but not on disk";
  }
  EXPECT_EQ(images, 1) << "one thumbnail: the one seal found";
  EXPECT_NE(html.find("未发现印章"), std::string::npos) << "the missing seal is not pointed out";
}

}  // namespace
}  // namespace shenbao::testing
