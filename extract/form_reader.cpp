#include "extract/form_reader.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

#include <opencv2/imgproc.hpp>
#include <opencv2/imgcodecs.hpp>

#include "extract/alternatives.h"
#include "extract/document_names.h"
#include "extract/layout_readers.h"
#include "extract/lexicon.h"
#include "extract/near_miss.h"
#include "extract/surnames.h"
#include "extract/normalize.h"
#include "ocr/cell_overflow.h"
#include "ocr/cell_ink.h"
#include "ocr/text_lines.h"

namespace shenbao::extract {

ocr::TextKind TextKindFor(FieldType type) {
  switch (type) {
    case FieldType::kInt:
    case FieldType::kDecimal2:
    case FieldType::kPercent: return ocr::TextKind::kDigits;
    case FieldType::kPhone:
    case FieldType::kEmail:
    case FieldType::kUscc: return ocr::TextKind::kLatin;
    case FieldType::kDate:
    case FieldType::kEnum: return ocr::TextKind::kLine;
    default: return ocr::TextKind::kBlock;
  }
}

namespace {

// A long value is read exactly only if every one of its characters is: at the ~1%
// character error rate of the fast Chinese model on clean scans, 30 characters come
// out whole about three times in four (0.99^30), whatever the line confidence says.
// Such values always go to a person.
constexpr size_t kLongTextChars = 30;
constexpr double kLongTextConfidence = 0.85;

void CapLongText(FieldResult& f) {
  if (f.value.is_string() && CountChars(f.value.get<std::string>()) > kLongTextChars)
    f.confidence = std::min(f.confidence, kLongTextConfidence);
}

void CapLongTextConfidence(Record& record) {
  for (auto& [id, f] : record.fields) CapLongText(f);
  for (auto& [id, rows] : record.tables)
    for (auto& row : rows)
      for (auto& [column, f] : row) CapLongText(f);
}

}  // namespace

double FieldConfidence(double ocr_confidence, FieldType type, bool valid, bool blank, bool under_seal, bool corrected) {
  if (blank) return under_seal ? 0.8 : 0.95;
  double c = std::clamp(ocr_confidence, 0.0, 1.0);
  // A value that passed a strict check (a USCC check digit, a phone's shape, an
  // enum) is much more likely right than OCR's own figure says.
  const bool strict_type = type == FieldType::kPhone || type == FieldType::kEmail || type == FieldType::kUscc ||
                           type == FieldType::kEnum || type == FieldType::kDate || type == FieldType::kInt;
  if (!valid) c = std::min(c, 0.4);
  else if (strict_type) c = 1.0 - (1.0 - c) * 0.5;
  if (corrected) c *= 0.85;
  if (under_seal) c *= 0.92;
  return c;
}

double CalibratedConfidence(const FieldResult& f, FieldType type, bool blank) {
  if (blank) return f.under_seal ? 0.8 : 0.95;
  if (!f.valid) return std::min(f.ocr_confidence, 0.4);
  // Share of values right in each group, measured with the second model asked below
  // 0.90 line confidence (the default), on a held-out generated set (`generate.py
  // --seed 11 --per-level 2`, all forms and levels), with `SHENBAO_CALIBRATION_DEBUG=1
  // shenbao eval DIR` ("By OCR evidence"):
  //   Chinese, one model (line read at ≥ 0.90), weakest character ≥ 0.97: 99.6% (381/382 cells)
  //                                              weakest 0.95–0.97:       95.2% (20/21)
  //   Chinese, two models agree (a line the first model found hard), weakest ≥ 0.99: 100% (8/8);
  //                                              weakest 0.90–0.99:       86–93%
  //   closed sets (enum, int, date) where the models agree:               100%
  //   the models disagree (a character vote):                             25–35%
  //   one model only (Latin: phone, e-mail):                              63–90%
  double c;
  const bool chinese = HasNonAscii(f.text);
  if (f.ocr_models == "agree") {
    const bool closed_set = type == FieldType::kEnum || type == FieldType::kInt || type == FieldType::kDate;
    if (closed_set) c = f.weakest_char >= 0.95 ? 0.99 : f.weakest_char >= 0.9 ? 0.95 : 0.6;
    else c = f.weakest_char >= 0.99 ? 0.95 : f.weakest_char >= 0.95 ? 0.88 : 0.6;
  } else if (f.ocr_models.empty() && chinese) {
    c = f.weakest_char >= 0.97 ? 0.97 : f.weakest_char >= 0.95 ? 0.88 : std::min(0.8, f.weakest_char);
  } else if (f.ocr_models == "vote") {
    c = std::min(0.6, f.weakest_char);
  } else {
    // One model: its own figure, discounted; a strict check passed lifts it a little.
    const bool strict = type == FieldType::kPhone || type == FieldType::kUscc || type == FieldType::kEmail;
    c = std::min(0.85, f.ocr_confidence * 0.9) + (strict ? 0.05 : 0.0);
  }
  if (!f.correction.empty()) c = std::min(c, 0.85);  // something was changed: a person should see it
  if (f.unlisted_surname) c = std::min(c, 0.6);      // a name as no family name begins: a person should check it
  if (f.under_seal) c *= 0.95;
  return c;
}

bool UnderSeal(const cv::Rect& box, const std::vector<ocr::SealCandidate>& seals) {
  for (const auto& s : seals) {
    const cv::Rect overlap = box & s.bbox;
    if (overlap.area() > 0.05 * std::max(1, box.area())) return true;
  }
  return false;
}

namespace {

bool IsAsciiAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

}  // namespace

std::string TidyLatinInChinese(const std::string& text) {
  // Only for text that holds Chinese: a purely Latin value keeps its spaces.
  if (!HasNonAscii(text)) return text;
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    // "5 G" → "5G": the Chinese model splits a digit from the letter after it.
    if (c == ' ' && i > 0 && i + 1 < text.size() && IsAsciiAlnum(text[i - 1]) && IsAsciiAlnum(text[i + 1]) &&
        (std::isdigit(static_cast<unsigned char>(text[i - 1])) || std::isdigit(static_cast<unsigned char>(text[i + 1]))))
      continue;
    out += c;
  }
  // "Al" → "AI": in an all-capital Latin token (5G+AI, MEC, IoT aside) a lower-case
  // l is the capital I it looks like.
  for (size_t start = 0; start < out.size();) {
    if (!std::isalpha(static_cast<unsigned char>(out[start]))) {
      ++start;
      continue;
    }
    size_t end = start;
    int upper = 0, lower_other = 0;
    while (end < out.size() && std::isalpha(static_cast<unsigned char>(out[end]))) {
      if (std::isupper(static_cast<unsigned char>(out[end]))) ++upper;
      else if (out[end] != 'l') ++lower_other;
      ++end;
    }
    if (upper > 0 && lower_other == 0)
      for (size_t k = start; k < end; ++k)
        if (out[k] == 'l') out[k] = 'I';
    start = end;
  }
  return out;
}

