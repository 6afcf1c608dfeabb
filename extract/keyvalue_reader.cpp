// Ruled key–value forms: a field is found by its printed label in a cell, its value
// in the cell to the right (or below, or after a colon in the same cell). Labels are
// matched by similarity, so a form re-typeset by the applicant, a label moved to
// another row, or OCR slips in the label still find the field.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include <opencv2/imgproc.hpp>

#include "extract/kv_cells.h"
#include "extract/layout_readers.h"
#include "extract/normalize.h"
#include "extract/seal_owner.h"
#include "extract/unicode_regex.h"
#include "ocr/grid.h"
#include "ocr/seal.h"

namespace shenbao::extract {
namespace {

int CodePoints(const std::string& s) {
  return static_cast<int>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string StripTrailingColon(std::string s) {
  for (const char* colon : {"：", ":"})
    while (s.ends_with(colon)) s.resize(s.size() - std::string(colon).size());
  return s;
}

// The CJK ideographs of a UTF-8 string (U+4E00–U+9FFF are 3-byte sequences E4–E9).
std::string HanOnly(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = s[i];
    const size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    if (n == 3 && c >= 0xE4 && c <= 0xE9) out += s.substr(i, 3);
    i += n;
  }
  return out;
}

// Punctuation OCR makes of specks and ruling remnants at a cell's edges ("！”所属行业").
std::string TrimJunk(std::string s) {
  static const char* kJunk[] = {"！", "”", "“", "\"", "'", "|", "_", "-", "—", ",", "，", ".", "。", "、", "‘", "’", "!", "`", "~"};
  for (bool again = true; again;) {
    again = false;
    for (const char* j : kJunk) {
      const size_t n = std::string(j).size();
      if (s.size() > n && s.rfind(j, 0) == 0) s = s.substr(n), again = true;
      if (s.size() > n && s.ends_with(j)) s.resize(s.size() - n), again = true;
    }
  }
  return s;
}

// How well a cell's text is this label (0 when it is not).
double LabelScore(const std::string& cell_text, const std::vector<std::string>& labels) {
  const std::string text = TrimJunk(StripTrailingColon(TrimJunk(cell_text)));
  double best = 0;
  for (const std::string& raw_label : labels) {
    const std::string label = RemoveWhitespace(raw_label);
    const double s = Similarity(text, label);
    if (s >= (CodePoints(label) <= 3 ? 0.99 : 0.75)) best = std::max(best, s);
    // The Chinese characters alone: OCR garbles （%） and digits far more than Han
    // ("增效0()" for 增效（%）). Slightly below a full match.
    const std::string han_text = HanOnly(text), han_label = HanOnly(label);
    if (CodePoints(han_label) >= 2) {
      const double h = 0.95 * Similarity(han_text, han_label);
      if (h >= (CodePoints(han_label) <= 3 ? 0.94 : 0.75)) best = std::max(best, h);
    }
  }
  return best;
}

// A first-pass text this close to a label is that label: the cell to its right is
// its value.
constexpr double kSureLabel = 0.9;

// "申报城市：武汉市" in one cell: the part after the label and its colon.
bool SameCellValue(const std::string& cell_text, const std::vector<std::string>& labels, std::string* value) {
  for (const std::string& raw_label : labels) {
    const std::string label = RemoveWhitespace(raw_label);
    for (const char* colon : {"：", ":"}) {
      const size_t at = cell_text.find(colon);
      if (at == std::string::npos) continue;
      if (Similarity(cell_text.substr(0, at), label) < (CodePoints(label) <= 3 ? 0.99 : 0.75)) continue;
      *value = cell_text.substr(at + std::string(colon).size());
      return true;
    }
  }
  return false;
}

// A number or code with ruling debris around it ("449.60.", "9142…64L."): parsed again
// without it, recorded as a correction so its confidence drops.
void RetryNumber(FieldType type, const std::vector<std::string>& choices, FieldResult& f) {
  const bool number = type == FieldType::kDecimal2 || type == FieldType::kInt || type == FieldType::kPercent;
  const bool code = type == FieldType::kUscc || type == FieldType::kPhone || type == FieldType::kEmail;
  if (f.valid || !(number || code)) return;
  auto keep = [&](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || (code && std::isalpha(static_cast<unsigned char>(c))) ||
           (type == FieldType::kPercent && c == '%');
  };
  std::string text = ToHalfWidth(RemoveWhitespace(f.text));
  while (!text.empty() && !keep(text.back())) text.pop_back();
  while (!text.empty() && !keep(text.front())) text.erase(0, 1);
  if (text.empty()) return;
  const ParsedValue parsed = ParseValue(type, text, choices);
  if (!parsed.valid || parsed.blank) return;
  f.correction = f.text + "→" + text;
  f.value = parsed.value;
  f.valid = true;
  f.error.clear();
}

bool SameRow(const KvCell& a, const KvCell& b) {
  return a.page == b.page && a.table == b.table && a.row < b.row_end && b.row < a.row_end;
}

bool Overlap(int a0, int a1, int b0, int b1) { return a0 < b1 && b0 < a1; }

// How far the same ruling may sit on two pages: a scan's shift, skew and scale.
int Slack(const KvCell& c) { return std::max(8, static_cast<int>(c.table_width * 0.03)); }

// Cells of two grids (the next page's table, another table below) under the same
// rulings: grid indices differ between tables (the next page's table may print no
// column a person block needed), their x extents do not.
bool SameColumns(const KvCell& a, const KvCell& b) {
  const int slack = std::max(Slack(a), Slack(b));
  return std::abs(a.box.x - b.box.x) <= slack && std::abs(a.box.br().x - b.box.br().x) <= slack;
}

class KeyValueReader {
 public:
  KeyValueReader(const FormTemplate& form, std::vector<AnalyzedPage>& pages, ocr::OcrEngine& engine,
                 const ReadOptions& options, Record& record)
      : form_(form), engine_(engine), options_(options), record_(record) {
    // Labels whose value is the cell to their right: that cell need not be read as
    // a label candidate (see FindKvCells).
    std::vector<const std::vector<std::string>*> right_labels;
    for (const FieldSpec& spec : form.fields)
      if (spec.locate == Locate::kLabel && (spec.value_at == ValueAt::kAuto || spec.value_at == ValueAt::kRight))
        right_labels.push_back(&spec.labels);
    cells_ = FindKvCells(pages, engine, [right_labels](const std::string& text) {
      for (const auto* labels : right_labels)
        if (LabelScore(text, *labels) >= kSureLabel) return true;
      return false;
    });
  }

