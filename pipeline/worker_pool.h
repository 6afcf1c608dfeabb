#pragma once
// The parent side of the batch: N worker processes (worker.h), each fed one
// file, or one part of a long file, at a time. The worker that opens a long file
// reads its first part and names the others, which go to the front of the queue
// for idle workers; the file is finished when all its parts are (the parent never
// opens an input itself: a hostile PDF may crash whoever does). The parent watches them: a worker that dies (a signal, an
// exit) or falls silent past the time limit is killed and replaced, and the
// document it held gets a failure to record; the others go on undisturbed.
// Threads could not do this: a segfault ends the whole process, and a thread stuck
// in a library call cannot be stopped.
#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pipeline/process_document.h"

namespace shenbao::pipeline {

struct WorkerPoolOptions {
  std::string program = "/proc/self/exe";  // a shenbao binary (started as `program --worker`)
  int workers = 1;
  // Time limit: a worker may stay silent (no page finished, no OCR call returned)
  // this long, and a document of N pages may take N + 1 times this long in all.
  double page_timeout_s = 120;
  double document_timeout_s = 0;           // a cap on one document's time in all; 0: none
  long long memory_limit_mb = 8192;        // address-space limit of each worker; 0: none
  std::filesystem::path log_file;          // workers' stderr (library chatter) goes here
  nlohmann::json config;                   // WorkerConfig, sent to each worker first
};

// What became of one document.
struct TaskOutcome {
  struct Written {
    std::string file;     // under records/
    std::string status;
    std::string error;    // the first error, for the log and the summary
  };
  std::vector<Written> records;  // the worker wrote these (and the done-marker)
  std::string failure;           // otherwise why not: "crashed: …", "timeout: …", "internal: …"
  std::map<std::string, double> stage_seconds;  // where the worker's time went (ocr::Stage names)
  int parts = 1;                 // > 1: the records are in part files, for OutputDir::MergeParts
};

class WorkerPool {
 public:
  explicit WorkerPool(WorkerPoolOptions options);
  ~WorkerPool();  // kills any worker still running
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Reads every file on the workers. `on_page` is called for each page analysed,
  // `on_result` once per file as it ends (in the order they end). Returns early,
  // leaving the files in hand without a result, when `*stop` becomes true.
  void Run(const std::vector<InputFile>& tasks, const std::function<void()>& on_page,
           const std::function<void(size_t task, const TaskOutcome&)>& on_result, const std::atomic<bool>* stop);

  // Called once per file when a worker has opened it, with its page count: what
  // the progress display's time estimate rests on.
  void OnFilePages(std::function<void(int pages)> callback) { on_file_pages_ = std::move(callback); }

 private:
  using Clock = std::chrono::steady_clock;
  // One unit of work: a whole file, or part `part` (pages first..last) of one.
  struct Task {
    size_t file = 0;
    bool whole = true;
    int part = 0, first = 0, last = -1;
    int attempts = 0;  // workers that died on it
  };
  // A file's progress: its parts, and whether it has had its result.
  struct FileState {
    int parts = 1, parts_done = 0;
    bool finished = false;
    bool pages_told = false;  // its page count went to on_file_pages_
    TaskOutcome outcome;  // gathers the parts' timings
  };
  struct Worker {
    pid_t pid = -1;
    int fd = -1;
    bool ready = false;
    std::string buffer;
    std::optional<Task> task;
    int pages = -1, pages_done = 0;   // of the file
    bool opened = false;
    Clock::time_point started, last_sign;
  };

  bool Spawn(Worker& w);
  void Kill(Worker& w);                         // SIGKILL and reap
  std::string Reap(Worker& w);                  // wait for a worker that hung up; how it ended
  std::string Where(const Worker& w) const;     // "while reading page 3 of 5"
  // Handles one message; false when the worker broke the protocol.
  bool Handle(Worker& w, const nlohmann::json& message, const std::function<void()>& on_page,
              const std::function<void(size_t, const TaskOutcome&)>& on_result);

  WorkerPoolOptions options_;
  std::vector<Worker> workers_;
  // Ends file `file` with `outcome` unless it has ended already.
  void Finish(size_t file, const TaskOutcome& outcome, const std::function<void(size_t, const TaskOutcome&)>& on_result);

  std::vector<Task> queue_;          // tasks not yet handed out (back = next)
  std::vector<FileState> files_;
  std::function<void(int)> on_file_pages_;
  size_t remaining_ = 0;             // files without a result
  int failed_starts_ = 0;
};

}  // namespace shenbao::pipeline
