#pragma once
// The record of one document (RECORD.md): plain values, turned into JSON in one place.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>

namespace shenbao::extract {

struct FieldResult {
  nlohmann::json value;          // normalized; null when blank on paper
  std::string text;              // what OCR read
  double confidence = 0;         // 0..1, calibrated (see confidence.h)
  double ocr_confidence = 0;     // Tesseract's own, 0..1, before calibration
  std::string ocr_models;        // "agree": two models read the same; "vote": they differed; "" one model
  double weakest_char = 1;       // OCR confidence of the least sure character
  int page = 0;
  cv::Rect bbox;
  bool valid = true;             // passed its type check
  std::string error;             // why not, in Chinese (becomes a validation entry)
  bool under_seal = false;       // a seal overlaps it: read with the seal's ink removed
  bool past_rule = false;        // runs on across its box's rule: read whole, the rule painted out
  std::string correction;        // what was changed beyond normalization
  bool unlisted_surname = false; // a person's name that begins with no listed family name
  std::string crop;              // review crop, relative to the output folder
  // Numbers (not in the record): per character of `text`, the other characters the
  // OCR weighed there, for a reader that has other evidence (a 序号's row order).
  std::vector<std::vector<std::string>> runner_ups;
};

using FieldMap = std::vector<std::pair<std::string, FieldResult>>;  // template order

struct StampResult {
  std::string zone;
  bool required = true;
  bool present = false;
  double confidence = 0;
  int page = 0;
  cv::Rect bbox;
  std::string color;             // red / orange / pink / dark / unknown
  std::string crop;
  std::string owner_text;        // the seal's arc text as read
  std::optional<bool> owner_match;  // does it name the unit the form names?
};

struct ValidationEntry {
  std::string severity;          // "error" or "warning"
  std::string field;             // "projects[2].project_name", "filing_unit_seal"
  std::string rule;
  std::string message;           // Chinese, for a person
};

struct PageText {
  int page = 0;
  int rotation = 0;
  std::string text;
};

// An image the pipeline writes next to the records (seal crop, field crop).
struct CropImage {
  std::string relative_path;
  cv::Mat pixels;
};

struct Record {
  // source
  std::string path;
  std::string sha256;
  int pages = 0;                 // pages in the file
  int document = 1;              // documents counted from 1 within the file
  int first_page = 0, last_page = 0;
  int dpi = 300;
  std::vector<int> rotations;    // per page of this document; reported when any is non-zero
  // template
  std::string template_id;
  std::string template_version;
  double score = 0;
  std::string status = "error";  // ok / needs_review / unmatched / error
  FieldMap fields;
  std::vector<std::pair<std::string, std::vector<FieldMap>>> tables;
  std::vector<StampResult> stamps;
  std::vector<ValidationEntry> validation;
  std::vector<std::string> errors;
  std::vector<PageText> page_texts;  // unmatched documents: full text, page by page
  std::vector<CropImage> crops;      // written by the pipeline, not serialized
};

// The record's JSON per RECORD.md (record_version 1).
nlohmann::ordered_json ToJson(const Record& record);

// "ok" only when nothing needs a person; otherwise "needs_review". Leaves
// "unmatched" and "error" as they are.
void SetStatus(Record& record, double trust_threshold);

}  // namespace shenbao::extract