  void ReadFields() {
    for (const FieldSpec& spec : form_.fields) {
      if (spec.locate != Locate::kLabel) continue;
      const int label = FindLabel(spec.labels, spec.after);
      if (label < 0) continue;
      label_of_[spec.id] = label;
    }
    for (const FieldSpec& spec : form_.fields)
      if (spec.locate == Locate::kLabel && spec.checkbox && !label_of_.count(spec.id)) FindRowByOptions(spec);
    for (const FieldSpec& spec : form_.fields) {
      if (spec.locate != Locate::kLabel || !label_of_.count(spec.id)) continue;
      const int label = label_of_[spec.id];
      FieldResult f = ReadField(spec, label);
      Merge(spec, std::move(f));
    }
    DoubtFieldsReadFromOneBox();
  }

  // Two fields whose values came from the same box: one label was taken for the
  // other's (室内面积 misread and matched to 室外面积's row), and which value is
  // whose cannot be told. On the samples both got 76079.5 at 0.977. Both go to a
  // person, with the reason.
  void DoubtFieldsReadFromOneBox() {
    constexpr double kSharedBoxConfidence = 0.3;
    auto& fields = record_.fields;
    for (size_t i = 0; i < fields.size(); ++i) {
      FieldResult& a = fields[i].second;
      if (!whole_cell_values_.count(fields[i].first) || a.value.is_null() || a.bbox.area() == 0) continue;
      for (size_t j = i + 1; j < fields.size(); ++j) {
        FieldResult& b = fields[j].second;
        if (!whole_cell_values_.count(fields[j].first) || b.value.is_null() || b.page != a.page || b.bbox != a.bbox)
          continue;
        for (const auto& [field, other] : {std::pair{&fields[i], &fields[j]}, std::pair{&fields[j], &fields[i]}}) {
          field->second.confidence = std::min(field->second.confidence, kSharedBoxConfidence);
          record_.validation.push_back({"warning", field->first, "same-box",
                                        "与“" + other->first + "”读自同一位置，请核对是哪一栏的内容"});
        }
      }
    }
  }

