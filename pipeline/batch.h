#pragma once
// The batch: every input file through ProcessFile on N worker processes
// (worker_pool.h), each with its own OCR engine; records written as each file
// finishes; progress shown; a summary.
#include <filesystem>
#include <ostream>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "extract/form_template.h"
#include "ocr/ocr_engine.h"
#include "pipeline/process_document.h"

namespace shenbao::pipeline {

struct BatchOptions {
  std::vector<std::string> inputs;      // files or folders (recursed)
  std::filesystem::path out_dir;
  int jobs = 0;                         // 0: one per core
  ProcessOptions process;
  ocr::EngineOptions engine;
  std::string templates_fingerprint;    // ids, versions and content hash of the templates in use
  bool quiet = false;                   // no progress on stderr (the log file still gets it)
  bool verbose = false;                 // debug messages, the workers' too, in the log file
  double page_timeout_s = 120;          // a worker silent this long, or a document slower than this a page, is stopped
  double document_timeout_s = 0;        // a cap on any one document's time; 0: only the per-page limit
  long long worker_memory_mb = 8192;    // address-space limit of each worker process
  // With more than one worker, a file of at least twice this many pages is read in
  // parts of this many pages by several workers (ProcessPages); 0: never. Parts
  // overlap by the page that starts the next document (both read it), so smaller
  // parts spread better and waste more. The environment variable
  // SHENBAO_CHUNK_PAGES overrides it (tests use short files), as
  // SHENBAO_PAGES_IN_MEMORY does ProcessOptions::pages_in_memory (to measure it).
  int chunk_pages = 16;
  std::string worker_program = "/proc/self/exe";  // shenbao itself, started as `shenbao --worker`
};

struct BatchSummary {
  int inputs = 0;
  int skipped = 0;                      // finished by an earlier run
  int records = 0;
  int ok = 0, needs_review = 0, unmatched = 0, error = 0;
  int pages = 0;
  int crashed = 0, timed_out = 0;       // documents whose worker died or was stopped, this run
  bool interrupted = false;             // stopped by SIGINT/SIGTERM: the rest is read on the next run
  double seconds = 0;
  std::map<std::string, double> stage_seconds;  // workers' time by stage, this run (summed over workers)
  std::vector<std::pair<std::string, std::string>> errors;  // path and reason of each error record
  // RECORD.md: 0 every document has a record, 1 some could not be read; 130 interrupted.
  int ExitCode() const { return interrupted ? 130 : error > 0 ? 1 : 0; }
};

// The end-of-run summary, one screen at most: counts, the errors (the first few),
// and where the output is.
void PrintSummary(const BatchSummary& summary, const std::filesystem::path& out_dir, std::ostream& out);

// Finds the input files: each named file, and every supported file under each
// named folder, sorted. A name that does not exist is reported and counted as error.
std::vector<InputFile> CollectInputs(const std::vector<std::string>& inputs, std::vector<std::string>* missing);

BatchSummary RunBatch(const BatchOptions& options, const std::vector<extract::FormTemplate>& templates);

}  // namespace shenbao::pipeline
