#pragma once
// The progress display of a long run: a live line on a terminal, a plain line every
// 30 s otherwise and in the log, with a time estimate by pages.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>

namespace shenbao::pipeline {

// Where a run stands, for the progress line's time estimate.
struct ProgressCounts {
  int files = 0;          // to read in this run
  int files_done = 0;
  int files_opened = 0;   // whose page count is known
  int pages_known = 0;    // summed over the opened files
  int pages_done = 0;
};
// Seconds still to go at the speed of the `minutes` so far; -1 while unknown.
int SecondsLeft(const ProgressCounts& counts, double minutes);

// Shows progress while it lives: a live line on a terminal (stderr); a plain line
// every 30 s otherwise (stderr unless quiet) and always in the log file. Its own
// thread draws; the counts may be bumped from any thread.
class Progress {
 public:
  Progress(int total_documents, bool quiet);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void PageDone() { ++pages_; }
  void DocumentDone() { ++documents_; }
  // A file was opened and has `pages` pages.
  void FilePages(int pages) {
    known_pages_ += pages > 0 ? pages : 0;
    ++opened_files_;
  }

  // Runs `say` (which prints a message) with the live line out of its way.
  template <typename F>
  void Say(F&& say) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (live_) std::fprintf(stderr, "\r\033[K");
    say();
  }

 private:
  std::string Line() const;
  void Loop();

  int total_;
  bool quiet_, live_;
  std::atomic<int> pages_{0}, documents_{0}, known_pages_{0}, opened_files_{0};
  std::chrono::steady_clock::time_point start_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace shenbao::pipeline
