// kill -9 in the middle of a run, then the same command again: every record is
// there once, records.jsonl has no partial or duplicate line, and the rerun skips
// what the killed run had finished.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <set>
#include <thread>

#include "pipeline_test_util.h"

namespace shenbao::testing {
namespace {

int CountDone(const fs::path& out) {
  int done = 0;
  std::error_code ec;
  for (auto it = fs::directory_iterator(out / "state", ec); !ec && it != fs::directory_iterator(); ++it)
    if (it->path().extension() == ".done") ++done;
  return done;
}

// Processes in the system whose command line names `text` (workers left behind).
int ProcessesNaming(const std::string& text) {
  int found = 0;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    std::ifstream in(entry.path() / "cmdline");
    std::string cmdline((std::istreambuf_iterator<char>(in)), {});
    if (cmdline.find("--worker") != std::string::npos && fs::exists(entry.path() / "cwd")) {
      std::error_code ec;
      if (fs::read_symlink(entry.path() / "cwd", ec).string().find(text) != std::string::npos) ++found;
    }
  }
  return found;
}

TEST(Resume, KillNineMidwayThenRerunGivesEveryRecordOnce) {
  TempDir in("shenbao-resume-in"), out("shenbao-resume-out");
  std::vector<std::string> names;
  for (const char* form : {"5g-factory-application-summary", "iiot-pilot-recommendation-summary"})
    for (const char* sample : {"clean-01.pdf", "clean-02.pdf", "typical-01.pdf"}) {
      names.push_back(std::string(form).substr(0, 4) + "-" + sample);
      fs::copy_file(Sample(form, sample), in.path() / names.back());
    }
  const std::string args = "run " + in.path().string() + " --out " + out.path().string() + " --jobs 2 --dpi 150 -q";

  // Start the run in its own working folder (to find its workers), wait until some
  // documents are finished but not all, then kill it without warning.
  const bool killed = KillRunWhen({"run", in.path().string(), "--out", out.path().string(), "--jobs", "2", "--dpi", "150", "-q"},
                                  [&] { return CountDone(out.path()) >= 2; }, {}, in.path());
  ASSERT_TRUE(killed) << "the run ended before it could be killed";
  // Its workers die with it (they would otherwise go on writing).
  for (int i = 0; i < 100 && ProcessesNaming(in.path().string()) > 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(ProcessesNaming(in.path().string()), 0) << "workers outlived the killed run";
  const int done_before = CountDone(out.path());
  ASSERT_LT(done_before, static_cast<int>(names.size())) << "too late: everything was finished";
  // Whatever records.jsonl holds now is whole lines of whole records.
  for (const auto& r : ReadJsonl(out.path() / "records.jsonl")) EXPECT_TRUE(r.is_object());

  const RunResult rerun = RunShenbao(args);
  EXPECT_EQ(rerun.exit_code, 0) << rerun.output;
  std::smatch skipped;
  ASSERT_TRUE(std::regex_search(rerun.output, skipped, std::regex("\\((\\d+) already done, skipped\\)"))) << rerun.output;
  EXPECT_EQ(std::stoi(skipped[1]), done_before) << rerun.output;

  const auto records = ReadJsonl(out.path() / "records.jsonl");
  ASSERT_EQ(records.size(), names.size()) << rerun.output;
  std::set<std::string> paths;
  for (const auto& r : records) {
    ASSERT_TRUE(r.is_object()) << "a partial line in records.jsonl";
    EXPECT_TRUE(paths.insert(r["source"].value("path", "")).second) << "twice: " << r["source"];
    EXPECT_NE(r.value("status", ""), "error") << r.dump();
  }
  for (const auto& name : names) EXPECT_EQ(paths.count((in.path() / name).string()), 1u) << name;
  // No temporary file of the killed run is left among the results.
  for (const auto& entry : fs::recursive_directory_iterator(out.path()))
    EXPECT_EQ(entry.path().extension().string().rfind(".tmp", 0), std::string::npos) << entry.path();

  // A third run has nothing left to do.
  const RunResult third = RunShenbao(args);
  EXPECT_EQ(third.exit_code, 0);
  EXPECT_NE(third.output.find("(" + std::to_string(names.size()) + " already done, skipped)"), std::string::npos)
      << third.output;
  EXPECT_EQ(ReadJsonl(out.path() / "records.jsonl").size(), names.size());
}

}  // namespace
}  // namespace shenbao::testing
