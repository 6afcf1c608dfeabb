#include "extract/kv_labels.h"

#include <algorithm>

#include "extract/classify.h"
#include "extract/normalize.h"

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

// Another field's label fits this cell better: long labels that differ in a word
// or two (通信管理局负责人, 通信管理局推荐意见) are each the other's 0.8 match,
// and a misread of one must not make it the other's.
bool BetterForAnother(const std::vector<FieldSpec>& fields, const std::string& text,
                      const std::vector<std::string>& labels, double score) {
  for (const FieldSpec& other : fields)
    if (other.locate == Locate::kLabel && other.labels != labels && LabelScore(text, other.labels) > score)
      return true;
  return false;
}

}  // namespace

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

bool IsSomeLabel(const std::vector<FieldSpec>& fields, const std::string& text) {
  for (const FieldSpec& spec : fields)
    if (spec.locate == Locate::kLabel && LabelScore(text, spec.labels) > 0) return true;
  return false;
}

int FindLabelCell(const std::vector<FieldSpec>& fields, const std::vector<KvCell>& cells,
                  const std::vector<std::string>& labels, size_t start, bool first_only) {
  int best = -1;
  double best_score = 0;
  for (size_t i = start; i < cells.size(); ++i) {
    if (!cells[i].read) continue;
    double s = LabelScore(cells[i].text, labels);
    std::string ignored;
    if (s == 0 && SameCellValue(cells[i].text, labels, &ignored)) s = 0.76;
    if (s > 0 && BetterForAnother(fields, cells[i].text, labels, s)) continue;
    if (s > best_score) best = static_cast<int>(i), best_score = s;
    if (first_only && best >= 0) break;
  }
  return best;
}

}  // namespace shenbao::extract
