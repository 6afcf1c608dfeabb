#include "pipeline/process_document.h"

#include <optional>

#include <spdlog/spdlog.h>

#include "extract/classify.h"
#include "extract/form_reader.h"
#include "extract/fulltext.h"
#include "extract/page_analysis.h"
#include "extract/validate.h"
#include "ocr/document_source.h"
#include "ocr/stage_clock.h"

namespace shenbao::pipeline {
namespace {

using extract::AnalyzedPage;
using extract::FormTemplate;
using extract::Record;
using extract::TemplateMatch;

// A run of pages that belong together, with the template that opened it (if any).
struct OpenDocument {
  TemplateMatch match;
  std::vector<AnalyzedPage> pages;
  std::vector<std::string> page_errors;
};

Record NewRecord(const InputFile& input, int page_count, int dpi) {
  Record r;
  r.path = input.display_path;
  r.sha256 = input.sha256;
  r.pages = page_count;
  r.dpi = dpi;
  return r;
}

// The full text of a page no template fits, tables included, read again from a
// cleaned page when the first reading is poor (ReadFullText), so a person can search
// and file it. Needs the pixels: a page whose pixels are released keeps its lines.
void FillFullText(AnalyzedPage& page, ocr::OcrEngine& engine) {
  if (page.ocr_gray.empty()) return;
  page.lines = extract::ReadFullText(page, engine);
}

Record FinishDocument(OpenDocument& doc, const InputFile& input, int page_count, int document_number,
                      ocr::OcrEngine& engine, const ProcessOptions& options) {
  Record r = NewRecord(input, page_count, doc.pages.empty() ? options.dpi : doc.pages.front().image.dpi);
  r.document = document_number;
  if (!doc.pages.empty()) {
    r.first_page = doc.pages.front().image.page;
    r.last_page = doc.pages.back().image.page;
    for (const auto& p : doc.pages) r.rotations.push_back(p.image.rotation);
  }
  r.errors = doc.page_errors;
  if (doc.match.form) {
    const FormTemplate& form = *doc.match.form;
    r.template_id = form.id;
    r.template_version = form.version;
    r.score = doc.match.score;
    extract::ReadOptions read_options;
    read_options.trust_threshold = options.trust_threshold;
    read_options.crop_prefix = "crops/" + input.name + (document_number > 1 ? "-" + std::to_string(document_number) : "");
    {
      const ocr::ScopedStage stage(ocr::Stage::kFields);
      extract::ReadDocument(form, doc.match, doc.pages, engine, read_options, r);
    }
    const ocr::ScopedStage stage(ocr::Stage::kValidation);
    extract::Validate(form, r);
    for (const auto& p : doc.pages)
      if (p.deskew_refused)
        r.validation.push_back({"warning", "page " + std::to_string(p.image.page), "deskew-refused",
                                "页面倾斜无法可靠校正，请核对识别结果"});
    r.status = "needs_review";
    extract::SetStatus(r, options.trust_threshold);
    if (!doc.page_errors.empty()) r.status = "needs_review";
  } else {
    r.status = "unmatched";
    for (auto& p : doc.pages) {
      FillFullText(p, engine);
      r.page_texts.push_back({p.image.page, p.image.rotation, extract::JoinedPageText(p)});
    }
    r.validation.push_back({"warning", "", "no-template", "没有与本文件匹配的模板，已保留全文供人工归档"});
  }
  for (auto& p : doc.pages) p.ReleasePixels();
  return r;
}

const FormTemplate* FindTemplate(const std::vector<FormTemplate>& templates, const std::string& id) {
  for (const auto& t : templates)
    if (t.id == id) return &t;
  return nullptr;
}

}  // namespace

Record ErrorRecord(const InputFile& input, const std::string& error) {
  Record r;
  r.path = input.display_path;
  r.sha256 = input.sha256;
  r.status = "error";
  r.errors.push_back(error);
  return r;
}

std::vector<Record> ProcessFile(const InputFile& input, const std::vector<FormTemplate>& templates,
                                ocr::OcrEngine& engine, const ProcessOptions& options) {
  std::vector<Record> records;
  std::unique_ptr<ocr::PageSource> source;
  try {
    source = ocr::OpenDocument(input.path, {options.dpi, options.max_page_pixels});
  } catch (const ocr::DocumentError& e) {
    Record r = NewRecord(input, 0, options.dpi);
    r.status = "error";
    r.errors.push_back(e.reason() + ": " + e.what());
    spdlog::warn("{}: {}", input.display_path, e.what());
    return {r};
  }
  const int page_count = source->page_count();
  const FormTemplate* forced = options.forced_template.empty() ? nullptr : FindTemplate(templates, options.forced_template);
  std::optional<OpenDocument> current;
  int unreadable_pages = 0;
  auto close_current = [&] {
    if (!current) return;
    records.push_back(FinishDocument(*current, input, page_count, static_cast<int>(records.size()) + 1, engine, options));
    current.reset();
  };
  for (int i = 0; i < page_count; ++i) {
    AnalyzedPage page;
    try {
      ocr::PageImage image;
      {
        const ocr::ScopedStage stage(ocr::Stage::kRasterize);
        image = source->Render(i);
      }
      page = extract::AnalyzePage(std::move(image), engine);
    } catch (const ocr::DocumentError& e) {
      ++unreadable_pages;
      if (!current) current.emplace();
      current->page_errors.push_back("page " + std::to_string(i + 1) + ": " + e.reason() + ": " + e.what());
      continue;
    } catch (const cv::Exception& e) {
      ++unreadable_pages;
      if (!current) current.emplace();
      current->page_errors.push_back("page " + std::to_string(i + 1) + ": image processing failed: " + e.what());
      continue;
    }
    if (options.on_page) options.on_page();
    TemplateMatch match;
    {
      const ocr::ScopedStage stage(ocr::Stage::kLayout);
      match = extract::ClassifyPage(page, templates);
    }
    if (forced && match.form != forced && (!current || !current->match.form)) {
      match.form = forced;  // --template: the user says what it is
      match.score = std::max(match.score, 0.0);
    } else if (forced && match.form && match.form != forced) {
      match = TemplateMatch{};
    }
    const bool starts_document = match.form != nullptr;
    if (starts_document) {
      close_current();
      current.emplace();
      current->match = match;
    } else if (!current) {
      current.emplace();  // pages before any recognised title: an unmatched document
    } else if (!current->match.form && !page.blank) {
      // Unmatched runs stay together; their pixels are not needed beyond the text.
    }
    if (!current->match.form) FillFullText(page, engine);
    if (!current->match.form) {
      // Keep text only: an unmatched run can be long.
      page.ReleasePixels();
    }
    current->pages.push_back(std::move(page));
  }
  close_current();
  if (records.empty() || unreadable_pages == page_count) {
    Record r = NewRecord(input, page_count, options.dpi);
    r.status = "error";
    r.errors.push_back("unreadable: no page of this file could be read");
    if (!records.empty()) r.errors.insert(r.errors.end(), records.front().errors.begin(), records.front().errors.end());
    return {r};
  }
  return records;
}

}  // namespace shenbao::pipeline
