#pragma once
// The worker side of the batch: a child process of shenbao (`shenbao --worker`)
// that makes one OCR engine, then reads documents one after another and writes
// their records into the output folder. A document that crashes a library call
// (a segfault inside Poppler, Tesseract or Leptonica), hangs, or eats all memory
// takes down this process only; the parent (worker_pool.h) writes its error record
// and starts another worker.
//
// Protocol: one JSON object per line over the socket at file descriptor 3.
//   parent → worker: {"config": {...}} once, then {"task": {path, display_path, name, sha256[, range]}}
//                    range {first, last, part}: read only that part of the file (ProcessPages)
//   worker → parent: {"ready": true} | {"fatal": message}        once, after start-up
//                    {"start": pages}   the file is open (-1: it cannot be, ProcessFile says why)
//                    {"start": pages, "parts": [[first, last], ...]}  the file is long: this
//                                       worker reads part 0 only, the parent hands out the rest
//                    {"page": n}        n pages analysed
//                    {"beat": 1}        OCR goes on (at most once a second)
//                    {"done": [{"file", "status", "error"}, ...]}  records written
//                    {"done": [], "part": k}  part k's records written to state/ (OutputDir::WritePart)
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ocr/ocr_engine.h"
#include "pipeline/process_document.h"

namespace shenbao::pipeline {

// The command-line argument that turns shenbao into a worker (hidden from --help).
inline constexpr const char* kWorkerArgument = "--worker";
inline constexpr int kWorkerFd = 3;

// Everything a worker needs to read documents the way the parent would.
struct WorkerConfig {
  std::filesystem::path out_dir;
  std::string fingerprint;                           // OutputDir's: written into state/*.done
  std::vector<std::filesystem::path> template_files; // loaded by the worker itself
  ProcessOptions process;                            // on_page is the worker's own
  int chunk_pages = 0;                               // a file longer than this is read in parts; 0: never
  ocr::EngineOptions engine;
  bool verbose = false;                              // --verbose: debug messages in shenbao.log
};

nlohmann::json ToJson(const WorkerConfig& config);
WorkerConfig WorkerConfigFromJson(const nlohmann::json& json);

// The worker's main loop; returns its exit status. For fault-injection tests, the
// environment variable SHENBAO_WORKER_FAULT="segv:TEXT,hang:OTHER" makes the worker
// crash (or hang) at its first OCR call on a document whose path contains TEXT (OTHER).
int WorkerMain();

}  // namespace shenbao::pipeline
