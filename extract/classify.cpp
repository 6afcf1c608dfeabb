#include "extract/classify.h"

#include <algorithm>
#include <regex>

#include "extract/normalize.h"

namespace shenbao::extract {

double Similarity(std::string_view a, std::string_view b) {
  if (a.empty() && b.empty()) return 1.0;
  // Lengths in code points: count UTF-8 lead bytes.
  auto cps = [](std::string_view s) {
    return static_cast<int>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
  };
  const int longer = std::max(cps(a), cps(b));
  return longer == 0 ? 0.0 : 1.0 - static_cast<double>(EditDistance(a, b)) / longer;
}

namespace {

// The title without its year and without whitespace: "2024年国家5G…" → "国家5G…".
std::string TitleCore(const std::string& line) {
  static const std::regex kYearPrefix(R"(^.*?\d{4}\s*年)");
  std::string core = RemoveWhitespace(line);
  return std::regex_replace(core, kYearPrefix, "", std::regex_constants::format_first_only);
}

// Best similarity of `name` to any window of `text` of about the same length, so a
// title line that also carries "附件2" or a stray mark still matches.
double BestWindowSimilarity(const std::string& text, const std::string& name) {
  double best = Similarity(text, name);
  // Walk code-point boundaries.
  std::vector<size_t> starts;
  for (size_t i = 0; i < text.size(); ++i)
    if ((text[i] & 0xC0) != 0x80) starts.push_back(i);
  const size_t name_cps = std::count_if(name.begin(), name.end(), [](char c) { return (c & 0xC0) != 0x80; });
  if (starts.size() <= name_cps) return best;
  starts.push_back(text.size());
  for (size_t s = 0; s + name_cps < starts.size(); ++s) {
    for (int extra : {-1, 0, 1}) {
      const long end_index = static_cast<long>(s + name_cps) + extra;
      if (end_index <= static_cast<long>(s) || end_index >= static_cast<long>(starts.size())) continue;
      best = std::max(best, Similarity(std::string_view(text).substr(starts[s], starts[end_index] - starts[s]), name));
    }
  }
  return best;
}

// Anywhere in the candidate: a stray mark read before it ("目附件：…") or a line paired
// with the one above must not turn the list into a title.
bool IsAttachmentList(const std::string& compact) {
  for (const char* marker : {"附件：", "附件:"})
    if (compact.find(marker) != std::string::npos) return true;
  // The list's later items ("2.2022年…申报书", "3.2022年…汇总表") carry no 附件 of their
  // own. A form's title never starts with an item number; its year ("2024年") is no
  // item number: one or two digits and a stop or comma are.
  static const std::regex kItemNumber(R"(^(\d{1,2}(\.|．|、|,|，)|(\(|（)\d{1,2}(\)|）)))");  // bytes: no [（]
  return std::regex_search(compact, kItemNumber);
}

}  // namespace

TemplateMatch ClassifyPage(const AnalyzedPage& page, const std::vector<FormTemplate>& templates) {
  TemplateMatch best;
  const int page_height = page.image.height() > 0 ? page.image.height() : 1;
  // Candidates: each line in the top part of the page, and each pair of adjacent
  // lines (a long title wraps).
  struct Candidate {
    int index;
    std::string text;
    cv::Rect box;
  };
  std::vector<Candidate> candidates;
  for (size_t i = 0; i < page.lines.size(); ++i) {
    const TextLine& line = page.lines[i];
    // Automatic layout may list a lower block first: skip, don't stop.
    if (line.box.y > page_height * 0.45) continue;
    candidates.push_back({static_cast<int>(i), line.text, line.box});
    if (i + 1 < page.lines.size() && page.lines[i + 1].box.y < page_height * 0.45)
      candidates.push_back({static_cast<int>(i), line.text + page.lines[i + 1].text, line.box | page.lines[i + 1].box});
  }
  for (const FormTemplate& form : templates) {
    for (const Candidate& c : candidates) {
      const std::string compact = RemoveWhitespace(c.text);
      // "附件：…申报表" lists a letter's attachments; the attachment itself is headed
      // "附件" or "附件2" alone, with its title below.
      if (IsAttachmentList(compact)) continue;
      std::map<std::string, std::string> groups;
      const bool pattern_hit = form.title_pattern && form.title_pattern->Search(compact, &groups);
      double similarity = pattern_hit ? 1.0 : BestWindowSimilarity(TitleCore(compact), form.name);
      if (similarity < kMinTitleSimilarity) continue;
      // Keywords: how many of the form's other words appear on the page.
      int hits = 0;
      for (const std::string& k : form.keywords)
        for (const TextLine& l : page.lines)
          if (l.text.find(k) != std::string::npos) {
            ++hits;
            break;
          }
      const double keyword_share = form.keywords.empty() ? 1.0 : static_cast<double>(hits) / form.keywords.size();
      const double score = 0.85 * similarity + 0.15 * keyword_share;
      if (score > best.score) {
        best.form = &form;
        best.score = score;
        best.title_line = c.index;
        best.title_text = compact;
        best.title_box = c.box;
        best.title_groups = groups;
      }
    }
  }
  return best;
}

}  // namespace shenbao::extract