ocr::OcrText RecognizeLines(const cv::Mat& crop, ocr::TextKind kind, ocr::OcrEngine& engine) {
  if (kind == ocr::TextKind::kBlock) kind = ocr::TextKind::kLine;
  const std::vector<cv::Rect> bands = ocr::SplitTextLines(crop);
  if (kind == ocr::TextKind::kLine || kind == ocr::TextKind::kLabel || kind == ocr::TextKind::kDigits) {
    // Chinese text that wraps inside its cell: read as one joined line.
    if (bands.empty()) return {};
    cv::Mat joined = ocr::JoinLinesIntoOne(crop, bands);
    return engine.Recognize(joined, kind);
  }
  ocr::OcrText out;
  out.weakest_symbol = 1.f;
  out.models_agree = !bands.empty();
  double weighted = 0, weight = 0;
  for (const cv::Rect& band : bands) {
    const ocr::OcrText text = engine.Recognize(crop(band), kind);
    // The whole is as sure as its least sure band: one misread band spoils the value.
    if (!text.lines.empty()) out.weakest_symbol = std::min(out.weakest_symbol, text.weakest_symbol);
    out.models_agree = out.models_agree && text.models_agree;
    out.models_disagree = out.models_disagree || text.models_disagree;
    for (ocr::OcrLine line : text.lines) {
      line.box += band.tl();
      for (auto& w : line.words) w.box += band.tl();
      const double n = static_cast<double>(line.text.size()) + 1;
      weighted += line.confidence * n;
      weight += n;
      out.lines.push_back(std::move(line));
    }
  }
  out.confidence = weight > 0 ? static_cast<float>(weighted / weight) : 0.f;
  if (out.lines.empty()) out.weakest_symbol = 0.f, out.models_agree = false;
  return out;
}

namespace {

// A value of a closed set (an enum) that matched none of its choices, read again at
// other sizes. Two or three plain characters are where the Chinese model is least
// steady: a printed 工厂 read 亚下 at one size, 下民 in the next row, and 工厂 at 0.7
// of either (measured on form B's 项目层级: every 工厂 that read as nothing did so).
// Only a reading that is exactly one of the choices is taken, not a near one; it
// is a correction, so a person still sees it.
std::optional<std::pair<ParsedValue, std::string>> RereadAsChoice(const cv::Mat& crop, const std::vector<std::string>& choices,
                                                                  ocr::OcrEngine& engine) {
  if (choices.empty()) return std::nullopt;
  for (const double scale : {0.7, 0.5, 1.4}) {
    cv::Mat resized;
    cv::resize(crop, resized, cv::Size(), scale, scale, scale < 1 ? cv::INTER_AREA : cv::INTER_CUBIC);
    const ocr::OcrText again = RecognizeLines(resized, ocr::TextKind::kLine, engine);
    const std::string text = RemoveWhitespace(NormalizeText(again.Joined("")));
    const ParsedValue parsed = ParseValue(FieldType::kEnum, text, choices);
    if (parsed.valid && !parsed.blank && parsed.correction.empty()) return std::make_pair(parsed, text);
  }
  return std::nullopt;
}

}  // namespace

