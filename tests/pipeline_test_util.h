#pragma once
// Helpers for end-to-end tests that run the shenbao binary the way a user does and
// read what it wrote.
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace shenbao::testing {

namespace fs = std::filesystem;

// A fresh folder under /tmp, removed with everything in it at the end of the test.
class TempDir {
 public:
  explicit TempDir(const std::string& stem) {
    std::string pattern = (fs::temp_directory_path() / (stem + "-XXXXXX")).string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    if (std::getenv("SHENBAO_KEEP_TEST_OUTPUT") == nullptr) fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

struct RunResult {
  int exit_code = -1;    // -1: did not exit normally (killed by a signal)
  std::string output;    // stdout and stderr
};

// Runs `env_prefix SHENBAO_BINARY args` through the shell (arguments must not
// need quoting: test paths have no spaces).
inline RunResult RunShenbao(const std::string& args, const std::string& env_prefix = "") {
  const fs::path log = fs::temp_directory_path() / ("shenbao-test-output-" + std::to_string(::getpid()) + ".txt");
  const std::string command = env_prefix + " " + SHENBAO_BINARY + " " + args + " >" + log.string() + " 2>&1";
  const int status = std::system(command.c_str());
  RunResult result;
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  std::ifstream in(log);
  std::stringstream text;
  text << in.rdbuf();
  result.output = text.str();
  std::error_code ec;
  fs::remove(log, ec);
  return result;
}

// The lines of records.jsonl; a line that is not a JSON object is kept as null so
// a test can see it.
inline std::vector<nlohmann::json> ReadJsonl(const fs::path& file) {
  std::vector<nlohmann::json> records;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    auto record = nlohmann::json::parse(line, nullptr, false);
    records.push_back(record.is_discarded() || !record.is_object() ? nlohmann::json() : record);
  }
  return records;
}

// Records grouped by the input path they came from.
inline std::map<std::string, std::vector<nlohmann::json>> ByPath(const std::vector<nlohmann::json>& records) {
  std::map<std::string, std::vector<nlohmann::json>> by_path;
  for (const auto& r : records)
    if (r.is_object()) by_path[r["source"].value("path", "")].push_back(r);
  return by_path;
}

// Starts SHENBAO_BINARY with `args` in the background (with `env` set, in `workdir`
// when one is given), waits until `ready()` holds, then kills it without warning
// (SIGKILL) and reaps it. False when the run ended on its own before `ready` held.
inline bool KillRunWhen(const std::vector<std::string>& args, const std::function<bool()>& ready,
                        const std::vector<std::pair<std::string, std::string>>& env = {},
                        const fs::path& workdir = {}) {
  const pid_t pid = ::fork();
  if (pid < 0) return false;
  if (pid == 0) {
    for (const auto& [name, value] : env) ::setenv(name.c_str(), value.c_str(), 1);
    if (!workdir.empty() && ::chdir(workdir.c_str()) != 0) ::_exit(127);
    std::vector<char*> argv{const_cast<char*>(SHENBAO_BINARY)};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(SHENBAO_BINARY, argv.data());
    ::_exit(127);
  }
  int status = 0;
  while (!ready()) {
    if (::waitpid(pid, &status, WNOHANG) == pid) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, &status, 0);
  return true;
}

inline fs::path Sample(const std::string& form, const std::string& name) {
  return fs::path(SHENBAO_SOURCE_DIR) / "samples" / form / name;
}

}  // namespace shenbao::testing
