#include "pipeline/progress.h"

#include <unistd.h>

#include <algorithm>

#include <spdlog/spdlog.h>

namespace shenbao::pipeline {

int SecondsLeft(const ProgressCounts& c, double minutes) {
  if (minutes <= 0) return -1;
  // By pages where page counts are known: the pages left in the files opened so
  // far, and the files not yet opened at the mean page count of those opened. A
  // single 1,000-page file then gets an estimate long before it is done.
  const double pages_per_min = c.pages_done / minutes;
  if (c.files_opened > 0 && pages_per_min > 0) {
    const double pages_left = std::max(0, c.pages_known - c.pages_done) +
                              std::max(0, c.files - c.files_opened) * (static_cast<double>(c.pages_known) / c.files_opened);
    return static_cast<int>(pages_left / pages_per_min * 60);
  }
  const double files_per_min = c.files_done / minutes;
  return files_per_min > 0 ? static_cast<int>((c.files - c.files_done) / files_per_min * 60) : -1;
}

Progress::Progress(int total_documents, bool quiet)
    : total_(total_documents), quiet_(quiet), live_(!quiet && isatty(STDERR_FILENO)) {
  start_ = std::chrono::steady_clock::now();
  thread_ = std::thread([this] { Loop(); });
}

Progress::~Progress() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
  if (live_) std::fprintf(stderr, "\r\033[K");
}

std::string Progress::Line() const {
  const double minutes = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count() / 60.0;
  const int docs = documents_, pages = pages_;
  const double pages_per_min = minutes > 0 ? pages / minutes : 0;
  const int eta_s = SecondsLeft({total_, docs, opened_files_, known_pages_, pages}, minutes);
  char line[200];
  std::snprintf(line, sizeof line, "%d/%d documents, %d pages, %.1f pages/min, ETA %s", docs, total_, pages,
                pages_per_min,
                eta_s < 0 ? "--" : (std::to_string(eta_s / 3600) + "h" + std::to_string(eta_s / 60 % 60) + "m" +
                                    std::to_string(eta_s % 60) + "s").c_str());
  return line;
}

void Progress::Loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  auto last_log = std::chrono::steady_clock::now();
  while (!wake_.wait_for(lock, std::chrono::seconds(1), [this] { return stop_; })) {
    const std::string line = Line();
    if (live_) {
      std::fprintf(stderr, "\r\033[K%s", line.c_str());
      std::fflush(stderr);
    }
    if (std::chrono::steady_clock::now() - last_log >= std::chrono::seconds(30)) {
      if (!live_ && !quiet_) std::fprintf(stderr, "shenbao: %s\n", line.c_str());
      spdlog::info("progress: {}", line);
      last_log = std::chrono::steady_clock::now();
    }
  }
  spdlog::info("progress: {}", Line());
}

}  // namespace shenbao::pipeline
