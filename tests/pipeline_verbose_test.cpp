// --verbose reaches the workers: their debug messages (what each page read) are in
// shenbao.log beside the parent's, so a user chasing a wrong value can see why.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "pipeline_test_util.h"

namespace shenbao::testing {
namespace {

std::string ReadAll(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(Verbose, WorkersLogTheirDebugMessages) {
  TempDir out("shenbao-verbose-out"), quiet_out("shenbao-verbose-quiet");
  const std::string input = Sample("official-letter", "clean-01.pdf").string();
  ASSERT_EQ(RunShenbao("run " + input + " --out " + out.path().string() + " --jobs 1 --dpi 150 -q -v").exit_code, 0);
  const std::string log = ReadAll(out.path() / "shenbao.log");
  EXPECT_NE(log.find("] [worker "), std::string::npos) << log;
  EXPECT_NE(log.find("[debug]"), std::string::npos) << "no worker debug message with -v:\n" << log;

  ASSERT_EQ(RunShenbao("run " + input + " --out " + quiet_out.path().string() + " --jobs 1 --dpi 150 -q").exit_code, 0);
  EXPECT_EQ(ReadAll(quiet_out.path() / "shenbao.log").find("[debug]"), std::string::npos);
}

}  // namespace
}  // namespace shenbao::testing
