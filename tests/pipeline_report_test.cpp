// report.html as a person sees it: opened from disk in a real browser (headless
// Chromium, Debian's `chromium`), it lists every document with its status, the
// fields to review, and seal thumbnails whose images are really there.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "pipeline_test_util.h"

namespace shenbao::testing {
namespace {

std::string FindChromium() {
  for (const char* candidate : {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"})
    if (fs::exists(candidate)) return candidate;
  return "";
}

// The page after the browser has parsed and laid it out (--dump-dom), or a
// screenshot of it.
std::string Chromium(const std::string& browser, const fs::path& profile, const std::string& what, const fs::path& page) {
  const fs::path dump = profile / "dump.html";
  const std::string command = browser +
                              " --headless --no-sandbox --disable-gpu --disable-background-networking"
                              " --disable-component-update --disable-sync --no-first-run --user-data-dir=" +
                              profile.string() + " --window-size=1200,2000 " + what + " file://" + page.string() +
                              " >" + dump.string() + " 2>/dev/null";
  if (std::system(command.c_str()) != 0) return "";
  std::ifstream in(dump);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(Report, OpensFromDiskAndShowsDocumentsStatusesReviewAndSeals) {
  const std::string browser = FindChromium();
  if (browser.empty()) GTEST_SKIP() << "chromium is not installed";
  TempDir in("shenbao-report-in"), out("shenbao-report-out"), profile("shenbao-report-profile");
  fs::copy_file(Sample("5g-factory-application-summary", "typical-01.pdf"), in.path() / "form-a.pdf");
  fs::copy_file(Sample("iiot-pilot-recommendation-summary", "clean-01.pdf"), in.path() / "form-c.pdf");
  std::ofstream(in.path() / "empty.pdf").close();
  const RunResult run = RunShenbao("run " + in.path().string() + " --out " + out.path().string() + " --jobs 2 -q");
  ASSERT_EQ(run.exit_code, 1) << run.output;
  const auto records = ReadJsonl(out.path() / "records.jsonl");
  ASSERT_EQ(records.size(), 3u);

  const fs::path report = out.path() / "report.html";
  const std::string dom = Chromium(browser, profile.path(), "--dump-dom", report);
  ASSERT_FALSE(dom.empty()) << "chromium could not open " << report;

  // Every document by name, with its status as a person reads it.
  for (const auto& r : records) {
    const std::string path = r["source"]["path"];
    EXPECT_NE(dom.find(path), std::string::npos) << path;
    const std::string status = r["status"];
    EXPECT_NE(dom.find("data-status=\"" + status + "\""), std::string::npos) << status;
    EXPECT_NE(dom.find("· " + status + "</span>"), std::string::npos) << "no visible badge for " << status;
  }
  EXPECT_NE(dom.find("empty-file: file is empty"), std::string::npos) << "the reason of the error is not shown";
  EXPECT_NE(dom.find("记录 3"), std::string::npos);

  // Fields below the trust threshold are in a review table.
  bool any_low = false;
  for (const auto& r : records)
    if (r.contains("fields"))
      for (const auto& [id, f] : r["fields"].items())
        any_low = any_low || f.value("confidence", 1.0) < 0.9;
  if (any_low) EXPECT_NE(dom.find("需核对栏目"), std::string::npos) << "a field to review is not listed";

  // Every image the page shows exists on disk next to it: crops and seal thumbnails.
  const std::regex img("<img[^>]*src=\"([^\"]+)\"");
  int images = 0, seals = 0;
  for (auto it = std::sregex_iterator(dom.begin(), dom.end(), img); it != std::sregex_iterator(); ++it) {
    ++images;
    const std::string src = (*it)[1];
    EXPECT_TRUE(fs::exists(out.path() / src)) << src << " is shown but not on disk";
    if (it->str().find("印章") != std::string::npos) ++seals;
  }
  int present_stamps = 0;
  for (const auto& r : records)
    for (const auto& s : r.value("stamps", nlohmann::json::array()))
      present_stamps += s.value("present", false) && s.contains("crop");
  EXPECT_EQ(seals, present_stamps) << "each seal found has its thumbnail";
  EXPECT_GT(present_stamps, 0) << "the samples carry seals";

  // It renders: a screenshot of a real size comes out.
  const fs::path shot = profile.path() / "report.png";
  Chromium(browser, profile.path(), "--screenshot=" + shot.string(), report);
  ASSERT_TRUE(fs::exists(shot));
  EXPECT_GT(fs::file_size(shot), 20000u);
  if (const char* keep = std::getenv("SHENBAO_KEEP_TEST_OUTPUT")) fs::copy_file(shot, fs::path(keep) / "report.png",
                                                                               fs::copy_options::overwrite_existing);
}

}  // namespace
}  // namespace shenbao::testing