  // A （盖章） block's seal sits over its signature and date, at the end of the
  // label's value cell, which may run on over the next page; it can reach out of
  // the cell, and the seal of the block below can touch it. So each seal goes to
  // the zone whose cells hold most of it (a quarter at least, or its centre).
  void ReadStampZones() {
    std::vector<const StampSpec*> specs;
    std::vector<std::vector<int>> zone_cells;
    for (const StampSpec& spec : form_.stamps) {
      if (spec.place != StampPlace::kLabelCell) continue;
      specs.push_back(&spec);
      const int label = FindLabel(spec.labels, "");
      const int value = label >= 0 ? ValueCell(label, ValueAt::kAuto) : -1;
      std::vector<int> cells;
      if (value >= 0) {
        cells.push_back(value);
        for (int c : Continuations(value)) cells.push_back(c);
      }
      zone_cells.push_back(std::move(cells));
    }
    std::vector<const ocr::SealCandidate*> best(specs.size(), nullptr);
    std::vector<const AnalyzedPage*> best_page(specs.size(), nullptr);
    std::vector<const AnalyzedPage*> pages;
    for (const KvCell& c : cells_)
      if (std::find(pages.begin(), pages.end(), c.page) == pages.end()) pages.push_back(c.page);
    for (const AnalyzedPage* page_of_cells : pages)
      for (const auto& s : page_of_cells->seals) {
        const AnalyzedPage& page = *page_of_cells;
        const cv::Point center(static_cast<int>(s.center.x), static_cast<int>(s.center.y));
        int zone = -1;
        double zone_score = 0;
        for (size_t z = 0; z < specs.size(); ++z) {
          double share = 0;
          bool centred = false;
          for (int c : zone_cells[z]) {
            if (cells_[c].page != &page) continue;
            share += static_cast<double>((s.bbox & cells_[c].box).area()) / std::max(1, s.bbox.area());
            centred = centred || cells_[c].box.contains(center);
          }
          const double score = share + (centred ? 0.5 : 0);
          if ((share >= 0.25 || centred) && score > zone_score) zone = static_cast<int>(z), zone_score = score;
        }
        if (zone >= 0 && (!best[zone] || s.confidence > best[zone]->confidence)) best[zone] = &s, best_page[zone] = &page;
      }
    AssignLeftoverSeals(pages, best, best_page);
    for (size_t z = 0; z < specs.size(); ++z) {
      StampResult stamp;
      stamp.zone = specs[z]->id;
      stamp.required = specs[z]->required;
      if (!best[z]) {
        stamp.present = false;
        stamp.confidence = zone_cells[z].empty() ? 0.5 : 0.9;
      } else {
        FillStamp(*specs[z], *best_page[z], *best[z], stamp);
      }
      record_.stamps.push_back(std::move(stamp));
    }
  }

