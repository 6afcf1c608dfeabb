// Official letters (公文, GB/T 9704-2012): the parts are found by their place in the
// layout, which the standard fixes — red banner, 发文字号, title, addressee with a
// colon, body paragraphs (first line indented two characters), 附件, then the
// signature with the date under it at the right.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include <opencv2/imgproc.hpp>
#include <spdlog/spdlog.h>

#include "extract/chinese_marks.h"
#include "extract/layout_readers.h"
#include "extract/letter_lines.h"
#include "extract/normalize.h"
#include "extract/unicode_regex.h"
#include "ocr/cell_ink.h"
#include "ocr/text_lines.h"

namespace shenbao::extract {
namespace {

struct Line {
  const TextLine* text;
  const AnalyzedPage* page;
};

bool StartsWith(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

bool IsPageNumber(const std::string& text) {
  static const UnicodeRegex kPageNumber(R"(^[—\-－–一_ ]*\d{1,3}[—\-－–一_ ]*$)");
  return kPageNumber.Search(RemoveWhitespace(ToHalfWidth(text)));
}

bool IsDocNumber(const std::string& text) {
  static const UnicodeRegex kDocNumber(R"(\d{4}\D{0,2}\d{1,4}号$)");
  return kDocNumber.Search(RemoveWhitespace(ToHalfWidth(text)));
}

bool IsDateLine(const std::string& text) {
  static const UnicodeRegex kDateLike(
      R"(^((\d{4}|[〇零○OО一二三四五六七八九]{4,5})年.{0,4}月.{0,4}日|\d{4}[.\-/]\d{1,2}[.\-/]\d{1,2})$)");
  return kDateLike.Search(RemoveWhitespace(text));
}

// 二〇二三年 with its 〇 read as two glyphs ("二O〇二三年"): one zero-like pair becomes 〇
// when the year has five numerals, so the date parses.
std::string MendChineseYear(const std::string& date) {
  const size_t year_end = date.find("年");
  if (year_end == std::string::npos) return date;
  std::string year = date.substr(0, year_end);
  for (const char* pair : {"O〇", "〇O", "○〇", "〇○", "OO", "〇〇", "O○", "○O"}) {
    const size_t at = year.find(pair);
    const auto code_points = std::count_if(year.begin(), year.end(), [](char c) { return (c & 0xC0) != 0x80; });
    if (at == std::string::npos || code_points != 5) continue;
    year.replace(at, std::string(pair).size(), "〇");
    break;
  }
  return year + date.substr(year_end);
}

// Trailing punctuation a line-end OCR adds or that ends the addressee (：, or ；
// for a smudged colon); attachment titles and addressees never end in one.
std::string StripTrailingPunctuation(std::string s) {
  for (bool stripped = true; stripped;) {
    stripped = false;
    for (const char* p : {"：", ":", "；", ";", "，", ",", "。", "_"})
      if (s.size() >= std::string(p).size() && s.ends_with(p)) {
        s.resize(s.size() - std::string(p).size());
        stripped = true;
      }
  }
  return s;
}

// 〔2024〕】25号 → 〔2024〕25号: a bracket read twice.
std::string CleanDocNumber(const std::string& raw) {
  std::string s = NormalizeDocNumber(raw);
  const size_t close = s.find("〕");
  if (close == std::string::npos) return s;
  std::string tail = s.substr(close + std::string("〕").size());
  for (const char* junk : {"】", "]", ")", "）", "〕", "|"})
    while (tail.rfind(junk, 0) == 0) tail = tail.substr(std::string(junk).size());
  return s.substr(0, close) + "〕" + tail;
}

FieldResult FromLines(const std::vector<Line>& lines, nlohmann::json value) {
  FieldResult f;
  f.value = std::move(value);
  f.valid = true;
  double confidence = 0;
  for (const Line& l : lines) {
    f.text += (f.text.empty() ? "" : "\n") + l.text->raw;
    confidence += l.text->confidence;
    if (f.page == 0 || f.page == l.page->image.page) {
      f.bbox = f.page == 0 ? l.text->box : (f.bbox | l.text->box);
      f.page = l.page->image.page;
    }
    f.under_seal = f.under_seal || UnderSeal(l.text->box, l.page->seals);
    NoteLexiconChanges(l.text->corrections, &f.correction);
  }
  f.ocr_confidence = lines.empty() ? 1.0 : confidence / lines.size();
  return f;
}

// The red banner: dropped with the seal ink from what OCR reads, so it is read from
// the plain grey image, above the title. The banner is the tallest line there.
FieldResult ReadBanner(const AnalyzedPage& page, int bottom, ocr::OcrEngine& engine) {
  FieldResult f;
  f.page = page.image.page;
  f.value = nullptr;
  const cv::Mat& gray = page.image.gray;
  if (gray.empty() || bottom < 16) return f;
  const cv::Rect region = cv::Rect(0, 0, gray.cols, bottom) & cv::Rect(0, 0, gray.cols, gray.rows);
  const cv::Mat crop = gray(region);
  std::vector<cv::Rect> bands = ocr::SplitTextLines(crop);
  std::erase_if(bands, [&](const cv::Rect& b) { return b.height < gray.rows / 200; });  // the red rule
  if (bands.empty()) return f;
  const cv::Rect band = *std::max_element(bands.begin(), bands.end(),
                                          [](const cv::Rect& a, const cv::Rect& b) { return a.height < b.height; });
  cv::Mat line = crop(band);
  const cv::Rect ink = ocr::InkBounds(line);
  if (ink.area() == 0) return f;
  const int margin = std::max(4, ink.height / 4);
  line = line(cv::Rect(ink.x - margin, 0, ink.width + 2 * margin, line.rows) & cv::Rect(0, 0, line.cols, line.rows));
  // Banner type is 12–15 mm high: far larger than Tesseract reads best.
  cv::Mat scaled;
  const double scale = std::min(1.0, 64.0 / std::max(1, ink.height));
  cv::resize(line, scaled, cv::Size(), scale, scale, cv::INTER_AREA);
  const ocr::OcrText text = engine.Recognize(scaled, ocr::TextKind::kLine);
  std::string value = RemoveWhitespace(NormalizeText(text.Joined("")));
  // "湖北省经济和信息化厅文件": the banner names the issuer, then says 文件.
  if (value.ends_with("文件") && value.size() > 9) value.resize(value.size() - std::string("文件").size());
  f.text = text.Joined("");
  f.bbox = band + region.tl();
  f.ocr_confidence = text.confidence;
  f.valid = !value.empty();
  f.value = value.empty() ? nlohmann::json(nullptr) : nlohmann::json(value);
  return f;
}

// Body lines into paragraphs: a line indented from the body's left edge starts one.
std::string JoinParagraphs(const std::vector<Line>& lines) {
  if (lines.empty()) return {};
  std::vector<int> heights;
  for (const Line& l : lines) heights.push_back(l.text->box.height);
  std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
  const int em = std::max(8, heights[heights.size() / 2]);
  std::string out;
  std::vector<std::string> paragraph;
  auto flush = [&] {
    if (paragraph.empty()) return;
    out += (out.empty() ? "" : "\n") + TidyChineseValue(NormalizeParagraph(paragraph));
    paragraph.clear();
  };
  for (size_t i = 0; i < lines.size(); ++i) {
    // The left edge of this page's body text.
    int left = lines[i].text->box.x;
    for (const Line& l : lines)
      if (l.page == lines[i].page) left = std::min(left, l.text->box.x);
    if (lines[i].text->box.x > left + em) flush();
    paragraph.push_back(lines[i].text->text);
  }
  flush();
  return out;
}

size_t Utf8Length(unsigned char lead) { return lead < 0x80 ? 1 : (lead >> 5) == 6 ? 2 : (lead >> 4) == 14 ? 3 : 4; }

// "1.甲" / "１．甲" / "2、乙" → the title alone: leading digits, then one separator.
std::string DropNumbering(const std::string& text) {
  size_t i = 0;
  while (i < text.size()) {
    const size_t n = Utf8Length(text[i]);
    const std::string cp = ToHalfWidth(text.substr(i, n));
    if (cp.size() != 1 || !std::isdigit(static_cast<unsigned char>(cp[0]))) break;
    i += n;
  }
  if (i < text.size()) i += Utf8Length(text[i]);
  return i <= text.size() ? text.substr(i) : std::string();
}

// Attachment titles: "附件：1.甲" "2.乙" (wrapped lines continue the item before).
std::vector<std::string> SplitAttachments(const std::vector<Line>& lines) {
  static const UnicodeRegex kNumbered(R"(^\d{1,2}\s*[.．、,，])");
  std::vector<std::vector<std::string>> items;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string text = RemoveWhitespace(lines[i].text->text);
    if (i == 0) {
      text = text.substr(std::string("附件").size());
      for (const char* colon : {"：", ":"})
        if (StartsWith(text, colon)) text = text.substr(std::string(colon).size());
    }
    const bool numbered = kNumbered.Search(ToHalfWidth(text));
    if (numbered || items.empty()) {
      if (numbered) text = DropNumbering(text);
      items.push_back({text});
    } else {
      items.back().push_back(text);
    }
  }
  std::vector<std::string> out;
  for (const auto& item : items) {
    const std::string joined = StripTrailingPunctuation(TidyChineseValue(NormalizeParagraph(item)));
    if (!joined.empty()) out.push_back(joined);
  }
  return out;
}

}  // namespace

void ReadLetterFields(const FormTemplate& form, const TemplateMatch& match, std::vector<AnalyzedPage>& pages,
                      ocr::OcrEngine& engine, Record& record) {
  if (pages.empty()) return;
  // Every line of the letter, read again line by line, page numbers out.
  std::vector<std::vector<TextLine>> page_lines;
  for (const AnalyzedPage& page : pages) page_lines.push_back(ReadPageLines(page, engine, form.lexicon.get()));
  std::vector<Line> lines;
  for (size_t p = 0; p < pages.size(); ++p)
    for (const TextLine& l : page_lines[p])
      if (!IsPageNumber(l.text)) {
        lines.push_back({&l, &pages[p]});
      }
  // The title: one to three lines from the first that holds 关于 (or that the match
  // found) whose joined text is the template's title.
  int title_first = -1, title_last = -1;
  std::string title_text;
  std::map<std::string, std::string> title_groups;
  for (size_t i = 0; i < lines.size() && title_first < 0 && lines[i].page == &pages.front(); ++i) {
    if (IsDocNumber(lines[i].text->text)) continue;
    std::string joined;
    for (size_t k = i; k < lines.size() && k < i + 3 && lines[k].page == lines[i].page; ++k) {
      joined += RemoveWhitespace(lines[k].text->text);
      std::map<std::string, std::string> groups;
      if (form.title_pattern && form.title_pattern->Search(joined, &groups)) {
        title_first = static_cast<int>(i), title_last = static_cast<int>(k);
        title_text = joined, title_groups = groups;
        break;
      }
    }
  }
  if (title_first < 0) {
    // Fall back to where classification saw the title.
    for (size_t i = 0; i < lines.size() && lines[i].page == &pages.front(); ++i) {
      const cv::Rect& b = lines[i].text->box;
      if ((b & match.title_box).area() > 0.5 * b.area()) {
        if (title_first < 0) title_first = static_cast<int>(i);
        title_last = static_cast<int>(i);
        title_text += RemoveWhitespace(lines[i].text->text);
      }
    }
  }
  if (title_first < 0) return;
  // Title fields (the year) from the title as read here, when the template's
  // pattern matches it: better than the fragment classification may have seen.
  for (auto& [id, f] : record.fields) {
    const FieldSpec* spec = form.FindField(id);
    if (!spec || spec->locate != Locate::kTitle || title_groups.empty()) continue;
    const ParsedValue parsed = ParseValue(spec->type, title_groups[spec->title_group], spec->choices);
    f.value = parsed.value;
    f.valid = parsed.valid;
    f.error = parsed.error;
  }
  const AnalyzedPage& first = pages.front();

  // Above the title: the 发文字号 (black) and the banner (red, read from the grey image).
  int doc_number = -1;
  for (int i = 0; i < title_first; ++i)
    if (IsDocNumber(lines[i].text->text)) doc_number = i;
  int banner_bottom = lines[title_first].text->box.y;
  if (doc_number >= 0) banner_bottom = std::min(banner_bottom, lines[doc_number].text->box.y);

  // Addressee: the first line(s) after the title, up to one ending in a colon.
  size_t addressee_end = title_last + 1;  // one past
  for (size_t i = title_last + 1; i < lines.size() && i < static_cast<size_t>(title_last) + 4; ++i) {
    const std::string t = RemoveWhitespace(lines[i].text->text);
    if (t.ends_with("：") || t.ends_with(":")) {
      addressee_end = i + 1;
      break;
    }
  }
  if (addressee_end == static_cast<size_t>(title_last) + 1 && addressee_end < lines.size()) ++addressee_end;

  // Signature block: the last date line of the letter and the line just above it.
  int date_line = -1, signer_line = -1;
  for (int i = static_cast<int>(lines.size()) - 1; i >= static_cast<int>(addressee_end); --i)
    if (IsDateLine(lines[i].text->text)) {
      date_line = i;
      break;
    }
  if (date_line > static_cast<int>(addressee_end) && lines[date_line - 1].page == lines[date_line].page) {
    const TextLine& above = *lines[date_line - 1].text;
    const int width = lines[date_line].page->image.width();
    if (above.box.x > width * 0.35) signer_line = date_line - 1;
  }
  const int body_end = signer_line >= 0 ? signer_line : date_line >= 0 ? date_line : static_cast<int>(lines.size());

  // 附件：… between the body and the signature.
  int attachments_first = -1;
  for (int i = static_cast<int>(addressee_end); i < body_end; ++i)
    if (StartsWith(RemoveWhitespace(lines[i].text->text), "附件")) {
      attachments_first = i;
      break;
    }
  const int body_last = attachments_first >= 0 ? attachments_first : body_end;
  auto slice = [&](int from, int to) {
    return std::vector<Line>(lines.begin() + std::max(0, from), lines.begin() + std::max(from, to));
  };

  for (const FieldSpec& spec : form.fields) {
    if (spec.locate != Locate::kLetter) continue;
    FieldResult f;
    bool strict = false;
    switch (spec.letter_part) {
      case LetterPart::kIssuer: f = ReadBanner(first, banner_bottom, engine); break;
      case LetterPart::kDocNumber:
        f = doc_number >= 0 ? FromLines(slice(doc_number, doc_number + 1),
                                        CleanDocNumber(RemoveWhitespace(lines[doc_number].text->text)))
                            : FromLines({}, nullptr);
        if (doc_number < 0) f.page = first.image.page;
        strict = doc_number >= 0;
        break;
      case LetterPart::kTitle:
        f = FromLines(slice(title_first, title_last + 1), TidyChineseValue(NormalizeText(title_text)));
        break;
      case LetterPart::kAddressee: {
        std::vector<std::string> texts;
        for (const Line& l : slice(title_last + 1, addressee_end)) texts.push_back(l.text->text);
        f = FromLines(slice(title_last + 1, addressee_end), StripTrailingPunctuation(RemoveWhitespace(TidyChineseValue(NormalizeParagraph(texts)))));
        break;
      }
      case LetterPart::kBody: {
        const auto body = slice(addressee_end, body_last);
        const std::string text = JoinParagraphs(body);
        f = FromLines(body, text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text));
        break;
      }
      case LetterPart::kAttachments: {
        const auto att = attachments_first >= 0 ? slice(attachments_first, body_end) : std::vector<Line>{};
        f = FromLines(att, SplitAttachments(att));
        if (att.empty()) f.page = first.image.page;
        break;
      }
      case LetterPart::kSigner:
        if (signer_line < 0) continue;
        f = FromLines(slice(signer_line, signer_line + 1), RemoveWhitespace(lines[signer_line].text->text));
        break;
      case LetterPart::kDate: {
        if (date_line < 0) continue;
        const ParsedValue parsed =
            ParseValue(FieldType::kDate, MendChineseYear(RemoveWhitespace(lines[date_line].text->text)), {});
        f = FromLines(slice(date_line, date_line + 1), parsed.value);
        f.valid = parsed.valid;
        f.error = parsed.error;
        strict = true;
        break;
      }
    }
    if (spec.type != FieldType::kText && spec.type != FieldType::kParagraph && f.value.is_string() && !spec.list) {
      const ParsedValue parsed = ParseValue(spec.type, f.value.get<std::string>(), spec.choices);
      f.value = parsed.value;
      f.valid = parsed.valid;
      f.error = parsed.error;
      strict = true;
    }
    f.confidence = FieldConfidence(f.ocr_confidence, strict ? FieldType::kDate : FieldType::kText, f.valid,
                                   f.value.is_null(), f.under_seal, !f.correction.empty());
    record.fields.emplace_back(spec.id, std::move(f));
  }
}

}  // namespace shenbao::extract
