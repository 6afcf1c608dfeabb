#pragma once
// One input file → its records: render each page, look at it, split the file into
// documents where a new form begins, read each document with its template.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "extract/form_template.h"
#include "extract/record.h"
#include "ocr/ocr_engine.h"

namespace shenbao::pipeline {

struct ProcessOptions {
  int dpi = 300;                    // PDF rasterization
  std::string forced_template;      // --template ID: read every document with this one
  double trust_threshold = 0.9;     // confidence a value needs to be trusted without review
  long long max_page_pixels = 120'000'000;
  std::function<void()> on_page;    // called after each page is analysed (progress display)
};

struct InputFile {
  std::filesystem::path path;       // to open
  std::string display_path;         // as the user named it, for the record
  std::string name;                 // unique, file-system safe, for records/<name>.json
  std::string sha256;
};

// The record of a file that gave nothing else: status "error", `error` its reason.
extract::Record ErrorRecord(const InputFile& input, const std::string& error);

// Never throws for a bad document: a file that cannot be read gives one record with
// status "error" and the reason in `errors`.
std::vector<extract::Record> ProcessFile(const InputFile& input, const std::vector<extract::FormTemplate>& templates,
                                         ocr::OcrEngine& engine, const ProcessOptions& options);

}  // namespace shenbao::pipeline
