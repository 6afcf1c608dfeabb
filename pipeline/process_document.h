#pragma once
// One input file → its records: render each page, look at it, split the file into
// documents where a new form begins, read each document with its template.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "extract/form_template.h"
#include "extract/record.h"
#include "ocr/document_source.h"
#include "ocr/ocr_engine.h"

namespace shenbao::pipeline {

struct ProcessOptions {
  int dpi = 300;                    // PDF rasterization
  std::string forced_template;      // --template ID: read every document with this one
  double trust_threshold = 0.9;     // confidence a value needs to be trusted without review
  long long max_page_pixels = 120'000'000;
  // Pages of the open document kept in memory with their pixels; older ones are
  // moved to unlinked temporary files (mapped back when the fields are read), so a
  // long document costs disk, not memory. 0: keep every page in memory.
  int pages_in_memory = 4;
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

// A slice of a file's pages read by one worker while others read the rest.
// Like splitting a text file into lines: a part after the first skips its leading
// pages until one that starts a document (those belong to the document the part
// before it leaves open), and reads on past `last` until the next page that starts
// one. So each document is read whole by exactly one part, and the parts' records,
// in part order, are those of the whole file. Records of a part > 0 are numbered
// from 1 within the part and their crops go under crops/<name>~part<k>-<n>/
// (PartCropPrefix); OutputDir::MergeParts renumbers and renames them.
struct PageRange {
  int first = 0;
  int last = -1;   // -1: to the end of the file
  int part = 0;
};

std::string PartCropPrefix(const std::string& name, int part, int document);

// Reads the pages of `range` from an open source. Never throws for a bad page.
std::vector<extract::Record> ProcessPages(const InputFile& input, ocr::PageSource& source, const PageRange& range,
                                          const std::vector<extract::FormTemplate>& templates, ocr::OcrEngine& engine,
                                          const ProcessOptions& options);

// Never throws for a bad document: a file that cannot be read gives one record with
// status "error" and the reason in `errors`.
std::vector<extract::Record> ProcessFile(const InputFile& input, const std::vector<extract::FormTemplate>& templates,
                                         ocr::OcrEngine& engine, const ProcessOptions& options);

}  // namespace shenbao::pipeline
