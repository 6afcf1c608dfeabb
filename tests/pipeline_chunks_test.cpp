// A file of several documents read in parts by two workers gives exactly the
// records, record files and crops of one worker reading it whole, also when the
// run is killed with parts written but not yet joined, and run again.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <set>
#include <thread>

#include "pipeline_test_util.h"

namespace shenbao::testing {
namespace {

// Everything under `root`/`sub`: relative path → content.
std::map<std::string, std::string> Files(const fs::path& root, const std::string& sub) {
  std::map<std::string, std::string> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root / sub, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec))
    if (it->is_regular_file()) {
      std::ifstream in(it->path(), std::ios::binary);
      files[fs::relative(it->path(), root).string()] = std::string((std::istreambuf_iterator<char>(in)), {});
    }
  return files;
}

// The records with anything that may differ between two runs of the same input
// taken out (none today, but a timing key may come).
std::vector<nlohmann::json> Comparable(std::vector<nlohmann::json> records) {
  for (auto& r : records)
    if (r.is_object())
      for (const char* key : {"seconds", "elapsed", "processed_at", "timings"}) r.erase(key);
  return records;
}

bool HasPartFiles(const fs::path& out) {
  std::error_code ec;
  for (auto it = fs::directory_iterator(out / "state", ec); !ec && it != fs::directory_iterator(); it.increment(ec))
    if (it->path().filename().string().find(".part") != std::string::npos) return true;
  return false;
}

TEST(Chunks, TwoWorkersOnPartsGiveTheRecordsOfOneWorkerReadingTheFileWhole) {
  if (std::system("command -v pdfunite >/dev/null 2>&1") != 0) GTEST_SKIP() << "pdfunite (poppler-utils) not installed";
  TempDir in("shenbao-chunks-in"), one("shenbao-chunks-one"), two("shenbao-chunks-two");
  // 1 + 2 + 4 pages: with parts of 2 pages, the second part begins inside the letter
  // (skips its page 2, then reads the 4-page form past its own end), and the third
  // lies wholly inside that form (reads nothing).
  const fs::path pdf = in.path() / "bundle.pdf";
  const std::string unite = "pdfunite " + Sample("5g-factory-application-summary", "typical-01.pdf").string() + " " +
                            Sample("official-letter", "typical-01.pdf").string() + " " +
                            Sample("5g-iiot-pilot-zone-application", "typical-01.pdf").string() + " " + pdf.string();
  ASSERT_EQ(std::system(unite.c_str()), 0);

  const RunResult whole = RunShenbao("run " + pdf.string() + " --out " + one.path().string() + " --jobs 1 --dpi 150 -q");
  ASSERT_EQ(whole.exit_code, 0) << whole.output;
  const auto expected = Comparable(ReadJsonl(one.path() / "records.jsonl"));
  ASSERT_GE(expected.size(), 2u) << "the bundle should hold several documents: " << whole.output;

  // Two workers, parts of 2 pages; killed once a part is written but before the
  // parts are joined, then run again.
  const bool killed = KillRunWhen({"run", pdf.string(), "--out", two.path().string(), "--jobs", "2", "--dpi", "150", "-q"},
                                  [&] { return HasPartFiles(two.path()); }, {{"SHENBAO_CHUNK_PAGES", "2"}});
  ASSERT_TRUE(killed) << "the run ended without writing a part first";
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // its workers die with it
  EXPECT_FALSE(fs::exists(two.path() / "state" / "bundle.pdf.done"));

  const RunResult parts = RunShenbao("run " + pdf.string() + " --out " + two.path().string() + " --jobs 2 --dpi 150 -q",
                                     "SHENBAO_CHUNK_PAGES=2");
  ASSERT_EQ(parts.exit_code, 0) << parts.output;
  EXPECT_EQ(Comparable(ReadJsonl(two.path() / "records.jsonl")), expected);
  // The same record files with the same content, and the same crops, pixel for pixel.
  EXPECT_EQ(Files(two.path(), "records"), Files(one.path(), "records"));
  const auto crops_one = Files(one.path(), "crops"), crops_two = Files(two.path(), "crops");
  EXPECT_FALSE(crops_one.empty());
  std::set<std::string> names_one, names_two;
  for (const auto& [name, bytes] : crops_one) names_one.insert(name);
  for (const auto& [name, bytes] : crops_two) names_two.insert(name);
  EXPECT_EQ(names_two, names_one);
  EXPECT_TRUE(crops_two == crops_one) << "crop images differ";
  // Nothing of the parts is left: neither part files nor crop folders of parts.
  EXPECT_FALSE(HasPartFiles(two.path()));
  for (const auto& entry : fs::directory_iterator(two.path() / "crops"))
    EXPECT_EQ(entry.path().filename().string().find("~part"), std::string::npos) << entry.path();
}

}  // namespace
}  // namespace shenbao::testing