  // A zone whose cells could not be found or hold no seal, while a seal between
  // its neighbours' seals went to no zone (the cell lost to a misread label or a
  // page break): the blocks follow the template's order down the pages, so that
  // seal is this zone's.
  void AssignLeftoverSeals(const std::vector<const AnalyzedPage*>& pages,
                           std::vector<const ocr::SealCandidate*>& best,
                           std::vector<const AnalyzedPage*>& best_page) const {
    struct Placed {
      int page;
      float y;
      const ocr::SealCandidate* seal;
      const AnalyzedPage* on;
    };
    auto place = [&](const AnalyzedPage* on, const ocr::SealCandidate* s) {
      const int index = static_cast<int>(std::find(pages.begin(), pages.end(), on) - pages.begin());
      return Placed{index, s->center.y, s, on};
    };
    auto before = [](const Placed& a, const Placed& b) { return a.page < b.page || (a.page == b.page && a.y < b.y); };
    std::vector<Placed> leftover;
    for (const AnalyzedPage* on : pages)
      for (const auto& s : on->seals)
        if (std::find(best.begin(), best.end(), &s) == best.end()) leftover.push_back(place(on, &s));
    std::sort(leftover.begin(), leftover.end(), before);
    for (size_t z = 0; z < best.size(); ++z) {
      if (best[z]) continue;
      std::optional<Placed> low, high;
      for (size_t k = z; k-- > 0;)
        if (best[k]) { low = place(best_page[k], best[k]); break; }
      for (size_t k = z + 1; k < best.size() && !high; ++k)
        if (best[k]) high = place(best_page[k], best[k]);
      for (auto it = leftover.begin(); it != leftover.end(); ++it) {
        if ((low && !before(*low, *it)) || (high && !before(*it, *high))) continue;
        best[z] = it->seal, best_page[z] = it->on;
        leftover.erase(it);
        break;
      }
    }
  }

  void ReadEmbeddedTables() {
    for (const TableSpec& table : form_.tables) {
      if (!table.embedded) continue;
      std::vector<FieldMap> rows;
      ReadEmbedded(table, rows);
      record_.tables.emplace_back(table.id, std::move(rows));
    }
  }

 private:
  // The best cell for these labels, or with `after`, the first one after that field's label.
  // Cells left unread as values (deferred) are not label candidates: a label right
  // of another label's value would be missed, and its field reported missing.
  int FindLabel(const std::vector<std::string>& labels, const std::string& after) const {
    size_t start = 0;
    if (!after.empty()) {
      auto it = label_of_.find(after);
      if (it == label_of_.end()) return -1;
      start = it->second + 1;
    }
    int best = -1;
    double best_score = 0;
    for (size_t i = start; i < cells_.size(); ++i) {
      if (!cells_[i].read) continue;
      double s = LabelScore(cells_[i].text, labels);
      std::string ignored;
      if (s == 0 && SameCellValue(cells_[i].text, labels, &ignored)) s = 0.76;
      if (s > 0 && BetterForAnother(cells_[i].text, labels, s)) continue;
      if (s > best_score) best = static_cast<int>(i), best_score = s;
      if (!after.empty() && best >= 0) break;
    }
    return best;
  }

  // A checkbox row whose label was not read (it overran its cell, the rulings cut
  // it): the printed options name the field. A row whose label cell reads as no
  // label and that no other field took, whose ticked option reads as one of this
  // field's values, is its row.
  void FindRowByOptions(const FieldSpec& spec) {
    std::set<int> taken;
    for (const auto& [id, label] : label_of_) {
      taken.insert(label);
      taken.insert(ValueCell(label, ValueAt::kAuto));
    }
    for (size_t i = 0; i < cells_.size(); ++i) {
      if (!cells_[i].read || cells_[i].blank || taken.count(static_cast<int>(i)) || IsSomeLabel(cells_[i].text))
        continue;
      const int value = ValueCell(static_cast<int>(i), ValueAt::kRight);
      if (value < 0 || cells_[value].blank || taken.count(value)) continue;
      const KvCell& v = cells_[value];
      const FieldResult f = ReadCheckboxRow(v.page->ocr_gray, v.box, v.page->image.page, spec.choices, engine_);
      if (!f.value.is_string()) continue;
      // The ticked options' own text, not their place among the boxes, must read as
      // one of this field's values (a row of other options gives none).
      bool own = false;
      for (size_t at = 0; at < f.text.size() && !own;) {
        const size_t space = std::min(f.text.find(' ', at), f.text.size());
        for (const std::string& choice : spec.choices)
          own = own || Similarity(f.text.substr(at, space - at), choice) >= 0.6;
        at = space + 1;
      }
      if (!own) continue;
      label_of_[spec.id] = static_cast<int>(i);
      return;
    }
  }

