#pragma once
// The batch: every input file through ProcessFile on N workers, each with its own
// OCR engine; records written as each file finishes; progress shown; a summary.
#include <filesystem>
#include <string>
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
  bool quiet = false;
};

struct BatchSummary {
  int inputs = 0;
  int skipped = 0;                      // finished by an earlier run
  int records = 0;
  int ok = 0, needs_review = 0, unmatched = 0, error = 0;
  int pages = 0;
  double seconds = 0;
  int ExitCode() const { return error > 0 ? 1 : 0; }
};

// Finds the input files: each named file, and every supported file under each
// named folder, sorted. A name that does not exist is reported and counted as error.
std::vector<InputFile> CollectInputs(const std::vector<std::string>& inputs, std::vector<std::string>* missing);

BatchSummary RunBatch(const BatchOptions& options, const std::vector<extract::FormTemplate>& templates);

}  // namespace shenbao::pipeline
