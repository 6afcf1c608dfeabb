#include "pipeline/batch.h"

#include <elf.h>
#include <link.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>

#include <spdlog/spdlog.h>

#include "ocr/document_source.h"
#include "pipeline/output.h"
#include "pipeline/progress.h"
#include "pipeline/report.h"
#include "pipeline/worker.h"
#include "pipeline/worker_pool.h"

namespace shenbao::pipeline {

namespace fs = std::filesystem;

namespace {

// The run's worker time by stage, for the benchmark and for anyone asking where an
// import's hours went. Only this run's documents: skipped ones cost nothing.
void WriteStageSeconds(const fs::path& out_dir, const std::map<std::string, double>& stage_seconds) {
  if (stage_seconds.empty()) return;
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [stage, seconds] : stage_seconds) j[stage] = std::round(seconds * 1000) / 1000;
  try {
    WriteFileAtomically(out_dir / "timings.json", nlohmann::json{{"stage_seconds", j}}.dump(2) + "\n");
  } catch (const std::exception& e) {
    spdlog::warn("cannot write timings.json: {}", e.what());
  }
}

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

// SIGINT/SIGTERM stop the batch between documents' results; what is finished stays.
std::atomic<bool> g_stop{false};
extern "C" void OnStopSignal(int) { g_stop = true; }

class StopSignals {
 public:
  StopSignals() {
    g_stop = false;
    struct sigaction action {};
    action.sa_handler = OnStopSignal;  // no SA_RESTART: poll() returns at once
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &old_int_);
    sigaction(SIGTERM, &action, &old_term_);
  }
  ~StopSignals() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
  }

 private:
  struct sigaction old_int_ {}, old_term_ {};
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

namespace {

// The GNU build ID the linker wrote into this program: it changes whenever the code
// does, and reading it costs nothing (hashing the 60 MB executable took 0.2 s of
// every run). Empty when the program has none.
std::string ProgramBuildId() {
  std::string id;
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void* out) -> int {
        // The first object is the program itself.
        for (int i = 0; i < info->dlpi_phnum; ++i) {
          const ElfW(Phdr)& segment = info->dlpi_phdr[i];
          if (segment.p_type != PT_NOTE) continue;
          const char* p = reinterpret_cast<const char*>(info->dlpi_addr + segment.p_vaddr);
          const char* end = p + segment.p_memsz;
          while (p + sizeof(ElfW(Nhdr)) <= end) {
            const auto* note = reinterpret_cast<const ElfW(Nhdr)*>(p);
            const char* name = p + sizeof(ElfW(Nhdr));
            const char* desc = name + ((note->n_namesz + 3) & ~3u);
            if (note->n_type == NT_GNU_BUILD_ID && note->n_namesz == 4 && std::memcmp(name, "GNU", 4) == 0) {
              static constexpr char kHex[] = "0123456789abcdef";
              auto* hex = static_cast<std::string*>(out);
              for (unsigned k = 0; k < note->n_descsz; ++k) {
                const auto byte = static_cast<unsigned char>(desc[k]);
                *hex += kHex[byte >> 4];
                *hex += kHex[byte & 15];
              }
              return 1;
            }
            p = desc + ((note->n_descsz + 3) & ~3u);
          }
        }
        return 1;
      },
      &id);
  return id;
}

// What a finished record depends on besides its input's bytes: a record made by
// another build of the program (same version number, changed code), other
// templates or other reading options is read again, not taken as done.
std::string RunFingerprint(const BatchOptions& options) {
  std::string program = ProgramBuildId();
  if (program.empty()) {
    try {
      program = Sha256File("/proc/self/exe");
    } catch (const std::exception&) {
      program = "unknown build";
    }
  }
  const ocr::EngineOptions& e = options.engine;
  return std::string("shenbao ") + SHENBAO_VERSION + " (build " + program + "); " + options.templates_fingerprint +
         "; dpi " + std::to_string(options.process.dpi) + "; template " + options.process.forced_template +
         "; trust " + std::to_string(options.process.trust_threshold) + "; models " + e.tessdata_dir + ":" +
         e.chinese_model + "," + e.latin_model + "," + e.second_model + " below " + std::to_string(e.second_opinion_below);
}

}  // namespace