  bool IsSomeLabel(const std::string& text) const {
    for (const FieldSpec& spec : form_.fields)
      if (spec.locate == Locate::kLabel && LabelScore(text, spec.labels) > 0) return true;
    return false;
  }

  // Another field's label fits this cell better: long labels that differ in a word
  // or two (通信管理局负责人, 通信管理局推荐意见) are each the other's 0.8 match,
  // and a misread of one must not make it the other's.
  bool BetterForAnother(const std::string& text, const std::vector<std::string>& labels, double score) const {
    for (const FieldSpec& other : form_.fields)
      if (other.locate == Locate::kLabel && other.labels != labels && LabelScore(text, other.labels) > score)
        return true;
    return false;
  }

  int ValueCell(int label, ValueAt at) const {
    const KvCell& l = cells_[label];
    if (at == ValueAt::kAuto || at == ValueAt::kRight) {
      int right = -1;
      for (size_t i = 0; i < cells_.size(); ++i)
        if (SameRow(cells_[i], l) && cells_[i].col >= l.col_end && (right < 0 || cells_[i].col < cells_[right].col))
          right = static_cast<int>(i);
      if (right >= 0 || at == ValueAt::kRight) return right;
    }
    for (size_t i = 0; i < cells_.size(); ++i)
      if (cells_[i].page == l.page && cells_[i].table == l.table && cells_[i].row == l.row_end &&
          Overlap(cells_[i].col, cells_[i].col_end, l.col, l.col_end))
        return static_cast<int>(i);
    return -1;
  }

  // Rows after `cell` that continue it: the same columns, nothing to their left
  // (no new label), possibly on the next page's first table.
  std::vector<int> Continuations(int value) const {
    std::vector<int> out;
    const KvCell* last = &cells_[value];
    for (size_t i = value + 1; i < cells_.size(); ++i) {
      const KvCell& c = cells_[i];
      const bool next_row = (c.page == last->page && c.table == last->table && c.row == last->row_end) ||
                            (c.page_index > last->page_index && c.row == 0) ||
                            (c.page == last->page && c.table > last->table && c.row == 0);
      if (!next_row) {
        if (c.page_index > last->page_index + 1) break;
        continue;
      }
      const bool same_grid = c.page == last->page && c.table == last->table;
      if (same_grid ? c.col < last->col : c.box.br().x <= last->box.x + Slack(*last)) {
        if (!c.blank) break;  // a new label starts a new field
        continue;
      }
      if (same_grid ? (c.col != last->col || c.col_end != last->col_end) : !SameColumns(c, *last)) break;
      out.push_back(static_cast<int>(i));
      last = &c;
    }
    return out;
  }

