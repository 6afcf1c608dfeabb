#include "pipeline/worker.h"

#include <malloc.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <thread>

#include <opencv2/core.hpp>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/spdlog.h>

#include "extract/template_loader.h"
#include "ocr/document_source.h"
#include "ocr/stage_clock.h"
#include "pipeline/output.h"

namespace shenbao::pipeline {
namespace {

// Line-delimited JSON over the socket to the parent.
class Channel {
 public:
  explicit Channel(int fd) : fd_(fd) {}

  // False when the parent has gone (then the worker has nothing left to do).
  bool Send(const nlohmann::json& message) {
    const std::string line = message.dump() + "\n";
    std::lock_guard<std::mutex> lock(mutex_);
    size_t sent = 0;
    while (sent < line.size()) {
      const ssize_t n = ::send(fd_, line.data() + sent, line.size() - sent, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      sent += static_cast<size_t>(n);
    }
    return true;
  }

  // The next message; nullopt when the parent closed the socket.
  std::optional<nlohmann::json> Receive() {
    for (;;) {
      if (const size_t end = buffer_.find('\n'); end != std::string::npos) {
        const std::string line = buffer_.substr(0, end);
        buffer_.erase(0, end + 1);
        auto message = nlohmann::json::parse(line, nullptr, false);
        if (!message.is_discarded()) return message;
        continue;
      }
      char chunk[4096];
      const ssize_t n = ::read(fd_, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return std::nullopt;
      buffer_.append(chunk, static_cast<size_t>(n));
    }
  }

 private:
  int fd_;
  std::string buffer_;
  std::mutex mutex_;
};

// Passes OCR calls through and tells the parent, at most once a second, that work
// goes on: the parent's time limit is on silence, so a long page is not mistaken
// for a hung one while a library call that never returns is.
class HeartbeatEngine : public ocr::OcrEngine {
 public:
  HeartbeatEngine(ocr::OcrEngine& inner, Channel& channel) : inner_(inner), channel_(channel) {
    if (const char* fault = std::getenv("SHENBAO_WORKER_FAULT")) {
      std::string spec = std::string(fault) + ",";
      for (size_t comma; (comma = spec.find(',')) != std::string::npos; spec.erase(0, comma + 1)) {
        const std::string one = spec.substr(0, comma);
        if (const size_t colon = one.find(':'); colon != std::string::npos && colon + 1 < one.size())
          faults_.emplace_back(one.substr(0, colon), one.substr(colon + 1));
      }
    }
  }

  void BeginDocument(const std::string& display_path) {
    fault_kind_.clear();
    for (const auto& [kind, target] : faults_)
      if (display_path.find(target) != std::string::npos) fault_kind_ = kind;
  }

  ocr::OcrText Recognize(const cv::Mat& gray, ocr::TextKind kind) override {
    if (!fault_kind_.empty()) InjectFault();
    ocr::OcrText text = inner_.Recognize(gray, kind);
    Beat();
    return text;
  }

  bool CanRead(const std::string& character) const override { return inner_.CanRead(character); }

  ocr::OcrText SecondOpinion(const cv::Mat& gray, const ocr::OcrText& first) override {
    if (!fault_kind_.empty()) InjectFault();
    ocr::OcrText text = inner_.SecondOpinion(gray, first);
    Beat();
    return text;
  }

  ocr::OcrText SecondModelReading(const cv::Mat& gray) override {
    if (!fault_kind_.empty()) InjectFault();
    ocr::OcrText text = inner_.SecondModelReading(gray);
    Beat();
    return text;
  }

 private:
  void Beat() {
    const auto now = std::chrono::steady_clock::now();
    if (now - last_beat_ > std::chrono::seconds(1)) {
      channel_.Send({{"beat", 1}});
      last_beat_ = now;
    }
  }

  void InjectFault() {
    if (fault_kind_ == "segv") std::raise(SIGSEGV);
    if (fault_kind_ == "hang")
      for (;;) std::this_thread::sleep_for(std::chrono::hours(1));
  }

  ocr::OcrEngine& inner_;
  Channel& channel_;
  std::chrono::steady_clock::time_point last_beat_{};
  std::vector<std::pair<std::string, std::string>> faults_;  // kind, path text
  std::string fault_kind_;                                   // for the current document
};

// Workers write to the run's shenbao.log (appending, as the parent does); whatever
// a library prints on stderr lands there too, since stderr is the log file.
void SetUpWorkerLogging(const std::filesystem::path& out_dir, bool verbose) {
  auto file = std::make_shared<spdlog::sinks::basic_file_sink_mt>((out_dir / "shenbao.log").string());
  auto logger = std::make_shared<spdlog::logger>("worker", file);
  logger->set_pattern("[%Y-%m-%d %H:%M:%S.%e] [worker " + std::to_string(::getpid()) + "] [%l] %v");
  // Flushed line by line at the level logged: a worker ends without flushing its
  // buffer (a stopped worker never would), and a debug line kept there is lost.
  const auto level = verbose ? spdlog::level::debug : spdlog::level::info;
  logger->set_level(level);
  logger->flush_on(level);
  spdlog::set_default_logger(logger);
  ocr::RouteLibraryMessagesToLog();
}

// The parts a long file is read in: ranges of `chunk` pages (the last one longer
// rather than a stub of a few pages).
std::vector<PageRange> SplitPages(int pages, int chunk) {
  std::vector<PageRange> parts;
  if (chunk <= 0 || pages < 2 * chunk) return parts;
  const int count = pages / chunk;
  for (int k = 0; k < count; ++k) parts.push_back({k * chunk, k + 1 == count ? pages - 1 : (k + 1) * chunk - 1, k});
  return parts;
}

// Reads one task: a whole file, or one part of a long one (`range`). Returns the
// message for the parent.
nlohmann::json ReadOne(const InputFile& file, std::optional<PageRange> range, const WorkerConfig& config,
                       const std::vector<extract::FormTemplate>& templates, HeartbeatEngine& engine,
                       OutputDir& out, Channel& channel) {
  engine.BeginDocument(file.display_path);
  ocr::StageClock::ThisThread().Take();  // what came before belongs to no document
  // Opened here, in the worker: a hostile file may crash the library that opens it.
  std::unique_ptr<ocr::PageSource> source;
  int pages = -1;
  try {
    const ocr::ScopedStage stage(ocr::Stage::kRasterize);
    source = ocr::OpenDocument(file.path, {config.process.dpi, config.process.max_page_pixels});
    pages = source->page_count();
  } catch (const std::exception&) {
  }
  nlohmann::json start = {{"start", pages}};
  if (!range) {
    const std::vector<PageRange> parts = SplitPages(pages, config.chunk_pages);
    if (!parts.empty()) {
      range = parts.front();
      nlohmann::json ranges = nlohmann::json::array();
      for (const auto& p : parts) ranges.push_back({p.first, p.last});
      start["parts"] = ranges;
    }
  }
  channel.Send(start);
  ProcessOptions options = config.process;
  int pages_done = 0;
  options.on_page = [&] { channel.Send({{"page", ++pages_done}}); };
  std::vector<extract::Record> records;
  try {
    if (source) records = ProcessPages(file, *source, range.value_or(PageRange{}), templates, engine, options);
    else if (range) records = {ErrorRecord(file, "internal: the file could not be opened again to read a part of it")};
    else records = ProcessFile(file, templates, engine, options);  // says why a file cannot be opened
  } catch (const std::bad_alloc&) {
    records = {ErrorRecord(file, "too-large: reading this document needs more memory than a worker may use")};
  } catch (const std::exception& e) {
    // The one place where a document's unexpected failure becomes an error record.
    records = {ErrorRecord(file, std::string("internal: ") + e.what())};
  }
  source.reset();
  const ocr::ScopedStage stage(ocr::Stage::kOutput);
  if (range) {
    out.WritePart(file.name, file.sha256, range->part, records);
    return {{"done", nlohmann::json::array()}, {"part", range->part}};
  }
  const std::vector<std::string> files = out.WriteInput(file.name, file.sha256, records);
  nlohmann::json done = nlohmann::json::array();
  for (size_t i = 0; i < records.size() && i < files.size(); ++i)
    done.push_back({{"file", files[i]},
                    {"status", records[i].status},
                    {"error", records[i].errors.empty() ? "" : records[i].errors.front()}});
  return {{"done", done}};
}

// A page is held in buffers of tens of megabytes (colour, grey, the cleaned grey,
// Tesseract's copies), allocated and freed page after page. glibc serves blocks
// that large by mmap and hands them back to the kernel when freed, and trims the
// heap's top; every page then faulted in and zeroed its memory afresh. A worker
// keeps what it freed for the next page instead (its peak stays what it was, and
// the worker's address-space limit bounds it as before): on the benchmark's 18
// pages, 250,000 page faults became 89,000 and the system time fell by a third.
void KeepFreedMemory() {
  // 32 MB is the most glibc accepts for the mmap threshold on 64-bit (a 300 dpi
  // A4 colour page is 26 MB); larger blocks are mapped as before.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  mallopt(M_TOP_PAD, 64 << 20);
}

}  // namespace

nlohmann::json ToJson(const WorkerConfig& c) {
  nlohmann::json templates = nlohmann::json::array();
  for (const auto& t : c.template_files) templates.push_back(t.string());
  return {{"out_dir", c.out_dir.string()},
          {"fingerprint", c.fingerprint},
          {"verbose", c.verbose},
          {"templates", templates},
          {"dpi", c.process.dpi},
          {"forced_template", c.process.forced_template},
          {"trust_threshold", c.process.trust_threshold},
          {"max_page_pixels", c.process.max_page_pixels},
          {"pages_in_memory", c.process.pages_in_memory},
          {"chunk_pages", c.chunk_pages},
          {"tessdata_dir", c.engine.tessdata_dir},
          {"chinese_model", c.engine.chinese_model},
          {"latin_model", c.engine.latin_model},
          {"second_model", c.engine.second_model},
          {"own_model_dir", c.engine.own_model_dir},
          {"second_opinion_below", c.engine.second_opinion_below},
          {"second_opinion_weakest_below", c.engine.second_opinion_weakest_below}};
}

WorkerConfig WorkerConfigFromJson(const nlohmann::json& j) {
  WorkerConfig c;
  c.out_dir = j.at("out_dir").get<std::string>();
  c.fingerprint = j.at("fingerprint").get<std::string>();
  c.verbose = j.value("verbose", false);
  for (const auto& t : j.at("templates")) c.template_files.emplace_back(t.get<std::string>());
  c.process.dpi = j.at("dpi").get<int>();
  c.process.forced_template = j.at("forced_template").get<std::string>();
  c.process.trust_threshold = j.at("trust_threshold").get<double>();
  c.process.max_page_pixels = j.at("max_page_pixels").get<long long>();
  c.process.pages_in_memory = j.value("pages_in_memory", c.process.pages_in_memory);
  c.chunk_pages = j.value("chunk_pages", 0);
  c.engine.tessdata_dir = j.at("tessdata_dir").get<std::string>();
  c.engine.chinese_model = j.at("chinese_model").get<std::string>();
  c.engine.latin_model = j.at("latin_model").get<std::string>();
  c.engine.second_model = j.at("second_model").get<std::string>();
  c.engine.own_model_dir = j.value("own_model_dir", c.engine.own_model_dir);
  c.engine.second_opinion_below = j.at("second_opinion_below").get<float>();
  c.engine.second_opinion_weakest_below = j.value("second_opinion_weakest_below", c.engine.second_opinion_weakest_below);
  return c;
}

int WorkerMain() {
  KeepFreedMemory();
  Channel channel(kWorkerFd);
  const auto first = channel.Receive();
  if (!first || !first->contains("config")) return 2;
  const WorkerConfig config = WorkerConfigFromJson(first->at("config"));
  SetUpWorkerLogging(config.out_dir, config.verbose);
  // Like Tesseract's OpenMP (main.cpp): parallelism is one worker process per core,
  // and OpenCV's own thread pool in every worker only contends with the others.
  cv::setNumThreads(1);
  std::vector<extract::FormTemplate> templates;
  std::unique_ptr<ocr::OcrEngine> tesseract;
  try {
    for (const auto& file : config.template_files) templates.push_back(extract::LoadTemplateFile(file));
    tesseract = ocr::MakeTesseractEngine(config.engine);  // once per worker, reused for every document
  } catch (const std::exception& e) {
    spdlog::error("worker cannot start: {}", e.what());
    channel.Send({{"fatal", e.what()}});
    return 2;
  }
  HeartbeatEngine engine(*tesseract, channel);
  OutputDir out(config.out_dir, config.fingerprint);
  if (!channel.Send({{"ready", true}})) return 0;
  while (const auto message = channel.Receive()) {
    if (!message->contains("task")) continue;
    const auto& t = message->at("task");
    const InputFile file{t.at("path").get<std::string>(), t.at("display_path").get<std::string>(),
                         t.at("name").get<std::string>(), t.at("sha256").get<std::string>()};
    std::optional<PageRange> range;
    if (t.contains("range"))
      range = PageRange{t["range"].at("first").get<int>(), t["range"].at("last").get<int>(), t["range"].at("part").get<int>()};
    nlohmann::json done;
    try {
      done = ReadOne(file, range, config, templates, engine, out, channel);
    } catch (const std::exception& e) {
      // Records that cannot be written: the parent tries to write the error record.
      spdlog::error("{}: cannot write its records: {}", file.display_path, e.what());
      channel.Send({{"failed", std::string("internal: cannot write its records: ") + e.what()}});
      continue;
    }
    nlohmann::json seconds = nlohmann::json::object();
    for (const auto& [stage, s] : ocr::NamedStages(ocr::StageClock::ThisThread().Take())) seconds[stage] = s;
    done["seconds"] = seconds;
    if (!channel.Send(done)) break;
  }
  return 0;
}

}  // namespace shenbao::pipeline
