// Bad input never stops a batch: each hostile file gives one error record whose
// reason code (ocr/document_source.h) says what is wrong, and the batch goes on.
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <set>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "pdf_test_util.h"
#include "pipeline_test_util.h"

namespace shenbao::testing {
namespace {

void WriteBytes(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

std::string ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

const std::string kCatalog = "<< /Type /Catalog /Pages 2 0 R >>";
const std::string kOnePage = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>";

// The hostile set, made at run time: file name → the reason code its record must give.
std::map<std::string, std::string> MakeHostileSet(const fs::path& dir) {
  const std::string sample = ReadBytes(Sample("5g-factory-application-summary", "clean-01.pdf"));
  WriteBytes(dir / "truncated.pdf", sample.substr(0, sample.size() / 2));
  // Standard security handler with a user password (the /U entry matches no empty
  // password): a reader must ask for the password.
  WriteBytes(dir / "encrypted.pdf",
             MakePdf({kCatalog, kOnePage, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
                      "<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <" + std::string(64, '1') + "> /U <" +
                          std::string(64, '2') + "> >>"},
                     "/Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] "));
  WriteBytes(dir / "zero-pages.pdf", MakePdf({kCatalog, "<< /Type /Pages /Kids [] /Count 0 >>"}));
  // 13,889 inches square: rendering it would need terabytes.
  WriteBytes(dir / "huge-page.pdf",
             MakePdf({kCatalog, kOnePage, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 1000000 1000000] >>"}));
  std::mt19937 random(7);
  std::string garbage(4000, '\0');
  for (char& c : garbage) c = static_cast<char>(random());
  garbage[0] = 'G';  // not by chance a "%PDF" or an image signature
  WriteBytes(dir / "garbage.pdf", garbage);
  WriteBytes(dir / "empty.pdf", "");
  cv::Mat photo(120, 160, CV_8UC3, cv::Scalar(200, 220, 240));
  cv::putText(photo, "scan", {20, 70}, cv::FONT_HERSHEY_SIMPLEX, 1.0, cv::Scalar(0, 0, 0), 2);
  std::vector<unsigned char> jpeg;
  cv::imencode(".jpg", photo, jpeg);
  WriteBytes(dir / "photo-named.pdf", std::string(jpeg.begin(), jpeg.end()));
  WriteBytes(dir / "broken-image.png", std::string("\x89PNG\r\n\x1a\n", 8) + garbage);
  return {{"truncated.pdf", "truncated"},   {"encrypted.pdf", "encrypted"}, {"zero-pages.pdf", "no-pages"},
          {"huge-page.pdf", "too-large"},   {"garbage.pdf", "not-a-pdf"},   {"empty.pdf", "empty-file"},
          {"photo-named.pdf", "not-a-pdf"}, {"broken-image.png", "unreadable"}};
}

// True when one of the record's errors carries `code` ("code: message", or
// "page N: code: message" for a page that could not be read).
bool HasReason(const nlohmann::json& record, const std::string& code) {
  for (const auto& e : record.value("errors", nlohmann::json::array())) {
    const std::string text = e.get<std::string>();
    if (text.rfind(code + ":", 0) == 0 || text.find(": " + code + ":") != std::string::npos) return true;
  }
  return false;
}

TEST(HostileInput, EachBadFileGivesAnErrorRecordWithItsReasonAndTheBatchGoesOn) {
  TempDir in("shenbao-hostile-in"), out("shenbao-hostile-out");
  const auto expected = MakeHostileSet(in.path());
  // A good document among the bad ones must still be read.
  fs::copy_file(Sample("iiot-pilot-recommendation-summary", "clean-01.pdf"), in.path() / "good.pdf");

  const RunResult run = RunShenbao("run " + in.path().string() + " --out " + out.path().string() + " --jobs 2 -q");
  EXPECT_EQ(run.exit_code, 1) << "1: some documents could not be read\n" << run.output;

  const auto records = ReadJsonl(out.path() / "records.jsonl");
  const auto by_path = ByPath(records);
  for (const auto& [name, reason] : expected) {
    const std::string path = (in.path() / name).string();
    ASSERT_EQ(by_path.count(path), 1u) << name << " has no record\n" << run.output;
    const auto& mine = by_path.at(path);
    ASSERT_EQ(mine.size(), 1u) << name;
    EXPECT_EQ(mine[0].value("status", ""), "error") << name;
    EXPECT_TRUE(HasReason(mine[0], reason)) << name << " should say " << reason << ": " << mine[0]["errors"].dump();
    // The person at the terminal is told which file and why.
    EXPECT_NE(run.output.find(name), std::string::npos) << name << " is not named in the output";
  }
  const std::string good = (in.path() / "good.pdf").string();
  ASSERT_EQ(by_path.count(good), 1u);
  EXPECT_NE(by_path.at(good)[0].value("status", ""), "error") << by_path.at(good)[0].dump();
  ASSERT_TRUE(by_path.at(good)[0]["template"].is_object()) << by_path.at(good)[0].dump();
  EXPECT_EQ(by_path.at(good)[0]["template"].value("id", ""), "iiot-pilot-recommendation-summary");
}

TEST(HostileInput, MissingInputIsNamedAndRecorded) {
  TempDir out("shenbao-missing-out");
  const std::string missing = out.path().string() + "/no-such-file.pdf";
  const RunResult run = RunShenbao("run " + missing + " --out " + out.path().string() + " -q");
  EXPECT_EQ(run.exit_code, 1) << run.output;
  const auto records = ReadJsonl(out.path() / "records.jsonl");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].value("status", ""), "error");
  EXPECT_TRUE(HasReason(records[0], "not-found")) << records[0].dump();
  EXPECT_NE(run.output.find("no-such-file.pdf"), std::string::npos) << run.output;
}

// The external corpus of real problem PDFs (other projects' regression files):
// every one gives a record and nothing crashes. Read at a low resolution and with
// a cap on each document's time to keep the suite fast (its 117-page file ends as
// a timeout record after part of its pages): what is tested is that each file
// ends in a record and the batch survives it.
TEST(HostileCorpus, EveryFileGivesARecord) {
  const fs::path corpus = fs::path(SHENBAO_CORPUS_DIR) / "hostile-pdfs";
  if (!fs::is_directory(corpus)) GTEST_SKIP() << corpus << " is not here";
  TempDir out("shenbao-corpus-out");
  const RunResult run = RunShenbao("run " + corpus.string() + " --out " + out.path().string() +
                                   " --jobs 2 --dpi 72 --page-timeout 30 --document-timeout 30 -q");
  ASSERT_TRUE(run.exit_code == 0 || run.exit_code == 1) << "exit " << run.exit_code << "\n" << run.output;

  const auto records = ReadJsonl(out.path() / "records.jsonl");
  for (const auto& r : records) ASSERT_TRUE(r.is_object()) << "a line of records.jsonl is not a record";
  const auto by_path = ByPath(records);
  int inputs = 0;
  for (const auto& entry : fs::directory_iterator(corpus)) {
    if (entry.path().extension() != ".pdf") continue;
    ++inputs;
    const std::string path = entry.path().lexically_normal().string();
    ASSERT_EQ(by_path.count(path), 1u) << path << " has no record";
    std::set<int> documents;
    for (const auto& r : by_path.at(path)) {
      const std::string status = r.value("status", "");
      EXPECT_TRUE(status == "error" || status == "unmatched" || status == "needs_review") << path << ": " << status;
      if (status == "error") {
        const auto errors = r.value("errors", nlohmann::json::array());
        ASSERT_FALSE(errors.empty()) << path;
        EXPECT_NE(errors[0].get<std::string>().find(": "), std::string::npos) << "no reason code: " << errors[0];
      }
      EXPECT_TRUE(documents.insert(r["source"].value("document", 1)).second) << path << ": a document twice";
    }
  }
  EXPECT_GT(inputs, 0);
  EXPECT_EQ(by_path.size(), static_cast<size_t>(inputs)) << "records for files that are not inputs";
}

}  // namespace
}  // namespace shenbao::testing