  FieldResult ReadField(const FieldSpec& spec, int label) {
    const KvCell& l = cells_[label];
    std::string same;
    if (spec.value_at != ValueAt::kRight && spec.value_at != ValueAt::kBelow &&
        LabelScore(l.text, spec.labels) == 0 && SameCellValue(l.text, spec.labels, &same)) {
      const ParsedValue parsed = ParseValue(spec.type, same, spec.choices);
      return Result(spec, parsed, l.text, l.box, *l.page, 0.85);
    }
    const int value = spec.value_at == ValueAt::kSameLine ? -1 : ValueCell(label, spec.value_at);
    if (value < 0) {
      FieldResult f = Result(spec, ParseValue(spec.type, "", spec.choices), "", l.box, *l.page, 0.5);
      f.valid = false;
      f.error = "找到栏目“" + spec.labels.front() + "”但未找到其填写位置";
      return f;
    }
    const KvCell& v = cells_[value];
    if (spec.checkbox) {
      FieldResult f = ReadCheckboxRow(v.page->ocr_gray, v.box, v.page->image.page, spec.choices, engine_);
      f.under_seal = UnderSeal(v.box, v.page->seals);
      f.confidence = FieldConfidence(f.ocr_confidence, spec.type, f.valid, f.value.is_null() && f.valid, f.under_seal, false);
      return f;
    }
    if (spec.part != CellPart::kWhole) return ReadSignPart(spec, v);
    if (spec.type == FieldType::kParagraph) {
      std::vector<std::string> texts;
      double confidence = 0;
      int n = 0;
      cv::Rect box = v.box;
      std::vector<int> parts{value};
      for (int c : Continuations(value)) parts.push_back(c);
      for (int c : parts) {
        for (const TextLine& line : ReadCellLines(cells_[c], engine_)) {
          texts.push_back(line.text);
          confidence += line.confidence;
          ++n;
        }
        if (cells_[c].page == v.page) box |= cells_[c].box;
      }
      ParsedValue parsed = ParseValue(FieldType::kParagraph, NormalizeParagraph(texts), {});
      FieldResult f = Result(spec, parsed, NormalizeParagraph(texts), box, *v.page, n ? confidence / n : 1.0);
      return f;
    }
    FieldResult f = ReadValue(v.page->ocr_gray, v.box, v.page->image.page, spec.type, spec.choices, engine_,
                              /*follow_overflow=*/true, form_.lexicon.get());
    whole_cell_values_.insert(spec.id);
    RetryNumber(spec.type, spec.choices, f);
    f.under_seal = UnderSeal(v.box, v.page->seals);
    f.confidence = FieldConfidence(f.ocr_confidence, spec.type, f.valid, f.value.is_null() && f.text.empty(),
                                   f.under_seal, !f.correction.empty());
    // The characters under the rule were pieced together (on the samples "com"
    // came back as "con" at 0.95): a person looks at a value that ran past its box.
    constexpr double kPastRuleConfidence = 0.8;
    if (f.past_rule) f.confidence = std::min(f.confidence, kPastRuleConfidence);
    return f;
  }

  // A （盖章） block: opinion lines, then "XX（盖章）：", then the date.
  FieldResult ReadSignPart(const FieldSpec& spec, const KvCell& v) {
    static const UnicodeRegex kDateLike(R"((\d{4}|[〇零○OО一二三四五六七八九]{4})年.{0,4}月.{0,4}日|^年月日$|\d{4}[.\-/]\d{1,2}[.\-/]\d{1,2})");
    // The opinion and the date of one block come from the same cell: read it once.
    auto cached = lines_of_.find(&v);
    if (cached == lines_of_.end()) cached = lines_of_.emplace(&v, ReadCellLines(v, engine_)).first;
    const std::vector<TextLine>& lines = cached->second;
    int seal_line = -1;
    for (size_t i = 0; i < lines.size() && seal_line < 0; ++i)
      if (lines[i].text.find("盖章") != std::string::npos || lines[i].text.find("章）") != std::string::npos)
        seal_line = static_cast<int>(i);
    if (spec.part == CellPart::kOpinion) {
      std::vector<std::string> texts;
      double confidence = 0;
      cv::Rect box;
      const int end = seal_line >= 0 ? SignatureStart(lines, seal_line) : static_cast<int>(lines.size());
      for (int i = 0; i < end; ++i) {
        if (kDateLike.Search(RemoveWhitespace(lines[i].text))) continue;
        texts.push_back(lines[i].text);
        confidence += lines[i].confidence;
        box = box.area() ? (box | lines[i].box) : lines[i].box;
      }
      const ParsedValue parsed = ParseValue(spec.type, NormalizeParagraph(texts), spec.choices);
      return Result(spec, parsed, NormalizeParagraph(texts), box.area() ? box : v.box, *v.page,
                    texts.empty() ? 0.95 : confidence / texts.size());
    }
    // The date: the first date-like line after the （盖章） line (or anywhere, when none).
    for (size_t i = seal_line >= 0 ? seal_line : 0; i < lines.size(); ++i) {
      const std::string compact = RemoveWhitespace(lines[i].text);
      if (!kDateLike.Search(compact) && compact != "年月日") continue;
      const ParsedValue parsed = ParseValue(FieldType::kDate, TrimJunk(compact), {});
      if (parsed.valid) return Result(spec, parsed, lines[i].raw, lines[i].box, *v.page, lines[i].confidence);
    }
    // A date line a seal smudged ("ss2021年7有月23 B"): year, month and day as numbers.
    static const UnicodeRegex kLooseDate(R"((?<y>(19|20)\d{2})\D{0,3}(?<m>\d{1,2})\D{0,3}(?<d>\d{1,2}))");
    for (size_t i = seal_line >= 0 ? seal_line + 1 : 0; i < lines.size(); ++i) {
      std::map<std::string, std::string> g;
      const std::string compact = ToHalfWidth(RemoveWhitespace(lines[i].text));
      if (!kLooseDate.Search(compact, &g)) continue;
      const ParsedValue parsed = ParseValue(FieldType::kDate, g["y"] + "年" + g["m"] + "月" + g["d"] + "日", {});
      if (!parsed.valid || parsed.blank) continue;
      FieldResult f = Result(spec, parsed, lines[i].raw, lines[i].box, *v.page, lines[i].confidence * 0.8);
      f.correction = lines[i].text + "→" + parsed.value.get<std::string>();
      f.confidence = FieldConfidence(f.ocr_confidence, FieldType::kDate, true, false, f.under_seal, true);
      return f;
    }
    // No date line read: blank on paper.
    return Result(spec, ParseValue(FieldType::kDate, "", {}), "", v.box, *v.page, 0.8);
  }