FieldResult ReadValue(const cv::Mat& ocr_gray, const cv::Rect& region_in, int page, FieldType type,
                      const std::vector<std::string>& choices, ocr::OcrEngine& engine, bool follow_overflow,
                      const Lexicon* lexicon, const Surnames* surnames) {
  FieldResult f;
  f.page = page;
  // A value that runs on across its box's right rule is read whole.
  ocr::CellOverflow overflow;
  overflow.region = region_in & cv::Rect(0, 0, ocr_gray.cols, ocr_gray.rows);
  if (follow_overflow) overflow = ocr::FindTextOverflowRight(ocr_gray, region_in);
  const cv::Rect region = overflow.region;
  f.bbox = region;
  if (region.width < 4 || region.height < 4) {
    f.value = nullptr;
    f.valid = true;
    return f;
  }
  cv::Mat crop = ocr::CleanCellCrop(ocr_gray, region);
  ocr::EraseCrossedRule(crop, overflow);
  f.past_rule = overflow.rule_x >= 0;
  const cv::Rect ink = ocr::InkBounds(crop);
  if (ink.area() == 0 || ocr::IsBlank(crop)) {
    f.value = nullptr;
    f.ocr_confidence = 1.0;
    return f;
  }
  // OCR only the inked part (plus a margin): less to read, same text.
  const int margin = 6;
  const cv::Rect tight = (cv::Rect(ink.x - margin, ink.y - margin, ink.width + 2 * margin, ink.height + 2 * margin)) &
                         cv::Rect(0, 0, crop.cols, crop.rows);
  f.bbox = cv::Rect(region.x + tight.x, region.y + tight.y, tight.width, tight.height);
  ocr::OcrText text = RecognizeLines(crop(tight), TextKindFor(type), engine);
  // A line that misses a word of the lexicon by one character (陶资 for 陶瓷, read at
  // 0.99 by the fast model; 座拟 for 虚拟 by both) is looked at again (near_miss.h).
  // It costs ~2–3% of the run time (re-reading 3.1 → 3.5 s on the 18 benchmark pages).
  if (lexicon && (type == FieldType::kText || type == FieldType::kParagraph))
    text = LookAgainAtNearMisses(crop(tight), text, *lexicon, engine);
  std::vector<std::string> lines;
  for (const auto& l : text.lines) lines.push_back(l.text);
  if (type == FieldType::kText || type == FieldType::kParagraph || type == FieldType::kEnum) {
    f.text = text.Joined("\n");
    std::vector<std::string> changes;
    if (lexicon && type != FieldType::kEnum)
      lines = CorrectLinesTowardsLexicon(text, *lexicon, [&](const std::string& c) { return engine.CanRead(c); }, &changes);
    // A person's name that begins with no family name (虽飞伟 for 吕飞伟) is looked at again.
    std::string surname_change;
    if (surnames && type == FieldType::kText) {
      const SurnameLook look = LookAgainAtSurname(crop(tight), text, *surnames, engine);
      f.unlisted_surname = look.unlisted;
      if (!look.correction.empty()) lines = {look.text.Joined("")}, surname_change = look.correction;
    }
    ParsedValue parsed = ParseValue(type, TidyLatinInChinese(NormalizeParagraph(lines)), choices);
    if (!surname_change.empty()) parsed.correction += (parsed.correction.empty() ? "" : "; ") + surname_change;
    if (type == FieldType::kEnum && !parsed.valid && !text.lines.empty())
      if (auto again = RereadAsChoice(crop(tight), choices, engine)) {
        parsed = again->first;
        parsed.correction = "重新识别：" + RemoveWhitespace(f.text) + "→" + again->second;
      }
    f.value = parsed.value;
    f.valid = parsed.valid;
    f.error = parsed.error;
    f.correction = parsed.correction;
    NoteLexiconChanges(changes, &f.correction);
  } else {
    f.text = text.Joined("\n");
    ParsedValue parsed = ParseValue(type, RemoveWhitespace(f.text), choices);
    if (!parsed.valid && HasStrongCheck(type)) {
      std::vector<ocr::OcrSymbol> symbols;
      for (const auto& l : text.lines) symbols.insert(symbols.end(), l.symbols.begin(), l.symbols.end());
      ParsedValue alternative = TryAlternatives(symbols, type, choices, RemoveWhitespace);
      if (alternative.valid) parsed = std::move(alternative);
    }
    f.value = parsed.value;
    f.valid = parsed.valid;
    f.error = parsed.error;
    f.correction = parsed.correction;
    if (text.lines.size() == 1)
      for (const ocr::OcrSymbol& symbol : text.lines.front().symbols) f.runner_ups.push_back(symbol.alternatives);
  }
  f.ocr_confidence = text.confidence;
  f.ocr_models = text.models_agree ? "agree" : text.models_disagree ? "vote" : "";
  f.weakest_char = text.weakest_symbol;
  return f;
}

