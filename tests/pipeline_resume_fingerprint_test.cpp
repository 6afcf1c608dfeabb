// A rerun over the same --out skips a finished document only when its record would
// come out the same: same input bytes, same program build, same reading options.
// A record left by another build (same version number, changed code) or made at
// another resolution is read again, never taken as done.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "pipeline_test_util.h"

namespace shenbao::testing {
namespace {

int Skipped(const RunResult& run) {
  std::smatch skipped;
  if (!std::regex_search(run.output, skipped, std::regex("\\((\\d+) already done, skipped\\)"))) return 0;
  return std::stoi(skipped[1]);
}

// Flips a bit of the GNU build ID in the program file at `path` (the 20 bytes after
// the note header: namesz 4, descsz 20, type 3, "GNU\0").
bool ChangeBuildId(const fs::path& path) {
  std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(file)), {});
  const std::string header("\x04\0\0\0\x14\0\0\0\x03\0\0\0GNU\0", 16);
  const size_t at = bytes.find(header);
  if (at == std::string::npos) return false;
  file.seekp(static_cast<std::streamoff>(at + header.size()));
  file.put(static_cast<char>(bytes[at + header.size()] ^ 1));
  return static_cast<bool>(file);
}

TEST(ResumeFingerprint, OtherBuildOrOptionsReadAgain) {
  TempDir in("shenbao-fingerprint-in"), out("shenbao-fingerprint-out"), bin("shenbao-fingerprint-bin");
  fs::copy_file(Sample("official-letter", "clean-01.pdf"), in.path() / "letter.pdf");
  const std::string args = "run " + in.path().string() + " --out " + out.path().string() + " --jobs 1 -q";

  ASSERT_EQ(RunShenbao(args + " --dpi 100").exit_code, 0);
  const RunResult same = RunShenbao(args + " --dpi 100");
  EXPECT_EQ(Skipped(same), 1) << same.output;

  const RunResult other_dpi = RunShenbao(args + " --dpi 120");
  EXPECT_EQ(other_dpi.exit_code, 0) << other_dpi.output;
  EXPECT_EQ(Skipped(other_dpi), 0) << "a record made at 100 dpi was taken for one at 120: " << other_dpi.output;

  // Another build: the same program with another build ID (the linker's note that
  // names a build; a rebuild of changed code gets a new one).
  const fs::path rebuilt = bin.path() / "shenbao";
  fs::copy_file(SHENBAO_BINARY, rebuilt);
  ASSERT_TRUE(ChangeBuildId(rebuilt)) << "no GNU build ID note in " << SHENBAO_BINARY;
  fs::permissions(rebuilt, fs::perms::owner_exec, fs::perm_options::add);
  const fs::path log = bin.path() / "output.txt";
  const int status = std::system((rebuilt.string() + " " + args + " --dpi 120 >" + log.string() + " 2>&1").c_str());
  std::ifstream text(log);
  RunResult other_build{WIFEXITED(status) ? WEXITSTATUS(status) : -1, std::string(std::istreambuf_iterator<char>(text), {})};
  EXPECT_EQ(other_build.exit_code, 0) << other_build.output;
  EXPECT_EQ(Skipped(other_build), 0) << "a record of another build was taken as done: " << other_build.output;
  EXPECT_EQ(ReadJsonl(out.path() / "records.jsonl").size(), 1u);
}

}  // namespace
}  // namespace shenbao::testing