  FieldResult Result(const FieldSpec& spec, const ParsedValue& parsed, const std::string& text, const cv::Rect& box,
                     const AnalyzedPage& page, double ocr_confidence) {
    FieldResult f;
    f.value = parsed.value;
    f.text = text;
    f.valid = parsed.valid;
    f.error = parsed.error;
    f.correction = parsed.correction;
    f.page = page.image.page;
    f.bbox = box;
    f.ocr_confidence = ocr_confidence;
    f.under_seal = UnderSeal(box, page.seals);
    f.confidence = FieldConfidence(ocr_confidence, spec.type, f.valid, parsed.blank, f.under_seal, !f.correction.empty());
    return f;
  }

  // The form's value wins over a text line's (a cover page); they must agree.
  void Merge(const FieldSpec& spec, FieldResult f) {
    for (auto& [id, existing] : record_.fields) {
      if (id != spec.id) continue;
      if (!existing.value.is_null() && !f.value.is_null() && existing.value != f.value)
        record_.validation.push_back({"warning", spec.id, "cover-mismatch",
                                      "封面与表内填写不一致：" + (existing.value.is_string() ? existing.value.get<std::string>() : existing.value.dump())});
      if (f.value.is_null() && !existing.value.is_null()) return;  // the form cell is blank
      existing = std::move(f);
      return;
    }
    record_.fields.emplace_back(spec.id, std::move(f));
  }

  void FillStamp(const StampSpec& spec, const AnalyzedPage& page, const ocr::SealCandidate& seal, StampResult& stamp) {
    stamp.present = true;
    stamp.page = page.image.page;
    stamp.bbox = seal.bbox;
    stamp.color = seal.color;
    stamp.confidence = seal.confidence;
    const cv::Mat& source = page.image.has_color() ? page.image.color : page.image.gray;
    if (source.empty()) return;
    const int pad = seal.bbox.width / 10;
    const cv::Rect area = cv::Rect(seal.bbox.x - pad, seal.bbox.y - pad, seal.bbox.width + 2 * pad,
                                   seal.bbox.height + 2 * pad) & cv::Rect(0, 0, source.cols, source.rows);
    stamp.crop = options_.crop_prefix + "/" + spec.id + ".png";
    record_.crops.push_back({stamp.crop, source(area).clone()});
    // The seal's arc text against the unit the form names.
    std::string owner;
    for (const auto& [id, f] : record_.fields)
      if (id == spec.owner_field && f.value.is_string()) owner = f.value.get<std::string>();
    ReadSealOwner(page, seal, owner, spec.owner_kinds, engine_, stamp, record_);
  }

