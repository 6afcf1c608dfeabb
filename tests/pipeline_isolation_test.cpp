// A document that crashes a library call or hangs costs its own record, never the
// batch: the worker holding it is replaced and the other documents are read. The
// crash and the hang are injected into the worker (SHENBAO_WORKER_FAULT, see
// pipeline/worker.h) at its first OCR call, where a real library fault would strike.
#include <gtest/gtest.h>

#include "pipeline_test_util.h"

namespace shenbao::testing {
namespace {

TEST(FaultIsolation, CrashAndHangBecomeErrorRecordsAndTheRestIsRead) {
  TempDir in("shenbao-isolation-in"), out("shenbao-isolation-out");
  const std::string form = "5g-factory-application-summary";
  fs::copy_file(Sample(form, "clean-01.pdf"), in.path() / "a-crash-me.pdf");
  fs::copy_file(Sample(form, "clean-02.pdf"), in.path() / "b-hang-me.pdf");
  fs::copy_file(Sample(form, "clean-03.pdf"), in.path() / "c-fine.pdf");
  fs::copy_file(Sample("iiot-pilot-recommendation-summary", "clean-01.pdf"), in.path() / "d-fine.pdf");

  const RunResult run = RunShenbao(
      "run " + in.path().string() + " --out " + out.path().string() + " --jobs 2 --dpi 150 --page-timeout 20 -q",
      "SHENBAO_WORKER_FAULT=segv:crash-me,hang:hang-me");
  EXPECT_EQ(run.exit_code, 1) << run.output;

  const auto by_path = ByPath(ReadJsonl(out.path() / "records.jsonl"));
  ASSERT_EQ(by_path.size(), 4u) << run.output;
  const auto& crashed = by_path.at((in.path() / "a-crash-me.pdf").string());
  ASSERT_EQ(crashed.size(), 1u);
  EXPECT_EQ(crashed[0]["status"], "error");
  EXPECT_EQ(crashed[0]["errors"][0], "crashed: signal 11 (SIGSEGV) while reading page 1 of 1 (twice)");

  const auto& hung = by_path.at((in.path() / "b-hang-me.pdf").string());
  ASSERT_EQ(hung.size(), 1u);
  EXPECT_EQ(hung[0]["status"], "error");
  const std::string reason = hung[0]["errors"][0];
  EXPECT_EQ(reason.rfind("timeout: no progress for ", 0), 0u) << reason;
  EXPECT_NE(reason.find("while reading page 1 of 2"), std::string::npos) << reason;  // clean-02 has two pages

  for (const char* name : {"c-fine.pdf", "d-fine.pdf"}) {
    const auto& fine = by_path.at((in.path() / name).string());
    ASSERT_EQ(fine.size(), 1u);
    EXPECT_NE(fine[0]["status"], "error") << name << ": " << fine[0].dump();
  }
  // The summary names the documents that could not be read, and why.
  EXPECT_NE(run.output.find("a-crash-me.pdf: crashed: signal 11"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("b-hang-me.pdf: timeout"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("1 crashed a worker, 1 stopped at the time limit"), std::string::npos) << run.output;
}

}  // namespace
}  // namespace shenbao::testing
