#include "pipeline/batch.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <thread>

#include <spdlog/spdlog.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for_each.h>
#include <tbb/task_arena.h>

#include "ocr/document_source.h"
#include "pipeline/output.h"
#include "pipeline/report.h"

namespace shenbao::pipeline {

namespace fs = std::filesystem;

namespace {

// "in/2024/wuhan.pdf" → "in__2024__wuhan.pdf": unique per input, safe as a file name.
std::string SafeName(const std::string& display_path) {
  std::string name;
  for (char c : display_path) {
    if (c == '/' || c == '\\') name += "__";
    else if (c == ':' || c == '*' || c == '?' || c == '"' || c == '<' || c == '>' || c == '|') name += '_';
    else name += c;
  }
  while (name.rfind("..__", 0) == 0) name = name.substr(4);
  while (name.rfind(".__", 0) == 0) name = name.substr(3);
  return name.empty() ? "input" : name;
}

// Shows progress: a live line on a terminal, a log line every 30 s otherwise.
class Progress {
 public:
  Progress(int total_documents, bool quiet) : total_(total_documents), quiet_(quiet), tty_(isatty(STDERR_FILENO)) {
    start_ = std::chrono::steady_clock::now();
    if (!quiet_) thread_ = std::thread([this] { Loop(); });
  }
  ~Progress() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
    if (tty_ && !quiet_) std::fprintf(stderr, "\r\033[K");
  }
  void PageDone() { ++pages_; }
  void DocumentDone() { ++documents_; }

 private:
  void Loop() {
    std::unique_lock<std::mutex> lock(mutex_);
    auto last_log = std::chrono::steady_clock::now();
    while (!wake_.wait_for(lock, std::chrono::seconds(1), [this] { return stop_; })) {
      const double minutes = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count() / 60.0;
      const int docs = documents_, pages = pages_;
      const double per_min = minutes > 0 ? pages / minutes : 0;
      const double docs_per_min = minutes > 0 ? docs / minutes : 0;
      const int eta_s = docs_per_min > 0 ? static_cast<int>((total_ - docs) / docs_per_min * 60) : -1;
      char line[200];
      std::snprintf(line, sizeof line, "%d/%d documents, %d pages, %.1f pages/min, ETA %s", docs, total_, pages, per_min,
                    eta_s < 0 ? "--" : (std::to_string(eta_s / 60) + "m" + std::to_string(eta_s % 60) + "s").c_str());
      if (tty_) {
        std::fprintf(stderr, "\r\033[K%s", line);
        std::fflush(stderr);
      } else if (std::chrono::steady_clock::now() - last_log > std::chrono::seconds(30)) {
        spdlog::info("progress: {}", line);
        last_log = std::chrono::steady_clock::now();
      }
    }
  }

  int total_;
  bool quiet_, tty_;
  std::atomic<int> pages_{0}, documents_{0};
  std::chrono::steady_clock::time_point start_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace

std::vector<InputFile> CollectInputs(const std::vector<std::string>& inputs, std::vector<std::string>* missing) {
  std::vector<InputFile> files;
  for (const std::string& input : inputs) {
    std::error_code ec;
    const fs::path path(input);
    if (fs::is_directory(path, ec)) {
      std::vector<fs::path> found;
      for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
           it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        if (it->is_regular_file(ec) && ocr::IsSupportedInputName(it->path())) found.push_back(it->path());
      }
      std::sort(found.begin(), found.end());
      for (const auto& f : found) files.push_back({f, f.lexically_normal().string(), "", ""});
    } else if (fs::exists(path, ec)) {
      files.push_back({path, path.lexically_normal().string(), "", ""});
    } else if (missing) {
      missing->push_back(input);
    }
  }
  for (auto& f : files) f.name = SafeName(f.display_path);
  return files;
}

BatchSummary RunBatch(const BatchOptions& options, const std::vector<extract::FormTemplate>& templates) {
  BatchSummary summary;
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::string> missing;
  std::vector<InputFile> files = CollectInputs(options.inputs, &missing);
  OutputDir out(options.out_dir, std::string("shenbao ") + SHENBAO_VERSION + "; " + options.templates_fingerprint);

  // Missing inputs still get a record: the user named them, and must see why nothing came of it.
  for (const std::string& name : missing) {
    extract::Record r;
    r.path = name;
    r.status = "error";
    r.errors.push_back("not-found: no such file or folder: " + name);
    spdlog::error("{}: no such file or folder", name);
    out.WriteInput(InputFile{name, name, "missing__" + name, ""}.name, "", {r});
  }

  std::vector<InputFile> todo;
  for (InputFile& f : files) {
    try {
      f.sha256 = Sha256File(f.path);
    } catch (const std::exception& e) {
      f.sha256 = "";
    }
    if (!f.sha256.empty() && out.IsDone(f.name, f.sha256)) {
      ++summary.skipped;
      continue;
    }
    todo.push_back(f);
  }
  summary.inputs = static_cast<int>(files.size() + missing.size());
  spdlog::info("{} input files, {} already done, {} to read", files.size(), summary.skipped, todo.size());

  const int jobs = options.jobs > 0 ? options.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  Progress progress(static_cast<int>(todo.size()), options.quiet);
  ProcessOptions process = options.process;
  process.on_page = [&progress] { progress.PageDone(); };
  // One OCR engine per worker thread, made on first use and kept for the run.
  tbb::enumerable_thread_specific<std::unique_ptr<ocr::OcrEngine>> engines(
      [&] { return ocr::MakeTesseractEngine(options.engine); });
  tbb::task_arena arena(jobs);
  arena.execute([&] {
    tbb::parallel_for_each(todo.begin(), todo.end(), [&](const InputFile& file) {
      std::vector<extract::Record> records;
      try {
        records = ProcessFile(file, templates, *engines.local(), process);
      } catch (const std::exception& e) {
        // The one place where a document's unexpected failure becomes an error record.
        extract::Record r;
        r.path = file.display_path;
        r.sha256 = file.sha256;
        r.status = "error";
        r.errors.push_back(std::string("internal: ") + e.what());
        spdlog::error("{}: {}", file.display_path, e.what());
        records = {r};
      }
      try {
        out.WriteInput(file.name, file.sha256, records);
      } catch (const std::exception& e) {
        spdlog::error("{}: cannot write its record: {}", file.display_path, e.what());
      }
      progress.DocumentDone();
    });
  });

  const auto all = out.RebuildJsonl();
  for (const auto& r : all) {
    ++summary.records;
    const std::string status = r.value("status", "error");
    if (status == "ok") ++summary.ok;
    else if (status == "needs_review") ++summary.needs_review;
    else if (status == "unmatched") ++summary.unmatched;
    else ++summary.error;
    if (r.contains("source") && r["source"].contains("page_range"))
      summary.pages += r["source"]["page_range"][1].get<int>() - r["source"]["page_range"][0].get<int>() + 1;
  }
  WriteReport(options.out_dir, all);
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace shenbao::pipeline