  // A small table inside the form: its header row anywhere, then rows of as many cells.
  void ReadEmbedded(const TableSpec& table, std::vector<FieldMap>& rows) {
    const int needed = table.min_header_match > 0 ? table.min_header_match
                                                  : std::max(2, static_cast<int>((table.columns.size() + 1) / 2));
    for (size_t i = 0; i < cells_.size(); ++i) {
      // Cells of row i's row, left to right.
      auto row_cells = [&](size_t first) {
        std::vector<int> out;
        for (size_t j = first; j < cells_.size() && SameRow(cells_[j], cells_[first]); ++j)
          if (cells_[j].row == cells_[first].row) out.push_back(static_cast<int>(j));
        return out;
      };
      if (i > 0 && SameRow(cells_[i - 1], cells_[i])) continue;  // not a row start
      const std::vector<int> header = row_cells(i);
      // Header cells to columns, best-scoring pairs first (单价 and 总价 look alike).
      std::vector<int> column_of(header.size(), -1);
      std::vector<std::tuple<double, size_t, size_t>> pairs;
      auto add_pairs = [&](size_t k) {
        for (size_t s = 0; s < table.columns.size(); ++s)
          if (const double score = LabelScore(cells_[header[k]].text, table.columns[s].labels); score > 0)
            pairs.emplace_back(score, k, s);
      };
      for (size_t k = 0; k < header.size(); ++k)
        if (cells_[header[k]].read) add_pairs(k);
      // A row that has column labels may have one among the cells left unread.
      if (!pairs.empty())
        for (size_t k = 0; k < header.size(); ++k)
          if (cells_[header[k]].deferred) ReadKvCell(cells_[header[k]], engine_), add_pairs(k);
      std::sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) { return std::get<0>(a) > std::get<0>(b); });
      std::vector<bool> used(table.columns.size(), false);
      int matched = 0;
      for (const auto& [score, k, s] : pairs)
        if (column_of[k] < 0 && !used[s]) column_of[k] = static_cast<int>(s), used[s] = true, ++matched;
      if (matched < needed) continue;
      size_t next = header.back() + 1;
      while (next < cells_.size()) {
        const std::vector<int> body = row_cells(next);
        if (body.size() != header.size()) break;
        FieldMap row;
        for (size_t k = 0; k < body.size(); ++k) {
          if (column_of[k] < 0) continue;
          const ColumnSpec& column = table.columns[column_of[k]];
          const KvCell& c = cells_[body[k]];
          FieldResult f = ReadValue(c.page->ocr_gray, c.box, c.page->image.page, column.type, column.choices, engine_,
                                    /*follow_overflow=*/false, form_.lexicon.get());
          RetryNumber(column.type, column.choices, f);
          f.under_seal = UnderSeal(c.box, c.page->seals);
          f.confidence = FieldConfidence(f.ocr_confidence, column.type, f.valid, f.value.is_null() && f.text.empty(),
                                         f.under_seal, !f.correction.empty());
          row.emplace_back(column.id, std::move(f));
        }
        FieldMap ordered;  // template order
        for (const ColumnSpec& column : table.columns)
          for (auto& kv : row)
            if (kv.first == column.id) ordered.push_back(std::move(kv));
        rows.push_back(std::move(ordered));
        next = body.back() + 1;
      }
      return;
    }
  }

  const FormTemplate& form_;
  ocr::OcrEngine& engine_;
  const ReadOptions& options_;
  Record& record_;
  std::vector<KvCell> cells_;
  std::map<std::string, int> label_of_;
  std::set<std::string> whole_cell_values_;  // fields read as one cell's value (ReadValue)
  std::map<const KvCell*, std::vector<TextLine>> lines_of_;
};

}  // namespace

void ReadKeyValueForm(const FormTemplate& form, std::vector<AnalyzedPage>& pages, ocr::OcrEngine& engine,
                      const ReadOptions& options, Record& record) {
  KeyValueReader reader(form, pages, engine, options, record);
  reader.ReadFields();
  reader.ReadEmbeddedTables();
  reader.ReadStampZones();
}

}  // namespace shenbao::extract
