#include "pipeline/process_document.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <memory>
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

// The pixels of one image moved out of memory: written to an unlinked temporary
// file and mapped back privately (a reader that writes gets its own copy). The
// kernel can drop these pages and read them again, as it cannot with heap memory;
// the file vanishes with the mapping, even after kill -9.
class SpilledPixels {
 public:
  // Replaces `mat`'s pixels with the mapped copy; nullptr (and `mat` untouched)
  // when the copy cannot be made, e.g. the disk is full.
  static std::unique_ptr<SpilledPixels> Spill(cv::Mat& mat) {
    if (mat.empty()) return nullptr;
    if (!mat.isContinuous()) mat = mat.clone();
    const size_t size = mat.total() * mat.elemSize();
    const std::string dir = std::filesystem::temp_directory_path().string();
    const int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd < 0) return nullptr;
    size_t written = 0;
    while (written < size) {
      const ssize_t n = ::write(fd, mat.data + written, size - written);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      written += static_cast<size_t>(n);
    }
    void* data = written == size ? ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0) : MAP_FAILED;
    ::close(fd);
    if (data == MAP_FAILED) return nullptr;
    auto spilled = std::unique_ptr<SpilledPixels>(new SpilledPixels(data, size));
    mat = cv::Mat(mat.rows, mat.cols, mat.type(), data);  // frees the heap copy
    return spilled;
  }
  ~SpilledPixels() { ::munmap(data_, size_); }
  SpilledPixels(const SpilledPixels&) = delete;
  SpilledPixels& operator=(const SpilledPixels&) = delete;

 private:
  SpilledPixels(void* data, size_t size) : data_(data), size_(size) {}
  void* data_;
  size_t size_;
};

// A run of pages that belong together, with the template that opened it (if any).
// Declared members in this order so that the pages (whose Mats may point into the
// spilled mappings) go before the mappings do.
struct OpenDocument {
  std::vector<std::unique_ptr<SpilledPixels>> spilled;
  TemplateMatch match;
  std::vector<AnalyzedPage> pages;
  std::vector<std::string> page_errors;
  size_t pages_spilled = 0;  // pages[0, pages_spilled) hold no pixels in memory

  // Keeps at most `in_memory` pages' pixels on the heap: a 300 dpi colour page
  // costs about 45 MB held (colour, grey and the OCR grey), and a document can be
  // hundreds of pages long.
  void BoundMemory(int in_memory) {
    if (in_memory <= 0) return;
    while (pages.size() - pages_spilled > static_cast<size_t>(in_memory)) {
      AnalyzedPage& page = pages[pages_spilled++];
      for (cv::Mat* mat : {&page.image.color, &page.image.gray, &page.ocr_gray})
        if (auto s = SpilledPixels::Spill(*mat)) spilled.push_back(std::move(s));
    }
  }
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
                      const std::string& crop_prefix, ocr::OcrEngine& engine, const ProcessOptions& options) {
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
    read_options.crop_prefix = crop_prefix;
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

std::string PartCropPrefix(const std::string& name, int part, int document) {
  // "~part" cannot come from SafeName's file names mixed with a document number.
  if (part == 0) return "crops/" + name + (document > 1 ? "-" + std::to_string(document) : "");
  return "crops/" + name + "~part" + std::to_string(part) + "-" + std::to_string(document);
}

std::vector<Record> ProcessFile(const InputFile& input, const std::vector<FormTemplate>& templates,
                                ocr::OcrEngine& engine, const ProcessOptions& options) {
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
  return ProcessPages(input, *source, PageRange{}, templates, engine, options);
}

std::vector<Record> ProcessPages(const InputFile& input, ocr::PageSource& source, const PageRange& range,
                                 const std::vector<FormTemplate>& templates, ocr::OcrEngine& engine,
                                 const ProcessOptions& options) {
  std::vector<Record> records;
  const int page_count = source.page_count();
  const int last = range.last < 0 ? page_count - 1 : std::min(range.last, page_count - 1);
  const FormTemplate* forced = options.forced_template.empty() ? nullptr : FindTemplate(templates, options.forced_template);
  std::optional<OpenDocument> current;
  int unreadable_pages = 0;
  auto close_current = [&] {
    if (!current) return;
    const int number = static_cast<int>(records.size()) + 1;
    records.push_back(FinishDocument(*current, input, page_count, number, PartCropPrefix(input.name, range.part, number),
                                     engine, options));
    current.reset();
  };
  // A part after the first reads nothing until a page starts a document.
  bool reading = range.first == 0;
  int i = range.first;
  for (; i < page_count; ++i) {
    if (i > last && !reading) break;  // the whole range belongs to a document begun before it
    AnalyzedPage page;
    try {
      ocr::PageImage image;
      {
        const ocr::ScopedStage stage(ocr::Stage::kRasterize);
        image = source.Render(i);
      }
      page = extract::AnalyzePage(std::move(image), engine);
    } catch (const ocr::DocumentError& e) {
      if (!reading) continue;  // never starts a document: the part before reads it
      ++unreadable_pages;
      if (!current) current.emplace();
      current->page_errors.push_back("page " + std::to_string(i + 1) + ": " + e.reason() + ": " + e.what());
      continue;
    } catch (const cv::Exception& e) {
      if (!reading) continue;
      ++unreadable_pages;
      if (!current) current.emplace();
      current->page_errors.push_back("page " + std::to_string(i + 1) + ": image processing failed: " + e.what());
      continue;
    }
    // Progress counts the pages of the range only: pages read on past it are the
    // next part's too.
    if (options.on_page && i <= last) options.on_page();
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
    if (!reading && !starts_document) continue;
    reading = true;
    if (i > last && starts_document) break;  // the next part's first document
    if (starts_document) {
      close_current();
      current.emplace();
      current->match = match;
    } else if (!current) {
      current.emplace();  // pages before any recognised title: an unmatched document
    }
    if (!current->match.form) {
      // Keep text only: an unmatched run can be long.
      FillFullText(page, engine);
      page.ReleasePixels();
    }
    current->pages.push_back(std::move(page));
    current->BoundMemory(options.pages_in_memory);
  }
  close_current();
  // The file as a whole: only the part that begins it, and only when it read to
  // the end, can tell (a page that starts a document would have ended it earlier).
  if (range.first == 0 && i >= page_count && (records.empty() || unreadable_pages == page_count)) {
    Record r = NewRecord(input, page_count, options.dpi);
    r.status = "error";
    r.errors.push_back("unreadable: no page of this file could be read");
    if (!records.empty()) r.errors.insert(r.errors.end(), records.front().errors.begin(), records.front().errors.end());
    return {r};
  }
  return records;
}

}  // namespace shenbao::pipeline