BatchSummary RunBatch(const BatchOptions& options, const std::vector<extract::FormTemplate>& templates) {
  BatchSummary summary;
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::string> missing;
  std::vector<InputFile> files = CollectInputs(options.inputs, &missing);
  const std::string fingerprint = RunFingerprint(options);
  OutputDir out(options.out_dir, fingerprint);
  out.RemoveLeftovers();

  // Missing inputs still get a record: the user named them, and must see why nothing came of it.
  for (const std::string& name : missing) {
    spdlog::error("{}: no such file or folder", name);
    out.WriteInput(SafeName("missing/" + fs::path(name).lexically_normal().string()), "",
                   {ErrorRecord(InputFile{name, name, "", ""}, "not-found: no such file or folder: " + name)});
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
  const int jobs = options.jobs > 0 ? options.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  // Even one file may keep every worker busy: a long one is read in parts.
  spdlog::info("{} input files, {} already done, {} to read with up to {} workers", files.size(), summary.skipped,
               todo.size(), jobs);

  WorkerConfig config;
  config.out_dir = options.out_dir;
  config.fingerprint = fingerprint;
  config.verbose = options.verbose;
  for (const auto& t : templates) config.template_files.emplace_back(t.source_file);
  config.process = options.process;
  config.engine = options.engine;
  config.chunk_pages = options.chunk_pages;
  if (const char* chunk = std::getenv("SHENBAO_CHUNK_PAGES")) config.chunk_pages = std::atoi(chunk);
  if (const char* held = std::getenv("SHENBAO_PAGES_IN_MEMORY")) config.process.pages_in_memory = std::atoi(held);
  // --template reads every page before the first title as that form: a part could
  // not know whether its first pages start a document, so such runs read files whole.
  if (jobs < 2 || !options.process.forced_template.empty()) config.chunk_pages = 0;
  WorkerPoolOptions pool_options;
  pool_options.program = options.worker_program;
  pool_options.workers = jobs;
  pool_options.page_timeout_s = options.page_timeout_s;
  pool_options.document_timeout_s = options.document_timeout_s;
  pool_options.memory_limit_mb = options.worker_memory_mb;
  pool_options.log_file = options.out_dir / "shenbao.log";
  pool_options.config = ToJson(config);

  {
    StopSignals signals;
    Progress progress(static_cast<int>(todo.size()), options.quiet);
    WorkerPool pool(pool_options);
    pool.OnFilePages([&progress](int pages) { progress.FilePages(pages); });
    pool.Run(
        todo, [&progress] { progress.PageDone(); },
        [&](size_t task, const TaskOutcome& result) {
          const InputFile& file = todo[task];
          TaskOutcome outcome = result;
          progress.DocumentDone();
          for (const auto& [stage, s] : outcome.stage_seconds) summary.stage_seconds[stage] += s;
          if (outcome.failure.empty() && outcome.parts > 1) {
            try {
              for (const auto& r : out.MergeParts(file.name, file.sha256, outcome.parts)) {
                const auto errors = r.value("errors", nlohmann::ordered_json::array());
                outcome.records.push_back({"", r.value("status", "error"),
                                           errors.empty() ? std::string() : errors.front().get<std::string>()});
              }
            } catch (const std::exception& e) {
              outcome.failure = std::string("internal: cannot join the parts of this file: ") + e.what();
            }
          }
          for (const auto& r : outcome.records)
            if (r.status == "error") progress.Say([&] { spdlog::warn("{}: {}", file.display_path, r.error); });
          if (outcome.failure.empty()) return;
          // The worker may have written everything just before it died.
          if (out.IsDone(file.name, file.sha256)) return;
          if (outcome.failure.rfind("crashed", 0) == 0) ++summary.crashed;
          if (outcome.failure.rfind("timeout", 0) == 0) ++summary.timed_out;
          progress.Say([&] { spdlog::error("{}: {}", file.display_path, outcome.failure); });
          try {
            out.WriteInput(file.name, file.sha256, {ErrorRecord(file, outcome.failure)});
          } catch (const std::exception& e) {
            spdlog::error("{}: cannot write its record: {}", file.display_path, e.what());
          }
        },
        &g_stop);
    summary.interrupted = g_stop;
  }
  out.RemoveLeftovers();  // parts of files that failed, or were not finished when stopped
  if (summary.interrupted) spdlog::warn("interrupted: finished documents are kept; run again to read the rest");

  const auto all = out.RebuildJsonl();
  for (const auto& r : all) {
    ++summary.records;
    const std::string status = r.value("status", "error");
    if (status == "ok") ++summary.ok;
    else if (status == "needs_review") ++summary.needs_review;
    else if (status == "unmatched") ++summary.unmatched;
    else ++summary.error;
    if (status == "error") {
      const auto errors = r.value("errors", nlohmann::ordered_json::array());
      summary.errors.emplace_back(r["source"].value("path", ""),
                                  errors.empty() ? std::string("unknown") : errors.front().get<std::string>());
    }
    if (r.contains("source") && r["source"].contains("page_range"))
      summary.pages += r["source"]["page_range"][1].get<int>() - r["source"]["page_range"][0].get<int>() + 1;
  }
  WriteReport(options.out_dir, all);
  WriteStageSeconds(options.out_dir, summary.stage_seconds);
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  spdlog::info("done in {:.0f} s: {} records, {} ok, {} needs_review, {} unmatched, {} error", summary.seconds,
               summary.records, summary.ok, summary.needs_review, summary.unmatched, summary.error);
  return summary;
}

void PrintSummary(const BatchSummary& s, const fs::path& out_dir, std::ostream& out) {
  out << "\nshenbao: " << s.inputs << " input files";
  if (s.skipped) out << " (" << s.skipped << " already done, skipped)";
  out << " in " << static_cast<int>(s.seconds) << " s";
  if (s.interrupted) out << " — INTERRUPTED, run the same command again to finish";
  out << "\n  records: " << s.records << "   ok: " << s.ok << "   needs_review: " << s.needs_review
      << "   unmatched: " << s.unmatched << "   error: " << s.error << "   pages: " << s.pages << "\n";
  if (s.crashed || s.timed_out)
    out << "  this run: " << s.crashed << " crashed a worker, " << s.timed_out << " stopped at the time limit\n";
  constexpr size_t kShown = 10;  // one screen: the rest is in records.jsonl and report.html
  if (!s.errors.empty()) out << "  could not be read:\n";
  for (size_t i = 0; i < s.errors.size() && i < kShown; ++i) {
    std::string reason = s.errors[i].second;
    // Messages end with the file's path for the log; here it stands in front already.
    const std::string path_suffix = ": " + s.errors[i].first;
    if (reason.size() > path_suffix.size() && reason.compare(reason.size() - path_suffix.size(), path_suffix.size(), path_suffix) == 0)
      reason.resize(reason.size() - path_suffix.size());
    if (reason.size() > 110) reason = reason.substr(0, 107) + "...";
    out << "    " << s.errors[i].first << ": " << reason << "\n";
  }
  if (s.errors.size() > kShown) out << "    … and " << s.errors.size() - kShown << " more (see report.html)\n";
  double busy = 0;
  for (const auto& [stage, seconds] : s.stage_seconds) busy += seconds;
  if (busy > 0) {
    // Worker time, not wall time: with N workers it adds up to about N × the run.
    out << "  worker time by stage:";
    for (const char* stage : {"rasterize", "orientation", "cleanup", "layout", "ocr", "ocr-recheck", "fields", "validation", "output"})
      if (const auto it = s.stage_seconds.find(stage); it != s.stage_seconds.end())
        out << " " << stage << " " << static_cast<int>(100 * it->second / busy + 0.5) << "%";
    out << " (timings.json)\n";
  }
  out << "  records.jsonl, records/, report.html and shenbao.log in " << out_dir.string() << "\n";
}

}  // namespace shenbao::pipeline