void ReadDocument(const FormTemplate& form, const TemplateMatch& match, std::vector<AnalyzedPage>& pages,
                  ocr::OcrEngine& engine, const ReadOptions& options, Record& record) {
  if (pages.empty()) return;
  bool letter = false;
  for (const FieldSpec& spec : form.fields) {
    switch (spec.locate) {
      case Locate::kTitle: ReadTitleField(spec, match, pages.front(), record); break;
      case Locate::kLabel: ReadLabelField(spec, pages, record); break;
      case Locate::kDateLine: ReadDateLine(spec, pages, record); break;
      case Locate::kLetter: letter = true; break;
    }
  }
  if (letter) ReadLetterFields(form, match, pages, engine, record);
  // Key–value forms: label cells, embedded tables and （盖章） blocks. Fields a text
  // line gave already (a cover page) are read again from the form and compared.
  if (form.layout == Layout::kKeyValue) ReadKeyValueForm(form, pages, engine, options, record);
  // The ruled-table and stamp readers get what the key–value reader did not take.
  FormTemplate rest = form;
  std::erase_if(rest.tables, [](const TableSpec& t) { return t.embedded; });
  std::erase_if(rest.stamps, [](const StampSpec& s) { return s.place == StampPlace::kLabelCell; });
  ReadTables(rest, pages, engine, record);
  ReadStamps(rest, pages, engine, options, record);
  // Template order for fields, tables and stamps, whichever reader found them.
  auto rank = [&](const std::string& id, const auto& specs) {
    for (size_t i = 0; i < specs.size(); ++i)
      if (specs[i].id == id) return i;
    return specs.size();
  };
  std::stable_sort(record.fields.begin(), record.fields.end(),
                   [&](const auto& a, const auto& b) { return rank(a.first, form.fields) < rank(b.first, form.fields); });
  std::stable_sort(record.tables.begin(), record.tables.end(),
                   [&](const auto& a, const auto& b) { return rank(a.first, form.tables) < rank(b.first, form.tables); });
  std::stable_sort(record.stamps.begin(), record.stamps.end(),
                   [&](const auto& a, const auto& b) { return rank(a.zone, form.stamps) < rank(b.zone, form.stamps); });
  // The document's own names, read surely in one place, as evidence for another.
  MendPlaceNameSlips(record, options.trust_threshold);
  MendDocNumberPlace(form, record, options.trust_threshold);
  CapLongTextConfidence(record);
  AddReviewCrops(pages, options, record);
}

void AddReviewCrops(const std::vector<AnalyzedPage>& pages, const ReadOptions& options, Record& record) {
  if (options.crop_prefix.empty()) return;
  // A person checks a doubtful value against the paper: the region it was read from,
  // from the upright page (seal ink included, as on paper).
  auto crop = [&](const std::string& path, FieldResult& f) {
    if (f.confidence >= options.trust_threshold || f.bbox.area() <= 0) return;
    for (const AnalyzedPage& page : pages) {
      if (page.image.page != f.page) continue;
      const cv::Mat& source = page.image.has_color() ? page.image.color : page.image.gray;
      if (source.empty()) return;
      const int pad = 6;
      const cv::Rect area = cv::Rect(f.bbox.x - pad, f.bbox.y - pad, f.bbox.width + 2 * pad, f.bbox.height + 2 * pad) &
                            cv::Rect(0, 0, source.cols, source.rows);
      if (area.area() <= 0) return;
      f.crop = options.crop_prefix + "/" + path + ".png";
      record.crops.push_back({f.crop, source(area).clone()});
      return;
    }
  };
  for (auto& [id, f] : record.fields) crop(id, f);
  for (auto& [table_id, rows] : record.tables)
    for (size_t i = 0; i < rows.size(); ++i)
      for (auto& [column_id, f] : rows[i]) crop(table_id + "-" + std::to_string(i) + "-" + column_id, f);
}

}  // namespace shenbao::extract
